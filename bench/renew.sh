#!/usr/bin/env bash
# Renewal speed of the command a timer runs: N sites renewed against one local pebble CA, each deployed
# to a real nginx on 127.0.0.1, side by side in one run:
#   pinkeeper  `pinkeeper renew --all --concurrency C` (the systemd timer's command: the built jar
#              through the launcher, JVM start included), one state directory holding the N sites,
#              each deploying to its own server block of one nginx (config test, reload only when the
#              content changed, TLS probe of the new key, as `issue --target nginx --probe` saved it);
#   certbot    `certbot renew --no-random-sleep-on-renew --post-hook 'nginx -s reload'` (Debian certbot,
#              webroot http-01, keys reused), its own nginx reloaded once after all renewals;
#   lego       `lego … renew --days 30 --reuse-key --no-random-sleep` once per certificate (lego renews
#              one certificate per run; Debian lego, webroot http-01), then its own nginx reloaded once.
# Nobody is forced: pebble issues certificates valid for VALIDITY seconds (default 300), so every
# certificate is due for all three (pinkeeper: the last third of its lifetime, pebble 2.4 offers no ARI;
# certbot and lego: less than 30 days left). Each round waits until pinkeeper's are due, then times the
# three one after the other (so load from other jobs hits them alike); the setup (first issuance) is not
# timed. Every challenge is valid without a request (pebble's PEBBLE_VA_ALWAYS_VALID), and pebble rejects
# 5% of nonces (its default) for all three.
#
# Usage: bench/renew.sh [N=50] [ROUNDS=3]
#   env: CONCURRENCY (pinkeeper's --concurrency, default 4 as contrib/systemd), VALIDITY (seconds, default
#   300), KEEP=1 keeps the work directory (bench/out/renew-*) for a look at the logs, PROFILE=1 (with KEEP=1)
#   records each timed pinkeeper run with Java Flight Recorder there (pinkeeper-ROUND.jfr; `jfr summary`),
#   CLASSLIST=FILE records the classes the first timed pinkeeper run loads there (-XX:DumpLoadedClassList: the
#   source of scripts/cds-classes.lst, which the launcher's class-data sharing archive is dumped from),
#   PEERS=none times pinkeeper alone (no certbot or lego: for profiling and comparing pinkeeper's CPU time).
# Prints one line per tool and round (wall and CPU seconds, certificates renewed, nginx reloads) and the
# speed-ups of pinkeeper over certbot and lego (median of the rounds).
set -euo pipefail
n="${1:-50}"
rounds="${2:-3}"
concurrency="${CONCURRENCY:-4}"
validity="${VALIDITY:-300}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
"$root/scripts/install-deps.sh" pebble nginx-light certbot lego time curl openssl
"$root/pinkeeper" --version >/dev/null   # builds the jar and its CDS archive outside the measurements

