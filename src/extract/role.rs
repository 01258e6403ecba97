//! What a figure is: a level, a change, a rate, a part of the running figure, or a target.
//! Only levels form a level series (see [`crate::model::Role`]).
//!
//! The rules read the figure's clause: the words before it back to a punctuation mark, another
//! number or a contrasting conjunction, and the words after its unit up to the same. In order:
//! - a span: a length of time that frames the other figures ("in the 12 months to September",
//!   "over the past 24 hours", "within 48 hours", "the first half of the year");
//! - a target: a plan, hope or forecast governs the figure ("plans to send 12,000", "is
//!   expected to reach 3%", "could climb to 60", "10,000 by December");
//! - a part: a subset of a whole or one event ("8,000 of them", "including 1,200 children",
//!   "100 killed in one strike", "captured two soldiers", "on Tuesday alone");
//! - a rate: an amount per period of time ("1,200 a day", "40 per week", "300 daily"; "$3.45 a
//!   gallon" is a price, a level);
//! - a change: a stated change with no level ("rose 2.1%", "fell by 300", "up 9.4%"); a change
//!   that names where it arrived ("fell to 4.1%", "rose from 2.1 million to 3.4 million",
//!   "10,000, up from 3,000") is the level it reached;
//! - else a level.

use super::bounds::bound_before;
use super::change::filler;
use super::context::Ctx;
use super::lexicon::{WordSet, class};
use super::quantity::Quantity;
use super::tokens::TokKind;
use crate::model::{Kind, Role};

/// Words read on each side of a figure, at most.
const REACH: usize = 8;

/// The role of quantity `q` in its sentence.
pub fn role_of(ctx: &Ctx, q: &Quantity) -> Role {
    let c = Clause::of(ctx, q);
    if spans_time(ctx, q) {
        Role::Span
    } else if planned(ctx, &c) {
        Role::Target
    } else if part_of_whole(ctx, q, &c) {
        Role::Part
    } else if per_period(ctx, q, &c) {
        Role::Rate
    } else if (q.direction.is_some()
        && q.previous.is_none()
        && !reached(ctx, q.first)
        && !annual_rate(ctx, q, &c))
        || more_of(ctx, q)
        || (measures_a_change(ctx, q) && !annual_rate(ctx, q, &c))
    {
        Role::Change
    } else {
        Role::Level
    }
}

/// "13 more bodies were found", "five more cases": a count of what was added, not the total
/// ("more than 13" is a bound, read before).
fn more_of(ctx: &Ctx, q: &Quantity) -> bool {
    q.kind != Kind::Percentage
        && ctx.w(q.last) == "more"
        && ctx.is_word(q.last + 1)
        && ctx.w(q.last + 1) != "than"
}

/// Nouns of a change: the figure after them and "of" measures the change, not the level ("the
/// daily increase of 470 soldiers", "a drop of 12%", "a cut of a quarter point"). Not "growth"
/// or "gain", which news states as levels ("growth of 2.1%", "a net gain of 250,000 jobs").
static CHANGE_NOUNS: WordSet = WordSet::new(&[
    "increase",
    "rise",
    "jump",
    "drop",
    "decline",
    "fall",
    "decrease",
    "surge",
    "reduction",
    "cut",
    "spike",
    "dip",
    "slump",
    "hike",
    "plunge",
]);

/// "an increase of 470", "a drop of about 12%": a change noun, "of" and the figure (past its
/// bound words).
fn measures_a_change(ctx: &Ctx, q: &Quantity) -> bool {
    let before = ctx.words_before(q.first, 4);
    let skip = bound_before(before).map_or(0, |(_, n)| n);
    let before = &before[..before.len() - skip];
    matches!(before, [.., noun, "of"] if CHANGE_NOUNS.contains(noun))
}

/// A percentage change over a year is the annual rate statistics report as the level: "prices
/// rose 2.1% from a year earlier", "inflation rose 3% year on year", "grew 4.5% on an annual
/// basis" (a month's or a quarter's change stays a change).
fn annual_rate(ctx: &Ctx, q: &Quantity, c: &Clause) -> bool {
    if q.kind != Kind::Percentage || q.unit_norm.as_deref() != Some("percentage") {
        return false;
    }
    let after: Vec<&str> = (c.end..c.to).map(|k| ctx.w(k)).collect();
    let said = |phrase: &[&str]| after.windows(phrase.len()).any(|w| w == phrase);
    // "In the 12 months to September, prices rose 6.7%": the period may open the sentence.
    let lead: Vec<&str> = (0..q.first).map(|k| ctx.w(k)).collect();
    let trail: Vec<&str> = (c.end..(c.end + 8).min(ctx.len()))
        .map(|k| ctx.w(k))
        .collect();
    let twelve_months = |words: &[&str]| {
        words.windows(3).any(|w| {
            matches!(w[0], "12" | "twelve")
                && w[1] == "months"
                && matches!(w[2], "to" | "through" | "ending" | "until")
        }) || words
            .windows(4)
            .any(|w| w[0] == "the" && w[1] == "year" && w[2] == "to" && w[3] != "date")
    };
    said(&["a", "year", "earlier"])
        || said(&["a", "year", "ago"])
        || twelve_months(&trail)
        || twelve_months(&lead)
        || said(&["year-on-year"])
        || said(&["year-over-year"])
        || said(&["year", "over", "year"])
        || said(&["year", "-", "over", "-", "year"])
        || said(&["year", "on", "year"])
        || said(&["year", "-", "on", "-", "year"])
        || said(&["on", "the", "year"])
        || said(&["annual", "basis"])
        || said(&["same", "month", "last", "year"])
        || said(&["same", "period", "last", "year"])
}

