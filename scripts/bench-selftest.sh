#!/usr/bin/env bash
# How long does the kit's own proof take? Times the whole `./mvnw -q -T 1.5C verify -Pselftest` (cache off, as in
# CI) RUNS times on an idle machine and RUNS times while every core is kept busy by `yes`, and prints
# each run, the medians and the verdicts.
# Usage: scripts/bench-selftest.sh [RUNS] [MAVEN ARGS...]   (default 3 runs; e.g. -Dselftest.exercise=01,02,03,04
# times the self-test with four exercises)
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
extra=("$@")
logs=$(mktemp -d)
echo "exercises: $(ls -d exercises/[0-9][0-9]-*/ | wc -l), cores: $(nproc), args: ${extra[*]:-none}, logs: $logs"
# Warm-up: build every module (jars included) with no tests, so the timed runs compile nothing. (A warm-up that
# stopped at test-compile left the jars to the first timed run, and a new testkit jar made every exercise
# module compile again there: 60-70 s more at sixteen exercises.)
./mvnw -q -B package -Pselftest -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false > "$logs/build.log" 2>&1 \
  || { cat "$logs/build.log"; exit 1; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one_run() { # $1 label, $2 index
  local start end status
  start=$(date +%s%N)
  ./mvnw -q -B -o -T 1.5C verify -Pselftest -Dselftest.cache=false "${extra[@]}" > "$logs/$1-$2.log" 2>&1
  status=$?
  end=$(date +%s%N)
  local secs=$(( (end - start) / 1000000 ))
  echo "$1 run $2: $( [ $status -eq 0 ] && echo green || echo "RED (log: $logs/$1-$2.log)") in $((secs / 1000)).$(( (secs % 1000) / 100 )) s" >&2
  # one_run runs in a command substitution (a subshell): a red run is counted in a file, not a variable.
  [ $status -eq 0 ] || echo "$1-$2" >> "$logs/red"
  echo "$secs"
}
idle=()
for i in $(seq "$runs"); do idle+=("$(one_run idle "$i")"); done
burners=()
for _ in $(seq "$(nproc)"); do yes > /dev/null & burners+=($!); done
trap 'kill "${burners[@]}" 2>/dev/null' EXIT
loaded=()
for i in $(seq "$runs"); do loaded+=("$(one_run loaded "$i")"); done
kill "${burners[@]}" 2>/dev/null
failures=$( [ -f "$logs/red" ] && wc -l < "$logs/red" || echo 0)
mi=$(printf '%s\n' "${idle[@]}" | median); ml=$(printf '%s\n' "${loaded[@]}" | median)
echo "self-test median: idle $((mi / 1000)).$(( (mi % 1000) / 100 )) s, both cores busy $((ml / 1000)).$(( (ml % 1000) / 100 )) s; $failures red run(s) of $((2 * runs))"
[ "$failures" -eq 0 ]
