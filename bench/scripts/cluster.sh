#!/bin/bash
# Relay benchmark against a Kefu cluster on this machine: N nodes on one PostgreSQL schema and one Redis, the load
# tool given every node (--url a,b,c: visitor i and agent j start on node i mod N, j mod N). Visitors send at a fixed
# total rate; every message is stored in PostgreSQL before it is acked and delivered to 2 agent connections, which
# are usually on other nodes than the sender (the event crosses Redis). Server CPU and RSS are summed over the nodes.
#   bench/scripts/cluster.sh NODES RATE VISITORS DURATION OUT_DIR [more load-tool options]
# e.g. bench/scripts/cluster.sh 3 1000 1000 60 out/cluster-3-1000
# Nodes listen on PORT..PORT+N-1 (PORT=18484); each node runs with the JVM options of kefu-under-test.sh but
# -Xmx512m. The schema is dropped and redis stopped at the end; node logs stay in /tmp/kefu-bench-cluster.
set -u
. "$(dirname "$0")/cluster-under-test.sh"
NODES=$1 RATE=$2 VISITORS=$3 DURATION=$4 OUT=$5
shift 5
PORT=${PORT:-18484}
mkdir -p "$OUT"
start_cluster "$NODES" "$PORT" /tmp/kefu-bench-cluster > "$OUT/cluster.txt" 2>&1
ok=$?
cat "$OUT/cluster.txt"
[ $ok = 0 ] || { echo "the cluster did not start" >&2; stop_cluster; exit 1; }
run_measured "$OUT" "$JAVA" -jar "$BENCH_JAR" run --url "$NODE_URLS" --workspace "$WORKSPACE" \
  --agent-email bench@kefu.local --agent-password bench-password-123 --forwarded-for \
  --visitors "$VISITORS" --agents 2 --ramp-seconds 10 --warmup-seconds 10 --rate "$RATE" --duration "$DURATION" \
  --server-pid "$(IFS=,; echo "${NODE_PIDS[*]}")" --out "$OUT" "$@"
code=$?
stop_cluster
sed -n '/^connections/,$p' "$OUT/report.txt" | grep -v '^reports'
exit $code
