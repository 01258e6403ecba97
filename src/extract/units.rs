//! Units: currency signs and codes before a number, units of measure and percentages after it,
//! and the normalised name of each ("dollar", "percentage", "kilometre", "mile per hour"). The
//! units are data (data/units.tsv, then data/units-quantulum3.tsv), compiled in and indexed at
//! first use: one hash look-up per token beside a number.

use super::lexicon::Keyed;
use crate::model::Kind;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// A unit found beside a number.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitMatch {
    /// Normalised name: lower-case singular English.
    pub norm: String,
    pub kind: Kind,
    /// Number of tokens the unit takes.
    pub len: usize,
}

/// The unit catalogs, each with its path for messages: figtrack's own list, then the one derived
/// from quantulum3's (see data/units.tsv for the format). A surface both name keeps the first.
const CATALOGS: [(&str, &str); 2] = [
    ("data/units.tsv", include_str!("../../data/units.tsv")),
    (
        "data/units-quantulum3.tsv",
        include_str!("../../data/units-quantulum3.tsv"),
    ),
];

/// Where a unit stands beside its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    After,
    Before,
}

/// One unit of a catalog: name, kind, place and "|"-separated surfaces.
type Line = (&'static str, Kind, Place, &'static str);

/// Reads one line of a catalog: `None` for a blank or comment line, the problem when malformed.
fn parse_line(line: &'static str) -> Result<Option<Line>, String> {
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let fields: Vec<&'static str> = line.split('\t').collect();
    let [name, kind, place, surfaces] = fields[..] else {
        return Err(format!("{} fields, expected 4", fields.len()));
    };
    let kind = match kind {
        "percentage" => Kind::Percentage,
        "currency" => Kind::Currency,
        "measure" => Kind::Measure,
        "other" => Kind::Other,
        _ => return Err(format!("unknown kind {kind:?}")),
    };
    let place = match place {
        "after" => Place::After,
        "before" => Place::Before,
        _ => return Err(format!("unknown place {place:?}")),
    };
    if name.is_empty() || surfaces.split('|').any(|s| s.trim().is_empty()) {
        return Err("empty name or surface".into());
    }
    Ok(Some((name, kind, place, surfaces)))
}

/// Every unit of the catalogs in order, each malformed line as "file:line: problem".
fn catalog() -> impl Iterator<Item = Result<Line, String>> {
    CATALOGS.into_iter().flat_map(|(path, text)| {
        text.lines().enumerate().filter_map(move |(n, line)| {
            parse_line(line)
                .map_err(|e| format!("{path}:{}: {e}", n + 1))
                .transpose()
        })
    })
}

/// A surface as the lower-cased token texts a sentence would give, made once for the index.
fn surface_words(surface: &str) -> Vec<&'static str> {
    let mut toks = Vec::new();
    super::tokens::tokenize(surface, 0, &mut toks);
    toks.iter()
        .map(|t| {
            &*Box::leak(
                surface[t.start..t.end]
                    .to_ascii_lowercase()
                    .into_boxed_str(),
            )
        })
        .collect()
}

/// Units keyed by one of their tokens, each list longest first.
type Index = Keyed<Vec<Entry>>;

/// Units after a number, keyed by their first token.
static AFTER_INDEX: LazyLock<Index> = LazyLock::new(|| index(Place::After, |words| words[0]));

/// Currencies before a number, keyed by their last token (the one next to the number): one
/// lookup finds them all.
static BEFORE_INDEX: LazyLock<Index> =
    LazyLock::new(|| index(Place::Before, |words| words[words.len() - 1]));

type Entry = (Vec<&'static str>, Kind, &'static str);

