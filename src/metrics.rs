//! The metric catalog: `metrics.toml` in the data folder maps claims onto series keys.
//!
//! ```toml
//! [[metric]]
//! id = "nk-troops-in-russia"
//! label = "North Korean troops in Russia"
//! unit = "troop"          # what the metric counts or measures; decides which claims fit
//! cumulative = false      # true: a running total that should never fall
//! match = ["north korean troops", "north korean soldiers"]
//! ```
//!
//! A claim gets a catalog metric when its concept contains one of the metric's phrases (compared
//! after [`normalize`]: lower case, punctuation and possessive "'s" dropped, every word made
//! singular) and its kind fits the metric's unit:
//! - a percentage metric (`unit = "percentage"`) takes percentages (not percentage points);
//! - a currency metric (`unit = "dollar"`, "euro", ...) takes amounts in that currency;
//! - a measure (`unit = "kilometre"`, "metric ton", ...) takes figures in that unit;
//! - any other unit names a counted noun, and the metric takes counts of any counted noun
//!   ("troops", "soldiers", "personnel" all fit `unit = "troop"`);
//! - without a unit, any claim fits.
//!
//! The kind is inferred from the unit with the extractor's unit table; `kind = "count"` (or
//! currency, percentage, measure) overrides it. When several phrases match, the longest wins.
//! A claim that matches no phrase gets a key derived from its concept ([`derived_key`]).

use crate::extract::{keywords, units};
use crate::model::{Claim, Kind};
use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The catalog file's name inside the data folder.
pub const FILE_NAME: &str = "metrics.toml";

/// One metric of the catalog, as written in `metrics.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricDef {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Overrides the kind inferred from `unit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub cumulative: bool,
    #[serde(default, rename = "match")]
    pub phrases: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    #[serde(default)]
    metric: Vec<MetricDef>,
}

/// What claims a metric takes, worked out once from its unit.
#[derive(Debug, Clone, PartialEq)]
struct Fit {
    kind: Option<Kind>,
    /// Normalised unit for currencies and measures (the claim's `unit_normalized` must equal it).
    unit: Option<String>,
}

/// The loaded catalog.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Where it was read from (`None`: no file, an empty catalog).
    pub path: Option<PathBuf>,
    pub metrics: Vec<MetricDef>,
    fits: Vec<Fit>,
    /// (normalised phrase with a space on each side, metric index), longest phrase first.
    phrases: Vec<(String, usize)>,
}

impl Catalog {
    /// Reads `path`; a missing file is an empty catalog. Errors name the file and line.
    pub fn load(path: &Path) -> anyhow::Result<Catalog> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Catalog::default()),
            Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
        };
        let mut catalog = Catalog::parse(&text)
            .with_context(|| format!("{}: not a valid metric catalog", path.display()))?;
        catalog.path = Some(path.to_path_buf());
        Ok(catalog)
    }

    /// Parses catalog text.
    pub fn parse(text: &str) -> anyhow::Result<Catalog> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| anyhow::anyhow!("{e}"))?;
        Catalog::from_metrics(file.metric)
    }

    /// Builds a catalog from metric definitions, checking ids.
    pub fn from_metrics(metrics: Vec<MetricDef>) -> anyhow::Result<Catalog> {
        let mut seen = std::collections::HashSet::new();
        let mut fits = Vec::with_capacity(metrics.len());
        let mut phrases = Vec::new();
        for (i, m) in metrics.iter().enumerate() {
            if !valid_id(&m.id) {
                bail!(
                    "metric {} has id {:?}: use lower-case letters, digits, '-', '_' and '.'",
                    i + 1,
                    m.id
                );
            }
            if !seen.insert(m.id.as_str()) {
                bail!("metric id {:?} appears twice", m.id);
            }
            fits.push(fit_of(m));
            for p in &m.phrases {
                let n = normalize(p);
                if n.is_empty() {
                    bail!(
                        "metric {:?} has a match phrase {p:?} with no word to match (only \
                         punctuation, or words like \"of\" and \"the\" that are left out)",
                        m.id
                    );
                }
                phrases.push((format!(" {n} "), i));
            }
        }
        phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        Ok(Catalog {
            path: None,
            metrics,
            fits,
            phrases,
        })
    }

    /// The definition of metric `id`.
    pub fn get(&self, id: &str) -> Option<&MetricDef> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The metric is a running total that should never fall.
    pub fn is_cumulative(&self, id: &str) -> bool {
        self.get(id).is_some_and(|m| m.cumulative)
    }

    /// Ids of the cumulative metrics.
    pub fn cumulative_ids(&self) -> Vec<String> {
        self.metrics
            .iter()
            .filter(|m| m.cumulative)
            .map(|m| m.id.clone())
            .collect()
    }

    /// The catalog metric a claim belongs to, if any: the longest phrase contained in its
    /// concept, among the metrics whose unit fits the claim.
    pub fn matching(&self, claim: &Claim) -> Option<&MetricDef> {
        let concept = claim.concept.as_deref()?;
        let hay = format!(" {} ", normalize(concept));
        self.phrases
            .iter()
            .find(|(p, i)| hay.contains(p.as_str()) && fits(&self.fits[*i], claim))
            .map(|(_, i)| &self.metrics[*i])
    }

    /// The metric key of a claim: a catalog id, or one derived from its concept.
    pub fn assign(&self, claim: &Claim) -> String {
        match self.matching(claim) {
            Some(m) => m.id.clone(),
            None => derived_key(claim),
        }
    }

    /// The catalog text with `def` appended (the existing text is kept as written).
    pub fn append_text(existing: &str, def: &MetricDef) -> anyhow::Result<String> {
        #[derive(Serialize)]
        struct One<'a> {
            metric: [&'a MetricDef; 1],
        }
        let block = toml::to_string(&One { metric: [def] })?;
        let mut text = existing.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&block);
        Ok(text)
    }
}

