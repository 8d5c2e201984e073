#!/usr/bin/env bash
# Latency at a steady rate: one worker process against RabbitMQ PerfTest's consumer, same broker, same run.
#
# A PerfTest producer publishes RATE persistent messages a second (a seed-shaped order, stamped with
# the publish time in epoch milliseconds: header `timestamp`, `--use-millis`) for WARMUP + DURATION
# seconds, first to a queue drained by a PerfTest consumer (qos PREFETCH, an ack per message), then to
# a queue drained by one vazao worker (no simulated work, prefetch PREFETCH). Latency is from the
# publish stamp to the end of the consumer's work: PerfTest's consumer reports its own per interval;
# the worker records it when its function returns (`vazao_publish_to_end_seconds`, buckets of 1 ms up
# to 20 ms), read from its /q/metrics at every interval. Stamps are whole milliseconds on both sides.
# The WARMUP seconds are left out; p50 and p99 are the medians over the INTERVAL-second intervals of
# the measured DURATION; the worker's p99.9 is over the whole measured DURATION (PerfTest reports up
# to p99).
#
#   bench/worker-latency.sh                              # RATE=2000 WARMUP=20 DURATION=60
#   RATE=1000 DURATION=30 bench/worker-latency.sh
#
# Needs RabbitMQ (with the management plugin) and Redis on 127.0.0.1, a JDK 17+, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-2000}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-60}
INTERVAL=${INTERVAL:-10}
PREFETCH=${PREFETCH:-16}
PERFTEST_VERSION=${PERFTEST_VERSION:-2.22.1}
MGMT=${MGMT:-http://127.0.0.1:15672}
RUN=$(date +%s)-$$
WORKER_QUEUE=bench-latency-worker-$RUN
PERFTEST_QUEUE=bench-latency-perftest-$RUN
OUT=bench/target
mkdir -p "$OUT"
TOTAL=$((WARMUP + DURATION))
if [ "$DURATION" -lt $((2 * INTERVAL)) ]; then
  echo "bench: DURATION ($DURATION s) must cover at least two INTERVALs ($INTERVAL s each)" >&2
  exit 2
fi

log() { printf '[bench] %s\n' "$*" >&2; }
mgmt() { curl -sf -u guest:guest -H 'content-type: application/json' "$@"; }

WORKER_PID=
CONSUMER_PID=
cleanup() {
  for pid in "$WORKER_PID" "$CONSUMER_PID"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  for q in "$WORKER_QUEUE" "$WORKER_QUEUE.dlq" "$PERFTEST_QUEUE"; do
    mgmt -X DELETE "$MGMT/api/queues/%2F/$q" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

# --- the two programs -------------------------------------------------------------------------
# shellcheck source=tools/perftest.sh
. bench/tools/perftest.sh


declare_queue() { # queue: durable, no arguments, bound to the work exchange (as the worker declares it)
  mgmt -X PUT "$MGMT/api/exchanges/%2F/business_exchange" -d '{"type":"direct","durable":true}' >/dev/null
  mgmt -X PUT "$MGMT/api/queues/%2F/$1" -d '{"durable":true,"auto_delete":false,"arguments":{}}' >/dev/null
  mgmt -X POST "$MGMT/api/bindings/%2F/e/business_exchange/q/$1" -d "{\"routing_key\":\"$1\"}" >/dev/null
}
publish() { # queue log: RATE msg/s for WARMUP + DURATION seconds, stamped in epoch milliseconds
  perftest --predeclared --exchange business_exchange --routing-key "$1" --queue "$1" \
    --producers 1 --consumers 0 --rate "$RATE" --flag persistent --use-millis \
    --body "$BODY" --body-content-type application/json --auto-delete false \
    -z "$TOTAL" -i "$INTERVAL" --id "latency-producer" > "$2" 2>&1
}

# --- PerfTest's consumer ---------------------------------------------------------------------------
declare_queue "$PERFTEST_QUEUE"
log "PerfTest consumer: qos $PREFETCH, an ack per message; $RATE msg/s for ${WARMUP}s warm-up + ${DURATION}s"
# PerfTest's consumer times only messages of its own routing key, and reads the stamp from the
# header only when it is given a body file as well.
perftest --predeclared --queue "$PERFTEST_QUEUE" --routing-key "$PERFTEST_QUEUE" --body "$BODY" \
  --producers 0 --consumers 1 --qos "$PREFETCH" --multi-ack-every 0 --use-millis \
  -z $((TOTAL + 4)) -i "$INTERVAL" --id "latency-consumer" \
  > "$OUT/latency-perftest-consumer.log" 2>&1 &
CONSUMER_PID=$!
sleep 2
publish "$PERFTEST_QUEUE" "$OUT/latency-perftest-producer.log"
wait "$CONSUMER_PID" || true
CONSUMER_PID=
# Interval lines of the consumer: "time T s, received: R msg/s, min/median/75th/95th/99th consumer latency: a/b/c/d/e ms".
PERFTEST_STATS=$(python3 - "$OUT/latency-perftest-consumer.log" "$WARMUP" "$TOTAL" <<'PY'
import re, statistics, sys
path, warmup, total = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
p50, p99 = [], []
for line in open(path):
    m = re.search(r'time ([\d.]+) s, received: ([\d.]+) msg/s, min/median/75th/95th/99th consumer latency: '
                  r'(\d+)/(\d+)/(\d+)/(\d+)/(\d+) ms', line)
    # the consumer started 2 s before the producer
    if m and float(m.group(2)) > 0 and warmup + 2 < float(m.group(1)) <= total + 2 + 0.5:
        p50.append(int(m.group(4))); p99.append(int(m.group(7)))
print(statistics.median(p50) if p50 else 'nan', statistics.median(p99) if p99 else 'nan', len(p50))
PY
)
log "PerfTest consumer: p50 p99 (ms) and measured intervals: $PERFTEST_STATS"

# --- the worker ------------------------------------------------------------------------------------
declare_queue "$WORKER_QUEUE"
WORKER_LOG=$OUT/latency-worker.log
log "worker: vazao functions, prefetch $PREFETCH, no simulated work"
VAZAO_QUEUE=$WORKER_QUEUE VAZAO_FUNCTION=processOrder VAZAO_PREFETCH=$PREFETCH \
  VAZAO_KEY_PREFIX="bench$RUN:" QUARKUS_HTTP_PORT=0 \
  java ${WORKER_JAVA_OPTS:-} -jar "$JAR" > "$WORKER_LOG" 2>&1 &
WORKER_PID=$!
PORT=
for _ in $(seq 1 600); do
  PORT=$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORKER_LOG" | head -1)
  [ -n "$PORT" ] && grep -q 'event=consuming' "$WORKER_LOG" && break
  sleep 0.2
done
[ -n "$PORT" ] || { log "worker did not start; see $WORKER_LOG"; exit 1; }
buckets() { # cumulative counts of the worker's publish-to-end histogram, one "le count" a line
  curl -sf "http://127.0.0.1:$PORT/q/metrics" \
    | sed -n "s/^vazao_publish_to_end_seconds_bucket{le=\"\([^\"]*\)\",queue=\"$WORKER_QUEUE\"} \([0-9.E+]*\)$/\1 \2/p;s/^vazao_publish_to_end_seconds_bucket{queue=\"$WORKER_QUEUE\",le=\"\([^\"]*\)\"} \([0-9.E+]*\)$/\1 \2/p"
}
publish "$WORKER_QUEUE" "$OUT/latency-worker-producer.log" &
PRODUCER_PID=$!
START=$(date +%s%3N)
SNAP=$OUT/latency-worker-buckets-$RUN
for k in $(seq 1 $((TOTAL / INTERVAL))); do
  WAIT_MS=$((START + k * INTERVAL * 1000 - $(date +%s%3N)))
  [ "$WAIT_MS" -gt 0 ] && sleep "$(python3 -c "print($WAIT_MS / 1000)")"
  buckets > "$SNAP.$((k * INTERVAL))"
  log "worker: ${k}x${INTERVAL}s, $(awk '$1=="+Inf" {print int($2)}' "$SNAP.$((k * INTERVAL))") stamped messages timed"
done
wait "$PRODUCER_PID" || true
WORKER_STATS=$(python3 - "$SNAP" "$WARMUP" "$TOTAL" "$INTERVAL" <<'PY'
import statistics, sys
snap, warmup, total, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def read(t):
    if t == 0:
        return {}
    out = {}
    for line in open(f"{snap}.{t}"):
        le, n = line.split()
        out[float(le)] = float(n)
    return out
def pct(a, b, q):
    les = sorted(k for k in b if k != float('inf')) + [float('inf')]
    d = [b.get(le, 0) - a.get(le, 0) for le in les]
    if d[-1] <= 0:
        return float('nan')
    for le, c in zip(les, d):
        if c >= q * d[-1]:
            return le * 1000
    return float('inf')
first = (warmup + step - 1) // step * step  # the first interval boundary at or after the warm-up
p50 = [pct(read(t - step), read(t), 0.50) for t in range(first + step, total + 1, step)]
p99 = [pct(read(t - step), read(t), 0.99) for t in range(first + step, total + 1, step)]
whole = (read(first), read(total // step * step))
print(statistics.median(p50), statistics.median(p99), pct(*whole, 0.999), len(p50))
PY
)
log "worker: p50 p99 p99.9 (ms) and measured intervals: $WORKER_STATS"

python3 - "$RATE" "$WARMUP" "$DURATION" "$PREFETCH" $PERFTEST_STATS $WORKER_STATS <<'PY'
import sys
rate, warmup, duration, prefetch, pt50, pt99, _, w50, w99, w999, _ = sys.argv[1:]
f = lambda s: float(s)
ratio = f(w99) / f(pt99) if f(pt99) else float('nan')
print(f"rate              {rate} msg/s, persistent, prefetch {prefetch}, {warmup} s warm-up + {duration} s measured")
print(f"                  {'p50':>8} {'p99':>8} {'p99.9':>8}  (ms, publish stamp -> end of the consumer's work)")
print(f"PerfTest consumer {f(pt50):8.1f} {f(pt99):8.1f} {'n/a':>8}")
print(f"vazao worker      {f(w50):8.1f} {f(w99):8.1f} {f(w999):8.1f}")
print(f"p99 ratio         {ratio:8.2f}  (worker / PerfTest; goal <= 2)")
PY
