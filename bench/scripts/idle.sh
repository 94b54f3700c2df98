#!/bin/bash
# Idle benchmark: N visitor WebSockets held open. Reports the server's RSS per connection as measured, and
# after a full GC (jcmd GC.run) on both sides of the measurement, i.e. what the connections retain.
#   bench/scripts/idle.sh TARGET VISITORS OUT_DIR
set -u
. "$(dirname "$0")/kefu-under-test.sh"
TARGET=$1 N=$2 OUT=$3 HOLD=${HOLD:-20} RAMP=${RAMP:-10}
PORT=${PORT:-18383}
start_target "$TARGET" "$PORT" "/tmp/kefu-idle-$TARGET"
mkdir -p "$OUT"
rss() { grep VmRSS "/proc/$TARGET_PID/status" | awk '{print $2}'; }
sleep 2; "$JAVA_HOME/bin/jcmd" "$TARGET_PID" GC.run >/dev/null; sleep 1
R0=$(rss)
# Each client process also holds REST sockets while it ramps: keep it well under the 20,000 open files.
PROCS=$(( (N + 9999) / 10000 ))
"$JAVA" -jar "$BENCH_JAR" idle --url "http://127.0.0.1:$PORT" --workspace "$WORKSPACE" --visitors "$N" \
  --processes "$PROCS" --ramp-seconds "$RAMP" --hold-seconds "$HOLD" --forwarded-for --server-pid "$TARGET_PID" \
  --out "$OUT" > "$OUT/console.log" 2>&1 &
BENCH=$!
sleep $((RAMP + HOLD - 4))
R1=$(rss)
"$JAVA_HOME/bin/jcmd" "$TARGET_PID" GC.run >/dev/null; sleep 1
R2=$(rss)
wait $BENCH
kill "$TARGET_PID"; wait "$TARGET_PID" 2>/dev/null
grep -E "^idle:|connected" "$OUT/report.txt" | head -3
echo "idle server after GC: $R0 KiB; with $N connections: $R1 KiB as measured, $R2 KiB after GC"
echo "per connection: $(( (R1 - R0) * 1024 / N )) bytes as measured, $(( (R2 - R0) * 1024 / N )) bytes after GC"
