#!/usr/bin/env bash
# Checks the store with Delta readers from the package registry: the Python `deltalake` package
# (to Arrow and to pandas) and polars' `read_delta` must see exactly the claims
# `figtrack export claims` shows, after an ingest killed with SIGKILL, a re-import of revised
# values and a compaction (scripts/delta_readers.py). Installs them in target/delta-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/delta-venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check deltalake==1.6.6 polars==2.1.0 \
  pyarrow==26.0.1 pandas==3.1.1
cargo build --quiet
WORK=$(mktemp -d "${TMPDIR:-/tmp}/figtrack-delta.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir "$WORK/store"
cp data/metrics.toml "$WORK/store/"
FIGTRACK_BIN=target/debug/figtrack WORK="$WORK" "$VENV/bin/python" scripts/delta_readers.py