/// The figure at token `first` is where a change arrived: "to" (or "at") stands before it, past
/// any bound words ("fell to about 4.1%", "eased to 1.9%", "stood at 3.4%").
fn reached(ctx: &Ctx, first: usize) -> bool {
    let before = ctx.words_before(first, 4);
    let skip = bound_before(before).map_or(0, |(_, n)| n);
    let before = &before[..before.len() - skip];
    matches!(before.last(), Some(&"to") | Some(&"at"))
}

/// The figure's clause: tokens `from..first` before the figure, `end..to` after its unit.
struct Clause {
    from: usize,
    first: usize,
    end: usize,
    to: usize,
}

impl Clause {
    fn of(ctx: &Ctx, q: &Quantity) -> Clause {
        let mut from = q.first;
        while from > 0 && q.first - from < REACH && !breaks(ctx, from - 1) {
            from -= 1;
        }
        let end = q.unit_end.min(ctx.len());
        let mut to = end;
        while to < ctx.len() && to - end < REACH && !breaks(ctx, to) {
            to += 1;
        }
        Clause {
            from,
            first: q.first,
            end,
            to,
        }
    }

    fn before(&self) -> std::ops::Range<usize> {
        self.from..self.first
    }

    fn after(&self) -> std::ops::Range<usize> {
        self.end..self.to
    }
}

/// Token `i` ends the clause a figure is read in: a punctuation mark (not a hyphen or an
/// apostrophe, which sit inside words), another number, or a conjunction that turns to another
/// statement ("expected a rise but prices fell 0.1%").
fn breaks(ctx: &Ctx, i: usize) -> bool {
    match ctx.kind(i) {
        Some(TokKind::Punct) => !matches!(ctx.w(i), "-" | "'" | "\u{2019}"),
        Some(TokKind::Num) => true,
        _ => ctx.is(i, class::TURN),
    }
}

// ---- spans of time -----------------------------------------------------------------------------

/// Units of time (normal names), whose figures may frame the others rather than be one.
static TIME_UNITS: WordSet = WordSet::new(&[
    "second", "minute", "hour", "day", "week", "month", "year", "decade",
]);

/// Words between a preposition and a length of time: "over the past 24 hours".
static SPAN_LEADS: WordSet = WordSet::new(&[
    "the",
    "past",
    "last",
    "first",
    "next",
    "previous",
    "preceding",
    "latest",
    "most",
    "recent",
]);

/// Words of these that make a length of time a span even with no preposition before them: "the
/// past 24 hours saw", "the first six months were".
static SPAN_MARKS: WordSet = WordSet::new(&["past", "last", "first", "previous", "preceding"]);

/// The figure is a length of time that frames the other figures: "in the 12 months to
/// September", "over the past 24 hours", "within 48 hours", "for more than three days", "the
/// first six months of the year", "in the first half of 2024". Not a duration that is itself
/// what a sentence tells: "the war has lasted 1,000 days", "sentenced to 10 years".
fn spans_time(ctx: &Ctx, q: &Quantity) -> bool {
    if !q
        .unit_norm
        .as_deref()
        .is_some_and(|u| TIME_UNITS.contains(u))
    {
        return false;
    }
    let before = ctx.words_before(q.first, 6);
    let skip = bound_before(before).map_or(0, |(_, n)| n);
    let before = &before[..before.len() - skip];
    let leads = before
        .iter()
        .rev()
        .take_while(|w| SPAN_LEADS.contains(w))
        .count();
    let marked = before[before.len() - leads..]
        .iter()
        .any(|w| SPAN_MARKS.contains(w));
    let framed = before[..before.len() - leads].last().is_some_and(|w| {
        matches!(
            *w,
            "in" | "over" | "during" | "within" | "for" | "across" | "throughout" | "after"
        )
    });
    framed || marked
}

// ---- targets, plans and forecasts -------------------------------------------------------------

/// Words that compare the figure with a forecast rather than make it one: "rose more than
/// expected to 3.2%", "as forecast", "beat expectations at 3.2%", "in line with".
static COMPARED: WordSet = WordSet::new(&[
    "than",
    "as",
    "beat",
    "beats",
    "beating",
    "topped",
    "exceeded",
    "exceeding",
    "surpassed",
    "missed",
    "above",
    "below",
    "with",
    "outpaced",
    "defied",
]);

