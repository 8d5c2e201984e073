"""The seed's tasks: they received one payload and did nothing with it."""
from app.celery_app import app


@app.task
def process_queue1(payload):
    """Orders."""
    return None


@app.task
def process_queue2(payload):
    """Payments."""
    return None
