//! Reports: a folder a reader opens from disk, with nothing to run and nothing to fetch.
//!
//! ```text
//! NAME/index.html          static HTML (no script; every text from articles escaped)
//! NAME/index.md            the same in Markdown
//! NAME/METRIC.png          the level chart of each metric
//! NAME/METRIC-changes.png  its change chart
//! NAME/series.csv          every observation (RFC 4180, formulas neutralised)
//! NAME/claims.csv          every claim behind them, with its document and its status
//! ```
//!
//! Each metric section holds its charts, a table of observations (value, interval, delta,
//! ratio, per-day rate, flags) and the claims behind them (attribution, source, the catalog
//! phrase that matched, date, the sentence quoted). `attribution` is always the speaker the
//! article names and `source` the publication (the document's `source:`).
//! NAME/.figtrack-report   the marker: this folder is figtrack's, and the files it wrote
//!
//! The folder is written beside the target under a temporary name and moved into place; a
//! failed run leaves the old report (if any) as it was. figtrack replaces only a folder it
//! wrote, and in it only the files it wrote (see [`write`]).

pub mod html;
pub mod markdown;

use crate::chart::data::{ClaimInfo, MetricSeries, file_stem};
use crate::chart::{self, Kind, Size, format, io_reason};
use crate::export::{self, Format};
use crate::number;
use anyhow::{Context, bail};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How to write a report.
#[derive(Debug, Clone)]
pub struct Options {
    pub size: Size,
    /// Rows of observations and claims shown per metric (the newest); the CSV files have all.
    pub max_rows: usize,
    /// The store the figures come from, as the reader should see it named.
    pub store_name: String,
    /// The date written on the report.
    pub generated: NaiveDate,
    /// The report's title [default: "figtrack report", with the metric's label for one metric].
    pub title: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            size: Size::default(),
            max_rows: 40,
            store_name: "data".into(),
            generated: chrono::Local::now().date_naive(),
            title: None,
        }
    }
}

/// One row of the observation table, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ObsRow {
    pub date: String,
    pub value: String,
    pub interval: String,
    pub reports: String,
    /// Who gave the standing reports (the series' `attributions`).
    pub attributions: String,
    pub change: String,
    pub delta: String,
    pub ratio: String,
    pub pct: String,
    pub days: String,
    pub per_day: String,
    pub flags: String,
}

/// One claim behind a series, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    pub as_of: String,
    /// The figure with its bound ("more than 600,000").
    pub figure: String,
    /// The figure as written in the article ("10,000").
    pub text: String,
    /// The speaker the article names (empty when none).
    pub attribution: String,
    /// The publication (empty when unknown).
    pub source: String,
    /// The catalog phrase that filed the claim and where it was found (`metric_match`).
    pub matched: String,
    pub title: String,
    /// The article's address, only when it is http(s).
    pub url: Option<String>,
    pub published: String,
    pub sentence: String,
    pub status: String,
    /// The claim's id, for `figtrack reject` and `assign`.
    pub claim_id: String,
}

/// A metric section: everything the HTML and Markdown writers show.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub anchor: String,
    pub label: String,
    /// "troops · running total · 4 observations, 3 attributions, 18 Oct – 29 Oct 2024".
    pub meta: String,
    pub latest: Option<String>,
    /// Chart file names (absent when there is nothing to draw).
    pub chart: Option<String>,
    pub changes: Option<String>,
    pub observations: Vec<ObsRow>,
    pub observations_total: usize,
    pub claims: Vec<ClaimRow>,
    pub claims_total: usize,
    pub anomalies: usize,
    pub conflicts: usize,
}

/// The whole report, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub generated: String,
    pub store_name: String,
    pub sections: Vec<Section>,
    pub observations: usize,
    pub claims: usize,
}

/// A row of series.csv.
#[derive(Debug, Serialize)]
struct SeriesCsv<'a> {
    metric: &'a str,
    label: &'a str,
    as_of: NaiveDate,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    bound: &'a str,
    n_reports: u32,
    attributions: String,
    delta: Option<f64>,
    ratio: Option<f64>,
    pct: Option<f64>,
    days: Option<i64>,
    per_day: Option<f64>,
    change: &'static str,
    anomaly: Option<&'a str>,
    conflict: Option<String>,
}

