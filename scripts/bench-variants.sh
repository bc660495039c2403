#!/usr/bin/env bash
# How long do chosen implementations take in the self-test, here against a baseline commit, in the same run?
# Snapshots BASE (git archive) into a temporary folder, then runs the self-test of EXERCISES there and here (the
# working tree) alternately, RUNS times each (cache off, the testkit built from each tree), and prints for every implementation
# whose name matches PATTERN the median of its tests' time (compile time left out) in both, and the ratio.
# Usage: scripts/bench-variants.sh BASE EXERCISES PATTERN [RUNS]
#   e.g. scripts/bench-variants.sh main 02,06,08 'on-the-loop|loop-task' 2
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: bench-variants.sh BASE EXERCISES PATTERN [RUNS]}
exercises=${2:?usage: bench-variants.sh BASE EXERCISES PATTERN [RUNS]}
pattern=${3:?usage: bench-variants.sh BASE EXERCISES PATTERN [RUNS]}
runs=${4:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/base"
git -C "$repo" archive "$base" | tar -x -C "$work/base" || { echo "cannot archive $base"; exit 1; }
echo "baseline $(git -C "$repo" rev-parse --short "$base"), this tree $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' (with changes)'), exercises $exercises, $runs run(s) each, cores $(nproc)"

one_run() { # $1 tree, $2 label, $3 index
  (cd "$1" && ./mvnw -q -B -o verify -Pselftest -Dselftest.exercise="$exercises" -Dselftest.cache=false \
      -Dtest=KitSelfTest -Dsurefire.failIfNoSpecifiedTests=false -pl exercises/testkit,solutions) \
      > "$work/$2-$3.log" 2>&1 || echo "$2 run $3: RED (tail of its log follows)" >&2
  grep -q "^selftest" "$work/$2-$3.log" || tail -20 "$work/$2-$3.log" >&2
}
# Alternate which tree goes first, so that a machine getting busier or quieter during the run favours neither.
for i in $(seq "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then
    one_run "$work/base" base "$i"; one_run "$repo" here "$i"
  else
    one_run "$repo" here "$i"; one_run "$work/base" base "$i"
  fi
done

# "selftest 02-... wrong/joins-on-the-loop tests 9 passed 3 failed 6 2459 ms (compile 852, tests 1524)"
times() { # $1 label: prints "implementation ms" per line, every run
  cat "$work/$1"-*.log | grep '^selftest' | sed -E 's/^selftest +([^ ]+) +([^ ]+) .*tests +([0-9]+)\)$/\1:\2 \3/'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf '%-58s %10s %10s %7s\n' implementation "base ms" "here ms" ratio
for impl in $(times base | awk '{print $1}' | sort -u | grep -E "$pattern"); do
  b=$(times base | awk -v i="$impl" '$1 == i {print $2}' | median)
  h=$(times here | awk -v i="$impl" '$1 == i {print $2}' | median)
  [ -n "$h" ] || continue
  printf '%-58s %10s %10s %7s\n' "$impl" "$b" "$h" "$(awk -v b="$b" -v h="$h" 'BEGIN {printf "%.2f", h / b}')"
done
