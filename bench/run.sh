#!/usr/bin/env bash
# The comparison harness (dev.quiver.bench.Compare): ./bench/run.sh [--quick] [options]; see README.md.
# Builds bench/ and the modules it needs when missing or stale, generates the datasets on first use
# (bench/target/datasets, or $QUIVER_BENCH_DATA), then runs. JAVA chooses the java binary; JAVA_OPTS adds JVM
# options (for example -XX:StartFlightRecording=...). Arrow C++ decodes on one thread unless OMP_NUM_THREADS says.
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/bench/build.sh"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:-} -Xmx8g --add-opens=java.base/java.nio=ALL-UNNAMED -Dquiver.root="$repo" \
  -cp "$repo/bench/target/classes:$(cat "$repo/bench/target/classpath.txt")" dev.quiver.bench.Compare "$@"
