#!/usr/bin/env bash
# Lockout simulator throughput: random two-year plan histories, simulated in rounds; prints schedules/second.
# Usage: bench/simulate.sh [SCHEDULES (10000)] [ROUNDS (5)] [SEED (1)]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B -o test-compile >/dev/null 2>&1 || mvn -q -B test-compile >/dev/null
mkdir -p bench/out
[ -f bench/out/classpath.txt ] && [ bench/out/classpath.txt -nt pom.xml ] ||
  mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=bench/out/classpath.txt >/dev/null
exec java -XX:+UseParallelGC -Xms1g -Xmx2g \
  -cp "target/classes:target/test-classes:$(cat bench/out/classpath.txt)" \
  dev.pinkeeper.plan.SimulateBenchmark "$@"
