#!/usr/bin/env bash
# How much does the kit add to a test run? Times `./mvnw -q test -pl exercises/EXERCISE` (on the stub,
# as a learner first meets it, and with the reference solution in place) against a bare one-test Maven
# project on the same machine, with the same Maven wrapper, in the same run; prints medians and ratios,
# then the time of the whole self-test once.
# Usage: scripts/bench-exercise.sh [EXERCISE] [RUNS]     (defaults: 01-waiting-problem, 5)
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
exercise=${1:-01-waiting-problem}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

surefire=$(sed -n 's:.*<surefire.version>\(.*\)</surefire.version>.*:\1:p' "$repo/pom.xml")
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$repo/pom.xml")

# The baseline: the smallest honest Maven project with one JUnit test, built by the same wrapper.
bare="$work/bare"
mkdir -p "$bare/src/test/java/bare"
cp -r "$repo/mvnw" "$repo/.mvn" "$bare/"
rm -f "$bare/.mvn/maven.config"
cat > "$bare/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bare</artifactId><version>1</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>
      <version>$junit</version><scope>test</scope></dependency>
  </dependencies>
  <build><plugins>
    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-surefire-plugin</artifactId>
      <version>$surefire</version></plugin>
  </plugins></build>
</project>
POM
cat > "$bare/src/test/java/bare/OneTest.java" <<'JAVA'
package bare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OneTest {
    @Test
    void adds() {
        assertEquals(4, 2 + 2);
    }
}
JAVA

# A solved copy of the kit: the reference solution's files laid over the stub.
solved="$work/solved"
kit=$repo
. "$repo/scripts/lib/kit-copy.sh"
copy_kit "$solved"
overlay_solutions "$solved" "$exercise"

time_ms() { # dir, args... -> prints elapsed ms of one quiet Maven run (its exit status is ignored)
  local dir=$1; shift
  local start; start=$(date +%s%N)
  (cd "$dir" && ./mvnw -q -B -o "$@" > /dev/null 2>&1)
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

echo "warming up (downloads, first compile)..."
(cd "$bare" && ./mvnw -q -B test > /dev/null 2>&1) || { echo "the bare project did not build"; exit 1; }
(cd "$repo" && ./mvnw -q -B test -pl "exercises/$exercise" > /dev/null 2>&1)
(cd "$solved" && ./mvnw -q -B test -pl "exercises/$exercise" > /dev/null 2>&1)

: > "$work/bare.ms"; : > "$work/stub.ms"; : > "$work/solved.ms"
for i in $(seq "$runs"); do
  time_ms "$bare" test >> "$work/bare.ms"
  time_ms "$repo" test -pl "exercises/$exercise" >> "$work/stub.ms"
  time_ms "$solved" test -pl "exercises/$exercise" >> "$work/solved.ms"
done
b=$(median < "$work/bare.ms"); s=$(median < "$work/stub.ms"); v=$(median < "$work/solved.ms")
echo "median of $runs runs each, on $(nproc) cores:"
printf '  bare one-test project          %6d ms\n' "$b"
printf '  %-30s %6d ms   %s x bare\n' "$exercise (stub)" "$s" "$(awk -v a="$s" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
printf '  %-30s %6d ms   %s x bare\n' "$exercise (solved)" "$v" "$(awk -v a="$v" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"

start=$(date +%s%N)
(cd "$repo" && ./mvnw -q -B -o -T 1.5C verify -Pselftest > "$work/selftest.log" 2>&1)
status=$?
printf '  whole self-test (./mvnw -q -T 1.5C verify -Pselftest): %d ms, exit %d\n' $(( ($(date +%s%N) - start) / 1000000 )) "$status"
