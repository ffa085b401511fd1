#!/usr/bin/env bash
# Ficus gateway benchmark (bench/README.md). Run after the README's build (mvn -B -ntp install -DskipTests).
#
#   bench/run.sh [compare]   a fixed nginx backend reached directly, through nginx, through HAProxy and through the
#                            gateway in LEGACY and SHADOW mode: capacity (closed loop) and latency at a fixed open-loop
#                            rate, FRACTION of the direct saturation, in ROUNDS interleaved rounds; medians
#   bench/run.sh alloc       bytes the gateway allocates per proxied request (LEGACY, or MODES="LEGACY SHADOW")
#   bench/run.sh profile     a JFR recording under load (allocation and CPU samples) and its top costs
#   bench/run.sh soak        SOAK_SECONDS (600) at SOAK_RATE req/s in SOAK_MODE: every SOAK_SAMPLE_SECONDS throughput,
#                            p50/p99, RSS, heap and GC; at the end RSS start/max/end, GC pauses and p99 over time
#   bench/run.sh stalls      STALL_SECONDS (20) at STALL_RATE req/s (2400) in the first of MODES with a JFR recording of
#                            what stalls requests (GC pauses, parks, monitors, socket reads, CPU samples) and every
#                            request's latency on a timeline (.work/timeline.csv), then where the slow ones cluster
#   bench/run.sh alloc profile   several, in turn, on the same gateway
#
# Every mode warms the gateway until its throughput is steady (consecutive WARM_SECONDS rounds within WARM_TOLERANCE,
# the second with fewer than WARM_MAX_COMPILES JIT compilations, at most WARM_MAX_ROUNDS) and runs it with the
# production JVM options of gateway/jvm.options (JVM_OPTIONS= another
# file), which it prints beside every figure with the load average of the machine.
set -euo pipefail
trap 'echo "bench/run.sh: stopped at line $LINENO (exit $?): $BASH_COMMAND" >&2' ERR

WHATS=("${@:-compare}")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
ROUNDS=${ROUNDS:-3}
RUN_SECONDS=${RUN_SECONDS:-5}
SATURATE_SECONDS=${SATURATE_SECONDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
FRACTION=${FRACTION:-0.05}
WARM_SECONDS=${WARM_SECONDS:-5}
WARM_TOLERANCE=${WARM_TOLERANCE:-0.05}
WARM_MAX_ROUNDS=${WARM_MAX_ROUNDS:-24}
WARM_MAX_COMPILES=${WARM_MAX_COMPILES:-25}
ALLOC_SECONDS=${ALLOC_SECONDS:-10}
ALLOC_CONNECTIONS=${ALLOC_CONNECTIONS:-8}
ALLOC_MAX_ROUNDS=${ALLOC_MAX_ROUNDS:-20}
ALLOC_TOLERANCE=${ALLOC_TOLERANCE:-0.03}
ALLOC_MIN_REQUESTS=${ALLOC_MIN_REQUESTS:-60000}
MODES=${MODES:-LEGACY}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
SOAK_SECONDS=${SOAK_SECONDS:-600}
SOAK_RATE=${SOAK_RATE:-2000}
SOAK_MODE=${SOAK_MODE:-LEGACY}
SOAK_SAMPLE_SECONDS=${SOAK_SAMPLE_SECONDS:-10}
STALL_SECONDS=${STALL_SECONDS:-20}
STALL_RATE=${STALL_RATE:-2400}
JAR=${JAR:-$ROOT/gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar}
JVM_OPTIONS=${JVM_OPTIONS:-$ROOT/gateway/jvm.options}
GATEWAY_JAVA_EXTRA=${GATEWAY_JAVA_EXTRA:-}
WORK=${WORK:-$BENCH/.work}
PATH_UNDER_TEST=/api/tickets/6f1c2a1e-0000-4000-8000-000000000001

COMPARE=false
for WHAT in "${WHATS[@]}"; do
  case $WHAT in compare) COMPARE=true ;; alloc|profile|soak|stalls) ;; *) sed -n '2,15p' "$0" >&2; exit 2 ;; esac
done

# What the benchmark needs, and how to get it.
missing=()
for tool in java javac jcmd jstat curl mvn nginx; do command -v $tool > /dev/null || missing+=($tool); done
! $COMPARE || command -v haproxy > /dev/null || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}" >&2
  echo "on Debian/Ubuntu: apt-get install -y nginx-light haproxy curl maven openjdk-17-jdk-headless" >&2
  echo "(nginx serves the backend; haproxy is needed by the comparison only; the load generator is bench/LoadGen.java)" >&2
  exit 1
