#!/usr/bin/env bash
# Regenerates src/main/resources/dev/pinkeeper/catalogue/ca-pins.tsv: the pins of the Let's Encrypt
# certificates stored next to it (letsencrypt/MANIFEST.tsv) and of every root of a JDK trust store.
# Usage: scripts/make-ca-catalogue.sh [TRUSTSTORE]   (default: the JDK's cacerts)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
store="${1:-}"
if [ -z "$store" ]; then
  for candidate in "$java_home/lib/security/cacerts" /etc/ssl/certs/java/cacerts; do
    if [ -f "$candidate" ]; then store="$candidate"; break; fi
  done
fi
[ -n "$store" ] && [ -f "$store" ] || { echo "make-ca-catalogue: no trust store found; pass one" >&2; exit 2; }
cd "$root"
mvn -q -B -o test-compile >/dev/null || mvn -q -B test-compile
java -cp target/classes:target/test-classes dev.pinkeeper.catalogue.MakeCaCatalogue \
  src/main/resources/dev/pinkeeper/catalogue "$store"
