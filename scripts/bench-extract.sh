#!/usr/bin/env bash
# Measures `figtrack extract` throughput on a large JSONL corpus with 1 and 2 threads, then
# compares it with quantulum3 on the very same NewsQuant dev sentences.
#
# Usage, from the repo root:  bash scripts/bench-extract.sh
#
# Everything it writes goes under target/bench/ (not committed): the corpora, the Python venv
# for quantulum3, and the timings. Settings through the environment:
#   SHARED=../shared   where eval/newsquant-dev.json and eval/peers/run_quantulum3.py are
#   MIN_MB=50          size of the throughput corpus, in MB (10^6 bytes)
#   RUNS=3             timed runs of figtrack per setting; the best one counts
#   QREPEAT=10         times quantulum3 parses the dev set in its timed loop
#   DEV_REPEAT=300     times the dev set is repeated for figtrack's run on it
#   SKIP_PEER=1        skip quantulum3
#   VENV=target/bench/venv   the Python venv quantulum3 is installed into
#   RUN_TIMEOUT=600    seconds one figtrack run may take before it is stopped (a hang fails)
#
# MB/s counts the bytes of the JSONL input file; characters/s counts the Unicode code points of
# the texts (as Python's len() does, so the rates compare with the peer's runner).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SHARED=${SHARED:-../shared}
MIN_MB=${MIN_MB:-50}
RUNS=${RUNS:-3}
QREPEAT=${QREPEAT:-10}
DEV_REPEAT=${DEV_REPEAT:-300}
SKIP_PEER=${SKIP_PEER:-0}
RUN_TIMEOUT=${RUN_TIMEOUT:-600}
OUT=target/bench
DEV=$SHARED/eval/newsquant-dev.json
PEER=$SHARED/eval/peers/run_quantulum3.py
BIN=target/release/figtrack
mkdir -p "$OUT"

