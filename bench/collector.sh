#!/usr/bin/env bash
# Benchmark of the report collector on loopback: wrk posts a realistic Chromium report (a 3-certificate
# chain, known pins) to nginx answering 204 (the ceiling), then to the collector with its embedded
# SQLite store, then with PostgreSQL 15. Prints reports/s, p99 latency, the ratio to nginx, the seconds the
# database needed after the run to catch up with the journal, and the stored rows against the 204
# answers (they must be equal: nothing acknowledged is lost).
# Usage: bench/collector.sh [SECONDS] [CONNECTIONS]      (defaults 10 s, 32 connections)
#   WARMUP=SECONDS (default 30) warms each collector up first, under the same load as the measured run, then
#   waits until the database has caught up (the JIT compiler needs about 30 s under load to settle: a
#   collector is a long-running service, measured here in its steady state); JAR=FILE runs another build;
#   JAVA_OPTS=... are given to the collectors' JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
seconds="${1:-10}"
connections="${2:-32}"
"$root/scripts/install-deps.sh"
build_jar
jar="${JAR:-$root/target/pinkeeper.jar}"  # JAR=... compares another build
pgbin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/pinkeeper-bench.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  # wait for each collector to end, so that none still writes in $work while it is removed
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  if [ -d "$work/pg/data" ]; then as_postgres "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A realistic report: Chromium's fields, a leaf + intermediate + root made with openssl.
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout root.key -out root.pem -days 30 -subj "/CN=Bench Root" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.csr -subj "/CN=Bench CA" 2>/dev/null
openssl x509 -req -in ca.csr -CA root.pem -CAkey root.key -CAcreateserial -out ca.pem -days 30 -extfile <(printf 'basicConstraints=critical,CA:true') 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=www.example.com" 2>/dev/null
openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out leaf.pem -days 30 2>/dev/null
python3 - <<'PY'
import json
pem = lambda f: open(f).read()
json.dump({"date-time": "2026-11-22T10:00:00Z", "hostname": "www.example.com", "port": 443,
           "effective-expiration-date": "2027-01-01T00:00:00Z", "include-subdomains": False,
           "noted-hostname": "example.com",
           "served-certificate-chain": [pem("leaf.pem"), pem("ca.pem")],
           "validated-certificate-chain": [pem("leaf.pem"), pem("ca.pem"), pem("root.pem")],
           "known-pins": ['pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="',
                          'pin-sha256="E9CZ9INDbd+2eRQozYqqbQ2yXLVKB9+xcprMF+44U1g="']},
          open("report.json", "w"))
PY
export REPORT_FILE="$work/report.json"
echo "report body: $(wc -c <report.json) bytes; wrk: ${seconds}s, 2 threads, ${connections} connections; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# CPU time (user + system, clock ticks) of the given processes, all their threads included; 0 if none
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") )); done; echo "$t"; }
# run_wrk URL NAME [SERVER_PIDS_FUNCTION]: also records the CPU the server, wrk and (for PostgreSQL) the
# database processes spent during the run, to show where the two cores went
run_wrk() {
  local s0 d0 s1 d1
  s0=$(ticks $($3)); d0=$(ticks $(db_pids))
  { TIMEFORMAT='%U %S'; time wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency \
      -s "$root/bench/collector-post.lua" "$1" >"$work/$2.wrk"; } 2>"$work/$2.wrkcpu"
  s1=$(ticks $($3)); d1=$(ticks $(db_pids))
  echo "$(( s1 - s0 )) $(( d1 - d0 ))" >"$work/$2.cpu"
}
db_pids() { [ -f "$work/pg/data/postmaster.pid" ] && { local m; m=$(head -1 "$work/pg/data/postmaster.pid"); echo "$m"; pgrep -P "$m"; }; true; }
# microseconds of CPU per 204 answer: server, wrk, database
cpu_per() {
  local n; n=$(sed -n 's/^STATUS 204=\([0-9]*\).*/\1/p' "$work/$1.wrk")
  python3 -c "
t = $(getconf CLK_TCK); s, d = map(int, open('$work/$1.cpu').read().split()); u, k = map(float, open('$work/$1.wrkcpu').read().split())
print(f'{s * 1e6 / t / $n:.0f} / {(u + k) * 1e6 / $n:.0f}' + (f' / {d * 1e6 / t / $n:.0f}' if d else ''))"
}
rps() { awk '/^Requests\/sec/ {print $2}' "$work/$1.wrk"; }
p99() { awk '/^P99_MS/ {print $2}' "$work/$1.wrk"; }
acked() { sed -n 's/^STATUS 204=\([0-9]*\).*/\1/p' "$work/$1.wrk"; }
others() { sed -n 's/^STATUS 204=[0-9]* other=\([0-9]*\) errors=\([0-9]*\)/\1 other, \2 socket errors/p' "$work/$1.wrk"; }

# 1. nginx answering 204: the ceiling.
nport=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nport; location / { return 204; } }
}
CONF
nginx -c "$work/nginx.conf"
wait_port "$nport"
nginx_pids() { local m; m=$(cat "$work/nginx.pid"); echo "$m"; pgrep -P "$m"; }
run_wrk "http://127.0.0.1:$nport/report" nginx nginx_pids
kill "$(cat "$work/nginx.pid")"; rm -f "$work/nginx.pid"

