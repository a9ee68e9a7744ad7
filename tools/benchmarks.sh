#!/usr/bin/env bash
# Runs every benchmark suite (a short BenchmarkDotNet job each, plus the idle-memory and recovery
# measurements) and rewrites docs/benchmarks.md with the figures, their ratios to the baselines of
# the same run, the targets met or not, the machine and the date. Takes about half an hour on
# 2 cores; run it on a quiet machine. PostgreSQL suites start their own throwaway server.
#   tools/benchmarks.sh                       # everything, rewrites docs/benchmarks.md
#   tools/benchmarks.sh --only Kernel,Budgets --out /tmp/partial.md
set -euo pipefail
cd "$(dirname "$0")/../tests/AgentMesh.Benchmarks"
dotnet run -c Release -- record "$@"
