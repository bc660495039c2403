#!/usr/bin/env bash
# A Gradescope-like grading run, measured: builds the autograder zip (./kit export gradescope), unpacks it the
# way Gradescope does into a temporary AUTOGRADER_ROOT (source/, submission/, results/: no real /autograder),
# runs its setup.sh once, then grades each kind of submission with run_autograder pinned to one core
# (taskset -c CORE), sampling the resident memory of the whole process tree (scripts/peak-rss.sh). Prints, per
# submission, the wall time, the peak memory and the score, and checks what each must score.
#
#   scripts/gradescope-run.sh [--core N] [--cpu-quota PERCENT] [--budget SECONDS] [KIND...]
#
# --cpu-quota 50 also limits the run to half a CPU, as Gradescope's default does (a cgroup v1 cpu controller
# at /sys/fs/cgroup/cpu, as root; the grader's own control groups use only pids and memory, so the limit holds
# for every process of the run).
# KIND: stub (nothing written: every test fails), solved (every reference solution), nested (the solved
# repository uploaded one folder deep), hang (every method the learner writes spins forever, ignoring
# interrupts), stray (an upload with no repository in it: refused with a message). Default: all five.
# Needs the kit committed (the zip is its last commit) and a JDK 21+ (setup.sh's apt step is skipped).
# Exit code 1 when a run took longer than Gradescope's 10 minutes, used 768 MB or more, or scored wrongly.
set -uo pipefail
ROOT=$(CDPATH="" cd -- "$(dirname -- "$0")/.." && pwd)
core=0
budget=""
quota=""
while [ $# -gt 0 ]; do
  case "$1" in
    --core) core=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --cpu-quota) quota=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "usage: scripts/gradescope-run.sh [--core N] [--cpu-quota PERCENT] [--budget SECONDS] [KIND...]" >&2; exit 2 ;;
    *) break ;;
  esac
done
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(stub solved nested hang stray)

cpu_group=""
if [ -n "$quota" ]; then
  cpu_group=/sys/fs/cgroup/cpu/asynckit-gradescope-$$
  if ! mkdir "$cpu_group" 2>/dev/null || ! echo 100000 > "$cpu_group/cpu.cfs_period_us" \
      || ! echo $((quota * 1000)) > "$cpu_group/cpu.cfs_quota_us"; then
    echo "gradescope-run: --cpu-quota needs a cgroup v1 cpu controller at /sys/fs/cgroup/cpu, as root" >&2
    exit 2
  fi
  trap 'rmdir "$cpu_group" 2>/dev/null' EXIT
fi
# run_autograder, inside the CPU quota's control group when there is one.
run=(bash)
if [ -n "$cpu_group" ]; then
  # shellcheck disable=SC2016 # $0 and $@ are the inner shell's
  run=(sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cpu_group" bash)
fi

work=$(mktemp -d /tmp/asynckit-gradescope-XXXXXX)
echo "gradescope-run: working in $work"
cd "$ROOT" || exit 2
sh ./kit export gradescope "$work/autograder.zip" || { echo "gradescope-run: export failed" >&2; exit 2; }
ag="$work/autograder"
mkdir -p "$ag/source"
unzip -q "$work/autograder.zip" -d "$ag/source"
for f in setup.sh run_autograder; do
  [ -x "$ag/source/$f" ] || { echo "gradescope-run: $f is missing or not executable at the zip's root" >&2; exit 1; }
done
echo "gradescope-run: setup.sh (warm-up included)"
setup_start=$(date +%s)
if ! AUTOGRADER_ROOT="$ag" KIT_SKIP_APT=1 bash "$ag/source/setup.sh" > "$work/setup.log" 2>&1; then
  cat "$work/setup.log"
  echo "gradescope-run: setup.sh failed" >&2
  exit 1
fi
echo "gradescope-run: setup took $(( $(date +%s) - setup_start )) s"

# A submission of each kind, made from the kit's own files.
solved() { # $1: destination repository folder
  mkdir -p "$1"
  git -C "$ROOT" archive HEAD exercises quizzes/attempts | tar -x -C "$1"
  for d in "$ROOT"/solutions/[0-9]*/; do
    cp -r "$d/src/main/java/." "$1/exercises/$(basename "$d")/src/main/java/"
  done
}
make_submission() { # $1: kind, $2: the submission folder
  case "$1" in
    stub) mkdir -p "$2/exercises" ;;
    solved) solved "$2" ;;
    nested) solved "$2/my-repo-main"; mkdir -p "$2/__MACOSX" ;;
    hang)
      git -C "$ROOT" archive HEAD exercises | tar -x -C "$2"
      # Every "not written yet" becomes a loop that never ends and ignores interrupts.
      find "$2/exercises" -path '*/src/main/java/*.java' -print0 | xargs -0 perl -0pi -e \
        's/throw new UnsupportedOperationException\((?:[^;]|\n)*?\);/for (;;) { Thread.onSpinWait(); }/g'
      ;;
    stray) mkdir -p "$2"; echo 'class PageFetcher {}' > "$2/PageFetcher.java" ;;
  esac
}
expect_score() { # $1: kind; prints the expected score rule
  case "$1" in
    solved|nested) echo full ;;
    *) echo zero ;;
  esac
}

