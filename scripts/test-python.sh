#!/usr/bin/env bash
# Builds the wheel, installs it in a new, clean venv (target/py-venv, made afresh every run, so
# only what the wheel declares is installed) and runs python/tests/test_package.py against a
# store made from data/samples.
set -euo pipefail
cd "$(dirname "$0")/.."
WHEEL=$(bash scripts/build-wheel.sh)
VENV=target/py-venv
rm -rf "$VENV"
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$WHEEL"
cargo build --quiet
STORE=$(mktemp -d "${TMPDIR:-/tmp}/figtrack-python.XXXXXX")
trap 'rm -rf "$STORE"' EXIT
cp data/metrics.toml "$STORE/"
target/debug/figtrack --data "$STORE" ingest --quiet data/samples
FIGTRACK_DATA="$STORE" FIGTRACK_BIN=target/debug/figtrack "$VENV/bin/python" python/tests/test_package.py