/// The figure is a target, plan or forecast.
fn planned(ctx: &Ctx, c: &Clause) -> bool {
    // "above a forecast of 0.3%", "against expectations of 0.4%": the forecast itself, whatever
    // it is compared with.
    let forecast_of = |k: usize| {
        ctx.is(k, class::FORESEE)
            && ctx.w(k + 1) == "of"
            && (k + 2..c.first).all(|i| filler(ctx.w(i)))
    };
    let foreseen = |k: usize, from: usize| {
        forecast_of(k)
            || (ctx.is(k, class::FORESEE) || (ctx.w(k) == "looked" && ctx.w(k + 1) == "for"))
                && !ctx
                    .words_from(
                        from.max(k.saturating_sub(4)),
                        k - from.max(k.saturating_sub(4)),
                    )
                    .iter()
                    .any(|w| COMPARED.contains(w))
    };
    c.before().any(|k| {
        foreseen(k, c.from) || modal(ctx, k, c) || (ctx.is(k, class::INTENT) && intends(ctx, k, c))
    }) || c
        .after()
        .any(|k| foreseen(k, c.end) || (k < c.end + 2 && modal(ctx, k, c)))
        || by_a_future_date(ctx, c)
}

/// The figure is what a forecast expects that its words give to no one: "below forecasts of a
/// 40,000 gain", "against expectations of 0.4%", "a forecast of 1.5%"; not "its forecast of
/// 2.5%" or "the bank's forecast of 3%", which belong to their owner. Whoever the sentence says
/// spoke did not make such a forecast ("32,200, the bureau said, below forecasts of 40,000").
pub fn unowned_forecast(ctx: &Ctx, q: &Quantity) -> bool {
    let from = q.first.saturating_sub(REACH);
    (from..q.first).any(|k| {
        let owner = k.checked_sub(1).map_or("", |b| ctx.w(b));
        ctx.is(k, class::FORESEE)
            && ctx.w(k + 1) == "of"
            && (k + 2..q.first).all(|i| filler(ctx.w(i)) || matches!(ctx.w(i), "a" | "the"))
            && !matches!(
                owner,
                "its" | "their" | "his" | "her" | "our" | "my" | "'s" | "\u{2019}s"
            )
            && !owner.ends_with("'s")
            && !owner.ends_with("\u{2019}s")
    })
}

/// The figure starting at token `first` is joined by "and" or "or" to a target ending before
/// token `previous_end`, and shares its forecast: "had forecast the index rising 0.1% and
/// climbing 3.1%", "expects growth of 2.1% or 2.3%", "plans to send 3,000 troops and 200 tanks".
/// Between them stand the conjunction and at most two words of the same verb phrase (an "-ing"
/// form, "to", "then", "a", filler such as "about"); a verb of its own makes a measured figure
/// ("had expected 0.2% and got 0.3%").
pub fn shares_a_target(ctx: &Ctx, previous_end: usize, first: usize) -> bool {
    if previous_end >= first || !matches!(ctx.w(previous_end), "and" | "or") {
        return false;
    }
    let rest = previous_end + 1..first;
    rest.len() <= 2
        && rest.clone().all(|k| {
            let w = ctx.w(k);
            ctx.kind(k) == Some(TokKind::Word)
                && (w.len() > 4 && w.ends_with("ing")
                    || matches!(w, "to" | "then" | "a" | "at")
                    || filler(w))
        })
}

/// Token `k` is a modal verb of something to come. Not an estimate of what is or was ("may have
/// killed 300", "may still be missing"), "could not" (what was not done), nor a sum ("2,274
/// more would put the toll at 3,700"); "May" the month is written with a capital.
fn modal(ctx: &Ctx, k: usize, c: &Clause) -> bool {
    let (w, next) = (ctx.w(k), ctx.w(k + 1));
    if !ctx.is(k, class::MODAL) || matches!(next, "have" | "'ve" | "still" | "already" | "now") {
        return false;
    }
    match w {
        "may" => !ctx.capitalized(k),
        "could" => !matches!(next, "not" | "n't"),
        "would" => {
            !(matches!(next, "put" | "bring" | "take" | "raise" | "push" | "lift")
                && reached(ctx, c.first))
        }
        _ => true,
    }
}

/// The word of intent at `k` reaches for the figure: "to" follows it ("plans to send"), or only
/// filler words stand between, after a "for" ("planning for 1.8 million", "wants another 10,000";
/// not "hope for the 300 missing"). "set" and "due" need "to" ("set to reach"), "track" and "course" "on" before them.
fn intends(ctx: &Ctx, k: usize, c: &Clause) -> bool {
    let next = ctx.w(k + 1);
    match ctx.w(k) {
        "set" | "due" => next == "to" && !ctx.is(k + 2, class::DETERMINER),
        "track" | "course" => ctx.w(k.wrapping_sub(1)) == "on" && next == "to",
        _ => {
            let from = k + 1 + usize::from(next == "for");
            next == "to" || (from..c.first).all(|i| filler(ctx.w(i)))
        }
    }
}

