//! Quantities: a numeral with its unit, range, bound and stated change, read from its neighbours.

use super::bounds::{bound_after, bound_before, milestone_bound, threshold_before};
use super::change::{change_verb, filler};
use super::concept::counted_phrase;
use super::context::Ctx;
use super::filters::{NotClaim, not_a_claim};
use super::lexicon::{WordSet, class};
use super::numbers::{Numeral, find_numerals, numeral_at, scale_word};
use super::tokens::TokKind;
use super::units::{
    UnitMatch, currency_before, minor_unit, per_unit, pound_sense, scaled_currency_code, singular,
    unit_after,
};
use crate::model::{Bound, Direction, Kind};

/// A figure in a sentence, before concept, attribution and date are attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Tokens of the figure's surface: currency sign through the last numeral.
    pub first: usize,
    pub last: usize,
    /// One past the unit (or the figure when it has none).
    pub unit_end: usize,
    pub unit: Option<String>,
    pub unit_norm: Option<String>,
    pub kind: Kind,
    pub bound: Bound,
    pub direction: Option<Direction>,
    pub previous: Option<f64>,
    /// Tokens of the previous value's surface (first, one past the last).
    pub previous_span: Option<(usize, usize)>,
    /// The counted noun phrase, for counts.
    pub phrase: Option<(usize, usize)>,
    /// A share of a whole ("one in five"): it takes no unit from its neighbours.
    pub share: bool,
    /// A spelled number that counts nothing named, kept only as an end of a range ("between
    /// ten and fifteen"): no figure unless joined to its neighbour.
    pub range_end: bool,
}

/// Adjectives after "37m" that make the "m" metres, not millions.
const DIMENSIONS: &[&str] = &[
    "long", "wide", "tall", "high", "deep", "away", "across", "(", "-",
];

/// Reads every quantity of a tokenized sentence.
pub fn quantities(ctx: &Ctx, reserved: &[(usize, usize, NotClaim)]) -> Vec<Quantity> {
    // Room for the usual few figures of a sentence, made at once.
    let mut out: Vec<Quantity> = Vec::with_capacity(4);
    // Ranges are merged as the figures are read: the last figure in `out` stays open to the
    // next one while `open`, and is merged with it in place.
    let mut open = false;
    for n in find_numerals(ctx) {
        // A numeral inside the last figure's unit is part of it ("3 dollars 50 cents").
        if out
            .last()
            .is_some_and(|q| (q.last..q.unit_end).contains(&n.first))
        {
            continue;
        }
        let Some(q) = quantity(ctx, &n, reserved) else {
            continue;
        };
        if let Some(a) = out.last_mut().filter(|_| open) {
            open = false;
            // A score or a tally: neither figure is kept.
            if is_tally(ctx, a, &q) {
                out.pop();
                continue;
            }
            if let Some(range) = range_of(ctx, a, &q)
                && !((a.range_end || q.range_end) && range.0 >= range.1)
            {
                merge_range(a, q, range);
                a.range_end = false;
                continue;
            }
        }
        // A bare end that joined nothing is no figure ("a vote of seven to two").
        if out.last().is_some_and(|a| a.range_end) {
            out.pop();
        }
        out.push(q);
        open = true;
    }
    if out.last().is_some_and(|a| a.range_end) {
        out.pop();
    }
    attach_previous(ctx, &mut out);
    inherit_units(ctx, &mut out);
    points_of_a_rate(ctx, &mut out);
    out
}

/// Words that make "points" an index's: "the FTSE 100 fell 58 points".
static INDEX_WORDS: WordSet = WordSet::new(&[
    "index", "indexes", "indices", "dow", "ftse", "nasdaq", "nikkei", "stoxx", "dax", "cac",
    "kospi", "sensex", "seng", "tsx", "asx", "djia", "shares", "stocks", "futures",
]);

/// "Points" that move a rate are percentage points: "approval slipped 3 points to 41%",
/// "19 points ahead of the Conservatives on 25 per cent", "up 2 points from 38%". A change (or a
/// lead) in points beside a percentage of its sentence, where no index is named; points scored
/// ("30 points on 55% shooting") and an index's points stay points.
fn points_of_a_rate(ctx: &Ctx, qs: &mut [Quantity]) {
    let moving_points = |q: &Quantity| {
        q.unit_norm.as_deref() == Some("point")
            && (q.direction.is_some()
                || matches!(ctx.w(q.unit_end), "ahead" | "behind" | "clear" | "lead"))
    };
    // The sentence's words are read for an index only when it has such points and a rate.
    if !qs.iter().any(moving_points)
        || !qs.iter().any(|q| q.kind == Kind::Percentage)
        || (0..ctx.len()).any(|k| INDEX_WORDS.contains(ctx.w(k)))
    {
        return;
    }
    for q in qs.iter_mut().filter(|q| moving_points(q)) {
        q.unit_norm = Some("percentage point".to_string());
        q.kind = Kind::Percentage;
    }
}

/// A bare figure takes the unit of its neighbour: "435 homes by open sale and 187 by tender",
/// "the lowest bid was 61.2 pence, while the highest was 70.85", "280 million of the 1.5
/// billion shekels".
fn inherit_units(ctx: &Ctx, qs: &mut [Quantity]) {
    for k in 0..qs.len() {
        if qs[k].unit_norm.is_some() || qs[k].share {
            continue;
        }
        // Not from a restatement in apposition ("shed 98.4 points, or 1.7%, to close at ...").
        let restated = |j: usize| matches!(ctx.w(qs[j].first.wrapping_sub(1)), "or" | "(");
        let donor = (0..k).rev().find(|&j| {
            !restated(j)
                && qs[j].unit_norm.is_some()
                && qs[k].first.saturating_sub(qs[j].unit_end) <= 10
                && qs[j].kind != Kind::Other
                // "7% higher than in 2023, when 17,999 had crossed": a count of thousands is
                // no percentage.
                && !(qs[j].kind == Kind::Percentage && qs[k].value.abs() >= 1000.0)
        });
        let forward = || {
            (k + 1 < qs.len()
                && qs[k + 1].unit_norm.is_some()
                && ctx.w(qs[k].unit_end) == "of"
                && qs[k + 1].first.saturating_sub(qs[k].unit_end) <= 3)
                .then_some(k + 1)
        };
        // "of" and a figure right after name the group ("five of the three-ton satellites").
        let Some(j) = forward().or(donor) else {
            continue;
        };
        let (unit, mut norm, kind) = (qs[j].unit.clone(), qs[j].unit_norm.clone(), qs[j].kind);
        // "an average of 20 per week": the rate keeps its own denominator.
        let end = qs[k].unit_end;
        if ctx.w(end) == "per" && ctx.is_word(end + 1) {
            norm = norm.map(|n| format!("{n} per {}", singular(ctx.w(end + 1))));
            qs[k].unit_end = end + 2;
        }
        let q = &mut qs[k];
        q.unit = unit;
        q.unit_norm = norm;
        q.kind = kind;
    }
}

