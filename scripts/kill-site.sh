#!/usr/bin/env bash
# kill -9 of a process changing a site in its transaction (rollover, plan set, emergency, key changes) at
# random moments, N times; after each kill every acknowledged change must be there and nothing half-written
# visible. The suite runs 30 kills (SiteTransactionKillTest); this runs N by hand and prints the seed, the
# changes acknowledged and what the kills left for the next run to clean.
# Usage: scripts/kill-site.sh N [SEED]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:?usage: scripts/kill-site.sh N [SEED]}"
seed=()
if [[ $# -ge 2 ]]; then seed=("-Dpinkeeper.killSeed=$2"); fi
cd "$root"
mvn -B -ntp -o -q test-compile
mvn -B -ntp -o test -Dtest=SiteTransactionKillTest -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip=true \
  -Dpinkeeper.siteKills="$kills" "${seed[@]}" | grep -E '^site transaction kill test|Tests run:.*Fail|FAIL|ERROR\]' \
  | grep -v 'Tests run: 0,'