/// "10,000 by December", "3% by the end of next year", "by 2030": a figure to be reached by a
/// date to come. A past or perfect verb in the clause makes it a level reached by that date ("had
/// risen to 10,000 by December").
fn by_a_future_date(ctx: &Ctx, c: &Clause) -> bool {
    let Some(by) = c.after().find(|&k| ctx.w(k) == "by") else {
        return false;
    };
    let mut k = by + 1;
    while matches!(ctx.w(k), "the" | "early" | "late" | "mid" | "-") {
        k += 1;
    }
    let w = ctx.w(k);
    let future = MONTHS.contains(w)
        || matches!(
            w,
            "end" | "year-end" | "next" | "spring" | "summer" | "autumn" | "fall" | "winter"
        )
        || (ctx.kind(k) == Some(TokKind::Num)
            && w.len() == 4
            && (w.starts_with("20") || w.starts_with("19")));
    future && !(c.from..by).any(|i| past(ctx, i))
}

/// Token `i` is a verb in the past or perfect (a verb of saying is not: "the ministry said").
fn past(ctx: &Ctx, i: usize) -> bool {
    let w = ctx.w(i);
    if ctx.is(i, class::SAY | class::FORESEE | class::INTENT) {
        return false;
    }
    (ctx.is_word(i) && w.len() > 4 && w.ends_with("ed")) || PAST.contains(w)
}

/// Auxiliaries of the perfect and past, and past tenses not written with "-ed".
static PAST: WordSet = WordSet::new(&[
    "had", "has", "have", "was", "were", "'ve", "'d", "rose", "fell", "grew", "stood", "hit",
    "came", "went", "took", "made", "sent", "lost", "won", "held", "saw", "began", "drew", "ran",
    "got", "found", "left", "kept", "brought", "fled", "shrank", "sank", "swept", "spread",
]);

static MONTHS: WordSet = WordSet::new(&[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]);

// ---- parts and single events ------------------------------------------------------------------

/// Pronouns and words that name the whole a part is taken from: "of them", "among whom".
static WHOLE: WordSet = WordSet::new(&["them", "whom", "which", "those", "these", "us"]);

/// Determiners after "of" that name a whole for a count or an amount: "8,000 of the troops",
/// "$300 million of its budget", "among the dead" (not for a percentage: "4% of the workforce"
/// is a share).
static OF_WHOLE: WordSet = WordSet::new(&[
    "the", "its", "their", "his", "her", "our", "those", "these", "all",
]);

/// Days and parts of a day: "on Tuesday alone", "overnight alone" single out a day's count from
/// the running figure. A place "alone" ("in the northwest alone") names a region a catalog may
/// track as its own series, and stays a level.
static DAYS: WordSet = WordSet::new(&[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "overnight",
    "day",
    "night",
    "weekend",
    "morning",
    "afternoon",
    "evening",
    "hours",
]);

/// The figure is a part of a whole, or the count of a single event.
fn part_of_whole(ctx: &Ctx, q: &Quantity, c: &Clause) -> bool {
    // "of Russia's troops", "of last year's arrivals": a possessive names the whole.
    let possessive = |w: &str| w.ends_with("'s") || w.ends_with("\u{2019}s");
    let of_whole = |k: usize| {
        matches!(ctx.w(k), "of" | "among")
            && (WHOLE.contains(ctx.w(k + 1))
                || (q.kind != Kind::Percentage
                    && (OF_WHOLE.contains(ctx.w(k + 1))
                        || possessive(ctx.w(k + 1))
                        || (matches!(ctx.w(k + 1), "last" | "this") && possessive(ctx.w(k + 2))))))
    };
    let before = c.before().any(|k| {
        let w = ctx.w(k);
        ctx.is(k, class::SUBSET | class::CAPTURE)
            || (ctx.is(k, class::EVENT) && !starts_a_period(ctx, k))
            || (w == "of" && WHOLE.contains(ctx.w(k + 1)))
            || (w == "among" && (WHOLE.contains(ctx.w(k + 1)) || OF_WHOLE.contains(ctx.w(k + 1))))
            || a_day_alone(ctx, k)
    });
    // A lead-in before a comma: "On Sunday alone, 900", "Of those, 300".
    let lead_in = c.from >= 2 && ctx.w(c.from - 1) == "," && {
        let k = c.from - 2;
        a_day_alone(ctx, k)
            || (WHOLE.contains(ctx.w(k)) && matches!(ctx.w(k.wrapping_sub(1)), "of" | "among"))
            // "Of the dead, 113 were in Gansu", "Among the injured, 40".
            || (q.kind != Kind::Percentage
                && k >= 2
                && ctx.w(k - 1) == "the"
                && matches!(ctx.w(k - 2), "of" | "among")
                && (k == 2 || !ctx.is_word(k - 3)))
            // "Of the 2,300 people tested, 118 were positive": a sentence that opens with the
            // whole, up to the first comma.
            || (q.kind != Kind::Percentage
                && matches!(ctx.w(0), "of" | "among")
                && ctx.w(1) != "course"
                && !(1..c.from - 1).any(|j| ctx.w(j) == ","))
    };
    let after = |k: usize| {
        let w = ctx.w(k);
        a_day_alone(ctx, k)
            || ctx.is(k, class::CAPTURE)
            || (k == c.end && of_whole(k))
            || (k == c.end && w == "out" && ctx.w(k + 1) == "of")
            || (matches!(w, "in" | "during" | "from" | "by")
                && (k + 1..(k + 4).min(c.to)).any(|e| ctx.is(e, class::EVENT)))
    };
    // "five of the deaths": a number word's unit may run through "of the" to the whole.
    let whole_as_unit = q.unit_end > q.last && of_whole(q.last);
    before || lead_in || whole_as_unit || c.after().any(after) || broken_down(ctx, q.first)
}