fn quantity(ctx: &Ctx, n: &Numeral, reserved: &[(usize, usize, NotClaim)]) -> Option<Quantity> {
    let mut value = n.value;
    let mut first = n.first;
    // Currency before: "$", "US $", "C$", "USD", "€"; a sign between ("$-50.8bn").
    let mut negative = false;
    if ctx.w(first.wrapping_sub(1)) == "-" || ctx.w(first.wrapping_sub(1)) == "\u{2212}" {
        let sign = first - 1;
        let attached = ctx.glued(first)
            && (sign == 0
                || ctx.toks[sign].space_before
                || matches!(ctx.w(sign - 1), "$" | "€" | "£"));
        // After a number the mark is a dash ("10 -12"), but in a list of changes a signed
        // percentage follows a name with a number ("Stoxx 50 -1.3%").
        let after_number = sign > 0
            && ctx.kind(sign - 1) == Some(TokKind::Num)
            && !(ctx.toks[sign].space_before && ctx.w(n.last) == "%");
        if attached && !after_number && n.digits.is_some() {
            negative = true;
            first = sign;
        }
    }
    let before = ctx.words_before(first, 2);
    // "A$", "C$", "S$" are written in capitals: "a $425 million package" is US dollars.
    let lower_prefix = first >= 2
        && ctx.raw(first - 2).len() <= 2
        && ctx.raw(first - 2).chars().any(char::is_lowercase);
    let before = if lower_prefix {
        &before[before.len() - 1..]
    } else {
        before
    };
    let mut currency = currency_before(before).filter(|m| {
        // The sign must touch the number or its partner ("US $", "$ US").
        let sign_at = first - m.len;
        !ctx.toks[first].space_before
            || m.len > 1
            || sign_at + m.len == first && ctx.w(sign_at).len() > 1
    });
    // "$ US 113": a code after the sign.
    if currency.is_none() && first >= 2 && ctx.w(first - 1) == "us" && ctx.w(first - 2) == "$" {
        currency = Some(UnitMatch {
            norm: "dollar".into(),
            kind: Kind::Currency,
            len: 2,
        });
    }
    // "MSEK 120": a currency code with a scale letter, before the number or right after it.
    let scaled_code = |at: usize| {
        (ctx.is_word(at) && ctx.w(at).len() == 4)
            .then(|| scaled_currency_code(ctx.raw(at)))
            .flatten()
    };
    let mut scaled_at = None;
    if currency.is_none()
        && first >= 1
        && let Some((code, scale)) = scaled_code(first - 1)
    {
        currency = Some(code);
        value *= scale;
    } else if currency.is_none()
        && let Some((code, scale)) = scaled_code(n.last)
    {
        scaled_at = Some((code, scale));
    }
    let mut unit_text: Option<String> = None;
    let mut unit_norm: Option<String> = None;
    let mut kind = Kind::Other;
    // "a magnitude 6.8 quake": an earthquake's size, not a count of quakes.
    if currency.is_none() && n.digits.is_some() && ctx.w(first.wrapping_sub(1)) == "magnitude" {
        unit_text = Some("magnitude".into());
        unit_norm = Some("magnitude".into());
        kind = Kind::Measure;
    }
    let mut after = n.last;
    let is_currency = currency.is_some();
    if let Some(c) = currency {
        first -= c.len;
        let sign = ctx.span(first, first + c.len);
        // Only a sign of several tokens has spaces to drop ("US $"): a token holds none.
        unit_text = Some(if c.len == 1 {
            sign.to_string()
        } else {
            sign.replace(' ', "")
        });
        unit_norm = Some(c.norm);
        kind = Kind::Currency;
        // "$76 US": a trailing code belongs to the sign.
        if matches!(ctx.w(after), "us" | "usd") && ctx.raw(after).chars().all(|c| c.is_uppercase())
        {
            after += 1;
        }
    }
    // "minus 260", "growth of negative 0.5%", "between negative ten and fifteen"; not a test's
    // result ("tested negative 3 times").
    let negative_word = ctx.w(first.wrapping_sub(1)) == "negative"
        && !matches!(
            ctx.w(first.wrapping_sub(2)),
            "tested" | "test" | "tests" | "testing" | "came" | "come" | "comes" | "proved"
        );
    let minus_word = ctx.w(first.wrapping_sub(1)) == "minus"
        || negative_word
        || (ctx.w(first.wrapping_sub(1)) == "-" && ctx.w(first.wrapping_sub(2)) == "minus");
    if negative || minus_word {
        value = -value;
    }
    // The sign word is part of the figure as written: "minus 260".
    if minus_word {
        first -= if ctx.w(first - 1) == "-" { 2 } else { 1 };
    }
    let mut phrase = None;
    let mut unit_end = after;
    // "two of the hostages", "three of them", "five of Europe's banks": a spelled count of part
    // of a group (not "the two of us").
    let part_of = n.spelled
        && n.value >= 2.0
        && n.value.fract() == 0.0
        && ctx.w(after) == "of"
        && ctx.w(n.first.wrapping_sub(1)) != "the"
        && {
            let then = ctx.w(after + 1);
            matches!(
                then,
                "the" | "its" | "their" | "them" | "us" | "these" | "those" | "his" | "her" | "our"
            ) || then.ends_with("'s")
                || then.ends_with("\u{2019}s")
        };
    if !is_currency && unit_norm.is_none() {
        // "6.1-inch", "185-hp": a hyphen may join the unit; "tens of thousands of students",
        // "35m of its devices": "of" (and a determiner) after a scaled figure.
        let mut skip =
            usize::from(ctx.w(after) == "-" && ctx.glued(after) && ctx.is_word(after + 1));
        // "500 or more homes", "40 or so boats": an open end of two words before the unit.
        if let Some((_, 2)) = bound_after(ctx.words_from(after, 2)) {
            skip = 2;
        }
        // "seven more Patriot batteries", "300 fewer nurses": more of what is counted, not a
        // comparison ("25 more than last year").
        if matches!(ctx.w(after), "more" | "fewer")
            && ctx.is_word(after + 1)
            && !matches!(ctx.w(after + 1), "than" | "and" | "or" | "to")
        {
            skip = 1;
        }
        if (n.scaled || n.range.is_some() || part_of) && ctx.w(after) == "of" {
            skip = 1 + usize::from(matches!(
                ctx.w(after + 1),
                "its" | "their" | "the" | "his" | "her" | "our"
            ));
            // "five of the three-ton satellites": the number after is a figure of its own.
            if part_of && numeral_at(ctx, after + skip).is_some() {
                skip = 0;
            }
        }
        let words = ctx.words_from(after + skip, 4);
        let mut unit = unit_after(words);
        if let Some((code, scale)) = scaled_at.take() {
            unit = Some(code);
            value *= scale;
        }
        // "45C", "104F", "-5C": a temperature written with its scale's capital glued to the
        // digits (as British papers do); "45c" is cents.
        if unit.is_none() && skip == 0 && n.digits.is_some() && !n.scaled && ctx.glued(after) {
            let glued = |norm: &str, kind| {
                Some(UnitMatch {
                    norm: norm.to_string(),
                    kind,
                    len: 1,
                })
            };
            unit = match ctx.raw(after) {
                "C" if about_weather(ctx) => glued("celsius", Kind::Measure),
                "F" if about_weather(ctx) => glued("fahrenheit", Kind::Measure),
                "c" => glued("cent", Kind::Currency),
                _ => None,
            };
        }
        // A glued unit word with a hyphenated tail: "percent-owned", "ft-long", "month-old".
        if unit.is_none()
            && let Some(w) = words.first()
            && let Some(hyphen) = w.bytes().position(|b| b == b'-')
        {
            let aged = w.ends_with("-old");
            unit = unit_after(&[&w[..hyphen]]).map(|u| UnitMatch {
                len: 1,
                norm: if aged && u.norm != "count" {
                    format!("{} of age", u.norm)
                } else {
                    u.norm
                },
                ..u
            });
        }
        // "a 1.8 billion-mile trip": the unit is the tail of the scale's hyphenated word.
        // "a four-decade high": a spelled number's hyphenated span of time, too.
        let spelled_span = |tail: &str| {
            n.spelled
                && matches!(
                    tail,
                    "day" | "week" | "month" | "year" | "decade" | "century"
                )
        };
        if let Some((_, tail)) = ctx.w(n.last - 1).split_once('-')
            && (n.scaled && n.digits.is_some() || spelled_span(tail))
            && let Some(u) = unit_after(&[tail])
        {
            unit_text = Some(tail.to_string());
            unit = Some(UnitMatch { len: 0, ..u });
        }
        // A lone letter unit must touch the number ("5m", "3 l" is not litres).
        if let Some(u) = &unit {
            let lone = u.len == 1
                && words
                    .first()
                    .is_some_and(|w| w.len() == 1 && w.chars().all(char::is_alphabetic));
            // "5G" is a name: a lone letter is a unit only written in its symbol's case.
            let symbol_case = matches!(
                ctx.raw(after + skip),
                "g" | "m" | "l" | "L" | "W" | "V" | "p" | "t" | "C" | "F" | "c"
            );
            if lone && (!ctx.glued(after + skip) || !symbol_case) {
                unit = None;
            }
        }
        // "37m long": the glued "m" was read as million; it is metres here.
        if n.scaled
            && ctx.w(n.last - 1) == "m"
            && ctx.glued(n.last - 1)
            && unit.is_none()
            && DIMENSIONS.contains(&ctx.w(n.last))
        {
            value /= 1e6;
            unit = Some(UnitMatch {
                norm: "metre".into(),
                kind: Kind::Measure,
                len: 0,
            });
            unit_text = Some("m".into());
        }
        if let Some(u) = unit {
            let surface = words.first().copied().unwrap_or_default();
            // Money after a thousand or more scaled ("5 million pounds"), not "two hundred".
            let large = n.scaled && n.value >= 1e3;
            let u = pound_sense(u, surface, large, ctx.words_before(first, 4));
            if u.len > 0 {
                unit_text = Some(ctx.span(after + skip, after + skip + u.len).to_string());
            }
            unit_norm = Some(u.norm);
            kind = u.kind;
            unit_end = after + skip + u.len;
            // "75 USD million", "3 euros billion": a scale word after the currency's code.
            if kind == Kind::Currency
                && !n.scaled
                && let Some(scale) = scale_word(ctx.w(unit_end)).filter(|s| *s >= 1e6)
            {
                value *= scale;
                unit_end += 1;
            }
        } else if (ctx.is_word(after) || ctx.kind(after) == Some(TokKind::Code))
            && ctx.glued(after)
            && n.digits.is_some()
            && !n.scaled
        {
            // Digits glued to letters that are no unit name something ("5G", "3D", "Model 3s")
            // or are no figure of news ("1e400").
            return None;
        } else if !n.share
            && let Some((a, b, head)) = counted_phrase(ctx, after + skip)
        {
            // The counted noun with its plain modifiers: "residential burglaries", "first-team
            // players"; not names ("North Korean troops" counts troops) nor participles.
            let mut m = head;
            while m > a && plain_modifier(ctx, m - 1) {
                m -= 1;
            }
            unit_text = Some(ctx.span(m, head + 1).to_string());
            unit_norm = Some(counted_unit(ctx, m, head));
            kind = Kind::Count;
            unit_end = head + 1;
            phrase = Some((a, b));
        }
        // Rates: "per 100,000 residents", "per gram", "per share", "a day".
        if ctx.w(unit_end) == "per"
            && let Some((base, len)) = per_base(ctx, unit_end + 1)
        {
            let counted = unit_norm
                .take()
                .map(|u| format!("{u} "))
                .unwrap_or_default();
            unit_norm = Some(format!("{counted}per {base}"));
            let written = unit_text
                .take()
                .map(|u| format!("{u} "))
                .unwrap_or_default();
            unit_text = Some(format!(
                "{written}{}",
                ctx.span(unit_end, unit_end + 1 + len)
            ));
            unit_end += 1 + len;
        } else if unit_norm.is_some() {
            let (w1, w2) = (ctx.w(unit_end), ctx.w(unit_end + 1));
            let per =
                if w1 == "per" && ctx.is_word(unit_end + 1) && !super::concept::is_stopword(w2) {
                    per_unit(ctx.words_from(unit_end + 1, 3))
                } else if matches!(w1, "a" | "an" | "each")
                    && !dates_back(ctx, unit_end)
                    && (matches!(
                        w2,
                        "day" | "week" | "month" | "year" | "hour" | "minute" | "second"
                    ) || (kind == Kind::Currency && priced_per(w2)))
                {
                    Some((w2.to_string(), 1))
                } else {
                    None
                };
            if let Some((per, len)) = per {
                let norm = unit_norm.take().unwrap_or_default();
                unit_norm = Some(format!("{norm} per {per}"));
                unit_text = Some(
                    format!(
                        "{} {}",
                        unit_text.unwrap_or_default(),
                        ctx.span(unit_end, unit_end + 1 + len)
                    )
                    .trim()
                    .to_string(),
                );
                unit_end += 1 + len;
            }
        }
    } else {
        // "$10 per gram", "C$6 per share", "$3.45 a gallon".
        let per = ctx.w(unit_end) == "per" && !ctx.is(unit_end + 1, class::STOPWORD);
        let a_measure = matches!(ctx.w(unit_end), "a" | "an") && priced_per(ctx.w(unit_end + 1));
        let a_measure = a_measure && !dates_back(ctx, unit_end);
        if (per || a_measure)
            && ctx.is_word(unit_end + 1)
            && let Some((per, len)) = per_unit(ctx.words_from(unit_end + 1, 3))
        {
            unit_norm = unit_norm.map(|u| format!("{u} per {per}"));
            unit_end += 1 + len;
        } else if let Some(close) = restated_in_brackets(ctx, unit_end)
            && ctx.w(close + 1) == "per"
            && ctx.is_word(close + 2)
            && !ctx.is(close + 2, class::STOPWORD)
            && let Some((per, _)) = per_unit(ctx.words_from(close + 2, 3))
        {
            // "C$6 (US$4.46) per share": the rate after the restatement is the amount's; the
            // unit ends where it did, so that the bracketed amount stays a figure of its own.
            unit_norm = unit_norm.map(|u| format!("{u} per {per}"));
        }
    }
    // "3 dollars 50 cents", "5 feet and 2 inches", "15 dollars 50.": a whole amount and a
    // smaller unit's count; a bare count after money only at the clause's end.
    if let Some(norm) = &unit_norm
        && !n.scaled
        && n.range.is_none()
        && value.fract() == 0.0
        && let Some((per, minors)) = minor_unit(norm, kind)
    {
        let at = unit_end + usize::from(ctx.w(unit_end) == "and");
        if let Some(m) = numeral_at(ctx, at)
            .filter(|m| !m.scaled && m.value.fract() == 0.0 && m.value > 0.0 && m.value < per)
        {
            let named = minors.contains(&ctx.w(m.last));
            let clause_end =
                kind == Kind::Currency && matches!(ctx.w(m.last), "" | "." | "," | ";" | "?" | "!");
            if named || clause_end {
                value += (m.value / per).copysign(value);
                unit_end = m.last + usize::from(named);
            }
        }
    }
    // "He will be 35 by the end of the year", "her daughter, who was 10": a bare whole number a
    // person is, is their age.
    if unit_norm.is_none()
        && !n.scaled
        && n.range.is_none()
        && age_of_a_person(ctx, n.first, n.last, value)
    {
        unit_norm = Some("year of age".to_string());
        kind = Kind::Measure;
    }
    let has_unit = unit_norm.is_some();
    // "women aged 25 to 54" describes people, it is not a figure.
    let aged = |k: usize| ctx.w(k) == "aged";
    let range_end = matches!(ctx.w(n.first.wrapping_sub(1)), "to" | "-" | "and");
    if !has_unit && (aged(n.first.wrapping_sub(1)) || (range_end && aged(n.first.wrapping_sub(3))))
    {
        return None;
    }
    // A spelled number needs something counted or measured: "two hours", not "the two" (tested
    // before the filters, which it spares).
    // "there were five on board", "there are only two left": an existential states a count.
    let existential = || {
        let k = n.first.wrapping_sub(1);
        let k = if matches!(
            ctx.w(k),
            "only" | "just" | "about" | "around" | "some" | "nearly"
        ) {
            k.wrapping_sub(1)
        } else {
            k
        };
        n.value >= 2.0
            && matches!(ctx.w(k), "is" | "are" | "was" | "were")
            && ctx.w(k.wrapping_sub(1)) == "there"
    };
    // "no less than thirty", "Losses were more than twelve": a comparison states a figure.
    let compared = || {
        n.value >= 2.0
            && matches!(ctx.w(n.first.wrapping_sub(1)), "than" | "least" | "most")
            && bound_before(ctx.words_before(n.first, 5)).is_some_and(|(b, _)| {
                matches!(
                    b,
                    Bound::MoreThan | Bound::LessThan | Bound::AtLeast | Bound::AtMost
                )
            })
    };
    let bare_spelled = n.spelled
        && !has_unit
        && n.range.is_none()
        && !n.scaled
        && !n.share
        && !part_of
        && !existential()
        && !compared();
    // "between ten and fifteen", "from two to three people": an end of a range, kept for
    // [`quantities`] to join to its neighbour.
    let ends_a_range = || {
        let joint = |w: &str| matches!(w, "to" | "-" | "\u{2013}" | "and");
        (joint(ctx.w(n.last)) && numeral_at(ctx, n.last + 1).is_some())
            || joint(ctx.w(n.first.wrapping_sub(1)))
    };
    if bare_spelled && !ends_a_range() {
        return None;
    }
    if not_a_claim(ctx, n, has_unit.then_some(kind), reserved).is_some() {
        return None;
    }
    // "times" only counts after a number written as a multiplier ("four times the number").
    let (low, high) = match n.range {
        Some((a, b)) => (Some(a), Some(b)),
        None => (None, None),
    };
    let mut q = Quantity {
        value,
        low,
        high,
        first,
        last: n.last,
        unit_end,
        unit: unit_text,
        unit_norm,
        kind,
        bound: Bound::Exact,
        direction: None,
        previous: None,
        previous_span: None,
        phrase,
        share: n.share,
        range_end: bare_spelled,
    };
    if let (Some(a), Some(b)) = (q.low, q.high) {
        q.value = (a + b) / 2.0;
    }
    read_bound(ctx, &mut q);
    read_direction(ctx, &mut q);
    Some(q)
}

