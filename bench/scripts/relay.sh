#!/bin/bash
# Relay benchmark: visitors send at a fixed total rate; every message is durably stored (Kefu) before it is
# delivered to 2 agent connections. Reports latency from the intended send time and checks exactly-once order.
#   bench/scripts/relay.sh TARGET RATE VISITORS DURATION OUT_DIR [more load-tool options]
# e.g. bench/scripts/relay.sh kefu 10000 2000 60 out/relay-kefu-10k
#      bench/scripts/relay.sh kefu 1000 10000 40 out/storm --reconnect-storm
#      SERVER_CPUS=0 TOOL_CPUS=1 bench/scripts/relay.sh kefu 2000 1000 60 out/pinned   (one core each)
set -u
. "$(dirname "$0")/kefu-under-test.sh"
TARGET=$1 RATE=$2 VISITORS=$3 DURATION=$4 OUT=$5
shift 5
PORT=${PORT:-18484}
start_target "$TARGET" "$PORT" "/tmp/kefu-bench-$TARGET"
mkdir -p "$OUT"
"${PIN_TOOL[@]}" "$JAVA" -jar "$BENCH_JAR" run --url "http://127.0.0.1:$PORT" --workspace "$WORKSPACE" \
  --agent-email bench@kefu.local --agent-password bench-password-123 --forwarded-for \
  --visitors "$VISITORS" --agents 2 --ramp-seconds "${RAMP:-10}" --warmup-seconds "${WARMUP:-10}" --rate "$RATE" --duration "$DURATION" \
  --server-pid "$TARGET_PID" --out "$OUT" "$@" > "$OUT/console.log" 2>&1
code=$?
kill "$TARGET_PID"; wait "$TARGET_PID" 2>/dev/null
sed -n '/^traffic/,$p' "$OUT/report.txt" | grep -v '^reports'
exit $code
