//! Charts and reports from the store: each metric's series ([`crate::series`]), whose changes
//! put conflicts between sources onto a chart, its catalog label, and for a report its claims
//! with their documents and the status of every claim against the reports before it
//! ([`crate::detect::History`], the rules of [`crate::status`]).

use super::{ChartInput, ChartPoint};
use crate::detect::History;
use crate::number;
use crate::series::{self, Filter, Observation};
use crate::status::Status;
use crate::store::{Store, StoredClaim};
use chrono::NaiveDate;
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the catalog says of a metric.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricInfo {
    pub id: String,
    /// The catalog label, else the id in words.
    pub label: String,
    pub unit: Option<String>,
    pub cumulative: bool,
    /// The metric is in the catalog (not a key derived from a concept).
    pub in_catalog: bool,
}

/// A claim with its document and its status against the claims before it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimInfo {
    pub stored: StoredClaim,
    /// `None` for stated changes and undated claims.
    pub status: Option<Status>,
    pub note: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The document's source (front matter `source:`).
    pub doc_source: Option<String>,
}

/// One metric: its series and the claims behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    pub info: MetricInfo,
    /// In date order.
    pub observations: Vec<Observation>,
    /// In date order (as-of, then publication), within the filter's dates; empty from
    /// [`load_for_charts`].
    pub claims: Vec<ClaimInfo>,
    /// How many documents gave its dated level claims within the filter's dates.
    pub documents: usize,
}

/// The id in words: "north-korean-troops" -> "North korean troops".
pub fn humanize(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut c = words.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A safe file name stem for a metric id (ASCII letters, digits, '-', '_', '.').
pub fn file_stem(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches(|c| c == '.' || c == '-').to_string();
    if s.is_empty() {
        format!(
            "metric-{:08x}",
            xxhash_rust::xxh3::xxh3_64(id.as_bytes()) as u32
        )
    } else {
        s
    }
}

/// The catalog's description of `id`.
pub fn metric_info(store: &Store, id: &str) -> MetricInfo {
    match store.catalog.get(id) {
        Some(def) => MetricInfo {
            id: id.to_string(),
            label: def
                .label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| humanize(id)),
            unit: def.unit.clone(),
            cumulative: def.cumulative,
            in_catalog: true,
        },
        None => MetricInfo {
            id: id.to_string(),
            label: humanize(id),
            unit: None,
            cumulative: false,
            in_catalog: false,
        },
    }
}