work="$root/bench/out/renew-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$work"
chmod 700 "$work"
www="$work/www"            # the webroot every tool writes its http-01 responses to
mkdir -p "$www"
chmod 755 "$work" "$www"   # nginx's workers must read the releases below (the state keeps keys 0600)
nginx_pids=()
cleanup() {
  local pid
  for pid in "${nginx_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$root/scripts/pebble.sh" stop "$work/pebble"
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
log() { echo "$(date -u +%H:%M:%S) $*" >&2; }
calc() { awk "BEGIN { printf \"${2:-%.2f}\", $1 }"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

PEBBLE_VALIDITY="$validity" "$root/scripts/pebble.sh" start "$work/pebble" >/dev/null
# shellcheck disable=SC1091
. "$work/pebble/env"
export REQUESTS_CA_BUNDLE="$PEBBLE_CA" LEGO_CA_CERTIFICATES="$PEBBLE_CA"

# nginx NAME PORT: the config of one nginx (daemon, own pid file, logs and temp paths under $work/NAME)
# serving every sites/*.conf; nginx_cmd NAME prints the options every nginx command of it repeats
nginx_cmd() { echo "-c $work/$1/nginx.conf -p $work/$1 -e $work/$1/error.log"; }
nginx_conf() {
  local dir="$work/$1"
  mkdir -p "$dir/sites" "$dir/temp"
  cat > "$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log notice;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  server { listen 127.0.0.1:$2 ssl default_server; ssl_reject_handshake on; }
  include $dir/sites/*.conf;
}
EOF
}
nginx_start() {
  # shellcheck disable=SC2046
  nginx $(nginx_cmd "$1")
  wait_port "$2"
  nginx_pids+=("$(cat "$work/$1/nginx.pid")")
}
# server_block NAME SITE PORT CHAIN KEY [INCLUDE]: one TLS server block for SITE's name
server_block() {
  cat > "$work/$1/sites/$2.conf" <<EOF
server {
  listen 127.0.0.1:$3 ssl;
  server_name $2.example.test;
  ssl_certificate $4;
  ssl_certificate_key $5;
  ${6:+include $6;}
  location / { return 200 "ok\n"; }
}
EOF
}
reloads() { grep -c 'signal 1 (SIGHUP) received' "$work/$1/error.log" || true; }

sites=()
for i in $(seq "$n"); do sites+=("site$i"); done
pk_port="$(free_port)"; cb_port="$(free_port)"; lego_port="$(free_port)"
state="$work/pinkeeper"
pk=("$root/pinkeeper")
export PINKEEPER_STATE="$state"   # as contrib/systemd/pinkeeper-renew.service sets it

# --- setup (not timed) ---------------------------------------------------------------------------
log "setup: pinkeeper: $n sites in one state directory, each issued and deployed to nginx"
nginx_conf pinkeeper "$pk_port"
nginx_start pinkeeper "$pk_port"
printf '%s\n' "${sites[@]}" | xargs -P 2 -I{} "${pk[@]}" keys init --site {} --domain {}.example.test \
  --backup ec:p256,ec:p384 >"$work/pinkeeper-keys.log" 2>&1
for site in "${sites[@]}"; do
  live="$state/sites/$site/deploy/live"
  server_block pinkeeper "$site" "$pk_port" "$live/fullchain.pem" "$live/privkey.pem" "$live/headers-nginx.conf"
  # shellcheck disable=SC2046
  "${pk[@]}" issue --site "$site" --directory "$PEBBLE_DIRECTORY" --acme-trust "$PEBBLE_CA" --roots "$PEBBLE_ROOT" \
    --webroot "$www" --report-uri https://reports.example.test/hpkp --target nginx \
    --nginx-conf "$work/pinkeeper/nginx.conf" $(nginx_cmd pinkeeper | cut -d' ' -f3- | sed 's/\([^ ]*\)/--nginx-option=\1/g') \
    --probe "127.0.0.1:$pk_port" >>"$work/pinkeeper-issue.log" 2>&1 \
    || { echo "pinkeeper issue --site $site failed:" >&2; tail -5 "$work/pinkeeper-issue.log" >&2; exit 1; }
done
pk_issued="$(date +%s)"

peers="${PEERS:-certbot,lego}"
[ "$peers" = none ] || {
log "setup: certbot: $n certificates"
cb=(certbot --non-interactive --config-dir "$work/certbot/config" --work-dir "$work/certbot/work"
    --logs-dir "$work/certbot/logs")
"${cb[@]}" register --server "$PEBBLE_DIRECTORY" --agree-tos --register-unsafely-without-email >/dev/null 2>&1
for site in "${sites[@]}"; do
  for attempt in 1 2 3; do   # a rejected nonce (pebble rejects 5%) fails a certbot run: try again
    "${cb[@]}" certonly --server "$PEBBLE_DIRECTORY" --webroot -w "$www" --key-type ecdsa --reuse-key \
      -d "$site.example.test" >>"$work/certbot-setup.log" 2>&1 && break
    [ "$attempt" -lt 3 ] || { echo "certbot could not issue for $site" >&2; exit 1; }
  done
done
nginx_conf certbot "$cb_port"
for site in "${sites[@]}"; do
  live="$work/certbot/config/live/$site.example.test"
  server_block certbot "$site" "$cb_port" "$live/fullchain.pem" "$live/privkey.pem"
done
nginx_start certbot "$cb_port"

log "setup: lego: $n certificates"
lego=(lego --server "$PEBBLE_DIRECTORY" --accept-tos --email bench@example.test --path "$work/lego" --key-type ec256
      --http --http.webroot "$www")
for site in "${sites[@]}"; do
  for attempt in 1 2 3; do
    "${lego[@]}" -d "$site.example.test" run >>"$work/lego-setup.log" 2>&1 && break
    [ "$attempt" -lt 3 ] || { echo "lego could not issue for $site" >&2; exit 1; }
  done
done
nginx_conf lego "$lego_port"
for site in "${sites[@]}"; do
  server_block lego "$site" "$lego_port" "$work/lego/certificates/$site.example.test.crt" \
    "$work/lego/certificates/$site.example.test.key"
done
nginx_start lego "$lego_port"

# lego renews one certificate per run: the loop a cron job runs, then one reload if any was renewed
cat > "$work/lego-renew.sh" <<EOF
#!/usr/bin/env bash
for site in ${sites[*]}; do
  ${lego[*]} -d "\$site.example.test" renew --days 30 --reuse-key --no-random-sleep \\
    --renew-hook "touch $work/lego-renewed" || echo "lego renew \$site failed" >&2
done
[ ! -e "$work/lego-renewed" ] || { rm -f "$work/lego-renewed"; nginx -s reload $(nginx_cmd lego); }
EOF
chmod 755 "$work/lego-renew.sh"
}

# --- the timed rounds ------------------------------------------------------------------------------
# measure NAME COMMAND...: wall and CPU (user + system, children included) of one run, its output to a log
measure() {
  local name="$1"; shift
  local status=0
  /usr/bin/time -f '%e %U %S' -o "$work/time-$name.txt" "$@" >"$work/$name.log" 2>&1 || status=$?
  # the last line: a failing command adds "Command exited with non-zero status N" before it
  read -r wall user sys < <(tail -1 "$work/time-$name.txt")
  cpu="$(calc "$user + $sys")"
  [ "$status" -eq 0 ] || echo "($name exited with status $status; KEEP=1 keeps its log $work/$name.log)" >&2
  return 0
}
due_wait="$(calc "$validity * 2 / 3 + 3" '%.0f')"
echo "N=$n rounds=$rounds pinkeeper --concurrency $concurrency; certificates valid ${validity} s; $(nproc) cores"
printf '%-5s %-10s %8s %8s %9s %8s  %s\n' round tool wall_s cpu_s renewed reloads "load average before"
pk_walls=(); cb_walls=(); lego_walls=()
for round in $(seq "$rounds"); do
  wait_until=$(( pk_issued + due_wait ))
  now="$(date +%s)"
  if [ "$now" -lt "$wait_until" ]; then
    log "round $round: waiting $(( wait_until - now )) s until pinkeeper's certificates are due"
    sleep $(( wait_until - now ))
  fi

  r0="$(reloads pinkeeper)"; l="$(loadavg)"
  java_opts="${PROFILE:+-XX:StartFlightRecording=filename=$work/pinkeeper-$round.jfr,settings=profile}"
  [ -z "${CLASSLIST:-}" ] || [ "$round" -ne 1 ] || java_opts="$java_opts -XX:DumpLoadedClassList=$CLASSLIST"
  measure "pinkeeper-$round" env PINKEEPER_JAVA_OPTS="$java_opts" "${pk[@]}" renew --all --concurrency "$concurrency"
  pk_issued="$(date +%s)"
  renewed="$(grep -c 'renewed 1 certificate' "$work/pinkeeper-$round.log" || true)"
  printf '%-5s %-10s %8s %8s %9s %8s  %s\n' "$round" pinkeeper "$wall" "$cpu" "$renewed/$n" \
    "$(( $(reloads pinkeeper) - r0 ))" "$l"
  pk_walls+=("$wall")

  [ "$peers" = none ] && continue
  r0="$(reloads certbot)"; l="$(loadavg)"
  # shellcheck disable=SC2046
  measure "certbot-$round" "${cb[@]}" renew --no-random-sleep-on-renew --post-hook "nginx -s reload $(nginx_cmd certbot)"
  renewed="$(grep -c '/fullchain.pem (success)' "$work/certbot-$round.log" || true)"
  printf '%-5s %-10s %8s %8s %9s %8s  %s\n' "$round" certbot "$wall" "$cpu" "$renewed/$n" \
    "$(( $(reloads certbot) - r0 ))" "$l"
  cb_walls+=("$wall")

  r0="$(reloads lego)"; l="$(loadavg)"
  measure "lego-$round" "$work/lego-renew.sh"
  renewed="$(grep -c 'Server responded with a certificate' "$work/lego-$round.log" || true)"
  printf '%-5s %-10s %8s %8s %9s %8s  %s\n' "$round" lego "$wall" "$cpu" "$renewed/$n" \
    "$(( $(reloads lego) - r0 ))" "$l"
  lego_walls+=("$wall")
done
if [ "$peers" = none ]; then
  log "details in $work${KEEP:+ (kept)}"
  exit 0
fi
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pk_m="$(median "${pk_walls[@]}")"; cb_m="$(median "${cb_walls[@]}")"; lego_m="$(median "${lego_walls[@]}")"
echo "median wall: pinkeeper ${pk_m} s, certbot ${cb_m} s, lego ${lego_m} s;" \
  "pinkeeper is $(calc "$cb_m / $pk_m" '%.1f')x certbot and $(calc "$lego_m / $pk_m" '%.1f')x lego" \
  "(load average after: $(loadavg))"
log "details in $work${KEEP:+ (kept)}"
