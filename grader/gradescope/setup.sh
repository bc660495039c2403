#!/usr/bin/env bash
# Gradescope autograder setup: runs once, as root, when Gradescope builds the autograder image. The zip made by
# `./kit export gradescope FILE.zip` (the kit's committed files, this script and run_autograder at its root)
# is unpacked in /autograder/source.
#
# 1. installs a JDK 21, bubblewrap (the sandbox learner code runs in) and git (Maven comes with ./mvnw);
# 2. builds the grader once and writes how to start it (grader/target/gradescope/launch.env), so a grading
#    run starts the grader's JVM straight away: no outer Maven in memory or time while students wait;
# 3. warms up: grades the kit's own stubs exactly as a submission is graded, which fills the Maven
#    repository with all that the grading's trusted build needs, and checks that it scored.
# Any failure stops here, loudly, with the log: an autograder that cannot grade must not be published.
#
# AUTOGRADER_ROOT moves /autograder (to try it out anywhere); KIT_SKIP_APT=1 skips step 1 (a machine that
# already has a JDK 21+, e.g. scripts/gradescope-run.sh).
set -euo pipefail
AUTOGRADER=${AUTOGRADER_ROOT:-/autograder}
SOURCE="$AUTOGRADER/source"
cd "$SOURCE"

if [ -z "${KIT_SKIP_APT:-}" ]; then
  echo "setup: installing a JDK 21, bubblewrap and git"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-21-jdk-headless bubblewrap git
fi

# The JDK the grader runs on: JAVA_HOME, `java` on PATH, then the JDKs in /usr/lib/jvm; the first 21 or newer.
jdk_major() { # $1: a JDK's folder; prints its major version
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}
JAVA_HOME_FOUND=""
on_path=""
if command -v java >/dev/null 2>&1; then
  on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
for home in "${JAVA_HOME:-}" "$on_path" /usr/lib/jvm/*; do
  if [ -n "$home" ] && [ -x "$home/bin/javac" ] && [ "$(jdk_major "$home")" -ge 21 ] 2>/dev/null; then
    JAVA_HOME_FOUND=$home
    break
  fi
done
if [ -z "$JAVA_HOME_FOUND" ]; then
  echo "setup: FAILED: no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm); the grader needs one" >&2
  exit 1
fi
JAVA_HOME=$JAVA_HOME_FOUND
export JAVA_HOME

echo "setup: building the grader (JDK: $JAVA_HOME)"
mkdir -p grader/target/gradescope
log=grader/target/gradescope/build.log
if ! sh ./mvnw -B -Pgrade -pl grader -am package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile=target/gradescope/classpath.txt -DskipTests >"$log" 2>&1; then
  cat "$log" >&2
  echo "setup: FAILED: building the grader failed (log above)" >&2
  exit 1
fi
cat > grader/target/gradescope/launch.env <<ENV
JAVA='$JAVA_HOME/bin/java'
CLASSPATH='$SOURCE/grader/target/classes:$(cat grader/target/gradescope/classpath.txt)'
ENV

echo "setup: warm-up: grading the kit's own stubs as a submission"
warm=$(mktemp -d)
mkdir -p "$warm/submission/exercises" "$warm/results"
if ! AUTOGRADER_ROOT="$warm" KIT_GRADESCOPE_SOURCE="$SOURCE" bash "$SOURCE/run_autograder" >"$warm/output.txt" 2>&1; then
  cat "$warm/output.txt" >&2
  echo "setup: FAILED: the warm-up grading exited with an error (output above)" >&2
  exit 1
fi
if ! grep -q '"max_score"' "$warm/results/results.json" 2>/dev/null; then
  cat "$warm/output.txt" >&2
  echo "--- results.json:" >&2
  cat "$warm/results/results.json" >&2 || true
  echo "setup: FAILED: the warm-up grading wrote no graded results (output and results above)" >&2
  exit 1
fi
tail -n 3 "$warm/output.txt"
rm -rf "$warm"
echo "setup: done; the autograder is ready"
