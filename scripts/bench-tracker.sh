#!/usr/bin/env bash
# Scale checks of the tracker on a release build (meant for a 2-core machine):
#   1. series over 10 million stored claims: under 2 s (criterion bench `series`, then the
#      command line end to end);
#   2. ingest of 1 GB of JSONL articles: under 60 s, with bounded memory (peak RSS printed;
#      it should not grow with the input: compare MB=200 with MB=1000).
#
# Usage, from anywhere:  bash scripts/bench-tracker.sh
# Settings through the environment:
#   MB=1000          size of the ingest corpus, in MB (10^6 bytes)
#   CLAIMS=10000000  claims in the series store
#   SKIP_CRITERION=1 skip the criterion bench (builds the store with it, though)
# Everything goes under target/bench-tracker/ (the corpus, the stores, the timings).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
MB=${MB:-1000}
CLAIMS=${CLAIMS:-10000000}
SKIP_CRITERION=${SKIP_CRITERION:-0}
OUT=target/bench-tracker
BIN=target/release/figtrack
mkdir -p "$OUT"

cargo build --release
echo "== series over $CLAIMS claims"
export FIGTRACK_BENCH_CLAIMS=$CLAIMS
export FIGTRACK_BENCH_STORE=$OUT/store-series
if [ "$SKIP_CRITERION" = 1 ]; then
    cargo bench --bench series -- --test
else
    cargo bench --bench series
fi
for i in 1 2 3; do
    /usr/bin/time -f "series, all metrics, CSV out: %e s, peak RSS %M KB" \
        "$BIN" --data "$FIGTRACK_BENCH_STORE" series --format csv >/dev/null
done
/usr/bin/time -f "series, one metric: %e s, peak RSS %M KB" \
    "$BIN" --data "$FIGTRACK_BENCH_STORE" series metric-042 --format csv >/dev/null

echo "== ingest of $MB MB of JSONL"
CORPUS=$OUT/corpus-$MB.jsonl
if [ ! -s "$CORPUS" ]; then
    # The bundled articles over and over, each copy made unique (new id, a marker line, a
    # later date, another source) so that none is skipped as already ingested.
    python3 - "$CORPUS" "$MB" <<'EOF'
import datetime, glob, json, sys
out, mb = sys.argv[1], int(sys.argv[2])
texts = []
for p in sorted(glob.glob("data/samples/*")):
    raw = open(p, encoding="utf8").read()
    parts = raw.split("---\n", 2)
    texts.append(parts[2] if len(parts) == 3 and parts[0] == "" else raw)
day0 = datetime.date(2022, 2, 24)
n = size = 0
with open(out, "w", encoding="utf8") as f:
    while size < mb * 10**6:
        for t in texts:
            marker = "".join(chr(97 + int(c, 16) % 26) for c in f"{n:x}")
            rec = {
                "id": f"bench-{n}",
                "text": f"{t}\nReference {marker}.\n",
                "published": (day0 + datetime.timedelta(days=n % 1500)).isoformat(),
                "source": f"Wire {n % 37}",
            }
            line = json.dumps(rec) + "\n"
            f.write(line)
            size += len(line.encode("utf8"))
            n += 1
print(f"{out}: {n} articles, {size / 1e6:.0f} MB")
EOF
fi
for mode in quiet diff; do
    STORE=$OUT/store-ingest-$mode
    rm -rf "$STORE"
    mkdir -p "$STORE"
    cp data/metrics.toml "$STORE/"
    if [ "$mode" = quiet ]; then
        /usr/bin/time -f "ingest -q: %e s, peak RSS %M KB" \
            "$BIN" --data "$STORE" ingest -q "$CORPUS"
    else
        /usr/bin/time -f "ingest with its diff (JSONL to /dev/null): %e s, peak RSS %M KB" \
            "$BIN" --data "$STORE" ingest --format jsonl "$CORPUS" >/dev/null
    fi
done
/usr/bin/time -f "series after the ingest: %e s, peak RSS %M KB" \
    "$BIN" --data "$OUT/store-ingest-quiet" series --format csv >/dev/null
/usr/bin/time -f "compact: %e s, peak RSS %M KB" \
    "$BIN" --data "$OUT/store-ingest-quiet" compact
