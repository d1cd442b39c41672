#!/usr/bin/env bash
# Header parses per second for each user agent's rules (one JVM, warmed up), then the start-to-exit
# time of one `pinkeeper header parse` and one `pinkeeper header build` with hyperfine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./pinkeeper --version >/dev/null   # builds the jar if the sources changed
java -cp "target/pinkeeper.jar:target/lib/*" bench/HeaderParseBench.java "${1:-3}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v hyperfine >/dev/null; then
  a="$(head -c32 /dev/zero | base64)"; b="$(head -c32 /dev/zero | tr '\0' '\1' | base64)"
  hyperfine --warmup 3 --runs 20 \
    "./pinkeeper header parse --ua chrome --chain-pin $a 'pin-sha256=\"$a\"; pin-sha256=\"$b\"; max-age=600'" \
    "./pinkeeper header build --pin $a --pin $b --max-age 30d"
fi
