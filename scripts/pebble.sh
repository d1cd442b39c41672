#!/usr/bin/env bash
# A local pebble ACME test CA for trying pinkeeper by hand and for the benchmarks.
#   scripts/pebble.sh start DIR [DNS_SERVER]   start pebble on free loopback ports; writes DIR/env
#   scripts/pebble.sh stop DIR                  stop it (by the PID in DIR/pebble.pid)
# DIR/env defines PEBBLE_DIRECTORY (ACME directory URL), PEBBLE_CA (CA file of pebble's own TLS:
# trust it for the ACME connection), PEBBLE_ROOT (the issuing root, fetched from the management API),
# PEBBLE_HTTP_PORT (where pebble sends http-01 requests) and PEBBLE_PID. Without DNS_SERVER every
# challenge is valid without a request (PEBBLE_VA_ALWAYS_VALID=1); with it (host:port, e.g.
# pebble-challtestsrv) pebble resolves names there and really validates. PEBBLE_VALIDITY=SECONDS sets the
# lifetime of the certificates it issues (pebble's default: 5 years).
set -euo pipefail
action="${1:-}"; dir="${2:-}"
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR [DNS_SERVER]" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

case "$action" in
  start)
    dns="${3:-}"
    mkdir -p "$dir"; chmod 700 "$dir"; dir="$(cd "$dir" && pwd)"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj /CN=pebble-tls-ca \
      -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
      -keyout "$dir/localhost.key" -out "$dir/localhost.csr" 2>/dev/null
    openssl x509 -req -in "$dir/localhost.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 7 \
      -out "$dir/localhost.pem" -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1') 2>/dev/null
    acme_port="$(free_port)"; mgmt_port="$(free_port)"; http_port="$(free_port)"; tls_port="$(free_port)"
    cat > "$dir/pebble.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$acme_port", "managementListenAddress": "127.0.0.1:$mgmt_port",
  "certificate": "$dir/localhost.pem", "privateKey": "$dir/localhost.key",
  "httpPort": $http_port, "tlsPort": $tls_port, "ocspResponderURL": "", "externalAccountBindingRequired": false
  ${PEBBLE_VALIDITY:+, \"certificateValidityPeriod\": $PEBBLE_VALIDITY}}}
JSON
    args=(-config "$dir/pebble.json")
    always_valid=1
    if [ -n "$dns" ]; then args+=(-dnsserver "$dns"); always_valid=0; fi
    PEBBLE_VA_ALWAYS_VALID="$always_valid" PEBBLE_VA_NOSLEEP=1 PEBBLE_AUTHZREUSE=0 \
      setsid pebble "${args[@]}" >"$dir/pebble.log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$dir/pebble.pid"
    for _ in $(seq 200); do
      if curl -sf --cacert "$dir/ca.pem" "https://localhost:$mgmt_port/roots/0" -o "$dir/root.pem"; then break; fi
      kill -0 "$pid" 2>/dev/null || { echo "pebble exited:" >&2; cat "$dir/pebble.log" >&2; exit 1; }
      sleep 0.05
    done
    [ -s "$dir/root.pem" ] || { echo "pebble did not start; see $dir/pebble.log" >&2; kill "$pid"; exit 1; }
    cat > "$dir/env" <<ENV
PEBBLE_DIRECTORY=https://localhost:$acme_port/dir
PEBBLE_CA=$dir/ca.pem
PEBBLE_ROOT=$dir/root.pem
PEBBLE_HTTP_PORT=$http_port
PEBBLE_PID=$pid
ENV
    cat "$dir/env"
    ;;
  stop)
    if [ -f "$dir/pebble.pid" ]; then
      pid="$(cat "$dir/pebble.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
      rm -f "$dir/pebble.pid"
    fi
    ;;
  *) echo "usage: $0 start|stop DIR [DNS_SERVER]" >&2; exit 2 ;;
esac
