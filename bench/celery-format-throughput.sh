#!/usr/bin/env bash
# Plain JSON against Celery task messages, side by side: two vazao worker processes started at the
# same moment, each draining N pre-filled orders from a queue of its own, one queue of plain JSON and
# one of Celery task messages (the same payloads), so that both meet the same machine and broker. Two
# pairs: Celery tasks with ignore_result, then Celery tasks that ask for their result (the worker
# writes and publishes a result record per task). Prints each pair's rates and Celery / plain
# (goal: >= 0.90).
#
#   bench/celery-format-throughput.sh            # N=50000 PREFETCH=16
#   N=20000 bench/celery-format-throughput.sh
#   PAIRS=results bench/celery-format-throughput.sh   # only the pair with results (or PAIRS=ignore)
#
# The queues are filled by `vazao load` (the CLI jar, publisher confirms: a broker that throttles a
# busy machine's publishers slows the fill down instead of failing it), plain or with --celery;
# bench/tools/drain.py times each drain from its first message taken to its queue being empty.
#
# Needs RabbitMQ (management API on 15672) and Redis on 127.0.0.1, a JDK 17+, curl, and Debian's
# python3-amqp (run with /usr/bin/python3). Queues are per run and deleted; the workers' result
# records expire after 60 s and their heartbeat keys carry a per-run prefix.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-50000}
PREFETCH=${PREFETCH:-16}
PY=/usr/bin/python3
JAR=functions/target/quarkus-app/quarkus-run.jar
CLI=cli/target/vazao.jar
MGMT=${MGMT:-http://127.0.0.1:15672}
RUN=$(date +%s)-$$
LOGS=$(mktemp -d)
pid=""
pids=()
queues=()

. bench/tools/stop.sh
. bench/tools/worker-drain.sh
stop_all() {
  for pid in "${pids[@]}"; do stop; done
  pids=()
}
cleanup() {
  stop_all
  delete_queues "${queues[@]}"
  if command -v redis-cli >/dev/null; then
    redis-cli --scan --pattern "bench$RUN:*" | xargs -r redis-cli del >/dev/null || true
  fi
}
trap cleanup EXIT

require_drain_tools

fill() { # name, vazao load options for the format
  local name=$1 q=bench-format-$RUN-$1
  queues+=("$q")
  # Declared as the worker declares it (durable, no arguments), then filled before the worker starts.
  declare_queue "$q"
  log "$name: filling $q with $N messages"
  java -jar "$CLI" load --orders "$N" --payments 0 --orders-queue "$q" --run-id "$RUN-$name" -q $2 >"$LOGS/load-$name.log"
}

drain() { # name: a worker on the queue, and a watcher timing its drain (both in the background)
  local name=$1 q=bench-format-$RUN-$1
  VAZAO_QUEUE=$q VAZAO_FUNCTION=processOrder VAZAO_PREFETCH=$PREFETCH VAZAO_KEY_PREFIX="bench$RUN:" \
    VAZAO_CELERY_RESULTS_EXPIRES=60s QUARKUS_HTTP_PORT=0 \
    java ${WORKER_JAVA_OPTS:-} -jar "$JAR" >"$LOGS/worker-$name.log" 2>&1 &
  pids+=($!)
  $PY bench/tools/drain.py watch "$q" "$N" 1800 >"$LOGS/$name.json" &
}

pair() { # plain name, celery name, vazao load options for the Celery side
  fill "$1" ""
  fill "$2" "$3"
  log "draining $1 and $2 at the same time"
  drain "$1"
  local w1=$!
  drain "$2"
  local w2=$!
  wait "$w1" "$w2"
  stop_all
  for name in "$1" "$2"; do
    log "$name: $(cat "$LOGS/$name.json")"
    if grep -q 'event=dead-lettered' "$LOGS/worker-$name.log"; then
      log "$name: the worker dead-lettered messages; see $LOGS/worker-$name.log"; exit 1
    fi
  done
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $N orders per queue; logs in $LOGS"
PAIRS=${PAIRS:-ignore results}
case " $PAIRS " in *" ignore "*) pair plain-1 celery --celery ;; esac
case " $PAIRS " in *" results "*) pair plain-2 celery-results "--celery --celery-results" ;; esac

$PY - "$N" "$LOGS" <<'PYEOF'
import json, sys, time
n, logs = sys.argv[1], sys.argv[2]
import os
r = {k: json.load(open(f"{logs}/{k}.json")) for k in ("plain-1", "celery", "plain-2", "celery-results")
     if os.path.exists(f"{logs}/{k}.json")}
print(f"messages        {n} persistent orders per queue (vazao load); two workers at once per pair")
for plain, celery in (("plain-1", "celery"), ("plain-2", "celery-results")):
    if celery not in r:
        continue
    p, c = r[plain], r[celery]
    print(f"{plain:15} {p['rate']:8,.0f} msg/s (last 80 %: {p['steady_rate']:,.0f})")
    print(f"{celery:15} {c['rate']:8,.0f} msg/s (last 80 %: {c['steady_rate']:,.0f})   "
          f"celery / plain {c['rate'] / p['rate']:.2f} (last 80 %: {c['steady_rate'] / p['steady_rate']:.2f}; goal >= 0.90)")
print(f"date            {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {open('/proc/loadavg').read().split()[0]}")
PYEOF