/// The figure at token `first` breaks down a total stated before a colon: "24 deaths: 16 in the
/// east and 8 in the west", "1,200 arrests: 700 in the capital".
fn broken_down(ctx: &Ctx, first: usize) -> bool {
    let mut k = first;
    while k > 0 && first - k < 25 {
        k -= 1;
        match ctx.w(k) {
            ":" => {
                // A counted total ("24 deaths:"), not a clock ("at 9:30:").
                return (k.saturating_sub(6)..k.saturating_sub(1)).any(|j| {
                    ctx.kind(j) == Some(TokKind::Num) && ctx.kind(j + 1) != Some(TokKind::Punct)
                });
            }
            ";" | "." | "\"" | "\u{201c}" | "\u{201d}" => return false,
            _ => {}
        }
    }
    false
}

/// Token `k` is "alone" after a day: "on Tuesday alone", "in the past 24 hours alone".
fn a_day_alone(ctx: &Ctx, k: usize) -> bool {
    ctx.w(k) == "alone" && DAYS.contains(ctx.w(k.wrapping_sub(1)))
}

/// The event noun at `k` marks the start of a period, not the event the figure is from: "since
/// the attack", "after the raid".
fn starts_a_period(ctx: &Ctx, k: usize) -> bool {
    ctx.words_before(k, 3)
        .iter()
        .any(|w| matches!(*w, "since" | "after" | "following"))
}

// ---- rates ------------------------------------------------------------------------------------

/// Periods of time: the denominators that make an amount a rate.
static PERIODS: WordSet = WordSet::new(&[
    "second",
    "minute",
    "hour",
    "day",
    "night",
    "week",
    "fortnight",
    "month",
    "quarter",
    "year",
    "annum",
]);

/// Adverbs and adjectives of a period: "300 daily", "1,200 daily casualties".
static PERIODICAL: WordSet = WordSet::new(&[
    "daily",
    "nightly",
    "weekly",
    "fortnightly",
    "monthly",
    "hourly",
]);

/// The figure is an amount per period of time: "1,200 a day", "40 per week", "an average of 300
/// daily", "$20 an hour". A percentage per period is the rate itself and a level ("inflation of
/// 3% a year", "monthly inflation of 0.3%"); "$3.45 a gallon" is a price; a distance per time
/// ("120 mph winds", "300 km/h") is a speed, a level of its own.
fn per_period(ctx: &Ctx, q: &Quantity, c: &Clause) -> bool {
    if q.kind == Kind::Percentage || is_speed(q) {
        return false;
    }
    let per_unit = q
        .unit_norm
        .as_deref()
        .and_then(|u| split_per(u, true))
        .is_some_and(|(_, per)| PERIODS.contains(per));
    // "a day", "per week", "each month" after the figure, within a few words ("1,200 soldiers
    // killed a day"), but not "in a day", "twice a week", "a year earlier".
    let per_word = |k: usize| {
        matches!(ctx.w(k), "a" | "an" | "per" | "each" | "every")
            && PERIODS.contains(ctx.w(k + 1))
            && !matches!(
                ctx.w(k + 2),
                "earlier" | "later" | "ago" | "before" | "after" | "on"
            )
            && !matches!(
                ctx.w(k.wrapping_sub(1)),
                "in" | "on" | "within" | "for" | "over" | "of" | "than" | "once" | "twice"
            )
    };
    let after = c
        .after()
        .take(6)
        .any(|k| per_word(k) || PERIODICAL.contains(ctx.w(k)));
    let in_unit = (q.first..c.end).any(|k| PERIODICAL.contains(ctx.w(k)));
    // "a daily average of 1,200", "the weekly rate of 300".
    let averaged = c.before().any(|k| PERIODICAL.contains(ctx.w(k)))
        && c.before()
            .any(|k| matches!(ctx.w(k), "average" | "averaging" | "averaged" | "rate"));
    per_unit || after || in_unit || averaged
}