# 2. the collector with its embedded store; 3. the collector with PostgreSQL.
drained() { # operator port: waits until the collector's backlog is stored, prints the seconds that took
  local t0 pending=; t0=$(date +%s.%N)
  for _ in $(seq 2400); do
    # set -e would end the run here without a word when the collector is gone: say why instead
    pending=$(curl -s "http://127.0.0.1:$1/metrics" | awk '/^pinkeeper_reports_pending / {print int($2)}') ||
      { echo "the collector on port $1 no longer answers /metrics" >&2; exit 1; }
    [ "$pending" = 0 ] && break
    sleep 0.05
  done
  # then fewer rows than 204 answers below mean "not stored yet", not "lost": say which
  [ "$pending" = 0 ] || echo "the collector on port $1 still had ${pending:-?} reports pending after 2,400 tries (over 2 minutes)" >&2
  python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')"
}
collector() { # name, extra args...
  local name="$1"; shift
  local port oport; port=$(free_port); oport=$(free_port)
  java ${JAVA_OPTS:-} -jar "$jar" collector --listen "127.0.0.1:$port" --operator-listen "127.0.0.1:$oport" --state "$work/$name-state" --rate 1e9 --burst 1000000000 "$@" \
    >"$work/$name.log" 2>&1 &
  local pid=$!; pids+=("$pid")
  wait_port "$port"
  wrk -t2 -c"$connections" -d"${WARMUP:-30}s" --timeout 10s -s "$root/bench/collector-post.lua" "http://127.0.0.1:$port/report" \
    >"$work/$name-warmup.wrk" # JIT warm-up (WARMUP=seconds)
  drained "$oport" >/dev/null
  collector_pid() { echo "$pid"; }
  run_wrk "http://127.0.0.1:$port/report" "$name" collector_pid
  # a 204 means "fsynced to the journal"; the rows reach the database afterwards: time how long the
  # backlog (pinkeeper_reports_pending) takes to drain once wrk stops
  drained "$oport" >"$work/$name.drain"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
collector embedded
embedded_rows=$(java -jar "$jar" reports --state "$work/embedded-state" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

mkdir -p "$work/pg"; chown postgres:postgres "$work/pg" 2>/dev/null || true
pport=$(free_port)
as_postgres "$pgbin/initdb" -D "$work/pg/data" -A trust -U postgres >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -o "-p $pport -k $work/pg -c listen_addresses=127.0.0.1" -w start >/dev/null
collector postgres --db "jdbc:postgresql://127.0.0.1:$pport/postgres?user=postgres"
postgres_rows=$(psql -h 127.0.0.1 -p "$pport" -U postgres -At -c "SELECT COUNT(*) FROM reports")

warm() { awk '/^STATUS/ {split($2,a,"="); print a[2]}' "$work/$1-warmup.wrk"; }
echo
printf '%-22s %12s %10s %10s %14s %14s %9s %16s  %s\n' target reports/s p99_ms vs_nginx "204 answers" "stored rows" "drain_s" "cpu_us/report" "refused"
printf '%-22s %12s %10s %10s %14s %14s %9s %16s  %s\n' "nginx return 204" "$(rps nginx)" "$(p99 nginx)" 1.00 "$(acked nginx)" - - "$(cpu_per nginx)" "$(others nginx)"
for name in embedded postgres; do
  # a collector that acknowledged nothing would pass the loss check below with 0 = 0: that is a failed run
  [ "$(acked "$name")" -gt 0 ] || { echo "collector $name answered no report with 204; the end of its log:" >&2; tail -20 "$work/$name.log" >&2; exit 1; }
  total_acked=$(( $(acked "$name") + $(warm "$name") ))
  rows=$([ "$name" = embedded ] && echo "$embedded_rows" || echo "$postgres_rows")
  ratio=$(python3 -c "print(f'{$(rps "$name")/$(rps nginx):.2f}')")
  printf '%-22s %12s %10s %10s %14s %14s %9s %16s  %s\n' "collector $name" "$(rps "$name")" "$(p99 "$name")" "$ratio" "$total_acked" "$rows" "$(cat "$work/$name.drain")" "$(cpu_per "$name")" "$(others "$name")"
  # every 204 must be stored; rows beyond them can only be requests still in flight when wrk stopped
  # (stored, but their 204 never counted): at most one per open connection, for the warm-up and the run.
  # wrk also gives up on requests after 2 s (socket timeouts): those may be stored without a counted answer.
  gave_up=$(( $(sed -n 's/^STATUS .* errors=\([0-9]*\)/\1/p' "$work/$name.wrk") + $(sed -n 's/^STATUS .* errors=\([0-9]*\)/\1/p' "$work/$name-warmup.wrk") ))
  if [ "$rows" -lt "$total_acked" ] || [ "$rows" -gt $(( total_acked + 2 * connections + gave_up )) ]; then
    echo "LOST OR DUPLICATED: $name answered 204 $total_acked times but stored $rows rows" >&2; exit 1
  fi
done
echo "(204 answers include the warm-up; stored rows may exceed them only by requests wrk stopped waiting for:"
echo " in flight at the end of the warm-up and of the run, at most one per connection each ($(( 2 * connections ))), or timed out;"
echo " fewer rows than 204 answers would be a loss)"
echo "(drain_s: seconds after wrk stopped until every acknowledged report was classified and in the database)"
echo "(cpu_us/report: CPU time during the run per 204 answer, in microseconds: the server (nginx, or the collector's"
echo " JVM with its journal, feeder and embedded SQLite) / wrk / the PostgreSQL processes; the machine has $(nproc) cores)"
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
