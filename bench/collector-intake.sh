#!/usr/bin/env bash
# The collector's intake alone: the database is unreachable (every report waits in the journal), so
# this measures only the request path up to the 204 (Jetty, validation, journal fsync). Posts a
# ~900-byte report (one certificate; CHAIN=N repeats it N times) with wrk after a warm-up under the same
# load (WARMUP=SECONDS, default 30: the JIT compiler needs about that long under load to settle).
# Usage: bench/collector-intake.sh [SECONDS] [CONNECTIONS] [STATE_PARENT]   (defaults 10, 32, /tmp)
#   STATE_PARENT=/dev/shm takes the fsync out (tmpfs). JFR=file.jfr records a profile of the run. JAR=FILE runs another build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
seconds="${1:-10}"
connections="${2:-32}"
parent="${3:-/tmp}"
jar="${JAR:-$root/target/pinkeeper.jar}"  # JAR=... measures another build
# built as bench/collector.sh does, so a jar older than the sources is never measured
[ -n "${JAR:-}" ] || build_jar
work="$(mktemp -d /tmp/pinkeeper-intake.XXXXXX)"
state="$(mktemp -d "$parent/pinkeeper-intake-state.XXXXXX")"
pid=
# "|| true": under set -e a failing kill (the collector already dead) would end the trap before the rm
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work" "$state"; }
trap cleanup EXIT
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.pem -days 30 -subj "/CN=www.example.com" 2>/dev/null
python3 - <<'PY'
import json, os
json.dump({"date-time": "2026-11-22T10:00:00Z", "hostname": "www.example.com", "port": 443,
           "effective-expiration-date": "2027-01-01T00:00:00Z", "include-subdomains": False,
           "noted-hostname": "example.com", "served-certificate-chain": [open("leaf.pem").read()] * int(os.environ.get("CHAIN", "1")),
           "known-pins": ['pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="']}, open("report.json", "w"))
PY
export REPORT_FILE="$work/report.json"
port=$(free_port)
jfr=()
[ -n "${JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$JFR,settings=profile")
db=(--db 'jdbc:postgresql://127.0.0.1:1/x?user=x')
[ -n "${EMBEDDED:-}" ] && db=() # EMBEDDED=1: the embedded store instead, to see what the feeder costs
java "${jfr[@]}" ${JAVA_OPTS:-} -jar "$jar" collector --listen "127.0.0.1:$port" --state "$state" --rate 1e9 --burst 1000000000 \
  "${db[@]}" >"${LOG:-$work/collector.log}" 2>&1 &
pid=$!
wait_port "$port"
wrk -t2 -c"$connections" -d"${WARMUP:-30}s" --timeout 10s -s "$root/bench/collector-post.lua" "http://127.0.0.1:$port/report" >/dev/null
echo "report $(wc -c <report.json) bytes, journal under $parent, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# user + system CPU in clock ticks from a /proc stat file; the name in parentheses before them may hold spaces
# (JVM threads: "C2 CompilerThre", "VM Periodic Tas"), so fields are counted after the closing parenthesis
stat_ticks() { sed 's/.*) //' "$1" | awk '{print $12 + $13}'; }
cpu() { stat_ticks "/proc/$pid/stat"; } # the collector's user + system CPU, in clock ticks
threads() { for t in /proc/$pid/task/*; do echo "$(stat_ticks "$t/stat") $(tr -d ' ' <"$t/comm")"; done | awk '{a[$2]+=$1} END {for (k in a) print a[k], k}'; }
[ -n "${THREADS:-}" ] && threads >"$work/threads.before"
before=$(cpu)
wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$root/bench/collector-post.lua" \
  "http://127.0.0.1:$port/report" >"$work/run.wrk"
after=$(cpu)
if [ -n "${THREADS:-}" ]; then # CPU ticks during the run by thread name
  threads >"$work/threads.after"
  awk 'NR==FNR {b[$2]=$1; next} {print $1-b[$2], $2}' "$work/threads.before" "$work/threads.after" | sort -rn | head -8
fi
grep -E 'Requests/sec|STATUS|P99_MS' "$work/run.wrk"
ok=$(sed -n 's/^STATUS 204=\([0-9]*\).*/\1/p' "$work/run.wrk")
# no 204 at all is a failed run, not a figure (the division below would only print an empty one)
[ "${ok:-0}" -gt 0 ] || { echo "the collector answered no report with 204; the end of its log:" >&2; tail -20 "${LOG:-$work/collector.log}" >&2; exit 1; }
# CPU per report is less sensitive than reports/s to other load on the machine
echo "collector CPU per report: $(python3 -c "print(f'{($after - $before) * 1e6 / $(getconf CLK_TCK) / $ok:.1f}')") us; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
