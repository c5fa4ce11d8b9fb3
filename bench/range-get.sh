#!/usr/bin/env bash
# The range-GET benchmark (dev.quiver.bench.s3.RangeGetBench): Quiver's S3 store against the AWS SDK v2 async
# client on S3Proxy (loopback, in memory). ./bench/range-get.sh [--size-mib N] [--warmup N] [--rounds N]
# [--results FILE | --no-results]; appends its table to bench/RESULTS.md by default. Builds bench/ when stale.
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/bench/build.sh"
# shellcheck disable=SC2086
exec "${JAVA:-java}" ${JAVA_OPTS:-} -Xmx4g -Dquiver.root="$repo" \
  -cp "$repo/bench/target/classes:$(cat "$repo/bench/target/classpath.txt")" dev.quiver.bench.s3.RangeGetBench "$@"