/// The closing bracket of an amount restated in brackets at token `open` ("(US$4.46)"): a
/// bracket that closes within a few tokens holding a number.
fn restated_in_brackets(ctx: &Ctx, open: usize) -> Option<usize> {
    if ctx.w(open) != "(" {
        return None;
    }
    let close = (open + 2..open + 7).find(|&k| ctx.w(k) == ")")?;
    (open + 1..close)
        .any(|k| ctx.kind(k) == Some(TokKind::Num))
        .then_some(close)
}

/// The normal name of a counted unit: its modifiers `m..head` lower-cased, then the singular of
/// its noun ("residential burglary"), built in one string.
fn counted_unit(ctx: &Ctx, m: usize, head: usize) -> String {
    let noun = singular(ctx.raw(head));
    if m == head {
        return noun;
    }
    let mut norm = String::new();
    for i in m..head {
        // The ASCII lower case the context keeps is the full lower case of an ASCII word.
        let raw = ctx.raw(i);
        if raw.is_ascii() {
            norm.push_str(ctx.w(i));
        } else {
            norm.push_str(&raw.to_lowercase());
        }
        norm.push(' ');
    }
    norm.push_str(&noun);
    norm
}

/// A lower-case adjective or noun that stays in a counted unit ("residential", "first-team").
fn plain_modifier(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.w(i);
    ctx.is_word(i)
        && !ctx.capitalized(i)
        && !(w.len() > 4
            && !w.contains('-')
            && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")))
        && !matches!(
            w,
            "new"
                | "more"
                | "additional"
                | "other"
                | "extra"
                | "further"
                | "total"
                | "current"
                | "former"
                | "many"
                | "several"
                | "estimated"
                | "combined"
                | "remaining"
        )
}

/// What an amount of money is asked "a" or "an" of: "$3.45 a gallon", "45 cents a share",
/// "$200 a night".
fn priced_per(w: &str) -> bool {
    matches!(
        w,
        "gallon"
            | "litre"
            | "liter"
            | "barrel"
            | "share"
            | "tonne"
            | "ton"
            | "kilogram"
            | "kilo"
            | "pound"
            | "ounce"
            | "day"
            | "week"
            | "month"
            | "year"
            | "hour"
            | "head"
            | "person"
            | "night"
            | "dose"
            | "megawatt-hour"
            | "kilowatt-hour"
    )
}

/// Whether the sentence speaks of temperatures, so that a capital C or F glued to a number is
/// a degree ("highs of 45C") and not a code ("a Boeing 777F", "the 13F filing").
fn about_weather(ctx: &Ctx) -> bool {
    (0..ctx.len()).any(|k| {
        matches!(
            ctx.w(k),
            "temperature"
                | "temperatures"
                | "degree"
                | "degrees"
                | "heat"
                | "heatwave"
                | "high"
                | "highs"
                | "low"
                | "lows"
                | "hot"
                | "hottest"
                | "cold"
                | "coldest"
                | "warm"
                | "warmest"
                | "mercury"
                | "thermometer"
                | "thermometers"
                | "weather"
                | "frost"
                | "freezing"
        )
    })
}

/// Whether "a month" at token `at` dates the figure ("4.0% a month earlier", "$20 a year
/// ago", "300 a week on") rather than makes it a rate.
fn dates_back(ctx: &Ctx, at: usize) -> bool {
    matches!(
        ctx.w(at + 2),
        "earlier" | "later" | "ago" | "before" | "after" | "on"
    )
}

/// The base of a rate at token `at`, after "per": a power of ten and what it counts ("100,000
/// residents", "1,000 live births"), normalised ("100000 resident"), with its length in tokens.
/// The base is part of the unit, not a figure of its own.
fn per_base(ctx: &Ctx, at: usize) -> Option<(String, usize)> {
    let n = numeral_at(ctx, at)?;
    let power_of_ten = n.value >= 10.0 && n.value <= 1e9 && n.value.log10().fract() == 0.0;
    if !power_of_ten || n.range.is_some() {
        return None;
    }
    let words = (n.last..n.last + 2)
        .take_while(|&k| ctx.is_word(k) && !ctx.is(k, class::STOPWORD))
        .count();
    if words == 0 {
        return None;
    }
    let last = n.last + words - 1;
    let mut counted: Vec<String> = (n.last..last).map(|k| ctx.w(k).to_string()).collect();
    counted.push(singular(ctx.w(last)));
    Some((
        format!("{} {}", n.value as u64, counted.join(" ")),
        last + 1 - at,
    ))
}

fn read_bound(ctx: &Ctx, q: &mut Quantity) {
    let before = ctx.words_before(q.first, 5);
    if let Some((b, _)) = bound_before(before) {
        q.bound = b;
    } else if matches!(
        ctx.w(q.first.wrapping_sub(1)),
        "just" | "slightly" | "well" | "far" | "by"
    ) && let Some((b, _)) = bound_before(ctx.words_before(q.first - 1, 5))
    {
        // One softening word between: "just over 10", "well under", "slightly more than".
        q.bound = b;
    }
    if q.bound == Bound::Exact
        && let Some(b) = threshold_before(before, q.value)
    {
        q.bound = b;
    }
    // "passed the 25,000 mark", "the 10,000 threshold was crossed".
    // The noun is the unit read ("mark" as what is counted) or the word after the figure.
    if q.bound == Bound::Exact && ctx.w(q.first.wrapping_sub(1)) == "the" {
        let end = q.unit_end.max(q.last);
        let found = [end.checked_sub(1).filter(|&k| k >= q.last), Some(end)]
            .into_iter()
            .flatten()
            .find_map(|k| {
                let b = milestone_bound(
                    ctx.words_before(q.first - 1, 5),
                    ctx.w(k),
                    ctx.words_from(k + 1, 4),
                    q.value,
                )?;
                Some((b, k < end))
            });
        if let Some((b, noun_was_unit)) = found {
            q.bound = b;
            // A milestone is no thing counted: "the 25,000 mark" counts what the sentence does.
            if noun_was_unit && q.kind == Kind::Count {
                q.unit = None;
                q.unit_norm = None;
                q.phrase = None;
            }
        }
    }
    // An open end after the figure says more than "about" before it: "some 500 or more".
    // After the unit or, when it stands between the figure and its unit, after the figure.
    let open_end = bound_after(ctx.words_from(q.unit_end, 2))
        .or_else(|| bound_after(ctx.words_from(q.last, 2)));
    if let Some((b, _)) = open_end
        && (q.bound == Bound::Exact || (q.bound == Bound::Approximate && b != Bound::Approximate))
    {
        q.bound = b;
    }
    // "the sub-500 sq m market", "sub-$10".
    if ctx.w(q.first.wrapping_sub(1)) == "-" && ctx.w(q.first.wrapping_sub(2)) == "sub" {
        q.bound = Bound::LessThan;
    }
}

fn read_direction(ctx: &Ctx, q: &mut Quantity) {
    // "34.4% higher", "0.68 percent lower"; a difference from another figure: "25 more than
    // last year", "200,000 fewer than in 2023", "$3 less than a week ago".
    let than = ctx.w(q.unit_end + 1) == "than";
    match ctx.w(q.unit_end) {
        "higher" => q.direction = Some(Direction::Up),
        "lower" => q.direction = Some(Direction::Down),
        "more" if than => q.direction = Some(Direction::Up),
        "fewer" | "less" if than => q.direction = Some(Direction::Down),
        _ => {}
    }
    if q.direction.is_some() {
        return;
    }
    // "raised rates by a quarter point", "cut its forecast by 0.2 points": a change verb, its
    // object, then "by" and the amount; "fell for a 13th month in a row, by 66,000": the
    // verb's clause before a comma, then "by".
    if let Some(by) = (q.first.saturating_sub(3)..q.first)
        .rev()
        .find(|&k| ctx.w(k) == "by")
        .filter(|&k| (k + 1..q.first).all(|j| filler(ctx.w(j))))
        && let Some(d) = {
            let (end, reach) = match by.checked_sub(1) {
                Some(comma) if ctx.w(comma) == "," => (comma, 10),
                _ => (by, 4),
            };
            end.saturating_sub(reach)..end
        }
        .rev()
        // Words and ordinals ("for a 13th month"), not across punctuation.
        .take_while(|&k| ctx.is_word(k) || ctx.w(k).starts_with(|c: char| c.is_ascii_digit()))
        .find_map(|k| {
            change_verb(ctx.w(k))
                .filter(|_| !matches!(ctx.w(k), "higher" | "lower" | "up" | "down"))
        })
    {
        q.direction = Some(d);
        return;
    }
    // Look left over fillers for a change verb: "rose 2.1%", "fell by about 300", "up 9.4%".
    let mut i = q.first;
    let mut steps = 0;
    let mut saw_to = false;
    while i > 0 && steps < 5 {
        i -= 1;
        steps += 1;
        let w = ctx.w(i);
        // "up to 1,200" is a bound, not a rise.
        if w == "up" && ctx.w(i + 1) == "to" && i + 2 == q.first {
            return;
        }
        // "make up 80%", "sum up", "set up": a phrasal verb, not a change.
        if matches!(w, "up" | "down")
            && matches!(
                ctx.w(i.wrapping_sub(1)),
                "make"
                    | "makes"
                    | "made"
                    | "making"
                    | "set"
                    | "sets"
                    | "sum"
                    | "sums"
                    | "break"
                    | "broken"
                    | "broke"
            )
        {
            return;
        }
        if let Some(d) = change_verb(w) {
            // "fell to 4.3%" states the level after the change; "rose 18 sen to RM23.50": the
            // amount before "to" already carries the change.
            if saw_to && (i + 1..q.first).any(|k| ctx.kind(k) == Some(TokKind::Num)) {
                return;
            }
            // "higher"/"lower" read as a change only after the figure ("34.4% higher"), or
            // as the move to a level: "edged higher to 4.2%".
            if matches!(w, "higher" | "lower") && !saw_to {
                return;
            }
            q.direction = Some(d);
            return;
        }
        if w == "to" {
            saw_to = true;
        }
        if !filler(w) && !matches!(ctx.kind(i), Some(TokKind::Punct)) {
            return;
        }
        if matches!(w, "," | ";" | "(" | ")") {
            return;
        }
    }
}

/// "won 3-1", "voted 52-48", "split 50-50": a score or a tally, two bare numbers joined by a
/// dash with the larger first, or two equal numbers. Neither is a figure to track.
fn is_tally(ctx: &Ctx, a: &Quantity, b: &Quantity) -> bool {
    let dash = matches!(between(ctx, a.unit_end, b.first), ["-" | "\u{2013}"]);
    // Equal ends are no range even before a noun: "a 50-50 chance".
    dash && a.unit_norm.is_none()
        && a.low.is_none()
        && b.low.is_none()
        && (a.value == b.value || (b.unit_norm.is_none() && a.value > b.value))
}

/// The (low, high) of two quantities joined as a range, if they are.
fn range_of(ctx: &Ctx, a: &Quantity, b: &Quantity) -> Option<(f64, f64)> {
    if a.low.is_some() || b.low.is_some() {
        return None;
    }
    let between = between(ctx, a.unit_end, b.first);
    let before = ctx.words_before(a.first, 2);
    let lead = before.last().copied().unwrap_or("");
    // "10-12", "20~30", "8- to 16-metre", "$200,000 to-260,000".
    let dash = matches!(
        between,
        ["-"] | ["\u{2013}"] | ["\u{2014}"] | ["~"] | ["-", "to", "-"] | ["to", "-"] | ["-", "to"]
    );
    let to = matches!(between, ["to"] | ["through"] | ["thru"]);
    let and = between == ["and"] && (lead == "between" || before.first() == Some(&"between"));
    if !(dash || to || and) {
        return two_sided(a, b, between);
    }
    // "from 3,000 to 10,000" after a change verb states a change, not a range.
    if to && lead == "from" {
        let verb_before = ctx
            .words_before(a.first.saturating_sub(1), 3)
            .iter()
            .any(|w| change_verb(w).is_some());
        if verb_before {
            return None;
        }
    }
    // "rose by 300 to 3,549", "fell for a 13th month in a row, by 66,000 to 1.02 million":
    // the change, then the level it reached (far above the change); "to grow by 2 to 3
    // percent" stays a range.
    if to
        && lead == "by"
        && b.value >= 3.0 * a.value
        && ctx
            .words_before(a.first.saturating_sub(1), 10)
            .iter()
            .any(|w| change_verb(w).is_some())
    {
        return None;
    }
    // Units must agree (or the first must have none); a rate after the second is the first's
    // too ("between $48,000 and $90,000 a year").
    let unit_ok = match (&a.unit_norm, &b.unit_norm) {
        (None, _) => true,
        (Some(x), Some(y)) => y
            .strip_prefix(x.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(" per ")),
        // "$48,000 to 52,000": an amount of money names its currency once.
        (Some(_), None) => a.kind == Kind::Currency,
    };
    // "grew by $12.5 billion to $287.4 billion": a change, then the new level.
    if !unit_ok || (to && a.direction.is_some() && a.unit_norm.is_some()) {
        return None;
    }
    // "from -18C to -34C", "between -5 and -15": a range below zero may be written from the
    // end nearer zero.
    if (to || and) && b.value < 0.0 && a.value > b.value {
        return Some((b.value, a.value));
    }
    let (mut lo, hi) = (a.value, b.value);
    // Scale carries back to a small bare first number: "$3 to $5 billion", "11 to 12,000".
    let surface = ctx.span(a.first, a.last);
    let small_bare = lo > 0.0 && lo < 1000.0 && !surface.contains(',') && surface.len() < 8;
    if small_bare && lo < hi / 100.0 {
        for scale in [1e3, 1e6, 1e9, 1e12] {
            let scaled = lo * scale;
            if scaled <= hi && scaled >= hi / 10.0 {
                lo = scaled;
                break;
            }
        }
    }
    (lo <= hi).then_some((lo, hi))
}

/// "more than 100 and less than 300", "at most 50 but at least 20": a lower and an upper
/// bound joined, in either order, are the range between them.
fn two_sided(a: &Quantity, b: &Quantity, between: &[&str]) -> Option<(f64, f64)> {
    let lower = |q: &Quantity| matches!(q.bound, Bound::MoreThan | Bound::AtLeast);
    let upper = |q: &Quantity| matches!(q.bound, Bound::LessThan | Bound::AtMost);
    let (joint, phrase) = between.split_first()?;
    let joined = matches!(*joint, "and" | "but" | ",")
        && bound_before(phrase).is_some_and(|(_, n)| n == phrase.len());
    let same_unit = a.unit_norm.is_none() || a.unit_norm == b.unit_norm;
    if !joined || !same_unit {
        return None;
    }
    let (lo, hi) = if lower(a) && upper(b) {
        (a.value, b.value)
    } else if upper(a) && lower(b) {
        (b.value, a.value)
    } else {
        return None;
    };
    (lo < hi).then_some((lo, hi))
}

/// The words from token `a` up to token `b`, none when `b` is not past `a`: a slice of the
/// sentence's words, not a collected list, as the pair tests run for every two neighbours.
fn between<'c>(ctx: &'c Ctx, a: usize, b: usize) -> &'c [&'c str] {
    ctx.words_from(a, b.saturating_sub(a))
}

