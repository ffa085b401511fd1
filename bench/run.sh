#!/usr/bin/env bash
# Ficus gateway benchmark: a fixed nginx backend reached directly, through nginx, through HAProxy,
# and through the gateway in LEGACY and SHADOW mode, under open-loop load at a fixed fraction of
# the direct saturation rate, in interleaved rounds. Needs nginx and haproxy (Debian packages),
# Java 17, and the gateway jar (mvn -pl gateway package). See README.md.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
ROUNDS=${ROUNDS:-3}
RUN_SECONDS=${RUN_SECONDS:-5}
SATURATE_SECONDS=${SATURATE_SECONDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
FRACTION=${FRACTION:-0.05}
JAR=${JAR:-$ROOT/gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar}
WORK=$BENCH/.work
PATH_UNDER_TEST=/api/tickets/6f1c2a1e-0000-4000-8000-000000000001

BACKEND=19001 NGINX=19002 HAPROXY=19003 GATEWAY=19004
rm -rf "$WORK" && mkdir -p "$WORK/tmp"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url
  for _ in $(seq 1 120); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "not up: $1" >&2; return 1
}

nginx_conf() { # name port body-of-location
  cat > "$WORK/$1.conf" <<CONF
worker_processes 1;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp/$1-body; proxy_temp_path $WORK/tmp/$1-proxy;
  fastcgi_temp_path $WORK/tmp/$1-fcgi; uwsgi_temp_path $WORK/tmp/$1-uwsgi; scgi_temp_path $WORK/tmp/$1-scgi;
  keepalive_requests 1000000;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 128; }
  server { listen 127.0.0.1:$2; location / { $3 } }
}
CONF
  nginx -p "$WORK" -c "$WORK/$1.conf" -g 'daemon off;' &
  PIDS+=($!)
}

nginx_conf backend $BACKEND "default_type application/json; return 200 '{\"id\":\"6f1c2a1e-0000-4000-8000-000000000001\",\"title\":\"bench\",\"createdAt\":\"2024-01-01T10:00:00\"}';"
nginx_conf proxy $NGINX "proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection \"\";"

cat > "$WORK/haproxy.cfg" <<CONF
global
  maxconn 8192
  nbthread 1
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
frontend fe
  bind 127.0.0.1:$HAPROXY
  default_backend be
backend be
  http-reuse always
  server s1 127.0.0.1:$BACKEND
CONF
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)

# The gateway's own PostgreSQL: the testkit's embedded server.
(cd "$ROOT" && mvn -B -q -o -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt")
java -cp "$(cat "$WORK/cp.txt")" "$BENCH/StartDb.java" > "$WORK/db.out" 2> "$WORK/db.log" &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q '^JDBC ' "$WORK/db.out" && break; sleep 0.5; done
read -r _ DB_URL DB_USER DB_PASSWORD < <(grep '^JDBC ' "$WORK/db.out")

# An operator for the mode flips: bcrypt (cost 4) of "test-secret", a loopback-only benchmark credential.
ADMIN=bench ADMIN_PASSWORD=test-secret
ADMIN_HASH='{bcrypt}$2a$04$cbT2BmByAmsyiMTk0y2xc.nGeSmiODQ1rTE2ag9bkd8HW2rQcqaQ6'
java -Xmx512m -jar "$JAR" --server.port=$GATEWAY \
  --ficus.gateway.legacy-url=http://127.0.0.1:$BACKEND --ficus.gateway.core-url=http://127.0.0.1:$BACKEND \
  --spring.datasource.url="$DB_URL" --spring.datasource.username="$DB_USER" --spring.datasource.password="$DB_PASSWORD" \
  --ficus.security.users[0].name=$ADMIN --ficus.security.users[0].password="$ADMIN_HASH" \
  --ficus.security.users[0].roles=OPERATOR --ficus.security.gateway-secret=bench-gateway-secret-0123456789abcdef \
  --logging.level.io.ficus=WARN > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)

wait_for "http://127.0.0.1:$BACKEND/"
wait_for "http://127.0.0.1:$NGINX/"
wait_for "http://127.0.0.1:$HAPROXY/"
wait_for "http://127.0.0.1:$GATEWAY/actuator/health"

