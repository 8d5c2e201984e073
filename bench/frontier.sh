#!/usr/bin/env bash
# The trade-off as a picture: sweeps vazao's targetDrainSeconds and scale-down window, KEDA's
# trigger value and the seed's messages per worker on the burst, sine and spike-train scenarios,
# and writes docs/frontier-SCENARIO.png (mean wait against worker-seconds) and docs/frontier.md
# (the numbers, and whether vazao's curve lies below the others'). Deterministic: the same tree
# draws the same pictures.
#   bench/frontier.sh [OPTIONS]     options of FrontierCommand (--help), e.g. --scenario burst
# FRONTIER_JAR=PATH runs that simulator jar instead of building one (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${FRONTIER_JAR:-}
if [ -z "$JAR" ]; then
  ./mvnw -B -q -pl simulator -am package -DskipTests
  JAR=simulator/target/vazao-simulator.jar
fi
exec java -Djava.awt.headless=true -cp "$JAR" io.vazao.simulator.FrontierCommand "$@"
