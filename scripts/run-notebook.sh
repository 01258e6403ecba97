#!/usr/bin/env bash
# Runs notebooks/figtrack-series.ipynb against a fresh store and fails when a cell fails.
#
# 1. a Python venv in target/nb-venv with the pinned packages of notebooks/requirements.txt
#    (reinstalled when that file changes);
# 2. the Python package (scripts/build-wheel.sh) installed in it, and the debug binary;
# 3. a store in a temporary folder: data/samples ingested, and the General Staff's daily
#    personnel series imported when ../shared/data/ukraine-losses is there;
# 4. the notebook executed with nbclient (its executed copy: target/notebook-executed.ipynb).
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/nb-venv
mkdir -p target
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! cmp -s notebooks/requirements.txt "$VENV/.requirements"; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r notebooks/requirements.txt
  cp notebooks/requirements.txt "$VENV/.requirements"
fi

# The Python package the notebook imports, built from this checkout.
WHEEL=$(bash scripts/build-wheel.sh)
"$VENV/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps "$WHEEL"

cargo build --quiet
FIGTRACK=target/debug/figtrack

STORE=$(mktemp -d "${TMPDIR:-/tmp}/figtrack-notebook.XXXXXX")
trap 'rm -rf "$STORE"' EXIT
cp data/metrics.toml "$STORE/"
"$FIGTRACK" --data "$STORE" ingest --quiet data/samples
PERSONNEL=../shared/data/ukraine-losses/russia_losses_personnel.json
METRIC=nk-troops-in-russia
if [ -f "$PERSONNEL" ]; then
  "$FIGTRACK" --data "$STORE" import "$PERSONNEL" --metric russian-personnel-losses \
    --value-field personnel --bound-field 'personnel*' --cumulative --unit soldier \
    --source "General Staff of the Armed Forces of Ukraine" \
    --label "Russian personnel losses reported by Ukraine's General Staff"
  METRIC=russian-personnel-losses
else
  echo "run-notebook: $PERSONNEL is absent: the notebook checks the samples only" >&2
fi

FIGTRACK_DATA="$STORE" FIGTRACK_BIN="$FIGTRACK" FIGTRACK_METRIC="$METRIC" "$VENV/bin/python" - <<'PY'
import sys

import nbclient
import nbformat

path = "notebooks/figtrack-series.ipynb"
nb = nbformat.read(path, as_version=4)
client = nbclient.NotebookClient(
    nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": "."}}
)
try:
    client.execute()
except nbclient.exceptions.CellExecutionError as e:
    print(f"run-notebook: a cell of {path} failed:\n{e}", file=sys.stderr)
    sys.exit(1)
finally:
    nbformat.write(nb, "target/notebook-executed.ipynb")
for cell in nb.cells:
    for out in cell.get("outputs", []):
        if out.get("name") == "stdout" and "OK:" in out.get("text", ""):
            print("run-notebook:", out["text"].strip().splitlines()[-1])
print(f"run-notebook: {path} ran without errors (executed copy: target/notebook-executed.ipynb)")
PY
