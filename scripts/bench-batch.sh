#!/usr/bin/env bash
# Batch grading's time per learner against one learner's plain test run, measured in the same run
# (goal: at most 1.2x), one learner at a time (--jobs 1) and with the default --jobs; then what a class of
# 300 would take on this machine and on a matrix of 20 jobs (.github/workflows/cohort.yml).
#   scripts/bench-batch.sh [LEARNERS]   LEARNERS solved learners (default 6), every exercise
# The baseline is `./mvnw -q test -Dmaven.test.failure.ignore=true` on a copy of the kit with every reference
# solution in place (what one learner's own test run costs). The kit's trusted test build is made once
# (warm-up) and reused from a build cache, as a teacher grading one class would; each batch's wall time,
# divided by its learners, is the time per learner.
set -uo pipefail
kit=$(cd "$(dirname "$0")/.." && pwd)
learners=${1:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$kit/scripts/lib/kit-copy.sh"
now() { date +%s%N; }
secs() { awk -v n="$1" 'BEGIN { printf "%.1f", n / 1e9 }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

solved=$work/solved
copy_kit "$solved"
overlay_solutions "$solved"
cohort=$work/cohort
for i in $(seq 1 "$learners"); do
  for ex in "$kit"/exercises/[0-9][0-9]-*/; do
    ex=$(basename "$ex")
    mkdir -p "$cohort/learner-$i/exercises/$ex/src/main/java"
    cp -R "$solved/exercises/$ex/src/main/java/." "$cohort/learner-$i/exercises/$ex/src/main/java/"
  done
done
cache=$work/build-cache
echo "load average before: $(load); $(nproc) cores; $learners solved learners, every exercise"
echo "warming up (the plain run once, the kit's trusted build into the cache, the grader)..."
(cd "$solved" && ./mvnw -q test -Dmaven.test.failure.ignore=true >/dev/null 2>&1)
mkdir -p "$work/one"
cp -R "$cohort/learner-1" "$work/one/"
(cd "$kit" && ./mvnw -q verify -Pgrade -Dgrade.cohort="$work/one" -Dgrade.out="$work/warm" \
  -Dgrade.buildCache="$cache" >/dev/null 2>&1)

start=$(now); (cd "$solved" && ./mvnw -q test -Dmaven.test.failure.ignore=true >/dev/null 2>&1); plain=$(( $(now) - start ))
echo "plain test run, one learner : $(secs $plain) s  (./mvnw -q test on the solved kit)"

run_batch() { # JOBS (a number, or auto) -> prints a line, leaves the wall time in $work/wall-JOBS
  local start wall used full
  start=$(now)
  (cd "$kit" && ./mvnw -q verify -Pgrade -Dgrade.cohort="$cohort" -Dgrade.out="$work/batch-$1" -Dgrade.jobs="$1" \
    -Dgrade.buildCache="$cache" > "$work/batch-$1.log" 2>&1)
  wall=$(( $(now) - start ))
  used=$(grep -o '"jobs" : [0-9]*' "$work/batch-$1/batch.json" | grep -o '[0-9]*$')
  full=$(grep -cE '^learner-[0-9]+ +exercises +([0-9]+)/\1( |$)' "$work/batch-$1.log")
  awk -v w="$wall" -v n="$learners" -v p="$plain" -v j="$used" -v a="$1" -v f="$full" 'BEGIN {
    per = w / n; printf "batch, --jobs %-14s: %.1f s for %d learners, %.1f s per learner = %.2fx the plain run (goal 1.2x); %d/%d with every point\n",
      j (a == "auto" ? " (default)" : ""), w / 1e9, n, per / 1e9, per / p, f, n }'
  echo "$wall" > "$work/wall-$1"
}
run_batch 1
run_batch auto
echo "load average after: $(load)"

per=$(awk -v w="$(cat "$work/wall-auto")" -v n="$learners" 'BEGIN { print w / n / 1e9 }')
awk -v per="$per" -v plain="$plain" 'BEGIN {
  printf "\nA class of 300, from these figures (the trusted build, ~1-3 min, comes on top once per machine):\n"
  printf "  this machine          : %.0f min (300 x %.1f s)\n", 300 * per / 60, per
  # A GitHub-hosted runner (4 vCPU for public repositories) grades as this 2-core machine at the least;
  # each matrix job first checks out, sets up Java, builds the grader and the kit tests (~3 min measured on CI
  # setups of the kit), then grades its 15 learners; the merge job adds about a minute.
  printf "  matrix of 20 jobs     : about %.0f min (3 min set-up + 15 x %.1f s, then ~1 min merge), if 20 runners start at once\n",
    3 + 15 * per / 60 + 1, per
}'
