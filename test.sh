#!/usr/bin/env bash
# Runs the whole AgentMesh test suite and prints one summary line: "N passed, N failed[, N skipped]".
# Exits non-zero when any test fails, when the build fails, or when no test ran at all.
# Everything the suite needs beyond the .NET SDK is prepared here or by the test fixtures
# (PostgreSQL clusters are started by the fixtures; Chromium is installed here when missing).
set -uo pipefail
cd "$(dirname "$0")"

results="TestResults/run-$(date -u +%Y%m%dT%H%M%S)-$$"
mkdir -p "$results"

if [ -x tools/prepare-test-machine.sh ]; then
  tools/prepare-test-machine.sh || { echo "preparing the test machine failed"; echo "0 passed, 1 failed"; exit 1; }
fi

dotnet build AgentMesh.sln -c Release -nologo -v quiet || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

# Test projects run one after another (-m:1): on 2 cores, parallel projects starve each other's
# real-socket and timer-driven tests, and the whole suite takes about as long either way.
dotnet test AgentMesh.sln -c Release --no-build -nologo -m:1 \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=3000000
test_rc=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  p=$(value passed); f=$(value failed); t=$(value total); e=$(value executed)
  # error and timeout outcomes count as failures; tests that did not execute count as skipped
  err=$(value error); to=$(value timeout); ab=$(value aborted)
  passed=$((passed + p)); failed=$((failed + f + err + to + ab)); skipped=$((skipped + t - e))
done

if [ "$files" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
  echo "no test results were produced"
  echo "0 passed, 1 failed"
  exit 1
fi

if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # the runner failed (a crash or hang) without recording a failed test: count it as one
  echo "dotnet test exited with $test_rc without a recorded failure (crash or hang)"
  failed=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
