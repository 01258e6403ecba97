//! Concepts: what a figure counts or measures. For a count it is the counted noun phrase
//! ("10,000 North Korean troops in eastern Russia" -> "North Korean troops in eastern Russia");
//! for an amount it is "X of NP" ("60 per cent of its revenue" -> "revenue") or the subject the
//! figure is stated about ("the US trade deficit ... increased by $43.6 billion").
//!
//! The rules are scans over the few tokens around a figure that follow syntax, not word lists
//! fitted to sentences: the subject of the verb before the figure with one prepositional
//! phrase ("Consumer prices in the euro zone rose"), the object a verb moves ("cut the risk of
//! stroke by 27%"), "X of NP", "NP of X", "N times the NP", the noun a figure modifies and the
//! counted noun phrase. Verbs are told from nouns by shape and position where no list knows
//! them ("-ing" before a noun modifies it, a plural right before a verb is its subject).
//! A part-of-speech tagger was weighed and left out for now: an averaged perceptron reads
//! about ten hashed features per token of every sentence, about the whole budget of
//! `figtrack extract` (50 MB/s on one core) on its own, where these scans read a handful of
//! tokens per figure and cached word classes; nlprule brings tens of MB of model data to the
//! build. The scans are checked on sentences written for them (`held_in` below) and on the
//! dev sentences split in two by id, one half to find failures and the other to measure.
//!
//! Where the scans failed on wire copy written for no rule, the cause was mostly a word class
//! they could not tell: an irregular past tense ("held", "swung") taken for a noun, a verb that
//! sets a figure on its object ("put the toll at"), a verb taking a noun and an infinitive
//! ("expects capacity to grow"). These are closed classes, so they are small lists (the
//! lexicon's verbs, `PUT_VERBS`, `INFINITIVE_VERBS`) read by one look-up at the few tokens a
//! scan visits; a word-class data file for the open classes (nouns, adjectives) was weighed and
//! not added: shape and position decide those, and no failure found needed one.

use super::context::Ctx;
use super::lexicon::{POLLED_GROUPS, SAY_VERBS, STOPWORDS, WordSet, class};
use super::tokens::TokKind;

pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(w)
}

/// Words that start a post-modifier of a counted noun ("troops in eastern Russia").
static POST_PREPOSITIONS: WordSet = WordSet::new(&[
    "in", "from", "of", "on", "at", "inside", "across", "near", "along", "for",
]);

/// Words after a counted noun that sum the count up ("10,000 soldiers total", "12 boats
/// altogether"), never the noun itself.
static SUMMING_UP: WordSet =
    WordSet::new(&["total", "overall", "altogether", "apiece", "combined"]);

/// Spelled cardinals: one right after a figure starts another amount ("up from 607 two weeks
/// earlier"), never the counted noun.
static CARDINALS: WordSet = WordSet::new(&[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
]);

/// Token `i` starts "economists had expected" or "analysts forecast": the people who expect the
/// figure before them ("far short of the 20,000 economists had expected"), not what it counts.
fn forecasters_expected(ctx: &Ctx, i: usize) -> bool {
    let verb = i + 1 + usize::from(matches!(ctx.w(i + 1), "had" | "have"));
    POLLED_GROUPS.contains(ctx.w(i)) && ctx.is(verb, class::FORESEE)
}

/// The counted noun phrase right after a number at token `at`: its token span and head noun.
/// "North Korean troops in eastern Russia" -> head "troops"; "soldiers killed or wounded".
pub fn counted_phrase(ctx: &Ctx, at: usize) -> Option<(usize, usize, usize)> {
    let mut i = at;
    // Leading modifiers and the head: up to four words, no stopwords, no verbs.
    let mut head: Option<usize> = None;
    while i < ctx.len() && i < at + 5 {
        let w = ctx.w(i);
        // "Fiat and Seat cars": names joined before the counted noun.
        if w == "and" && i > at && ctx.capitalized(i - 1) && ctx.capitalized(i + 1) {
            i += 1;
            continue;
        }
        // "48 confirmed cases", "300 reported deaths": a participle before the head modifies it
        // though the word is also a verb.
        let modifier = head.is_none()
            && w.ends_with("ed")
            && ctx.is_word(i + 1)
            && !ctx.is(i + 1, class::STOPWORD | class::VERB);
        // "17 drones overnight", "300 jobs Tuesday": a time after the head is no modifier, nor
        // is a word that sums it up ("10,000 soldiers total", "40 boats in all").
        if !ctx.is_word(i)
            || head.is_some() && SUMMING_UP.contains(w)
            || (ctx.is(i, class::STOPWORD | class::VERB) && !modifier)
            || (i == at && CARDINALS.contains(w))
            || (i == at && verb_with_object(ctx, i))
            || (i == at && forecasters_expected(ctx, i))
            || w.ends_with("ly") && w.len() > 4 && head.is_some()
            || head.is_some() && time_word(w)
            || is_restrictive_adverb(w)
        {
            break;
        }
        // A past participle after the head ends it ("soldiers killed"); before it, it modifies
        // ("displaced people").
        if head.is_some()
            && (w.ends_with("ed") || w.ends_with("en"))
            && w.len() > 4
            && !ctx.capitalized(i)
        {
            break;
        }
        // "-ing" after a plural head is a verb ("students studying"), and so is a word with a
        // determiner after it ("drones struck the town", "people fled their homes").
        if let Some(h) = head
            && (w.ends_with("ing") && ctx.w(h).ends_with('s')
                || plural_like(ctx.w(h)) && ctx.is(i + 1, class::DETERMINER))
        {
            break;
        }
        let adverb = w.ends_with("ly") && w.len() > 4;
        let participle = (w.ends_with("ed") || w.ends_with("ing")) && w.len() > 4;
        if !adverb && !participle {
            head = Some(i);
        } else if head.is_none() {
            // Keep scanning: "internally displaced people".
        }
        i += 1;
        // A plural or mass noun followed by a non-noun ends the phrase early.
        if head == Some(i - 1)
            && plural_like(w)
            && (i >= ctx.len()
                || !ctx.is_word(i)
                || ctx.is(i, class::STOPWORD)
                || ctx.is(i, class::VERB))
        {
            break;
        }
    }
    let head = head?;
    // A capitalised head is a name, not a counted thing ("3 Model"), unless it is plural
    // ("Ukrainians", "TDs").
    if ctx.capitalized(head) && !ctx.raw(head).ends_with('s') {
        return None;
    }
    let mut end = head + 1;
    // Post-modifiers: "in eastern Russia", "of oil", "killed or wounded".
    let w = ctx.w(end);
    if POST_PREPOSITIONS.contains(w) {
        end = prepositional_phrase_end(ctx, end).unwrap_or(end);
    } else if participle(w) && !SUMMING_UP.contains(w) && !takes_object(ctx, end + 1)
        || (w.ends_with("ing") && POST_PREPOSITIONS.contains(ctx.w(end + 1)))
    {
        let mut j = end + 1;
        if matches!(ctx.w(j), "or" | "and") && participle(ctx.w(j + 1)) {
            j += 2;
        }
        // "students studying at Heidelberg University", "devices installed in the US".
        if POST_PREPOSITIONS.contains(ctx.w(j)) {
            j = prepositional_phrase_end(ctx, j).unwrap_or(j);
        }
        end = j;
    }
    Some((at, end, head))
}

/// "45 percent oppose the plan", "3,000 attend the rally": the word right after a figure with a
/// determiner after it is a verb, whose subject the figure is; no noun is followed by "the" or
/// "their" ("a" and "an" follow rates: "200 visits a day", "that" a relative clause).
fn verb_with_object(ctx: &Ctx, i: usize) -> bool {
    ctx.is(i + 1, class::DETERMINER) && !matches!(ctx.w(i + 1), "a" | "an" | "that")
}

/// Where the phrase opened by the preposition at `prep` ends ("in eastern Russia"): up to four
/// words, no verbs, no stopwords but "the", not ending on a stopword; `None` if it has no
/// words. A restrictive adverb ends it ("in the US alone").
fn prepositional_phrase_end(ctx: &Ctx, prep: usize) -> Option<usize> {
    let mut k = prep + 1;
    while k < ctx.len()
        && k < prep + 5
        && ctx.is_word(k)
        && !ctx.is(k, class::VERB)
        && (!ctx.is(k, class::STOPWORD) || ctx.w(k) == "the")
        && !is_restrictive_adverb(ctx.w(k))
    {
        k += 1;
    }
    // "passengers in July", "patients for five years": a time or a duration says when or how
    // long, not which ones are counted.
    let first = if ctx.w(prep + 1) == "the" {
        prep + 2
    } else {
        prep + 1
    };
    let timed = first < k
        && (CARDINALS.contains(ctx.w(first)) && DURATIONS.contains(ctx.w(first + 1))
            || (first..k).all(|j| time_word(ctx.w(j)) || SEQUENCE.contains(ctx.w(j))));
    (k > prep + 1 && !ctx.is(k - 1, class::STOPWORD) && !timed).then_some(k)
}

/// Adverbs that narrow, share out or place a figure without naming what is counted: "35m
/// devices in the US alone", "300 cars apiece", "12,000 troops combined", "45,000 people
/// worldwide".
fn is_restrictive_adverb(w: &str) -> bool {
    matches!(
        w,
        "alone" | "apiece" | "combined" | "altogether" | "abroad" | "overseas"
    ) || w.len() > 6 && w.ends_with("wide")
}

/// "sisters helped fraudsters", "countries signed a treaty": a content word or a determiner
/// right after an "-ed" word makes it a verb with an object, not a participle describing the
/// counted noun ("soldiers killed or wounded", "devices installed in the US").
fn takes_object(ctx: &Ctx, next: usize) -> bool {
    ctx.is_word(next) && (!ctx.is(next, class::STOPWORD) || ctx.is(next, class::DETERMINER))
}

fn participle(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed")
        || matches!(
            w,
            "wounded"
                | "killed"
                | "injured"
                | "displaced"
                | "missing"
                | "dead"
                | "stolen"
                | "taken"
                | "hidden"
                | "held"
        )
}

fn plural_like(w: &str) -> bool {
    (w.ends_with('s') && !w.ends_with("ss"))
        || matches!(
            w,
            "people" | "children" | "men" | "women" | "staff" | "personnel" | "police" | "cattle"
        )
}

/// Whether token `i` ends a backward scan for the subject of a figure.
fn clause_break(ctx: &Ctx, i: usize) -> bool {
    ctx.class(i) & class::CLAUSE != 0 || (ctx.w(i) == "that" && !demonstrative(ctx, i))
}

/// The concept of a figure whose tokens start at `first`, with its unit ending at `unit_end`
/// and `count_phrase` the counted noun phrase, if any.
///
/// It names the thing measured ("North Korean troops in eastern Russia", "revenue") and, when
/// the sentence states whose it is, the owner first: "Chinese e-commerce giant: revenue",
/// "Acme (ACM): employees in the Netherlands". Sources are not owners: in "Pentagon estimates
/// reveal 10,000 troops" the Pentagon is the attribution.
pub fn concept(
    ctx: &Ctx,
    first: usize,
    unit_end: usize,
    count_phrase: Option<(usize, usize)>,
) -> Option<String> {
    // A dateline's dash or a stray mark before the subject ("ABUJA, Sept 20 (Wire) - Floods
    // across Nigeria") is no part of what is counted.
    let c = read_concept(ctx, first, unit_end, count_phrase)?;
    // "PORTVILLE, Xland - Earthquake deaths rose": the subject starts after the dateline.
    let c = match super::sentences::dateline_len(ctx.span(0, ctx.len())) {
        0 => c,
        _ => super::sentences::DATELINE_DASHES
            .iter()
            .filter_map(|dash| c.rfind(dash).map(|at| at + dash.len()))
            .max()
            .map_or(c.clone(), |at| c[at..].to_string()),
    };
    let start = c.len() - c.trim_start_matches(|ch: char| !ch.is_alphanumeric()).len();
    match start {
        0 => Some(c),
        k if k == c.len() => None,
        k => Some(c[k..].to_string()),
    }
}