/// A row of claims.csv.
#[derive(Debug, Serialize)]
struct ClaimCsv<'a> {
    metric: &'a str,
    as_of: Option<NaiveDate>,
    published: Option<NaiveDate>,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    bound: &'static str,
    unit: Option<&'a str>,
    concept: Option<&'a str>,
    text: &'a str,
    attribution: Option<&'a str>,
    source: Option<&'a str>,
    matched: Option<&'a str>,
    status: Option<&'static str>,
    note: Option<&'a str>,
    doc: &'a str,
    title: Option<&'a str>,
    url: Option<&'a str>,
    sentence: &'a str,
    claim_id: &'a str,
}

/// An article address fit for a link: http or https only.
pub fn safe_url(url: Option<&str>) -> Option<String> {
    let u = url?.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        .then(|| u.to_string())
        .filter(|u| !u.chars().any(char::is_control))
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.filter(|v| v.is_finite()).map(f).unwrap_or_default()
}

fn claim_row(c: &ClaimInfo) -> ClaimRow {
    let cl = &c.stored.claim;
    let mut figure = format!(
        "{}{}",
        format::bound_words(cl.bound.symbol()),
        number::rounded(cl.value)
    );
    if cl.bound.symbol() == "~" {
        figure = format!("about {figure}");
    }
    if let (Some(lo), Some(hi)) = (cl.low, cl.high) {
        figure = format!("{}–{}", number::rounded(lo), number::rounded(hi));
    }
    if let Some(u) = cl.unit.as_deref().filter(|u| !u.is_empty()) {
        figure = if u == "%" {
            format!("{figure}%")
        } else {
            format!("{figure} {u}")
        };
    }
    let status = match (c.status, &c.note) {
        (Some(s), Some(n)) => format!("{}: {n}", s.name()),
        (Some(s), None) => s.name().to_string(),
        (None, Some(n)) => n.clone(),
        (None, None) => String::new(),
    };
    ClaimRow {
        as_of: cl.as_of.map(|d| d.to_string()).unwrap_or_default(),
        figure,
        text: cl.text.clone(),
        attribution: cl.attribution.clone().unwrap_or_default(),
        source: c.stored.source.clone().unwrap_or_default(),
        matched: cl.metric_match.clone().unwrap_or_default(),
        title: c.title.clone().unwrap_or_else(|| cl.doc.clone()),
        url: safe_url(c.url.as_deref()),
        published: cl.published.map(|d| d.to_string()).unwrap_or_default(),
        sentence: cl.sentence.clone(),
        status,
        claim_id: cl.claim_id.clone(),
    }
}

fn section(m: &MetricSeries, stem: &str, max_rows: usize) -> Section {
    let input = m.chart_input();
    let conflicts = input.points.iter().filter(|p| p.conflict.is_some()).count();
    let anomalies = input.points.iter().filter(|p| p.anomaly.is_some()).count();
    let percent = m.info.unit.as_deref().is_some_and(format::is_percent);
    let val = |v: f64| {
        if percent {
            format!("{}%", number::rounded(v))
        } else {
            number::rounded(v)
        }
    };
    let observations = input
        .points
        .iter()
        .zip(&m.observations)
        .rev()
        .take(max_rows)
        .map(|(p, o)| {
            let interval = if p.has_range() || p.open_above() || p.open_below() {
                format!(
                    "{} to {}",
                    p.low.map_or("-∞".into(), &val),
                    p.high.map_or("∞".into(), &val)
                )
            } else {
                String::new()
            };
            let mut flags = Vec::new();
            if let Some(a) = &p.anomaly {
                flags.push(format!("anomaly: {a}"));
            }
            if let Some(c) = &p.conflict {
                flags.push(format!("conflict: {c}"));
            }
            ObsRow {
                date: o.as_of.to_string(),
                value: format!("{}{}", format::bound_words(&o.bound), val(o.value)),
                interval,
                reports: o.n_reports.to_string(),
                attributions: o.attributions.join(", "),
                change: o.change.name().to_string(),
                delta: opt(o.delta, number::signed),
                ratio: opt(o.ratio, number::ratio),
                pct: opt(o.pct, number::pct),
                days: o.days.map(|d| d.to_string()).unwrap_or_default(),
                per_day: opt(o.per_day, number::signed),
                flags: flags.join("; "),
            }
        })
        .collect();
    let claims: Vec<ClaimRow> = m
        .claims
        .iter()
        .rev()
        .take(max_rows)
        .map(claim_row)
        .collect();
    let n = m.observations.len();
    let mut meta = Vec::new();
    if let Some(u) = m.info.unit.as_deref() {
        meta.push(format!("unit: {u}"));
    }
    if m.info.cumulative {
        meta.push("running total".into());
    }
    if !m.info.in_catalog {
        meta.push("key derived from the claims' concept".into());
    }
    let attributions = m.sources().len();
    meta.push(format!(
        "{} observation{}, {} attribution{}",
        number::rounded(n as f64),
        if n == 1 { "" } else { "s" },
        attributions,
        if attributions == 1 { "" } else { "s" }
    ));
    if let (Some(a), Some(b)) = (m.observations.first(), m.observations.last()) {
        meta.push(if a.as_of == b.as_of {
            a.as_of.to_string()
        } else {
            format!("{} to {}", a.as_of, b.as_of)
        });
    }
    let drawn = n > 0;
    Section {
        id: m.info.id.clone(),
        anchor: format!("m-{stem}"),
        label: m.info.label.clone(),
        meta: meta.join(" · "),
        latest: chart::latest_annotation(&input),
        chart: drawn.then(|| format!("{stem}.png")),
        // A change chart needs two observations.
        changes: (n > 1).then(|| format!("{stem}-changes.png")),
        observations,
        observations_total: n,
        claims,
        claims_total: m.claims.len(),
        anomalies,
        conflicts,
    }
}

