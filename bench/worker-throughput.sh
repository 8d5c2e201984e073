#!/usr/bin/env bash
# One worker process against RabbitMQ PerfTest, side by side on the same broker in the same run.
#
# Both drain N pre-loaded persistent messages (a seed-shaped order) from a durable queue with the same
# prefetch and one ack per message; the worker does no simulated work. Prints both rates, their
# ratio, the worker's start-up time (process start to first message) and its RSS while draining.
#
#   bench/worker-throughput.sh                 # N=200000 PREFETCH=16
#   N=50000 PREFETCH=32 bench/worker-throughput.sh
#   SCALER_JVM=1 bench/worker-throughput.sh    # the worker as the local scaler starts it
#
# SCALER_JVM=1 runs the worker with the local scaler's command line (`vazao scaler --print-command`:
# the java it finds, or WORKER_JAVA as --worker-java; its JVM options; its class cache, written
# first by a start that stops once it consumes); WORKER_JAVA_OPTS applies otherwise.
#
# Needs RabbitMQ (with the management plugin) and Redis on 127.0.0.1, a JDK 17+, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-200000}
PREFETCH=${PREFETCH:-16}
PERFTEST_VERSION=${PERFTEST_VERSION:-2.22.1}
MGMT=${MGMT:-http://127.0.0.1:15672}
RUN=$(date +%s)-$$
WORKER_QUEUE=bench-worker-$RUN
PERFTEST_QUEUE=bench-perftest-$RUN
OUT=bench/target
mkdir -p "$OUT"

log() { printf '[bench] %s\n' "$*" >&2; }
now_ms() { date +%s%3N; }
mgmt() { curl -sf -u guest:guest -H 'content-type: application/json' "$@"; }

WORKER_PID=
cleanup() {
  if [ -n "$WORKER_PID" ] && kill -0 "$WORKER_PID" 2>/dev/null; then
    kill -TERM "$WORKER_PID" 2>/dev/null || true
    wait "$WORKER_PID" 2>/dev/null || true
  fi
  for q in "$WORKER_QUEUE" "$WORKER_QUEUE.dlq" "$PERFTEST_QUEUE"; do
    mgmt -X DELETE "$MGMT/api/queues/%2F/$q" >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT

# --- the two programs -------------------------------------------------------------------------
# shellcheck source=tools/perftest.sh
. bench/tools/perftest.sh

# --- the worker's command line ---------------------------------------------------------------------
WORKER_CMD=(java ${WORKER_JAVA_OPTS:-} -jar "$JAR")
if [ "${SCALER_JVM:-0}" = 1 ]; then
  [ -f cli/target/vazao.jar ] || ./mvnw -B -q -pl cli -am package -DskipTests
  export VAZAO_STATE_DIR=$OUT/state
  mkdir -p "$VAZAO_STATE_DIR/cds"
  scaler_command() {
    java -jar cli/target/vazao.jar scaler --print-command --jar "$JAR" ${WORKER_JAVA:+--worker-java "$WORKER_JAVA"}
  }
  mapfile -t WORKER_CMD < <(scaler_command)
  if printf '%s\n' "${WORKER_CMD[@]}" | grep -qE -- '^-XX:(AOTCacheOutput|ArchiveClassesAtExit)='; then
    log "class cache: a first start writes it (stops once it consumes)"
    VAZAO_QUEUE=$WORKER_QUEUE VAZAO_FUNCTION=processOrder VAZAO_KEY_PREFIX="bench$RUN:" QUARKUS_HTTP_PORT=0 \
      "${WORKER_CMD[@]}" > "$OUT/worker-training.log" 2>&1 &
    WORKER_PID=$!
    for _ in $(seq 1 600); do grep -q 'event=consuming' "$OUT/worker-training.log" && break; sleep 0.2; done
    kill -TERM "$WORKER_PID"; wait "$WORKER_PID" || true; WORKER_PID=
    mapfile -t WORKER_CMD < <(scaler_command)
  fi
  log "worker command: ${WORKER_CMD[*]}"
fi


# --- pre-load both durable queues with N persistent messages --------------------------------------
preload() { # queue
  local q=$1
  # Declared the way the worker declares its queue (durable, no arguments), bound to the work exchange.
  mgmt -X PUT "$MGMT/api/exchanges/%2F/business_exchange" -d '{"type":"direct","durable":true}' >/dev/null
  mgmt -X PUT "$MGMT/api/queues/%2F/$q" -d '{"durable":true,"auto_delete":false,"arguments":{}}' >/dev/null
  mgmt -X POST "$MGMT/api/bindings/%2F/e/business_exchange/q/$q" -d "{\"routing_key\":\"$q\"}" >/dev/null
  log "pre-loading $N persistent messages into $q"
  perftest --predeclared --exchange business_exchange --routing-key "$q" --queue "$q" \
    --producers 1 --consumers 0 --pmessages "$N" --flag persistent --confirm 500 \
    --body "$BODY" --body-content-type application/json --auto-delete false \
    --id "preload-$q" > "$OUT/preload-$q.log" 2>&1
  local have=0
  for _ in $(seq 1 60); do
    have=$(mgmt "$MGMT/api/queues/%2F/$q" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("messages", 0))')
    [ "$have" -ge "$N" ] && break
    sleep 1
  done
  log "$q holds $have messages"
}
preload "$PERFTEST_QUEUE"
preload "$WORKER_QUEUE"

# --- PerfTest as the consumer ----------------------------------------------------------------------
log "PerfTest: 1 consumer, qos $PREFETCH, one ack per message"
perftest --predeclared --queue "$PERFTEST_QUEUE" --producers 0 --consumers 1 --qos "$PREFETCH" \
  --multi-ack-every 0 --cmessages "$N" --id "perftest-consumer" > "$OUT/perftest-consumer.log" 2>&1
PERFTEST_RATE=$(sed -n 's/.*receiving rate avg: \([0-9.]*\) msg\/s.*/\1/p' "$OUT/perftest-consumer.log" | tail -1)
log "PerfTest consumer: $PERFTEST_RATE msg/s"

# --- the worker ------------------------------------------------------------------------------------
WORKER_LOG=$OUT/worker.log
log "worker: vazao functions, prefetch $PREFETCH, no simulated work"
START_MS=$(now_ms)
VAZAO_QUEUE=$WORKER_QUEUE VAZAO_FUNCTION=processOrder VAZAO_PREFETCH=$PREFETCH \
  VAZAO_KEY_PREFIX="bench$RUN:" QUARKUS_HTTP_PORT=0 \
  "${WORKER_CMD[@]}" > "$WORKER_LOG" 2>&1 &
WORKER_PID=$!

PORT=
for _ in $(seq 1 600); do
  PORT=$(sed -n 's/.*Listening on: http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$WORKER_LOG" | head -1)
  [ -n "$PORT" ] && break
  sleep 0.2
done
[ -n "$PORT" ] || { log "worker did not start; see $WORKER_LOG"; exit 1; }
processed() {
  curl -sf "http://127.0.0.1:$PORT/q/metrics" \
    | sed -n "s/^vazao_messages_processed_total{queue=\"$WORKER_QUEUE\"} \([0-9.E]*\)$/\1/p" \
    | python3 -c 'import sys; s=sys.stdin.read().strip(); print(int(float(s)) if s else 0)'
}
FIRST_MS=; FIRST_COUNT=; RSS_KB=; LAST=0
while :; do
  C=$(processed || echo "$LAST")
  T=$(now_ms)
  if [ -z "$FIRST_MS" ] && [ "$C" -gt 0 ]; then FIRST_MS=$T; FIRST_COUNT=$C; fi
  if [ -z "$RSS_KB" ] && [ "$C" -ge $((N / 2)) ]; then
    RSS_KB=$(awk '/^VmRSS:/ {print $2}' "/proc/$WORKER_PID/status")
  fi
  if [ "$C" -ge "$N" ]; then END_MS=$T; break; fi
  LAST=$C
  if ! kill -0 "$WORKER_PID" 2>/dev/null; then log "worker died; see $WORKER_LOG"; exit 1; fi
  sleep 0.1
done
STARTUP_MS=$(sed -n 's/.*event=first-message .*millisSinceProcessStart=\([0-9]*\).*/\1/p' "$WORKER_LOG" | head -1)
WORKER_RATE=$(python3 -c "print(round(($N - $FIRST_COUNT) * 1000 / max(1, $END_MS - $FIRST_MS), 1))")

python3 - "$WORKER_RATE" "$PERFTEST_RATE" "${STARTUP_MS:-?}" "${RSS_KB:-0}" "$N" "$PREFETCH" <<'PY'
import sys
worker, perftest, startup, rss_kb, n, prefetch = sys.argv[1:]
ratio = float(worker) / float(perftest) if float(perftest) else float('nan')
print(f"messages          {n} persistent, durable queue, prefetch {prefetch}, one ack per message")
print(f"PerfTest consumer {float(perftest):10.1f} msg/s")
print(f"vazao worker      {float(worker):10.1f} msg/s")
print(f"ratio             {ratio:10.2f}  (worker / PerfTest; goal >= 0.90)")
print(f"worker start-up   {startup} ms (process start to first message)")
print(f"worker RSS        {int(rss_kb) / 1024:10.1f} MiB (half-way through the drain)")
PY
