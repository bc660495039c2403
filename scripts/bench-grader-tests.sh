#!/usr/bin/env bash
# The grader module's own tests (./mvnw verify -Pselftest -pl grader -am), timed at a base commit and at
# this one, each from a fresh clone (so the trusted build cache under grader/target starts empty, as on CI),
# in the same run, alternating: the figures share the machine's load.
#   scripts/bench-grader-tests.sh [BASE [ROUNDS]]   BASE: a commit (default: the merge-base with main), ROUNDS: 1
# Prints, per round, the grader module's time from Maven's reactor summary and the slowest test classes.
set -uo pipefail
kit=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-$(git -C "$kit" merge-base HEAD main)}
rounds=${2:-1}
head=$(git -C "$kit" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
for name in base head; do
  commit=$base; [ "$name" = head ] && commit=$head
  git clone -q --no-hardlinks "$kit" "$work/$name" && git -C "$work/$name" checkout -q "$commit" || exit 1
done
echo "base $(git -C "$kit" rev-parse --short "$base"), head $(git -C "$kit" rev-parse --short "$head"); $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  for name in base head; do
    echo "round $round, $name: load average $(load)"
    (cd "$work/$name" && rm -rf grader/target && ./mvnw -B -o verify -Pselftest -pl grader -am > "$work/$name.log" 2>&1)
    status=$?
    module=$(sed -n 's/.*Grader: the scored report \.* \([A-Z]*\) \[ *\(.*\)\]$/\2 (\1)/p' "$work/$name.log")
    echo "  grader module: $module, exit $status"
    if [ "$status" -ne 0 ]; then
      cp "$work/$name.log" "${TMPDIR:-/tmp}/bench-grader-tests-$name-$round.log"
      echo "  (log kept: ${TMPDIR:-/tmp}/bench-grader-tests-$name-$round.log)"
      grep -E '^\[ERROR\] (Tests run|  |Failed)|<<< FAIL|timeout' "$work/$name.log" | head -8 | sed 's/^/    /'
    fi
    grep -E 'Tests run:.*Time elapsed: [0-9.]+ s' "$work/$name.log" | grep -- '-- in ' \
      | sed -E 's/.*Time elapsed: ([0-9.]+) s.* -- in (.*)/\1 \2/' | sort -rn | head -3 | sed 's/^/    /'
  done
done
echo "load average after: $(load)"
