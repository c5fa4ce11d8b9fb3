#!/usr/bin/env bash
# Fuzzes each Jazzer target of fuzz/ for SECONDS (default 60): ./fuzz/run.sh [SECONDS] [TestClass#method ...]
# Findings (crashes, leaks, timeouts) land as inputs in fuzz/src/test/resources/dev/quiver/fuzz/<Class>Inputs/<method>/,
# which `mvn verify` replays from then on; the growing corpus stays in fuzz/.cifuzz-corpus (not committed).
# Exit status: 0 when no target found anything, 1 otherwise.
set -uo pipefail
repo="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("FileReadFuzzTest#wholeFile" "FileReadFuzzTest#footer" "PageFuzzTest#splicedPages")
fi
cd "$repo"
# compile once (the reactor builds the modules the targets need), then fuzz each target in its own JVM
mvn -B -ntp -q -pl fuzz -am test-compile || exit 1
status=0
for target in "${targets[@]}"; do
  echo "fuzz: $target for ${seconds}s"
  if ! JAZZER_FUZZ=1 mvn -B -ntp -q -pl fuzz -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${seconds}s" -Djazzer.instrumentation_includes='dev.quiver.**'; then
    echo "fuzz: $target found a problem (see the input saved under fuzz/src/test/resources)" >&2
    status=1
  fi
done
exit $status
