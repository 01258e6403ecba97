//! Series over a large store: `cargo bench --bench series`.
//!
//! Builds a store of FIGTRACK_BENCH_CLAIMS claims (default 10 million) in FIGTRACK_BENCH_STORE
//! (default: a temporary folder; an existing store there is reused) as 10 parts: 200 metrics
//! over 1,000 days, 50 reports per metric and day from 20 sources, a mix of bounds. Then times
//! `series::compute` over all of it, and over one metric. The target is under 2 s for all of
//! it on 2 cores (release build).

use criterion::{Criterion, criterion_group, criterion_main};
use figtrack::series::{self, Filter};
use figtrack::store::{self, Store, Writer, claims_schema};
use polars::prelude::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

const METRICS: usize = 200;
const DAYS: usize = 1_000;
const PARTS: usize = 10;

/// One part of `n` synthetic claims starting at claim number `first`.
fn part(first: usize, n: usize) -> PolarsResult<DataFrame> {
    let day0 = store::date_to_days(chrono::NaiveDate::from_ymd_opt(2022, 2, 24).unwrap());
    let idx = first..first + n;
    let metric_of = |i: usize| i % METRICS;
    let day_of = |i: usize| (i / METRICS) % DAYS;
    let metrics: Vec<String> = (0..METRICS).map(|m| format!("metric-{m:03}")).collect();
    let sources: Vec<String> = (0..20).map(|s| format!("Source {s}")).collect();
    let bounds = ["=", "=", "=", "~", ">", "="];
    let str_col = |name: &str, v: Vec<Option<String>>| {
        StringChunked::from_iter_options(name.into(), v.into_iter()).into_column()
    };
    let value = |i: usize| {
        let base = 1_000.0 * (metric_of(i) + 1) as f64 + 10.0 * day_of(i) as f64;
        base + ((i * 7919) % 101) as f64 - 50.0
    };
    let days: Vec<Option<i32>> = idx.clone().map(|i| Some(day0 + day_of(i) as i32)).collect();
    let cols = vec![
        str_col(
            "doc",
            idx.clone()
                .map(|i| Some(format!("doc-{}", i / 8)))
                .collect(),
        ),
        str_col(
            "claim_id",
            idx.clone().map(|i| Some(format!("{:016x}", i))).collect(),
        ),
        Int32Chunked::from_iter_options("published".into(), days.iter().copied())
            .into_date()
            .into_column(),
        Int32Chunked::from_iter_options("as_of".into(), days.iter().copied())
            .into_date()
            .into_column(),
        str_col(
            "metric",
            idx.clone()
                .map(|i| Some(metrics[metric_of(i)].clone()))
                .collect(),
        ),
        str_col(
            "concept",
            idx.clone()
                .map(|i| Some(format!("things {}", metric_of(i))))
                .collect(),
        ),
        Float64Chunked::from_iter_values("value".into(), idx.clone().map(value)).into_column(),
        Float64Chunked::full_null("low".into(), n).into_column(),
        Float64Chunked::full_null("high".into(), n).into_column(),
        str_col(
            "unit",
            idx.clone().map(|_| Some("troops".to_string())).collect(),
        ),
        str_col(
            "unit_normalized",
            idx.clone().map(|_| Some("troop".to_string())).collect(),
        ),
        str_col(
            "kind",
            idx.clone().map(|_| Some("count".to_string())).collect(),
        ),
        str_col(
            "bound",
            idx.clone()
                .map(|i| Some(bounds[i % bounds.len()].to_string()))
                .collect(),
        ),
        str_col("direction", idx.clone().map(|_| None).collect()),
        Float64Chunked::full_null("previous".into(), n).into_column(),
        str_col(
            "attribution",
            idx.clone()
                .map(|i| Some(sources[(i / (METRICS * DAYS)) % 20].clone()))
                .collect(),
        ),
        str_col(
            "text",
            idx.clone().map(|i| Some(format!("{}", value(i)))).collect(),
        ),
        UInt32Chunked::from_iter_values("start".into(), idx.clone().map(|i| (i % 5000) as u32))
            .into_column(),
        UInt32Chunked::from_iter_values("end".into(), idx.clone().map(|i| (i % 5000 + 6) as u32))
            .into_column(),
        str_col(
            "sentence",
            idx.clone()
                .map(|i| {
                    Some(format!(
                        "Officials said {} things of kind {} were counted.",
                        value(i),
                        metric_of(i)
                    ))
                })
                .collect(),
        ),
        str_col(
            "source",
            idx.clone()
                .map(|_| Some("Bench Wire".to_string()))
                .collect(),
        ),
    ];
    let df = DataFrame::new(n, cols)?;
    assert_eq!(df.schema().as_ref(), &claims_schema());
    Ok(df)
}

fn build(dir: &Path, n: usize) {
    let t = Instant::now();
    let mut w = Writer::open(dir, "bench").expect("open the store");
    let per = n.div_ceil(PARTS);
    let mut first = 0;
    while first < n {
        let k = per.min(n - first);
        let mut df = part(first, k).expect("build a part");
        w.write_claims(&mut df).expect("write a part");
        first += k;
    }
    w.commit().expect("commit");
    eprintln!(
        "built a store of {n} claims in {} in {:.1?}",
        dir.display(),
        t.elapsed()
    );
}

/// The allocator of the binary, so the bench measures what `figtrack series` does.
#[global_allocator]
static ALLOCATOR: figtrack::allocator::Allocator = figtrack::allocator::Allocator;

fn bench(c: &mut Criterion) {
    figtrack::allocator::tune();
    let n: usize = std::env::var("FIGTRACK_BENCH_CLAIMS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let _tmp;
    let dir: PathBuf = match std::env::var_os("FIGTRACK_BENCH_STORE") {
        Some(d) => PathBuf::from(d),
        None => {
            _tmp = tempfile::tempdir().expect("a temporary folder");
            _tmp.path().join("store")
        }
    };
    if Store::open(&dir).map_or(true, |s| s.claim_parts().is_empty()) {
        build(&dir, n);
    }
    let store = Store::open(&dir).expect("open the store");
    let all = Filter::default();
    let t = Instant::now();
    let rows = series::compute(&store, &all).expect("series").height();
    eprintln!(
        "series over {n} claims: {rows} observations in {:.2?} (first run)",
        t.elapsed()
    );
    let mut group = c.benchmark_group("series");
    group.sample_size(10);
    group.bench_function("all metrics", |b| {
        b.iter(|| series::compute(&store, &all).expect("series"))
    });
    let one = Filter {
        metrics: vec!["metric-042".to_string()],
        ..Default::default()
    };
    group.bench_function("one metric", |b| {
        b.iter(|| series::compute(&store, &one).expect("series"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