mode() { # LEGACY|SHADOW
  curl -fs -o /dev/null -u "$ADMIN:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
    -d "{\"mode\":\"$1\",\"reason\":\"benchmark\"}" "http://127.0.0.1:$GATEWAY/ficus/api/routes/tickets-get/mode"
  sleep 1 # let every instance's snapshot pick it up (one instance here; the poll interval is 250 ms)
}

load() { java "$BENCH/LoadGen.java" "$@"; }
url() { case $1 in
  direct) echo "http://127.0.0.1:$BACKEND$PATH_UNDER_TEST" ;;
  nginx) echo "http://127.0.0.1:$NGINX$PATH_UNDER_TEST" ;;
  haproxy) echo "http://127.0.0.1:$HAPROXY$PATH_UNDER_TEST" ;;
  gateway-legacy|gateway-shadow) echo "http://127.0.0.1:$GATEWAY$PATH_UNDER_TEST" ;;
esac; }

# Warm the JIT of the gateway in both modes, then find the direct saturation rate.
mode SHADOW; load saturate "$(url gateway-shadow)" "$SATURATE_SECONDS" "$CONNECTIONS" > /dev/null
mode LEGACY; load saturate "$(url gateway-legacy)" "$SATURATE_SECONDS" "$CONNECTIONS" > /dev/null
SATURATION=$(load saturate "$(url direct)" "$SATURATE_SECONDS" "$CONNECTIONS" | sed -E 's/.*throughput=([0-9]+).*/\1/')
RATE=$(awk -v s="$SATURATION" -v f="$FRACTION" 'BEGIN { printf "%d", s * f }')
echo "direct saturation: $SATURATION req/s; open-loop rate: $RATE req/s ($FRACTION of it); $ROUNDS rounds; $CONNECTIONS connections"

# Each round, each target in turn: its capacity (closed loop, ${SATURATE_SECONDS}s), then latency under the
# same fixed open-loop rate (${RUN_SECONDS}s).
RESULTS=$WORK/results.txt
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for target in direct nginx haproxy gateway-legacy gateway-shadow; do
    case $target in gateway-legacy) mode LEGACY ;; gateway-shadow) mode SHADOW ;; esac
    capacity=$(load saturate "$(url $target)" "$SATURATE_SECONDS" "$CONNECTIONS" | sed -E 's/.*throughput=([0-9]+).*/\1/')
    line=$(load rate "$(url $target)" "$RATE" "$RUN_SECONDS" "$CONNECTIONS")
    echo "round=$round target=$target capacity=$capacity $line" | tee -a "$RESULTS"
  done
done

echo
echo "medians over rounds: capacity (closed loop) and its ratio to direct and to nginx;"
echo "latency at $RATE req/s open loop, and what each adds to direct's p50/p99:"
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    t = v["target"]; n[t]++; cap[t, n[t]] = v["capacity"]; p50[t, n[t]] = v["p50_ms"]; p99[t, n[t]] = v["p99_ms"]; err[t] += v["errors"] }
  function median(a, t,   i, j, x, m, tmp) { m = n[t]; for (i = 1; i <= m; i++) x[i] = a[t, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (x[j] + 0 < x[i] + 0) { tmp = x[i]; x[i] = x[j]; x[j] = tmp }
    return x[int((m + 1) / 2)] }
  END {
    split("direct nginx haproxy gateway-legacy gateway-shadow", order, " ")
    dc = median(cap, "direct"); nc = median(cap, "nginx"); d50 = median(p50, "direct"); d99 = median(p99, "direct")
    printf "%-15s %10s %8s %8s %9s %9s %9s %9s %7s\n", "target", "capacity", "/direct", "/nginx", "p50 ms", "p99 ms", "+p50 ms", "+p99 ms", "errors"
    for (i = 1; i <= 5; i++) { t = order[i]; a = median(cap, t); b = median(p50, t); c = median(p99, t)
      printf "%-15s %10.0f %8.3f %8.3f %9.3f %9.3f %9.3f %9.3f %7d\n", t, a, a / dc, a / nc, b, c, b - d50, c - d99, err[t] }
  }' "$RESULTS"