/// Unique file stems for the metrics.
fn stems(metrics: &[MetricSeries]) -> Vec<String> {
    let mut seen = HashSet::new();
    metrics
        .iter()
        .map(|m| {
            let base = file_stem(&m.info.id);
            let mut s = base.clone();
            let mut i = 2;
            while !seen.insert(s.clone()) || s == "index" || s == "series" || s == "claims" {
                s = format!("{base}-{i}");
                i += 1;
            }
            s
        })
        .collect()
}

/// The report's text content.
pub fn document(metrics: &[MetricSeries], opts: &Options) -> Document {
    let stems = stems(metrics);
    let sections: Vec<Section> = metrics
        .iter()
        .zip(&stems)
        .map(|(m, s)| section(m, s, opts.max_rows))
        .collect();
    let title = match (&opts.title, metrics) {
        (Some(t), _) => t.clone(),
        (None, [one]) => format!("figtrack report: {}", one.info.label),
        (None, _) => "figtrack report".to_string(),
    };
    Document {
        title,
        generated: opts.generated.to_string(),
        store_name: opts.store_name.clone(),
        observations: metrics.iter().map(|m| m.observations.len()).sum(),
        claims: metrics.iter().map(|m| m.claims.len()).sum(),
        sections,
    }
}

fn csv_file<T: Serialize>(path: &Path, rows: &[T], header: &[&str]) -> anyhow::Result<()> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    let out = std::io::BufWriter::new(file);
    if rows.is_empty() {
        // The header alone, so the file still says what it would hold.
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        w.write_record(header)?;
        w.flush()?;
        return Ok(());
    }
    export::write_all(Format::Csv, Box::new(out), &[], rows)
        .with_context(|| format!("{}: cannot write", path.display()))
}

const SERIES_HEADER: &[&str] = &[
    "metric",
    "label",
    "as_of",
    "value",
    "low",
    "high",
    "bound",
    "n_reports",
    "attributions",
    "delta",
    "ratio",
    "pct",
    "days",
    "per_day",
    "change",
    "anomaly",
    "conflict",
];
const CLAIMS_HEADER: &[&str] = &[
    "metric",
    "as_of",
    "published",
    "value",
    "low",
    "high",
    "bound",
    "unit",
    "concept",
    "text",
    "attribution",
    "source",
    "matched",
    "status",
    "note",
    "doc",
    "title",
    "url",
    "sentence",
    "claim_id",
];

