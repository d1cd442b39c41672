#!/usr/bin/env bash
# What storing one report costs the embedded SQLite store alone (no HTTP, no journal, no analysis):
# rounds of ROWS rows in 2,048-row transactions, as the collector's feeder sends them, with the 3.4 KB
# body of a Chromium report (BODY=small: a 2-byte body, to see what the body costs).
# Usage: bench/store-insert.sh [ROWS] [ROUNDS] [JDBC_URL_OPTIONS]   (defaults 102400, 6, none)
#   e.g. bench/store-insert.sh 102400 6 "?synchronous=NORMAL"   (SQLite pragmas as URL parameters)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
rows="${1:-102400}"
rounds="${2:-6}"
options="${3:-}"
build_jar
work="$(mktemp -d /tmp/pinkeeper-store.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.pem -days 30 \
  -subj "/CN=www.example.com" 2>/dev/null
python3 - <<'PY'
import json, os
pem = open("leaf.pem").read()
body = {"date-time": "2026-11-22T10:00:00Z", "hostname": "www.example.com", "port": 443,
        "effective-expiration-date": "2027-01-01T00:00:00Z", "include-subdomains": False,
        "noted-hostname": "example.com", "served-certificate-chain": [pem, pem],
        "validated-certificate-chain": [pem, pem, pem], "known-pins": ['pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="']}
open("body.json", "w").write("{}" if os.environ.get("BODY") == "small" else json.dumps(body))
PY
javac -d "$work" -cp "$root/target/pinkeeper.jar" "$root/bench/StoreInsert.java"
echo "body $(wc -c <body.json) bytes, $rows rows a round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# the state directory: the collector's own embedded database URL, with the options appended
java -cp "$root/target/pinkeeper.jar:$work" StoreInsert "$work/db" "$work/body.json" "$rows" "$rounds" "$options"