/// [`concept`] before its leading marks are trimmed.
fn read_concept(
    ctx: &Ctx,
    first: usize,
    unit_end: usize,
    count_phrase: Option<(usize, usize)>,
) -> Option<String> {
    if count_phrase.is_none()
        && let Some(same) = compared(ctx, first)
    {
        return same;
    }
    if let Some(object) = put_at(ctx, before_bounds(ctx, first)) {
        return Some(object);
    }
    let counted = count_phrase.map(|(a, b)| tidy(ctx, a, b));
    // "a poll of nearly 2,500 nurses": the noun before "of" owns the counted ones.
    let of = counted
        .is_none()
        .then(|| of_phrase(ctx, unit_end))
        .flatten();
    // "a bottle of 3 litres of olive oil": and the noun before "of" the amount.
    // "rents have doubled to an average of $3,200": a lone noun that only names an amount is
    // the concept only when the sentence names nothing else ("a staggering sum of" describes).
    let before = named_before(ctx, first);
    let (collection, named, amount) = if counted.is_some() || of.is_some() {
        (before.filter(|n| !amount_only(n)), None, None)
    } else {
        match before {
            Some(n) if !n.contains(' ') && amount_only(&n) => (None, None, Some(n)),
            n => (None, n, None),
        }
    };
    let moved = moved_object(ctx, first, unit_end);
    // "X dragged the mining index 1.3 percent lower": X is a cause, not an owner.
    let caused = moved.as_ref().is_some_and(|m| m.1);
    let thing = counted
        .or(of)
        .or(named)
        .or_else(|| timed(ctx, first, unit_end))
        .or_else(|| moved.map(|m| m.0))
        .or_else(|| attributive(ctx, first, unit_end));
    if caused {
        return thing.or(amount);
    }
    // "Russia's 600,000 losses": a possessive name right before the figure owns it.
    let possessed = first.checked_sub(1).and_then(|p| possessor(ctx, p));
    let owner = possessed
        .map(str::to_string)
        .or_else(|| bracketed(ctx, first))
        .or(collection)
        .or_else(|| apposition(ctx, first))
        .filter(|o| !is_time_phrase(o))
        .or_else(|| gapped_subject(ctx, first))
        .or_else(|| subject(ctx, first));
    match (owner, thing) {
        (Some(o), Some(t)) => {
            if contains_ignoring_case(&t, &o) {
                Some(t)
            } else if contains_ignoring_case(&o, &t) {
                Some(o)
            } else {
                Some([o.as_str(), ", ", &t].concat())
            }
        }
        (o, t) => o.or(t).or(amount),
    }
}

/// Whether a noun phrase's head only names an amount ("an average", "a record high").
fn amount_only(phrase: &str) -> bool {
    let head = phrase.rsplit(' ').next().unwrap_or(phrase);
    AMOUNT_NOUNS.contains_ignoring_ascii_case(head)
}

/// Heads of noun phrases that only name an amount, the figure itself: "a total of 312 flights"
/// counts flights, not totals ("a survey of 6,000 employers" names what holds them).
static AMOUNT_NOUNS: WordSet = WordSet::new(&[
    "total",
    "number",
    "sum",
    "average",
    "maximum",
    "minimum",
    "peak",
    "tally",
    "count",
    "amount",
    "figure",
    "estimated",
    "record",
    "range",
    "level",
    "high",
    "low",
]);

/// "31 arrests on Saturday, compared with an average of 26", "profit of $2bn versus $1.4bn":
/// a figure set against an earlier one in the sentence measures what that one does, and this
/// is that figure's concept (the outer `None` when the figure is set against nothing).
fn compared(ctx: &Ctx, first: usize) -> Option<Option<String>> {
    let mut i = first;
    while i > 0 && (BOUND_WORDS.contains(ctx.w(i - 1)) || ctx.w(i - 1) == "$") {
        i -= 1;
    }
    // "compared with an average of 26", "against a total of 7".
    if i >= 3 && ctx.w(i - 1) == "of" && matches!(ctx.w(i - 2), "average" | "total") {
        i -= 2;
        if matches!(ctx.w(i - 1), "a" | "an") {
            i -= 1;
        }
    }
    let link = match (ctx.w(i.wrapping_sub(2)), ctx.w(i.wrapping_sub(1))) {
        ("compared" | "comparison", "with" | "to") => i - 2,
        (_, "versus" | "vs") => i - 1,
        _ => return None,
    };
    let k = (link.saturating_sub(15)..link)
        .rev()
        .find(|&k| ctx.kind(k) == Some(TokKind::Num) && !is_year(ctx, k))?;
    // Past the earlier figure's scale and percent words to what it counts.
    let mut end = k + 1;
    while matches!(
        ctx.w(end),
        "hundred"
            | "thousand"
            | "million"
            | "billion"
            | "trillion"
            | "bn"
            | "per"
            | "cent"
            | "percent"
            | "%"
    ) {
        end += 1;
    }
    let phrase = counted_phrase(ctx, end).map(|(a, b, _)| (a, b));
    Some(concept(ctx, k, end, phrase))
}

/// "grow sales by 35 per cent", "raised rates to 5.5%", "pulled the healthcare sector 0.68
/// percent lower": the object a verb moves by, to or as far as the figure, and whether the
/// figure follows it directly (the subject then only caused the move).
fn moved_object(ctx: &Ctx, first: usize, unit_end: usize) -> Option<(String, bool)> {
    let mut i = first;
    while i > 0 && BOUND_WORDS.contains(ctx.w(i - 1)) {
        i -= 1;
    }
    // "cut output by a further 1 million barrels", "by another 40": the amount's own words.
    if matches!(ctx.w(i.wrapping_sub(1)), "further" | "additional" | "extra") {
        i -= 1;
        if matches!(ctx.w(i.wrapping_sub(1)), "a" | "an") {
            i -= 1;
        }
    } else if ctx.w(i.wrapping_sub(1)) == "another" {
        i -= 1;
    }
    let direct = matches!(ctx.w(unit_end), "higher" | "lower");
    let end = if direct {
        i
    } else if i > 0 && matches!(ctx.w(i - 1), "by" | "to") {
        i - 1
    } else {
        return None;
    };
    let mut start = end;
    // "cut the risk of stroke by 27 per cent": one "of" joins two nouns of the object.
    let of_between = |k: usize| {
        ctx.w(k) == "of"
            && k > 0
            && k + 1 < end
            && ctx.is_word(k - 1)
            && !ctx.is(k - 1, class::STOPWORD | class::VERB)
    };
    while start > 0
        && end - start < 5
        && ctx.is_word(start - 1)
        && (!ctx.is(start - 1, class::STOPWORD) || of_between(start - 1))
        && !ctx.is(start - 1, class::VERB)
        && !ctx.w(start - 1).ends_with("ed")
        && !ctx.w(start - 1).ends_with("ly")
        && !matches!(ctx.w(start - 1), "back" | "further")
        && !MOVING_VERBS.contains(ctx.w(start - 1))
    {
        start -= 1;
    }
    let mut v = start.checked_sub(1)?;
    if ctx.is(v, class::DETERMINER) && v > 0 {
        v -= 1;
    }
    let w = ctx.w(v);
    let verb = ctx.is_word(v)
        && !ctx.capitalized(v)
        && !ctx.is(v, class::STOPWORD)
        && if direct {
            ctx.is(v, class::VERB) || w.len() > 4 && w.ends_with("ed")
        } else {
            // "expected a figure closer to 2 per cent" moves nothing.
            super::change::change_verb(w).is_some() || MOVING_VERBS.contains(w)
        };
    (start < end && verb).then(|| (tidy(ctx, start, end), direct))
}

/// Verbs that move an amount they take as object by or to a figure, beyond the change verbs
/// that also say a direction alone ("would raise the minimum wage to $15", "lift output by 5%").
static MOVING_VERBS: WordSet = WordSet::new(&[
    "raise",
    "raises",
    "raising",
    "lift",
    "lifts",
    "lifted",
    "lifting",
    "boost",
    "boosts",
    "boosting",
    "reduce",
    "reduces",
    "reducing",
    "slash",
    "slashes",
    "slashed",
    "trim",
    "trims",
    "trimmed",
    "push",
    "pushes",
    "pushed",
    "bring",
    "brings",
    "brought",
    "take",
    "takes",
    "took",
    "lower",
    "lowers",
    "lowering",
    "grow",
    "grows",
    "grew",
    "increase",
    "decrease",
    "decreases",
    "decreased",
    "expand",
    "expands",
    "expanded",
    "shrink",
    "shrinks",
    "shrank",
    "extend",
    "extends",
    "extended",
]);

/// The figure ending at `unit_end` is an amount of money ("$2.5bn in security assistance").
fn first_is_money(ctx: &Ctx, unit_end: usize) -> bool {
    (unit_end.saturating_sub(4)..unit_end).any(|k| {
        matches!(
            ctx.w(k),
            "$" | "€" | "£" | "eur" | "gbp" | "usd" | "dollars" | "euros" | "pounds"
        )
    })
}

/// "maximum sustained winds of 155mph", "a fine of 10.5 million", "a notebook for 1,200€",
/// "the Copper Fern Kettle starting at $89": the noun phrase the figure is the value of.
fn named_before(ctx: &Ctx, first: usize) -> Option<String> {
    let i = before_bounds(ctx, first);
    let link = match (ctx.w(i.wrapping_sub(2)), ctx.w(i.wrapping_sub(1))) {
        (_, "of") | (_, "for") | (_, "worth") => 1,
        ("starting" | "priced" | "valued" | "trading" | "selling" | "costing" | "stands", "at") => {
            2
        }
        _ => return None,
    };
    let end = i.checked_sub(link)?;
    // "rushed for 138 yards", "keeps running for 3 years", "now sells for $9", "accounts for
    // 80%": a verb takes the
    // figure after "for" as its complement and names nothing ("the funding for 3 years" does).
    let before = ctx.w(end.wrapping_sub(1));
    if ctx.w(end) == "for"
        && before.len() > 4
        && !ctx.capitalized(end - 1)
        && (before.ends_with("ed")
            || before.ends_with("ing") && !ctx.is(end.wrapping_sub(2), class::DETERMINER)
            || before.ends_with('s') && adverb(ctx.w(end.wrapping_sub(2)))
            || ctx.is(end - 1, class::LINKING) && !ctx.is(end.wrapping_sub(2), class::DETERMINER))
    {
        return None;
    }
    let mut start = end;
    while start > 0
        && end - start < 5
        && (ctx.is_word(start - 1) || matches!(ctx.w(start - 1), "-"))
        // The word right before "of" is a noun even when it can be a verb ("FactSet
        // estimates of 64,900", "costs of $5m").
        && (!ctx.is(start - 1, class::VERB) || (start == end && ctx.w(end) == "of"))
        && (!ctx.is(start - 1, class::STOPWORD)
            || (ctx.w(start - 1) == "of"
                && start >= 2
                && ctx.is_word(start - 2)
                && !ctx.is(start - 2, class::STOPWORD)
                && !COMPOUND_PREPOSITIONS.contains(ctx.w(start - 2))))
    {
        start -= 1;
    }
    // "one of", "all of", "up of": no noun before the link.
    (start < end)
        .then(|| tidy(ctx, start, end))
        .filter(|s| !s.is_empty() && !is_time_phrase(s))
}

/// Where the bound words before a figure start ("more than", "at least").
fn before_bounds(ctx: &Ctx, first: usize) -> usize {
    let mut i = first;
    while i > 0
        && (BOUND_WORDS.contains(ctx.w(i - 1)) || (ctx.w(i - 1) == "at" && ctx.w(i) == "least"))
    {
        i -= 1;
    }
    i
}

/// "officials put the death toll at 36", "analysts peg the cost of the plan at $5bn": the object
/// of a verb that sets a figure, before the "at" that gives it (`at` the token after "at"). The
/// subject is whoever sets it, a source and no owner.
fn put_at(ctx: &Ctx, at: usize) -> Option<String> {
    let link = at
        .checked_sub(1)
        .filter(|&k| matches!(ctx.w(k), "at" | "on"))?;
    let verb = (link.saturating_sub(7)..link)
        .rev()
        .take_while(|&k| ctx.is_word(k) && !ctx.is(k, class::CLAUSE))
        .find(|&k| PUT_VERBS.contains(ctx.w(k)))?;
    // A poll puts a party "on" its share: "A new poll puts Labour on 44 per cent".
    if ctx.w(link) == "on" && !matches!(ctx.w(verb), "put" | "puts" | "putting" | "placed") {
        return None;
    }
    // A word after a determiner or before "of" is a noun though it can be a verb ("the cost"),
    // as are an "-ing" word before a noun and a plural after one ("borrowing costs"). A state
    // is no object: "held steady at 2.8%" keeps the figure on the subject.
    let object = (verb + 1..link).all(|k| {
        let modified = k + 1 < link && ctx.w(k).ends_with("ing")
            || k + 1 == link && k > verb + 1 && ctx.w(k).ends_with('s');
        let noun = ctx.is(k - 1, class::DETERMINER) || ctx.w(k + 1) == "of" || modified;
        !ctx.is(k, class::PRONOUN)
            && !matches!(
                ctx.w(k),
                "steady" | "stable" | "unchanged" | "flat" | "firm" | "constant" | "level"
            )
            && (noun || !ctx.is(k, class::VERB))
            && (!ctx.is(k, class::STOPWORD) || matches!(ctx.w(k), "the" | "its" | "their" | "of"))
    });
    (object && verb + 1 < link)
        .then(|| tidy(ctx, verb + 1, link))
        .filter(|p| !p.is_empty())
}

