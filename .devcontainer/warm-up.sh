#!/bin/sh
# Runs once, when the container is created (devcontainer.json's postCreateCommand): downloads everything the
# build needs and builds the ./kit commands, so that `./kit test 01` works at once. Each step is quiet when it
# works; when one fails, its whole output is shown and the warm-up fails loudly.
set -eu
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
step() {
  echo "devcontainer: $1"
  shift
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "devcontainer: FAILED: '$*' did not finish (its output is above). The container works, but the" >&2
    echo "devcontainer: first ./kit command will download and build again; if that fails too, show this log." >&2
    exit 1
  fi
}
step "warming the Maven cache: the exercises, the testkit and the tools (./mvnw -B -DskipTests install)" \
  ./mvnw -B -q -DskipTests install
step "building the grader (./kit grade)" ./mvnw -B -q -Pgrade -DskipTests package
step "building the launcher (./kit test, ./kit watch)" ./kit list
step "building the quiz runner (./kit quiz)" ./kit quiz --plain
echo "devcontainer: ready. Start with: ./kit watch 01"
