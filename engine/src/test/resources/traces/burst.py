#!/usr/bin/env python3
"""Writes burst.json: the built-in 'burst' scenario through a fluid model of RabbitMQ and workers.

Not a broker recording: a reproducible stand-in of the same shape as one (see docs/decision-engine.md).
Run from this folder: python3 burst.py
"""
import json
import math

QUEUES = {
    "business_queue_1": {"steady": 20.0, "burst": 20000, "at": 5, "cap": 150.0},
    "business_queue_2": {"steady": 30.0, "burst": 20000, "at": 5, "cap": 100.0},
}
POLICY = {"minWorkers": 1, "maxWorkers": 10, "messagesPerWorker": 200, "targetDrainSeconds": 30,
          "expectedRatePerWorker": 120.0, "paused": False, "scaleDownStabilizationSeconds": 30, "mode": "adaptive"}
WEIGHTS = {"business_queue_1": 0.4, "business_queue_2": 0.6}
PREFETCH = 16       # unacked = min(depth, prefetch x live workers)
START_DELAY = 3     # seconds before a new worker consumes
RATE_WINDOW = 5     # the management API's rates are averages over recent samples
TICKS = 120
OUTAGE = {60, 61}   # management API unreachable: inputs missing


def main():
    state = {q: {"backlog": 0.0, "live": 1, "pending": [], "pubs": [], "acks": [], "want": 1, "low": 0}
             for q in QUEUES}
    ticks = []
    for t in range(TICKS + 1):
        tick = {"t": t, "hostCpuPercent": None, "queues": {}}
        for q, c in QUEUES.items():
            s = state[q]
            published = c["steady"] + (c["burst"] if t == c["at"] else 0)
            s["backlog"] += published
            served = min(s["backlog"], s["live"] * c["cap"])
            s["backlog"] -= served
            s["pubs"] = (s["pubs"] + [published])[-RATE_WINDOW:]
            s["acks"] = (s["acks"] + [served])[-RATE_WINDOW:]
            publish_rate = sum(s["pubs"]) / len(s["pubs"])
            ack_rate = sum(s["acks"]) / len(s["acks"])
            depth = int(round(s["backlog"]))
            unacked = min(depth, PREFETCH * s["live"])
            # the workers follow a simple backlog rule (what was running while the trace was taken)
            want = max(1, min(10, math.ceil((depth / 30 + c["steady"]) / c["cap"])))
            if want > s["want"]:
                s["pending"].append((t + START_DELAY, want))
                s["want"], s["low"] = want, 0
            elif want < s["want"]:
                s["low"] += 1
                if s["low"] >= 30:
                    s["want"] = s["live"] = want
                    s["low"] = 0
            for at, w in list(s["pending"]):
                if at <= t:
                    s["live"] = max(s["live"], w)
                    s["pending"].remove((at, w))
            live = s["live"]
            tick["queues"][q] = None if t in OUTAGE else {
                "ready": depth - unacked, "unacked": unacked, "consumers": live,
                "publishRate": round(publish_rate, 1), "ackRate": round(ack_rate, 1), "liveWorkers": live,
                "perWorkerRate": round(ack_rate / live, 1) if live > 0 else None, "source": "management"}
        ticks.append(tick)
    trace = {
        "description": "The built-in 'burst' scenario (20,000 messages per queue at t=5 s over a light steady "
                       "load) through a fluid model of the broker and the workers (prefetch 16, 150/s and 100/s "
                       "per worker, 3 s worker start, management rates over 5 s), one snapshot per 1 s tick; the "
                       "management API is unreachable at t=60 and t=61.",
        "tickMillis": 1000, "budget": 20,
        "policies": {q: {"weight": WEIGHTS[q], **POLICY} for q in QUEUES},
        "ticks": ticks}
    with open("burst.json", "w") as f:
        json.dump(trace, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
