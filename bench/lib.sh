# Helpers the benchmark scripts share; sourced (`. "$root/bench/lib.sh"`) after `root` is set.

# builds target/pinkeeper.jar from the current sources (offline first, then with downloads)
build_jar() { (cd "$root" && { mvn -q -B -o package -DskipTests >/dev/null 2>&1 || mvn -q -B package -DskipTests >/dev/null; }); }
# a TCP port on 127.0.0.1 that was free a moment ago
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# waits up to 30 s until something accepts connections on 127.0.0.1:PORT; ends the script if nothing does
wait_port() { for _ in $(seq 300); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