/// Verbs that set a figure on their object with "at": "put the toll at", "pegged losses at",
/// and those that keep it there: "held its cash rate at", "left rates at", "keeping the
/// unemployment rate at".
static PUT_VERBS: WordSet = WordSet::new(&[
    "hold",
    "holds",
    "held",
    "holding",
    "keep",
    "keeps",
    "kept",
    "keeping",
    "leave",
    "leaves",
    "left",
    "leaving",
    "maintain",
    "maintains",
    "maintained",
    "maintaining",
    "value",
    "values",
    "valuing",
    "put",
    "puts",
    "putting",
    "peg",
    "pegs",
    "pegged",
    "pegging",
    "place",
    "places",
    "placed",
    "placing",
    "estimate",
    "estimates",
    "estimated",
    "estimating",
    "set",
    "sets",
    "setting",
]);

/// "finished the marathon in 2 hours", "sold the house in 3 days": a duration after "in"
/// measures the noun phrase a determiner opens before it.
fn timed(ctx: &Ctx, first: usize, unit_end: usize) -> Option<String> {
    let link = first.checked_sub(1).filter(|&k| ctx.w(k) == "in")?;
    if !DURATIONS.contains(ctx.w(unit_end.checked_sub(1)?)) {
        return None;
    }
    let mut start = link;
    while start > 0
        && link - start < 4
        && ctx.is_word(start - 1)
        && !ctx.is(start - 1, class::STOPWORD | class::VERB)
    {
        start -= 1;
    }
    (start < link && start > 0 && ctx.is(start - 1, class::DETERMINER))
        .then(|| tidy(ctx, start, link))
}

/// Units of time that say how long something took.
static DURATIONS: WordSet = WordSet::new(&[
    "seconds", "second", "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
    "months", "month", "years", "year", "mins", "hrs", "secs",
]);

/// Words that make a preposition with "of" ("short of FactSet estimates"): no noun before it.
static COMPOUND_PREPOSITIONS: WordSet = WordSet::new(&[
    "short",
    "ahead",
    "instead",
    "because",
    "out",
    "outside",
    "inside",
    "regardless",
    "irrespective",
    "ahead",
    "top",
    "front",
    "behalf",
    "spite",
    "terms",
    "excess",
    "board",
]);

/// Words of bound phrases, skipped between a figure and the noun it is the value of.
static BOUND_WORDS: WordSet = WordSet::new(&[
    "more",
    "than",
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "under",
    "some",
    "roughly",
    "approximately",
    "least",
    "less",
    "fewer",
    "just",
    "an",
    "estimated",
    "exceeding",
    "as",
    "many",
    "much",
]);

/// "a 0.6 per cent fee", "her $150,000 contract", "the 6.1-inch display": a figure used as an
/// adjective describes the noun phrase after it, with an adjective before the figure ("the
/// iconic 3923sq m estate") and a prepositional phrase after the noun ("a 3% stake in Tesla").
fn attributive(ctx: &Ctx, first: usize, unit_end: usize) -> Option<String> {
    let p = first.checked_sub(1)?;
    let adjective = p > 0
        && ctx.is(p - 1, class::DETERMINER)
        && ctx.is_word(p)
        && !ctx.capitalized(p)
        && !ctx.is(p, class::STOPWORD)
        && !ctx.is(p, class::VERB)
        && !BOUND_WORDS.contains(ctx.w(p));
    // "the tablet's 11-inch screen", "Northwind Powers 300 megawatt Cedar Ridge Wind
    // Park" (the apostrophe lost): a possessive name is a determiner.
    let owner = possessor(ctx, p);
    let possessive = owner.is_some()
        || p > 0 && ctx.capitalized(p) && ctx.raw(p).ends_with('s') && ctx.capitalized(p - 1);
    // "her now-18 month-old daughter": a hyphenated age always describes the noun after it.
    let aged = ctx.w(unit_end - 1).ends_with("-old");
    if !ctx.is(p, class::DETERMINER) && !adjective && !possessive && !aged {
        return None;
    }
    // Skip what stands between the figure and its noun: "37m (121ft)-long skeleton".
    let mut j = unit_end;
    loop {
        if ctx.w(j) == "(" {
            match (j..ctx.len()).find(|&k| ctx.w(k) == ")") {
                Some(close) => j = close + 1,
                None => break,
            }
        } else if matches!(ctx.w(j), "-" | "long" | "wide" | "high" | "tall" | "deep")
            || ctx.w(j).ends_with("-long")
        {
            j += 1;
        } else {
            break;
        }
    }
    let start = j;
    while j < ctx.len() && j < start + 5 && ctx.is_word(j) && !ctx.is(j, class::STOPWORD) {
        let w = ctx.w(j);
        // "a 75 percent increase": a change word right after the figure is its noun.
        let change_noun = j == start
            && super::change::change_verb(w).is_some()
            && !w.ends_with("ed")
            && !w.ends_with("ing");
        // "the best $200 smartphones compared", "a package drawn from stocks": a participle
        // after the noun ends it.
        let participle = j > start
            && w.len() > 4
            && (w.ends_with("ed") || w.ends_with("wn") || participle(w))
            && !ctx.capitalized(j);
        if (ctx.is(j, class::VERB) && !change_noun) || participle || verb_with_object(ctx, j) {
            break;
        }
        j += 1;
    }
    if j == start {
        return None;
    }
    let end = prepositional_phrase(ctx, j).unwrap_or(j);
    let phrase = tidy(ctx, start, end);
    Some(if adjective {
        [ctx.raw(p), " ", &phrase].concat()
    } else if let Some(owner) = owner {
        [owner, " ", &phrase].concat()
    } else {
        phrase
    })
}

/// A word with a possessive "'s" ("team's", "London’s").
fn possessive(raw: &str) -> bool {
    raw.len() > 2 && (raw.ends_with("'s") || raw.ends_with("\u{2019}s"))
}

/// "The iPhone 14's", "London's": a name with a possessive "'s" ending at token `end`, a run
/// of capitalised words and numbers holding at least one word, its "'s" included.
fn possessor<'a>(ctx: &Ctx<'a, '_>, end: usize) -> Option<&'a str> {
    let raw = ctx.raw(end);
    let last = if ctx.w(end) == "s" && end > 1 && matches!(ctx.w(end - 1), "'" | "\u{2019}") {
        end - 2
    } else if raw.ends_with("'s") || raw.ends_with("\u{2019}s") {
        end
    } else {
        return None;
    };
    let word = |i: usize| ctx.is_word(i) && ctx.raw(i).bytes().any(|b| b.is_ascii_uppercase());
    let named = |i: usize| word(i) || matches!(ctx.kind(i), Some(TokKind::Num | TokKind::Code));
    let first = (0..=last).rev().take_while(|&i| named(i)).last()?;
    (first..=last).any(word).then(|| ctx.span(first, end + 1))
}

/// "in Tesla", "with American Media", "on imports": a short prepositional phrase after a noun,
/// up to where it ends; none for a time ("in December") or a figure. "for" mostly tells whom
/// or how long ("a fee for customers"), so it is left out.
fn prepositional_phrase(ctx: &Ctx, at: usize) -> Option<usize> {
    if !matches!(ctx.w(at), "of" | "in" | "with" | "on" | "from") {
        return None;
    }
    let mut j = at + 1;
    if ctx.is(j, class::DETERMINER) {
        j += 1;
    }
    let start = j;
    while j < ctx.len()
        && j < start + 4
        && ctx.is_word(j)
        && !ctx.is(j, class::STOPWORD)
        // "a 7% rise in energy costs": a plural after a noun of the phrase, with no word after
        // it that could be its object, is the phrase's head, though it can be a verb.
        && (!ctx.is(j, class::VERB)
            || j > start
                && ctx.w(j).ends_with('s')
                && (!ctx.is_word(j + 1)
                    || ctx.is(j + 1, class::STOPWORD) && !ctx.is(j + 1, class::DETERMINER)))
        && !(j > start && ctx.w(j).len() > 4 && ctx.w(j).ends_with("ed"))
    {
        j += 1;
    }
    (j > start && !is_time_phrase(ctx.span(start, j))).then_some(j)
}

/// "X% of [the] NP", "$5bn of aid": the noun phrase after "of".
fn of_phrase(ctx: &Ctx, unit_end: usize) -> Option<String> {
    let money_in = ctx.w(unit_end) == "in" && first_is_money(ctx, unit_end);
    // "four times the number", "three times its size": the noun phrase after the multiple.
    let multiple = unit_end > 0
        && matches!(ctx.w(unit_end - 1), "times" | "twice")
        && ctx.is(unit_end, class::DETERMINER);
    if ctx.w(unit_end) != "of" && !money_in && !multiple {
        return None;
    }
    let mut j = if multiple { unit_end } else { unit_end + 1 };
    while matches!(
        ctx.w(j),
        "the" | "its" | "their" | "his" | "her" | "our" | "a" | "an" | "all"
    ) {
        j += 1;
    }
    let start = j;
    while j < ctx.len()
        && j < start + 6
        && ctx.is_word(j)
        // The word right after "of" is a noun even when it can be a verb ("$12m of claims").
        && (!ctx.is(j, class::VERB) || j == start)
        && (!ctx.is(j, class::STOPWORD)
            || (ctx.w(j) == "of" && ctx.is_word(j + 1) && !ctx.is(j + 1, class::STOPWORD))
            // "200 tonnes of food and medicine": nouns joined by "and" or "or".
            || (j > start
                && matches!(ctx.w(j), "and" | "or")
                && ctx.is_word(j + 1)
                && !ctx.is(j + 1, class::STOPWORD | class::VERB)))
    {
        j += 1;
    }
    // "climbed to $4.2 billion in the quarter": a time is not what the money is in.
    (j > start)
        .then(|| tidy(ctx, start, j))
        .filter(|p| !(money_in && is_time_phrase(p)))
}

/// "RHP John Gant (0.5 WAR)": a figure in brackets after a name belongs to the name.
fn bracketed(ctx: &Ctx, first: usize) -> Option<String> {
    if first < 2 || ctx.w(first - 1) != "(" {
        return None;
    }
    let end = first - 1;
    let mut start = end;
    while start > 0
        && end - start < 5
        && (ctx.capitalized(start - 1) || ctx.kind(start - 1) == Some(TokKind::Code))
    {
        start -= 1;
    }
    // "1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)": a restatement in other units, which
    // shares the concept of the figure before it.
    let after_figure = (start.saturating_sub(3)..start).any(|k| ctx.kind(k) == Some(TokKind::Num));
    (start < end && !after_figure).then(|| tidy(ctx, start, end))
}

/// The noun phrase before ", <bound> <figure>" ("Russian losses, exceeding 600,000").
fn apposition(ctx: &Ctx, first: usize) -> Option<String> {
    let mut i = first;
    while i > 0
        && ctx.is_word(i - 1)
        && matches!(
            ctx.w(i - 1),
            "exceeding"
                | "over"
                | "more"
                | "than"
                | "about"
                | "around"
                | "nearly"
                | "some"
                | "almost"
                | "estimated"
                | "an"
                | "at"
                | "least"
                | "up"
                | "to"
                | "roughly"
                | "approximately"
                | "totalling"
                | "valued"
                | "priced"
                | "worth"
                | "costing"
                | "totaling"
                | "ranging"
                | "varying"
                | "from"
                | "or"
        )
    {
        i -= 1;
    }
    if i == first || i == 0 || ctx.w(i - 1) != "," {
        return None;
    }
    let end = i - 1;
    let mut j = end;
    // "of claims, ranging from": a plural before the comma is a noun, though it can be a verb,
    // unless a pronoun or a name says it ("he says, ...").
    let plural = |k: usize| {
        k == end - 1
            && ctx.w(k).ends_with('s')
            && !ctx.capitalized(k.wrapping_sub(1))
            && !matches!(
                ctx.w(k.wrapping_sub(1)),
                "he" | "she" | "it" | "they" | "who" | "which" | "that"
            )
    };
    while j > 0
        && ctx.is_word(j - 1)
        && !ctx.is(j - 1, class::STOPWORD)
        && (!ctx.is(j - 1, class::VERB) || plural(j - 1))
        && end - j < 4
    {
        j -= 1;
    }
    // "shed 88.40 points, or 1.7%": the words before the comma are another figure's unit;
    // "each 4 months you wait, totalling 2.6 percent": they are a clause, not a noun.
    let clause = j > 0
        && matches!(
            ctx.w(j - 1),
            "you" | "we" | "they" | "he" | "she" | "it" | "i"
        );
    if clause || (j > 0 && ctx.kind(j - 1) == Some(TokKind::Num)) {
        return None;
    }
    // "In Leeds, West Yorkshire, some 300 homes": a name after a comma or a preposition is
    // where the figure holds, not what it counts.
    if j > 0
        && j < end
        && ctx.capitalized(end - 1)
        && (ctx.w(j - 1) == "," || SUBJECT_PREPOSITIONS.contains(ctx.w(j - 1)))
    {
        return None;
    }
    // Drop evaluative adjectives at the front ("devastating Russian losses").
    while j < end && ctx.w(j).ends_with("ing") && !ctx.capitalized(j) {
        j += 1;
    }
    (j < end).then(|| tidy(ctx, j, end))
}

