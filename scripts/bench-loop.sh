#!/usr/bin/env bash
# How fast is the learner's loop? On a copy of the kit with exercise 01's reference solution in place,
# prints from one run:
#   - ./kit watch 01: save-to-result latency, median of 10 saves (each save changes a comment, so the
#     tests run as for a learner's real save), with the median time of the tests themselves in the run;
#   - ./kit test 01 cold (a new JVM each time, the launcher already built), median of RUNS;
#   - ./mvnw -q test -pl exercises/01-waiting-problem for comparison, median of RUNS.
# Usage: scripts/bench-loop.sh [RUNS]      (default 3). Run it on an idle machine.
set -uo pipefail
kit=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
saves=10
work=$(mktemp -d)
watch_pid=
cleanup() {
  [ -n "$watch_pid" ] && kill "$watch_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
. "$kit/scripts/lib/kit-copy.sh"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "?"; else if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
copy="$work/kit"
copy_kit "$copy"
overlay_solutions "$copy" 01-waiting-problem
file="$copy/exercises/01-waiting-problem/src/main/java/asynckit/ex01/PageFetcher.java"
cp "$file" "$work/PageFetcher.java"
cd "$copy" || exit 1

echo "bench-loop: building the launcher in a copy of the kit (not timed)..." >&2
./kit list >/dev/null || { echo "bench-loop: ./kit list failed" >&2; exit 1; }
./kit test 01 >/dev/null   # the first run also writes the class-data archive; not timed

# ./kit test 01, cold: a new JVM each run.
cold=()
for _ in $(seq "$runs"); do
  t0=$(ms); ./kit test 01 >/dev/null; t1=$(ms)
  cold+=($((t1 - t0)))
done

# ./kit watch 01: save, then wait for the run's closing line.
log="$work/watch.log"
: >"$log"
# The watch reads its keys from a pipe that stays open until we type q into it.
mkfifo "$work/keys"
exec 3<>"$work/keys"
./kit watch 01 <&3 >"$log" 2>&1 &
watch_pid=$!
count() { grep -c ' passed · ' "$log"; }
wait_for() { # wait until the closing-line count reaches $1 (30 s at most)
  local deadline=$(( $(ms) + 30000 ))
  while [ "$(count)" -lt "$1" ]; do
    [ "$(ms)" -gt "$deadline" ] && { echo "bench-loop: watch never showed run $1; its output:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.005
  done
}
wait_for 1
sleep 1
latency=()
for i in $(seq "$saves"); do
  n=$(count)
  sleep 0.5
  t0=$(ms)
  { cat "$work/PageFetcher.java"; echo "// save $i"; } >"$file.tmp" && mv "$file.tmp" "$file"
  wait_for $((n + 1))
  t1=$(ms)
  latency+=($((t1 - t0)))
done
printf q >&3
wait "$watch_pid" 2>/dev/null
watch_pid=
tests=$(grep -o 'tests ran in [0-9.]* s' "$log" | tail -n "$saves" | awk '{print int($4 * 1000)}' | median)
compile=$(grep -o 'compiled in [0-9.]* s' "$log" | tail -n "$saves" | awk '{print int($3 * 1000)}' | median)
passed=$(grep ' passed · ' "$log" | tail -n 1)

# The Maven way, for comparison.
maven=()
for _ in $(seq "$runs"); do
  t0=$(ms); sh ./mvnw -q test -pl exercises/01-waiting-problem >/dev/null 2>&1; t1=$(ms)
  maven+=($((t1 - t0)))
done

lat=$(printf '%s\n' "${latency[@]}" | median)
echo "load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (on $(nproc 2>/dev/null) cores; compare only idle runs)"
echo "last watch result: $passed"
echo "watch: save to result, median of $saves saves:  ${lat} ms  (all: ${latency[*]})"
echo "       of which the tests ran ${tests} ms and compiling took ${compile} ms (medians)"
echo "./kit test 01, cold, median of $runs:             $(printf '%s\n' "${cold[@]}" | median) ms  (all: ${cold[*]})"
echo "./mvnw -q test -pl exercises/01-waiting-problem: $(printf '%s\n' "${maven[@]}" | median) ms  (all: ${maven[*]})"
