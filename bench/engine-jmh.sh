#!/usr/bin/env bash
# JMH benchmark of one decision of the engine for 10, 1,000 and 10,000 queues, adaptive mode against
# the seed formula (the anchor) in the same run. Goal: under 1 ms for 1,000 queues.
#
#   bench/engine-jmh.sh                 # full run (5 × 2 s warm-up, 5 × 1 s measurement, 1 fork; the CPU-time companion warms up 10 s of CPU per case)
#   JMH_ARGS="-wi 1 -i 2" bench/engine-jmh.sh   # quicker, rougher
#
# Prints JMH's own table, then one line per size: adaptive, seed, and adaptive ÷ seed, then the
# thread CPU time per call of the same cases (DecisionCpuTime), which a loaded machine distorts less.
set -euo pipefail
cd "$(dirname "$0")/.."

csv=engine/target/jmh-result.csv
rm -f "$csv"
./mvnw -B -q -pl engine -am -Pjmh -DskipTests verify \
  -Djmh.args="DecisionBenchmark -rf csv -rff target/jmh-result.csv ${JMH_ARGS:-}"

echo
echo "one decide() call, average time (lower is better)"
printf '%-8s %14s %14s %16s %10s\n' queues "adaptive (µs)" "seed (µs)" "adaptive ÷ seed" "< 1 ms?"
# CSV columns: Benchmark, Mode, Threads, Samples, Score, Score Error, Unit, Param: mode, Param: queues
awk -F, 'NR > 1 {
    gsub(/"|\r/, "");
    score[$9 "," $8] = $5; err[$9 "," $8] = $6; sizes[$9] = 1
  }
  END {
    n = 0; for (s in sizes) order[n++] = s + 0
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (order[j] < order[i]) { t = order[i]; order[i] = order[j]; order[j] = t }
    for (i = 0; i < n; i++) {
      q = order[i]; a = score[q ",adaptive"]; s = score[q ",seed"]
      printf "%-8d %8.1f ± %-5.1f %8.1f ± %-5.1f %14.2f %10s\n", q, a, err[q ",adaptive"], s, err[q ",seed"], a / s, (a < 1000 ? "yes" : "no")
    }
  }' "$csv"

# JMH measures wall-clock time; on a shared machine the CPU time per call says more.
echo
echo "same inputs, thread CPU time per call (less sensitive to other load on the machine)"
./mvnw -B -q -pl engine -am -Pjmh -DskipTests verify -Djmh.main=io.vazao.engine.bench.DecisionCpuTime -Djmh.args=