/// Words that only say when: "in September", "on Tuesday", "at the end of August", "last month".
fn time_phrase(words: &[&str]) -> bool {
    matches!(
        words.first(),
        Some(&("in" | "on" | "at" | "by" | "for" | "during" | "last" | "this"))
    ) && words.iter().all(|w| {
        super::dates::month(w).is_some()
            || super::dates::weekday(w).is_some()
            || w.bytes().all(|b| b.is_ascii_digit())
            || matches!(
                *w,
                "in" | "on"
                    | "at"
                    | "by"
                    | "for"
                    | "during"
                    | "last"
                    | "this"
                    | "the"
                    | "end"
                    | "of"
                    | "week"
                    | "month"
                    | "year"
                    | "quarter"
                    | "."
            )
    })
}

/// Merges "10,000 to 12,000", "10,000-12,000", "between 5 and 6", "from $200 to $4 million":
/// figure `b` joins figure `a` as the high end of its range `(lo, hi)`.
fn merge_range(a: &mut Quantity, b: Quantity, (lo, hi): (f64, f64)) {
    // Two bounds that close a range ("more than 10 and less than 20") make it the range.
    if a.bound != b.bound && b.bound != Bound::Exact && b.bound != Bound::Approximate {
        a.bound = Bound::Exact;
    }
    a.low = Some(lo);
    a.high = Some(hi);
    a.value = (lo + hi) / 2.0;
    a.last = b.last;
    a.unit_end = b.unit_end;
    if b.unit_norm.is_some() && (a.unit_norm.is_none() || a.kind == Kind::Currency) {
        a.unit = b.unit;
        a.unit_norm = b.unit_norm;
        a.kind = b.kind;
        a.phrase = b.phrase;
    }
    if a.direction.is_none() {
        a.direction = b.direction;
    }
}