/// A metric id: lower-case letters, digits, `-`, `_` and `.`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

fn fit_of(m: &MetricDef) -> Fit {
    let unit = m.unit.as_deref().map(|u| u.trim().to_lowercase());
    let inferred = unit.as_deref().map(|u| {
        if matches!(u, "percentage" | "percent" | "per cent" | "%" | "pct") {
            return (Kind::Percentage, Some("percentage".to_string()));
        }
        let words: Vec<&str> = u.split_whitespace().collect();
        match units::unit_after(&words) {
            Some(m) if m.len == words.len() && m.kind != Kind::Count => (m.kind, Some(m.norm)),
            _ => (Kind::Count, None),
        }
    });
    match (m.kind, inferred) {
        (Some(Kind::Count), _) => Fit {
            kind: Some(Kind::Count),
            unit: None,
        },
        (Some(k), Some((ik, norm))) if k == ik => Fit {
            kind: Some(k),
            unit: norm,
        },
        (Some(k), _) => Fit {
            kind: Some(k),
            unit: unit.map(|u| {
                u.split_whitespace()
                    .map(units::singular)
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        },
        (None, Some((k, norm))) => Fit {
            kind: Some(k),
            unit: norm,
        },
        (None, None) => Fit {
            kind: None,
            unit: None,
        },
    }
}

fn fits(fit: &Fit, claim: &Claim) -> bool {
    let Some(kind) = fit.kind else {
        return true;
    };
    if claim.kind != kind {
        return false;
    }
    match (&fit.unit, kind) {
        (_, Kind::Count) => true,
        (Some(u), Kind::Percentage) => claim.unit_normalized.as_deref().is_none_or(|c| c == u),
        (Some(u), _) => claim.unit_normalized.as_deref() == Some(u.as_str()),
        (None, _) => true,
    }
}

/// Text as compared with match phrases: lower case, "'s", punctuation and function words
/// ("of", "in", "the" ...) dropped, each word singular, single spaces. "North Korea's soldiers
/// in Kursk," -> "north korea soldier kursk". Concepts are reported without function words, so
/// a phrase written with them ("troops in Kursk") still matches.
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let mut out = String::with_capacity(lower.len());
    for raw in lower.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        let w = raw.trim_matches('\'');
        let w = w.strip_suffix("'s").unwrap_or(w).replace('\'', "");
        if w.is_empty() || keywords::is_function_word(&w) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&units::singular(&w));
    }
    out
}

/// Longest derived key, in bytes.
const MAX_KEY: usize = 64;

/// The key of a claim outside the catalog: its normalised concept as a slug
/// ("North Korean troops" -> `north-korean-troop`), with the unit appended unless the concept
/// already names it ("average price of fuel" in dollars -> `average-price-fuel-dollar`, "Waymo"
/// counting jobs -> `waymo-job`), so figures of different things never share a series. A count
/// without a concept is keyed by what it counts (`person`); other claims without one get
/// `unlabelled-` and their unit (or kind).
pub fn derived_key(claim: &Claim) -> String {
    let counted = claim
        .unit_normalized
        .as_deref()
        .map(normalize)
        .filter(|u| !u.is_empty());
    let counts_noun = claim.kind == Kind::Count && counted.is_some();
    let unit = counted.unwrap_or_else(|| claim.kind.name().to_string());
    let concept = claim.concept.as_deref().map(normalize).unwrap_or_default();
    let mut key = if concept.is_empty() && counts_noun {
        unit
    } else if concept.is_empty() {
        format!("unlabelled {unit}")
    } else if format!(" {concept} ").contains(&format!(" {unit} ")) {
        concept
    } else {
        format!("{concept} {unit}")
    };
    if key.len() > MAX_KEY {
        let mut cut = MAX_KEY;
        while !key.is_char_boundary(cut) {
            cut -= 1;
        }
        key.truncate(cut);
        if let Some(sp) = key.rfind(' ') {
            key.truncate(sp);
        }
    }
    slug(&key)
}

/// Lower-case words joined by '-'.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Only levels form a level series: "10,000, up from 3,000" and "fell to 4.1%" are levels;
/// "rose 2.1%" is a change, "1,200 a day" a rate (see [`crate::model::Role`]).
pub fn is_level(claim: &Claim) -> bool {
    claim.role == crate::model::Role::Level
}

