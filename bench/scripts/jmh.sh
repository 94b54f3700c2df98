#!/bin/bash
# JMH micro-benchmarks of the hot path (frame codec, fan-out, group commit). Extra arguments go to JMH,
# e.g. bench/scripts/jmh.sh FrameCodec -f 1 -wi 2 -i 3
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
./mvnw -B -q -pl server -am test-compile -Dskip.npm -DskipTests >/dev/null
./mvnw -B -q -pl server dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh.cp >/dev/null
. "$ROOT/.mvn/find-jdk.sh"; kefu_find_jdk
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "server/target/test-classes:server/target/classes:$(cat server/target/jmh.cp)" org.openjdk.jmh.Main "$@"
