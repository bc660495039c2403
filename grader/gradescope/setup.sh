#!/usr/bin/env bash
# Gradescope autograder setup: the kit (a clean checkout) is unpacked at /autograder/source.
# Installs a JDK 21 and bubblewrap (the sandbox learner code runs in; Maven comes with ./mvnw) and warms the
# Maven repository with one grading run.
set -euo pipefail
apt-get update
apt-get install -y --no-install-recommends openjdk-21-jdk-headless bubblewrap git
cd /autograder/source
./mvnw -B -q verify -Pgrade -Dgrade.out=/tmp/warm-up >/dev/null || true
