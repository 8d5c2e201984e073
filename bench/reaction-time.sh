#!/usr/bin/env bash
# Reaction time of vazao on one machine: a burst on an idle queue -> (a) the local scaler starts an
# extra worker process, (b) that worker is consuming (the broker's live consumer count grows),
# over N runs (median and max), plus the drain time (no ready message left).
#
# Runs its own installation beside anything else: own state folder, HTTP port, Redis prefix and
# queues (bench-orders / bench-payments), stopped again at the end.
#
#   bench/reaction-time.sh [runs=10] [burst=10000]
#
# Environment: BENCH_PORT (18080), BENCH_WORK_MS (2), BENCH_STABILIZATION (30, seconds);
# VAZAO_STANDBY_WORKERS=1 keeps a warm standby worker per queue (`vazao up --standby`), promoted
# instead of a JVM start.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
burst=${2:-10000}
port=${BENCH_PORT:-18080}
work_ms=${BENCH_WORK_MS:-2}
stabilization=${BENCH_STABILIZATION:-30}

export VAZAO_STATE_DIR="$PWD/.vazao/bench"
export VAZAO_KEY_PREFIX="bench:"
export VAZAO_API_TOKEN="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export VAZAO_URL="http://127.0.0.1:$port"
mkdir -p "$VAZAO_STATE_DIR" bench/results

./vazao up --port "$port" --key-prefix "$VAZAO_KEY_PREFIX" \
  --function bench-orders=processOrder --function bench-payments=processPayment \
  -e QUARKUS_GRPC_SERVER_PORT=0 -e VAZAO_API_TOKEN_FILE="$VAZAO_STATE_DIR/api-token" \
  -e VAZAO_BOOTSTRAP_QUEUES=bench-orders:0.4,bench-payments:0.6 \
  -e VAZAO_WORK_MEAN_MS="$work_ms" -e VAZAO_WORK_DISTRIBUTION=fixed
trap './vazao down >/dev/null' EXIT
# A drain target of 5 s makes the burst need more than one worker.
./vazao policy set -Q bench-orders --min 1 --drain-seconds 5 --stabilization-seconds "$stabilization" >/dev/null

out="bench/results/reaction-$(date -u +%Y%m%dT%H%M%SZ).txt"
{
  echo "# vazao reaction time: $runs runs, burst $burst, work ${work_ms} ms, stabilization ${stabilization} s, standby ${VAZAO_STANDBY_WORKERS:-0} per queue, $(nproc) cores, $(date -u +%FT%TZ)"
  ./vazao reaction -Q bench-orders --runs "$runs" --burst "$burst"
} | tee "$out"
echo "saved to $out"
