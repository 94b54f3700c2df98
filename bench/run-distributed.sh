#!/usr/bin/env bash
# Split one load-tool run over K client JVMs by hand, then merge their reports.
#
#   bench/run-distributed.sh K OUT_DIR run|idle [options…]
#
# Every option is passed to each process unchanged except --server-pid: give the server's pid in the
# SERVER_PID environment variable instead, so that only process 0 samples it. JAVA_OPTS is passed to each JVM.
# This is what `kefu-bench.jar run --processes K` does by itself; the script exists for when you want to see or
# change how the processes are started (other JVM options, taskset, different ulimits).
#
# Example, 60,000 idle visitors in three processes of 20,000:
#   SERVER_PID=$(pgrep -f kefu.jar) bench/run-distributed.sh 3 out/idle-60k idle \
#       --url http://127.0.0.1:8080 --workspace 01JD… --visitors 60000 --ramp-seconds 60 --hold-seconds 30 \
#       --source-addresses 127.0.0.1,127.0.0.2,127.0.0.3 --forwarded-for
set -euo pipefail

if [[ $# -lt 3 ]]; then
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 1
fi
processes=$1 out=$2 mode=$3
shift 3

here=$(cd "$(dirname "$0")" && pwd)
jar=${BENCH_JAR:-$here/target/kefu-bench.jar}
if [[ ! -f $jar ]]; then
    echo "no $jar: build it with ./mvnw -B -q -f bench/pom.xml package -DskipTests" >&2
    exit 1
fi
java=${JAVA:-}
if [[ -z $java ]]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*-2[1-9]*/bin/java \
                     "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)"; do
        if [[ -x $candidate ]]; then java=$candidate; break; fi
    done
fi
echo "open-file limit per process: $(ulimit -n) (each WebSocket is one; keep ~1,000 spare)"

# All processes start their schedules at the same wall-clock second, a few seconds from now.
start_at=$(( ($(date +%s) + ${START_DELAY_SECONDS:-8}) * 1000 ))
pids=()
for ((i = 0; i < processes; i++)); do
    dir=$out/proc-$i
    mkdir -p "$dir"
    pid_option=()
    if [[ $i -eq 0 && -n ${SERVER_PID:-} ]]; then pid_option=(--server-pid "$SERVER_PID"); fi
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    "$java" ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar "$jar" "$mode" "$@" "${pid_option[@]}" \
        --processes "$processes" --process-index "$i" --start-at "$start_at" --out "$dir" \
        > "$dir/console.log" 2>&1 &
    pids+=($!)
done
echo "started ${#pids[@]} processes; output in $out/proc-*/console.log"

status=0
for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
        echo "process $i exited with an error; see $out/proc-$i/console.log" >&2
        status=1
    fi
done
reports=()
for ((i = 0; i < processes; i++)); do reports+=("$out/proc-$i/report.json"); done
"$java" -jar "$jar" merge --out "$out" "${reports[@]}" || status=$?
exit $status
