#!/usr/bin/env bash
# Runs the end-to-end test OneMachineE2ETest N times in a row and counts the green runs: the
# gate's own flakiness check. With --loaded, another Maven build (the pure modules' tests, in a
# clone of this repository in a temporary folder) runs in a loop beside it, so both cores are busy.
#
#   bench/e2e-loop.sh [runs=10] [--loaded]
#
# Builds the jars once first; each run's output goes to bench/results/e2e-loop-<time>/run-<n>.log,
# and a summary line per run (first extra worker, replacement, drain) to the terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
loaded=${2:-}
out="bench/results/e2e-loop-$(date -u +%Y%m%dT%H%M%SZ)${loaded:+-loaded}"
mkdir -p "$out"

echo "e2e-loop: building the jars once ..."
./mvnw -B -q -pl e2e -am package -DskipTests

load_pid=""
cleanup() {
  if [ -n "$load_pid" ]; then
    kill -- "-$load_pid" 2>/dev/null || kill "$load_pid" 2>/dev/null || true
  fi
  if [ -n "${clone:-}" ]; then rm -rf "$clone"; fi
}
trap cleanup EXIT
if [ "$loaded" = "--loaded" ]; then
  clone=$(mktemp -d)
  git clone -q . "$clone/repo"
  echo "e2e-loop: a second build loops in $clone/repo to load both cores"
  set -m
  ( cd "$clone/repo" && while true; do ./mvnw -B -q -o -pl contract,engine,simulator clean verify >/dev/null 2>&1 || true; done ) &
  load_pid=$!
  set +m
fi

green=0
for ((i = 1; i <= runs; i++)); do
  log="$out/run-$i.log"
  start=$SECONDS
  # The Quarkus apps built above are used as they are (quarkus.build.skip); nothing else is rebuilt.
  if ./mvnw -B -o -pl e2e -am verify -DskipITs -Dquarkus.build.skip=true -Dtest=OneMachineE2ETest \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    green=$((green + 1)); verdict=green
  else
    verdict=RED
  fi
  figures=$(grep -h -o 'first extra worker started [0-9]* ms after the burst\|replaced [0-9]* ms after the scaler saw it die\|drained [0-9]* ms after the burst began' "$log" | paste -sd ';' -)
  echo "e2e-loop: run $i/$runs $verdict in $((SECONDS - start)) s: $figures"
done
echo "e2e-loop: $green of $runs green${loaded:+ (loaded)}; logs in $out"
[ "$green" = "$runs" ]
