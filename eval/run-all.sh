#!/usr/bin/env bash
# Runs every public evaluation set through the engine (tools/DiscussionBot.Evaluation), scores it with the
# shared scorers and prints one table. Data is read from the shared kit, never copied into the repo.
#   DISCUSSIONBOT_EVAL_DIR  the evaluation kit (default ../shared/eval, relative to the repo root)
#   EVAL_MODE               lexical | embedding (default embedding)
#   EVAL_OUT                where predictions go (default a temporary folder)
#   DISCUSSIONBOT_EVAL_CMD  how to start the tool (default: dotnet run --project tools/DiscussionBot.Evaluation -c Release --)
#   EVAL_ONLY               space-separated subset: summarization keyphrase retrieval quotes
set -euo pipefail
cd "$(dirname "$0")/.."
KIT="${DISCUSSIONBOT_EVAL_DIR:-../shared/eval}"
MODE="${EVAL_MODE:-embedding}"
OUT="${EVAL_OUT:-$(mktemp -d)}"
ONLY="${EVAL_ONLY:-summarization keyphrase retrieval quotes}"
read -r -a APP <<< "${DISCUSSIONBOT_EVAL_CMD:-dotnet run --project tools/DiscussionBot.Evaluation -c Release --}"
DATA="$KIT/data"
SCORERS="$KIT/scorers"
mkdir -p "$OUT"
RESULTS="$OUT/results.tsv"
: > "$RESULTS"

record() { # task set metric value bar
  printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" >> "$RESULTS"
}

wants() { [[ " $ONLY " == *" $1 "* ]]; }

if wants summarization; then
  "${APP[@]}" summarization --data "$DATA/summarization/bbc_dev.jsonl" --out "$OUT/bbc.jsonl" --sentences 3 --mode "$MODE"
  python3 "$SCORERS/rouge.py" --refs "$DATA/summarization/bbc_dev.jsonl" --preds "$OUT/bbc.jsonl" --split-refs | tee "$OUT/bbc.score"
  for m in rouge1:58.59 rouge2:55.65 rougeL:45.36 rougeLsum:58.32; do
    name="${m%%:*}"; bar="${m##*:}"
    record summarization "BBC dev K=3" "$name F1" "$(awk -v n="$name" '$1==n {print $NF}' "$OUT/bbc.score")" "$bar"
  done
fi

if wants keyphrase; then
  for spec in inspec_test:18.88:25.55 semeval2010_test:7.65:11.53 duc2001_dev:16.55:19.65; do
    IFS=: read -r set bar5 bar10 <<< "$spec"
    "${APP[@]}" keyphrase --data "$DATA/keyphrase/$set.jsonl" --out "$OUT/kp_$set.jsonl" --top 15 --mode "$MODE"
    python3 "$SCORERS/keyphrase_eval.py" --gold "$DATA/keyphrase/$set.jsonl" --preds "$OUT/kp_$set.jsonl" --k 5 10 | tee "$OUT/kp_$set.score"
    record keyphrase "$set" "F1@5" "$(awk '$1=="@5" {print $NF}' "$OUT/kp_$set.score")" "$bar5"
    record keyphrase "$set" "F1@10" "$(awk '$1=="@10" {print $NF}' "$OUT/kp_$set.score")" "$bar10"
  done
fi

if wants retrieval; then
  "${APP[@]}" retrieval --corpus "$DATA/retrieval/scifact_corpus.jsonl" --queries "$DATA/retrieval/scifact_queries_dev.jsonl" \
    --out "$OUT/scifact_docs.jsonl" --mode "$MODE" --vectors "$OUT/scifact_vectors.bin"
  python3 "$SCORERS/retrieval_eval.py" --qrels "$DATA/retrieval/scifact_qrels_dev.tsv" --run "$OUT/scifact_docs.jsonl" --k 10 100 | tee "$OUT/scifact_docs.score"
  record retrieval "SciFact dev documents" "nDCG@10" "$(awk '$1=="@10" {sub("nDCG=","",$2); print $2}' "$OUT/scifact_docs.score")" 0.716
fi

if wants quotes; then
  "${APP[@]}" quotes --corpus "$DATA/retrieval/scifact_corpus.jsonl" --queries "$DATA/retrieval/scifact_queries_dev.jsonl" \
    --out "$OUT/scifact_quotes.jsonl" --mode "$MODE" --vectors "$OUT/scifact_vectors.bin"
  python3 "$SCORERS/retrieval_eval.py" --qrels "$DATA/retrieval/scifact_quote_qrels_dev.tsv" --run "$OUT/scifact_quotes.jsonl" --k 1 10 100 | tee "$OUT/scifact_quotes.score"
  record quotes "SciFact dev sentences" "nDCG@10" "$(awk '$1=="@10" {sub("nDCG=","",$2); print $2}' "$OUT/scifact_quotes.score")" 0.469
  record quotes "SciFact dev sentences" "Recall@10" "$(awk '$1=="@10" {sub("Recall=","",$3); print $3}' "$OUT/scifact_quotes.score")" 0.590
fi

echo
echo "mode: $MODE   predictions: $OUT"
python3 - "$RESULTS" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"{'task':<14} {'set':<24} {'metric':<12} {'ours':>8} {'bar':>8}  verdict")
for task, name, metric, value, bar in rows:
    try:
        ok = "beats" if float(value) > float(bar) else "BELOW"
    except ValueError:
        ok = "?"
    print(f"{task:<14} {name:<24} {metric:<12} {value:>8} {bar:>8}  {ok}")
PY