#[derive(Debug, Clone, Default)]
struct DocMeta {
    title: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

fn documents(store: &Store, ids: &HashSet<&str>) -> anyhow::Result<HashMap<String, DocMeta>> {
    let df = store.collect(store.documents()?.select([
        col("id"),
        col("title"),
        col("url"),
        col("source"),
    ]))?;
    let id = df.column("id")?.str()?;
    let title = df.column("title")?.str()?;
    let url = df.column("url")?.str()?;
    let source = df.column("source")?.str()?;
    let mut out = HashMap::new();
    for i in 0..df.height() {
        let Some(d) = id.get(i) else { continue };
        if !ids.contains(d) {
            continue;
        }
        out.insert(
            d.to_string(),
            DocMeta {
                title: title.get(i).map(str::to_string),
                url: url.get(i).map(str::to_string),
                source: source.get(i).map(str::to_string),
            },
        );
    }
    Ok(out)
}

/// The filter narrowed to `metrics`, and their observations by metric.
fn observations_of(
    store: &Store,
    metrics: &[String],
    filter: &Filter,
) -> anyhow::Result<(Filter, BTreeMap<String, Vec<Observation>>)> {
    let filter = Filter {
        metrics: metrics.to_vec(),
        ..filter.clone()
    };
    let mut obs: BTreeMap<String, Vec<Observation>> = BTreeMap::new();
    for o in series::observe(store, &filter)? {
        obs.entry(o.metric.clone()).or_default().push(o);
    }
    Ok((filter, obs))
}

/// Loads the series and claims of `metrics` (ids from [`resolve`]) within the filter's dates.
pub fn load(
    store: &Store,
    metrics: &[String],
    filter: &Filter,
) -> anyhow::Result<Vec<MetricSeries>> {
    if metrics.is_empty() {
        return Ok(Vec::new());
    }
    let (filter, mut obs) = observations_of(store, metrics, filter)?;
    let df = store.collect(store.claims_where(Some(series::any_of("metric", metrics)))?)?;
    let claims = crate::store::claims_from_frame(&df)?;
    // The claims join the history in the order they were stored; each is judged against the
    // reports before it, as `ingest` and `diff` judged it.
    let mut history =
        History::new(store.catalog.cumulative_ids()).with_changes(store.catalog.change_ids());
    let arrivals: Vec<u64> = claims.iter().map(|c| history.add(c)).collect();
    let mut judged = history.statuses();
    let statuses: Vec<(Option<Status>, Option<String>)> = claims
        .iter()
        .zip(&arrivals)
        .map(|(c, &a)| match judged.remove(&a) {
            Some((status, note)) => (Some(status), note),
            None => (None, history.classify(c, a).note),
        })
        .collect();
    // Shown in date order (as-of, then publication); a stable sort keeps arrival within.
    let mut rows: Vec<_> = claims.into_iter().zip(statuses).collect();
    rows.sort_by(|(a, _), (b, _)| {
        let (a, b) = (&a.claim, &b.claim);
        a.as_of
            .cmp(&b.as_of)
            .then(a.published.is_none().cmp(&b.published.is_none()))
            .then(a.published.cmp(&b.published))
    });
    let (claims, statuses): (Vec<StoredClaim>, Vec<_>) = rows.into_iter().unzip();
    let ids: HashSet<&str> = claims.iter().map(|c| c.claim.doc.as_str()).collect();
    let docs = documents(store, &ids)?;
    let in_range = |d: Option<NaiveDate>| match d {
        None => filter.since.is_none() && filter.until.is_none(),
        Some(d) => filter.since.is_none_or(|s| d >= s) && filter.until.is_none_or(|u| d <= u),
    };
    let mut by_metric: HashMap<String, Vec<ClaimInfo>> = HashMap::new();
    let mut documents: HashMap<String, HashSet<String>> = HashMap::new();
    for (c, (status, note)) in claims.into_iter().zip(statuses) {
        if !in_range(c.claim.as_of) {
            continue;
        }
        if status.is_some()
            && let Some(m) = &c.claim.metric
        {
            documents
                .entry(m.clone())
                .or_default()
                .insert(c.claim.doc.clone());
        }
        let meta = docs.get(&c.claim.doc).cloned().unwrap_or_default();
        let Some(metric) = c.claim.metric.clone() else {
            continue;
        };
        by_metric.entry(metric).or_default().push(ClaimInfo {
            stored: c,
            status,
            note,
            title: meta.title,
            url: meta.url,
            doc_source: meta.source,
        });
    }
    Ok(metrics
        .iter()
        .map(|m| MetricSeries {
            info: metric_info(store, m),
            observations: obs.remove(m).unwrap_or_default(),
            claims: by_metric.remove(m).unwrap_or_default(),
            documents: documents.get(m).map_or(0, HashSet::len),
        })
        .collect())
}

/// What a chart needs of `metrics`: their series and how many documents gave them, without
/// the claims themselves (a chart of millions of reports reads a few columns of them).
pub fn load_for_charts(
    store: &Store,
    metrics: &[String],
    filter: &Filter,
) -> anyhow::Result<Vec<MetricSeries>> {
    if metrics.is_empty() {
        return Ok(Vec::new());
    }
    let (filter, mut obs) = observations_of(store, metrics, filter)?;
    let mut dated = col("as_of").is_not_null();
    if let Some(since) = filter.since {
        dated = dated.and(col("as_of").gt_eq(lit(since)));
    }
    if let Some(until) = filter.until {
        dated = dated.and(col("as_of").lt_eq(lit(until)));
    }
    let counts = store.collect(
        store
            .claims_where(Some(series::any_of("metric", metrics)))?
            .filter(series::in_series(&store.catalog.change_ids()).and(dated))
            .group_by([col("metric")])
            .agg([col("doc").n_unique().alias("documents")]),
    )?;
    let metric = counts.column("metric")?.str()?;
    let n = counts.column("documents")?.cast(&DataType::UInt64)?;
    let n = n.u64()?;
    let documents: HashMap<&str, usize> = (0..counts.height())
        .filter_map(|i| Some((metric.get(i)?, n.get(i)? as usize)))
        .collect();
    Ok(metrics
        .iter()
        .map(|m| MetricSeries {
            info: metric_info(store, m),
            observations: obs.remove(m).unwrap_or_default(),
            claims: Vec::new(),
            documents: documents.get(m.as_str()).copied().unwrap_or(0),
        })
        .collect())
}

impl MetricSeries {
    /// Sources by number of observations, most first.
    pub fn sources(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for o in &self.observations {
            for s in &o.attributions {
                match counts.iter_mut().find(|c| &c.0 == s) {
                    Some(c) => c.1 += 1,
                    None => counts.push((s.clone(), 1)),
                }
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        counts
    }

    /// The line under a chart: who reported the figures and in how many documents.
    pub fn source_line(&self) -> String {
        let sources = self.sources();
        if sources.is_empty() {
            return "Source: no reports · figtrack".into();
        }
        let mut names: Vec<String> = sources.iter().take(4).map(|s| s.0.clone()).collect();
        if sources.len() > 4 {
            names.push(format!("{} more", sources.len() - 4));
        }
        let mut line = format!(
            "Source{}: {}",
            if sources.len() == 1 { "" } else { "s" },
            names.join(", ")
        );
        if self.documents > 1 {
            line.push_str(&format!(
                " · {} documents",
                number::rounded(self.documents as f64)
            ));
        }
        line.push_str(" · chart: figtrack");
        line
    }

    /// The chart's view of the series.
    pub fn chart_input(&self) -> ChartInput {
        ChartInput {
            metric: self.info.id.clone(),
            title: self.info.label.clone(),
            unit: self.info.unit.clone(),
            cumulative: self.info.cumulative,
            points: self
                .observations
                .iter()
                .map(|o| ChartPoint {
                    date: o.as_of,
                    value: o.value,
                    low: o.low,
                    high: o.high,
                    bound: o.bound.clone(),
                    source: point_source(&o.attributions),
                    delta: o.delta,
                    ratio: o.ratio,
                    pct: o.pct,
                    days: o.days,
                    anomaly: o.anomaly.clone(),
                    // A day whose standing reports still disagree; one a source corrected
                    // later that day is a revision, in `series`, not a mark.
                    conflict: o.conflict.clone(),
                })
                .collect(),
            sources: Some(
                self.observations
                    .iter()
                    .flat_map(|o| &o.attributions)
                    .collect::<std::collections::HashSet<_>>()
                    .len(),
            ),
            source_line: self.source_line(),
        }
    }
}

/// Whom a point's colour names: its source, two joined ("Pentagon + Seoul"), or "several
/// sources" for a day three or more reported (a legend of every combination of eight wires
/// reads as noise; `series` and the report list them).
fn point_source(attributions: &[String]) -> String {
    match attributions {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} + {b}"),
        _ => "several sources".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_names_one_or_two_sources_and_groups_more() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(point_source(&names(&["Pentagon"])), "Pentagon");
        assert_eq!(
            point_source(&names(&["Pentagon", "Seoul"])),
            "Pentagon + Seoul"
        );
        assert_eq!(
            point_source(&names(&["Kyiv", "General Staff", "Ukrainian military"])),
            "several sources"
        );
    }

    #[test]
    fn names_and_stems() {
        assert_eq!(humanize("north-korean-troops"), "North korean troops");
        assert_eq!(file_stem("nk-troops-in-russia"), "nk-troops-in-russia");
        assert_eq!(file_stem("../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("café-prices"), "caf--prices");
        assert!(file_stem("...").starts_with("metric-"));
    }
}
