#!/usr/bin/env bash
# Runs the Spark jobs of scripts/spark/ in local mode on the sample corpus and checks them against
# figtrack itself: the claims the extract job appends to a Delta table equal `figtrack ingest` +
# `figtrack export claims` of the same corpus, and the series job's columns equal `figtrack series`.
# Installs PySpark, delta-rs and the figtrack wheel in target/spark-venv (Java 17 must be there).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null; then
  echo "test-spark: no java on this machine: the Spark jobs are not tested" >&2
  exit 0
fi
WHEEL=$(bash scripts/build-wheel.sh)
VENV=target/spark-venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check pyspark==3.5.3 deltalake==1.6.6 \
  polars==2.1.0 pyarrow==26.0.1 pandas==3.1.1
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"
cargo build --quiet
WORK=$(mktemp -d "${TMPDIR:-/tmp}/figtrack-spark.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 scripts/spark/corpus_from_samples.py "$WORK/corpus.jsonl"
mkdir "$WORK/store"
cp data/metrics.toml "$WORK/store/"
target/debug/figtrack --data "$WORK/store" ingest --quiet --input jsonl - < "$WORK/corpus.jsonl"
PYSPARK_PYTHON="$VENV/bin/python" FIGTRACK_BIN=target/debug/figtrack WORK="$WORK" \
  "$VENV/bin/python" scripts/spark/test_jobs.py