/// The catalog of a data folder.
pub fn catalog_path(data: &Path) -> PathBuf {
    data.join(FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Bound;

    fn claim(concept: &str, kind: Kind, unit: Option<&str>) -> Claim {
        Claim {
            doc: "d".into(),
            claim_id: "c".into(),
            published: None,
            as_of: None,
            metric: None,
            metric_match: None,
            concept: Some(concept.into()),
            value: 1.0,
            low: None,
            high: None,
            unit: None,
            unit_normalized: unit.map(Into::into),
            kind,
            bound: Bound::Exact,
            direction: None,
            role: crate::model::Role::Level,
            previous: None,
            previous_text: None,
            previous_start: None,
            previous_end: None,
            previous_as_of: None,
            attribution: None,
            text: "1".into(),
            start: 0,
            end: 1,
            sentence: String::new(),
        }
    }

    const CATALOG: &str = r#"
[[metric]]
id = "nk-troops-in-russia"
label = "North Korean troops in Russia"
unit = "troop"
match = ["north korean troops", "north korean soldiers"]

[[metric]]
id = "nk-troops-kursk"
unit = "troop"
match = ["north korean troops in kursk"]

[[metric]]
id = "us-aid"
unit = "dollar"
match = ["security assistance"]

[[metric]]
id = "inflation"
unit = "percentage"
match = ["inflation"]
"#;

    #[test]
    fn phrases_match_after_normalising_and_the_longest_wins() {
        let c = Catalog::parse(CATALOG).unwrap();
        let cases: &[(&str, Kind, Option<&str>, &str)] = &[
            (
                "North Korean troops in eastern Russia",
                Kind::Count,
                Some("troop"),
                "nk-troops-in-russia",
            ),
            (
                "North Korean soldier,",
                Kind::Count,
                Some("soldier"),
                "nk-troops-in-russia",
            ),
            (
                "North Korean troops in Kursk",
                Kind::Count,
                Some("troop"),
                "nk-troops-kursk",
            ),
            // Concepts come without function words; phrases may have them.
            (
                "North Korean troops Kursk",
                Kind::Count,
                Some("troop"),
                "nk-troops-kursk",
            ),
            (
                "new security assistance",
                Kind::Currency,
                Some("dollar"),
                "us-aid",
            ),
            (
                "security assistance",
                Kind::Currency,
                Some("euro"),
                "security-assistance-euro",
            ),
            (
                "Inflation",
                Kind::Percentage,
                Some("percentage"),
                "inflation",
            ),
            (
                "inflation",
                Kind::Percentage,
                Some("percentage point"),
                "inflation-percentage-point",
            ),
            (
                "North Korean troops",
                Kind::Currency,
                Some("dollar"),
                "north-korean-troop-dollar",
            ),
        ];
        for (concept, kind, unit, want) in cases {
            assert_eq!(c.assign(&claim(concept, *kind, *unit)), *want, "{concept}");
        }
    }

    #[test]
    fn derived_keys() {
        assert_eq!(
            derived_key(&claim("North Korean troops", Kind::Count, Some("troop"))),
            "north-korean-troop"
        );
        assert_eq!(
            derived_key(&claim(
                "Ukraine's grain exports",
                Kind::Measure,
                Some("metric ton")
            )),
            "ukraine-grain-export-metric-ton"
        );
        assert_eq!(
            derived_key(&claim("Waymo", Kind::Count, Some("job"))),
            "waymo-job"
        );
        let mut c = claim("x", Kind::Currency, Some("dollar"));
        c.concept = None;
        assert_eq!(derived_key(&c), "unlabelled-dollar");
        // A count without a concept is keyed by what it counts.
        let mut c = claim("x", Kind::Count, Some("person"));
        c.concept = None;
        assert_eq!(derived_key(&c), "person");
        c.unit_normalized = None;
        assert_eq!(derived_key(&c), "unlabelled-count");
    }

    #[test]
    fn bad_catalogs_are_rejected() {
        assert!(Catalog::parse("[[metric]]\nid = \"A B\"\n").is_err());
        assert!(Catalog::parse("[[metric]]\nid = \"a\"\n[[metric]]\nid = \"a\"\n").is_err());
        let e = Catalog::parse("[[metric]]\nid = \"a\"\ncumulativ = true\n").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
    }

    #[test]
    fn appended_metric_parses_back() {
        let def = MetricDef {
            id: "ru-losses-apc".into(),
            label: Some("APC".into()),
            unit: None,
            kind: None,
            cumulative: true,
            phrases: vec![],
        };
        let text = Catalog::append_text(CATALOG, &def).unwrap();
        let c = Catalog::parse(&text).unwrap();
        assert!(c.is_cumulative("ru-losses-apc"));
        assert_eq!(c.metrics.len(), 5);
    }

    #[test]
    fn a_phrase_with_no_word_to_match_is_named_as_such() {
        for phrase in ["", "--", "!?", "of the", "\u{2019}"] {
            let toml = format!("[[metric]]\nid = \"m\"\nmatch = [{phrase:?}]\n");
            let e = Catalog::parse(&toml).unwrap_err().to_string();
            assert!(e.contains("no word to match"), "{phrase:?}: {e}");
        }
    }
}