/// `unit` split around its first " per ", or its last with `last` ("mile per hour" -> "mile",
/// "hour"). Units are a few words: their spaces are tried in turn, without building a substring
/// searcher for every figure.
fn split_per(unit: &str, last: bool) -> Option<(&str, &str)> {
    const PER: &[u8] = b" per ";
    let b = unit.as_bytes();
    let at = |i: &usize| b[*i..].starts_with(PER);
    let i = match last {
        true => memchr::memrchr_iter(b' ', b).find(at)?,
        false => memchr::memchr_iter(b' ', b).find(at)?,
    };
    Some((&unit[..i], &unit[i + PER.len()..]))
}

/// A distance per unit of time: "mile per hour", "kilometre per hour", "metre per second".
fn is_speed(q: &Quantity) -> bool {
    q.kind == Kind::Measure
        && q.unit_norm
            .as_deref()
            .and_then(|u| split_per(u, false))
            .is_some_and(|(top, _)| {
                matches!(
                    top,
                    "mile"
                        | "kilometre"
                        | "kilometer"
                        | "metre"
                        | "meter"
                        | "foot"
                        | "nautical mile"
                )
            })
}

#[cfg(test)]
mod tests {
    use crate::model::{Document, Role};

    /// The split around " per " agrees with `split_once` and `rsplit_once`.
    #[test]
    fn split_per_matches_the_string_splits() {
        let units = [
            "mile per hour",
            "dollar per barrel per day",
            "per hour",
            "mile per",
            "per",
            " per ",
            " per per ",
            "kilometre",
            "",
            "cases per 100,000 per week",
        ];
        for u in units {
            assert_eq!(super::split_per(u, false), u.split_once(" per "), "{u:?}");
            assert_eq!(super::split_per(u, true), u.rsplit_once(" per "), "{u:?}");
        }
    }

    /// The role of the claim whose text is `figure` in `text`, if there is one.
    fn role(text: &str, figure: &str) -> Option<Role> {
        crate::extract::extract(&Document::new("t", text))
            .into_iter()
            .find(|c| c.text == figure)
            .map(|c| c.role)
    }

    /// Every figure of `cases` has the role `want` (all the misses are listed).
    fn check(want: Role, cases: &[(&str, &str)]) {
        let missed: Vec<String> = cases
            .iter()
            .filter_map(|(text, figure)| {
                let got = role(text, figure);
                (got != Some(want)).then(|| format!("{text} ({figure}): {got:?}"))
            })
            .collect();
        assert!(missed.is_empty(), "want {want:?}:\n{}", missed.join("\n"));
    }

    #[test]
    fn a_figure_joined_to_a_forecast_is_one_too() {
        check(
            Role::Target,
            &[
                (
                    "Economists had forecast the index rising 0.1% and climbing 3.1% on the year.",
                    "3.1",
                ),
                ("The bank expects growth of 2.1% or 2.3% next year.", "2.3"),
                (
                    "The ministry plans to send 3,000 troops and 200 tanks.",
                    "200",
                ),
                (
                    "Analysts had expected sales to reach $4 billion and then $5 billion.",
                    "$5 billion",
                ),
            ],
        );
        check(
            Role::Level,
            &[
                ("Economists had expected 0.2% and got 0.3% instead.", "0.3"),
                (
                    "Forecasters expected 1,200 and officials counted 1,450.",
                    "1,450",
                ),
            ],
        );
    }

    #[test]
    fn lengths_of_time_that_frame_the_figures_are_spans() {
        check(
            Role::Span,
            &[
                ("Prices rose 2.4% in the 12 months to September.", "12"),
                ("Russia lost 1,230 soldiers over the past 24 hours.", "24"),
                ("Aid must arrive within 48 hours, officials said.", "48"),
                ("Output fell in the first six months of the year.", "six"),
                ("The past seven days saw 3,100 crossings.", "seven"),
                ("The fire burned for more than three days.", "three"),
                ("Sales doubled in eight months.", "eight"),
            ],
        );
        // A duration that is what the sentence tells stays a figure.
        check(
            Role::Level,
            &[
                ("The war has lasted 1,000 days.", "1,000"),
                ("The average wait was 14 weeks.", "14"),
            ],
        );
    }

    #[test]
    fn levels_reached_by_a_change_are_levels() {
        check(
            Role::Level,
            &[
                ("Unemployment fell to 4.1 per cent in October.", "4.1"),
                ("Inflation eased to about 1.9% last month.", "1.9"),
                ("The toll rose to 3,549 on Tuesday.", "3,549"),
                (
                    "Exports rose from 2.1 million to 3.4 million tonnes.",
                    "3.4 million",
                ),
                (
                    "There are 10,000 troops, up from 3,000 a week ago.",
                    "10,000",
                ),
            ],
        );
    }

