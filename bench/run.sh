#!/usr/bin/env bash
# Builds Release and runs the whole benchmark suite, printing Markdown tables (also saved under bench/results/).
#   bench/run.sh [--data <eval-data-folder>] [--sizes seed,bbc,scifact,scifact4x] [--queries N] [--rounds N]
#                [--subset N] [--cold-runs N] [--max-seconds N] [--micro]
# Eval data: --data or $DISCUSSIONBOT_EVAL_DATA (folder with summarization/bbc_dev.jsonl and
# retrieval/scifact_corpus.jsonl); without it only the seed size runs. --micro also runs the
# BenchmarkDotNet micro benchmarks (tools/DiscussionBot.MicroBenchmarks). Never part of `dotnet test`.
# The suite itself is tools/DiscussionBot.Bench; it drives the app (src/DiscussionBot) built alongside it.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

sizes="seed,bbc,scifact,scifact4x"
data="${DISCUSSIONBOT_EVAL_DATA:-}"
micro=0
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --micro) micro=1; shift ;;
    --queries|--rounds|--subset|--cold-runs|--max-seconds) pass+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$data" ] && pass+=(--data "$data")

mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ).md"
work="$(mktemp -d)"
bin="$work/bin"
trap 'rm -rf "$work"' EXIT

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo '```'
  echo "nproc: $(nproc)"
  free -h | head -2
  echo "dotnet: $(dotnet --version)"
  grep -m1 'model name' /proc/cpuinfo || true
  echo "uptime: $(uptime)"
  echo '```'
  echo
} | tee "$out"

dotnet build tools/DiscussionBot.Bench -c Release -v q -nologo >&2
# Run from a copy, so a rebuild in the checkout cannot disturb a running measurement.
cp -r tools/DiscussionBot.Bench/bin/Release/net10.0 "$bin"
bench="$bin/DiscussionBot.Bench"
app="$bin/DiscussionBot"

"$bench" --phase prepare --sizes "$sizes" --work "$work" "${pass[@]}" | tee -a "$out"
# One process per size, so peak memory is that of serving alone.
for size in ${sizes//,/ }; do
  "$bench" --phase serve --sizes "$size" --work "$work" "${pass[@]}" | tee -a "$out"
done
"$bench" --phase ingest,formats,encoder --sizes "$sizes" --work "$work" "${pass[@]}" | tee -a "$out"
# Long documents: /themes and /summary of one 600-paragraph document; 8 MB as one file vs eight (own processes, own peaks).
# Then /source add through the fake Discord (download included), and per-server snapshot memory (own process).
for phase in long big1 big8 sourceadd; do
  "$bench" --phase "$phase" --sizes "$sizes" --work "$work" "${pass[@]}" | tee -a "$out"
done
"$bench" --phase cold --app "$app" --work "$work" "${pass[@]}" | tee -a "$out"
# Live mode to IDENTIFY needs TestKit's fake Discord, so it runs from the micro-benchmark project.
dotnet run -c Release --project tools/DiscussionBot.MicroBenchmarks -v q -- live-cold-start "$app" "$PWD/seeds" 5 | tee -a "$out"
# Mixed load through the whole live path (30 interactions/s for 20 s, one in twenty a slow /themes) on the SciFact store.
if [ -f "$work/scifact.db" ]; then
  dotnet run -c Release --project tools/DiscussionBot.MicroBenchmarks -v q -- live-mixed-load "$work/scifact.db" "$PWD/seeds" 30 20 20 | tee -a "$out"
fi

if [ "$micro" = 1 ]; then
  dotnet run -c Release --project tools/DiscussionBot.MicroBenchmarks -- --filter '*' --join | tee -a "$out"
fi

echo "uptime at the end: $(uptime)" | tee -a "$out"
echo "Saved to $out" >&2
