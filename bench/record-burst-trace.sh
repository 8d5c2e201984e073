#!/usr/bin/env bash
# Records the burst scenario as a real publisher produces it: a trickle of 20 orders/s and
# 30 payments/s for 90 s, and 20,000 of each published as fast as one AMQP client can at t=5 s.
# Output: the simulator's trace format (default: the bundled trace recorded-burst).
#   bench/record-burst-trace.sh [OUT] [SCALE]     SCALE multiplies the counts (default 1)
set -euo pipefail
cd "$(dirname "$0")"
OUT=${1:-../simulator/src/main/resources/traces/recorded-burst.json}
SCALE=${2:-1}
PY=/usr/bin/python3
RUN=$(date +%s)-$$
Q1=trace-$RUN-orders
Q2=trace-$RUN-payments
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
n() { awk -v a="$1" -v s="$SCALE" 'BEGIN { printf "%d", a * s }'; }

$PY tools/record_trace.py recorded-burst 100 0.5 "$OUT" "$Q1=business_queue_1" "$Q2=business_queue_2" &
recorder=$!
sleep 1 # the recorder declares the queues first
$PY tools/drain.py trickle "$Q1" "$(n 20)" 90 & pids+=($!)
$PY tools/drain.py trickle "$Q2" "$(n 30)" 90 & pids+=($!)
sleep 5
$PY tools/drain.py fill-plain "$Q1" "$(n 20000)" & pids+=($!)
$PY tools/drain.py fill-plain "$Q2" "$(n 20000)" & pids+=($!)
for p in "${pids[@]}"; do wait "$p"; done
pids=()
wait "$recorder"
echo "trace written to $OUT"
