#!/usr/bin/env bash
# A longer fuzzing campaign: runs every Jazzer target of the pom (the surefire executions named
# fuzz-*) in turn, SECONDS each (default 600). The corpus grows in .cifuzz-corpus/ (git-ignored)
# and is reused by the next campaign; a finding fails the run and is saved as a crash-* file under
# src/test/resources/.../<Test>Inputs/<method>/, where `mvn verify` replays it from then on.
#
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-600}"
cd "$root"
mvn -B -q -ntp test-compile
status=0
for execution in $(grep -o '<id>fuzz-[a-z0-9-]*</id>' pom.xml | sed 's/<[^>]*>//g'); do
  echo "fuzz.sh: $execution for ${seconds}s" >&2
  mvn -B -ntp -o "surefire:test@$execution" -Dfuzz.duration="${seconds}s" || status=1
done
exit $status
