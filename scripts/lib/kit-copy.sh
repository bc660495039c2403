# Sourced by the benchmark scripts: copies of the kit, with reference solutions laid over the stubs.
# Needs $kit: the repository to copy.

# copy_kit DEST: the kit as it is in the working tree, without git data or build output.
copy_kit() {
  mkdir -p "$1"
  (cd "$kit" && tar --exclude=./.git --exclude='*/target' --exclude=./target --exclude=./.kit \
      --exclude=./grade-report -cf - .) | (cd "$1" && tar -xf -)
}

# overlay_solutions DEST [EXERCISE]: lays the reference solution of EXERCISE (default: every exercise)
# over the stub in DEST.
overlay_solutions() {
  for sol in "$kit"/solutions/${2:-[0-9][0-9]-*}/src/main/java; do
    ex=$(basename "$(dirname "$(dirname "$(dirname "$sol")")")")
    [ -d "$1/exercises/$ex/src/main/java" ] && cp -R "$sol/." "$1/exercises/$ex/src/main/java/"
  done
}
