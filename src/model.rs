//! The records every stage shares: a [`Document`] goes in, [`Claim`]s come out.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An article to extract from: its text plus what is known about it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Given id, file stem, or the record's line number.
    pub id: String,
    pub text: String,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
}

impl Document {
    /// A document with just an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }
}

/// What sort of figure a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Count,
    Currency,
    Percentage,
    Measure,
    #[default]
    Other,
}

/// How the figure bounds the true value.
///
/// `~` covers what rounds to the value; `>`/`<` are open intervals, `>=`/`<=` closed ones.
/// "nearly" and "almost" are written `~` (the value is approached from below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Bound {
    #[serde(rename = "=")]
    #[default]
    Exact,
    #[serde(rename = "~")]
    Approximate,
    #[serde(rename = ">")]
    MoreThan,
    #[serde(rename = "<")]
    LessThan,
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
}

impl Bound {
    pub fn symbol(self) -> &'static str {
        match self {
            Bound::Exact => "=",
            Bound::Approximate => "~",
            Bound::MoreThan => ">",
            Bound::LessThan => "<",
            Bound::AtLeast => ">=",
            Bound::AtMost => "<=",
        }
    }

    /// The bound in words, as CSV writes it (a cell "=" would start a formula in a spreadsheet).
    pub fn word(self) -> &'static str {
        match self {
            Bound::Exact => "exact",
            Bound::Approximate => "about",
            Bound::MoreThan => "more than",
            Bound::LessThan => "less than",
            Bound::AtLeast => "at least",
            Bound::AtMost => "up to",
        }
    }

    /// Parses the symbol written by [`Bound::symbol`].
    pub fn from_symbol(s: &str) -> Option<Bound> {
        Some(match s {
            "=" => Bound::Exact,
            "~" => Bound::Approximate,
            ">" => Bound::MoreThan,
            "<" => Bound::LessThan,
            ">=" => Bound::AtLeast,
            "<=" => Bound::AtMost,
            _ => return None,
        })
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// A stated change: "rose 2.1%" is up, "fell by 300" is down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

/// What a figure is, which decides whether it is an observation of a level series.
///
/// Only levels form a level series: "10,000 troops", "unemployment fell to 4.1%" (a level reached
/// by a change). "rose 2.1%", "fell by 300" are changes; "1,200 a day" is a rate; "8,000 of them
/// in Kursk", "100 killed in one strike", "two captured soldiers" are parts of the running figure
/// or single events; "10,000 by December", "expected to reach 3%" are targets and forecasts;
/// "in the 12 months to September", "over the past 24 hours" are spans of time that frame the
/// other figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    #[default]
    Level,
    Change,
    Rate,
    Part,
    Target,
    Span,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Level => "level",
            Role::Change => "change",
            Role::Rate => "rate",
            Role::Part => "part",
            Role::Target => "target",
            Role::Span => "span",
        }
    }

    /// Parses the name written by [`Role::name`].
    pub fn from_name(s: &str) -> Option<Role> {
        Some(match s {
            "level" => Role::Level,
            "change" => Role::Change,
            "rate" => Role::Rate,
            "part" => Role::Part,
            "target" => Role::Target,
            "span" => Role::Span,
            _ => return None,
        })
    }
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Currency => "currency",
            Kind::Percentage => "percentage",
            Kind::Measure => "measure",
            Kind::Other => "other",
        }
    }

    /// Parses the name written by [`Kind::name`]; an unknown name is `Other`.
    pub fn from_name(s: &str) -> Kind {
        match s {
            "count" => Kind::Count,
            "currency" => Kind::Currency,
            "percentage" => Kind::Percentage,
            "measure" => Kind::Measure,
            _ => Kind::Other,
        }
    }
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }

    /// Parses the name written by [`Direction::name`].
    pub fn from_name(s: &str) -> Option<Direction> {
        match s {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// One figure found in one document: the project's central record. Its stored columns are
/// [`CLAIM_COLUMNS`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub doc: String,
    pub claim_id: String,
    pub published: Option<NaiveDate>,
    pub as_of: Option<NaiveDate>,
    pub metric: Option<String>,
    /// Why the claim has its metric: the catalog phrase and where it was found
    /// ("'north korean troops' in concept"), or null for a derived key.
    pub metric_match: Option<String>,
    pub concept: Option<String>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub unit_normalized: Option<String>,
    pub kind: Kind,
    pub bound: Bound,
    pub direction: Option<Direction>,
    pub role: Role,
    pub previous: Option<f64>,
    /// The previous value's surface and byte offsets ("3,000" in "up from 3,000").
    pub previous_text: Option<String>,
    pub previous_start: Option<u32>,
    pub previous_end: Option<u32>,
    /// The date the previous value held, when the text gives it ("from 2.1% in August").
    pub previous_as_of: Option<NaiveDate>,
    pub attribution: Option<String>,
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub sentence: String,
}

impl Claim {
    /// The previous value as an observation of its own, when the text dates it ("eased to 1.9%
    /// in September from 2.1% in August" gives 2.1 at August): its own span and id, the claim's
    /// metric, concept, unit, kind and attribution. It is a level, unless the claim is a rate or
    /// a part ("1,200 a day, up from 900 in May": the earlier figure is a rate as well); its
    /// bound is not read, and is taken as exact.
    pub fn previous_observation(&self) -> Option<Claim> {
        let (value, as_of) = (self.previous?, self.previous_as_of?);
        let (text, start, end) = (
            self.previous_text.clone()?,
            self.previous_start?,
            self.previous_end?,
        );
        let role = match self.role {
            Role::Rate | Role::Part | Role::Span => self.role,
            Role::Level | Role::Change | Role::Target => Role::Level,
        };
        Some(Claim {
            claim_id: claim_id(&self.doc, start, end),
            as_of: Some(as_of),
            value,
            low: None,
            high: None,
            bound: Bound::Exact,
            direction: None,
            role,
            previous: None,
            previous_text: None,
            previous_start: None,
            previous_end: None,
            previous_as_of: None,
            text,
            start,
            end,
            ..self.clone()
        })
    }
}

/// How one column of a stored claim is read from a [`Claim`] and written back into one: its
/// type is the variant, so the Parquet schema, the frame a store writes and the claims it reads
/// back all follow [`CLAIM_COLUMNS`]. A null read back gives the field's empty value (an empty
/// text, a NaN value, offset 0, an exact bound, the kind `other`, the role `level`).
#[derive(Clone, Copy)]
pub enum ClaimColumn {
    Text(fn(&Claim) -> Option<&str>, fn(&mut Claim, Option<&str>)),
    Number(fn(&Claim) -> Option<f64>, fn(&mut Claim, Option<f64>)),
    Date(
        fn(&Claim) -> Option<NaiveDate>,
        fn(&mut Claim, Option<NaiveDate>),
    ),
    Offset(fn(&Claim) -> Option<u32>, fn(&mut Claim, Option<u32>)),
}

/// The columns of a claim, in the order of [`Claim`]'s fields (which serde, and so JSON and
/// CSV, follows; a test holds the two to one order). This is the one place a new field is
/// given its column.
pub const CLAIM_COLUMNS: &[(&str, ClaimColumn)] = &[
    (
        "doc",
        ClaimColumn::Text(|c| Some(&c.doc), |c, v| c.doc = owned(v)),
    ),
    (
        "claim_id",
        ClaimColumn::Text(|c| Some(&c.claim_id), |c, v| c.claim_id = owned(v)),
    ),
    (
        "published",
        ClaimColumn::Date(|c| c.published, |c, v| c.published = v),
    ),
    ("as_of", ClaimColumn::Date(|c| c.as_of, |c, v| c.as_of = v)),
    (
        "metric",
        ClaimColumn::Text(
            |c| c.metric.as_deref(),
            |c, v| c.metric = v.map(str::to_string),
        ),
    ),
    (
        "metric_match",
        ClaimColumn::Text(
            |c| c.metric_match.as_deref(),
            |c, v| c.metric_match = v.map(str::to_string),
        ),
    ),
    (
        "concept",
        ClaimColumn::Text(
            |c| c.concept.as_deref(),
            |c, v| c.concept = v.map(str::to_string),
        ),
    ),
    (
        "value",
        ClaimColumn::Number(|c| Some(c.value), |c, v| c.value = v.unwrap_or(f64::NAN)),
    ),
    ("low", ClaimColumn::Number(|c| c.low, |c, v| c.low = v)),
    ("high", ClaimColumn::Number(|c| c.high, |c, v| c.high = v)),
    (
        "unit",
        ClaimColumn::Text(|c| c.unit.as_deref(), |c, v| c.unit = v.map(str::to_string)),
    ),
    (
        "unit_normalized",
        ClaimColumn::Text(
            |c| c.unit_normalized.as_deref(),
            |c, v| c.unit_normalized = v.map(str::to_string),
        ),
    ),
    (
        "kind",
        ClaimColumn::Text(
            |c| Some(c.kind.name()),
            |c, v| c.kind = Kind::from_name(v.unwrap_or("")),
        ),
    ),
    (
        "bound",
        ClaimColumn::Text(
            |c| Some(c.bound.symbol()),
            |c, v| c.bound = v.and_then(Bound::from_symbol).unwrap_or(Bound::Exact),
        ),
    ),
    (
        "direction",
        ClaimColumn::Text(
            |c| c.direction.map(Direction::name),
            |c, v| c.direction = v.and_then(Direction::from_name),
        ),
    ),
    (
        "role",
        ClaimColumn::Text(
            |c| Some(c.role.name()),
            |c, v| c.role = v.and_then(Role::from_name).unwrap_or_default(),
        ),
    ),
    (
        "previous",
        ClaimColumn::Number(|c| c.previous, |c, v| c.previous = v),
    ),
    (
        "previous_text",
        ClaimColumn::Text(
            |c| c.previous_text.as_deref(),
            |c, v| c.previous_text = v.map(str::to_string),
        ),
    ),
    (
        "previous_start",
        ClaimColumn::Offset(|c| c.previous_start, |c, v| c.previous_start = v),
    ),
    (
        "previous_end",
        ClaimColumn::Offset(|c| c.previous_end, |c, v| c.previous_end = v),
    ),
    (
        "previous_as_of",
        ClaimColumn::Date(|c| c.previous_as_of, |c, v| c.previous_as_of = v),
    ),
    (
        "attribution",
        ClaimColumn::Text(
            |c| c.attribution.as_deref(),
            |c, v| c.attribution = v.map(str::to_string),
        ),
    ),
    (
        "text",
        ClaimColumn::Text(|c| Some(&c.text), |c, v| c.text = owned(v)),
    ),
    (
        "start",
        ClaimColumn::Offset(|c| Some(c.start), |c, v| c.start = v.unwrap_or(0)),
    ),
    (
        "end",
        ClaimColumn::Offset(|c| Some(c.end), |c, v| c.end = v.unwrap_or(0)),
    ),
    (
        "sentence",
        ClaimColumn::Text(|c| Some(&c.sentence), |c, v| c.sentence = owned(v)),
    ),
];

fn owned(v: Option<&str>) -> String {
    v.unwrap_or_default().to_string()
}

/// A claim as the extractor finds it, before it is made a [`Claim`]: the document, its text and
/// sentence are borrowed from the document (`'d`), the attribution from the sentence's reading
/// (`'s`). `figtrack extract` writes claims as JSON from this view through one reused claim
/// ([`ClaimView::fill`]) rather than allocating each claim's strings.
#[derive(Debug, Clone)]
pub struct ClaimView<'d, 's> {
    pub doc: &'d Document,
    pub as_of: Option<NaiveDate>,
    pub concept: Option<String>,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: Option<String>,
    pub unit_normalized: Option<String>,
    pub kind: Kind,
    pub bound: Bound,
    pub direction: Option<Direction>,
    pub role: Role,
    pub previous: Option<f64>,
    pub previous_text: Option<&'d str>,
    pub previous_start: Option<u32>,
    pub previous_end: Option<u32>,
    pub previous_as_of: Option<NaiveDate>,
    pub attribution: Option<&'s str>,
    pub text: &'d str,
    pub start: u32,
    pub end: u32,
    pub sentence: &'d str,
}

impl ClaimView<'_, '_> {
    /// The owned claim (no metric yet: metrics are assigned later).
    pub fn into_claim(self) -> Claim {
        let mut claim = Claim::default();
        self.fill(&mut claim);
        claim
    }

    /// Makes `into` the owned claim (no metric yet), in the memory of its strings: a writer
    /// that fills one claim per row (the JSON of `figtrack extract`, which then reads it by
    /// [`CLAIM_COLUMNS`]) copies each claim's texts instead of allocating them (only an
    /// attribution or previous value missing from the claim before is allocated again).
    pub fn fill(self, into: &mut Claim) {
        let Claim {
            doc,
            claim_id,
            published,
            as_of,
            metric,
            metric_match,
            concept,
            value,
            low,
            high,
            unit,
            unit_normalized,
            kind,
            bound,
            direction,
            role,
            previous,
            previous_text,
            previous_start,
            previous_end,
            previous_as_of,
            attribution,
            text,
            start,
            end,
            sentence,
        } = into;
        copy(doc, &self.doc.id);
        let hex = claim_id_hex(&self.doc.id, self.start, self.end);
        copy(claim_id, std::str::from_utf8(&hex).unwrap_or_default());
        *published = self.doc.published;
        *as_of = self.as_of;
        *metric = None;
        *metric_match = None;
        *concept = self.concept;
        *value = self.value;
        *low = self.low;
        *high = self.high;
        *unit = self.unit;
        *unit_normalized = self.unit_normalized;
        *kind = self.kind;
        *bound = self.bound;
        *direction = self.direction;
        *role = self.role;
        *previous = self.previous;
        copy_opt(previous_text, self.previous_text);
        *previous_start = self.previous_start;
        *previous_end = self.previous_end;
        *previous_as_of = self.previous_as_of;
        copy_opt(attribution, self.attribution);
        copy(text, self.text);
        *start = self.start;
        *end = self.end;
        copy(sentence, self.sentence);
    }
}

/// Makes `s` the text `v`, in the memory `s` has.
fn copy(s: &mut String, v: &str) {
    s.clear();
    s.push_str(v);
}

/// Makes `s` the text `v` (or none), in the memory `s` has.
fn copy_opt(s: &mut Option<String>, v: Option<&str>) {
    match (s.as_mut(), v) {
        (Some(s), Some(v)) => copy(s, v),
        (None, Some(v)) => *s = Some(v.to_string()),
        (_, None) => *s = None,
    }
}

/// The stable id of a claim: a hash of its document id and byte span.
pub fn claim_id(doc: &str, start: u32, end: u32) -> String {
    claim_id_hex(doc, start, end)
        .map(char::from)
        .iter()
        .collect()
}

/// The id of [`claim_id`] as sixteen lower-case hex digits, as `format!("{hash:016x}")` writes
/// them, without the formatting machinery or an allocation.
pub fn claim_id_hex(doc: &str, start: u32, end: u32) -> [u8; 16] {
    // The key on the stack for the usual short document ids (one id per claim).
    let mut stack = [0u8; 128];
    let mut heap = Vec::new();
    let key = match stack.get_mut(..doc.len() + 9) {
        Some(key) => key,
        None => {
            heap.resize(doc.len() + 9, 0);
            &mut heap[..]
        }
    };
    key[..doc.len()].copy_from_slice(doc.as_bytes());
    key[doc.len()] = 0;
    key[doc.len() + 1..doc.len() + 5].copy_from_slice(&start.to_le_bytes());
    key[doc.len() + 5..].copy_from_slice(&end.to_le_bytes());
    let hash = xxhash_rust::xxh3::xxh3_64(key);
    const HEX: &[u8; 16] = b"0123456789abcdef";
    std::array::from_fn(|i| HEX[(hash >> (4 * (15 - i))) as usize & 0xF])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A claim's JSON (and so its CSV) has the columns of its stored frame, in their order.
    #[test]
    fn serde_fields_are_the_stored_columns() {
        let json =
            serde_json::to_value(eased(NaiveDate::from_ymd_opt(2024, 8, 31), Role::Level)).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let columns: Vec<&str> = CLAIM_COLUMNS.iter().map(|(name, _)| *name).collect();
        assert_eq!(keys, columns);
    }

    /// "Inflation eased to 1.9% in September from 2.1% in August": the claim for 1.9 with its
    /// dated previous value.
    fn eased(previous_as_of: Option<NaiveDate>, role: Role) -> Claim {
        let sentence = "Inflation eased to 1.9% in September from 2.1% in August.";
        let september = NaiveDate::from_ymd_opt(2024, 9, 30);
        Claim {
            doc: "d".into(),
            claim_id: claim_id("d", 19, 22),
            published: NaiveDate::from_ymd_opt(2024, 10, 15),
            as_of: september,
            metric: Some("inflation".into()),
            metric_match: Some("'inflation' in concept".into()),
            concept: Some("Inflation".into()),
            value: 1.9,
            low: None,
            high: None,
            unit: Some("%".into()),
            unit_normalized: Some("percentage".into()),
            kind: Kind::Percentage,
            bound: Bound::Approximate,
            direction: Some(Direction::Down),
            role,
            previous: Some(2.1),
            previous_text: Some("2.1".into()),
            previous_start: Some(42),
            previous_end: Some(45),
            previous_as_of,
            attribution: Some("the statistics office".into()),
            text: "1.9".into(),
            start: 19,
            end: 22,
            sentence: sentence.into(),
        }
    }

    #[test]
    fn a_dated_previous_value_is_an_observation_of_its_own() {
        let august = NaiveDate::from_ymd_opt(2024, 8, 31);
        let claim = eased(august, Role::Level);
        let prev = claim
            .previous_observation()
            .expect("a dated previous value");
        assert_eq!(prev.value, 2.1);
        assert_eq!(prev.as_of, august);
        assert_eq!((prev.text.as_str(), prev.start, prev.end), ("2.1", 42, 45));
        assert_eq!(prev.claim_id, claim_id("d", 42, 45));
        assert_ne!(prev.claim_id, claim.claim_id);
        assert_eq!(prev.role, Role::Level);
        assert_eq!(prev.bound, Bound::Exact);
        assert_eq!(
            (prev.direction, prev.previous, prev.previous_as_of),
            (None, None, None)
        );
        // What the figure is about, and who says it, are the claim's.
        assert_eq!(prev.metric, claim.metric);
        assert_eq!(prev.metric_match, claim.metric_match);
        assert_eq!(prev.concept, claim.concept);
        assert_eq!(prev.unit_normalized, claim.unit_normalized);
        assert_eq!(prev.kind, claim.kind);
        assert_eq!(prev.attribution, claim.attribution);
        assert_eq!(prev.published, claim.published);
        assert_eq!(prev.sentence, claim.sentence);
    }

    #[test]
    fn the_previous_value_keeps_a_rate_or_part_role_and_is_a_level_otherwise() {
        let august = NaiveDate::from_ymd_opt(2024, 8, 31);
        for (role, want) in [
            (Role::Level, Role::Level),
            (Role::Change, Role::Level),
            (Role::Target, Role::Level),
            (Role::Rate, Role::Rate),
            (Role::Part, Role::Part),
        ] {
            let prev = eased(august, role).previous_observation();
            assert_eq!(prev.map(|p| p.role), Some(want), "{role:?}");
        }
    }

    #[test]
    fn an_undated_or_missing_previous_value_is_no_observation() {
        assert_eq!(eased(None, Role::Level).previous_observation(), None);
        let mut none = eased(NaiveDate::from_ymd_opt(2024, 8, 31), Role::Level);
        none.previous = None;
        assert_eq!(none.previous_observation(), None);
    }

    #[test]
    fn claim_ids_are_stable() {
        let doc = "2024-02-24-anniversary-kharkiv-town";
        assert_eq!(claim_id(doc, 303, 315), "9eb91ca515eb3179");
        assert_eq!(claim_id(doc, 342, 365), "3dce0e20d18cce95");
        // Leading zero digits are kept.
        let short = (0..2000)
            .map(|i| claim_id("d", i, i + 1))
            .find(|id| id.starts_with('0'));
        assert!(short.is_some_and(|id| id.len() == 16));
    }
}