/// Writes the files of the report into `dir` (an empty folder).
fn write_files(
    dir: &Path,
    metrics: &[MetricSeries],
    doc: &Document,
    opts: &Options,
) -> anyhow::Result<()> {
    // Charts, in parallel: they are most of the work.
    let jobs: Vec<(usize, Kind, &str)> = doc
        .sections
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            [
                s.chart.as_deref().map(|f| (i, Kind::Level, f)),
                s.changes.as_deref().map(|f| (i, Kind::Changes, f)),
            ]
        })
        .flatten()
        .collect();
    let inputs: Vec<_> = metrics.iter().map(MetricSeries::chart_input).collect();
    jobs.par_iter().try_for_each(|&(i, kind, file)| {
        let png = chart::render_png(&inputs[i], kind, opts.size)?;
        let path = dir.join(file);
        std::fs::write(&path, png)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))
    })?;

    let mut series = Vec::new();
    let mut claims = Vec::new();
    for m in metrics {
        for o in &m.observations {
            series.push(SeriesCsv {
                metric: &o.metric,
                label: &m.info.label,
                as_of: o.as_of,
                value: o.value,
                low: o.low,
                high: o.high,
                bound: &o.bound,
                n_reports: o.n_reports,
                attributions: o.attributions.join("; "),
                delta: o.delta,
                ratio: o.ratio,
                pct: o.pct,
                days: o.days,
                per_day: o.per_day,
                change: o.change.name(),
                anomaly: o.anomaly.as_deref(),
                conflict: o.conflict.clone(),
            });
        }
        for c in &m.claims {
            let cl = &c.stored.claim;
            claims.push(ClaimCsv {
                metric: &m.info.id,
                as_of: cl.as_of,
                published: cl.published,
                value: cl.value,
                low: cl.low,
                high: cl.high,
                bound: cl.bound.symbol(),
                unit: cl.unit.as_deref(),
                concept: cl.concept.as_deref(),
                text: &cl.text,
                attribution: cl.attribution.as_deref(),
                source: c.stored.source.as_deref(),
                matched: cl.metric_match.as_deref(),
                status: c.status.map(|s| s.name()),
                note: c.note.as_deref(),
                doc: &cl.doc,
                title: c.title.as_deref(),
                url: c.url.as_deref(),
                sentence: &cl.sentence,
                claim_id: &cl.claim_id,
            });
        }
    }
    csv_file(&dir.join("series.csv"), &series, SERIES_HEADER)?;
    csv_file(&dir.join("claims.csv"), &claims, CLAIMS_HEADER)?;
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", path.display(), io_reason(&e)))
    };
    write("index.html", html::render(doc))?;
    write("index.md", markdown::render(doc))?;
    Ok(())
}

/// Removes the hidden folders of earlier runs that were killed while writing report `name`
/// (`.NAME.tmp-PID`, `.NAME.old-PID` whose process is gone). Where processes cannot be looked
/// up (no /proc), nothing is removed.
fn remove_leftovers(parent: &Path, name: &str) {
    let proc_fs = Path::new("/proc/self");
    if !proc_fs.exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let file = file.to_string_lossy();
        let Some(rest) = file.strip_prefix('.').and_then(|f| f.strip_prefix(name)) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix(".tmp-")
            .or_else(|| rest.strip_prefix(".old-"))
            .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if pid != std::process::id().to_string() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct Written {
    pub dir: PathBuf,
    pub metrics: usize,
    pub charts: usize,
}

/// The file in a report folder that marks it as figtrack's and lists the files it wrote there.
pub const MARKER: &str = ".figtrack-report";
const MARKER_HEAD: &str = "figtrack report: the files figtrack wrote here, one a line";

/// A name figtrack may have written in a report folder: a plain file name, no path.
fn plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', '\0'])
}

/// The files figtrack wrote in the folder `out`, when it is a report figtrack wrote: the list in
/// its marker, or, for a report written before markers, every entry when each is a regular file
/// named as report files are (index.html, index.md, series.csv, claims.csv, *.png). `None`: not
/// a report, or files in it that figtrack did not write (named in the error).
fn report_files(out: &Path) -> anyhow::Result<Vec<String>> {
    let entries: Vec<(String, std::fs::FileType)> = std::fs::read_dir(out)
        .and_then(|d| {
            d.map(|e| {
                e.and_then(|e| Ok((e.file_name().to_string_lossy().into_owned(), e.file_type()?)))
            })
            .collect()
        })
        .map_err(|e| anyhow::anyhow!("{}: cannot list: {}", out.display(), io_reason(&e)))?;
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let marker = out.join(MARKER);
    if std::fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file()) {
        let text = std::fs::read_to_string(&marker)
            .map_err(|e| anyhow::anyhow!("{}: cannot read: {}", marker.display(), io_reason(&e)))?;
        let mut lines = text.lines();
        if lines.next() == Some(MARKER_HEAD) {
            return Ok(lines
                .filter(|l| plain_name(l))
                .map(str::to_string)
                .collect());
        }
    }
    let legacy = |name: &str, ty: &std::fs::FileType| {
        ty.is_file()
            && (matches!(
                name,
                "index.html" | "index.md" | "series.csv" | "claims.csv"
            ) || (plain_name(name) && name.ends_with(".png")))
    };
    let foreign: Vec<&str> = entries
        .iter()
        .filter(|(n, t)| !legacy(n, t))
        .map(|(n, _)| n.as_str())
        .collect();
    if foreign.is_empty() {
        return Ok(entries.into_iter().map(|(n, _)| n).collect());
    }
    let shown: Vec<&str> = foreign.iter().take(3).copied().collect();
    bail!(
        "{}: exists and is not a figtrack report (it holds {}{}, which figtrack did not write); \
         choose another folder with -o, or move it away",
        out.display(),
        shown.join(", "),
        if foreign.len() > 3 { ", ..." } else { "" }
    )
}

