//! Exports: CSV for spreadsheets (RFC 4180, formula injection neutralised), Parquet, JSON.
#![cfg(feature = "tracker")]

mod tracker_common;

use polars::prelude::*;
use tracker_common::*;

/// A store with article claims and an import whose field names and source look like formulas.
fn store(dir: &std::path::Path) -> std::path::PathBuf {
    let store = store_with_catalog(dir);
    ok(
        &store,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let csv = dir.join("evil.csv");
    std::fs::write(
        &csv,
        "date,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",@sum,temp\n2024-01-01,5,1,-3.5\n2024-01-02,7,2,-4\n",
    )
    .unwrap();
    ok(
        &store,
        &[
            "import",
            csv.to_str().unwrap(),
            "--metric",
            "evil",
            "--all-fields",
            "--source",
            "+cmd|' /C calc'!A0",
        ],
    );
    store
}

#[test]
fn csv_is_rfc4180_with_formulas_neutralised() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store(tmp.path());
    let out = tmp.path().join("claims.csv");
    ok(&store, &["export", "claims", "-o", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    // A UTF-8 byte order mark for Excel, CRLF line ends.
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[0], "doc");
    assert!(header.contains(&"as_of".to_string()));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() > 40);
    for r in &rows {
        assert_eq!(r.len(), header.len());
        for (i, cell) in r.iter().enumerate() {
            // Text starting with = + - @ or a tab is neutralised; numbers stay numbers.
            if cell.len() > 1 && cell.starts_with(['=', '+', '@', '\t']) {
                panic!("formula cell {cell:?} in column {}", header[i]);
            }
            if cell.starts_with('-') {
                assert!(
                    cell.parse::<f64>().is_ok(),
                    "text cell {cell:?} starts with -"
                );
            }
        }
        let d = &r[col("as_of")];
        assert!(
            d.is_empty() || chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
            "{d}"
        );
        assert!(
            r[col("value")].parse::<f64>().is_ok(),
            "{:?}",
            &r[col("value")]
        );
    }
    let evil: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| r[col("metric")].starts_with("evil-"))
        .collect();
    assert_eq!(evil.len(), 6);
    assert!(
        evil.iter()
            .any(|r| &r[col("concept")] == "'=HYPERLINK(\"http://x\",\"y\")")
    );
    assert!(evil.iter().any(|r| &r[col("concept")] == "'@sum"));
    assert!(
        evil.iter()
            .all(|r| &r[col("attribution")] == "'+cmd|' /C calc'!A0")
    );
    assert!(evil.iter().any(|r| &r[col("value")] == "-3.5"));
    // The temporary file is gone.
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn series_exports_as_csv_parquet_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store(tmp.path());
    // CSV on stdout: no byte order mark; attributions joined in one cell.
    let csv = ok(
        &store,
        &["export", "series", "nk-troops-in-russia", "--format", "csv"],
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "metric,as_of,value,low,high,bound,n_reports,attributions,reported,delta,ratio,pct,days,per_day,change,anomaly"
    );
    let last = csv.lines().last().unwrap();
    assert!(
        last.starts_with("nk-troops-in-russia,2024-10-28,10000,10000,10000,exact,1,Deputy Pentagon press secretary Sabrina Singh,\"10,000 (Deputy Pentagon press secretary Sabrina Singh)\",7000,3.3333"),
        "{last}"
    );

    let pq = tmp.path().join("series.parquet");
    ok(&store, &["export", "series", "-o", pq.to_str().unwrap()]);
    let df = ParquetReader::new(std::fs::File::open(&pq).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.column("as_of").unwrap().dtype(), &DataType::Date);
    assert_eq!(df.column("value").unwrap().dtype(), &DataType::Float64);
    assert_eq!(
        df.column("attributions").unwrap().dtype(),
        &DataType::List(Box::new(DataType::String))
    );
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&store, &["export", "series", "--format", "json"])).unwrap();
    assert_eq!(json.len(), df.height());

    let claims = tmp.path().join("claims.parquet");
    ok(
        &store,
        &["export", "claims", "-o", claims.to_str().unwrap()],
    );
    let df = ParquetReader::new(std::fs::File::open(&claims).unwrap())
        .finish()
        .unwrap();
    assert_eq!(df.column("published").unwrap().dtype(), &DataType::Date);
    assert_eq!(df.column("start").unwrap().dtype(), &DataType::UInt32);
    assert_eq!(df.column("claim_id").unwrap().dtype(), &DataType::String);
}

#[test]
fn claim_parts_are_sorted_by_metric_and_date() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    ok(
        &store,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let parts = data_files(&store.join("claims"));
    assert!(!parts.is_empty());
    let mut rows = 0;
    for part in &parts {
        let df = ParquetReader::new(std::fs::File::open(part).unwrap())
            .finish()
            .unwrap();
        let metric = df.column("metric").unwrap().str().unwrap();
        let as_of = df.column("as_of").unwrap().date().unwrap();
        let keys: Vec<(Option<&str>, Option<i32>)> = (0..df.height())
            .map(|i| (metric.get(i), as_of.phys.get(i)))
            .collect();
        rows += df.height();
        assert!(
            keys.is_sorted(),
            "{} is not sorted: {keys:?}",
            part.display()
        );
    }
    assert!(rows > parts.len(), "{rows} rows in {} parts", parts.len());
}

#[test]
fn an_unknown_metric_exports_the_header_and_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    ok(
        &store,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let out = run(&store, &["export", "claims", "no-such-metric"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("doc,claim_id,"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no metric \"no-such-metric\""), "{stderr}");
    // A known metric says nothing.
    let out = run(&store, &["export", "claims", "nk-troops-in-russia"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().lines().count() > 1);
}