/// The catalogs' units of one place, keyed by `key` of their words; a malformed line (the
/// catalog test rules them out) is left out.
fn index(place: Place, key: fn(&[&'static str]) -> &'static str) -> Index {
    let mut map: FxHashMap<&'static str, Vec<Entry>> = FxHashMap::default();
    for (norm, kind, _, surfaces) in catalog().flatten().filter(|l| l.2 == place) {
        for surface in surfaces.split('|') {
            let words = surface_words(surface);
            if words.is_empty() {
                continue;
            }
            let list = map.entry(key(&words)).or_default();
            if list.iter().all(|e| e.0 != words) {
                list.push((words, kind, norm));
            }
        }
    }
    for list in map.values_mut() {
        list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
    }
    Keyed::new(map)
}

fn matched((seq, kind, norm): &Entry) -> UnitMatch {
    UnitMatch {
        norm: (*norm).to_string(),
        kind: *kind,
        len: seq.len(),
    }
}

/// The unit that starts `words` (lower-cased token texts after the number), longest first.
pub fn unit_after(words: &[&str]) -> Option<UnitMatch> {
    entry_after(words).map(matched)
}

/// The normal name and kind of the unit that starts `words`, for a test that keeps nothing: no
/// string is made.
pub fn unit_name_after(words: &[&str]) -> Option<(&'static str, Kind)> {
    entry_after(words).map(|&(_, kind, norm)| (norm, kind))
}

fn entry_after(words: &[&str]) -> Option<&'static Entry> {
    AFTER_INDEX
        .get(words.first()?)?
        .iter()
        .find(|(seq, _, _)| words.starts_with(seq))
}

/// The currency that ends right before a number, longest first: `words` are the lower-cased
/// token texts before it (at most two), nearest last.
pub fn currency_before(words: &[&str]) -> Option<UnitMatch> {
    BEFORE_INDEX
        .get(words.last()?)?
        .iter()
        .find(|(seq, _, _)| words.ends_with(seq))
        .map(matched)
}

/// A currency code written with a scale letter in front, as company reports do: "MSEK 120",
/// "45 MEUR", "BUSD" (billions), "TNOK" or "KSEK" (thousands). `raw` is the word as written: in
/// capitals, the letter and a three-letter code the units know. Returns the currency and the
/// scale.
pub fn scaled_currency_code(raw: &str) -> Option<(UnitMatch, f64)> {
    let bytes = raw.as_bytes();
    if bytes.len() != 4 || !bytes.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let scale = match bytes[0] {
        b'M' => 1e6,
        b'B' => 1e9,
        b'T' | b'K' => 1e3,
        _ => return None,
    };
    let code = raw[1..].to_ascii_lowercase();
    let unit = currency_before(&[code.as_str()]).filter(|u| u.kind == Kind::Currency)?;
    Some((unit, scale))
}

/// The unit of a rate's denominator, read from `words`, the lower-cased words after "per" or
/// "a": a unit of several words by its catalog name ("per square foot" is "square foot"),
/// else the singular of the first word. Returns the name and the words it takes.
pub fn per_unit(words: &[&str]) -> Option<(String, usize)> {
    if let Some(u) = unit_after(words).filter(|u| u.len > 1) {
        return Some((u.norm, u.len));
    }
    Some((singular(words.first()?), 1))
}

/// The smaller unit that may follow a whole amount of unit `norm` (of `kind`), as how many
/// make one and its surfaces: "3 dollars 50 cents", "5 feet 2 inches", "2 hours 30 minutes".
pub fn minor_unit(norm: &str, kind: Kind) -> Option<(f64, &'static [&'static str])> {
    Some(match norm {
        _ if kind == Kind::Currency => (100.0, &["cents", "cent", "pence", "p", "c"]),
        "foot" => (12.0, &["inches", "inch", "in"]),
        "pound-mass" => (16.0, &["ounces", "ounce", "oz"]),
        "hour" => (60.0, &["minutes", "minute", "mins", "min"]),
        "minute" => (60.0, &["seconds", "second", "secs", "sec"]),
        _ => return None,
    })
}

/// Words that make "pounds" money when one stands just before the amount ("paid 300 pounds").
const MONEY_WORDS: &[&str] = &[
    "cost",
    "costs",
    "costing",
    "paid",
    "pay",
    "pays",
    "paying",
    "worth",
    "spent",
    "spend",
    "spending",
    "raised",
    "raise",
    "fine",
    "fined",
    "salary",
    "wage",
    "wages",
    "price",
    "prize",
    "budget",
    "funding",
    "fund",
    "loan",
    "debt",
    "deal",
    "bid",
    "sold",
    "bought",
    "earn",
    "earns",
    "earned",
    "charge",
    "charged",
    "fee",
    "fees",
    "donated",
    "invested",
    "bill",
    "compensation",
    "awarded",
    "tax",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
];