say() { printf '%s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null || { say "bench-extract: needs $1"; exit 1; }; }
need python3
need cargo
need timeout

# ---- corpora ---------------------------------------------------------------------------------
have_dev=0
if [[ -f $DEV ]]; then have_dev=1; else say "bench-extract: $DEV not found; corpus from data/samples only, no peer comparison"; fi
dev_arg=()
if ((have_dev)); then dev_arg=(--dev "$DEV"); else dev_arg=(--dev ""); fi

CORPUS=$OUT/corpus.jsonl
say "== corpus (>= $MIN_MB MB)"
python3 scripts/make-corpus.py "$CORPUS" --samples data/samples "${dev_arg[@]}" \
    --min-mb "$MIN_MB" --stats "$OUT/corpus.stats.json"

# ---- build -----------------------------------------------------------------------------------
say "== cargo build --release --no-default-features"
cargo build --release --no-default-features --quiet

json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# Runs figtrack RUNS times on $1 with $2 threads; prints the best wall time in seconds.
best_time() {
    local file=$1 threads=$2 best="" t0 t1 dt i
    for ((i = 1; i <= RUNS; i++)); do
        t0=$EPOCHREALTIME
        if ! timeout "$RUN_TIMEOUT" "$BIN" extract "$file" --format jsonl --threads "$threads" >/dev/null; then
            say "bench-extract: figtrack failed or ran over ${RUN_TIMEOUT}s on $file ($threads threads)"
            exit 1
        fi
        t1=$EPOCHREALTIME
        dt=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
        say "   run $i: ${dt}s"
        if [[ -z $best ]] || awk -v a="$dt" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$dt; fi
    done
    printf '%s\n' "$best"
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
mbs() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s / 1e6 }'; }

bytes=$(json_field "$OUT/corpus.stats.json" bytes)
chars=$(json_field "$OUT/corpus.stats.json" text_chars)
say "== figtrack, 1 thread, best of $RUNS"
t1=$(best_time "$CORPUS" 1)
say "== figtrack, 2 threads, best of $RUNS"
t2=$(best_time "$CORPUS" 2)
cps1=$(rate "$chars" "$t1")
cps2=$(rate "$chars" "$t2")
mb1=$(mbs "$bytes" "$t1")
mb2=$(mbs "$bytes" "$t2")
scaling=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", a / b }')

# ---- the same sentences as the peer ----------------------------------------------------------
dev_cps="" dev_mb="" q_cps="" ratio="" peer_note=""
if ((have_dev)); then
    DEVCORPUS=$OUT/newsquant-dev-x$DEV_REPEAT.jsonl
    say "== NewsQuant dev set x$DEV_REPEAT for figtrack"
    python3 scripts/make-corpus.py "$DEVCORPUS" --dev "$DEV" --dev-only --repeat "$DEV_REPEAT" \
        --stats "$OUT/dev.stats.json"
    td=$(best_time "$DEVCORPUS" 1)
    dev_cps=$(rate "$(json_field "$OUT/dev.stats.json" text_chars)" "$td")
    dev_mb=$(mbs "$(json_field "$OUT/dev.stats.json" bytes)" "$td")

    if [[ $SKIP_PEER == 1 ]]; then
        peer_note="quantulum3 skipped (SKIP_PEER=1)"
    elif [[ ! -f $PEER ]]; then
        peer_note="quantulum3 skipped: $PEER not found"
    else
        VENV=${VENV:-$OUT/venv}
        py=$VENV/bin/python
        if [[ ! -x $py ]] && ! python3 -m venv "$VENV" >&2; then
            peer_note="quantulum3 skipped: python3 -m venv failed"
        fi
        if [[ -z $peer_note ]] && ! "$py" -c 'import quantulum3, sklearn' 2>/dev/null; then
            say "== pip install quantulum3[classifier] scikit-learn==1.8.0 (into $VENV)"
            if ! "$py" -m pip install --quiet "quantulum3[classifier]" scikit-learn==1.8.0 >&2; then
                peer_note="quantulum3 skipped: pip install failed"
            fi
        fi
        if [[ -z $peer_note ]]; then
            say "== quantulum3 on the dev set, --repeat $QREPEAT"
            if "$py" "$PEER" "$DEV" -o "$OUT/quantulum3.pred.jsonl" --repeat "$QREPEAT" \
                --timing "$OUT/quantulum3.timing.json" >&2; then
                q_cps=$(json_field "$OUT/quantulum3.timing.json" chars_per_s)
                q_cps=$(awk -v r="$q_cps" 'BEGIN { printf "%.0f", r }')
                ratio=$(awk -v a="$dev_cps" -v b="$q_cps" 'BEGIN { printf "%.1f", a / b }')
                say "   $(cat "$OUT/quantulum3.timing.json")"
            else
                peer_note="quantulum3 skipped: its runner failed"
            fi
        fi
    fi
fi

# ---- report ----------------------------------------------------------------------------------
corpus_mb=$(awk -v n="$bytes" 'BEGIN { printf "%.1f", n / 1e6 }')
echo
echo "figtrack extract on $CORPUS ($corpus_mb MB JSONL, $chars characters of text), best of $RUNS:"
echo
echo "| system | input | threads | chars/s | MB/s | ratio |"
echo "| --- | --- | ---: | ---: | ---: | --- |"
echo "| figtrack | corpus | 1 | $cps1 | $mb1 | 1.00 (baseline) |"
echo "| figtrack | corpus | 2 | $cps2 | $mb2 | $scaling x 1 thread |"
if [[ -n $dev_cps ]]; then
    echo "| figtrack | NewsQuant dev x$DEV_REPEAT | 1 | $dev_cps | $dev_mb | ${ratio:+$ratio x quantulum3} |"
fi
if [[ -n $q_cps ]]; then
    echo "| quantulum3 | NewsQuant dev x$QREPEAT | 1 | $q_cps | | 1.00 (peer) |"
fi
echo
echo "Scaling 1 -> 2 threads: ${scaling}x."
if [[ -n $ratio ]]; then echo "figtrack / quantulum3 on the same sentences: ${ratio}x characters per second."; fi
if [[ -n $peer_note ]]; then echo "$peer_note"; fi
echo "(quantulum3's rate is its parse loop only, imports and model loading excluded; figtrack's"
echo " is the whole process: start, JSONL reading, extraction and JSONL output.)"