fi
[ -f "$JAR" ] || { echo "no gateway jar at $JAR: build first: mvn -B -ntp install -DskipTests" >&2; exit 1; }
[ -f "$JVM_OPTIONS" ] || { echo "no JVM options file at $JVM_OPTIONS" >&2; exit 1; }

BACKEND=19001 NGINX=19002 HAPROXY=19003 GATEWAY=19004
rm -rf "$WORK" && mkdir -p "$WORK/tmp"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_for() { # url (a gateway on a busy machine may take minutes to start)
  for _ in $(seq 1 $((2 * ${START_SECONDS:-600}))); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done
  echo "not up: $1" >&2; return 1
}

load_average() { cut -d' ' -f1-3 /proc/loadavg; }
jvm_settings() { grep -v '^\s*#' "$JVM_OPTIONS" | sed 's/#.*//' | xargs; }

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

# The backend: a fixed 95-byte JSON document.
nginx_conf backend $BACKEND "default_type application/json; return 200 '{\"id\":\"6f1c2a1e-0000-4000-8000-000000000001\",\"title\":\"bench\",\"createdAt\":\"2024-01-01T10:00:00\"}';"
if $COMPARE; then
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
fi

# The gateway's own PostgreSQL: the testkit's embedded server (its classpath from the installed modules; the
# dependency plugin's version is pinned in the parent pom, so this resolves on a fresh machine too).
(cd "$ROOT" && mvn -B -q -ntp -pl gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt") \
  || { echo "could not resolve the gateway's test classpath: run mvn -B -ntp install -DskipTests first" >&2; exit 1; }
java -cp "$(cat "$WORK/cp.txt")" "$BENCH/StartDb.java" > "$WORK/db.out" 2> "$WORK/db.log" &
PIDS+=($!)
for _ in $(seq 1 240); do grep -qs '^JDBC ' "$WORK/db.out" && break; sleep 0.5; done
read -r _ DB_URL DB_USER DB_PASSWORD < <(grep '^JDBC ' "$WORK/db.out")

# An operator for the mode flips: bcrypt (cost 4) of "test-secret", a loopback-only benchmark credential.
ADMIN=bench ADMIN_PASSWORD=test-secret
ADMIN_HASH='{bcrypt}$2a$04$cbT2BmByAmsyiMTk0y2xc.nGeSmiODQ1rTE2ag9bkd8HW2rQcqaQ6'
# shellcheck disable=SC2086 # GATEWAY_JAVA_EXTRA: options added for one run (e.g. -XX:TieredStopAtLevel=1, see README)
java @"$JVM_OPTIONS" $GATEWAY_JAVA_EXTRA -Xlog:gc:file="$WORK/gc.log":uptime,level -jar "$JAR" --server.port=$GATEWAY \
  --ficus.gateway.legacy-url=http://127.0.0.1:$BACKEND --ficus.gateway.core-url=http://127.0.0.1:$BACKEND \
  --spring.datasource.url="$DB_URL" --spring.datasource.username="$DB_USER" --spring.datasource.password="$DB_PASSWORD" \
  --ficus.security.users[0].name=$ADMIN --ficus.security.users[0].password="$ADMIN_HASH" \
  --ficus.security.users[0].roles=OPERATOR --ficus.security.gateway-secret=bench-gateway-secret-0123456789abcdef \
  --logging.level.io.ficus=WARN > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=($GATEWAY_PID)

wait_for "http://127.0.0.1:$BACKEND/"
! $COMPARE || { wait_for "http://127.0.0.1:$NGINX/"; wait_for "http://127.0.0.1:$HAPROXY/"; }
wait_for "http://127.0.0.1:$GATEWAY/actuator/health"

# Compile the helpers once (java File.java would compile them on every call).
javac -d "$WORK/classes" "$BENCH/LoadGen.java" "$BENCH/AllocProbe.java" "$BENCH/JfrTop.java" "$BENCH/Stalls.java"
load() { java -cp "$WORK/classes" LoadGen "$@"; }
throughput() { sed -E 's/.*throughput=([0-9]+).*/\1/'; }

mode() { # LEGACY|SHADOW
  curl -fs -o /dev/null -u "$ADMIN:$ADMIN_PASSWORD" -X PUT -H 'Content-Type: application/json' \
    -d "{\"mode\":\"$1\",\"reason\":\"benchmark\"}" "http://127.0.0.1:$GATEWAY/ficus/api/routes/tickets-get/mode"
  sleep 1 # let every instance's snapshot pick it up (one instance here; the poll interval is 250 ms)
}

url() { case $1 in
  direct) echo "http://127.0.0.1:$BACKEND$PATH_UNDER_TEST" ;;
  nginx) echo "http://127.0.0.1:$NGINX$PATH_UNDER_TEST" ;;
  haproxy) echo "http://127.0.0.1:$HAPROXY$PATH_UNDER_TEST" ;;
  gateway-*) echo "http://127.0.0.1:$GATEWAY$PATH_UNDER_TEST" ;;
