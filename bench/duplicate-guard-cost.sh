#!/usr/bin/env bash
# What the opt-in duplicate guard costs, side by side: two vazao worker processes started at the
# same moment, each draining N pre-filled orders from a queue of its own; one queue's policy has
# duplicateWindowSeconds set (each message: one EXISTS before the function, one PSETEX after it),
# the other's has not. Prints both rates and guarded / unguarded.
#
#   bench/duplicate-guard-cost.sh             # N=50000 PREFETCH=16
#   N=20000 bench/duplicate-guard-cost.sh
#
# Needs what bench/celery-format-throughput.sh needs (RabbitMQ with its management API, Redis,
# a JDK 17+, curl, Debian's python3-amqp) and redis-cli. Queues and keys are per run and deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50000}
PREFETCH=${PREFETCH:-16}
PY=/usr/bin/python3
JAR=functions/target/quarkus-app/quarkus-run.jar
CLI=cli/target/vazao.jar
MGMT=${MGMT:-http://127.0.0.1:15672}
RUN=$(date +%s)-$$
PREFIX="bench$RUN:"
LOGS=$(mktemp -d)
pid=""
pids=()
queues=()

. bench/tools/stop.sh
. bench/tools/worker-drain.sh
cleanup() {
  for pid in "${pids[@]}"; do stop; done
  delete_queues "${queues[@]}"
  redis-cli --scan --pattern "$PREFIX*" | xargs -r redis-cli del >/dev/null || true
}
trap cleanup EXIT

require_drain_tools

fill() { # name
  local q=bench-dup-$RUN-$1
  queues+=("$q")
  declare_queue "$q"
  log "$1: filling $q with $N messages"
  java -jar "$CLI" load --orders "$N" --payments 0 --orders-queue "$q" --run-id "$RUN-$1" -q >"$LOGS/load-$1.log"
}

drain() { # name
  local q=bench-dup-$RUN-$1
  VAZAO_QUEUE=$q VAZAO_FUNCTION=processOrder VAZAO_PREFETCH=$PREFETCH VAZAO_KEY_PREFIX="$PREFIX" \
    QUARKUS_HTTP_PORT=0 java ${WORKER_JAVA_OPTS:-} -jar "$JAR" >"$LOGS/worker-$1.log" 2>&1 &
  pids+=($!)
  $PY bench/tools/drain.py watch "$q" "$N" 1800 >"$LOGS/$1.json" &
}

# The guarded queue's policy, as the API would store it (the worker reads it at start).
redis-cli set "${PREFIX}policy:bench-dup-$RUN-guarded" \
  '{"weight":1,"minWorkers":1,"maxWorkers":1,"messagesPerWorker":200,"targetDrainSeconds":30,"paused":false,"scaleDownStabilizationSeconds":30,"mode":"adaptive","duplicateWindowSeconds":600}' >/dev/null
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $N orders per queue; logs in $LOGS"
fill plain
fill guarded
log "draining both at the same time"
drain plain
w1=$!
drain guarded
w2=$!
wait "$w1" "$w2"
grep -q 'event=duplicate-skipped' "$LOGS/worker-guarded.log" && { log "unexpected duplicates skipped"; exit 1; }
remembered=$(redis-cli --scan --pattern "${PREFIX}dedup:*" | wc -l)
log "ids remembered by the guard: $remembered"
[ "$remembered" -ge "$N" ] || { log "the guard did not run on every message"; exit 1; }

$PY - "$N" "$LOGS" <<'PYEOF'
import json, sys, time
n, logs = sys.argv[1], sys.argv[2]
p = json.load(open(f"{logs}/plain.json"))
g = json.load(open(f"{logs}/guarded.json"))
print(f"messages        {n} persistent orders per queue (vazao load); two workers at once")
print(f"unguarded       {p['rate']:8,.0f} msg/s (last 80 %: {p['steady_rate']:,.0f})")
print(f"guarded         {g['rate']:8,.0f} msg/s (last 80 %: {g['steady_rate']:,.0f})   "
      f"guarded / unguarded {g['rate'] / p['rate']:.2f} (last 80 %: {g['steady_rate'] / p['steady_rate']:.2f})")
print(f"date            {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {open('/proc/loadavg').read().split()[0]}")
PYEOF
