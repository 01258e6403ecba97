//! Chart and report speed: a 1,626-point chart (the length of the General Staff's daily series)
//! should draw and encode in under 200 ms, a report of 50 metrics in under 10 s.
//!
//! `cargo bench --bench chart`

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use figtrack::chart::{self, ChartInput, ChartPoint, Kind, Size, data};
use figtrack::model::{Bound, Claim, Kind as ClaimKind, claim_id};
use figtrack::report::{self, Options};
use figtrack::series::Filter;
use figtrack::store::{Store, StoredClaim, Writer, claims_frame};
use std::hint::black_box;
use std::time::Duration;

const DAYS: usize = 1626;

/// A daily running total like the General Staff's: about 900 more a day.
fn daily(n: usize) -> ChartInput {
    let start = NaiveDate::from_ymd_opt(2022, 2, 25).unwrap();
    let mut points: Vec<ChartPoint> = Vec::with_capacity(n);
    let mut v = 2800.0;
    for i in 0..n {
        let mut p = ChartPoint::exact(start + Days::new(i as u64), v, "General Staff");
        p.bound = "~".into();
        p.low = Some(v * 0.95);
        p.high = Some(v * 1.05);
        if let Some(prev) = points.last() {
            p.delta = Some(v - prev.value);
            p.ratio = Some(v / prev.value);
            p.pct = Some((v / prev.value - 1.0) * 100.0);
            p.days = Some(1);
        }
        points.push(p);
        v += 400.0 + ((i * 7919) % 1000) as f64;
    }
    ChartInput {
        metric: "personnel".into(),
        title: "Russian personnel losses".into(),
        unit: Some("soldier".into()),
        cumulative: true,
        points,
        sources: None,
        source_line: "Source: General Staff · chart: figtrack".into(),
    }
}

fn charts(c: &mut Criterion) {
    let input = daily(DAYS);
    let size = Size::default();
    let mut g = c.benchmark_group("chart");
    g.sample_size(20);
    g.bench_function("level 1626 points, 1200x675 PNG", |b| {
        b.iter(|| chart::render_png(black_box(&input), Kind::Level, size).unwrap())
    });
    g.bench_function("changes 1626 bars, 1200x675 PNG", |b| {
        b.iter(|| chart::render_png(black_box(&input), Kind::Changes, size).unwrap())
    });
    g.finish();
}

/// A store of `metrics` metrics: one daily series of 1,626 days, the rest of 30 reports each
/// from three sources.
fn store(root: &std::path::Path, metrics: usize) -> Vec<String> {
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut claims = Vec::new();
    let mut ids = Vec::new();
    let mut catalog = String::new();
    for m in 0..metrics {
        let id = format!("metric-{m:02}");
        catalog.push_str(&format!(
            "[[metric]]\nid = \"{id}\"\nlabel = \"Metric number {m}\"\nunit = \"troop\"\ncumulative = {}\n\n",
            m == 0
        ));
        let (n, step) = if m == 0 { (DAYS, 1) } else { (30, 5) };
        for i in 0..n {
            let doc = format!("doc-{m}-{i}");
            let value = 1000.0 + (i as f64) * 37.0 + ((i * 31 + m) % 17) as f64 * 10.0;
            let as_of = start + Days::new((i * step) as u64);
            claims.push(StoredClaim {
                claim: Claim {
                    doc: doc.clone(),
                    claim_id: claim_id(&doc, 0, 5),
                    published: Some(as_of),
                    as_of: Some(as_of),
                    metric: Some(id.clone()),
                    metric_match: None,
                    concept: Some("troops".into()),
                    value,
                    low: None,
                    high: None,
                    unit: Some("troops".into()),
                    unit_normalized: Some("troop".into()),
                    kind: ClaimKind::Count,
                    bound: Bound::Exact,
                    direction: None,
                    role: figtrack::model::Role::Level,
                    previous: None,
                    previous_text: None,
                    previous_start: None,
                    previous_end: None,
                    previous_as_of: None,
                    attribution: Some(["Pentagon", "NATO", "Kyiv"][i % 3].into()),
                    text: format!("{value}"),
                    start: 0,
                    end: 5,
                    sentence: format!("Officials said there were {value} troops."),
                },
                source: None,
            });
        }
        ids.push(id);
    }
    std::fs::create_dir_all(root).unwrap();
    std::fs::write(root.join("metrics.toml"), catalog).unwrap();
    let mut w = Writer::open(root, "bench").unwrap();
    w.write_claims(&mut claims_frame(&claims).unwrap()).unwrap();
    w.commit().unwrap();
    ids
}

fn reports(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    let ids = store(&root, 50);
    let opts = Options::default();
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(30));
    g.bench_function("50 metrics: load, 100 charts, HTML, Markdown, CSV", |b| {
        b.iter(|| {
            let store = Store::open(&root).unwrap();
            let series = data::load(&store, &ids, &Filter::default()).unwrap();
            report::write(&series, &tmp.path().join("report"), &opts).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, charts, reports);
criterion_main!(benches);