/// "pounds" after a number is money or weight: money after a scaled amount ("5 million
/// pounds") or a money word among `before`, the lower-cased words before the number; weight
/// otherwise ("weighs 150 pounds"). `unit` read `surface` (its first word); others pass as read.
pub fn pound_sense(unit: UnitMatch, surface: &str, scaled: bool, before: &[&str]) -> UnitMatch {
    let money = unit.norm == "pound-mass"
        && matches!(surface, "pound" | "pounds")
        && (scaled || before.iter().any(|w| MONEY_WORDS.contains(w)));
    if money {
        UnitMatch {
            norm: "pound sterling".into(),
            kind: Kind::Currency,
            ..unit
        }
    } else {
        unit
    }
}

/// Lower-case singular of an English noun: "troops" -> "troop", "people" -> "person". The
/// lower-cased copy is edited in place: one allocation per noun.
pub fn singular(word: &str) -> String {
    // An ASCII word's lower case is its ASCII lower case, much cheaper to make.
    let mut w = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase()
    };
    let irregular = match w.as_str() {
        "people" => "person",
        "men" => "man",
        "women" => "woman",
        "children" => "child",
        "feet" => "foot",
        "teeth" => "tooth",
        "mice" => "mouse",
        "geese" => "goose",
        "lives" => "life",
        "wives" => "wife",
        "knives" => "knife",
        "wolves" => "wolf",
        "halves" => "half",
        "shelves" => "shelf",
        "leaves" => "leaf",
        "thieves" => "thief",
        "criteria" => "criterion",
        "phenomena" => "phenomenon",
        "analyses" => "analysis",
        "crises" => "crisis",
        "theses" => "thesis",
        "diagnoses" => "diagnosis",
        "hypotheses" => "hypothesis",
        "syntheses" => "synthesis",
        "indices" => "index",
        "matrices" => "matrix",
        "vertices" => "vertex",
        "appendices" => "appendix",
        // "-uses" is "-use" in "houses", "causes", "abuses": the "-us" nouns are listed.
        "viruses" => "virus",
        "buses" => "bus",
        "bonuses" => "bonus",
        "campuses" => "campus",
        "censuses" => "census",
        "statuses" => "status",
        "surpluses" => "surplus",
        "stimuluses" => "stimulus",
        _ => "",
    };
    if !irregular.is_empty() {
        w.clear();
        w.push_str(irregular);
        return w;
    }
    let same = matches!(
        w.as_str(),
        "series"
            | "species"
            | "news"
            | "police"
            | "staff"
            | "personnel"
            | "aircraft"
            | "sheep"
            | "fish"
            | "cattle"
            | "data"
            | "equipment"
            | "gas"
            | "bus"
            | "status"
            | "means"
            | "headquarters"
    );
    if same || w.len() < 3 {
        return w;
    }
    for (plural, single) in [
        ("ies", "y"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("sses", "ss"),
        ("xes", "x"),
        ("zzes", "zz"),
        ("oes", "o"),
    ] {
        if w.ends_with(plural) {
            let stem = w.len() - plural.len();
            if plural == "ies" && stem < 2 {
                break;
            }
            w.truncate(stem);
            w.push_str(single);
            return w;
        }
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || w.ends_with("'s") {
        return w;
    }
    if w.ends_with('s') {
        w.pop();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_codes_with_a_scale_letter() {
        let cases: &[(&str, Option<(&str, f64)>)] = &[
            ("MSEK", Some(("swedish krona", 1e6))),
            ("MEUR", Some(("euro", 1e6))),
            ("BUSD", Some(("dollar", 1e9))),
            ("TNOK", Some(("norwegian krone", 1e3))),
            ("Meur", None),
            ("MXYZ", None),
            ("MSEKS", None),
            ("SEK", None),
        ];
        for (raw, want) in cases {
            let got = scaled_currency_code(raw).map(|(u, s)| (u.norm, s));
            assert_eq!(got, want.map(|(n, s)| (n.to_string(), s)), "{raw}");
        }
    }

    #[test]
    fn units_after_a_number() {
        let cases: &[(&str, &str, Kind, usize)] = &[
            ("%", "percentage", Kind::Percentage, 1),
            ("per cent of", "percentage", Kind::Percentage, 2),
            ("percentage points", "percentage point", Kind::Percentage, 2),
            ("km / h", "kilometre per hour", Kind::Measure, 3),
            ("km away", "kilometre", Kind::Measure, 1),
            ("miles per hour", "mile per hour", Kind::Measure, 3),
            ("tonnes of grain", "metric ton", Kind::Measure, 1),
            ("degrees celsius", "celsius", Kind::Measure, 2),
            ("euros", "euro", Kind::Currency, 1),
            ("danish crowns", "danish krone", Kind::Currency, 2),
            ("years old", "year of age", Kind::Measure, 2),
            ("mph", "mile per hour", Kind::Measure, 1),
            ("ha burned", "hectare", Kind::Measure, 1),
            // From the catalog data: names, plurals, symbols, prefixes and "per" compounds.
            ("mpg on the highway", "mile per gallon", Kind::Measure, 1),
            ("miles per gallon", "mile per gallon", Kind::Measure, 3),
            ("lb-ft of torque", "pound-foot", Kind::Measure, 1),
            ("pound-feet", "pound-foot", Kind::Measure, 1),
            ("\u{b5}m thick", "micrometre", Kind::Measure, 1),
            ("micrometres", "micrometre", Kind::Measure, 1),
            ("mah battery", "milliampere-hour", Kind::Measure, 1),
            ("ppb of lead", "parts-per-billion", Kind::Measure, 1),
            ("parts per billion", "parts-per-billion", Kind::Measure, 3),
            ("rpm", "revolutions per minute", Kind::Measure, 1),
            ("bhp", "horsepower", Kind::Measure, 1),
            ("m.p.h", "mile per hour", Kind::Measure, 1),
            ("ksi", "kilopound per square inch", Kind::Measure, 1),
            ("kpa", "kilopascal", Kind::Measure, 1),
            ("nanometres", "nanometre", Kind::Measure, 1),
            ("terawatts", "terawatt", Kind::Measure, 1),
            ("lbs", "pound-mass", Kind::Measure, 1),
            ("mw", "megawatt", Kind::Measure, 1),
            ("mm", "millimetre", Kind::Measure, 1),
            ("kb", "kilobyte", Kind::Measure, 1),
            ("pesos", "mexican peso", Kind::Currency, 1),
            ("pennies", "penny", Kind::Currency, 1),
            ("pm", "picometre", Kind::Measure, 1),
            ("penny a share", "penny", Kind::Currency, 1),
            ("tablespoons of sugar", "tablespoon", Kind::Measure, 1),
            ("square yards", "square yard", Kind::Measure, 2),
            ("km2", "square kilometre", Kind::Measure, 1),
            ("km ^ 3", "cubic kilometre", Kind::Measure, 3),
            ("m \u{b2}", "square metre", Kind::Measure, 2),
        ];
        for (text, norm, kind, len) in cases {
            let words: Vec<&str> = text.split(' ').collect();
            let m = unit_after(&words).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (m.norm.as_str(), m.kind, m.len),
                (*norm, *kind, *len),
                "{text}"
            );
        }
        // Words and codes the catalog leaves out: after a number they are rarely units.
        for word in ["troops", "in", "set", "league", "tesla", "gray", "va", "my"] {
            assert_eq!(unit_after(&[word]), None, "{word}");
            assert_eq!(unit_name_after(&[word]), None, "{word}");
        }
        assert_eq!(
            unit_name_after(&["percentage", "points"]),
            Some(("percentage point", Kind::Percentage))
        );
    }

    #[test]
    fn currencies_before_a_number() {
        let cases: &[(&[&str], &str)] = &[
            (&["$"], "dollar"),
            (&["us", "$"], "dollar"),
            (&["c", "$"], "canadian dollar"),
            (&["€"], "euro"),
            (&["£"], "pound sterling"),
            (&["usd"], "dollar"),
            (&["rm"], "malaysian ringgit"),
            (&["cost", "$"], "dollar"),
            (&["$", "a"], "australian dollar"),
            (&["a", "$"], "australian dollar"),
            (&["nz", "$"], "new zealand dollar"),
            (&["hk", "$"], "hong kong dollar"),
            (&["$", "us"], "dollar"),
            (&["r", "$"], "brazilian real"),
            (&["sek"], "swedish krona"),
        ];
        for (words, norm) in cases {
            assert_eq!(
                currency_before(words).map(|m| m.norm),
                Some(norm.to_string()),
                "{words:?}"
            );
        }
        assert_eq!(currency_before(&["the"]), None);
    }

    #[test]
    fn pounds_are_money_or_weight_by_context() {
        let pounds = || unit_after(&["pounds"]).unwrap();
        let cases: &[(&str, bool, &[&str], &str)] = &[
            ("pounds", false, &["he", "weighs"], "pound-mass"),
            ("pounds", false, &["a", "sack", "of"], "pound-mass"),
            ("pounds", true, &["lost"], "pound sterling"),
            ("pounds", false, &["the", "club", "paid"], "pound sterling"),
            ("pounds", false, &["a", "fine", "of"], "pound sterling"),
            ("lbs", true, &["paid"], "pound-mass"),
        ];
        for (surface, scaled, before, norm) in cases {
            let unit = pound_sense(pounds(), surface, *scaled, before);
            assert_eq!(unit.norm, *norm, "{surface} {before:?}");
            assert_eq!(unit.kind == Kind::Currency, *norm == "pound sterling");
        }
        // Other units pass as read.
        let km = unit_after(&["km"]).unwrap();
        assert_eq!(pound_sense(km.clone(), "km", true, &["paid"]), km);
    }

    #[test]
    fn rate_denominators() {
        let cases: &[(&[&str], &str, usize)] = &[
            (&["square", "foot", "in"], "square foot", 2),
            (&["square", "feet"], "square foot", 2),
            (&["kilowatt", "hour"], "kilowatt hour", 2),
            (&["shares", "of"], "share", 1),
            (&["gram"], "gram", 1),
        ];
        for (words, name, len) in cases {
            assert_eq!(per_unit(words), Some((name.to_string(), *len)), "{words:?}");
        }
        assert_eq!(per_unit(&[]), None);
    }

    #[test]
    fn minor_units() {
        assert_eq!(minor_unit("euro", Kind::Currency).unwrap().0, 100.0);
        assert_eq!(minor_unit("foot", Kind::Measure).unwrap().0, 12.0);
        assert!(
            minor_unit("hour", Kind::Measure)
                .unwrap()
                .1
                .contains(&"minutes")
        );
        assert_eq!(minor_unit("percentage", Kind::Percentage), None);
    }

    #[test]
    fn every_catalog_line_parses() {
        let problems: Vec<String> = catalog().filter_map(Result::err).collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(catalog().count() > 400);
        assert_eq!(
            parse_line("metre\tmeasure\tafter").unwrap_err(),
            "3 fields, expected 4"
        );
        assert!(parse_line("metre\tlength\tafter\tm").is_err());
        assert!(parse_line("metre\tmeasure\tbeside\tm").is_err());
        assert!(parse_line("metre\tmeasure\tafter\tm||metres").is_err());
        assert_eq!(parse_line("# a comment"), Ok(None));
    }

    #[test]
    fn singular_nouns() {
        let cases = [
            ("troops", "troop"),
            ("people", "person"),
            ("soldiers", "soldier"),
            ("burglaries", "burglary"),
            ("launches", "launch"),
            ("refugees", "refugee"),
            ("children", "child"),
            ("series", "series"),
            ("Drones", "drone"),
            ("civilians", "civilian"),
            ("status", "status"),
            ("MICE", "mouse"),
            ("ties", "tie"),
            ("pies", "pie"),
            ("cities", "city"),
            ("boxes", "box"),
            ("heroes", "hero"),
            ("buses", "bus"),
            ("viruses", "virus"),
            ("Bonuses", "bonus"),
            ("houses", "house"),
            ("causes", "cause"),
            ("species", "species"),
            ("crises", "crisis"),
            ("analyses", "analysis"),
            ("diagnoses", "diagnosis"),
            ("indices", "index"),
            ("matrices", "matrix"),
            ("prices", "price"),
            ("glasses", "glass"),
            ("cactus", "cactus"),
            ("s", "s"),
            ("\u{c9}T\u{c9}S", "\u{e9}t\u{e9}"),
        ];
        for (plural, single) in cases {
            assert_eq!(singular(plural), single, "{plural}");
        }
    }
}
