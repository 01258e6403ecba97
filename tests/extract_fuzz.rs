//! Property tests: `figtrack::extract` never panics, whatever the text, and what it returns
//! always holds together (spans inside the text, finite values, ordered ranges, well-formed ids).

use chrono::{Days, NaiveDate};
use figtrack::{Claim, Document};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Cases per property: enough to find the usual slicing and overflow faults, few enough to keep
/// the suite quick in a debug build.
const CASES: u32 = 384;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Checks what every claim of `doc` must satisfy.
fn check(doc: &Document, claims: &[Claim]) -> Result<(), TestCaseError> {
    let text = doc.text.as_str();
    let mut last_start = 0;
    for c in claims {
        let (start, end) = (c.start as usize, c.end as usize);
        prop_assert!(start <= end, "start {start} > end {end}: {c:?}");
        prop_assert!(end <= text.len(), "end {end} past {}: {c:?}", text.len());
        prop_assert_eq!(
            text.get(start..end),
            Some(c.text.as_str()),
            "span of {:?}",
            c
        );
        prop_assert!(c.value.is_finite(), "value {}: {:?}", c.value, c);
        for bound in [c.low, c.high, c.previous].into_iter().flatten() {
            prop_assert!(bound.is_finite(), "non-finite low/high/previous: {:?}", c);
        }
        if let (Some(low), Some(high)) = (c.low, c.high) {
            prop_assert!(low <= high, "low {low} > high {high}: {c:?}");
        }
        prop_assert!(
            c.claim_id.len() == 16
                && c.claim_id
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
            "claim_id {:?}",
            c.claim_id
        );
        prop_assert_eq!(&c.doc, &doc.id);
        prop_assert_eq!(c.published, doc.published);
        prop_assert!(
            text.contains(&c.sentence) && c.sentence.contains(&c.text),
            "sentence does not hold the claim: {:?}",
            c
        );
        prop_assert!(start >= last_start, "claims out of text order: {:?}", c);
        last_start = start;
    }
    Ok(())
}

fn extract_checked(doc: &Document) -> Result<Vec<Claim>, TestCaseError> {
    let claims = figtrack::extract(doc);
    check(doc, &claims)?;
    Ok(claims)
}

fn doc(text: String, published: Option<NaiveDate>) -> Document {
    Document {
        published,
        ..Document::new("fuzz", text)
    }
}

fn published() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        Just(None),
        Just(NaiveDate::from_ymd_opt(2024, 10, 29)),
        Just(Some(NaiveDate::MIN)),
        Just(Some(NaiveDate::MAX)),
        (1i32..=9999, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

/// Characters weighted toward what the extractor looks at: digits, separators and punctuation,
/// letters, unusual digits and spaces, and anything else Unicode has.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![
            ' ', ',', '.', '-', '$', '%', '(', ')', '/', ':', '\n', '\'', '"', '+', '~', '<', '>',
            '€', '£', '¥', '–', '—', '½', '¾', '\u{A0}', '\u{202F}', '\u{2009}', '\u{200B}',
            '\u{FEFF}', '\u{0301}', '\t', '\r',
        ]),
        3 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => proptest::sample::select(vec![
            '\u{660}', '\u{663}', '\u{669}', '\u{6F5}', '\u{966}', '\u{FF10}', '\u{FF19}',
            '\u{1D7CE}', '٫', '٬', 'Ⅻ', '²', '₃',
        ]),
        2 => any::<char>(),
    ]
}

/// Tokens that look like parts of figures, and the words around them.
const VOCABULARY: &[&str] = &[
    "10,000",
    "1.2",
    "million",
    "-",
    "to",
    "$",
    "%",
    "about",
    "between",
    "and",
    "Monday",
    "said",
    "\n",
    "one",
    "half",
    "a",
    "dozen",
    "3/4",
    "1e400",
    "٣",
    "0:00",
    ".",
    ",",
    "(",
    "US",
    "€",
    "more than",
    "up from",
    "fell",
    "rose",
    "by",
    "per cent",
    "troops",
    "people",
    "killed",
    "Pentagon",
    "according to",
    "billion",
    "2024",
    "Oct. 28",
    "at least",
    "nearly",
    "-5",
    "0.000001",
    "999999999999999999999",
    "1,2,3",
    "1..2",
    "$-",
    "%%",
    "—",
    "tens of thousands",
    // Number grammar and units read from the catalog.
    "billion-mile",
    "\u{bd}",
    "5k",
    "$A82",
    "cents",
    "out of",
    "in",
    "per square foot",
    "less than",
    "feet",
    "pounds",
];

fn separator() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(vec![
        " ", " ", " ", "", ", ", ". ", "-", "\n", "\n\n", "\u{A0}", "\u{202F}", "/", "–", ": ",
    ])
}

fn vocabulary_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((proptest::sample::select(VOCABULARY), separator()), 0..80).prop_map(
        |parts| {
            let mut s = String::new();
            for (tok, sep) in parts {
                s.push_str(tok);
                s.push_str(sep);
            }
            s
        },
    )
}

fn seed_text() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = dir.join("../shared/data/articles/2024-10-29-pentagon-north-korean-troops.txt");
    let fallback = dir.join("data/samples/2024-10-29-nk-troops-10000.md");
    let raw = std::fs::read_to_string(&seed)
        .or_else(|_| std::fs::read_to_string(&fallback))
        .expect("the seed article or a sample article");
    match raw.splitn(3, "---\n").nth(2) {
        Some(body) if raw.starts_with("---\n") => body.to_string(),
        _ => raw,
    }
}