esac; }

compiled() { { jstat -compiler "$GATEWAY_PID" 2> /dev/null || true; } | awk 'NR == 2 { print $1 }'; } # JIT compilations so far

# Warms the gateway in one mode until two consecutive closed-loop rounds differ by less than WARM_TOLERANCE and the
# JIT compiled fewer than WARM_MAX_COMPILES methods during the second (on a busy machine the rate can look steady
# while the compiler, starved of CPU, is still working through the hot code: 650-850 req/s "steady", then 2,000-4,000).
warm() { # LEGACY|SHADOW
  mode "$1"
  local previous=0 current round before after
  for round in $(seq 1 "$WARM_MAX_ROUNDS"); do
    before=$(compiled)
    current=$(load saturate "$(url gateway-x)" "$WARM_SECONDS" "$CONNECTIONS" | throughput)
    after=$(compiled)
    echo "warm-up $1 round $round: $current req/s, $((${after:-0} - ${before:-0})) methods compiled (load average $(load_average))"
    if [ "$previous" -gt 0 ] && [ $((${after:-0} - ${before:-0})) -lt "$WARM_MAX_COMPILES" ] \
        && awk -v a="$previous" -v b="$current" -v t="$WARM_TOLERANCE" \
        'BEGIN { d = (b - a) / a; if (d < 0) d = -d; exit !(d < t) }'; then
      return 0
    fi
    previous=$current
  done
  echo "warm-up $1: not steady within $WARM_MAX_ROUNDS rounds of ${WARM_SECONDS}s (machine busy?); going on" >&2
}

echo "gateway JVM options ($JVM_OPTIONS): $(jvm_settings) $GATEWAY_JAVA_EXTRA"
echo "load average before: $(load_average); $(nproc) cores"

for WHAT in "${WHATS[@]}"; do
case $WHAT in
alloc)
  # no throughput warm-up: the probe's rounds go on until the allocation per request is steady
  for m in $MODES; do
    mode "$m"
    echo "== $m: bytes allocated per proxied request (${ALLOC_SECONDS}s closed loop, $ALLOC_CONNECTIONS connections)"
    java -cp "$WORK/classes" AllocProbe "$GATEWAY_PID" 5 "$ALLOC_MAX_ROUNDS" "$ALLOC_TOLERANCE" "$ALLOC_MIN_REQUESTS" \
      java -cp "$WORK/classes" LoadGen saturate "$(url gateway-x)" "$ALLOC_SECONDS" "$ALLOC_CONNECTIONS" | tee -a "$WORK/alloc.txt"
  done
  echo "load average after: $(load_average)"
  ;;

profile)
  m=${MODES%% *}
  warm "$m"
  # JFR's "profile" settings (allocation samples, CPU samples every 10 ms) plus the new-TLAB events, which give an
  # exact picture when the gateway runs with small fixed TLABs (GATEWAY_JAVA_EXTRA="-XX:TLABSize=2k -XX:-ResizeTLAB")
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  awk '/jdk.ObjectAllocation(InNew|Outside)TLAB/ { tlab = 1 } tlab && /name="enabled"/ { sub(/false/, "true"); tlab = 0 } { print }' \
    "$java_home/lib/jfr/profile.jfc" > "$WORK/profile.jfc"
  jcmd "$GATEWAY_PID" JFR.start name=bench settings="$WORK/profile.jfc" filename="$WORK/profile.jfr" > /dev/null
  load saturate "$(url gateway-x)" "$PROFILE_SECONDS" "$CONNECTIONS" | tee "$WORK/profile-load.txt"
  jcmd "$GATEWAY_PID" JFR.stop name=bench > /dev/null
  java -cp "$WORK/classes" JfrTop "$WORK/profile.jfr" "${PROFILE_ROWS:-25}" | tee "$WORK/profile.txt"
  echo "recording: $WORK/profile.jfr; load average after: $(load_average)"
  ;;

