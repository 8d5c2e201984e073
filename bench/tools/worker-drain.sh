# Sourced by the bench scripts that time vazao workers draining pre-filled queues side by side.
# Expects PY, JAR, CLI and MGMT set, and the caller in the repository root.
log() { printf '[bench] %s\n' "$*" >&2; }
mgmt() { curl -sf -u guest:guest -H 'content-type: application/json' "$@"; }

# Debian's python3-amqp (bench/tools/drain.py times the drains with it) and the two jars.
require_drain_tools() {
  if ! $PY -c 'import amqp' 2>/dev/null; then
    echo "bench: Debian's python3-amqp is required: apt-get install python3-celery" >&2; exit 1
  fi
  require_jars
}

# The functions and CLI jars, built when missing.
require_jars() {
  if [ ! -f "$JAR" ] || [ ! -f "$CLI" ]; then
    log "building the functions and CLI jars"
    ./mvnw -B -q -pl functions,cli -am package -DskipTests
  fi
}

# declare_queue QUEUE: durable, no arguments, as the worker declares it.
declare_queue() {
  mgmt -X PUT "$MGMT/api/queues/%2F/$1" -d '{"durable":true,"auto_delete":false,"arguments":{}}' >/dev/null
}

# delete_queues QUEUE...: each queue and its dead-letter queue, ignoring those already gone.
delete_queues() {
  for q in "$@"; do
    mgmt -X DELETE "$MGMT/api/queues/%2F/$q" >/dev/null 2>&1 || true
    mgmt -X DELETE "$MGMT/api/queues/%2F/$q.dlq" >/dev/null 2>&1 || true
  done
}