/// The words before an earlier figure without what describes it: "down from a peak of",
/// "up from a revised", "from about", "up from last year's", "down from a peak of more than"
/// read as "down from", "up from", "from".
fn earlier_figure<'w>(words: &'w [&'w str]) -> &'w [&'w str] {
    let Some(from) = words.iter().position(|w| *w == "from") else {
        return words;
    };
    let described = words[from + 1..].iter().all(|w| {
        matches!(
            *w,
            "a" | "an"
                | "the"
                | "its"
                | "their"
                | "of"
                | "about"
                | "around"
                | "roughly"
                | "some"
                | "nearly"
                | "almost"
                | "more"
                | "less"
                | "fewer"
                | "than"
                | "over"
                | "under"
                | "just"
                | "well"
                | "at"
                | "least"
                | "most"
                | "close"
                | "to"
                | "approximately"
                | "estimated"
                | "peak"
                | "high"
                | "low"
                | "record"
                | "revised"
                | "previous"
                | "initial"
                | "earlier"
                | "last"
                | "this"
        ) || w.ends_with("'s")
    });
    if described { &words[..=from] } else { words }
}

/// "33 million, about one in seven people, up from 30 million", "2.1 million, or 12% of the
/// population, up from 1.8 million": the figure before an aside is the one a stated previous
/// value `qs[k]` continues, when the aside's figure (`qs[k - 1]`, set off by a comma) is far
/// from it in size and the one before is near it (within three times either way).
fn past_an_aside(ctx: &Ctx, qs: &[Quantity], k: usize) -> Option<usize> {
    let (c, a, b) = (qs.get(k.checked_sub(2)?)?, &qs[k - 1], &qs[k]);
    let near = |x: f64, y: f64| x > 0.0 && y > 0.0 && x.max(y) / x.min(y) <= 3.0;
    let mut before_a = a.first;
    while before_a > 0 && (filler(ctx.w(before_a - 1)) || ctx.w(before_a - 1) == "or") {
        before_a -= 1;
    }
    let set_off = before_a > c.last && ctx.w(before_a - 1) == ",";
    let same_unit = b.unit_norm.is_none() || b.unit_norm == c.unit_norm;
    (set_off && same_unit && near(c.value, b.value) && !near(a.value, b.value)).then_some(k - 2)
}

/// "10,000 troops, up from 3,000", "fell to 4.3 per cent from 4.6 per cent", "rose from 2.1
/// million to 3.4 million": the earlier figure becomes `previous` of the later one.
fn attach_previous(ctx: &Ctx, qs: &mut Vec<Quantity>) {
    let mut k = 1;
    while k < qs.len() {
        let (a, b) = (&qs[k - 1], &qs[k]);
        let a_end = a.phrase.map_or(a.unit_end, |(_, end)| end.max(a.unit_end));
        let between = between(ctx, a_end, b.first);
        let compatible = b.unit_norm.is_none()
            || b.unit_norm == a.unit_norm
            || (b.kind == a.kind && a.kind != Kind::Count);
        // "a, up from b", "a at the end of August, up from b", "a from b": the last clause
        // before b says b is a's previous value.
        let last_clause = between.rsplit(|w| *w == ",").next().unwrap_or_default();
        // "1.9% in September from 2.1%": the figure's own period stands before "from".
        let (dated, last_clause) = match last_clause.iter().position(|w| *w == "from") {
            Some(f) if f > 0 && time_phrase(&last_clause[..f]) => (true, &last_clause[f..]),
            _ => (false, last_clause),
        };
        let stated = match earlier_figure(last_clause) {
            ["up", "from"] => Some(Some(Direction::Up)),
            ["down", "from"] => Some(Some(Direction::Down)),
            ["from"] if dated || between.len() == last_clause.len() => Some(None),
            _ => None,
        };
        // "2.4% in the 12 months to September, down from 2.5%": a figure of another unit
        // between (a span, a count of boats) is passed over for the one the value continues.
        let earlier = if compatible {
            Some(past_an_aside(ctx, qs, k).unwrap_or(k - 1))
        } else {
            (0..k - 1).rev().find(|&j| {
                let c = &qs[j];
                b.unit_norm.is_some()
                    && c.unit_norm == b.unit_norm
                    && !ctx
                        .words_from(c.last + 1, b.first - c.last - 1)
                        .contains(&";")
            })
        };
        if let Some((dir, j)) = stated.zip(earlier).filter(|(_, j)| qs[*j].low.is_none()) {
            let (prev, span) = (b.value, (b.first, b.last));
            let a = &mut qs[j];
            a.previous = Some(prev);
            a.previous_span = Some(span);
            if a.direction.is_none() {
                a.direction = dir.or(match a.value.partial_cmp(&prev) {
                    Some(std::cmp::Ordering::Greater) => Some(Direction::Up),
                    Some(std::cmp::Ordering::Less) => Some(Direction::Down),
                    _ => None,
                });
            }
            qs.remove(k);
            continue;
        }
        // "rose from a to b": a is the previous value of b.
        // "rose from 40 on Monday to 55": the earlier figure's date may stand before "to".
        let to_next = between
            .split_last()
            .is_some_and(|(last, dated)| *last == "to" && (dated.is_empty() || time_phrase(dated)));
        let from_before = ctx.w(a.first.wrapping_sub(1)) == "from" && to_next;
        // The verb looked for only then: the pair test runs for every two neighbours.
        if from_before
            && (a.unit_norm.is_none() || compatible)
            && let Some(direction) = ctx
                .words_before(a.first.saturating_sub(1), 3)
                .iter()
                .find_map(|w| change_verb(w))
        {
            let (prev, prev_bound, span) = (a.value, a.bound, (a.first, a.last));
            let b = &mut qs[k];
            b.previous = Some(prev);
            b.previous_span = Some(span);
            b.direction = Some(direction);
            if b.bound == Bound::Exact {
                b.bound = prev_bound;
            }
            qs.remove(k - 1);
            continue;
        }
        k += 1;
    }
}

/// Words that say who a person is, as the subject of "was 10" or "turns 50".
static PEOPLE: WordSet = WordSet::new(&[
    "he", "she", "i", "who", "boy", "girl", "man", "woman", "child", "son", "daughter", "victim",
    "suspect", "driver", "mother", "father", "wife", "husband", "brother", "sister",
]);

/// Whether the bare number from token `first` to before `end`, of `value`, is a person's age:
/// a whole number up to 120 that a person "is", "was", "will be" or "turns", closing its
/// clause ("She was 42.", "who turned 18 on Monday", "He will be 35 by the end of the year");
/// not "The toll was 40", nor "He was 1 of 12".
fn age_of_a_person(ctx: &Ctx, first: usize, end: usize, value: f64) -> bool {
    if value.fract() != 0.0 || !(1.0..=120.0).contains(&value) || first == 0 {
        return false;
    }
    let mut k = first - 1;
    if matches!(
        ctx.w(k),
        "about" | "around" | "nearly" | "almost" | "only" | "just"
    ) {
        let Some(before) = k.checked_sub(1) else {
            return false;
        };
        k = before;
    }
    let verb = ctx.w(k);
    let subject = match verb {
        "is" | "was" | "turns" | "turned" => k.checked_sub(1),
        // "will be", "would be", "is to be".
        "be" => k
            .checked_sub(2)
            .filter(|_| matches!(ctx.w(k.wrapping_sub(1)), "will" | "would" | "to" | "'ll")),
        "turn" => k.checked_sub(2).filter(|_| ctx.w(k - 1) == "will"),
        _ => None,
    };
    let closes = matches!(
        ctx.w(end),
        "" | "." | "," | ";" | ":" | "when" | "by" | "at" | "and" | "in" | "on" | "last" | "this"
    );
    closes && subject.is_some_and(|s| PEOPLE.contains(ctx.w(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_word_is_part_of_the_figure_as_written() {
        for (text, surface) in [
            ("temperatures of minus 12 degrees", "minus 12"),
            ("growth of negative 0.5% in May", "negative 0.5"),
            (
                "between negative ten and fifteen",
                "negative ten and fifteen",
            ),
            ("tested negative 3 times", "3"),
        ] {
            let mut lower = String::new();
            let ctx = crate::extract::context::test_ctx(text, &mut lower);
            let q = &quantities(&ctx, &[])[0];
            assert_eq!(ctx.span(q.first, q.last), surface, "{text}");
        }
    }

    /// (value, low, high, unit_norm, bound, direction, previous) of each quantity in `text`.
    fn read(text: &str) -> Vec<String> {
        let mut lower = String::new();
        let ctx = crate::extract::context::test_ctx(text, &mut lower);
        quantities(&ctx, &[])
            .iter()
            .map(|q| {
                let range = match (q.low, q.high) {
                    (Some(a), Some(b)) => format!("{a}..{b}"),
                    _ => format!("{}", q.value),
                };
                let dir = q.direction.map_or("", Direction::name);
                let prev = q.previous.map(|p| format!(" from {p}")).unwrap_or_default();
                format!(
                    "{} {range} {} {dir}{prev}",
                    q.bound,
                    q.unit_norm.as_deref().unwrap_or("-")
                )
                .trim()
                .to_string()
            })
            .collect()
    }

    #[test]
    fn quantity_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "10,000 North Korean troops, up from 3,000",
                &["= 10000 troop up from 3000"],
            ),
            ("about 10,000 troops", &["~ 10000 troop"]),
            // A bare number a person is, is their age.
            (
                "He will be 35 by the end of the year.",
                &["= 35 year of age"],
            ),
            (
                "her daughter, who was 10, stayed home",
                &["= 10 year of age"],
            ),
            ("She turned 18 on Monday.", &["= 18 year of age"]),
            ("The suspect is 19, police said.", &["= 19 year of age"]),
            ("The toll was 40 by Monday.", &["= 40 -"]),
            (
                "He was 1 of 12 survivors.",
                &["= 1 survivor", "= 12 survivor"],
            ),
            ("She is 5 points ahead.", &["= 5 point"]),
            // A milestone crossed or reached bounds the figure and counts nothing itself.
            ("arrivals passed the 25,000 mark on Monday", &["> 25000 -"]),
            ("the 1,000 threshold was crossed on Friday", &["> 1000 -"]),
            ("the toll reached the 10,000 milestone", &[">= 10000 -"]),
            // A spelled count of part of a group; not "the two of us".
            ("two of the hostages were freed", &["= 2 hostage"]),
            ("Three of them were arrested", &["= 3 -"]),
            ("four of Europe's largest lenders", &["= 4 largest lender"]),
            ("the two of us left early", &[]),
            ("There were five on board.", &["= 5 -"]),
            ("there are only two left", &["= 2 -"]),
            ("there is one", &[]),
            // A comparison states a spelled figure that counts nothing named.
            ("Her age is no less than forty.", &[">= 40 -"]),
            ("Deaths were more than eleven.", &["> 11 -"]),
            ("the survivors numbered fewer than nine", &["< 9 -"]),
            ("At least three were hurt on Monday.", &[">= 3 -"]),
            ("no more than twelve", &["<= 12 -"]),
            ("more than one", &[]),
            ("as many as two", &[]),
            // Spelled ends of a range, joined; an end that joins nothing is no figure.
            (
                "somewhere between twenty and thirty were hurt",
                &["= 20..30 -"],
            ),
            ("from four to six villages", &["= 4..6 village"]),
            ("between minus five and ten", &["= -5..10 -"]),
            ("the panel voted six to three", &[]),
            ("at ten to nine on Friday", &[]),
            ("one to one talks", &["= 1 talk"]),
            // A share a comparison bounds, with no "of" after it.
            ("support is now below a half.", &["< 0.5 -"]),
            ("above a quarter and below a half", &["= 0.25..0.5 -"]),
            ("over a fifth, officials said", &["> 0.2 -"]),
            // More of what is counted, not a comparison.
            (
                "Kyiv wants at least seven more air defence systems",
                &[">= 7 air defence system"],
            ),
            ("they sent 20 more tanks", &["= 20 tank"]),
            ("the ward has 300 fewer nurses", &["= 300 nurse"]),
            ("25 more than last year", &["= 25 - up"]),
            ("a four-decade high", &["= 4 decade"]),
            ("a three-year low", &["= 3 year"]),
            ("twenty-five boats", &["= 25 boat"]),
            // A percentage gives its unit to a bare figure near it, not to a count of thousands.
            (
                "rose 3% in May and 4 in June",
                &["= 3 percentage up", "= 4 percentage"],
            ),
            (
                "up 7% on 2023, when 17,999 had crossed",
                &["= 7 percentage up", "= 17999 -"],
            ),
            // An earthquake's magnitude, written before or after the number.
            ("the magnitude 6.8 quake", &["= 6.8 magnitude"]),
            ("a 7.1 magnitude earthquake", &["= 7.1 magnitude"]),
            ("a magnitude 5.2 aftershock", &["= 5.2 magnitude"]),
            ("it measured 5.9 on the Richter scale", &["= 5.9 magnitude"]),
            ("the two were married", &[]),
            ("five of the three-ton trucks", &["= 5 truck", "= 3 truck"]),
            // "negative" as a sign, not as a test's result.
            ("growth of negative 0.5%", &["= -0.5 percentage"]),
            ("wind chills of negative 20 degrees", &["= -20 degree"]),
            ("between negative 10 and 15 degrees", &["= -10..15 degree"]),
            ("she tested negative 3 times", &["= 3 count"]),
            // A range below zero written from the end nearer zero.
            (
                "lows from -12\u{b0}C to -30\u{b0}C",
                &["= -30..-12 celsius"],
            ),
            ("between -5 and -15 degrees", &["= -15..-5 degree"]),
            // "a month" after a count is a rate, unless a time word makes it a date.
            ("1,200 soldiers a day", &["= 1200 soldier per day"]),
            ("4.0% a month earlier", &["= 4 percentage"]),
            ("300 arrivals a week before", &["= 300 arrival"]),
            ("12 cases a year ago", &["= 12 case"]),
            // "by" a change "to" a level far above it: two figures, wherever the verb is.
            ("sales rose by 300 to 3,549", &["= 300 - up", "= 3549 -"]),
            (
                "vacancies fell for a 13th month in a row, by 66,000 to 1.02 million",
                &["= 66000 - down", "= 1020000 -"],
            ),
            (
                "output is seen to grow by 2 to 3 percent",
                &["= 2..3 percentage up"],
            ),
            ("more than 600,000 soldiers", &["> 600000 soldier"]),
            ("at least 9,000 civilians", &[">= 9000 civilian"]),
            ("fewer than 50 doctors", &["< 50 doctor"]),
            // A difference from another figure is a change.
            (
                "412 burglaries, 25 more than last year",
                &["= 412 burglary", "= 25 burglary up"],
            ),
            (
                "3 million tonnes, 200,000 fewer than in 2023",
                &["= 3000000 metric ton", "= 200000 metric ton down"],
            ),
            ("it costs $3 less than a week ago", &["= 3 dollar down"]),
            // What describes the earlier figure stands between "from" and it.
            (
                "250,000 customers, down from a peak of 400,000",
                &["= 250000 customer down from 400000"],
            ),
            (
                "unemployment was 4.1%, up from a revised 3.9%",
                &["= 4.1 percentage up from 3.9"],
            ),
            // And the earlier figure's own bound.
            (
                "12,000 people in shelters, down from a peak of more than 30,000",
                &["= 12000 person down from 30000"],
            ),
            (
                "a backlog of 8,000 cases, down from just under 9,500",
                &["= 8000 case down from 9500"],
            ),
            ("420 beds, up from close to 300", &["= 420 bed up from 300"]),
            (
                "sales of 900, up from last year's 750",
                &["= 900 - up from 750"],
            ),
            (
                "900 cars, down from the 1,200 sold in May",
                &["= 900 car down from 1200"],
            ),
            // A change verb, its object, "by" and the amount.
            (
                "the Fed raised rates by a quarter point",
                &["= 0.25 point up"],
            ),
            (
                "the bank cut its forecast by 0.2 points",
                &["= 0.2 point down"],
            ),
            (
                "the state increased school spending by 4%",
                &["= 4 percentage up"],
            ),
            ("a crowd of 5,000 by the river", &["= 5000 -"]),
            // Currency codes with a scale letter, as company reports write them.
            (
                "operating profit was MSEK 120",
                &["= 120000000 swedish krona"],
            ),
            ("an order worth 45 MEUR", &["= 45000000 euro"]),
            // Money asked of a measure, with the currency written after the figure.
            ("a dividend of 45 cents a share", &["= 45 cent per share"]),
            ("petrol at 2 euros a litre", &["= 2 euro per litre"]),
            ("10 people a day", &["= 10 person per day"]),
            // A temperature's scale, or cents, glued to the digits.
            ("highs of 45C in Seville", &["= 45 celsius"]),
            ("lows of -5C overnight", &["= -5 celsius"]),
            ("the heat hit 104F on Monday", &["= 104 fahrenheit"]),
            ("the fund's 13F filing", &[]),
            (
                "a Boeing 777F freighter flew 40 tonnes",
                &["= 40 metric ton"],
            ),
            ("stamps cost 45c each", &["= 45 cent"]),
            ("the Boeing 737 fleet", &[]),
            ("the Senate is split 50-50", &[]),
            ("a 50-50 chance", &[]),
            // A rate over a round base: the base belongs to the unit.
            (
                "the murder rate fell to 5.2 per 100,000 residents",
                &["= 5.2 per 100000 resident down"],
            ),
            (
                "12 deaths per 1,000 live births",
                &["= 12 death per 1000 live birth"],
            ),
            (
                "3.1 cases per 10,000 people",
                &["= 3.1 case per 10000 person"],
            ),
            ("4 per cent", &["= 4 percentage"]),
            ("50 per 75 people", &["= 50 -", "= 75 person"]),
            // An open end after the figure outweighs "about" before it.
            ("some 500 or more homes", &[">= 500 home"]),
            ("about 2,000 people or fewer", &["<= 2000 person"]),
            ("roughly 40 or so boats", &["~ 40 boat"]),
            ("up to 1,200 soldiers a day", &["<= 1200 soldier per day"]),
            ("10,000 to 12,000 civilians", &["= 10000..12000 civilian"]),
            ("10,000-12,000 people", &["= 10000..12000 person"]),
            ("between 5 and 6 miles", &["= 5..6 mile"]),
            (
                "between $5 and $6 billion",
                &["= 5000000000..6000000000 dollar"],
            ),
            ("11 to 12,000 people", &["= 11000..12000 person"]),
            ("from $200 to $4 million", &["= 200..4000000 dollar"]),
            ("inflation rose 2.1% in August", &["= 2.1 percentage up"]),
            (
                "women and children make up about 80% of them",
                &["~ 80 percentage"],
            ),
            (
                "fuel cost $3.45 a gallon, up from $3.29",
                &["= 3.45 dollar per gallon up from 3.29"],
            ),
            ("a $425 million package", &["= 425000000 dollar"]),
            ("a deal worth 75 USD million", &["= 75000000 dollar"]),
            ("it fell by 300 megawatts", &["= 300 megawatt down"]),
            ("shares down 11.9%", &["= 11.9 percentage down"]),
            (
                "the rupee weakened 1.5% against the dollar",
                &["= 1.5 percentage down"],
            ),
            ("the euro firmed 0.3% on Tuesday", &["= 0.3 percentage up"]),
            (
                "the budget was slashed by $2 billion",
                &["= 2000000000 dollar down"],
            ),
            (
                "rates were trimmed by 25 basis points",
                &["= 25 basis point down"],
            ),
            (
                "unemployment edged higher to 4.2%",
                &["= 4.2 percentage up"],
            ),
            (
                "the yield moved lower to 3.9 percent",
                &["= 3.9 percentage down"],
            ),
            (
                "prices are 4% higher than a year ago",
                &["= 4 percentage up"],
            ),
            (
                "unemployment fell to 4.3 per cent from 4.6 per cent",
                &["= 4.3 percentage down from 4.6"],
            ),
            (
                "shipments climbed from 2.1 million to 3.4 million tonnes",
                &["= 3400000 metric ton up from 2100000"],
            ),
            // The figure's own period may stand between it and "from".
            (
                "inflation eased to 1.9% in September from 2.1% in August",
                &["= 1.9 percentage down from 2.1"],
            ),
            (
                "the jobless rate rose to 4.4 per cent last month from 4.1 per cent",
                &["= 4.4 percentage up from 4.1"],
            ),
            (
                "exports reached 80 tonnes on Tuesday from 60 tonnes",
                &["= 80 metric ton up from 60"],
            ),
            // An aside's share between a figure and its previous value.
            (
                "some 2.1 million people, or 12% of the population, have fled, up from 1.8 million",
                &["~ 2100000 person up from 1800000", "= 12 percentage"],
            ),
            // A figure of another unit between passes the previous value on to the one before.
            (
                "prices rose 2.4% in the 12 months to September, down from 2.5% in August",
                &["= 2.4 percentage up from 2.5", "= 12 month"],
            ),
            (
                "the jobless rate was 6.1% in 40 cities, up from 5.8%",
                &["= 6.1 percentage up from 5.8", "= 40 city"],
            ),
            (
                "wages rose 3% in 12 months; 2.5% from the year before",
                &["= 3 percentage up", "= 12 month", "= 2.5 percentage"],
            ),
            (
                "the toll rose from 40 on Monday to 55 on Tuesday",
                &["= 55 - up from 40"],
            ),
            // A change by an amount, then the level it reached; a range of changes.
            ("the toll rose by 300 to 3,549", &["= 300 - up", "= 3549 -"]),
            (
                "output is forecast to grow by 2 to 3 percent",
                &["= 2..3 percentage up"],
            ),
            // Not a time phrase: two figures, no previous value.
            (
                "80 tonnes in ships from 60 ports",
                &["= 80 metric ton", "= 60 port"],
            ),
            (
                "grew by $12.5 billion to $287.4 billion",
                &["= 12500000000 dollar up", "= 287400000000 dollar"],
            ),
            (
                "435 homes by open sale and 187 by tender",
                &["= 435 home", "= 187 home"],
            ),
            (
                "temperatures of minus 12 degrees Celsius",
                &["= -12 celsius"],
            ),
            ("a 6.1-inch display", &["= 6.1 inch"]),
            // An age is no figure (filters.rs).
            ("a 30-year-old man", &[]),
            ("a 51 percent-owned unit", &["= 51 percentage"]),
            ("a 37m long skeleton", &["= 37 metre"]),
            ("35m of its devices", &["= 35000000 device"]),
            (
                "tens of thousands of students",
                &["= 10000..100000 student"],
            ),
            (
                "police logged 12 residential burglaries",
                &["= 12 residential burglary"],
            ),
            ("5 caf\u{e9} owners", &["= 5 caf\u{e9} owner"]),
            ("make 5G available", &[]),
            // Ambiguous units read by context: pounds of weight or money, "p" touching a price.
            ("a sack weighing 50 pounds", &["= 50 pound-mass"]),
            ("he weighed two hundred pounds", &["= 200 pound-mass"]),
            (
                "it sold for two thousand pounds",
                &["= 2000 pound sterling"],
            ),
            (
                "the club paid 5 million pounds",
                &["= 5000000 pound sterling"],
            ),
            ("shares closed at 164p", &["= 164 penny"]),
            // Fractions of a unit, and a fraction glued to its whole.
            // Points that move a rate are percentage points; an index's or a player's are not.
            (
                "support for the plan slipped 3 points to 41%",
                &["= 3 percentage point down", "= 41 percentage"],
            ),
            (
                "the party polls 44%, 19 points ahead of its rival",
                &["= 44 percentage", "= 19 percentage point"],
            ),
            (
                "the Nikkei fell 310 points, or 0.8%",
                &["= 310 point down", "= 0.8 percentage"],
            ),
            (
                "she scored 30 points on 55% shooting",
                &["= 30 point", "= 55 percentage"],
            ),
            // Energy and output units written out.
            (
                "power traded at 95 euros per megawatt hour",
                &["= 95 euro per megawatt hour"],
            ),
            ("output of 3.7 million bpd", &["= 3700000 barrel per day"]),
            (
                "rates rose a quarter of a percentage point to 5\u{bc}%",
                &["= 0.25 percentage point up", "= 5.25 percentage"],
            ),
            // "pm" is picometres only where the number is no clock time.
            ("an atom 154 pm across", &["= 154 picometre"]),
            ("at 5 pm or 6.15pm, 40 people", &["= 40 person"]),
            ("a 37m-", &["= 37 metre"]),
            // Number grammar: scales on hyphenated words, rates shared by a range, signed lists.
            ("a 1.8 billion-mile trip", &["= 1800000000 mile"]),
            ("1.8 billion-mile", &["= 1800000000 mile"]),
            (
                "pay between $40,000 and $70,000 a year",
                &["= 40000..70000 dollar per year"],
            ),
            (
                "priced at $150,000 to-190,000",
                &["= 150000..190000 dollar"],
            ),
            (
                "Nikkei 225 -2.1%, FTSE 100 +0.4%",
                &["= 225 -", "= -2.1 percentage", "= 0.4 percentage"],
            ),
            ("between 10 -12 people", &["= 10..12 person"]),
            (
                "four to five thousand protesters",
                &["= 4000..5000 protester"],
            ),
            // A rate after an amount restated in brackets is the first amount's.
            (
                "an offer of C$6 (US$4.46) per share",
                &["= 6 canadian dollar per share", "= 4.46 dollar"],
            ),
            ("a price of $5 (and more) per share", &["= 5 dollar"]),
            // A rate's denominator of several words.
            (
                "rents of $45 per square foot",
                &["= 45 dollar per square foot"],
            ),
            (
                "it used 3 kWh per square metre",
                &["= 3 kilowatt hour per square metre"],
            ),
            // Shares of a whole count nothing.
            ("one in five children", &["= 0.2 -"]),
            ("two-thirds of residents", &["= 0.6666666666666666 -"]),
            ("half the stores closed", &["= 0.5 -"]),
            (
                "10 million people, or one in five of them",
                &["= 10000000 person", "= 0.2 -"],
            ),
            // A lower and an upper bound, in either order.
            ("more than 10 and less than 20 people", &["= 10..20 person"]),
            ("at most 50 but at least 20 people", &["= 20..50 person"]),
            ("over 5% and under 9%", &["= 5..9 percentage"]),
            (
                "over 9% and under 5%",
                &["> 9 percentage", "< 5 percentage"],
            ),
            ("at least 20 and 30 more", &[">= 20 -", "= 30 -"]),
            // Range marks: a suspended hyphen, "through", a tilde.
            ("an 8- to 16-metre mirror", &["= 8..16 metre"]),
            ("from 20 through 30 people", &["= 20..30 person"]),
            ("20~30 people", &["= 20..30 person"]),
            // A whole amount and a count of the smaller unit.
            ("a ticket is 7 dollars 25 cents", &["= 7.25 dollar"]),
            ("it was 6 feet and 3 inches tall", &["= 6.25 foot"]),
            ("the flight took 2 hours 30 minutes", &["= 2.5 hour"]),
            ("lunch cost twelve euros fifty.", &["= 12.5 euro"]),
            // Not a smaller unit: a count of something else, or a bare number mid-clause.
            ("5 dollars and 20 people", &["= 5 dollar", "= 20 person"]),
            ("3 hours 90 minutes", &["= 3 hour", "= 90 minute"]),
            ("The team won 3-1 on Sunday.", &[]),
            ("The Senate voted 52-48.", &[]),
            ("women aged 25 to 54", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&read(text), expected, "{text}");
        }
        // A "p" apart from the number is no penny ("Table 4 p 12").
        for text in ["Table 4 p 12 shows it", "see 12 p"] {
            assert!(read(text).iter().all(|q| !q.contains("penny")), "{text}");
        }
    }
}
