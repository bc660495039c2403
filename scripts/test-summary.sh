#!/usr/bin/env bash
# Prints one plain line, "N passed, N failed, N skipped", from the Surefire XML reports under the
# given folder (default: the repository). Used by .ci/run, whose Maven runs quietly (-q).
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
label=${2:-tests}
tests=0 failures=0 errors=0 skipped=0
while IFS= read -r -d '' report; do
  # The <testsuite ...> opening tag carries the counts.
  line=$(grep -m1 -o '<testsuite [^>]*>' "$report" || true)
  for attr in tests failures errors skipped; do
    value=$(printf '%s' "$line" | grep -o " $attr=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0)
    case $attr in
      tests) tests=$((tests + value)) ;;
      failures) failures=$((failures + value)) ;;
      errors) errors=$((errors + value)) ;;
      skipped) skipped=$((skipped + value)) ;;
    esac
  done
done < <(find "$root" -path '*/target/surefire-reports/TEST-*.xml' -print0)
failed=$((failures + errors))
passed=$((tests - failed - skipped))
echo "$label: $passed passed, $failed failed, $skipped skipped"
