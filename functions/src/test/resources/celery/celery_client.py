"""The replaced system's side of the migration test: a Celery 5 client (Debian's python3-celery),
sending tasks to a vazao worker's queue and reading their results from the Redis result backend.

  roundtrip   both task names, a task the Java function fails, a task with a countdown and the
              payload as keyword; prints what AsyncResult.get() returned for each
  mixed N     N Celery task messages and N plain JSON orders, interleaved, with publisher confirms
  poison      a pickled task, a protocol-1 task, an unknown task name and an expired task

Environment: QUEUE (the worker's queue, bound to business_exchange with its own name as routing
key), RUN (unique per test run: in every id), BROKER_URL, RESULT_URL. Prints one JSON object.
Run with /usr/bin/python3.
"""
import datetime
import json
import os
import sys
import time

from celery import Celery
from kombu import Exchange, Queue

TASK_ORDERS = "app.tasks.queue_tasks.process_queue1"
TASK_PAYMENTS = "app.tasks.queue_tasks.process_queue2"
QUEUE = os.environ["QUEUE"]
RUN = os.environ["RUN"]
TIMEOUT = float(os.environ.get("RESULT_TIMEOUT", "60"))


def client(protocol=2, confirm=True):
    app = Celery("client", broker=os.environ["BROKER_URL"], backend=os.environ["RESULT_URL"])
    app.conf.update(
        task_protocol=protocol,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # As the old producers route: through business_exchange, here with the queue's own name as key.
        task_queues=[Queue(QUEUE, Exchange("business_exchange", type="direct"), routing_key=QUEUE)],
        broker_transport_options={"confirm_publish": confirm},
    )
    return app


def order(order_id):
    return {"id": order_id, "type": "order", "timestamp": "2026-11-02T10:15:00Z",
            "data": {"customer": {"id": "CUST-4821", "name": "Customer 17", "email": "customer17@example.com",
                                  "address": {"street": "512 Main St", "city": "Chicago", "state": "IL",
                                              "zip": "60601"}},
                     "product": {"name": "Laptop", "quantity": 2, "unit_price": 1250.00, "total": 2500.00},
                     "status": "pending", "shipping_method": "express", "notes": "Fragile"}}


def payment(payment_id):
    return {"id": payment_id, "type": "payment", "timestamp": "2026-11-28T14:00:00Z",
            "data": {"order_id": "ORD-48213", "amount": 99.5, "payment_method": "credit_card",
                     "status": "approved", "transaction_id": "TRX-531947",
                     "payment_details": {"processor": "stripe", "currency": "USD", "installments": 1,
                                         "card_type": "visa", "card_last_four": "4242"}}}


def outcome(result):
    """What the old Python code sees: the value, or the exception get() raises."""
    try:
        return {"status": "SUCCESS", "value": result.get(timeout=TIMEOUT)}
    except Exception as e:  # the point: report whatever get() raised
        return {"status": result.status, "exc_type": type(e).__name__, "exc_message": str(e)}


def send(app, task, task_id, **options):
    return app.send_task(task, queue=QUEUE, task_id=f"{RUN}-{task_id}", **options)


def roundtrip():
    app = client()
    sent = {
        "order": send(app, TASK_ORDERS, "order", args=[order(f"ORD-{RUN}-rt")]),
        "payment": send(app, TASK_PAYMENTS, "payment", args=[payment(f"PAY-{RUN}-rt")]),
        "broken": send(app, TASK_ORDERS, "broken", args=[order(f"BROKEN-{RUN}")]),
    }
    out = {name: outcome(r) for name, r in sent.items()}
    start = time.monotonic()
    later = send(app, TASK_ORDERS, "countdown", kwargs={"payload": order(f"ORD-{RUN}-later")}, countdown=2)
    out["countdown"] = outcome(later)
    out["countdown"]["waited"] = round(time.monotonic() - start, 3)
    return out


def mixed(n):
    # py-amqp waits for each confirm in turn (about 100 messages/s on a loaded machine); unconfirmed
    # publishes are enough here, since the test counts every message on the worker's side.
    app = client(confirm=False)
    with app.producer_or_acquire() as producer:
        for i in range(n):
            send(app, TASK_ORDERS, f"c-{i}", args=[order(f"CEL-{RUN}-{i}")], producer=producer)
            producer.publish(order(f"PLN-{RUN}-{i}"), exchange="business_exchange", routing_key=QUEUE,
                             serializer="json", delivery_mode=2, retry=True)
    return {"sent": 2 * n}


def poison():
    app = client()
    send(app, TASK_ORDERS, "pickle", args=[order(f"ORD-{RUN}-pickle")], serializer="pickle")
    send(client(protocol=1), TASK_ORDERS, "proto1", args=[order(f"ORD-{RUN}-proto1")])
    send(app, "app.tasks.queue_tasks.process_queue9", "unknown", args=[order(f"ORD-{RUN}-unknown")])
    gone = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
    expired = send(app, TASK_ORDERS, "expired", args=[order(f"ORD-{RUN}-expired")], expires=gone)
    return {"expired": outcome(expired)}


def main(argv):
    if argv[:1] == ["roundtrip"]:
        out = roundtrip()
    elif argv[:1] == ["mixed"] and len(argv) == 2:
        out = mixed(int(argv[1]))
    elif argv[:1] == ["poison"]:
        out = poison()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
