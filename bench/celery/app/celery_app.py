"""The Celery application of the replaced system, reduced to what the benchmark needs.

Same task names as the seed (app.tasks.queue_tasks.process_queue1/2), protocol v2, JSON only,
Celery's defaults otherwise (early acknowledgement, prefetch multiplier 4).
"""
import os

from celery import Celery

app = Celery(
    "app",
    broker=os.environ.get("BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//"),
    include=["app.tasks.queue_tasks"],
)
app.conf.update(
    task_protocol=2,
    task_serializer="json",
    accept_content=["json"],
    result_backend=None,
    task_ignore_result=True,
    worker_hijack_root_logger=False,
)