stalls)
  m=${MODES%% *}
  warm "$m"
  cat > "$WORK/stalls.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.GCPhasePause"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.SafepointBegin"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.ExecuteVMOperation"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
  <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.JavaMonitorWait"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.SocketRead"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.FileWrite"><setting name="enabled">true</setting><setting name="stackTrace">true</setting><setting name="threshold">1 ms</setting></event>
  <event name="jdk.Compilation"><setting name="enabled">true</setting><setting name="threshold">10 ms</setting></event>
  <event name="jdk.Deoptimization"><setting name="enabled">true</setting><setting name="stackTrace">false</setting></event>
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
</configuration>
JFC
  # twice: from cold connections (LEAD_IN_SECONDS=0, as the comparison measured until 2026-12-02), then after the lead-in
  for lead in 0 "${LEAD_IN_SECONDS:-1}"; do
    echo "== $m at $STALL_RATE req/s for ${STALL_SECONDS}s, lead-in ${lead}s (load average $(load_average))"
    jcmd "$GATEWAY_PID" JFR.start name=stalls settings="$WORK/stalls.jfc" filename="$WORK/stalls-$lead.jfr" > /dev/null
    LEAD_IN_SECONDS=$lead LATENCY_TIMELINE="$WORK/timeline-$lead.csv" load rate "$(url gateway-x)" "$STALL_RATE" \
      "$STALL_SECONDS" "$CONNECTIONS" | tee "$WORK/stalls-load-$lead.txt"
    jcmd "$GATEWAY_PID" JFR.stop name=stalls > /dev/null
    java -cp "$WORK/classes" Stalls "$WORK/timeline-$lead.csv" "$WORK/stalls-$lead.jfr" | tee "$WORK/stalls-$lead.txt"
  done
  echo "recordings: $WORK/stalls-*.jfr; timelines: $WORK/timeline-*.csv; load average after: $(load_average)"
  ;;