failed=0
printf '\n%-8s %8s %9s %9s %9s  %s\n' kind wall peak score exercises notes
for kind in "${kinds[@]}"; do
  rm -rf "$ag/submission" "$ag/results"
  mkdir -p "$ag/submission" "$ag/results"
  make_submission "$kind" "$ag/submission"
  log="$work/run-$kind.log"
  AUTOGRADER_ROOT="$ag" ${budget:+KIT_TIME_BUDGET=$budget} taskset -c "$core" \
    "$ROOT/scripts/peak-rss.sh" --out "$work/rss-$kind.tsv" -- "${run[@]}" "$ag/source/run_autograder" > "$log" 2>&1
  line=$(grep '^peak-rss:' "$log" | tail -n 1)
  peak=$(sed -n 's/^peak-rss: \([0-9]*\) MB.*/\1/p' <<< "$line")
  wall=$(sed -n 's/.*; wall \([0-9.]*\) s;.*/\1/p' <<< "$line")
  results="$ag/results/results.json"
  score=$(sed -n 's/^  "score" : \([0-9.]*\),*$/\1/p' "$results" 2>/dev/null | head -n 1)
  max=$(grep -o '"max_score" : [0-9]*' "$results" 2>/dev/null | awk '{ s += $3 } END { print s + 0 }')
  exercises=$(grep -o 'Exercises: [0-9]*/[0-9]*' "$results" 2>/dev/null | head -n 1 | cut -d' ' -f2)
  notes=""
  grep -q '"stdout_visibility" : "visible"' "$results" 2>/dev/null || notes+="output not visible; "
  case "$(expect_score "$kind")" in
    full) [ -n "$exercises" ] && [ "${exercises%/*}" = "${exercises#*/}" ] || notes+="expected every exercise point; " ;;
    zero) [ "${score%.*}" = "0" ] || notes+="expected 0; " ;;
  esac
  [ "$kind" = nested ] && { grep -q 'one folder down' "$results" || notes+="no note about the nested folder; "; }
  [ "$kind" = stray ] && { grep -q 'no exercises/ folder' "$results" || notes+="no refusal message; "; }
  [ "${wall%.*}" -lt 600 ] 2>/dev/null || notes+="over 10 minutes; "
  [ "${peak:-9999}" -lt 768 ] || notes+="768 MB or more; "
  [ -n "$notes" ] && failed=1
  printf '%-8s %7ss %6s MB %9s %9s  %s\n' "$kind" "${wall:-?}" "${peak:-?}" "${score:-?}/${max}" "${exercises:--}" \
    "${notes:-ok}"
done
echo
echo "gradescope-run: logs, memory samples and the last results in $work"
exit $failed
