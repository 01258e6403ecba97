"""Checks that Delta readers see exactly the claims `figtrack export claims` shows.

Run by scripts/test-delta-readers.sh with FIGTRACK_BIN and WORK set. The store goes through an
ingest, an ingest killed with SIGKILL, an import and a corrected re-import (revisions), and a
compaction; after each, the claims table read by the `deltalake` package (to Arrow and to
pandas) and by polars' `read_delta` must hold the same rows as figtrack's export: each claim id
once, with the same value, and the partition column `as_of_month` equal to as_of's month.
"""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import deltalake
import polars as pl

BIN = os.environ["FIGTRACK_BIN"]
WORK = Path(os.environ["WORK"])
STORE = WORK / "store"


def figtrack(*args, check=True):
    out = subprocess.run([BIN, "--data", str(STORE), *args], capture_output=True, text=True)
    if check and out.returncode != 0:
        sys.exit(f"figtrack {' '.join(args)} failed:\n{out.stderr}")
    return out.stdout


def shown():
    rows = [json.loads(line) for line in figtrack("export", "claims", "-f", "jsonl").splitlines() if line]
    out = {r["claim_id"]: r["value"] for r in rows}
    assert len(out) == len(rows), "figtrack shows a claim id twice"
    return out


def month(as_of):
    return None if as_of is None else str(as_of)[:7]


def check(step):
    want = shown()
    table = deltalake.DeltaTable(str(STORE / "claims"))
    arrow = table.to_pyarrow_table()
    pandas = table.to_pandas()
    frame = pl.read_delta(str(STORE / "claims"))
    for name, ids, values, as_of, months in [
        ("deltalake", arrow["claim_id"].to_pylist(), arrow["value"].to_pylist(),
         arrow["as_of"].to_pylist(), arrow["as_of_month"].to_pylist()),
        ("pandas", list(pandas["claim_id"]), list(pandas["value"]),
         [None if v is None or v != v else v for v in pandas["as_of"]], list(pandas["as_of_month"])),
        ("polars", frame["claim_id"].to_list(), frame["value"].to_list(),
         frame["as_of"].to_list(), frame["as_of_month"].to_list()),
    ]:
        seen = dict(zip(ids, values))
        assert len(seen) == len(ids), f"{step}: {name} sees a claim id twice"
        assert seen == want, f"{step}: {name} sees {len(seen)} claims, figtrack shows {len(want)}"
        for d, m in zip(as_of, months):
            m = None if m is None or m != m else m
            assert month(d) == m, f"{step}: {name}: as_of {d} in partition {m}"
    docs = deltalake.DeltaTable(str(STORE / "documents")).to_pyarrow_table()
    assert docs.num_rows == len(set(docs["id"].to_pylist())), f"{step}: a document id twice"
    print(f"{step}: deltalake, pandas and polars see the {len(want)} claims figtrack shows")


def main():
    samples = sorted(Path("data/samples").glob("*.md"))
    half = len(samples) // 2
    figtrack("ingest", "-q", *map(str, samples[:half]))
    check("ingest")

    # An ingest killed at a point in its run: before its commit, the readers see none of it;
    # after, all of it.
    corpus = WORK / "corpus.jsonl"
    with corpus.open("w") as f:
        for i in range(40):
            for p in samples[half:]:
                text = p.read_text().split("---", 2)[-1]
                f.write(json.dumps({"id": f"k{i}-{p.stem}", "text": text + f"\n\nCopy {i}.",
                                    "published": "2024-11-0%d" % (1 + i % 9)}) + "\n")
    killed = False
    for delay in (0.05, 0.2, 0.5, 1.0, 2.0):
        child = subprocess.Popen([BIN, "--data", str(STORE), "ingest", "-q", "--batch-bytes", "4000",
                                  "--input", "jsonl", str(corpus)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        killed = child.wait() == -signal.SIGKILL or killed
        check(f"ingest killed after {delay}s")
    assert killed, "no ingest was killed"
    figtrack("ingest", "-q", "--input", "jsonl", str(corpus))
    check("the same ingest, finished")

    csv = WORK / "deliveries.csv"
    csv.write_text("day,trucks\n2024-05-01,40\n2024-05-02,46\n2024-06-04,51\n")
    figtrack("import", str(csv), "--metric", "aid-trucks", "--date-field", "day", "--value-field", "trucks")
    check("import")
    csv.write_text("day,trucks\n2024-05-01,40\n2024-05-02,47\n2024-06-04,52\n2024-06-05,60\n")
    figtrack("import", str(csv), "--metric", "aid-trucks", "--date-field", "day", "--value-field", "trucks")
    check("re-import of revised values")

    figtrack("compact")
    check("compact")


if __name__ == "__main__":
    main()
    # Every check has passed. Leave without the interpreter's teardown: the native thread pools
    # of pyarrow, deltalake and polars, torn down together, can abort the process
    # ("terminate called without an active exception") after the work is done.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
