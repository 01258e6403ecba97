#!/usr/bin/env bash
# Builds the Python package (python/: PyO3 bindings + figtrack/__init__.py) as a wheel in
# target/wheels, with maturin from its own venv (target/maturin-venv). A debug build by default,
# sharing compiled dependencies with `cargo test`; `--release` for a fast wheel to install.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/maturin-venv
mkdir -p target
if [ ! -x "$VENV/bin/maturin" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check maturin==1.16.0
fi
rm -f target/wheels/figtrack-*.whl
"$VENV/bin/maturin" build --quiet -m python/Cargo.toml -o target/wheels "$@" >&2
ls target/wheels/figtrack-*.whl
