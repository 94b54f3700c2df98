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
# Java heap in use (KiB), after the GC the caller has just run.
heap() { "$JAVA_HOME/bin/jcmd" "$TARGET_PID" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'; }
sleep 2; "$JAVA_HOME/bin/jcmd" "$TARGET_PID" GC.run >/dev/null; sleep 1
R0=$(rss); H0=$(heap)
# Each client process also holds REST sockets while it ramps: keep it well under the 20,000 open files.
PROCS=$(( (N + 9999) / 10000 ))
"$JAVA" -jar "$BENCH_JAR" idle --url "http://127.0.0.1:$PORT" --workspace "$WORKSPACE" --visitors "$N" \
  --processes "$PROCS" --ramp-seconds "$RAMP" --hold-seconds "$HOLD" --forwarded-for --server-pid "$TARGET_PID" \
  --out "$OUT" > "$OUT/console.log" 2>&1 &
BENCH=$!
sleep $((RAMP + HOLD - 4))
R1=$(rss)
"$JAVA_HOME/bin/jcmd" "$TARGET_PID" GC.run >/dev/null; sleep 1
R2=$(rss); H2=$(heap)
wait $BENCH
kill "$TARGET_PID"; wait "$TARGET_PID" 2>/dev/null
grep -E "^idle:|connected" "$OUT/report.txt" | head -3
echo "idle server after GC: $R0 KiB; with $N connections: $R1 KiB as measured, $R2 KiB after GC"
echo "per connection: $(( (R1 - R0) * 1024 / N )) bytes as measured, $(( (R2 - R0) * 1024 / N )) bytes after GC"
echo "Java heap in use after GC: $H0 KiB idle, $H2 KiB with $N connections: $(( (H2 - H0) * 1024 / N )) bytes per connection"
