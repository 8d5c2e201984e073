# Sourced by the bench scripts: stop() ends the process whose PID is in $pid (one the script
# started): SIGTERM, up to 30 s to exit (a worker drains), then SIGKILL. Never by name.
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  pid=""
}
