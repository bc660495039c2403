#!/usr/bin/env bash
# Runs a command and samples the resident memory of its whole process tree (the command and every process it
# starts, sandboxed test JVMs included: they stay its descendants) every 200 ms, from ps (VmRSS; memory shared
# between processes counts once per process, so the sum is an upper bound). Prints the peak, when it was seen
# and which processes made it up, then exits with the command's exit code.
#
#   scripts/peak-rss.sh [--out FILE] -- COMMAND [ARGS...]
#
# --out FILE also writes the samples (seconds, total MB, processes) there.
set -uo pipefail
out=""
if [ "${1:-}" = "--out" ]; then out=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: scripts/peak-rss.sh [--out FILE] -- COMMAND [ARGS...]" >&2; exit 2; }

"$@" &
root=$!
start=$(date +%s.%N)
peak=0
peak_at=0
peak_procs=""
samples=${out:-/dev/null}
: > "$samples"
# One sample: the tree under $root from one ps listing; prints "totalKB<TAB>comm:rssMB ..."
sample() {
  ps -e -o pid=,ppid=,rss=,comm= | awk -v root="$root" '
    { pid[NR]=$1; ppid[NR]=$2; rss[NR]=$3; comm[NR]=$4; n=NR }
    END {
      inTree[root]=1; changed=1
      while (changed) { changed=0
        for (i=1;i<=n;i++) if (!(pid[i] in inTree) && (ppid[i] in inTree)) { inTree[pid[i]]=1; changed=1 } }
      total=0; list=""
      for (i=1;i<=n;i++) if (pid[i] in inTree) { total+=rss[i]; if (rss[i] > 20000) list=list comm[i] ":" int(rss[i]/1024) "MB " }
      printf "%d\t%s\n", total, list
    }'
}
while kill -0 "$root" 2>/dev/null; do
  line=$(sample)
  kb=${line%%$'\t'*}
  now=$(date +%s.%N)
  t=$(awk -v a="$start" -v b="$now" 'BEGIN { printf "%.1f", b - a }')
  printf '%s\t%d\t%s\n' "$t" "$((kb / 1024))" "${line#*$'\t'}" >> "$samples"
  if [ "$kb" -gt "$peak" ]; then peak=$kb; peak_at=$t; peak_procs=${line#*$'\t'}; fi
  sleep 0.2
done
wait "$root"
status=$?
end=$(date +%s.%N)
printf 'peak-rss: %d MB at %s s (%s); wall %s s; exit %d\n' "$((peak / 1024))" "$peak_at" "${peak_procs% }" \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')" "$status" >&2
exit $status
