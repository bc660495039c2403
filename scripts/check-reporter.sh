#!/usr/bin/env bash
# Runs the real GitHub Classroom autograding reporter (classroom-resources/autograding-grading-reporter, its
# bundled dist/main.js) on a grade report, the way .github/workflows/classroom.yml does on GitHub: the
# runner list as its `runners` input (INPUT_RUNNERS) and each runner's base64 result as <ID>_RESULTS.
# Prints what the reporter printed, its exit code, and checks its "Points X/Y" against classroom/summary.txt.
#
#   scripts/check-reporter.sh REPORTER_DIR [GRADE_REPORT_DIR] [NODE]
#
#   REPORTER_DIR      a copy of the reporter at the tag the workflow uses:
#                     git clone --branch v1 https://github.com/classroom-resources/autograding-grading-reporter
#   GRADE_REPORT_DIR  a grader output folder (default: grade-report); it needs classroom/
#   NODE              the node binary (default: node); GitHub runs it on Node 24 (FORCE_JAVASCRIPT_ACTIONS_TO_NODE24)
#
# KIT_ASSIGNED and KIT_QUIZZES are read when the report is written (by the grader), not here.
# Exit code: the reporter's (1 when it failed the job), or 2 when this script could not run it; 3 when its
# Points notice disagrees with the summary's "Counted by the autograding reporter" line.
set -uo pipefail

reporter=${1:?usage: scripts/check-reporter.sh REPORTER_DIR [GRADE_REPORT_DIR] [NODE]}
report=${2:-grade-report}
node=${3:-node}
main="$reporter/dist/main.js"
if [ ! -f "$main" ]; then
  echo "check-reporter: no $main (clone the reporter at tag v1; its dist/ is on the release tag, not on main)" >&2
  exit 2
fi
for f in runners.txt env summary.txt; do
  if [ ! -f "$report/classroom/$f" ]; then
    echo "check-reporter: no $report/classroom/$f (run ./mvnw -q verify -Pgrade first, or name the report folder)" >&2
    exit 2
  fi
done
if ! version=$("$node" --version 2>/dev/null); then
  echo "check-reporter: cannot run '$node'" >&2
  exit 2
fi

runners=$(tr -d '\n' < "$report/classroom/runners.txt")
# Only the variables the workflow gives the step: the runner results, the input, and GitHub's files.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
: > "$scratch/output"
: > "$scratch/summary"
args=(env -i PATH="$PATH" HOME="$scratch" INPUT_RUNNERS="$runners" INPUT_TOKEN=unused
  GITHUB_OUTPUT="$scratch/output" GITHUB_STEP_SUMMARY="$scratch/summary" GITHUB_ACTIONS=true)
while IFS= read -r line; do
  [ -n "$line" ] && args+=("$line")
done < "$report/classroom/env"

echo "== reporter $(basename "$(cd "$reporter" && pwd)") under Node $version, $(wc -w <<< "${runners//,/ }") runners"
"${args[@]}" "$node" "$main" > "$scratch/printed" 2>&1
status=$?
cat "$scratch/printed"
echo "== reporter exit code: $status ($( [ $status -eq 0 ] && echo 'job green' || echo 'job red'))"

notice=$(sed -n 's/^::notice title=Autograding complete::Points \([0-9]*\/[0-9]*\)$/\1/p' "$scratch/printed")
counted=$(sed -n 's/^Counted by the autograding reporter: \([0-9]*\/[0-9]*\) points.*/\1/p' "$report/classroom/summary.txt")
echo "== Points notice: ${notice:-none}; the grader's summary says: ${counted:-none}"
if [ -n "$counted" ] && [ "$notice" != "$counted" ]; then
  echo "check-reporter: the reporter's Points ($notice) differ from what the grader says it counts ($counted)" >&2
  exit 3
fi
exit $status
