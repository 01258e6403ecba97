#!/usr/bin/env python3
"""The Spark jobs in local mode against figtrack on the same corpus (run by scripts/test-spark.sh,
which sets WORK: a folder with corpus.jsonl and store/, the corpus ingested by figtrack)."""

import json
import os
import pathlib
import subprocess
import sys

import polars as pl

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))

import extract_job  # noqa: E402
import series_job  # noqa: E402

WORK = pathlib.Path(os.environ["WORK"])
BIN = os.environ["FIGTRACK_BIN"]
STORE = WORK / "store"
TABLE = str(WORK / "claims-delta")


def figtrack(*args):
    out = subprocess.run([BIN, "--data", str(STORE), *args], check=True, capture_output=True, text=True)
    return pl.read_ndjson(out.stdout.encode()) if out.stdout.strip() else pl.DataFrame()


def main():
    extract_job.main([str(WORK / "corpus.jsonl"), TABLE, "--catalog", "data/metrics.toml", "--master", "local[2]"])
    spark_claims = pl.read_delta(TABLE)
    ours = figtrack("export", "claims", "--format", "jsonl")
    cols = ["claim_id", "metric", "value", "bound", "role", "attribution"]
    # figtrack's JSON rounds values to 12 significant digits (no binary noise: 2/3 is
    # 0.666666666667); the table keeps the float.
    same = pl.col("value").round_sig_figs(12)
    a = spark_claims.select(cols).with_columns(same).sort("claim_id")
    b = ours.select(cols).with_columns(same).sort("claim_id")
    assert a.height == b.height > 0, (a.height, b.height)
    assert a.equals(b), a.join(b, on="claim_id", how="full")
    dates = spark_claims.select("claim_id", pl.col("as_of").cast(pl.Utf8)).sort("claim_id")
    assert dates.equals(ours.select("claim_id", "as_of").sort("claim_id"))
    print(f"spark extract job: {a.height} claims, equal to figtrack ingest", file=sys.stderr)

    series = series_job.main([TABLE, "--master", "local[2]"])
    printed = figtrack("series", "--format", "jsonl")
    keys = ["metric", "as_of", "value", "delta", "ratio", "days", "per_day"]
    got = series.with_columns(pl.col("as_of").cast(pl.Utf8)).select(keys).sort("metric", "as_of")
    want = printed.select(keys).with_columns(pl.col("days").cast(pl.Int64)).sort("metric", "as_of")
    assert got.height == want.height > 0, (got.height, want.height)
    for k in keys:
        g, w = got[k].to_list(), want[k].to_list()
        for i, (x, y) in enumerate(zip(g, w)):
            same = x == y or (isinstance(x, float) and isinstance(y, float) and abs(x - y) <= 1e-9 * max(1, abs(y)))
            assert same, f"{k} row {i}: spark {x!r}, figtrack {y!r} ({got.row(i)} vs {want.row(i)})"
    print(f"spark series job: {got.height} observations, equal to figtrack series", file=sys.stderr)


if __name__ == "__main__":
    main()
