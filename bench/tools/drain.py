"""Fills a queue and times how fast a consumer drains it, for bench/celery-vs-worker.sh.

  fill-celery QUEUE N   N Celery protocol v2 JSON task messages for process_queue1, each with one
                        order payload (the headers and body Celery's send_task writes)
  fill-plain QUEUE N    N plain JSON order payloads (what vazao's functions consume), published to
                        the default exchange with the queue's name as routing key
  trickle QUEUE RATE SECS  plain JSON orders at RATE per second for SECS seconds
  consumers QUEUE N [SECS] waits until the queue has at least N consumers
  watch QUEUE N [SECS]  polls the queue (passive declare: real time, unlike the management API's
                        5 s statistics) until it is empty; prints JSON with the drain rate, timed
                        from the first message taken to the queue being empty, and the steady
                        rate, timed from the first 20 % taken

Uses Debian's python3-celery (and its python3-amqp); run with /usr/bin/python3.
"""
import json
import os
import sys
import time
import uuid

import amqp

BROKER_HOST = os.environ.get("RABBITMQ_HOST", "127.0.0.1")
BROKER_PORT = int(os.environ.get("RABBITMQ_PORT", "5672"))
USER = os.environ.get("RABBITMQ_USERNAME", "guest")
PASSWORD = os.environ.get("RABBITMQ_PASSWORD", "guest")


def order(n, run):
    key = f"{run}-{n}"
    quantity = 1 + n % 5
    unit_price = 800.0 + (n % 1200)
    return {
        "id": f"ORD-{key}", "type": "order", "timestamp": "2026-11-02T10:15:00Z",
        "data": {
            "customer": {"id": f"CUST-{n % 10000}", "name": f"Customer {n % 10000}",
                         "email": f"customer{n % 10000}@example.com",
                         "address": {"street": "512 Main St", "city": "Chicago", "state": "IL", "zip": "60601"}},
            "product": {"name": "Laptop", "quantity": quantity, "unit_price": unit_price,
                        "total": round(unit_price * quantity, 2)},
            "status": "pending", "shipping_method": "express", "notes": "Fragile"}}


def connect():
    conn = amqp.Connection(host=f"{BROKER_HOST}:{BROKER_PORT}", userid=USER, password=PASSWORD)
    conn.connect()
    return conn


def celery_message(payload, task="app.tasks.queue_tasks.process_queue1"):
    """A task message exactly as Celery 5's protocol 2 with the JSON serializer writes it."""
    task_id = str(uuid.uuid4())
    headers = {
        "lang": "py", "task": task, "id": task_id, "shadow": None, "eta": None, "expires": None,
        "group": None, "group_index": None, "retries": 0, "timelimit": [None, None],
        "root_id": task_id, "parent_id": None, "argsrepr": repr([payload]), "kwargsrepr": "{}",
        "origin": f"bench@{os.uname().nodename}", "ignore_result": False,
    }
    body = json.dumps([[payload], {}, {"callbacks": None, "errbacks": None, "chain": None, "chord": None}])
    return amqp.Message(body, content_type="application/json", content_encoding="utf-8",
                        application_headers=headers, correlation_id=task_id, reply_to=str(uuid.uuid4()),
                        delivery_mode=2, priority=0)


def fill_celery(queue, count):
    run = uuid.uuid4().hex[:8]
    conn = connect()
    ch = conn.channel()
    # Declared as Celery declares a task queue (durable, no arguments), so the worker can share it.
    ch.queue_declare(queue, durable=True, auto_delete=False)
    for n in range(count):
        ch.basic_publish(celery_message(order(n, run)), exchange="", routing_key=queue)
    conn.close()


def fill_plain(queue, count):
    run = uuid.uuid4().hex[:8]
    conn = connect()
    ch = conn.channel()
    for n in range(count):
        body = json.dumps(order(n, run))
        ch.basic_publish(amqp.Message(body, content_type="application/json", delivery_mode=2,
                                      message_id=f"ORD-{run}-{n}"), exchange="", routing_key=queue)
    conn.close()


def trickle(queue, rate, seconds):
    run = uuid.uuid4().hex[:8]
    conn = connect()
    ch = conn.channel()
    start = time.monotonic()
    sent = 0
    while True:
        elapsed = time.monotonic() - start
        if elapsed >= seconds:
            break
        due = int(elapsed * rate)
        while sent < due:
            ch.basic_publish(amqp.Message(json.dumps(order(sent, run)), content_type="application/json",
                                          delivery_mode=2), exchange="", routing_key=queue)
            sent += 1
        time.sleep(0.01)
    conn.close()


def ready(ch, queue):
    _, messages, consumers = ch.queue_declare(queue, passive=True)
    return messages, consumers


def watch(queue, count, limit):
    """Times the drain from the first message taken; also from the first 20 % taken ("steady"), which
    leaves out a consumer's warm-up (a JVM that is still compiling, a pool still forking)."""
    conn = connect()
    ch = conn.channel()
    start = time.monotonic()
    first = None
    warm = None
    while True:
        messages, consumers = ready(ch, queue)
        now = time.monotonic()
        if first is None and messages < count:
            first = now
        if warm is None and messages <= count * 0.8:
            warm = now
        if first is not None and messages == 0:
            break
        if now - start > limit:
            print(json.dumps({"queue": queue, "error": "not drained", "left": messages}))
            sys.exit(1)
        time.sleep(0.02)
    seconds = now - first
    steady_seconds = max(now - warm, 1e-3)
    conn.close()
    print(json.dumps({"queue": queue, "messages": count, "seconds": round(seconds, 3),
                      "rate": round(count / seconds, 1),
                      "steady_rate": round(count * 0.8 / steady_seconds, 1), "consumers": consumers}))


def wait_consumers(queue, count, limit):
    conn = connect()
    ch = conn.channel()
    start = time.monotonic()
    while True:
        try:
            _, consumers = ready(ch, queue)
        except amqp.exceptions.NotFound:
            ch = conn.channel()  # a failed passive declare closes the channel
            consumers = 0
        if consumers >= count:
            break
        if time.monotonic() - start > limit:
            print(json.dumps({"queue": queue, "error": "no consumer", "consumers": consumers}))
            sys.exit(1)
        time.sleep(0.2)
    conn.close()


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    cmd, queue = argv[0], argv[1]
    count = int(float(argv[2]))
    if cmd == "fill-celery":
        fill_celery(queue, count)
    elif cmd == "fill-plain":
        fill_plain(queue, count)
    elif cmd == "trickle":
        trickle(queue, float(argv[2]), float(argv[3]))
    elif cmd == "consumers":
        wait_consumers(queue, count, float(argv[3]) if len(argv) > 3 else 300)
    elif cmd == "watch":
        watch(queue, count, float(argv[3]) if len(argv) > 3 else 600)
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
