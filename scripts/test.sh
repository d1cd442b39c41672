#!/usr/bin/env bash
# The whole test suite: installs what the tests need (idempotent), then builds and runs every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
mvn -B -ntp verify "$@"
