#!/usr/bin/env bash
# Grading's cost, measured: the time of `./mvnw -q verify -Pgrade` against the plain test run
# `./mvnw -q test -Dmaven.test.failure.ignore=true` of the same tree, in the same run (goal: at most
# 1.15x), then the batch time per learner.
#   scripts/bench-grade.sh              the tree as it is (a fresh clone: the stubs)
#   scripts/bench-grade.sh --solutions  a temporary copy with every reference solution in place
# Last, the sandbox's cost: one solved learner graded in instructor mode with the sandbox and without it
# (-Dgrade.sandbox=none), in the same run; "learner" is the report's own time (after the kit's tests are
# built), "whole run" includes Maven and the kit build.
set -uo pipefail
kit=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. "$kit/scripts/lib/kit-copy.sh"
now() { date +%s%N; }
secs() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1e9 }'; }

tree=$kit
if [ "${1:-}" = "--solutions" ]; then
  tree=$work/kit
  copy_kit "$tree"
  overlay_solutions "$tree"
  echo "tree: a copy of the kit with the reference solutions in place"
else
  echo "tree: $kit as it is"
fi
cd "$tree"
echo "warming up (compiles everything once)..."
./mvnw -q test -Dmaven.test.failure.ignore=true >/dev/null 2>&1
./mvnw -q verify -Pgrade -Dgrade.out="$work/warm" >/dev/null 2>&1

start=$(now); ./mvnw -q test -Dmaven.test.failure.ignore=true >/dev/null 2>&1; plain=$(( $(now) - start ))
start=$(now); ./mvnw -q verify -Pgrade -Dgrade.out="$work/grade" >/dev/null 2>&1; grade=$(( $(now) - start ))
echo "plain test run : $(secs $plain) s   (./mvnw -q test -Dmaven.test.failure.ignore=true)"
echo "graded run     : $(secs $grade) s   (./mvnw -q verify -Pgrade)"
awk -v g="$grade" -v p="$plain" 'BEGIN { printf "ratio          : %.2fx (goal: at most 1.15x)\n", g / p }'

# Batch: three learners (the stubs, the solutions, the solutions again) graded from the kit itself.
cohort=$work/cohort
mkdir -p "$cohort/stubs"
for name in solved-1 solved-2; do
  for ex in "$kit"/exercises/[0-9][0-9]-*/; do
    ex=$(basename "$ex")
    mkdir -p "$cohort/$name/exercises/$ex/src/main/java"
    cp -R "$kit/exercises/$ex/src/main/java/." "$cohort/$name/exercises/$ex/src/main/java/"
  done
  overlay_solutions "$cohort/$name"
done
cd "$kit"
start=$(now)
./mvnw -q verify -Pgrade -Dgrade.cohort="$cohort" -Dgrade.out="$work/batch" > "$work/batch.log" 2>&1
batch=$(( $(now) - start ))
learners=$(($(wc -l < "$work/batch/batch.csv") - 1))
echo "batch          : $learners learners in $(secs $batch) s, $(awk -v b="$batch" -v n="$learners" \
  'BEGIN { printf "%.1f", b / n / 1e9 }') s per learner (grader's own figure: $(grep -o '[0-9.]* s per learner' "$work/batch.log"))"

# The sandbox's cost: the same solved learner, sandboxed (the best this machine offers) and not.
solved=$cohort/solved-1
for mode in auto none; do
  start=$(now)
  ./mvnw -q verify -Pgrade -Dgrade.learner="$solved" -Dgrade.out="$work/sandbox-$mode" -Dgrade.sandbox=$mode \
    > "$work/sandbox-$mode.log" 2>&1
  whole=$(( $(now) - start ))
  learner=$(sed -n 's/^  "seconds" : \([0-9.]*\),$/\1/p' "$work/sandbox-$mode/report.json")
  points=$(sed -n 's/^Total: \([0-9]*\/[0-9]*\) points.*/\1/p' "$work/sandbox-$mode.log")
  printf 'sandbox=%-5s  : learner %s s, whole run %s s, %s points; %s\n' "$mode" "$learner" "$(secs $whole)" \
    "$points" "$(sed -n 's/^Learner code: \(.\{0,60\}\).*/\1.../p' "$work/sandbox-$mode.log")"
done
