#!/usr/bin/env bash
# The million-article benchmark (issue 12): time and peak memory of figtrack on N wire-style
# articles (scripts/make-news-corpus.py, the real loss series of ../shared/data/ukraine-losses),
# on a release build:
#   extract on 1 and 2 cores; ingest on 2 cores into a fresh store with the corpus's catalog,
#   with the diff it prints by default (to /dev/null) and quiet (-q, no history); series of one
#   metric and of all; a chart of one metric; compact; and, when the Spark environment of
#   scripts/test-spark.sh exists (target/spark-venv), the Spark jobs in local mode on 2 cores.
#   test-spark.sh installs a debug wheel there; for Spark figures worth comparing, install a
#   release one first: bash scripts/build-wheel.sh --release, then
#   target/spark-venv/bin/pip install --force-reinstall --no-deps target/wheels/figtrack-*.whl
# Targets at N=1,000,000 (about 1.9 GB): ingest < 60 s and < 1 GB peak, series of one metric
# < 0.5 s, of all < 3 s, compact < 1 GB peak.
#
# Usage, from anywhere:  bash scripts/bench-scale.sh
# Settings through the environment:
#   N=1000000      articles (N=20000 is a smoke run of a minute)
#   SEED=1         the corpus's seed
#   SPARK_N=...    articles for the Spark jobs [default: N, at most 100000]; 0 skips them
#   METRIC=ru-personnel-losses   the metric of the one-metric series and chart
#   BIN=...        another figtrack binary (then nothing is built; for a smoke run of the script
#                  with target/debug/figtrack)
# Everything goes under target/bench-scale/: the corpus (kept for the next run), the stores,
# the table of results (results-N.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${N:-1000000}
SEED=${SEED:-1}
METRIC=${METRIC:-ru-personnel-losses}
SPARK_N=${SPARK_N:-$((N < 100000 ? N : 100000))}
OUT=target/bench-scale
CORPUS=$OUT/news-$N-seed$SEED.jsonl
RESULTS=$OUT/results-$N.md
mkdir -p "$OUT"

if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=target/release/figtrack
fi
if [ ! -s "$CORPUS" ]; then
    python3 scripts/make-news-corpus.py "$CORPUS" -n "$N" --seed "$SEED"
fi
MB=$(( $(stat -c %s "$CORPUS") / 1000000 ))

{
    echo "N = $N articles ($MB MB of JSONL, seed $SEED), $BIN, $(nproc) cores, $(date -u +%Y-%m-%d)"
    echo
    echo "| step | seconds | peak RSS (MB) | notes |"
    echo "| --- | ---: | ---: | --- |"
} > "$RESULTS"

# measure STEP NOTE COMMAND...: runs the command (its standard output to /dev/null), adds a
# row with its wall time and peak resident memory.
measure() {
    local step=$1 note=$2
    shift 2
    local t=$OUT/time.txt
    if ! /usr/bin/time -f "%e %M" -o "$t" "$@" >/dev/null 2>"$OUT/stderr.txt"; then
        echo "bench-scale: $step failed:" >&2
        cat "$OUT/stderr.txt" >&2
        exit 1
    fi
    read -r secs kb <"$t"
    printf '| %s | %s | %d | %s |\n' "$step" "$secs" $((kb / 1024)) "$note" | tee -a "$RESULTS"
}

fresh_store() {
    rm -rf "$1"
    mkdir -p "$1"
    cp scripts/news-corpus-metrics.toml "$1/metrics.toml"
}

measure "extract -j1" "JSONL out" "$BIN" extract -q -j1 --format jsonl "$CORPUS"
measure "extract -j2" "JSONL out" "$BIN" extract -q -j2 --format jsonl "$CORPUS"

QUIET=$OUT/store-quiet-$N
fresh_store "$QUIET"
measure "ingest -j2 -q" "no diff, no history" "$BIN" --data "$QUIET" ingest -q -j2 "$CORPUS"

STORE=$OUT/store-$N
fresh_store "$STORE"
measure "ingest -j2" "the diff of every claim, JSONL out" \
    "$BIN" --data "$STORE" ingest -j2 --format jsonl "$CORPUS"
CLAIMS=$("$BIN" --data "$STORE" export claims --format csv | tail -n +2 | wc -l)
echo "| (store) | | | $CLAIMS claims, $(du -sm "$STORE" | cut -f1) MB on disk |" | tee -a "$RESULTS"

measure "series $METRIC" "CSV out" "$BIN" --data "$STORE" series "$METRIC" --format csv
measure "series (all)" "CSV out" "$BIN" --data "$STORE" series --format csv
measure "chart $METRIC" "PNG" "$BIN" --data "$STORE" chart -q "$METRIC" -o "$OUT/chart-$N.png"
measure "compact" "" "$BIN" --data "$STORE" compact
measure "series (all), compacted" "CSV out" "$BIN" --data "$STORE" series --format csv

VENV=target/spark-venv
if [ "$SPARK_N" -gt 0 ] && [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import figtrack, pyspark" 2>/dev/null; then
    SPARK_CORPUS=$OUT/news-$SPARK_N-seed$SEED.jsonl
    if [ ! -s "$SPARK_CORPUS" ]; then
        python3 scripts/make-news-corpus.py "$SPARK_CORPUS" -n "$SPARK_N" --seed "$SEED"
    fi
    TABLE=$OUT/spark-claims-$SPARK_N
    rm -rf "$TABLE"
    export PYSPARK_PYTHON="$VENV/bin/python"
    measure "Spark extract job, local[2], $SPARK_N articles" "mapInArrow, appended through delta-rs" \
        "$VENV/bin/python" scripts/spark/extract_job.py "$SPARK_CORPUS" "$TABLE" \
        --catalog scripts/news-corpus-metrics.toml --master "local[2]"
    measure "Spark series job, local[2], $SPARK_N articles" "window functions" \
        "$VENV/bin/python" scripts/spark/series_job.py "$TABLE" --master "local[2]"
    SMALL=$OUT/store-spark-$SPARK_N
    fresh_store "$SMALL"
    measure "figtrack ingest -j2 -q, $SPARK_N articles" "for comparison" \
        "$BIN" --data "$SMALL" ingest -q -j2 "$SPARK_CORPUS"
    measure "figtrack series (all), $SPARK_N articles" "for comparison" \
        "$BIN" --data "$SMALL" series --format csv
else
    echo "| Spark jobs | | | skipped: run scripts/test-spark.sh once to make $VENV (or SPARK_N=0) |" \
        | tee -a "$RESULTS"
fi
rm -f "$OUT/time.txt" "$OUT/stderr.txt"
echo "bench-scale: the table is in $RESULTS" >&2
