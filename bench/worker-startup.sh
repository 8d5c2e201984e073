#!/usr/bin/env bash
# Worker start-up as the local scaler starts workers: process start -> first message processed, on a
# JDK 17 and on a JDK 25+, each without and with its class cache (an AppCDS archive on 17, the AOT
# cache on 25), RUNS starts each; medians, and the ratio against JDK 17 without a cache, same run.
#
#   bench/worker-startup.sh              # RUNS=3
#   RUNS=5 bench/worker-startup.sh
#
# The command lines are the scaler's own (`vazao scaler --print-command --worker-java JDK`), the
# caches are written the scaler's way: one training start that writes the cache when it stops, not
# counted. Starts go round-robin over the four set-ups so that a busy moment hits them alike. Every
# start finds 200 orders waiting (`vazao load`). JDK17 and JDK25 name the JDK folders (default:
# Debian's JDK 17 and the newest JDK 25+ the scaler finds). Needs RabbitMQ with the management API,
# Redis, redis-cli and python3; the queue, the Redis keys and the caches are the run's own and
# deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
JAR=functions/target/quarkus-app/quarkus-run.jar
CLI=cli/target/vazao.jar
MGMT=${MGMT:-http://127.0.0.1:15672}
RUN=$(date +%s)-$$
Q=bench-startup-$RUN
PREFIX="bench$RUN:"
OUT=$(mktemp -d)
export VAZAO_STATE_DIR=$OUT/state
mkdir -p "$VAZAO_STATE_DIR/cds"   # where the scaler keeps the class caches
pid=""

. bench/tools/stop.sh
. bench/tools/worker-drain.sh
cleanup() {
  stop
  delete_queues "$Q"
  redis-cli --scan --pattern "$PREFIX*" | xargs -r redis-cli del >/dev/null || true
  rm -rf "$OUT/state"
}
trap cleanup EXIT
require_jars

JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
if [ -z "${JDK25:-}" ]; then
  JDK25=$(env -u VAZAO_WORKER_JAVA java -jar "$CLI" scaler --print-command --no-cds | head -1)
  JDK25=${JDK25%/bin/java}
fi
feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"; }
[ -x "$JDK17/bin/java" ] || { log "no JDK at $JDK17; set JDK17"; exit 1; }
[ -f "$JDK25/release" ] && [ "$(feature "$JDK25")" -ge 25 ] || {
  log "no JDK 25+ found (JAVA_HOME, /usr/lib/jvm); set JDK25"; exit 1; }

mgmt -X PUT "$MGMT/api/exchanges/%2F/business_exchange" -d '{"type":"direct","durable":true}' >/dev/null
declare_queue "$Q"
mgmt -X POST "$MGMT/api/bindings/%2F/e/business_exchange/q/$Q" -d "{\"routing_key\":\"$Q\"}" >/dev/null

# worker_command LABEL: the scaler's command line for the set-up's next worker, one word per line.
declare -A HOME_OF=([jdk17]=$JDK17 [jdk17-appcds]=$JDK17 [jdk25]=$JDK25 [jdk25-aot]=$JDK25)
declare -A CACHE_OF=([jdk17]=--no-cds [jdk17-appcds]= [jdk25]=--no-cds [jdk25-aot]=)
worker_command() {
  java -jar "$CLI" scaler --print-command --jar "$JAR" --worker-java "${HOME_OF[$1]}" ${CACHE_OF[$1]}
}

# start LABEL NAME: 200 orders waiting, one worker started with the set-up's command, its first
# message awaited, then stopped (SIGTERM; a training run writes its cache before it exits).
# Sets MS_ (ms to the first message) and S_ (Quarkus' own "started in", seconds).
start() {
  local label=$1 name=$2 log=$OUT/$1-$2.log cmd
  mapfile -t cmd < <(worker_command "$label")
  java -jar "$CLI" load --orders 200 --payments 0 --orders-queue "$Q" --run-id "$RUN-$label-$name" -q >/dev/null
  printf '%s\n' "${cmd[@]}" > "$OUT/$label-$name.cmd"
  VAZAO_QUEUE=$Q VAZAO_FUNCTION=processOrder VAZAO_KEY_PREFIX=$PREFIX VAZAO_WORKER_ID=$label-$name \
    QUARKUS_HTTP_PORT=0 VAZAO_WORK_MEAN_MS=0 "${cmd[@]}" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    grep -q 'event=first-message' "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  stop
  MS_=$(sed -n 's/.*event=first-message .*millisSinceProcessStart=\([0-9]*\).*/\1/p' "$log" | head -1)
  S_=$(sed -n 's/.* started in \([0-9.]*\)s\..*/\1/p' "$log" | head -1)
  S_=${S_:-?}
  [ -n "$MS_" ] || { log "$label $name: no message processed; see $log"; exit 1; }
}

LABELS=(jdk17 jdk17-appcds jdk25 jdk25-aot)
log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); JDK 17: $JDK17; JDK 25: $JDK25; logs in $OUT"
for label in "${LABELS[@]}"; do
  if worker_command "$label" | grep -qE -- '^-XX:(AOTCacheOutput|ArchiveClassesAtExit)='; then
    log "$label: training start (writes the cache when it stops; not counted)"
  else
    log "$label: warm-up start (not counted)"
  fi
  start "$label" warm-up
  log "$label: warm-up / training: $MS_ ms to the first message"
done
for label in jdk17-appcds jdk25-aot; do
  worker_command "$label" | grep -qE -- '^-XX:(AOTCache|SharedArchiveFile)=' \
    || { log "$label: the training start wrote no cache; see $OUT/$label-warm-up.log"; exit 1; }
done
declare -A MS SEC
for i in $(seq 1 "$RUNS"); do
  for label in "${LABELS[@]}"; do
    start "$label" "run$i"
    MS[$label]="${MS[$label]:-} $MS_"
    SEC[$label]="${SEC[$label]:-} $S_"
    log "$label run $i/$RUNS: $MS_ ms to the first message (Quarkus: started in $S_ s)"
  done
done

python3 - "$RUNS" "$(feature "$JDK25")" "${MS[jdk17]}" "${MS[jdk17-appcds]}" "${MS[jdk25]}" "${MS[jdk25-aot]}" \
  "${SEC[jdk17]}" "${SEC[jdk17-appcds]}" "${SEC[jdk25]}" "${SEC[jdk25-aot]}" <<'PY'
import statistics, sys, time
runs, jdk = sys.argv[1], sys.argv[2]
ms = [[int(x) for x in a.split()] for a in sys.argv[3:7]]
sec = [[float(x) for x in a.split() if x != '?'] for a in sys.argv[7:11]]
names = ["JDK 17", "JDK 17 + AppCDS", f"JDK {jdk}", f"JDK {jdk} + AOT cache"]
anchor = statistics.median(ms[0])
print(f"worker start-up, process start -> first message processed; {runs} starts each, median")
print(f"{'set-up':24} {'median':>8} {'starts (ms)':>22} {'Quarkus started in':>19} {'vs JDK 17':>10}")
for name, m, s in zip(names, ms, sec):
    med = statistics.median(m)
    q = f"{statistics.median(s):.3f} s" if s else "?"
    print(f"{name:24} {med/1000:7.2f}s {' '.join(str(x) for x in m):>22} {q:>19} {med/anchor:9.2f}x")
print(f"date {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {open('/proc/loadavg').read().split()[0]}")
PY