/// The subject a figure is stated about: the noun phrase before the nearest verb on its left.
fn subject(ctx: &Ctx, first: usize) -> Option<String> {
    let mut i = first;
    // Find the main verb: the leftmost verb of the clause holding the figure; when that clause
    // has none ("household savings, excluding pensions, were about $40 billion"), the
    // clauses before it, up to a relative pronoun or a strong break.
    let mut verb = None;
    let mut relative = None;
    while i > 0 {
        i -= 1;
        let w = ctx.w(i);
        // The token's classes, read once: most of the tests below are bits of them.
        let c = ctx.class(i);
        // A word right after an article or a possessive is a noun ("the states power grid").
        let after_det = i > 0 && ctx.is(i - 1, class::DETERMINER);
        let relative_word = c & class::RELATIVE != 0;
        // "by that much", "at that level": a demonstrative, not a conjunction.
        if relative_word && w == "that" && demonstrative(ctx, i) {
            continue;
        }
        // "a reef that stretches dozens of kilometres": the verb of a relative clause right after
        // the pronoun, though no list knows it.
        if verb.is_none() && relative_word && i + 1 < first {
            let n = ctx.w(i + 1);
            let verb_like = ctx.is(i + 1, class::VERB | class::LINKING)
                || n.len() > 3
                    && n.ends_with('s')
                    && !n.ends_with("ss")
                    && !ctx.is(i + 1, class::STOPWORD)
                || n.len() > 4 && n.ends_with("ed");
            if ctx.is_word(i + 1) && !ctx.capitalized(i + 1) && verb_like {
                verb = Some(i + 1);
            }
        }
        if relative_word && verb.is_some() {
            // "said that ...", "told reporters that ...": a complement, not a relative clause.
            let complement = w == "that"
                && ctx
                    .words_before(i, 3)
                    .iter()
                    .any(|b| SAY_VERBS.contains(b) || *b == "believed");
            if !complement {
                relative = Some(i);
            }
            break;
        }
        if verb.is_some() {
            // "The office said inflation rose 2.1%": the figure belongs to the reported clause.
            // "If growth turns down they would need 10 more": a pronoun is the subject of the
            // verb found; the clause before it is another one.
            if (c & class::SAY != 0 && !after_det) || c & class::PRONOUN != 0 {
                break;
            }
        }
        // A clause break ("that" here is no demonstrative: those were skipped above).
        if c & class::CLAUSE != 0 || w == "that" {
            if verb.is_some() || w != "," {
                break;
            }
            continue;
        }
        if verb.is_some() && ctx.kind(i) == Some(TokKind::Num) {
            break;
        }
        if !after_det
            && !noun_before_verb(ctx, i, verb)
            && !comparative_after_figure(ctx, i)
            && (c & (class::VERB | class::LINKING) != 0 || verb_shaped(ctx, i, verb))
        {
            verb = Some(i);
        }
    }
    // "Acme (ACM) which has 8200 employees", "a Denver offense that piled up 431 yards".
    if let Some(r) = relative {
        let mut end = r;
        while end > 0 && matches!(ctx.w(end - 1), ")" | "(" | ",") {
            end -= 1;
        }
        if end < r && ctx.w(end) == ")" {
            end = r;
        }
        let mut start = end;
        while start > 0
            && (ctx.is_word(start - 1) || matches!(ctx.w(start - 1), "(" | ")"))
            && !ctx.is(start - 1, class::VERB)
            && (!ctx.is(start - 1, class::STOPWORD) || ctx.w(start - 1) == "the")
            && end - start < 5
        {
            start -= 1;
        }
        let end = if r > 0 && ctx.w(r - 1) == ")" { r } else { end };
        // "his younger brother Tomas who was 7": "who" speaks of the person named.
        if ctx.w(r) == "who" && start < end && ctx.capitalized(end - 1) {
            let name = (start..end)
                .rev()
                .take_while(|&k| ctx.capitalized(k))
                .last();
            if let Some(k) = name.filter(|&k| k > start && !ctx.capitalized(k - 1)) {
                start = k;
            }
        }
        let phrase = (start < end).then(|| tidy(ctx, start, end));
        if let Some(phrase) = phrase.filter(|p| !is_time_phrase(p)) {
            return Some(phrase);
        }
    }
    let verb = verb?;
    // "The chain wants its margins to rise": an infinitive after the verb has its own subject.
    if let Some(s) = (verb + 1..first)
        .find(|&k| ctx.w(k) == "to" && ctx.is(k + 1, class::VERB))
        .and_then(|k| infinitive_subject(ctx, k))
    {
        return Some(s);
    }
    // "Shares in Acme lost a third of their value, falling to 210 pence": a clause of an
    // "-ing" verb after a comma speaks of the main clause's subject.
    if verb > 0 && ctx.w(verb - 1) == "," && ctx.w(verb).ends_with("ing") {
        return subject(ctx, verb - 1);
    }
    // The subject of a verb of saying is the source, not what the figure is about; the verb
    // found may be an auxiliary before it ("the agency has cited", "officials have reported").
    let mut main = verb;
    while AUXILIARIES.contains(ctx.w(main)) && main + 1 < first && ctx.is_word(main + 1) {
        main += 1;
    }
    let said = ctx.is(main, class::SAY) && super::change::change_verb(ctx.w(main)).is_none();
    if said && ctx.w(main) != "estimated" {
        return None;
    }
    // Auxiliaries before the main verb belong to it: "will be", "has been", "would cost".
    let mut end = verb;
    while end > 0
        && matches!(
            ctx.w(end - 1),
            "will"
                | "would"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "be"
                | "been"
                | "are"
                | "were"
                | "could"
                | "may"
                | "might"
                | "also"
                | "already"
                | "not"
                | "nearly"
                | "almost"
                | "now"
                | "recently"
                | "currently"
                | "still"
                | "just"
                | "reportedly"
                | "previously"
                | "only"
                | "then"
                | "again"
                | "really"
                | "didnt"
                | "dont"
                | "doesnt"
                | "isnt"
                | "wasnt"
                | "arent"
                | "werent"
                | "cant"
                | "couldnt"
                | "wouldnt"
                | "wont"
                | "hasnt"
                | "havent"
                | "hadnt"
                | "shouldnt"
        )
    {
        end -= 1;
    }
    // "Profits at the miner more than doubled": a bound on the verb is no part of the subject.
    if end >= 2 && ctx.w(end - 1) == "than" && matches!(ctx.w(end - 2), "more" | "less") {
        end -= 2;
    }
    if end >= 2 && ctx.w(end - 1) == "to" {
        return infinitive_subject(ctx, end - 1);
    }
    // "Services inflation, which leaves out travel and rent, rose": skip the aside.
    if end > 0
        && ctx.w(end - 1) == ","
        && let Some(open) = (end.saturating_sub(14)..end - 1)
            .rev()
            .find(|&k| ctx.w(k) == ",")
    {
        end = open;
    }
    // "West Texas Intermediate (WTI) peaked": an acronym in brackets stays with its name.
    if end >= 3 && ctx.w(end - 1) == ")" && ctx.w(end - 3) == "(" {
        let mut inner = end - 3;
        while inner > 0 && ctx.capitalized(inner - 1) {
            inner -= 1;
        }
        if inner < end - 3 {
            return Some(tidy(ctx, inner, end));
        }
    }
    // "European automakers (.SXAP) slid": the name is before the bracket.
    if end > 0
        && ctx.w(end - 1) == ")"
        && let Some(open) = (end.saturating_sub(7)..end - 1)
            .rev()
            .find(|&k| ctx.w(k) == "(")
    {
        end = open;
    }
    let mut jumped = false;
    // "Russian oil exports via its Baltic and Black Sea ports averaged": a prepositional phrase
    // too long to keep is left out, and the head is before it (the leftmost one, which the
    // others are inside).
    if let Some(p) = (end.saturating_sub(10)..end)
        .rev()
        .take_while(|&k| ctx.is_word(k) && !clause_break(ctx, k) && !ctx.is(k, class::VERB))
        .filter(|&k| {
            SUBJECT_PREPOSITIONS.contains(ctx.w(k))
                && k > 0
                && ctx.is_word(k - 1)
                && !ctx.is(k - 1, class::STOPWORD | class::VERB)
        })
        .last()
        && end - p > 5
    {
        end = p;
        jumped = true;
    }
    let mut start = end;
    while start > 0
        && start > end.saturating_sub(7)
        && !clause_break(ctx, start - 1)
        && (ctx.is_word(start - 1)
            || ctx.kind(start - 1) == Some(TokKind::Code)
            || matches!(ctx.w(start - 1), "&" | "'" | "-")
            // "Keytrudas 2018 sales jumped": a year between two words of the phrase.
            || (is_year(ctx, start - 1)
                && start >= 2
                && ctx.is_word(start - 2)
                && !ctx.is(start - 2, class::STOPWORD))
            || number_in_a_name(ctx, start - 1, end))
    {
        let w = ctx.w(start - 1);
        // "Consumer prices in the euro zone rose", "Exports to China fell": one prepositional
        // phrase after the head belongs to the subject, which says where or what it measures.
        if !jumped
            && SUBJECT_PREPOSITIONS.contains(w)
            && start >= 2
            && ctx.is_word(start - 2)
            && !ctx.is(start - 2, class::STOPWORD)
            && !ctx.is(start - 2, class::VERB)
            && start < end
        {
            start -= 1;
            jumped = true;
            continue;
        }
        // "the" stays only inside a phrase ("length of the bridge", "revenue at the
        // chipmaker"), not "before the invasion the town".
        // "the share of voters backing the plan": the object of an "-ing" word after a noun.
        let object = start >= 3 && {
            let b = ctx.w(start - 2);
            b.len() > 4
                && b.ends_with("ing")
                && ctx.is_word(start - 3)
                && !ctx.is(start - 3, class::STOPWORD)
        };
        if w == "the"
            && start >= 2
            && !matches!(ctx.w(start - 2), "of" | "and")
            && (jumped || !SUBJECT_PREPOSITIONS.contains(ctx.w(start - 2)))
            && !object
        {
            start -= 1;
            break;
        }
        let after_det = start >= 2 && ctx.is(start - 2, class::DETERMINER);
        // "Waiting times", "Rising costs": an "-ing" word before a noun modifies it; "Repair
        // costs reached": a plural right before the verb is the head.
        let modifier = start < end && w.len() > 4 && w.ends_with("ing")
            || start == end && noun_before_verb(ctx, start - 1, Some(end));
        // "the price of a pint": an article after "of" stays inside the phrase.
        let article_after_of = matches!(w, "a" | "an") && start >= 2 && ctx.w(start - 2) == "of";
        if (ctx.is(start - 1, class::VERB) && !after_det && !modifier)
            || (ctx.is(start - 1, class::STOPWORD)
                && !article_after_of
                && !matches!(
                    w,
                    "of" | "the" | "in" | "and" | "for" | "its" | "their" | "s" | "per"
                ))
        {
            break;
        }
        start -= 1;
    }
    // "acme said friday acme will open": a time word is no part of the subject.
    while start < end && time_word(ctx.w(start)) {
        start += 1;
    }
    // "climbed to 42.10 yuan and Zhenhai Textiles fell": the words right after another
    // figure are its unit, and the subject starts after "and"; "310 Fiat and Seat cars
    // were taken, against 40 a year before": the subject is what the other figure counts.
    if let Some(k) = figure_before(ctx, start) {
        if let Some((a, b, _)) = counted_phrase(ctx, k + 1)
            && b >= end
        {
            return Some(tidy(ctx, a, end));
        }
        start = (start..end).rev().find(|&k| ctx.w(k) == "and")? + 1;
    }
    let phrase = (start < end)
        .then(|| tidy(ctx, start, end))
        .filter(|s| !s.is_empty() && !is_time_phrase(s))?;
    // "Helix, whose shares have risen 40%": the name before "whose" owns the subject.
    if start >= 2 && ctx.w(start - 1) == "whose" {
        let mut k = start - 1;
        if ctx.w(k - 1) == "," {
            k -= 1;
        }
        let owner = (k.saturating_sub(4)..k)
            .rev()
            .take_while(|&j| ctx.is_word(j) && !ctx.is(j, class::STOPWORD | class::VERB))
            .last()
            .map(|j| tidy(ctx, j, k));
        if let Some(owner) = owner.filter(|o| !o.is_empty()) {
            return Some([owner.as_str(), ", ", &phrase].concat());
        }
    }
    // "Volvo saw the biggest loss, with its shares down 11.9%": "its" is the main clause's
    // subject.
    if matches!(ctx.w(start), "its" | "their")
        && start >= 2
        && ctx.w(start - 1) == "with"
        && ctx.w(start - 2) == ","
        && let Some(main) = subject(ctx, start - 2)
    {
        return Some([main.as_str(), ", ", &phrase].concat());
    }
    Some(phrase)
}

