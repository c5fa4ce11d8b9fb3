#!/usr/bin/env bash
# The JMH micro benchmarks: ./bench/jmh.sh [JMH options] [benchmark regexp], for example
#   ./bench/jmh.sh -f 1 -wi 3 -i 5 RleBitPackedHybrid
# Builds bench/ when missing or stale, then runs org.openjdk.jmh.Main on bench's class path (-h lists options).
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/bench/build.sh"
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:-} --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "$repo/bench/target/classes:$(cat "$repo/bench/target/classpath.txt")" org.openjdk.jmh.Main \
  -jvmArgsAppend "--add-opens=java.base/java.nio=ALL-UNNAMED" "$@"
