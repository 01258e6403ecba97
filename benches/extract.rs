//! Throughput of `figtrack::extract` in bytes of text per second, on the seed article, the sample
//! articles and the NewsQuant dev sentences.
//!
//! `cargo bench --no-default-features --bench extract` (the extractor alone, no polars).
//! Inputs outside the repo (../shared) are skipped with a message when absent.

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use figtrack::Document;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A document from an article file: front matter read roughly (the text after the second
/// `---` line, the date from a `published:` line).
fn article(path: &Path) -> Option<Document> {
    let raw = std::fs::read_to_string(path).ok()?;
    let id = path.file_stem()?.to_string_lossy().into_owned();
    let mut doc = Document::new(id, raw.as_str());
    if !raw.starts_with("---") {
        return Some(doc);
    }
    let mut dashes = 0;
    let mut offset = 0;
    for line in raw.split_inclusive('\n') {
        offset += line.len();
        let line = line.trim();
        if line == "---" {
            dashes += 1;
            if dashes == 2 {
                doc.text = raw[offset..].to_string();
                break;
            }
        } else if let Some(date) = line.strip_prefix("published:") {
            doc.published = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok();
        }
    }
    Some(doc)
}

fn seed_article() -> Option<Document> {
    let path = repo().join("../shared/data/articles/2024-10-29-pentagon-north-korean-troops.txt");
    let doc = article(&path);
    if doc.is_none() {
        eprintln!("skipping the seed article: {} is absent", path.display());
    }
    doc
}

fn samples() -> Vec<Document> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("data/samples"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths.iter().filter_map(|p| article(p)).collect()
}

fn newsquant_dev() -> Vec<Document> {
    let path = repo().join("../shared/eval/newsquant-dev.json");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!(
            "skipping the NewsQuant sentences: {} is absent",
            path.display()
        );
        return Vec::new();
    };
    let sentences: Vec<serde_json::Value> = serde_json::from_str(&raw).expect("newsquant-dev.json");
    sentences
        .iter()
        .map(|s| {
            Document::new(
                format!("newsquant-{}", s["id"]),
                s["text"].as_str().unwrap_or(""),
            )
        })
        .collect()
}

fn bench_docs(c: &mut Criterion, name: &str, docs: &[Document]) {
    if docs.is_empty() {
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("extract");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function(name, |b| {
        b.iter(|| {
            let mut n = 0;
            for d in docs {
                n += figtrack::extract(black_box(d)).len();
            }
            n
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    if let Some(seed) = seed_article() {
        bench_docs(c, "seed_article", std::slice::from_ref(&seed));
    }
    bench_docs(c, "samples", &samples());
    bench_docs(c, "newsquant_dev_150", &newsquant_dev());
}

criterion_group!(extract_benches, benches);
criterion_main!(extract_benches);
