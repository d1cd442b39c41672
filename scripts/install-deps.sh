#!/usr/bin/env bash
# Installs the Debian packages pinkeeper's tests and benchmarks use. Idempotent: installs only what is missing.
#   scripts/install-deps.sh               everything the tests, benchmarks and scripts/package.sh use
#   scripts/install-deps.sh PACKAGE...    only these (what pinkeeper rehearse asks for: pebble nginx curl)
# No service is started by the install (a temporary policy-rc.d refuses it); an apache2 installed here is
# also disabled, so no system Apache takes port 80 at the next boot: the tests run their own servers.
set -euo pipefail
packages=(openssl curl python3-cryptography hyperfine time pebble nginx-light haproxy apache2 certbot postgresql
  chromium wrk asciidoctor zsh man-db lego)
[ $# -eq 0 ] || packages=("$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ] && [ ! -L "$policy" ]; then
    # removed on every exit (failure and Ctrl-C too), set before the file exists so no path leaves it;
    # a policy-rc.d that was there before is never written or removed
    trap '$sudo_cmd rm -f "$policy"' EXIT
    trap 'exit 130' INT TERM HUP
    # invoke-rc.d asks policy-rc.d whether a package's service may start: 101 = no
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" >/dev/null
    $sudo_cmd chmod 755 "$policy"
  fi
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if [[ " ${missing[*]} " == *" apache2 "* ]]; then
    if [ -d /run/systemd/system ]; then
      $sudo_cmd systemctl disable --now apache2 >/dev/null 2>&1 || true
    else
      $sudo_cmd update-rc.d apache2 disable >/dev/null 2>&1 || true
    fi
  fi
fi
