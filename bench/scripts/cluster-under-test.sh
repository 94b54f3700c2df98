#!/bin/bash
# Shared by cluster.sh and rolling-restart.sh: a Kefu cluster on this machine — a redis-server of its own, a fresh
# PostgreSQL schema (127.0.0.1:5432, database test, user postgres) and N nodes on ports PORT..PORT+N-1.
#   start_cluster N PORT DIR      starts node 1 alone (migrations, setup link), creates the bench agent and
#                                 workspace, then nodes 2..N; sets NODE_PIDS, NODE_URLS (comma-separated), WORKSPACE
#   start_node I / stop_node I    node I (0-based): start and wait for /healthz / SIGTERM and wait for the exit
#   stop_cluster                  stops every node and redis, drops the schema
# Each node gets the JVM options of kefu-under-test.sh but a smaller heap: -Xmx512m (KEFU_NODE_JAVA_OPTS overrides).
. "$(dirname "${BASH_SOURCE[0]}")/kefu-under-test.sh"
NODE_OPTS=${KEFU_NODE_JAVA_OPTS:-${SERVER_OPTS/-Xmx1g/-Xmx512m}}
PSQL=(psql -h 127.0.0.1 -U postgres -d test -q)

# Whether PID runs (a zombie, exited but not yet reaped, does not).
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ]
}

