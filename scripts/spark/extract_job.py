#!/usr/bin/env python3
"""Spark job: the claims of a JSONL corpus, extracted by figtrack on every partition, with the
metrics of a catalog, appended to a Delta table.

    spark-submit scripts/spark/extract_job.py CORPUS.jsonl TABLE --catalog metrics.toml \
        [--mode arrow|pipe] [--figtrack BIN] [--master local[2]]

CORPUS.jsonl: one record a line, {"id", "text", "published"?, "source"?, "title"?, "url"?}, the
records `figtrack ingest --input jsonl` reads. TABLE: a Delta table of claims (the columns of
figtrack's claims table plus `as_of_month`, the month of as_of ("YYYY-MM"), its partition column,
as in the store's table).

--mode arrow (default) runs the Python package (`import figtrack`) inside `mapInArrow`: each
partition's records become one call of figtrack.extract, whose polars frame goes back to Spark
as Arrow batches, no row-by-row Python. --mode pipe streams each partition through
`figtrack extract --input jsonl -` (RDD.pipe) instead and reads its JSON lines back; it needs the
binary on every worker and assigns no metrics (figtrack extract does not read a catalog), so it
is here to measure, not to load tables.

Delta: where Spark's own Delta connector is installed (delta-spark; on a cluster,
`--packages io.delta:delta-spark_2.12:3.2.0` with the Delta SQL extension and catalog set), the
claims are appended with `df.write.format("delta")`; else the executors write them as Parquet to a
staging folder and the driver streams that into one delta-rs commit (the `deltalake` package),
which is what the tests here do; no partition's claims are collected to the driver.
"""

import argparse
import json
import sys
import time


def claims_schema():
    from pyspark.sql import types as T

    s, f, d, i = T.StringType(), T.DoubleType(), T.DateType(), T.LongType()
    cols = [
        ("doc", s), ("claim_id", s), ("published", d), ("as_of", d), ("metric", s),
        ("metric_match", s), ("concept", s), ("value", f), ("low", f), ("high", f), ("unit", s),
        ("unit_normalized", s), ("kind", s), ("bound", s), ("direction", s), ("role", s),
        ("previous", f), ("previous_text", s), ("previous_start", i), ("previous_end", i),
        ("previous_as_of", d), ("attribution", s), ("text", s), ("start", i), ("end", i),
        ("sentence", s), ("source", s),
    ]
    return T.StructType([T.StructField(n, t, True) for n, t in cols])


def extract_partition(catalog):
    """The mapInArrow function: Arrow batches of records in, Arrow batches of claims out."""

    def run(batches):
        import figtrack

        for batch in batches:
            cols = batch.to_pydict()
            n = len(cols["text"])
            if n == 0:
                continue
            get = lambda k: cols.get(k) or [None] * n  # noqa: E731
            df = figtrack.extract(
                [t or "" for t in cols["text"]],
                ids=[str(x) for x in cols["id"]],
                published=[p[:10] if p else None for p in get("published")],
                source=get("source"),
                title=get("title"),
                url=get("url"),
                catalog=catalog,
            )
            yield from df.to_arrow().to_batches()

    return run


def read_corpus(spark, path):
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    fields = ["id", "text", "published", "source", "title", "url"]
    schema = T.StructType([T.StructField(k, T.StringType(), True) for k in fields])
    df = spark.read.schema(schema).json(path)
    # Records without an id get their line's place, as `figtrack ingest` names them.
    return df.withColumn("id", F.coalesce("id", F.monotonically_increasing_id().cast("string")))


def extract_arrow(spark, corpus, catalog):
    return read_corpus(spark, corpus).mapInArrow(extract_partition(catalog), claims_schema())


def extract_pipe(spark, corpus, figtrack_bin):
    lines = read_corpus(spark, corpus).toJSON()
    out = lines.pipe(f"{figtrack_bin} extract --input jsonl --format jsonl -")
    return spark.read.schema(claims_schema()).json(out)


def append_delta(df, table, staging_dir=None):
    """Appends the claims to the Delta table `table`, partitioned by month of as_of."""
    from pyspark.sql import functions as F

    df = df.withColumn("as_of_month", F.date_format("as_of", "yyyy-MM"))
    try:
        df.write.format("delta").mode("append").partitionBy("as_of_month").save(table)
        return "spark"
    except Exception as e:  # no Delta connector in this Spark: append through delta-rs
        if "delta" not in str(e).lower():
            raise
    # The executors write Parquet to a staging folder (in parallel, memory bounded); the
    # driver streams it into one delta-rs commit, a batch at a time, so no partition's claims
    # are collected to it. On a cluster the staging folder must be on storage every node
    # reaches (--staging).
    import shutil
    import tempfile

    import pyarrow.dataset as ds
    from deltalake import write_deltalake

    staging = tempfile.mkdtemp(prefix="figtrack-claims-", dir=staging_dir)
    try:
        df.write.mode("overwrite").parquet(staging)
        scanner = ds.dataset(staging, format="parquet").scanner(batch_size=65536)
        write_deltalake(table, scanner.to_reader(), mode="append", partition_by=["as_of_month"])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return "delta-rs"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus")
    p.add_argument("table")
    p.add_argument("--catalog")
    p.add_argument("--mode", choices=["arrow", "pipe"], default="arrow")
    p.add_argument("--figtrack", default="figtrack")
    p.add_argument("--master", default=None)
    p.add_argument("--staging", default=None,
                   help="where the executors stage Parquet for delta-rs [default: a temporary "
                        "folder]; on a cluster, a path on storage every node reaches")
    a = p.parse_args(argv)

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("figtrack-extract")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
    t0 = time.time()
    if a.mode == "arrow":
        claims = extract_arrow(spark, a.corpus, a.catalog)
    else:
        claims = extract_pipe(spark, a.corpus, a.figtrack)
    claims = claims.cache()
    n = claims.count()
    extracted = time.time() - t0
    how = append_delta(claims, a.table, a.staging)
    print(
        json.dumps({"claims": n, "mode": a.mode, "extract_seconds": round(extracted, 2),
                    "total_seconds": round(time.time() - t0, 2), "written_by": how}),
        file=sys.stderr,
    )
    spark.stop()


if __name__ == "__main__":
    main()
