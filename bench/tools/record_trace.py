"""Records an arrival trace for the simulator (vazao simulate --scenario FILE).

Declares the given queues with no consumer and samples their message counts every BUCKET seconds
through AMQP passive declares (real time, unlike the management API's 5 s statistics): with nothing
consuming, the growth of a queue is exactly what was published to it. Writes the simulator's trace
format. Point publishers at these queues while it runs; it deletes them at the end.

  record_trace.py NAME SECONDS BUCKET OUT QUEUE[=AS] [QUEUE[=AS] ...]

QUEUE=AS records QUEUE under the name AS (e.g. a private queue recorded as business_queue_1).
Uses Debian's python3-amqp; run with /usr/bin/python3.
"""
import json
import os
import sys
import time

import amqp


def main(argv):
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    name, seconds, bucket, out = argv[0], float(argv[1]), float(argv[2]), argv[3]
    pairs = [q.split("=", 1) if "=" in q else [q, q] for q in argv[4:]]
    conn = amqp.Connection(host=f"{os.environ.get('RABBITMQ_HOST', '127.0.0.1')}:{os.environ.get('RABBITMQ_PORT', '5672')}",
                           userid=os.environ.get("RABBITMQ_USERNAME", "guest"),
                           password=os.environ.get("RABBITMQ_PASSWORD", "guest"))
    conn.connect()
    ch = conn.channel()
    for queue, _ in pairs:
        ch.queue_declare(queue, durable=False, auto_delete=False)
    last = {queue: 0 for queue, _ in pairs}
    counts = {alias: [] for _, alias in pairs}
    start = time.monotonic()
    buckets = int(round(seconds / bucket))
    try:
        for i in range(1, buckets + 1):
            time.sleep(max(0.0, start + i * bucket - time.monotonic()))
            for queue, alias in pairs:
                _, messages, _ = ch.queue_declare(queue, passive=True)
                counts[alias].append(max(0, messages - last[queue]))
                last[queue] = messages
    finally:
        for queue, _ in pairs:
            ch.queue_delete(queue)
        conn.close()
    trace = {"name": name,
             "description": f"recorded {time.strftime('%Y-%m-%d', time.gmtime())}: messages published per "
                            f"{bucket:g} s bucket, sampled from the broker",
             "bucketSeconds": bucket, "queues": counts}
    with open(out, "w") as f:
        json.dump(trace, f)
        f.write("\n")
    print(json.dumps({alias: sum(c) for alias, c in counts.items()}))


if __name__ == "__main__":
    main(sys.argv[1:])