/// "The carrier expects capacity to grow 7%", "wants its sales to rise": the noun phrase before
/// the "to" at `to` is what moves, and the subject of the verb before it the owner. A plural
/// right before "to" is taken only after a determiner: "plans to close" is a verb.
fn infinitive_subject(ctx: &Ctx, to: usize) -> Option<String> {
    let mut start = to;
    while start > 0 && to - start < 3 {
        let k = start - 1;
        let w = ctx.w(k);
        if !ctx.is_word(k)
            || ctx.is(k, class::STOPWORD | class::VERB)
            || INFINITIVE_VERBS.contains(w)
        {
            break;
        }
        let shaped = w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing");
        if shaped && !(k > 0 && (ctx.is(k - 1, class::DETERMINER) || possessive(ctx.raw(k - 1)))) {
            break;
        }
        start = k;
    }
    if start > 0 && (ctx.is(start - 1, class::DETERMINER) || possessive(ctx.raw(start - 1))) {
        start -= 1;
    }
    let verb = start.checked_sub(1)?;
    if start == to || ctx.is(verb, class::STOPWORD) || !ctx.is_word(verb) {
        return None;
    }
    let thing = tidy(ctx, start, to);
    Some(match subject(ctx, start) {
        Some(owner) if !contains_ignoring_case(&thing, &owner) => {
            [owner.as_str(), ", ", &thing].concat()
        }
        _ => thing,
    })
}

/// Verbs that take a noun and an infinitive ("expect growth to slow", "want prices to fall"),
/// in the forms no shape rule tells from a noun.
static INFINITIVE_VERBS: WordSet = WordSet::new(&[
    "expect",
    "want",
    "need",
    "forecast",
    "predict",
    "project",
    "allow",
    "help",
    "cause",
    "force",
    "push",
    "see",
    "like",
    "prefer",
    "ask",
    "require",
    "urge",
    "encourage",
    "leave",
    "let",
    "get",
]);

/// Whether token `i`, left of the verb found (`verb`), is a noun or modifier of the subject
/// though a verb list holds it: an "-ing" word is no finite verb ("Waiting lists for surgery
/// have risen", "Rising costs pushed"), and a plural right before the verb is its subject's
/// head, not a second verb ("Snowfall totals topped", "Sales costs rose").
fn noun_before_verb(ctx: &Ctx, i: usize, verb: Option<usize>) -> bool {
    let Some(v) = verb else {
        return false;
    };
    let w = ctx.w(i);
    w.len() > 4 && w.ends_with("ing")
        || v == i + 1
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !AUXILIARIES.contains(w)
}

/// "closed 1.4 percent higher", "ended 30 points lower": a comparative right after a figure
/// says where the figure leaves the subject; the clause's verb is before it.
fn comparative_after_figure(ctx: &Ctx, i: usize) -> bool {
    ctx.w(i).ends_with("er")
        && (i.saturating_sub(3)..i).any(|k| ctx.kind(k) == Some(TokKind::Num) && !is_year(ctx, k))
}

/// Verbs that go before another verb ("has grown", "is seen", "does need").
static AUXILIARIES: WordSet = WordSet::new(&[
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "does", "do", "did", "will",
    "would", "can", "could", "may", "might", "must", "should", "gets", "seems", "appears",
]);

/// Prepositions that open a post-modifier of a subject's head ("Attendance at league matches",
/// "Russian oil exports via its Baltic ports").
static SUBJECT_PREPOSITIONS: WordSet = WordSet::new(&[
    "via", "in", "at", "from", "on", "for", "with", "across", "near", "to", "among",
]);

/// Adverbs that stand between a subject and its verb ("now sells", "also owns").
fn adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") || matches!(w, "now" | "still" | "also" | "often")
}

/// Whether token `i`, in no verb list, is shaped like a verb in the backward scan of
/// [`subject`] (`verb` the verb found so far): the tests run only for a token no list answers.
fn verb_shaped(ctx: &Ctx, i: usize, verb: Option<usize>) -> bool {
    let w = ctx.w(i);
    // "Forrest Gump keeps running": a lower-case -s word right after a name is its verb.
    let adjective = |k: usize| {
        let l = ctx.w(k);
        ["an", "ese", "ish", "ean", "ic"]
            .iter()
            .any(|e| l.ends_with(e))
    };
    // "The material shoots out", "the team's payroll exceeds": a -s word after a determiner
    // and a noun is a verb too.
    // Up to three singular nouns may stand between ("the league's salary cap exceeds"); they
    // are counted only for an -s word, most tokens being turned away before.
    let noun = |k: usize| {
        ctx.is_word(k)
            && !ctx.is(k, class::STOPWORD)
            && !ctx.w(k).ends_with('s')
            && !ctx.is(k, class::VERB)
    };
    let after_noun = verb.is_none()
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !ctx.is(i, class::STOPWORD)
        && {
            let nouns = (i.saturating_sub(3)..i)
                .rev()
                .take_while(|&k| noun(k))
                .count();
            nouns > 0
                && i > nouns
                && (matches!(
                    ctx.w(i - nouns - 1),
                    "the" | "a" | "an" | "this" | "that" | "its" | "their"
                ) || possessive(ctx.raw(i - nouns - 1)))
        };
    let after_name = verb.is_none()
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !adjective(i.saturating_sub(1))
        && i > 0
        && ctx.capitalized(i - 1)
        && !ctx.is(i - 1, class::STOPWORD)
        && !ctx.capitalized(i)
        && !ctx.is(i, class::STOPWORD);
    // "Yanan Bicon Pharmaceutical Listed tumbled": a capitalised word is part of a name.
    // "The FTSE 100 closed": after a name's number too. Not a participle before a noun, with
    // the verb after it: "Rates on 30-year fixed mortgages averaged".
    let modifies = verb.is_some()
        && ctx.is_word(i + 1)
        && !ctx.capitalized(i + 1)
        && !ctx.is(i + 1, class::STOPWORD | class::VERB)
        && !ctx.w(i + 1).ends_with("ly");
    let past = w.len() > 4
        && w.ends_with("ed")
        && i > 0
        && (ctx.is_word(i - 1) || number_in_a_name(ctx, i - 1, i))
        && !ctx.is(i - 1, class::STOPWORD)
        && !ctx.w(i - 1).ends_with("ly")
        && !ctx.capitalized(i)
        && !modifies;
    // "A tin of sardines now sells", "the fund also owns": an -s word after an adverb.
    let after_adverb = verb.is_none()
        && i >= 2
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !ctx.is(i, class::STOPWORD)
        && adverb(ctx.w(i - 1))
        && ctx.is_word(i - 2)
        && !ctx.is(i - 2, class::STOPWORD);
    // "Rents in the territory now average HK$18,500", "Sales total $5 million": a noun of
    // amount right before the figure, after neither an article nor a preposition, is the verb.
    let amount_verb = matches!(w, "average" | "averages" | "total" | "totals")
        && i > 0
        && ctx.is_word(i - 1)
        && (!ctx.is(i - 1, class::STOPWORD | class::DETERMINER) || adverb(ctx.w(i - 1)))
        && !possessive(ctx.raw(i - 1))
        && (!ctx.is_word(i + 1) || ctx.w(i + 2) == "$");
    past || after_name || after_noun || after_adverb || amount_verb
}

/// Token `i` is a year ("2018").
fn is_year(ctx: &Ctx, i: usize) -> bool {
    let r = ctx.raw(i);
    ctx.kind(i) == Some(TokKind::Num)
        && r.len() == 4
        && (r.starts_with("19") || r.starts_with("20"))
        && r.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the number at `k`, inside a subject ending before `end`, is a word of it: a name's
/// number after a capitalised word ("The FTSE 100 closed", "the S&P 500 rose", "Boeing 737
/// deliveries") or the number of a hyphened modifier ("Rates on 30-year fixed mortgages", "the
/// 10-year yield").
fn number_in_a_name(ctx: &Ctx, k: usize, end: usize) -> bool {
    let raw = ctx.raw(k);
    if ctx.kind(k) != Some(TokKind::Num) || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let named = k > 0
        && (ctx.capitalized(k - 1) && !ctx.is(k - 1, class::STOPWORD)
            || ctx.w(k - 1) == "p" && ctx.w(k.wrapping_sub(2)) == "&")
        && raw.len() <= 4
        && !is_year(ctx, k);
    let modifier = k + 2 < end && ctx.w(k + 1) == "-" && ctx.is_word(k + 2);
    named || modifier
}

/// The figure right before token `at` ("to 18.97 yuan", "about 89.37 per cent of"), if any.
/// Years and numbers in names ("category 4 hurricane", "2014-15 Highlander") are none.
fn figure_before(ctx: &Ctx, at: usize) -> Option<usize> {
    let mut k = at.checked_sub(1)?;
    while k > 0 && matches!(ctx.w(k), "per" | "%") {
        k -= 1;
    }
    let before = ctx.w(k.wrapping_sub(1));
    let verb = ctx.is(k.wrapping_sub(1), class::VERB) || before.ends_with("ed");
    let label =
        k > 0 && (ctx.is_word(k - 1) && !ctx.is(k - 1, class::STOPWORD) && !verb || before == "-");
    (ctx.kind(k) == Some(TokKind::Num) && !is_year(ctx, k) && !label).then_some(k)
}

/// A name right before the figure after "and", "while" or a comma that follows another
/// figure, its verb left out: "The Caldor Fire has burned 210,259 acres and the Dixie Fire
/// 869,279" (the Dixie Fire's, not the Caldor Fire's).
fn gapped_subject(ctx: &Ctx, first: usize) -> Option<String> {
    let end = before_bounds(ctx, first);
    let mut start = end;
    while start > 0 && ctx.capitalized(start - 1) {
        start -= 1;
    }
    if start == end {
        return None;
    }
    let mut k = start;
    if ctx.w(k.wrapping_sub(1)) == "the" {
        k -= 1;
    }
    let joined = matches!(ctx.w(k.wrapping_sub(1)), "and" | "while" | "whereas" | ",");
    let figure_earlier = (0..k).any(|j| ctx.kind(j) == Some(TokKind::Num) && !is_year(ctx, j));
    (joined && figure_earlier).then(|| tidy(ctx, start, end))
}

/// "by that much", "at that level": "that" after a preposition points, it joins no clause.
fn demonstrative(ctx: &Ctx, i: usize) -> bool {
    i > 0
        && matches!(
            ctx.w(i - 1),
            "by" | "at" | "to" | "of" | "from" | "on" | "for" | "with" | "like"
        )
}

/// Owners that are only a time ("Today", "Thursday", "Last month").
/// An ordinal or a word of sequence with a time ("third week", "second straight month").
fn is_time_phrase(s: &str) -> bool {
    s.split(' ')
        .all(|w| time_word(w) || SEQUENCE.contains_ignoring_ascii_case(w))
}

/// Ordinals and words of sequence: with a time word they only count times.
static SEQUENCE: WordSet = WordSet::new(&[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "straight",
    "consecutive",
    "successive",
    "same",
    "following",
    "previous",
    "past",
    "this",
]);

/// The words of a time: month names and their abbreviations, weekdays, and more. The date
/// rules also read a month with periods ("Oct.") and a possessive weekday ("Monday's").
static TIME_WORDS: WordSet = WordSet::new(&[
    "today",
    "yesterday",
    "tonight",
    "overnight",
    "quarter",
    "season",
    "period",
    "session",
    "last",
    "month",
    "week",
    "year",
    "now",
    "currently",
    "previously",
    "meanwhile",
    "however",
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
]);

/// A word of a time, in any ASCII case: a month ("Oct."), a weekday ("Monday's") or one of
/// [`TIME_WORDS`]. A word without a trailing period or possessive, most words, is answered by
/// one set look-up; the date rules read the others.
fn time_word(w: &str) -> bool {
    if !(w.ends_with('.') || w.ends_with("'s") || w.ends_with("\u{2019}s")) {
        return TIME_WORDS.contains_ignoring_ascii_case(w);
    }
    super::dates::month(w).is_some()
        || super::dates::weekday(w).is_some()
        || TIME_WORDS.contains_ignoring_ascii_case(w)
}

/// Whether `hay` in lower case contains `needle` in lower case; ASCII text is compared in
/// place, without lower-cased copies, and only where the first byte matches.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let Some(first) = needle.bytes().next() else {
            return true;
        };
        hay.as_bytes()
            .windows(needle.len())
            .any(|w| w[0].eq_ignore_ascii_case(&first) && w.eq_ignore_ascii_case(needle.as_bytes()))
    } else {
        hay.to_lowercase().contains(&needle.to_lowercase())
    }
}

