#!/usr/bin/env bash
# Bulk pinning benchmark (issue 2): certificates per second for
#   (a) one `pinkeeper pin FILE` process, JVM start included,
#   (b) Python's cryptography library (Debian python3-cryptography) in one process,
#   (c) the openssl pipeline run per certificate (on a sample, as a rate),
# on the same PEM file of COUNT distinct certificates (default 100000; generated once, cached in
# bench/out/), then pinkeeper's peak memory for 10,000 vs COUNT certificates and the start-up time
# of a single `pinkeeper pin cert.pem` (hyperfine). Also checks that all three agree on the pins.
#
# Usage: bench/pins.sh [COUNT]        env: SAMPLE (openssl sample size, default 200)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/out"
count="${1:-100000}"
sample="${SAMPLE:-200}"
python=/usr/bin/python3
mkdir -p "$out"
"$root/scripts/install-deps.sh"

big="$out/certs-$count.pem"
if [ ! -s "$big" ]; then
  echo "generating $count certificates into $big (once)..." >&2
  "$python" "$root/bench/make_certs.py" "$count" "$big"
fi
small="$out/certs-$count-first-10000.pem"
[ -s "$small" ] || awk '/-----BEGIN CERTIFICATE-----/ {n++} n <= 10000' "$big" > "$small"
one="$out/one.pem"
[ -s "$one" ] || awk '/-----BEGIN CERTIFICATE-----/ {n++} n <= 1' "$big" > "$one"

"$root/pinkeeper" --version >/dev/null   # build the jar and its CDS archive outside the measurements

# measure NAME COMMAND...: runs once, output to /dev/null; sets wall, cpu (user+sys) and rss_kb
measure() {
  local name="$1"; shift
  /usr/bin/time -f '%e %U %S %M' -o "$out/time-$name.txt" "$@" >/dev/null
  read -r wall user sys rss_kb < "$out/time-$name.txt"
  cpu="$(calc "$user + $sys" '%.2f')"
}
calc() { awk "BEGIN { printf \"${2:-%.0f}\", $1 }"; }   # calc EXPRESSION [FORMAT]
rate() { calc "$1 / $2"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"

measure pinkeeper "$root/pinkeeper" pin "$big"
pk_wall=$wall pk_cpu=$cpu pk_rss=$rss_kb

measure python "$python" "$root/bench/pin_python.py" "$big"
py_wall=$wall py_cpu=$cpu

rm -rf "$out/sample" && mkdir -p "$out/sample"
awk -v dir="$out/sample" -v max="$sample" '/-----BEGIN CERTIFICATE-----/ {n++; if (n > max) exit; f = sprintf("%s/%06d.pem", dir, n)} {print > f}' "$big"
pipeline='for f in "$0"/*.pem; do openssl x509 -in "$f" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64; done'
measure openssl bash -c "$pipeline" "$out/sample"
os_wall=$wall os_cpu=$cpu

measure pinkeeper-10k "$root/pinkeeper" pin "$small"
pk10_rss=$rss_kb

echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# the three agree: pinkeeper vs Python on the first 10,000, pinkeeper vs openssl on the sample
"$root/pinkeeper" pin "$small" | cut -f1 > "$out/pins-pinkeeper.txt"
"$python" "$root/bench/pin_python.py" "$small" | cut -f1 > "$out/pins-python.txt"
cmp -s "$out/pins-pinkeeper.txt" "$out/pins-python.txt" || { echo "MISMATCH: pinkeeper vs Python pins" >&2; exit 1; }
bash -c "$pipeline" "$out/sample" | sed 's/.*/pin-sha256="&"/' > "$out/pins-openssl.txt"
head -n "$sample" "$out/pins-pinkeeper.txt" | cmp -s - "$out/pins-openssl.txt" \
  || { echo "MISMATCH: pinkeeper vs openssl pins" >&2; exit 1; }
echo "pins agree: pinkeeper = Python cryptography (10000 certs) = openssl pipeline ($sample certs)"

pk_rate=$(rate "$count" "$pk_wall"); py_rate=$(rate "$count" "$py_wall"); os_rate=$(rate "$sample" "$os_wall")
echo
printf '%-44s %12s %10s %14s\n' "certificates/second ($count certificates)" "wall-clock" "CPU s" "per CPU second"
printf '%-44s %12s %10s %14s\n' "pinkeeper pin (1 process, JVM start incl.)" "$pk_rate" "$pk_cpu" "$(rate "$count" "$pk_cpu")"
printf '%-44s %12s %10s %14s\n' "Python cryptography $("$python" -c 'import cryptography; print(cryptography.__version__)') (1 process)" \
  "$py_rate" "$py_cpu" "$(rate "$count" "$py_cpu")"
printf '%-44s %12s %10s %14s\n' "openssl pipeline per certificate ($sample)" "$os_rate" "$os_cpu" "$(rate "$sample" "$os_cpu")"
echo "pinkeeper / Python:  $(calc "$py_wall / $pk_wall" %.1f)x (wall-clock)  $(calc "$py_cpu / $pk_cpu" %.1f)x (CPU)"
echo "pinkeeper / openssl: $(calc "$pk_rate / $os_rate")x (wall-clock)"
printf 'pinkeeper max RSS: %d MiB for 10000 certificates, %d MiB for %d\n' \
  $((pk10_rss / 1024)) $((pk_rss / 1024)) "$count"

echo
echo "single certificate, start to exit (hyperfine):"
hyperfine -N --warmup 3 --runs 20 --export-json "$out/hyperfine-one.json" "$root/pinkeeper pin $one" 2>&1 \
  | grep -E 'Time|Range'
