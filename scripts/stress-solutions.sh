#!/usr/bin/env bash
# Evidence that the timing checks do not flake: runs every reference solution's and every alternative
# correct implementation's tests RUNS times
# (default 20) while every core is kept busy by other work, and prints "N/RUNS passed".
# Usage: scripts/stress-solutions.sh [RUNS]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
logs=$(mktemp -d)

echo "building once (not timed, not loaded)..."
if ! ./mvnw -q -B test-compile -Pselftest > "$logs/build.log" 2>&1; then
  cat "$logs/build.log"
  exit 1
fi

cores=$(nproc)
burners=()
for _ in $(seq "$cores"); do
  yes > /dev/null &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null' EXIT
echo "loading all $cores cores with busy processes (${burners[*]})"

passed=0
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  # -am: the testkit and the launcher come from this tree, never from ~/.m2; only the self-test class runs.
  if ./mvnw -q -B -o verify -Pselftest -pl solutions -am -Dtest=KitSelfTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dselftest.only=solution,right -Dselftest.cache=false > "$logs/run-$i.log" 2>&1; then
    passed=$((passed + 1))
    verdict=passed
  else
    verdict="FAILED (log: $logs/run-$i.log)"
  fi
  echo "run $i/$runs: $verdict in $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
echo "$passed/$runs passed"
[ "$passed" -eq "$runs" ]
