#!/bin/bash
# Shared by the benchmark scripts: starts the system under test and prints its pid and workspace id.
#   start_target TARGET PORT DATA_DIR    TARGET: kefu (SQLite) | kefu-pg (PostgreSQL, fresh schema) | baseline
# Uses server/target/kefu.jar and bench/target/kefu-bench.jar (build with ./mvnw -DskipTests package), the same
# JVM options as ./kefu, and --trust-proxy so that per-IP limits apply per simulated visitor (the load tool
# sends each visitor's requests with its own X-Forwarded-For address).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$ROOT/.mvn/find-jdk.sh"; kefu_find_jdk || exit 1
JAVA="$JAVA_HOME/bin/java"
KEFU_JAR=${KEFU_JAR:-$ROOT/server/target/kefu.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/kefu-bench.jar}
SERVER_OPTS=${KEFU_JAVA_OPTS:--XX:+UseG1GC -Xms16m -Xmx1g -XX:G1PeriodicGCInterval=5000 -XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5 -XX:+UseCompactObjectHeaders}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# SERVER_CPUS / TOOL_CPUS (taskset lists, e.g. 0 and 1): keep the server and the load tool on cores of their own,
# so neither waits for the other's threads. Unset, both share every core, as they do in docs/benchmarks.md.
PIN_SERVER=(); [ -n "${SERVER_CPUS:-}" ] && PIN_SERVER=(taskset -c "$SERVER_CPUS")
PIN_TOOL=(); [ -n "${TOOL_CPUS:-}" ] && PIN_TOOL=(taskset -c "$TOOL_CPUS")

start_target() {
  local target=$1 port=$2 data=$3
  rm -rf "$data" && mkdir -p "$data"
  local common=(--port "$port" --data "$data" --trust-proxy --max-connections-per-ip 100000 --ws-rate 100)
  case $target in
    kefu) "${PIN_SERVER[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_OPTS -jar "$KEFU_JAR" "${common[@]}" > "$data/log" 2>&1 & ;;
    kefu-pg)
      local schema="bench_$(date +%s)_$$"
      psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
      "${PIN_SERVER[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_OPTS -jar "$KEFU_JAR" "${common[@]}" \
        --db-url "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema" --db-user postgres > "$data/log" 2>&1 & ;;
    baseline) "${PIN_SERVER[@]}" "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_OPTS -jar "$BENCH_JAR" baseline --port "$port" > "$data/log" 2>&1 & ;;
    *) echo "unknown target $target" >&2; return 1 ;;
  esac
  TARGET_PID=$!
  WORKSPACE=any
  for _ in $(seq 1 150); do
    if [ "$target" = baseline ]; then
      grep -q -i "listening\|port" "$data/log" 2>/dev/null && sleep 0.5 && break
    else
      curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break
    fi
    sleep 0.2
  done
  if [ "$target" != baseline ]; then
    local token; token=$(grep -o 'setup#token=[^ ]*' "$data/log" | cut -d= -f2)
    WORKSPACE=$(grep -o 'snippet): .*' "$data/log" | cut -d' ' -f2)
    curl -s -X POST "http://127.0.0.1:$port/api/v1/setup" -H 'Content-Type: application/json' -d \
      "{\"token\":\"$token\",\"name\":\"Bench\",\"email\":\"bench@kefu.local\",\"password\":\"bench-password-123\"}" >/dev/null
  fi
}