/// The phrase between two tokens as written, without leading determiners or possessives.
fn tidy(ctx: &Ctx, mut a: usize, b: usize) -> String {
    while a < b
        && matches!(
            ctx.w(a),
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "our"
                | "this"
                | "that"
                | "these"
                | "those"
                | "of"
                | "and"
                | "in"
        )
    {
        a += 1;
    }
    let mut b = b;
    while b > a
        && matches!(
            ctx.w(b - 1),
            "the" | "a" | "an" | "of" | "and" | "in" | "for" | "'" | "s"
        )
    {
        b -= 1;
    }
    let span = ctx.span(a, b);
    // Most phrases have no line break or tab: a byte scan spares them the char-pattern replace.
    if span.bytes().any(|c| matches!(c, b'\n' | b'\t')) {
        span.replace(['\n', '\t'], " ")
    } else {
        span.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(text: &str) -> Option<(String, String)> {
        let mut lower = String::new();
        let ctx = crate::extract::context::test_ctx(text, &mut lower);
        counted_phrase(&ctx, 0)
            .map(|(a, b, h)| (ctx.span(a, b).to_string(), ctx.raw(h).to_string()))
    }

    #[test]
    fn a_relative_word_opening_the_sentence_is_read_without_underflow() {
        for text in [
            "That one costs 3 dimes.",
            "Which left 40 people waiting.",
            "Who paid $5 for it?",
        ] {
            crate::extract::extract(&crate::model::Document::new("t", text));
        }
    }

    #[test]
    fn counted_phrase_cases() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "North Korean troops in eastern Russia, up from",
                Some(("North Korean troops in eastern Russia", "troops")),
            ),
            (
                "soldiers killed or wounded, necessitating",
                Some(("soldiers killed or wounded", "soldiers")),
            ),
            (
                "internally displaced people in the country",
                Some(("internally displaced people in the country", "people")),
            ),
            ("refugees have fled", Some(("refugees", "refugees"))),
            // Who expected the figure, not what it counts; people polled are counted otherwise.
            ("economists had expected", None),
            ("analysts forecast", None),
            ("forecasters have predicted", None),
            (
                "economists polled in May",
                Some(("economists polled", "economists")),
            ),
            // A word that sums the count up is not its noun.
            ("soldiers total to train", Some(("soldiers", "soldiers"))),
            ("boats overall last week", Some(("boats", "boats"))),
            ("new homes altogether", Some(("new homes", "homes"))),
            ("migrants combined", Some(("migrants", "migrants"))),
            // Before the noun it is a modifier.
            (
                "total deaths in the region",
                Some(("total deaths in the region", "deaths")),
            ),
            // A participle that is also a verb, before its noun.
            (
                "confirmed cases in Texas",
                Some(("confirmed cases in Texas", "cases")),
            ),
            (
                "reported deaths in the region",
                Some(("reported deaths in the region", "deaths")),
            ),
            ("killed in the attack", None),
            ("drones struck the town", Some(("drones", "drones"))),
            // A spelled cardinal right after the figure starts another amount.
            ("two weeks earlier", None),
            ("three days before the count", None),
            // An "-ed" word with an object is the verb, not a participle.
            (
                "Singaporean sisters helped fraudsters launder",
                Some(("Singaporean sisters", "sisters")),
            ),
            (
                "countries signed a mutual defence treaty",
                Some(("countries", "countries")),
            ),
            // A restrictive adverb is not part of what is counted.
            (
                "routers fitted in the UK alone.",
                Some(("routers fitted in the UK", "routers")),
            ),
            ("cars apiece to the dealers", Some(("cars", "cars"))),
            // A word with "the" or "their" after it is a verb, not the counted noun.
            ("attend the rally in the square", None),
            ("support their mayor in the vote", None),
            ("voters back a third term", Some(("voters", "voters"))),
            // A time or a duration after the counted noun says when, not which ones.
            (
                "passengers in March, up",
                Some(("passengers", "passengers")),
            ),
            ("patients for six years", Some(("patients", "patients"))),
            (
                "volunteers in six countries",
                Some(("volunteers in six countries", "volunteers")),
            ),
            ("shoppers in the first week", Some(("shoppers", "shoppers"))),
            (
                "flights from Madrid last",
                Some(("flights from Madrid", "flights")),
            ),
            (
                "troops in Kursk combined",
                Some(("troops in Kursk", "troops")),
            ),
            (
                "devices installed in the US, it said",
                Some(("devices installed in the US", "devices")),
            ),
            (
                "first-team players left the club",
                Some(("first-team players", "players")),
            ),
            (
                "students studying at Heidelberg",
                Some(("students studying at Heidelberg", "students")),
            ),
            // A time or a place adverb after the head is no modifier.
            (
                "drones overnight, the army said",
                Some(("drones", "drones")),
            ),
            ("jobs Tuesday in a filing", Some(("jobs", "jobs"))),
            ("people worldwide", Some(("people", "people"))),
            ("staff nationwide", Some(("staff", "staff"))),
            ("students abroad", Some(("students", "students"))),
            // "for" opens a post-modifier as "in" does.
            (
                "options for greener fuels",
                Some(("options for greener fuels", "options")),
            ),
            ("the club", None),
            ("Model 3s", None),
        ];
        for (text, expected) in cases {
            let got = counted(text);
            assert_eq!(
                got.as_ref().map(|(a, b)| (a.as_str(), b.as_str())),
                *expected,
                "{text}"
            );
        }
    }

    #[test]
    fn contains_ignoring_case_agrees_with_lower_cased_copies() {
        let cases = [
            ("Russian losses", "losses"),
            ("Russian losses", "LOSSES"),
            ("Russian losses", "Russian losses, more"),
            ("Russian losses", ""),
            ("", ""),
            ("", "a"),
            ("aab", "ab"),
            ("Caf\u{e9} prices", "CAF\u{c9}"),
            ("revenue", "Revenue"),
            ("revenue", "venus"),
        ];
        for (hay, needle) in cases {
            let slow = hay.to_lowercase().contains(&needle.to_lowercase());
            assert_eq!(
                contains_ignoring_case(hay, needle),
                slow,
                "{hay} / {needle}"
            );
        }
    }

    /// The word set answers as the date rules and the list of words it was made from do.
    #[test]
    fn time_words_agree_with_the_date_rules() {
        let slow = |w: &str| {
            crate::extract::dates::month(w).is_some()
                || crate::extract::dates::weekday(w).is_some()
                || TIME_WORDS.words().iter().any(|t| w.eq_ignore_ascii_case(t))
        };
        let words = [
            "Today",
            "TODAY",
            "previously",
            "Previouslyy",
            "Oct",
            "oct.",
            "Sept",
            "Sept.",
            "May",
            "Mayo",
            "Monday",
            "Monday's",
            "monday\u{2019}s",
            "Mondays",
            "weeks",
            "",
            "a",
            "the",
            "Friday",
            "fri",
            "Dec",
            "december",
            "however,",
            "Wednesday",
            "wed",
            "2023",
            "U.S",
            "é",
            "Thursday's",
            "Jan",
            "January",
            "tonight",
            "year",
            "Years",
        ];
        for w in words {
            assert_eq!(time_word(w), slow(w), "{w}");
        }
        assert!(is_time_phrase("Last month") && !is_time_phrase("Last of the month"));
    }

    /// The concept of the claim whose text contains `marker`, extracted from `text`.
    /// Checks the concept of the claim whose text holds `marker` against the phrase the rules
    /// should find, as the extractor reports it (content words, see `keywords`).
    fn check(text: &str, marker: &str, phrase: Option<&str>) {
        let claims = crate::extract(&crate::Document::new("t", text));
        let claim = claims.into_iter().find(|c| c.text.contains(marker));
        let claim = claim.unwrap_or_else(|| panic!("no claim {marker} in {text}"));
        let unit = (claim.unit.as_deref(), claim.unit_normalized.as_deref());
        let want =
            phrase.and_then(|p| super::super::keywords::key_words(p.to_string(), unit.0, unit.1));
        assert_eq!(claim.concept, want, "{text}");
    }

    #[test]
    fn an_irregular_past_tense_is_the_verb_the_subject_stands_before() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "The jobless rate held at 5.2 per cent in June.",
                "5.2",
                Some("jobless rate"),
            ),
            (
                "Core inflation held steady at 2.8% last month.",
                "2.8",
                Some("Core inflation"),
            ),
            (
                "Mortgage approvals hung near 60,000 in March.",
                "60,000",
                Some("Mortgage approvals"),
            ),
            (
                "Pump prices in the region swung between 1.40 and 1.60 euros a litre.",
                "1.40",
                Some("Pump prices in the region"),
            ),
            (
                "Turnover at the bakery chain undershot 80 million pounds.",
                "80",
                Some("Turnover at the bakery chain"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    #[test]
    fn objects_and_subjects_beyond_the_nearest_verb() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            // A figure whose verb is left out is the name's right before it.
            (
                "The North Fire has burned 12,400 acres and the Ridge Fire 8,100.",
                "8,100",
                Some("Ridge Fire"),
            ),
            (
                "Kenya reported 4,000 cases, while Uganda 1,250.",
                "1,250",
                Some("Uganda"),
            ),
            // "worth" links a figure to the noun phrase it is the value of.
            (
                "The club signed a sponsorship deal worth 40 million euros.",
                "40",
                Some("club, sponsorship deal"),
            ),
            (
                "Regulators cleared a merger worth about $9 billion.",
                "9",
                Some("Regulators, merger"),
            ),
            // A verb that sets a figure "at": its object is what the figure measures.
            (
                "Insurers put the cost of the floods at $3.2 billion.",
                "3.2",
                Some("cost of the floods"),
            ),
            (
                "Local officials have pegged the death toll at 41.",
                "41",
                Some("death toll"),
            ),
            // A poll puts a party "on" its share.
            (
                "The latest survey puts the Greens on 14 per cent.",
                "14",
                Some("Greens"),
            ),
            // So does a verb that keeps it there.
            (
                "The board held its benchmark rate at 3.75% for a fifth meeting.",
                "3.75",
                Some("benchmark rate"),
            ),
            (
                "Hiring picked up, keeping the jobless rate at 5.2%.",
                "5.2",
                Some("jobless rate"),
            ),
            (
                "Policymakers left borrowing costs at 2.5% on Thursday.",
                "2.5",
                Some("borrowing costs"),
            ),
            // With no object between, the verb keeps the figure on its subject.
            ("The index held at 4,100 points.", "4,100", Some("index")),
            // A verb of saying behind an auxiliary still says who speaks, not what is counted.
            (
                "The ministry has reported a figure of roughly 7,000.",
                "7,000",
                Some("figure"),
            ),
            // A lone amount noun gives way to the subject.
            (
                "Fares on the line have climbed to an average of $4.10.",
                "4.10",
                Some("Fares on the line"),
            ),
            (
                "Water use fell to a low of 90 litres a day.",
                "90",
                Some("Water use"),
            ),
            (
                "The bid values the brewer at about 9 billion pounds.",
                "9",
                Some("brewer"),
            ),
            // The owner of a subject opened by "whose".
            (
                "Acme Mining, whose output has dropped 12% since May, is for sale.",
                "12",
                Some("Acme Mining, output"),
            ),
            (
                "The regulator questioned the lender, whose deposits shrank by a third to $40 billion.",
                "40",
                Some("lender, deposits"),
            ),
            // The noun before an infinitive is what moves; the verb before it has the owner.
            (
                "Economists expect growth to fall to 1.1% next year.",
                "1.1",
                Some("growth"),
            ),
            (
                "The chain wants its margins to rise by 2 points.",
                "2",
                Some("chain, margins"),
            ),
            // An -s verb after an adverb, or a linking verb, takes "for" and names nothing.
            (
                "A tin of sardines now sells for 4 euros.",
                "4",
                Some("tin of sardines"),
            ),
            (
                "Tourism accounts for 12 percent of the island's economy.",
                "12",
                Some("Tourism, island's economy"),
            ),
            // An aside that prices the noun before it.
            (
                "The stake, valued at 800 million euros, will be sold.",
                "800",
                Some("stake"),
            ),
            (
                "Their new stadium, costing $1.9 billion, opens in May.",
                "1.9",
                Some("new stadium"),
            ),
            // "per" joins the nouns of a subject as "of" does.
            (
                "Revenue per passenger fell 3% to 61 euros.",
                "61",
                Some("Revenue per passenger"),
            ),
            // A plural that can be a verb heads a prepositional phrase when nothing follows it.
            (
                "Airlines blamed a 12% jump in fuel costs.",
                "12",
                Some("Airlines, jump in fuel costs"),
            ),
            // A possessive and a noun before an -s verb: the verb no list knows.
            (
                "The league's salary cap exceeds $140 million.",
                "140",
                Some("league's salary cap"),
            ),
            (
                "Norway's wealth fund owns 1.5 percent of listed shares.",
                "1.5",
                Some("Norway's wealth fund, listed shares"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    #[test]
    fn concept_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            // A dateline's dash is no part of the subject.
            (
                "ABUJA, Sept 20 (Wire) - Floods have displaced more than 640,000 people.",
                "640,000",
                Some("Floods, people"),
            ),
            (
                "LONDON (Wire) - Consumer prices rose 3.2% in May.",
                "3.2",
                Some("Consumer prices"),
            ),
            (
                "PORTVILLE, Xland - Earthquake deaths rose above 15,000 on Thursday.",
                "15,000",
                Some("Earthquake deaths"),
            ),
            (
                "More than 60 per cent of its revenue comes from ads.",
                "60",
                Some("revenue"),
            ),
            (
                "The height of the new stone lighthouse will be roughly 45 meters.",
                "45",
                Some("height of the new stone lighthouse"),
            ),
            (
                "The set will cost $200 and will be available.",
                "200",
                Some("set"),
            ),
            (
                "Rutte cited devastating Russian losses, exceeding 600,000 soldiers killed or wounded.",
                "600,000",
                Some("Russian losses, soldiers killed or wounded"),
            ),
            (
                "Services inflation, which leaves out travel and rent, rose 0.3 percentage points.",
                "0.3",
                Some("Services inflation"),
            ),
            (
                "The office said inflation rose 2.1% in August.",
                "2.1",
                Some("inflation"),
            ),
            (
                "Acme (ACM) which has 8200 employees in the Netherlands said so.",
                "8200",
                Some("Acme (ACM), employees in the Netherlands"),
            ),
            (
                "It will charge a 0.6 per cent fee for customers.",
                "0.6",
                Some("fee"),
            ),
            (
                "Russia's 600,000 losses were counted.",
                "600,000",
                Some("Russia's, losses"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    /// A figure used as an adjective: the noun phrase after it.
    #[test]
    fn attributive_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "Regulators found a 40 percent increase in vaping among teenagers.",
                "40",
                Some("increase in vaping"),
            ),
            // An adjective before the figure belongs to the noun.
            (
                "He sold the historic 1,200sq m mansion last month.",
                "1,200",
                Some("historic mansion"),
            ),
            (
                "The cheapest $300 laptops tested.",
                "300",
                Some("cheapest laptops"),
            ),
            // "that" opening a clause is no determiner: the word after the figure is a verb
            // when a determiner follows it.
            (
                "Pollsters found that 38 percent back the new levy.",
                "38",
                None,
            ),
            (
                "Organisers estimate that 3,000 marchers joined the protest.",
                "3,000",
                None,
            ),
            // A possessive name is a determiner, with or without its apostrophe.
            (
                "The regulator cut the rating of Acme Powers 300 megawatt Sunny Ridge Farm to junk.",
                "300",
                Some("regulator, Sunny Ridge Farm"),
            ),
            (
                "The Pixel's 6.3-inch OLED display remains bright.",
                "6.3",
                Some("Pixel's OLED display"),
            ),
            // A prepositional phrase after the noun, but not a time or a clause.
            (
                "She signed a $2 million deal with Northwind Records.",
                "2",
                Some("deal with Northwind Records"),
            ),
            (
                "It will charge a 1 per cent fee in March for savers.",
                "1",
                Some("fee"),
            ),
            ("He got a $1m bonus for having stayed.", "1", Some("bonus")),
            (
                "It sent a $40 million package drawn from army stocks.",
                "40",
                Some("package"),
            ),
            (
                "They face a 25% tariff on imported steel from May.",
                "25",
                Some("tariff on imported steel"),
            ),
            // A possessive name before the figure owns the noun after it.
            (
                "The iPhone 14’s 6.1-inch display is bright.",
                "6.1",
                Some("iPhone 14’s display"),
            ),
            (
                "London's 2% rise in rents slowed.",
                "2",
                Some("London's rise in rents"),
            ),
            // A hyphenated age describes the noun after it, with or without a determiner.
            (
                "She left with her now-18 month-old daughter.",
                "18",
                Some("daughter"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    /// The object a verb moves by or to a figure.
    #[test]
    fn moved_object_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            // The subject only caused the move.
            (
                "Weak oil prices pushed the energy index 1.2 percent lower.",
                "1.2",
                Some("energy index"),
            ),
            // The subject owns what it moves; a body that sets a rate is its source instead.
            (
                "The central bank raised interest rates to 5.5 per cent.",
                "5.5",
                Some("interest rates"),
            ),
            (
                "The chain raised prices to 5.5 dollars.",
                "5.5",
                Some("chain, prices"),
            ),
            (
                "She hopes to grow revenue by 20 per cent.",
                "20",
                Some("revenue"),
            ),
            // The amount's own words ("a further", "another") stand between "by" and it.
            (
                "The cartel agreed to cut output by a further 500,000 barrels a day.",
                "500,000",
                Some("cartel, output"),
            ),
            (
                "The council raised fees by another 3%.",
                "3",
                Some("council, fees"),
            ),
            // No change verb, no move.
            (
                "Analysts had expected a figure closer to 2 per cent.",
                "2",
                Some("Analysts"),
            ),
            (
                "Inflation fell back to 2.1 per cent.",
                "2.1",
                Some("Inflation"),
            ),
            // A verb that moves an amount though it says no direction alone.
            (
                "The bill would raise the minimum wage to $15 an hour.",
                "15",
                Some("bill, minimum wage"),
            ),
            (
                "The insulation could lift output by 12 per cent.",
                "12",
                Some("insulation, output"),
            ),
            // One "of" joins two nouns of the object.
            (
                "The drug cut the risk of stroke by 27 per cent.",
                "27",
                Some("drug, risk of stroke"),
            ),
            (
                "Regulators slashed the price of insulin to $35 a month.",
                "35",
                Some("Regulators, price of insulin"),
            ),
            // An irregular past tense is a verb.
            (
                "Maria bought a bicycle for 900 euros.",
                "900",
                Some("Maria, bicycle"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    /// A figure set against an earlier one measures the same thing.
    #[test]
    fn compared_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "Revenue was $4.1 billion, compared with $3.8 billion a year earlier.",
                "3.8",
                Some("Revenue"),
            ),
            (
                "Exports rose 4.2 per cent in March compared with 3.1 per cent in February.",
                "3.1",
                Some("Exports"),
            ),
            (
                "The club sold 1,200 season tickets versus 950 last season.",
                "950",
                Some("club"),
            ),
            (
                "Arrests in the district hit 48, compared to an average of 30 a month.",
                "30",
                Some("Arrests in the district"),
            ),
            // No earlier figure: the rules read the figure as they would alone.
            (
                "Compared with 2 per cent of the budget, defence gets little.",
                "2",
                Some("budget"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    /// The noun a figure is the value of, named before "of", "for" or "priced at".
    #[test]
    fn named_before_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            // A verb before "for" names nothing: the subject owns the figure.
            (
                "The striker rushed for 140 yards on Saturday.",
                "140",
                Some("striker"),
            ),
            (
                "The band has been touring for 12 years.",
                "12",
                Some("band"),
            ),
            (
                "The lease for the funding for 5 years was signed.",
                "5",
                Some("funding"),
            ),
            // A duration after "in" measures the noun phrase before it.
            (
                "She finished the marathon in 2 hours and 18 minutes.",
                "2",
                Some("marathon"),
            ),
            ("They sold the house in 3 days.", "3", Some("house")),
            (
                "Engineers repaired the old bridge in 11 months.",
                "11",
                Some("Engineers, old bridge"),
            ),
            // No duration, or no determiner before the noun: nothing is measured.
            ("He ran the 100 metres in 9.9 seconds.", "9.9", None),
            // The noun before "of" an amount names it, and the noun after "of" what it is of.
            (
                "The pharmacist mixed a dose of 5 grams of powder.",
                "5",
                Some("dose, powder"),
            ),
            (
                "Officials recorded a loss of 3 tonnes of grain.",
                "3",
                Some("loss, grain"),
            ),
            // "N times the NP": the noun phrase after the multiple.
            (
                "Sales were four times the level of a year ago.",
                "four",
                Some("Sales, level"),
            ),
            (
                "The fine is three times the amount paid.",
                "three",
                Some("fine, amount"),
            ),
            // Nouns joined by "and" after "of"; a time after "in" is no amount of money.
            (
                "The convoy carried 200 tonnes of food and medicine.",
                "200",
                Some("convoy, food and medicine"),
            ),
            (
                "The bank's net profit climbed to $4.2 billion in the quarter.",
                "4.2",
                Some("bank's net profit"),
            ),
            // The noun before "of" may look like a verb; "short of" is no noun.
            (
                "Sales came in below analyst estimates of 1.2 million.",
                "1.2",
                Some("Sales, analyst estimates"),
            ),
            (
                "The firm fell short of Refinitiv forecasts of 3.1 billion.",
                "3.1",
                Some("firm, Refinitiv forecasts"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }

    /// The subject a figure is stated about.
    #[test]
    fn subject_cases() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            // A word after an article is a noun, even one that can be a verb of saying.
            (
                "Officials said the states transport agency has spent $3 billion on repairs.",
                "3",
                Some("states transport agency"),
            ),
            // A name's number and a hyphened modifier's number are words of the subject.
            ("The Stoxx 600 closed 1.1% lower.", "1.1", Some("Stoxx 600")),
            (
                "The S&P 500 slipped 0.4% on Monday.",
                "0.4",
                Some("S&P 500"),
            ),
            (
                "The 10-year gilt yield rose to 4.6%.",
                "4.6",
                Some("10-year gilt yield"),
            ),
            // A participle before a noun, with the verb after it, is no verb.
            (
                "Rates on fixed loans averaged 6.2%.",
                "6.2",
                Some("Rates on fixed loans"),
            ),
            // "average" and "total" right before a figure are verbs.
            (
                "Rents in the city now average $2,900 a month.",
                "2,900",
                Some("Rents in the city"),
            ),
            ("Class sizes average 31 pupils.", "31", Some("Class sizes")),
            ("Pledges total $1.2 billion so far.", "1.2", Some("Pledges")),
            // A year opening the sentence is no name's number.
            ("In 2023 sales rose 4%.", "4", Some("sales")),
            // "May" as written is the month or a name, not the modal verb.
            (
                "In May the participation rate was 66.8%.",
                "66.8",
                Some("participation rate"),
            ),
            (
                "Since May the savings ratio has climbed to 5.1%.",
                "5.1",
                Some("savings ratio"),
            ),
            (
                "Retail sales in May rose 0.4%, after a flat April.",
                "0.4",
                Some("Retail sales"),
            ),
            ("Sales may rise 5% this year.", "5", Some("Sales")),
            // A capitalised -ed word is part of a name, not a past tense.
            (
                "Imperial Oil Limited dropped 3 per cent.",
                "3",
                Some("Imperial Oil Limited"),
            ),
            // The words after another figure are its unit; the subject follows "and".
            (
                "Gold rose to 2,400 dollars and silver also climbed to 31 dollars.",
                "31",
                Some("silver"),
            ),
            (
                "Oil fell 3 per cent and gas dropped by that much to 2.5 dollars.",
                "2.5",
                Some("gas"),
            ),
            // The subject is what another figure counts.
            (
                "About 300 Ford and Kia cars were stolen, compared with 120 a year ago.",
                "120",
                Some("Ford and Kia cars"),
            ),
            // A number inside a name is no other figure.
            (
                "The category 5 storm had sustained winds of 170mph.",
                "170",
                Some("storm, sustained winds"),
            ),
            // A relative clause whose verb no list knows.
            (
                "The volcano forms a cloud that reaches thousands of metres into the sky.",
                "thousands",
                Some("cloud"),
            ),
            // A pronoun subject: no owner, and no clause further left.
            (
                "If prices slip again we would have to cut 15 more.",
                "15",
                None,
            ),
            (
                "He didnt really plan to stay another two nights.",
                "two",
                None,
            ),
            // A weekday is no part of the subject.
            (
                "The firm said friday acme will hire up to 300 workers.",
                "300",
                Some("acme, workers"),
            ),
            // A year inside the phrase.
            (
                "Apple's 2023 revenue rose 3 per cent.",
                "3",
                Some("Apple's 2023 revenue"),
            ),
            // "with its ...": the main clause's subject owns it.
            (
                "Acme Corp had a bad day, with its shares down 9.5%.",
                "9.5",
                Some("Acme Corp, shares"),
            ),
            // The noun before "of" the amount names it: the fine is the 10 percent.
            (
                "The firm faces a fine of 10 percent of annual turnover, whichever is higher.",
                "10",
                Some("fine, annual turnover"),
            ),
            // One prepositional phrase after the subject's head belongs to it.
            (
                "Consumer prices in the euro zone rose 2.9% in October.",
                "2.9",
                Some("Consumer prices in the euro zone"),
            ),
            (
                "Exports to China fell by a fifth to $38 billion.",
                "38",
                Some("Exports to China"),
            ),
            (
                "Quarterly revenue at the chipmaker was $9.8 billion.",
                "9.8",
                Some("Quarterly revenue at the chipmaker"),
            ),
            // A long one is left out.
            (
                "Crude exports via its Baltic and Black Sea ports averaged 1.2m barrels a day.",
                "1.2m",
                Some("Crude exports"),
            ),
            (
                "Rents for the smallest one-bedroom flats in the capital rose 4%.",
                "4",
                Some("Rents"),
            ),
            // An "-ing" word before a noun modifies it; a plural right before the verb is the
            // subject's head, not a second verb.
            (
                "Waiting lists for hip surgery have grown to 18 weeks.",
                "18",
                Some("Waiting lists for hip surgery"),
            ),
            (
                "Rising costs pushed the bill to $400.",
                "400",
                Some("Rising costs, bill"),
            ),
            (
                "Snowfall totals topped 60 centimetres.",
                "60",
                Some("Snowfall totals"),
            ),
            (
                "Repair costs reached $2 million.",
                "2",
                Some("Repair costs"),
            ),
            // A bound on the verb is no part of the subject.
            (
                "Profits at the miner more than doubled to £3.1bn.",
                "3.1",
                Some("Profits at the miner"),
            ),
            (
                "Sales of heat pumps more than tripled to 40,000.",
                "40,000",
                Some("Sales of heat pumps"),
            ),
            // A time with an ordinal after a comma is no apposition.
            (
                "Petrol prices have fallen for a third week, to 142.9p a litre.",
                "142.9",
                Some("Petrol prices"),
            ),
            (
                "Rents rose for the second straight month, to $2,100.",
                "2,100",
                Some("Rents"),
            ),
            // An article after "of", and the object of an "-ing" word, stay in the subject.
            (
                "The price of a pint rose 6p to £4.50.",
                "4.50",
                Some("price of a pint"),
            ),
            (
                "The cost of an average home fell to £280,000.",
                "280,000",
                Some("cost of an average home"),
            ),
            (
                "The share of voters backing the plan dropped to 38%.",
                "38",
                Some("share of voters backing the plan"),
            ),
            (
                "The number of firms reporting the shortage doubled to 400.",
                "400",
                Some("number of firms reporting the shortage"),
            ),
            // A clause of an "-ing" verb after a comma speaks of the main clause's subject.
            (
                "Shares in Acme have lost a third of their value, falling to 210 pence.",
                "210",
                Some("Shares in Acme"),
            ),
            (
                "The pound slipped against the euro, trading at 1.16.",
                "1.16",
                Some("pound"),
            ),
            // A noun that only names the amount owns nothing.
            (
                "A total of 312 flights were cancelled at the airport.",
                "312",
                None,
            ),
            (
                "The highest number of 90 flights was cancelled on Monday.",
                "90",
                None,
            ),
            (
                "A survey of 2,000 drivers was published.",
                "2,000",
                Some("survey"),
            ),
            // A comparative after a figure is not the clause's verb.
            (
                "The index closed 1.4 percent higher at 7,520 points.",
                "7,520",
                Some("index"),
            ),
            (
                "The Nikkei ended 2 per cent lower at 38,100.",
                "38,100",
                Some("Nikkei"),
            ),
            // A name after a comma or a preposition is where the figure holds.
            (
                "In Leeds, West Yorkshire, some 300 homes were flooded.",
                "300",
                None,
            ),
            ("In Ohio, about 40 schools shut their doors.", "40", None),
            // ", ranging from ...": the noun before the comma.
            (
                "The firm holds a portfolio of claims, ranging from $500 to $2 million.",
                "500",
                Some("claims"),
            ),
            // "who" speaks of the person named, not of the words describing them.
            (
                "They came to visit his younger brother Tomas who was 7.",
                "7",
                Some("Tomas"),
            ),
            (
                "The fund holds $40 million of claims against the bank.",
                "40",
                Some("fund, claims"),
            ),
        ];
        for (text, marker, expected) in cases {
            check(text, marker, *expected);
        }
    }
}

#[cfg(test)]
mod held_in {
    /// Sentences written for the concept rules, in the styles of news desks (finance, sport,
    /// health, conflict, weather, tech, politics): (sentence, figure text, expected concept as
    /// written before it is reported as content words).
    const CASES: &[(&str, &str, Option<&str>)] = &[
        // Finance.
        (
            "Shares of Northwind Traders slumped 14% on Tuesday.",
            "14",
            Some("Shares of Northwind Traders"),
        ),
        (
            "The bank's net profit climbed to $4.2 billion in the quarter.",
            "4.2",
            Some("bank's net profit"),
        ),
        (
            "Quarterly revenue at the chipmaker was $9.8 billion, beating forecasts.",
            "9.8",
            Some("Quarterly revenue at the chipmaker"),
        ),
        (
            "The euro slipped 0.3 per cent against the dollar.",
            "0.3",
            Some("euro"),
        ),
        (
            "Mortgage rates hit 7.1 percent this week, the highest since 2001.",
            "7.1",
            Some("Mortgage rates"),
        ),
        (
            "Consumer prices in the euro zone rose 2.9% in October from a year earlier.",
            "2.9",
            Some("Consumer prices in the euro zone"),
        ),
        (
            "The retailer plans to close 120 stores across Britain.",
            "120",
            Some("retailer, stores across Britain"),
        ),
        (
            "Unemployment edged down to 3.8 per cent last month.",
            "3.8",
            Some("Unemployment"),
        ),
        (
            "The company agreed to buy the start-up for $650 million.",
            "650",
            Some("company, start-up"),
        ),
        (
            "A barrel of Brent crude cost $83 on Friday.",
            "83",
            Some("barrel of Brent crude"),
        ),
        // Sport.
        (
            "Okafor scored 31 points as the Hawks beat the Pistons.",
            "31",
            Some("Okafor"),
        ),
        (
            "The striker has netted 22 goals in all competitions this season.",
            "22",
            Some("striker, goals"),
        ),
        (
            "The stadium holds 60,000 spectators.",
            "60,000",
            Some("stadium"),
        ),
        (
            "She finished the marathon in 2 hours and 18 minutes.",
            "2",
            Some("marathon"),
        ),
        (
            "The club paid a transfer fee of 45 million euros for the winger.",
            "45",
            Some("club, transfer fee"),
        ),
        (
            "Attendance at league matches fell 8% this season.",
            "8",
            Some("Attendance at league matches"),
        ),
        (
            "The quarterback threw for 312 yards on Sunday.",
            "312",
            Some("quarterback"),
        ),
        // Health.
        (
            "Hospital admissions for flu doubled to 4,300 in a week.",
            "4,300",
            Some("Hospital admissions for flu"),
        ),
        (
            "The vaccine was 91 percent effective against severe disease.",
            "91",
            Some("vaccine"),
        ),
        (
            "About 1.2 million adults in the region have diabetes.",
            "1.2",
            Some("adults in the region"),
        ),
        (
            "The trial enrolled 3,000 volunteers in six countries.",
            "3,000",
            Some("trial, volunteers in six countries"),
        ),
        (
            "Waiting times for surgery have grown to 18 weeks.",
            "18",
            Some("Waiting times for surgery"),
        ),
        (
            "Measles cases rose by 40% across Europe last year.",
            "40",
            Some("Measles cases"),
        ),
        (
            "The drug cut the risk of stroke by 27 per cent.",
            "27",
            Some("drug, risk of stroke"),
        ),
        // Conflict.
        (
            "At least 23 civilians were killed in the shelling of the market.",
            "23",
            Some("civilians"),
        ),
        (
            "Air defences shot down 17 drones overnight, the army said.",
            "17",
            Some("Air defences, drones"),
        ),
        (
            "Some 4,500 refugees crossed the border on Monday.",
            "4,500",
            Some("refugees"),
        ),
        (
            "The convoy carried 200 tonnes of food and medicine.",
            "200",
            Some("convoy, food and medicine"),
        ),
        (
            "The ceasefire lasted 36 hours before fighting resumed.",
            "36",
            Some("ceasefire"),
        ),
        (
            "The strike destroyed 12 armoured vehicles near the river.",
            "12",
            Some("strike, armoured vehicles near the river"),
        ),
        // Weather.
        (
            "Temperatures in Madrid reached 43 degrees Celsius on Sunday.",
            "43",
            Some("Temperatures in Madrid"),
        ),
        (
            "The storm dumped 250 millimetres of rain on the coast.",
            "250",
            Some("storm, rain"),
        ),
        (
            "Wind gusts of 120 km/h toppled trees across the county.",
            "120",
            Some("Wind gusts"),
        ),
        (
            "Snowfall totals topped 60 centimetres in the mountains.",
            "60",
            Some("Snowfall totals"),
        ),
        (
            "The heatwave killed more than 1,500 people in India.",
            "1,500",
            Some("heatwave, people in India"),
        ),
        (
            "Sea ice covered 3.9 million square kilometres in September.",
            "3.9",
            Some("Sea ice"),
        ),
        // Tech.
        (
            "The new phone has a screen of 6.7 inches.",
            "6.7",
            Some("new phone, screen"),
        ),
        (
            "The chip packs 20 billion transistors.",
            "20",
            Some("chip, transistors"),
        ),
        (
            "The app was downloaded 50 million times in its first month.",
            "50",
            Some("app"),
        ),
        ("The laptop weighs 1.3 kilograms.", "1.3", Some("laptop")),
        (
            "Streaming subscribers at the service grew to 260 million.",
            "260",
            Some("Streaming subscribers at the service"),
        ),
        (
            "The data centre will use 300 megawatts of power.",
            "300",
            Some("data centre, power"),
        ),
        // Politics and public money.
        (
            "The government will spend £2 billion on new rail lines.",
            "2",
            Some("government"),
        ),
        (
            "Turnout in the election was 67 percent.",
            "67",
            Some("Turnout in the election"),
        ),
        (
            "The city council approved a budget of $1.4 billion.",
            "1.4",
            Some("city council, budget"),
        ),
        (
            "The bill would raise the minimum wage to $15 an hour.",
            "15",
            Some("bill, minimum wage"),
        ),
        (
            "Exports to China fell by a fifth to $38 billion.",
            "38",
            Some("Exports to China"),
        ),
    ];

    #[test]
    fn own_sentences() {
        let mut wrong = Vec::new();
        for &(text, marker, phrase) in CASES {
            let claims = crate::extract(&crate::Document::new("t", text));
            let Some(claim) = claims.into_iter().find(|c| c.text.contains(marker)) else {
                wrong.push(format!("no claim {marker}: {text}"));
                continue;
            };
            let unit = (claim.unit.as_deref(), claim.unit_normalized.as_deref());
            let want = phrase
                .and_then(|p| super::super::keywords::key_words(p.to_string(), unit.0, unit.1));
            if claim.concept != want {
                wrong.push(format!("{text}\n   got {:?} want {want:?}", claim.concept));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {}:\n{}",
            wrong.len(),
            CASES.len(),
            wrong.join("\n")
        );
    }
}