free_port() {
  local p=$1
  while (echo > "/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

start_cluster() {
  CLUSTER_N=$1 CLUSTER_PORT=$2 CLUSTER_DIR=$3
  rm -rf "$CLUSTER_DIR" && mkdir -p "$CLUSTER_DIR"
  for i in $(seq 0 $((CLUSTER_N - 1))); do
    if (echo > "/dev/tcp/127.0.0.1/$((CLUSTER_PORT + i))") 2>/dev/null; then
      echo "port $((CLUSTER_PORT + i)) is in use; choose another PORT" >&2
      return 1
    fi
  done
  REDIS_PORT=$(free_port "${REDIS_PORT:-16379}")
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$CLUSTER_DIR/redis.pid" --logfile "$CLUSTER_DIR/redis.log" >/dev/null
  for _ in $(seq 1 50); do [ -s "$CLUSTER_DIR/redis.pid" ] && break; sleep 0.1; done
  SCHEMA="bench_cluster_$(date +%s)_$$"
  "${PSQL[@]}" -c "CREATE SCHEMA $SCHEMA" >/dev/null || return 1
  NODE_PIDS=() NODE_URLS=""
  for i in $(seq 0 $((CLUSTER_N - 1))); do
    NODE_URLS+="${NODE_URLS:+,}http://127.0.0.1:$((CLUSTER_PORT + i))"
  done
  start_node 0 || return 1
  local log="$CLUSTER_DIR/node-0/log" token
  token=$(grep -o 'setup#token=[^ ]*' "$log" | head -1 | cut -d= -f2)
  WORKSPACE=$(grep -o 'snippet): .*' "$log" | head -1 | cut -d' ' -f2)
  curl -s -X POST "http://127.0.0.1:$CLUSTER_PORT/api/v1/setup" -H 'Content-Type: application/json' -d \
    "{\"token\":\"$token\",\"name\":\"Bench\",\"email\":\"bench@kefu.local\",\"password\":\"bench-password-123\"}" >/dev/null
  local starting=() ok=0
  for i in $(seq 1 $((CLUSTER_N - 1))); do start_node "$i" & starting+=($!); done
  for p in "${starting[@]}"; do wait "$p" || ok=1; done
  [ $ok = 0 ] || return 1
  for i in $(seq 1 $((CLUSTER_N - 1))); do NODE_PIDS[$i]=$(cat "$CLUSTER_DIR/node-$i/pid"); done
  echo "cluster: $CLUSTER_N node(s) $NODE_URLS (pids ${NODE_PIDS[*]}), redis :$REDIS_PORT, schema $SCHEMA, workspace $WORKSPACE"
}

# Starts node I and waits until it answers /healthz; its pid goes to DIR/node-I/pid (and NODE_PIDS[I] when not run
# in the background).
start_node() {
  local i=$1 port=$((CLUSTER_PORT + $1)) dir="$CLUSTER_DIR/node-$1"
  mkdir -p "$dir"
  "$JAVA" --enable-native-access=ALL-UNNAMED $NODE_OPTS -jar "$KEFU_JAR" --port "$port" --host 127.0.0.1 \
    --data "$dir" --trust-proxy --max-connections-per-ip 100000 --ws-rate 100 \
    --db-url "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$SCHEMA" --db-user postgres \
    --redis "redis://127.0.0.1:$REDIS_PORT" >> "$dir/log" 2>&1 &
  local pid=$!
  echo "$pid" > "$dir/pid"
  NODE_PIDS[$i]=$pid
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
    alive "$pid" || { echo "node $i died while starting; see $dir/log" >&2; return 1; }
    sleep 0.1
  done
  echo "node $i did not answer /healthz within 60 s; see $dir/log" >&2
  return 1
}

stop_node() {
  local pid; pid=$(cat "$CLUSTER_DIR/node-$1/pid")
  kill -TERM "$pid" 2>/dev/null
  while alive "$pid"; do sleep 0.05; done
}

stop_cluster() {
  for i in $(seq 0 $((CLUSTER_N - 1))); do stop_node "$i"; done
  [ -s "$CLUSTER_DIR/redis.pid" ] && kill "$(cat "$CLUSTER_DIR/redis.pid")" 2>/dev/null
  if [ -n "${KEEP_SCHEMA:-}" ]; then
    echo "kept schema $SCHEMA (KEEP_SCHEMA is set)"
  else
    "${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1
  fi
}

# CPU accounting for the record: how busy the whole machine was while the load tool ran, and how much of that was
# ours. Clock ticks (USER_HZ = 100/s) from /proc.
proc_ticks() {  # user+system ticks of the given pids (those still running)
  local t=0 p v
  for p in "$@"; do
    v=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null | awk '{print $12 + $13}') && t=$((t + ${v:-0}))
  done
  echo $t
}
machine_ticks() {  # "busy total irq+softirq" ticks of all cores
  awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9, $7+$8}' /proc/stat
}
pg_ticks() {  # "pid:ticks …" of the PostgreSQL processes running now
  local p
  for p in $(pgrep -x postgres); do echo "$p:$(proc_ticks "$p")"; done | paste -sd' '
}
# run_measured OUT CMD...: runs CMD in the background (output to OUT/console.log), waits for it, and writes
# OUT/usage.txt: the load averages, machine CPU, and the CPU of the nodes running at both ends, redis and CMD.
run_measured() {
  local out=$1; shift
  local la0 m0 n0 r0 g0 m1 n1 r1 g1 tool=0 code pids rpid pg
  la0=$(cut -d' ' -f1-3 /proc/loadavg)
  pids=$(cat "$CLUSTER_DIR"/node-*/pid); rpid=$(cat "$CLUSTER_DIR/redis.pid")
  # PostgreSQL: every postgres process, also backends that other clients may have open; a backend started during the
  # run counts with its whole (short) life.
  local x0 x1
  x0=$("${PSQL[@]}" -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'test'" 2>/dev/null)
  m0=$(machine_ticks); n0=$(proc_ticks $pids); r0=$(proc_ticks "$rpid"); g0=$(pg_ticks)
  "$@" > "$out/console.log" 2>&1 &
  local tp=$!
  while alive "$tp"; do tool=$(proc_ticks "$tp"); sleep 0.5; done
  wait "$tp"; code=$?
  m1=$(machine_ticks); n1=$(proc_ticks $pids); r1=$(proc_ticks "$rpid"); g1=$(pg_ticks)
  x1=$("${PSQL[@]}" -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'test'" 2>/dev/null)
  local g=0 e p t0
  for e in $g1; do
    p=${e%%:*} t0=0
    for x in $g0; do [ "${x%%:*}" = "$p" ] && t0=${x##*:}; done
    g=$((g + ${e##*:} - t0))
  done
  local nodes_same=1
  [ "$(cat "$CLUSTER_DIR"/node-*/pid)" = "$pids" ] || nodes_same=0
  awk -v m0="$m0" -v m1="$m1" -v n="$((n1 - n0))" -v r="$((r1 - r0))" -v g="$g" -v t="$tool" -v cpus="$(nproc)" -v same="$nodes_same" \
      -v la0="$la0" -v la1="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
    split(m0, a, " "); split(m1, b, " "); per = (b[2] - a[2]) / cpus; if (per <= 0) per = 1; k = b[3] - a[3]
    printf "load average (1, 5, 15 min): %s before the run, %s at its end\n", la0, la1
    printf "over the run (%.0f s), in cores of %d: machine busy %.2f; ", per / 100, cpus, (b[1] - a[1]) / per
    if (same) {
      printf "Kefu nodes %.2f, PostgreSQL %.2f, redis %.2f, load tool %.2f; ", n / per, g / per, r / per, t / per
      printf "the rest (anything else running, and kernel work charged to no process, e.g. loopback networking in interrupts: %.2f) %.2f\n", k / per, ((b[1] - a[1]) - n - g - r - t) / per
    } else {
      printf "PostgreSQL %.2f, redis %.2f, load tool %.2f; the rest (the nodes, restarted meanwhile, and anything else running) %.2f\n", g / per, r / per, t / per, ((b[1] - a[1]) - g - r - t) / per
    }
  }' | tee "$out/usage.txt"
  [ -n "$x0" ] && [ -n "$x1" ] && echo "PostgreSQL commits in database test during the run: $((x1 - x0)) (every client's)" \
    | tee -a "$out/usage.txt"
  return $code
}