soak)
  warm "$SOAK_MODE"
  echo "soak: $SOAK_MODE at $SOAK_RATE req/s for ${SOAK_SECONDS}s; a line every ${SOAK_SAMPLE_SECONDS}s (the load's window ends"
  echo "a second earlier), also in $WORK/soak.csv"
  load rate "$(url gateway-x)" "$SOAK_RATE" "$SOAK_SECONDS" "$CONNECTIONS" "$SOAK_SAMPLE_SECONDS" > "$WORK/soak-load.txt" &
  LOAD_PID=$!
  gc_at_start=$(grep -c 'Pause' "$WORK/gc.log" || true)
  gc_counts() { # collections and seconds in them so far (young + full + concurrent), from jstat
    jstat -gc "$GATEWAY_PID" 2> /dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
      NR == 2 { printf "%d %.3f %.0f\n", $c["YGC"] + $c["FGC"] + ($c["CGC"] == "" ? 0 : $c["CGC"]), $c["GCT"],
        ($c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]) / 1024 }'
  }
  read -r gc0 gct0 _ < <(gc_counts) || { echo "jstat cannot read the gateway's GC counters" >&2; exit 1; }
  echo "seconds,rss_mb,heap_used_mb,gc_count,gc_seconds,gc_pauses_logged,load1,throughput,p50_ms,p99_ms,max_ms" > "$WORK/soak.csv"
  printf "%7s %7s %8s %6s %8s %6s %10s %8s %8s %9s\n" seconds rss_MB heap_MB GCs GC_s load1 throughput p50_ms p99_ms max_ms
  started=$(date +%s)
  while kill -0 "$LOAD_PID" 2> /dev/null; do
    sleep "$SOAK_SAMPLE_SECONDS"
    rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$GATEWAY_PID/status")
    read -r gcn gct heap < <(gc_counts) || gcn=$gc0 gct=$gct0 heap=- # jstat may time out under load: a blank sample
    pauses=$(( $(grep -c 'Pause' "$WORK/gc.log" || true) - gc_at_start ))
    # the load's first progress line comes a window and a second after it starts: none yet is not an error
    progress=$(grep '^progress' "$WORK/soak-load.txt" | tail -1 || true)
    kv() { echo "$progress" | sed -nE "s/.* $1=([^ ]+).*/\1/p"; }
    line="$(( $(date +%s) - started )),$rss,$heap,$((gcn - gc0)),$(awk -v a="$gct" -v b="$gct0" 'BEGIN { printf "%.3f", a - b }'),$pauses,$(cut -d' ' -f1 /proc/loadavg),$(kv throughput),$(kv p50_ms),$(kv p99_ms),$(kv max_ms)"
    echo "$line" >> "$WORK/soak.csv"
    echo "$line" | awk -F, '{ printf "%7s %7s %8s %6s %8s %6s %10s %8s %8s %9s\n", $1, $2, $3, $4, $5, $7, $8, $9, $10, $11 }'
  done
  wait "$LOAD_PID" || true
  echo "load: $(grep -v '^progress' "$WORK/soak-load.txt")"
  awk -F, 'NR > 1 { n++; if (n == 1) first = $2; last = $2; if ($2 > max) max = $2; h[n] = $3; if ($3 > hmax) hmax = $3 }
    END { printf "RSS MB: start %d, max %d, end %d; heap used MB: start %d, max %d, end %d\n", first, max, last, h[1], hmax, h[n] }' \
    "$WORK/soak.csv"
  awk -F, 'NR > 1 { gcs = $4; gcsec = $5 } END { printf "GC (jstat): %d collections, %.2f s in all over the soak\n", gcs, gcsec }' \
    "$WORK/soak.csv"
  # GC pauses during the soak, from the gateway's GC log (-Xlog:gc)
  tail -n +"$((gc_at_start + 1))" <(grep 'Pause' "$WORK/gc.log") | sed -E 's/.* ([0-9.]+)ms$/\1/' | sort -n | awk '
    { v[++n] = $1; s += $1 } END { if (n == 0) { print "no GC pause"; exit }
      i50 = int(n * 0.5); if (i50 < 1) i50 = 1; i99 = int(n * 0.99); if (i99 < 1) i99 = 1
      printf "GC pauses (log): %d, mean %.2f ms, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.2f s in all\n",
        n, s / n, v[i50], v[i99], v[n], s / 1000 }'
  # p99 over time: every window's, then their spread
  grep '^progress' "$WORK/soak-load.txt" | sed -E 's/.* t=([0-9]+) .* p99_ms=([0-9.NaN]+) .*/\1 \2/' | awk '
    $2 ~ /NaN|nan/ { line = line " " $1 ":-"; next } { t[++n] = $1; v[n] = $2 + 0; line = line sprintf(" %s:%.1f", $1, $2) }
    END { if (n == 0) exit; print "p99 ms by window (end second:p99):" line
      for (i = 1; i <= n; i++) s[i] = v[i]; for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { x = s[i]; s[i] = s[j]; s[j] = x }
      printf "window p99 ms: min %.2f, median %.2f, max %.2f over %d windows\n", s[1], s[int((n + 1) / 2)], s[n], n }'
  echo "GC log: $WORK/gc.log; load average after: $(load_average)"
  ;;

compare)
  # Warm the JIT of the gateway in both modes until steady, then find the direct saturation rate.
  warm SHADOW
  warm LEGACY
  SATURATION=$(load saturate "$(url direct)" "$SATURATE_SECONDS" "$CONNECTIONS" | throughput)
  RATE=$(awk -v s="$SATURATION" -v f="$FRACTION" 'BEGIN { printf "%d", s * f }')
  echo "direct saturation: $SATURATION req/s; open-loop rate: $RATE req/s ($FRACTION of it); $ROUNDS rounds; $CONNECTIONS connections"

  # Each round, each target in turn: its capacity (closed loop, ${SATURATE_SECONDS}s), then latency under the
  # same fixed open-loop rate (${RUN_SECONDS}s).
  RESULTS=$WORK/results.txt
  : > "$RESULTS"
  for round in $(seq 1 "$ROUNDS"); do
    for target in direct nginx haproxy gateway-legacy gateway-shadow; do
      case $target in gateway-legacy) mode LEGACY ;; gateway-shadow) mode SHADOW ;; esac
      capacity=$(load saturate "$(url $target)" "$SATURATE_SECONDS" "$CONNECTIONS" | throughput)
      line=$(load rate "$(url $target)" "$RATE" "$RUN_SECONDS" "$CONNECTIONS")
      echo "round=$round target=$target capacity=$capacity $line load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$RESULTS"
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
  echo "load average after: $(load_average)"
  ;;
esac
done
