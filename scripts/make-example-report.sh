#!/usr/bin/env bash
# Makes reports/example, the report the README shows: a store in a temporary folder with the
# bundled catalog, the sample articles ingested, and (when ../shared is beside the repository)
# the General Staff's daily personnel series imported; then `figtrack report` of the catalog's
# metrics with claims. Usage: scripts/make-example-report.sh [FIGTRACK_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
FIGTRACK=${1:-target/release/figtrack}
[ -x "$FIGTRACK" ] || { echo "make-example-report: build $FIGTRACK first (cargo build --release)" >&2; exit 1; }
STORE=$(mktemp -d "${TMPDIR:-/tmp}/figtrack-example.XXXXXX")
trap 'rm -rf "$STORE"' EXIT
cp data/metrics.toml "$STORE/"
"$FIGTRACK" --data "$STORE" ingest --quiet data/samples
PERSONNEL=../shared/data/ukraine-losses/russia_losses_personnel.json
if [ -f "$PERSONNEL" ]; then
  "$FIGTRACK" --data "$STORE" import "$PERSONNEL" --metric russian-personnel-losses \
    --value-field personnel --bound-field 'personnel*' --cumulative --unit soldier \
    --source "General Staff of the Armed Forces of Ukraine" \
    --label "Russian personnel losses reported by Ukraine's General Staff"
fi
"$FIGTRACK" --data "$STORE" report nk-troops-in-russia russian-personnel-losses \
  russian-military-casualties inflation unemployment-rate -o reports/example \
  --title "figtrack example report" --rows 12
