#!/usr/bin/env bash
# Builds bench/ and the modules it depends on (no tests) when bench/target/classpath.txt is missing or older than
# any source or build file; used by run.sh and jmh.sh. Prints nothing unless it builds or fails.
set -euo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stamp="$repo/bench/target/classpath.txt"
stale=""
if [ -f "$stamp" ]; then
  stale="$(find "$repo" -path "$repo/.git" -prune -o -path '*/target' -prune -o \
    \( -name '*.java' -o -name pom.xml \) -newer "$stamp" -print -quit)"
fi
if [ ! -f "$stamp" ] || [ -n "$stale" ]; then
  log="${TMPDIR:-/tmp}/quiver-bench-build.$$.log"
  echo "bench: building (mvn -pl bench -am package, tests skipped)..." >&2
  if ! (cd "$repo" && mvn -q -B -ntp -Dmaven.test.skip=true -pl bench -am package) >"$log" 2>&1; then
    cat "$log" >&2
    echo "bench: the build failed (log above, kept in $log)" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi
