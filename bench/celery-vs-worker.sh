#!/usr/bin/env bash
# Benchmark 2: one vazao worker (functions jar, no simulated work) against one Celery worker
# (Debian's python3-celery, prefork with 2 processes, the replaced system's no-op task), each
# draining the same number of pre-filled messages from its own queue on the same broker, one after
# the other in the same run. Prints both rates and their ratio (goal: vazao >= 4 x Celery).
#
#   bench/celery-vs-worker.sh [MESSAGES] [REPEAT]      defaults: 20000 messages, 1 round
#   BENCH_ONLY=celery bench/celery-vs-worker.sh        the Celery side alone (no ratio)
#
# Needs RabbitMQ on 127.0.0.1:5672 (management API on 15672 to delete the queues), Redis on
# 127.0.0.1:6379, Debian's python3-celery (apt-get install python3-celery), and the functions jar
# (built when missing). Every queue and Redis key it makes carries a per-run name and is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
REPEAT=${2:-1}
PY=/usr/bin/python3
JAR=functions/target/quarkus-app/quarkus-run.jar
RUN=$(date +%s)-$$
LOGS=$(mktemp -d)
RMQ_API=${RABBITMQ_API:-http://127.0.0.1:15672}
pid=""

log() { printf '[bench] %s\n' "$*" >&2; }

. bench/tools/stop.sh

delete_queue() {
  curl -s -o /dev/null -u guest:guest -X DELETE "$RMQ_API/api/queues/%2F/$1" || true
}

cleanup() {
  stop
  for q in "${queues[@]}"; do delete_queue "$q"; delete_queue "$q.dlq"; done
  if command -v redis-cli >/dev/null; then
    redis-cli --scan --pattern "bench$RUN:*" | xargs -r redis-cli del >/dev/null || true
  fi
}
queues=()
trap cleanup EXIT

if ! $PY -c 'import celery, amqp' 2>/dev/null; then
  echo "bench: Debian's python3-celery is required: apt-get install python3-celery" >&2; exit 1
fi
if [ "${BENCH_ONLY:-}" != celery ] && [ ! -f "$JAR" ]; then
  log "building the functions jar"
  ./mvnw -B -q -pl functions -am package -DskipTests
fi

celery_round() {
  local q=bench-celery-$RUN-$1
  queues+=("$q")
  $PY bench/tools/drain.py fill-celery "$q" "$N"
  (cd bench/celery && exec $PY -m celery -A app.celery_app worker --pool prefork --concurrency 2 -Q "$q" \
      --loglevel WARNING --without-gossip --without-mingle --without-heartbeat) >"$LOGS/celery-$1.log" 2>&1 &
  pid=$!
  $PY bench/tools/drain.py watch "$q" "$N" 600 >"$LOGS/celery-$1.json"
  stop
  delete_queue "$q"
}

vazao_worker() { # queue, log
  VAZAO_QUEUE=$1 VAZAO_FUNCTION=processOrder VAZAO_KEY_PREFIX="bench$RUN:" VAZAO_WORK_MEAN_MS=0 QUARKUS_HTTP_PORT=0 \
    java ${JAVA_OPTS:-} -jar "$JAR" >"$2" 2>&1 &
  pid=$!
}

vazao_round() {
  local q=bench-vazao-$RUN-$1
  queues+=("$q")
  # The worker declares its own queue: start it once to declare it as it wants it, stop it, fill the
  # queue, then time a second start.
  vazao_worker "$q" "$LOGS/vazao-declare-$1.log"
  $PY bench/tools/drain.py consumers "$q" 1 300
  stop
  $PY bench/tools/drain.py fill-plain "$q" "$N"
  vazao_worker "$q" "$LOGS/vazao-$1.log"
  $PY bench/tools/drain.py watch "$q" "$N" 600 >"$LOGS/vazao-$1.json"
  stop
  delete_queue "$q"
  delete_queue "$q.dlq"
}

cores=$(nproc)
mem=$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
log "machine: $cores cores, $mem; $N messages per worker; $REPEAT round(s); logs in $LOGS"
celery_rates=()
vazao_rates=()
celery_steady=()
vazao_steady=()
for r in $(seq 1 "$REPEAT"); do
  celery_round "$r"; log "celery round $r: $(cat "$LOGS/celery-$r.json")"
  celery_rates+=("$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["rate"])' "$LOGS/celery-$r.json")")
  celery_steady+=("$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["steady_rate"])' "$LOGS/celery-$r.json")")
  [ "${BENCH_ONLY:-}" = celery ] && continue
  vazao_round "$r"; log "vazao  round $r: $(cat "$LOGS/vazao-$r.json")"
  vazao_rates+=("$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["rate"])' "$LOGS/vazao-$r.json")")
  vazao_steady+=("$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["steady_rate"])' "$LOGS/vazao-$r.json")")
done
if [ "${BENCH_ONLY:-}" = celery ]; then
  log "celery rates (msg/s): ${celery_rates[*]}"; exit 0
fi
$PY - "$N" "$cores" "$mem" "${celery_rates[*]}" "${vazao_rates[*]}" "${celery_steady[*]}" "${vazao_steady[*]}" <<'PYEOF'
import statistics, sys, time
n, cores, mem = sys.argv[1], sys.argv[2], sys.argv[3]
med = lambda arg: statistics.median(float(x) for x in arg.split())
c, v, cs, vs = med(sys.argv[4]), med(sys.argv[5]), med(sys.argv[6]), med(sys.argv[7])
ratio, steady = v / c, vs / cs
verdict = "met" if ratio >= 4 else "missed"
print(f"whole drain:  celery prefork x2 {c:,.0f} msg/s, vazao worker {v:,.0f} msg/s, ratio {ratio:.2f} (goal >= 4: {verdict})")
print(f"after warm-up (last 80 %): celery {cs:,.0f} msg/s, vazao {vs:,.0f} msg/s, ratio {steady:.2f}")
rounds = len(sys.argv[4].split())
print(f"| vazao worker vs Celery prefork x2 | `bench/celery-vs-worker.sh {n} {rounds}` | {cores} cores, {mem} "
      f"| {time.strftime('%Y-%m-%d', time.gmtime())} | {v:,.0f} vs {c:,.0f} msg/s (last 80 %: {vs:,.0f} vs {cs:,.0f}) "
      f"| {ratio:.2f}x (last 80 %: {steady:.2f}x) | >= 4x: {verdict} |")
PYEOF
