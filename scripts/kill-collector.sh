#!/usr/bin/env bash
# kill -9 of the collector at random moments under load, N times in a row, with the embedded SQLite store
# and with PostgreSQL 15; then a last run stores what the journal holds, and every report answered 204
# must be stored exactly once. The suite runs 3 kills each (CollectorCrashTest); this runs N by hand.
# Usage: scripts/kill-collector.sh N [embedded|postgresql|both]     (default: both)
# Runs in rounds of at most 50 kills (each round a fresh state directory and database), and prints after
# each round, per store: kills, seconds, the random seed, reports answered 204, stored, missing, duplicated.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kills="${1:?usage: scripts/kill-collector.sh N [embedded|postgresql|both]}"
case "${2:-both}" in
  embedded) tests='CollectorCrashTest#embeddedCollectorKilledAtRandomMoments*' ;;
  postgresql) tests='CollectorCrashTest#postgresCollectorKilledAtRandomMoments*' ;;
  both) tests='CollectorCrashTest#*KilledAtRandomMoments*' ;;
  *) echo "scripts/kill-collector.sh: embedded, postgresql or both, not $2" >&2; exit 2 ;;
esac
cd "$root"
mvn -B -ntp -o -q test-compile
for (( done_kills = 0; done_kills < kills; done_kills += round )); do
  round=$(( kills - done_kills < 50 ? kills - done_kills : 50 ))
  mvn -B -ntp -o test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.skip=true \
    -Dpinkeeper.kills="$round" | grep -E '^kill loop|Tests run:.*Fail|FAIL|ERROR\]' | grep -v 'Tests run: 0,'
done
