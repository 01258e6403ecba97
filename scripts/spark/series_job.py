#!/usr/bin/env python3
"""Spark job: the series of a Delta table of claims, computed with Spark SQL window functions:
one observation per (metric, as_of) from the level claims, then per metric in date order the
delta, ratio, days and per_day that `figtrack series` prints.

    spark-submit scripts/spark/series_job.py TABLE [--out SERIES.parquet] [--master local[2]]

TABLE is the Delta table the extract job appends to. Only the files of its current snapshot are
read (delta-rs lists them), so a half-written or removed file is never seen. The observation of a
day holds what its reporters said, as `figtrack series` makes it (src/status.rs): a reporter's
later report of the day revises its earlier one, the value is the day's latest report (never a
median), n_reports counts the standing reports (each reporter's latest; reports of no known
reporter each stand). The reporter is the claim's `attribution` (the speaker), else its `source`
(the publication) where the article names no speaker, as in the `attributions` column of
`figtrack series`. "Later" is by publication date (undated last), then, where figtrack uses the order the
claims arrived in its store, by document id and position (a Delta table keeps no arrival order).
"""

import argparse
import sys


def observations(claims):
    """The day's level claims of each metric as one observation, and the change columns."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    levels = claims.filter(
        F.col("metric").isNotNull()
        & F.col("as_of").isNotNull()
        & F.col("value").isNotNull()
        & ~F.isnan("value")
        & (F.col("role") == "level")
    )
    day = Window.partitionBy("metric", "as_of").orderBy(
        F.col("published").asc_nulls_last(), F.col("doc"), F.col("start")
    )
    levels = levels.withColumn("who", F.coalesce("attribution", "source")).withColumn(
        "pos", F.row_number().over(day)
    )
    latest_of_reporter = F.max("pos").over(Window.partitionBy("metric", "as_of", "who"))
    standing = F.col("who").isNull() | (F.col("pos") == latest_of_reporter)
    obs = (
        levels.withColumn("standing", standing.cast("int"))
        .groupBy("metric", "as_of")
        .agg(F.max_by("value", "pos").alias("value"), F.sum("standing").cast("long").alias("n_reports"))
    )
    w = Window.partitionBy("metric").orderBy("as_of")
    prev, prev_date = F.lag("value").over(w), F.lag("as_of").over(w)
    return (
        obs.withColumn("delta", F.col("value") - prev)
        .withColumn("ratio", F.when(prev != 0, F.col("value") / prev))
        .withColumn("days", F.datediff("as_of", prev_date).cast("long"))
        .withColumn("per_day", F.when(F.col("days") > 0, F.col("delta") / F.col("days")))
        .orderBy("metric", "as_of")
    )


def read_table(spark, table):
    """The claims of the Delta table's current snapshot."""
    from deltalake import DeltaTable

    files = DeltaTable(table).file_uris()
    return spark.read.parquet(*files)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("table")
    p.add_argument("--out", help="write the series here as Parquet")
    p.add_argument("--master", default=None)
    a = p.parse_args(argv)

    import polars as pl
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("figtrack-series")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
    series = observations(read_table(spark, a.table))
    out = pl.from_pandas(series.toPandas())
    spark.stop()
    if a.out:
        out.write_parquet(a.out)
        print(f"series_job: {out.height} observations written to {a.out}", file=sys.stderr)
    return out


if __name__ == "__main__":
    main()
