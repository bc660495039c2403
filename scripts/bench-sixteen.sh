#!/usr/bin/env bash
# What will the self-test cost at sixteen exercises? Builds a scratch copy of this commit in which exercises
# 09-16 are copies of 01-08 (folders, packages asynckit.exNN, artifact ids and names renumbered; solutions and
# variants with them), then times the kit's test command there with scripts/bench-selftest.sh, against the
# same command in an unchanged copy of this commit, in the same run.
# Usage: scripts/bench-sixteen.sh [RUNS] [MAVEN ARGS...]   (default 1 run idle + 1 with every core busy, each;
# RUNS=prepare only builds the two copies and prints where)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1}
shift || true
base=$(mktemp -d)
git archive HEAD | tar -x -C "$base"
eight="$base/eight" sixteen="$base/sixteen"
mkdir "$eight" && (cd "$base" && find . -mindepth 1 -maxdepth 1 ! -name eight -exec mv {} eight/ \;)
cp -r "$eight" "$sixteen"
modules=""
for dir in "$eight"/exercises/[0-9][0-9]-*/; do
  name=$(basename "$dir"); nn=${name%%-*}; slug=${name#*-}
  mm=$(printf '%02d' $((10#$nn + 8)))
  for tree in exercises solutions; do
    [ -d "$eight/$tree/$name" ] || continue
    cp -r "$eight/$tree/$name" "$sixteen/$tree/$mm-$slug"
    # Package folders asynckit/exNN -> asynckit/exMM, deepest last so renames do not break paths.
    find "$sixteen/$tree/$mm-$slug" -depth -type d -name "ex$nn" -execdir mv "ex$nn" "ex$mm" \;
    grep -rlZ . "$sixteen/$tree/$mm-$slug" | xargs -0 sed -i \
      -e "s/asynckit\.ex$nn\b/asynckit.ex$mm/g; s#asynckit/ex$nn/#asynckit/ex$mm/#g" \
      -e "s#<artifactId>ex$nn-#<artifactId>ex$mm-#; s#<name>$nn #<name>$mm #; s#@Exercise(\"$name\")#@Exercise(\"$mm-$slug\")#"
  done
  modules+="    <module>$mm-$slug</module>\n"
done
# The new modules go after the last exercise module (the kit's one module list).
last=$(grep -o '<module>[0-9][0-9]-[^<]*</module>' "$eight/exercises/pom.xml" | tail -1)
sed -i "s#^\(\s*\)$last#&\n${modules%\\n}#" "$sixteen/exercises/pom.xml"
# Each copy is a repository with one commit, as the grader's tests expect of the kit they grade.
for kit in "$eight" "$sixteen"; do
  (cd "$kit" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost commit -qm copy)
done
# The copies are new exercises to the course: the README's table is rewritten by the kit's tests (outside CI).
unset CI
if [ "$runs" = prepare ]; then echo "$base"; exit 0; fi
echo "== eight exercises (this commit)"
(cd "$eight" && scripts/bench-selftest.sh "$runs" "$@")
echo "== sixteen exercises (01-08 and their copies as 09-16)"
(cd "$sixteen" && scripts/bench-selftest.sh "$runs" "$@")
echo "copies kept in $base (delete when done)"
