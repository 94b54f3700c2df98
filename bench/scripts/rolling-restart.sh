#!/bin/bash
# Rolling restart of every node of a Kefu cluster under load. Starts a cluster as cluster.sh does and runs the load
# tool against all nodes; RESTART_AT seconds into the message phase (default 15, after the 10 s warm-up), it
# restarts each node in turn: SIGTERM (the node closes its WebSockets with 1001 and exits), wait for the exit, start
# it again on the same port, wait for /healthz, pause PAUSE seconds (default 5), next node. The clients of a stopped
# node reconnect to the next node in the tool's list and resume there. The tool then checks that every acked
# message reached both agents and its sender exactly once and in order.
#   bench/scripts/rolling-restart.sh NODES RATE VISITORS DURATION OUT_DIR [more load-tool options]
# e.g. bench/scripts/rolling-restart.sh 3 500 1000 90 out/rolling-3
# OUT_DIR/restarts.log has the times (epoch ms and the tool's second) of each step; OUT_DIR/restarts.txt the
# delivery latency per second around each restart, from the tool's timeline. No --server-pid: the nodes' pids change.
set -u
. "$(dirname "$0")/cluster-under-test.sh"
NODES=$1 RATE=$2 VISITORS=$3 DURATION=$4 OUT=$5
shift 5
PORT=${PORT:-18484} RESTART_AT=${RESTART_AT:-15} PAUSE=${PAUSE:-5}
mkdir -p "$OUT"
start_cluster "$NODES" "$PORT" /tmp/kefu-bench-cluster > "$OUT/cluster.txt" 2>&1
ok=$?
cat "$OUT/cluster.txt"
[ $ok = 0 ] || { echo "the cluster did not start" >&2; stop_cluster; exit 1; }

# The second of the message phase the tool is at, from its last progress line ("[    12s] conns …"); -999 before.
tool_second() {
  local s; s=$(grep -o '^\[ *-\?[0-9]*s\]' "$OUT/console.log" 2>/dev/null | tail -1 | tr -d '[]s ')
  echo "${s:--999}"
}
log() {
  local line; line="$(date +%s%3N) $(printf '%5s' "$(tool_second)")s $*"
  echo "$line" | tee -a "$OUT/restarts.log"
}

restarts() {
  : > "$OUT/restarts.log"
  until [ "$(tool_second)" -ge "$RESTART_AT" ]; do sleep 0.2; done
  for i in $(seq 0 $((NODES - 1))); do
    log "node $i: SIGTERM (pid $(cat "$CLUSTER_DIR/node-$i/pid"))"
    stop_node "$i"
    log "node $i: exited"
    start_node "$i" || { log "node $i: did not start again"; return 1; }
    log "node $i: started again (pid $(cat "$CLUSTER_DIR/node-$i/pid")), /healthz answers"
    sleep "$PAUSE"
  done
  log "all $NODES nodes restarted"
}

restarts &
RESTARTER=$!
run_measured "$OUT" "$JAVA" -jar "$BENCH_JAR" run --url "$NODE_URLS" --workspace "$WORKSPACE" \
  --agent-email bench@kefu.local --agent-password bench-password-123 --forwarded-for \
  --visitors "$VISITORS" --agents 2 --ramp-seconds 10 --warmup-seconds 10 --rate "$RATE" --duration "$DURATION" \
  --drain-seconds 30 --out "$OUT" "$@"
code=$?
if alive "$RESTARTER"; then
  echo "warning: the run ended before every node was restarted; give it a longer DURATION" | tee -a "$OUT/restarts.log"
  kill "$RESTARTER" 2>/dev/null
fi
wait "$RESTARTER" 2>/dev/null
stop_cluster

# Delivery latency per second from the tool's timeline, marked where a node was down or just back.
jq -r --rawfile log "$OUT/restarts.log" '
  ($log | split("\n") | map(select(test("SIGTERM|started again")) | split(" ") | {t: (.[0] | tonumber), what: .})) as $steps
  | "second  sent/s  acked/s  deliveries/s  p50 ms  p99 ms  max ms  conns",
    (.timeline[] | select(.second >= 0) | . as $p
     | ([$steps[] | select(.t <= $p.epochMillis and .t > $p.epochMillis - 1000) | .what | .[2:] | join(" ")] | join("; ")) as $note
     | "\(.second | floor | tostring | (" " * (6 - length)) + .)  \(.sent | tostring | (" " * (6 - length)) + .)  \(.acked | tostring | (" " * (7 - length)) + .)  \(.delivered | tostring | (" " * (12 - length)) + .)  \(.p50Ms * 10 | round / 10 | tostring | (" " * (6 - length)) + .)  \(.p99Ms * 10 | round / 10 | tostring | (" " * (6 - length)) + .)  \(.maxMs * 10 | round / 10 | tostring | (" " * (6 - length)) + .)  \(.connections)\(if $note == "" then "" else "  <- " + $note end)")
' "$OUT/report.json" > "$OUT/restarts.txt" 2>/dev/null || echo "(jq not available: no restarts.txt)"
cat "$OUT/restarts.log"
sed -n '/^connections/,$p' "$OUT/report.txt" | grep -v '^reports'
exit $code
