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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

# pebble's TLS: a throw-away CA and a localhost certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=bench-ca \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
  -keyout "$work/localhost.key" -out "$work/localhost.csr" 2>/dev/null
openssl x509 -req -in "$work/localhost.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial \
  -days 2 -out "$work/localhost.pem" -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1') 2>/dev/null

acme_port="$(free_port)"; mgmt_port="$(free_port)"; http_port="$(free_port)"
cat > "$work/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$acme_port", "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$work/localhost.pem", "privateKey": "$work/localhost.key",
  "httpPort": $http_port, "tlsPort": $(free_port), "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_VA_NOSLEEP=1 PEBBLE_AUTHZREUSE=0 pebble -config "$work/pebble.json" >"$work/pebble.log" 2>&1 &
pebble_pid=$!
trap 'kill "$pebble_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -s --cacert "$work/ca.pem" "https://localhost:$acme_port/dir" >/dev/null && break
  sleep 0.1
done
directory="https://localhost:$acme_port/dir"

# pinkeeper: compile the benchmark driver, then one JVM run to set up and one timed run
mvn -q -B -o test-compile
mvn -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" >/dev/null
cp="$root/target/test-classes:$root/target/classes:$(cat "$work/classpath.txt")"
run_pinkeeper() {
  java -cp "$cp" dev.pinkeeper.bench.RenewBench "$directory" "$work/ca.pem" "$work/pinkeeper" "$n" "$1" "$http_port"
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
export REQUESTS_CA_BUNDLE="$work/ca.pem"
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
