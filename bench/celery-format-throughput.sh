#!/usr/bin/env bash
# One vazao worker draining the same N orders three times in one run, each time written differently:
# plain JSON, Celery task messages that ignore their result, and Celery task messages that ask for it
# (the worker then writes and publishes a result record per task). Prints the three rates and each
# Celery rate as a ratio of the plain one (goal: >= 0.90).
#
#   bench/celery-format-throughput.sh            # N=100000 PREFETCH=16
#   N=20000 bench/celery-format-throughput.sh
#
# The queues are filled by `vazao load` (the CLI jar; publisher confirms, so a broker that throttles a
# busy machine's publishers slows the fill down instead of failing it), plain or with --celery, and
# drained by a fresh worker process each; bench/tools/drain.py times the drain.
#
# Needs RabbitMQ (management API on 15672) and Redis on 127.0.0.1, a JDK 17+, curl, and Debian's
# python3-amqp (run with /usr/bin/python3). Queues are per run and deleted; the workers' result
# records expire after 60 s and their heartbeat keys carry a per-run prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
PREFETCH=${PREFETCH:-16}
PY=/usr/bin/python3
JAR=functions/target/quarkus-app/quarkus-run.jar
CLI=cli/target/vazao.jar
MGMT=${MGMT:-http://127.0.0.1:15672}
RUN=$(date +%s)-$$
LOGS=$(mktemp -d)
pid=""
queues=()

log() { printf '[bench] %s\n' "$*" >&2; }
mgmt() { curl -sf -u guest:guest -H 'content-type: application/json' "$@"; }

. bench/tools/stop.sh
cleanup() {
  stop
  for q in "${queues[@]}"; do
    mgmt -X DELETE "$MGMT/api/queues/%2F/$q" >/dev/null 2>&1 || true
    mgmt -X DELETE "$MGMT/api/queues/%2F/$q.dlq" >/dev/null 2>&1 || true
  done
  if command -v redis-cli >/dev/null; then
    redis-cli --scan --pattern "bench$RUN:*" | xargs -r redis-cli del >/dev/null || true
  fi
}
trap cleanup EXIT

if ! $PY -c 'import amqp' 2>/dev/null; then
  echo "bench: Debian's python3-amqp is required: apt-get install python3-celery" >&2; exit 1
fi
if [ ! -f "$JAR" ] || [ ! -f "$CLI" ]; then
  log "building the functions and CLI jars"
  ./mvnw -B -q -pl functions,cli -am package -DskipTests
fi

round() { # name, vazao load options for the format
  local name=$1 q=bench-format-$RUN-$1
  queues+=("$q")
  # Declared as the worker declares it (durable, no arguments), then filled before the worker starts.
  mgmt -X PUT "$MGMT/api/queues/%2F/$q" -d '{"durable":true,"auto_delete":false,"arguments":{}}' >/dev/null
  log "$name: filling $q with $N messages"
  java -jar "$CLI" load --orders "$N" --payments 0 --orders-queue "$q" --run-id "$RUN-$name" -q $2 >"$LOGS/load-$name.log"
  VAZAO_QUEUE=$q VAZAO_FUNCTION=processOrder VAZAO_PREFETCH=$PREFETCH VAZAO_KEY_PREFIX="bench$RUN:" \
    VAZAO_CELERY_RESULTS_EXPIRES=60s QUARKUS_HTTP_PORT=0 \
    java ${WORKER_JAVA_OPTS:-} -jar "$JAR" >"$LOGS/worker-$name.log" 2>&1 &
  pid=$!
  $PY bench/tools/drain.py watch "$q" "$N" 900 >"$LOGS/$name.json"
  stop
  log "$name: $(cat "$LOGS/$name.json")"
  if grep -q 'event=dead-lettered' "$LOGS/worker-$name.log"; then
    log "$name: the worker dead-lettered messages; see $LOGS/worker-$name.log"; exit 1
  fi
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $N orders per round; logs in $LOGS"
round plain ""
round celery --celery
round celery-results "--celery --celery-results"

$PY - "$N" "$LOGS" <<'PYEOF'
import json, sys, time
n, logs = sys.argv[1], sys.argv[2]
r = {k: json.load(open(f"{logs}/{k}.json")) for k in ("plain", "celery", "celery-results")}
base, base_steady = r["plain"]["rate"], r["plain"]["steady_rate"]
print(f"messages           {n} persistent orders per round (vazao load), one fresh worker per round")
for k in ("plain", "celery", "celery-results"):
    ratio = r[k]["rate"] / base
    steady = r[k]["steady_rate"] / base_steady
    verdict = "" if k == "plain" else f"   ratio {ratio:.2f} (last 80 %: {steady:.2f}; goal >= 0.90)"
    print(f"{k:18} {r[k]['rate']:10,.0f} msg/s (last 80 %: {r[k]['steady_rate']:,.0f}){verdict}")
print(f"date               {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
PYEOF