    /// A change over a year is the annual rate, the level statistics report.
    #[test]
    fn annual_changes_in_per_cent_are_levels() {
        check(
            Role::Level,
            &[
                ("Consumer prices rose 3.1% from a year earlier.", "3.1"),
                ("Inflation climbed 2.4 per cent year on year in May.", "2.4"),
                ("Rents rose 6% on the year, the office said.", "6"),
                ("Wages grew 4.5% on an annual basis.", "4.5"),
                ("Core prices climbed 5.2% year-on-year.", "5.2"),
                ("Rents rose 3% year over year in Ohio.", "3"),
                (
                    "In the 12 months through May, the index increased 4.1%.",
                    "4.1",
                ),
                ("Prices rose 6.7% in the 12 months to September.", "6.7"),
                ("In the year to March, wages grew 5.9%.", "5.9"),
                (
                    "In the 12 months through May, the index rose 3.3% after advancing 3.4% in April.",
                    "3.4",
                ),
            ],
        );
        check(
            Role::Change,
            &[
                ("Prices rose 0.3% from a month earlier.", "0.3"),
                ("In the three months to May, wages grew 1.2%.", "1.2"),
                ("Shares rose 8% in the year to date.", "8"),
                ("Output fell 2,000 tonnes from a year earlier.", "2,000"),
            ],
        );
    }

    #[test]
    fn stated_changes_are_changes() {
        check(
            Role::Change,
            &[
                ("Prices rose 2.1% in the year.", "2.1"),
                ("The workforce fell by 300 people.", "300"),
                ("Shares were up 9.4 per cent.", "9.4"),
                ("Output dropped about 12%.", "12"),
                // A count of what was added.
                ("Crews found 13 more bodies on Monday.", "13"),
                (
                    "The index rose 0.2% in May after advancing 0.3% in April.",
                    "0.3",
                ),
                ("Prices were easing 0.1% a month.", "0.1"),
                ("Officials confirmed 25 more cases.", "25"),
                ("Another 40 more people were rescued.", "40"),
            ],
        );
    }

    #[test]
    fn a_change_noun_before_the_figure_makes_it_a_change() {
        check(
            Role::Change,
            &[
                (
                    "The daily increase of 470 troops was in line with recent weeks.",
                    "470",
                ),
                ("Exports recorded a drop of about 12% in May.", "12"),
                (
                    "The bank announced a cut of 0.25 percentage points.",
                    "0.25",
                ),
                ("The rise of 300 in one week alarmed doctors.", "300"),
            ],
        );
        check(
            Role::Level,
            &[
                ("The economy recorded growth of 2.1% last year.", "2.1"),
                (
                    "A rise of 3.2% from a year earlier was the fastest since 2008.",
                    "3.2",
                ),
                ("The school has an intake of 300 pupils.", "300"),
            ],
        );
    }

    #[test]
    fn amounts_per_period_of_time_are_rates() {
        check(
            Role::Rate,
            &[
                ("The army is losing 1,200 a day.", "1,200"),
                ("Officials count about 40 arrivals per week.", "40"),
                ("The clinic treats an average of 300 daily.", "300"),
                (
                    "Some 1,500 soldiers are killed or wounded every day.",
                    "1,500",
                ),
                ("Casualties ran at 900 a day in May.", "900"),
                ("Nurses are paid $20 an hour.", "$20"),
                ("The camp takes in 2,000 people each month.", "2,000"),
                ("The front saw 700 daily casualties.", "700"),
                ("The daily average of 1,100 was a record.", "1,100"),
            ],
        );
    }

    #[test]
    fn prices_single_days_and_dated_figures_are_not_rates() {
        check(
            Role::Level,
            &[
                ("Fuel cost $3.45 a gallon.", "$3.45"),
                ("Some 800 people crossed in a day.", "800"),
                ("The toll was 3,000 a week earlier.", "3,000"),
                ("Annual inflation was 3% a year ago.", "3"),
                ("Monthly inflation was 0.3% in June.", "0.3"),
                ("Inflation averaged 4% a year in the decade.", "4"),
                ("The storm brought 120 mph winds.", "120"),
                ("Gusts reached 150 kilometres per hour.", "150"),
                ("The train runs at 300 km/h.", "300"),
                ("Of course, 40 people came.", "40"),
            ],
        );
    }

