#!/usr/bin/env bash
# Renewal speed: N sites renewed against one local pebble CA, pinkeeper (one JVM run, bounded
# concurrency) versus certbot (Debian package, `certbot renew`), both reusing each site's key.
# Usage: bench/renew.sh [N=50] [CONCURRENCY=8]
# Prints both wall times and the ratio. Setup (first issuance) is not timed.
set -euo pipefail
n="${1:-50}"
concurrency="${2:-8}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-deps.sh"

work="$root/bench/out/renew-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$work"
chmod 700 "$work"
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

# one pebble CA, every challenge valid without a request
"$root/scripts/pebble.sh" start "$work/pebble" >/dev/null
trap '"$root/scripts/pebble.sh" stop "$work/pebble"' EXIT
# shellcheck disable=SC1091
. "$work/pebble/env"
directory="$PEBBLE_DIRECTORY"
http_port="$PEBBLE_HTTP_PORT"

# pinkeeper: compile the benchmark driver, then one JVM run to set up and one timed run
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="$root/target/test-classes:$root/target/classes:$(cat "$work/classpath.txt")"
run_pinkeeper() {
  java -cp "$cp" dev.pinkeeper.bench.RenewBench "$directory" "$PEBBLE_CA" "$work/pinkeeper" "$n" "$1" "$http_port"
}
echo "setup: pinkeeper issues $n certificates" >&2
run_pinkeeper "$concurrency" >/dev/null
echo "timed: pinkeeper renews $n certificates (concurrency 1, then $concurrency)" >&2
t0="$(now)"; run_pinkeeper 1; t1="$(now)"
pk_serial="$(elapsed "$t0" "$t1")"
t0="$(now)"; run_pinkeeper "$concurrency"; t1="$(now)"
pk_time="$(elapsed "$t0" "$t1")"

# certbot: same CA, same names, standalone http-01, keys reused on renewal
cb=(certbot --non-interactive --config-dir "$work/certbot/config" --work-dir "$work/certbot/work"
    --logs-dir "$work/certbot/logs")
export REQUESTS_CA_BUNDLE="$PEBBLE_CA"
"${cb[@]}" register --server "$directory" --agree-tos --register-unsafely-without-email >/dev/null 2>&1
echo "setup: certbot issues $n certificates" >&2
for i in $(seq "$n"); do
  "${cb[@]}" certonly --server "$directory" --standalone --http-01-port "$http_port" \
    --http-01-address 127.0.0.1 --key-type ecdsa --reuse-key -d "site$i.example.test" >/dev/null 2>&1
done
echo "timed: certbot renew --force-renewal ($n certificates)" >&2
t0="$(now)"
cb_status=0
"${cb[@]}" renew --force-renewal --no-random-sleep-on-renew >"$work/certbot-renew.log" 2>&1 || cb_status=$?
t1="$(now)"
cb_time="$(elapsed "$t0" "$t1")"
cb_renewed="$(grep -c '/fullchain.pem (success)' "$work/certbot-renew.log" || true)"

echo "N=$n  certbot ${cb_time} s ($cb_renewed renewed, exit $cb_status)  pinkeeper ${pk_serial} s (concurrency 1)  ${pk_time} s (concurrency $concurrency)"
echo "speed-up over certbot: $(ratio "$cb_time" "$pk_serial")x (concurrency 1), $(ratio "$cb_time" "$pk_time")x (concurrency $concurrency)"
echo "details in $work" >&2