/// One edit of a text: positions are fractions of its length, moved back to a char boundary.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: f64, len: usize },
    Insert { at: f64, what: String },
    Duplicate { at: f64, len: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    let insert = prop_oneof![
        proptest::sample::select(VOCABULARY).prop_map(str::to_string),
        proptest::collection::vec(interesting_char(), 1..12)
            .prop_map(|cs| cs.into_iter().collect()),
    ];
    prop_oneof![
        (0.0..1.0f64, 1usize..200).prop_map(|(at, len)| Edit::Delete { at, len }),
        (0.0..1.0f64, insert).prop_map(|(at, what)| Edit::Insert { at, what }),
        (0.0..1.0f64, 1usize..120).prop_map(|(at, len)| Edit::Duplicate { at, len }),
    ]
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &mut String, e: &Edit) {
    let pos = |at: f64, s: &str| floor_boundary(s, (at * s.len() as f64) as usize);
    match e {
        Edit::Delete { at, len } => {
            let start = pos(*at, text);
            let end = floor_boundary(text, start + len);
            text.replace_range(start..end, "");
        }
        Edit::Insert { at, what } => {
            let at = pos(*at, text);
            text.insert_str(at, what);
        }
        Edit::Duplicate { at, len } => {
            let start = pos(*at, text);
            let end = floor_boundary(text, start + len);
            let piece = text[start..end].to_string();
            text.insert_str(end, &piece);
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_unicode_strings_never_panic(text in any::<String>(), date in published()) {
        extract_checked(&doc(text, date))?;
    }

    #[test]
    fn strings_weighted_toward_digits_and_punctuation_never_panic(
        chars in proptest::collection::vec(interesting_char(), 0..300),
        date in published(),
    ) {
        extract_checked(&doc(chars.into_iter().collect(), date))?;
    }

    #[test]
    fn number_like_token_soup_never_panics(text in vocabulary_text(), date in published()) {
        extract_checked(&doc(text, date))?;
    }

    #[test]
    fn mutations_of_the_seed_article_never_panic(
        edits in proptest::collection::vec(edit(), 1..12),
        date in published(),
    ) {
        let mut text = seed_text();
        for e in &edits {
            apply(&mut text, e);
        }
        extract_checked(&doc(text, date))?;
    }
}

#[test]
fn the_seed_article_unchanged_holds_the_invariants() {
    let d = doc(seed_text(), NaiveDate::from_ymd_opt(2024, 10, 29));
    let claims = extract_checked(&d).unwrap_or_else(|e| panic!("{e}"));
    assert!(!claims.is_empty());
}

#[test]
fn relative_dates_next_to_the_calendar_edges_do_not_panic() {
    let texts = [
        "Officials said yesterday that 300 people had left.",
        "On Monday, 40 trucks arrived, officials said Monday.",
        "Last week 1,200 soldiers were killed, the ministry said last week.",
        "Tomorrow 5 trucks will come; last month 10 did, and last year 2,000 people left.",
        "Two days ago, on Sunday, 12 people died; next Friday 3 more are expected.",
        "On Oct. 28, 2024 the Pentagon said 10,000 troops were in Russia, up from 3,000.",
        "On December 31 officials counted 7 trucks; on January 1, 8 trucks; on Feb. 29, 9.",
        "In the year 262143 there were 5 people; in 262144, 6; in -262144, 7.",
        "Earlier this week 30 people left, and this month 400 more, said officials on Saturday.",
    ];
    let edges = [
        NaiveDate::MIN,
        NaiveDate::MIN.checked_add_days(Days::new(1)).unwrap(),
        NaiveDate::MIN.checked_add_days(Days::new(6)).unwrap(),
        NaiveDate::MAX,
        NaiveDate::MAX.checked_sub_days(Days::new(1)).unwrap(),
        NaiveDate::MAX.checked_sub_days(Days::new(6)).unwrap(),
    ];
    for date in edges {
        for text in texts {
            let d = doc(text.to_string(), Some(date));
            let claims =
                extract_checked(&d).unwrap_or_else(|e| panic!("published {date}, {text:?}: {e}"));
            assert!(!claims.is_empty(), "published {date}, {text:?}: no claims");
        }
    }
}

#[test]
fn scores_votes_and_falling_ranges_never_give_low_above_high() {
    for text in [
        "The team won 3-1 on Sunday.",
        "The Senate voted 52-48 to pass the bill.",
        "The ceasefire held from 9 to 5.",
        "Their lead shrank from 372\u{2013}3 in the final round.",
        "Temperatures fell 30-10 degrees overnight.",
    ] {
        let d = doc(text.to_string(), None);
        extract_checked(&d).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
}

#[test]
fn a_claim_id_depends_on_document_and_span_only() {
    let text = "Officials counted 40 trucks and 300 people.";
    let a = figtrack::extract(&Document::new("a", text));
    let again = figtrack::extract(&Document::new("a", text));
    let b = figtrack::extract(&Document::new("b", text));
    assert_eq!(a, again, "extraction is deterministic");
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_ne!(x.claim_id, y.claim_id);
    }
}