    #[test]
    fn subsets_and_single_events_are_parts() {
        check(
            Role::Part,
            &[
                (
                    "Some 11,000 troops arrived, 8,000 of them in Kursk.",
                    "8,000",
                ),
                ("The toll rose to 3,549, including 1,200 children.", "1,200"),
                ("About 5,000 died, of whom 300 were doctors.", "300"),
                ("Of those, 450 were children.", "450"),
                ("Five of the deaths were in the county.", "Five"),
                (
                    "Officials said three of the victims were children.",
                    "three",
                ),
                ("Twelve of its soldiers were captured.", "Twelve"),
                ("Of the dead, 113 were in the province.", "113"),
                ("Among the injured, 40 were children.", "40"),
                ("On Sunday alone, 900 homes burned.", "900"),
                ("On Tuesday alone 40 people died.", "40"),
                ("Some 60 people died overnight alone.", "60"),
                ("Among the dead were 30 firefighters.", "30"),
                ("Shelling killed 100 civilians in one strike.", "100"),
                ("A missile strike killed 12 people in the port.", "12"),
                ("Twelve people died in an attack on the market.", "Twelve"),
                (
                    "Ukrainian troops captured two North Korean soldiers.",
                    "two",
                ),
                (
                    "Three Russian soldiers were captured near the village.",
                    "Three",
                ),
                ("Rebels said 2,000 of the troops had deserted.", "2,000"),
                ("Among them were 70 aid workers.", "70"),
                ("Of the 2,300 people tested, 118 were positive.", "118"),
                ("Among the 40 passengers, 12 were hurt.", "12"),
                ("Of 5,000 applicants last year, 900 were accepted.", "900"),
                // A total broken down after a colon.
                (
                    "The office confirmed 24 deaths: 16 in the east and 8 in the west.",
                    "16",
                ),
                (
                    "The office confirmed 24 deaths: 16 in the east and 8 in the west.",
                    "8",
                ),
                ("Police made 1,200 arrests: 700 in the capital.", "700"),
                // A possessive names the whole.
                ("Tunisia sent 4,100 of last year's migrants.", "4,100"),
                ("Some 900 of Chad's refugees went home.", "900"),
                ("Ferries carried 80 of this year’s passengers.", "80"),
            ],
        );
    }

    #[test]
    fn running_totals_and_shares_are_not_parts() {
        check(
            Role::Level,
            &[
                ("The war has killed 300,000 people.", "300,000"),
                (
                    "Since the attack, 40,000 people have been killed.",
                    "40,000",
                ),
                ("Civilians killed in attacks number 11,000.", "11,000"),
                ("The quake killed 50,000 people in Turkey.", "50,000"),
                ("About 4% of the workforce is unemployed.", "4"),
                ("Some 90% of all patients were unvaccinated.", "90"),
                ("About 12% of last year's harvest was lost.", "12"),
                ("Some 60 people died in Kharkiv alone.", "60"),
                ("In the capital alone, 900 homes burned.", "900"),
                (
                    "Anger grew among survivors who waited for 300 rescuers.",
                    "300",
                ),
                // The total before the colon, and a colon with no total before it.
                (
                    "The office confirmed 24 deaths: 16 in the east and 8 in the west.",
                    "24",
                ),
                ("The count so far: 3,400 homes destroyed.", "3,400"),
                ("Update at 9:30: 40 people rescued.", "40"),
            ],
        );
    }

    #[test]
    fn plans_hopes_and_forecasts_are_targets() {
        check(
            Role::Target,
            &[
                ("Pyongyang plans to send 12,000 more troops.", "12,000"),
                ("Inflation is expected to reach 3% next year.", "3"),
                ("Economists polled had expected 3.1%.", "3.1"),
                ("Economists surveyed had looked for 3.4 per cent.", "3.4"),
                ("The bank's forecast of 2.9% growth looks high.", "2.9"),
                ("The toll could climb to 60.", "60"),
                (
                    "The ministry aims to vaccinate 2 million children.",
                    "2 million",
                ),
                ("Russia will deploy 5,000 more soldiers.", "5,000"),
                ("Output is projected to hit 1 million barrels.", "1 million"),
                (
                    "The agency is planning for 1.8 million arrivals.",
                    "1.8 million",
                ),
                ("Another 10,000 troops will arrive soon.", "10,000"),
                ("Moscow wants 10,000 troops by December.", "10,000"),
                ("The army is to field 10,000 drones by 2026.", "10,000"),
                (
                    "Analysts see inflation at 2.5%, above the 2.3% they had expected.",
                    "2.3",
                ),
                ("Prices are likely to rise 4% this year.", "4"),
                ("Prices rose 0.4%, above a forecast of 0.3%.", "0.3"),
                ("Output grew 2%, short of expectations of 2.5%.", "2.5"),
                ("The deficit is set to reach $2 trillion.", "$2 trillion"),
            ],
        );
    }

    #[test]
    fn outcomes_and_estimates_of_the_past_are_not_targets() {
        check(
            Role::Level,
            &[
                ("Inflation rose more than expected to 3.2%.", "3.2"),
                ("As forecast, unemployment rose to 4.4%.", "4.4"),
                ("Inflation beat expectations at 3.4%.", "3.4"),
                ("The toll had reached 10,000 by December.", "10,000"),
                ("The quake may have killed 3,000 people.", "3,000"),
                ("The toll stood at 300 by Saturday.", "300"),
                ("In May 300 people crossed the border.", "300"),
                (
                    "There is little hope for the 300 people still missing.",
                    "300",
                ),
                ("As many as 400 people may still be trapped.", "400"),
                ("The new count would bring the toll to 5,100.", "5,100"),
                (
                    "Those deaths would put the national total at about 900.",
                    "900",
                ),
            ],
        );
    }
}