/// Writes the report of `metrics` to the folder `out`, replacing an earlier report there.
///
/// figtrack only ever replaces or removes files it wrote: a folder is a report when it holds
/// figtrack's marker (which lists the files written) or nothing but report files; any other
/// folder is refused, and a file the user added to a report folder is left alone. The report is
/// written to a hidden folder beside `out` first; a new folder is renamed into place whole, an
/// existing report has each of its files replaced by rename, then the files of the old report
/// that the new one does not have are removed, then the marker is written.
pub fn write(metrics: &[MetricSeries], out: &Path, opts: &Options) -> anyhow::Result<Written> {
    let name = out
        .file_name()
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .with_context(|| {
            format!(
                "{}: name a report folder, such as reports/NAME",
                out.display()
            )
        })?
        .to_string_lossy()
        .into_owned();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let old_files = match std::fs::symlink_metadata(out) {
        Ok(m) if m.is_dir() => Some(report_files(out)?),
        Ok(_) => bail!(
            "{}: exists and is not a folder; choose another name with -o",
            out.display()
        ),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => bail!(
            "{}: cannot create the folder: a part of the path is a file",
            parent.display()
        ),
        Err(e) => bail!("{}: cannot use: {}", out.display(), io_reason(&e)),
    };
    std::fs::create_dir_all(&parent).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot create the folder: {}",
            parent.display(),
            io_reason(&e)
        )
    })?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let _ = std::fs::remove_dir_all(&tmp);
    remove_leftovers(&parent, &name);
    std::fs::create_dir(&tmp).map_err(|e| {
        anyhow::anyhow!(
            "{}: cannot write the report there: {}",
            parent.display(),
            io_reason(&e)
        )
    })?;
    let doc = document(metrics, opts);
    let result = write_files(&tmp, metrics, &doc, opts).and_then(|()| {
        let mut files: Vec<String> = std::fs::read_dir(&tmp)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        files.sort();
        let mut marker = format!("{MARKER_HEAD}\n");
        for f in &files {
            marker.push_str(f);
            marker.push('\n');
        }
        std::fs::write(tmp.join(MARKER), marker)?;
        match &old_files {
            None => std::fs::rename(&tmp, out)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {}", out.display(), io_reason(&e))),
            Some(old) => replace_files(&tmp, out, &files, old),
        }
    });
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let charts = doc
        .sections
        .iter()
        .map(|s| usize::from(s.chart.is_some()) + usize::from(s.changes.is_some()))
        .sum();
    Ok(Written {
        dir: out.to_path_buf(),
        metrics: doc.sections.len(),
        charts,
    })
}

/// Moves the new report's `files` from `tmp` into the existing report folder `out`, removes the
/// files of the old report (`old`) that the new one lacks, and writes the marker last.
fn replace_files(tmp: &Path, out: &Path, files: &[String], old: &[String]) -> anyhow::Result<()> {
    let cannot =
        |e: std::io::Error| anyhow::anyhow!("{}: cannot replace: {}", out.display(), io_reason(&e));
    // A name the new report needs that holds something other than a regular file stays as it is.
    for f in files {
        if let Ok(m) = std::fs::symlink_metadata(out.join(f))
            && !m.is_file()
        {
            bail!(
                "{}: holds {f}, which is not a file figtrack wrote; move it away",
                out.display()
            );
        }
    }
    for f in files {
        std::fs::rename(tmp.join(f), out.join(f)).map_err(cannot)?;
    }
    for f in old {
        let path = out.join(f);
        if !files.contains(f)
            && f != MARKER
            && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        {
            std::fs::remove_file(&path).map_err(cannot)?;
        }
    }
    std::fs::rename(tmp.join(MARKER), out.join(MARKER)).map_err(cannot)?;
    std::fs::remove_dir(tmp).map_err(cannot)?;
    crate::files::sync_dir(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_links() {
        assert_eq!(
            safe_url(Some("https://example.org/a")).as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(safe_url(Some("javascript:alert(1)")), None);
        assert_eq!(safe_url(Some(" JavaScript:alert(1)")), None);
        assert_eq!(safe_url(Some("data:text/html,x")), None);
        assert_eq!(safe_url(None), None);
    }
}
