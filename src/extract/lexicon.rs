//! Word lists looked up in constant time: the rule families test every word of a sentence
//! against them, so a linear scan of a slice would dominate extraction.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A fixed set of lower-case words, indexed by shape on first use, with a bitmap of the
/// (length, first byte, last byte) triples that occur among them, built at compile time: most
/// words looked up are in no list, and one bit test turns them away before any look-up.
pub struct WordSet {
    words: &'static [&'static str],
    shapes: [u64; 16],
    index: OnceLock<ByShape<()>>,
}

/// The number of shapes.
const SHAPES: usize = 1024;

/// A word's shape: a mix of its length, first and last byte, below [`SHAPES`].
const fn shape(w: &str) -> usize {
    let b = w.as_bytes();
    // One test of the length: a one-byte word's first byte is its last.
    match b {
        [] => shape_of(0, 0, 0),
        [first, ..] => shape_of(b.len(), *first, b[b.len() - 1]),
    }
}

/// The shape of a word of `len` bytes from its first and last byte: a lower-case word's first
/// and last letters give five bits each, one to one, and its length moves them about. It is
/// worked out for most words the rules look up, in a few shifts and one multiplication.
const fn shape_of(len: usize, first: u8, last: u8) -> usize {
    (((first as usize) << 5) ^ last as usize ^ (len * 0x9E37)) & (SHAPES - 1)
}

/// The shape of `w` in ASCII lower case, without a lower-cased copy.
fn lower_shape(w: &str) -> usize {
    match w.as_bytes() {
        [] => shape_of(0, 0, 0),
        b @ [first, ..] => shape_of(
            b.len(),
            first.to_ascii_lowercase(),
            b[b.len() - 1].to_ascii_lowercase(),
        ),
    }
}

/// A table keyed by word (Fx-hashed: the keys are ours), with a bitmap of the keys' shapes (see
/// [`shape`]): most words looked up (those beside a number, for units and bounds) key nothing,
/// and one bit test turns them away before the hash lookup.
pub struct Keyed<V> {
    shapes: [u64; SHAPES / 64],
    map: FxHashMap<&'static str, V>,
}

impl<V> Keyed<V> {
    pub fn new(map: FxHashMap<&'static str, V>) -> Self {
        let mut shapes = [0; SHAPES / 64];
        for key in map.keys() {
            let s = shape(key);
            shapes[s / 64] |= 1 << (s % 64);
        }
        Keyed { shapes, map }
    }

    /// The value keyed by `word`.
    #[inline]
    pub fn get(&self, word: &str) -> Option<&V> {
        let s = shape(word);
        if self.shapes[s / 64] >> (s % 64) & 1 == 0 {
            return None;
        }
        self.map.get(word)
    }
}

/// Words grouped by [`shape`], each with a value: a look-up hashes nothing and compares the word
/// with the few words of its shape (rarely more than one).
struct ByShape<V> {
    /// The words of shape `s` are `entries[starts[s]..starts[s + 1]]`.
    starts: Vec<u16>,
    entries: Vec<(&'static str, V)>,
}

impl<V: Copy> ByShape<V> {
    fn new(mut entries: Vec<(&'static str, V)>) -> Self {
        entries.sort_by_key(|&(w, _)| shape(w));
        let mut starts = vec![0u16; SHAPES + 1];
        for &(w, _) in &entries {
            starts[shape(w) + 1] += 1;
        }
        for s in 0..SHAPES {
            starts[s + 1] += starts[s];
        }
        ByShape { starts, entries }
    }

    /// The value of `word`, of shape `s` (see [`shape`]), if it is one of the words: the
    /// caller has worked out the shape for its bitmap.
    #[inline]
    fn get(&self, word: &str, s: usize) -> Option<V> {
        // Compared byte by byte: the words are short, and a memcmp call costs more.
        self.of_shape(s)
            .iter()
            .find(|&&(w, _)| w.len() == word.len() && w.bytes().eq(word.bytes()))
            .map(|&(_, v)| v)
    }

    /// The words of shape `s`.
    #[inline]
    fn of_shape(&self, s: usize) -> &[(&'static str, V)] {
        &self.entries[usize::from(self.starts[s])..usize::from(self.starts[s + 1])]
    }
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> Self {
        let mut shapes = [0; 16];
        let mut k = 0;
        while k < words.len() {
            let bit = shape(words[k]);
            shapes[bit / 64] |= 1 << (bit % 64);
            k += 1;
        }
        WordSet {
            words,
            shapes,
            index: OnceLock::new(),
        }
    }

    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Inlined into the callers: the shape test alone turns most words away, and a call would
    /// cost about as much as the test.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let bit = shape(word);
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0 && self.holds(word, bit)
    }

    /// Whether `word` in ASCII lower case is one of the words (which are lower case), without
    /// a lower-cased copy: "Today", "TODAY".
    pub fn contains_ignoring_ascii_case(&self, word: &str) -> bool {
        let bit = lower_shape(word);
        self.shapes[bit / 64] & (1 << (bit % 64)) != 0
            && self
                .by_shape()
                .of_shape(bit)
                .iter()
                .any(|&(w, _)| w.eq_ignore_ascii_case(word))
    }

    /// The look-up by shape, kept out of line so that `contains` inlines small.
    #[inline(never)]
    fn holds(&self, word: &str, bit: usize) -> bool {
        self.by_shape().get(word, bit).is_some()
    }

    fn by_shape(&self) -> &ByShape<()> {
        self.index
            .get_or_init(|| ByShape::new(self.words.iter().map(|&w| (w, ())).collect()))
    }
}

/// Word classes as bits: which of the rule families' word lists a word is in.
pub mod class {
    /// `concept::is_stopword`.
    pub const STOPWORD: u16 = 1;
    /// Verbs: the concept rules' verb list, change verbs and verbs of saying.
    pub const VERB: u16 = 1 << 1;
    /// `attribution::is_say_verb`.
    pub const SAY: u16 = 1 << 2;
    /// `concept::LINKING`: linking verbs and verbs that state a level.
    pub const LINKING: u16 = 1 << 3;
    /// `concept::DETERMINERS`: articles, demonstratives and possessive pronouns.
    pub const DETERMINER: u16 = 1 << 4;
    /// Words that end a backward scan for a subject (`concept::clause_break`, bar "that").
    pub const CLAUSE: u16 = 1 << 5;
    /// `concept::RELATIVES`: "which", "that", "who".
    pub const RELATIVE: u16 = 1 << 6;
    /// `concept::PRONOUNS`: personal pronouns that can be a clause's subject.
    pub const PRONOUN: u16 = 1 << 7;
    /// The role rules' lists (see [`super::TURNS`] and the lists after it): they are read for
    /// every word of each figure's clause, and a sentence of several figures reads its words
    /// again for each.
    pub const TURN: u16 = 1 << 8;
    pub const FORESEE: u16 = 1 << 9;
    pub const INTENT: u16 = 1 << 10;
    pub const MODAL: u16 = 1 << 11;
    pub const CAPTURE: u16 = 1 << 12;
    pub const SUBSET: u16 = 1 << 13;
    pub const EVENT: u16 = 1 << 14;
}

/// Word sets and the class bits each gives its words, indexed together on first use: one
/// lookup answers for every set (the rules ask several of them about each word).
pub struct WordClasses {
    sets: &'static [(&'static WordSet, u16)],
    /// The union of the sets' shape bitmaps: most words are turned away without a look-up.
    shapes: [u64; 16],
    index: OnceLock<ByShape<u16>>,
}

impl WordClasses {
    pub const fn new(sets: &'static [(&'static WordSet, u16)]) -> Self {
        let mut shapes = [0; 16];
        let mut k = 0;
        while k < sets.len() {
            let mut s = 0;
            while s < shapes.len() {
                shapes[s] |= sets[k].0.shapes[s];
                s += 1;
            }
            k += 1;
        }
        WordClasses {
            sets,
            shapes,
            index: OnceLock::new(),
        }
    }

    /// The classes of `word` (0: in no set).
    #[inline]
    pub fn of(&self, word: &str) -> u16 {
        let bit = shape(word);
        if self.shapes[bit / 64] & (1 << (bit % 64)) == 0 {
            return 0;
        }
        self.look_up(word, bit)
    }

    /// The look-up by shape, kept out of line so that `of` inlines small.
    #[inline(never)]
    fn look_up(&self, word: &str, bit: usize) -> u16 {
        let index = self.index.get_or_init(|| {
            let mut index = FxHashMap::default();
            for (set, bits) in self.sets {
                for w in set.words() {
                    *index.entry(*w).or_insert(0) |= bits;
                }
            }
            ByShape::new(index.into_iter().collect())
        });
        index.get(word, bit).unwrap_or(0)
    }
}

// ---------------------------------------------------------------- the word lists
// The rule families' shared word lists, kept here with the classes they give, so that the
// rules depend on the lexicon and never the other way.

pub(super) static STOPWORDS: WordSet = WordSet::new(&[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "must",
    "do",
    "does",
    "did",
    "that",
    "this",
    "these",
    "those",
    "which",
    "who",
    "whom",
    "whose",
    "what",
    "it",
    "its",
    "their",
    "his",
    "her",
    "our",
    "your",
    "my",
    "they",
    "them",
    "he",
    "she",
    "we",
    "you",
    "i",
    "there",
    "than",
    "then",
    "so",
    "if",
    "while",
    "when",
    "where",
    "after",
    "before",
    "since",
    "until",
    "into",
    "over",
    "under",
    "about",
    "around",
    "more",
    "less",
    "fewer",
    "up",
    "down",
    "out",
    "per",
    "each",
    "every",
    "all",
    "some",
    "any",
    "no",
    "not",
    "only",
    "just",
    "also",
    "very",
    "such",
    "between",
    "among",
    "against",
    "during",
    "through",
    "across",
    "within",
    "without",
    "whether",
    "because",
    "though",
    "although",
    "nearly",
    "almost",
    "roughly",
    "approximately",
    "least",
    "most",
    "said",
    "says",
    "say",
    "like",
    "including",
    "both",
    "either",
    "neither",
    "other",
    "another",
    "same",
    "own",
    "here",
    "now",
    "yet",
    "still",
    "even",
    "again",
    "ago",
    "via",
    "versus",
    "vs",
    "toward",
    "towards",
    "upon",
    "onto",
    "off",
    "above",
    "below",
    "near",
    "beyond",
    "plus",
    "minus",
    "whereas",
    "unless",
    "amid",
    "despite",
    "s",
    "whilst",
    "last",
    "next",
    "previous",
    "past",
    "first",
    "second",
    "later",
    "earlier",
    "ago",
    "today",
    "yesterday",
    "tomorrow",
    "having",
    "whichever",
    "whatever",
    "whoever",
    "itself",
    "themselves",
]);

/// Verbs that often follow a counted noun and end its phrase ("troops arrived", "people live").
pub(super) static VERBS: WordSet = WordSet::new(&[
    "is",
    "are",
    "was",
    "were",
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "should",
    "say",
    "says",
    "said",
    "remain",
    "remains",
    "live",
    "lives",
    "work",
    "works",
    "face",
    "faces",
    "need",
    "needs",
    "want",
    "wants",
    "include",
    "includes",
    "go",
    "goes",
    "went",
    "come",
    "comes",
    "came",
    "left",
    "fled",
    "die",
    "died",
    "lost",
    "made",
    "make",
    "took",
    "take",
    "got",
    "get",
    "became",
    "become",
    "rose",
    "fell",
    "reached",
    "hit",
    "cost",
    "costs",
    "showed",
    "show",
    "shows",
    "do",
    "does",
    "did",
    "stand",
    "stands",
    "stood",
    "remained",
    "arrived",
    "moved",
    "joined",
    "returned",
    "crossed",
    "left",
    "received",
    "receive",
    "received",
    "saw",
    "see",
    "sees",
    "seen",
    "help",
    "helped",
    "according",
    "enrolled",
    "studying",
    "waiting",
    "living",
    "working",
    "fighting",
    "serving",
    "deployed",
    "based",
    "stationed",
    "reported",
    // Irregular past tenses, which no "-ed" rule finds ("Arnold bought a notebook for ...").
    "bought",
    "paid",
    "spent",
    "found",
    "gave",
    "kept",
    "built",
    "brought",
    "sent",
    "sold",
    "began",
    "lent",
    "chose",
    "wrote",
    "drove",
    "ran",
    "shot",
    "threw",
    "thrown",
    "grew",
    "grown",
    "won",
    "struck",
    "fought",
    "led",
    "met",
    "drew",
    "drawn",
    "flew",
    "flown",
    "stole",
    "broke",
    "broken",
    "dealt",
    "felt",
    "knew",
    "known",
    "meant",
    "overtook",
    "sought",
    "shook",
    "shrank",
    "shrunk",
    "slid",
    "sped",
    "swept",
    "taught",
    "thought",
    "tore",
    "withdrew",
    "withdrawn",
    "wore",
    "forgot",
    // More of them, and participles never used before a noun: "the jobless rate held at", "the
    // chipmaker, which undertook", "the team rode". Forms that are also nouns ("cut", "set",
    // "bit", "shot", "forecast") or prenominal adjectives ("frozen", "given") are left out.
    "held",
    "withheld",
    "upheld",
    "beheld",
    "froze",
    "hid",
    "blew",
    "dug",
    "flung",
    "forbade",
    "forgave",
    "hung",
    "mistook",
    "overcame",
    "oversaw",
    "overseen",
    "rang",
    "rode",
    "sang",
    "spoke",
    "sprang",
    "stuck",
    "stung",
    "strove",
    "swore",
    "swam",
    "swung",
    "understood",
    "undertook",
    "undertaken",
    "underwent",
    "undergone",
    "woke",
    "begun",
    "caught",
    "clung",
    "crept",
    "drank",
    "ate",
    "knelt",
    "laid",
    "slept",
    "strode",
    "wept",
    "wove",
    "arose",
    "arisen",
    "befell",
    "bred",
    "dwelt",
    "misled",
    "outgrew",
    "outran",
    "outsold",
    "overran",
    "overrode",
    "overthrew",
    "overpaid",
    "rebuilt",
    "redid",
    "remade",
    "repaid",
    "resold",
    "retook",
    "rewrote",
    "spun",
    "strung",
    "undersold",
    "underwrote",
    "unwound",
    "taken",
    "overshot",
    "undershot",
]);

/// Linking verbs and verbs that state a level ("stood at", "reached").
pub(super) static LINKING: WordSet = WordSet::new(&[
    "is",
    "was",
    "are",
    "were",
    "be",
    "stands",
    "stood",
    "totalled",
    "totaled",
    "totals",
    "reached",
    "reaches",
    "hit",
    "hits",
    "cost",
    "costs",
    "measure",
    "measures",
    "measured",
    "spin",
    "spins",
    "generates",
    "generated",
    "produced",
    "has",
    "had",
    "have",
    "offered",
    "offers",
    "delivered",
    "sold",
    "raised",
    "needs",
    "need",
    "seen",
    "estimated",
    "accounting",
    "accounts",
    "accounted",
    "represents",
    "represent",
    "amounted",
    "amounts",
    "peaked",
    "averaging",
]);

/// Articles, demonstratives and possessive pronouns: the word after one starts a noun phrase.
pub(super) static DETERMINERS: WordSet = WordSet::new(&[
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these",
    "those",
]);

/// Words that end a backward scan for the subject of a figure (and "that", unless it is a
/// demonstrative).
pub(super) static CLAUSE_WORDS: WordSet = WordSet::new(&[
    ",", ";", ":", "(", ")", "\u{2014}", "\u{2013}", "which", "while", "whereas", "but", "after",
    "when", "as", "if", "because", "although", "though", "\"", "\u{201C}", "\u{201D}",
]);

/// Relative pronouns and "that": they open a clause the backward scan for a subject stops at.
pub(super) static RELATIVES: WordSet = WordSet::new(&["which", "that", "who"]);

/// Personal pronouns: one before the verb found is its subject, and the clause ends there.
pub(super) static PRONOUNS: WordSet = WordSet::new(&["they", "we", "he", "she", "i", "you"]);

/// Verbs of a rise.
pub(super) static UP: WordSet = WordSet::new(&[
    "rose",
    "rise",
    "rises",
    "rising",
    "risen",
    "increased",
    "increase",
    "increases",
    "increasing",
    "jumped",
    "jump",
    "jumps",
    "jumping",
    "climbed",
    "climb",
    "climbs",
    "climbing",
    "grew",
    "grow",
    "grows",
    "growing",
    "grown",
    "gained",
    "gains",
    "gaining",
    "added",
    "soared",
    "soar",
    "soars",
    "surged",
    "surge",
    "surges",
    "rallied",
    "advanced",
    "advancing",
    "advances",
    "soaring",
    "surging",
    "expanded",
    "boosted",
    "raised",
    "hiked",
    "swelled",
    "spiked",
    "leapt",
    "leaped",
    "up",
    "higher",
    "widened",
    "doubled",
    "tripled",
    "accelerated",
    "edged",
    // Markets and currencies: "the euro firmed 0.3%", "the yen strengthened 1%".
    "strengthened",
    "firmed",
    "appreciated",
    "rebounded",
    "recovered",
    "skyrocketed",
    "rocketed",
    "quadrupled",
]);

/// Verbs of a fall.
pub(super) static DOWN: WordSet = WordSet::new(&[
    "fell",
    "fall",
    "falls",
    "falling",
    "fallen",
    "dropped",
    "drop",
    "drops",
    "dropping",
    "declined",
    "decline",
    "declines",
    "declining",
    "decreased",
    "decrease",
    "decreases",
    "decreasing",
    "slid",
    "slide",
    "slides",
    "slipped",
    "slumped",
    "plunged",
    "plummeted",
    "tumbled",
    "lost",
    "loses",
    "lose",
    "losing",
    "shed",
    "sank",
    "sunk",
    "cut",
    "cuts",
    "reduced",
    "lowered",
    "down",
    "lower",
    "eased",
    "easing",
    "dipped",
    "slipping",
    "sliding",
    "contracted",
    "shrank",
    "shrunk",
    "narrowed",
    "halved",
    "retreated",
    "loses",
    // Markets, currencies and budgets: "the rupee weakened 1.5%", "slashed by a third".
    "weakened",
    "softened",
    "depreciated",
    "trimmed",
    "slashed",
    "sagged",
    "skidded",
    "tanked",
    "slowed",
    "decelerated",
    "plunges",
    "tumbles",
    "slumps",
]);

/// Verbs of saying and reporting that follow (or precede) a source.
pub(super) static SAY_VERBS: WordSet = WordSet::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "estimated",
    "estimates",
    "estimate",
    "reported",
    "reports",
    "announced",
    "announces",
    "unveiled",
    "unveils",
    "confirmed",
    "confirms",
    "warned",
    "warns",
    "added",
    "noted",
    "notes",
    "cited",
    "cites",
    "claimed",
    "claims",
    "stated",
    "states",
    "revealed",
    "reveal",
    "reveals",
    "showed",
    "show",
    "shows",
    "wrote",
    "writes",
    "publish",
    "publishes",
    "published",
    "believes",
    "believed",
    "predicted",
    "predicts",
    "projected",
    "projects",
    "counted",
    "counts",
    "recorded",
    "records",
    "registered",
    "registers",
    "tallied",
    "tallies",
    "assessed",
    "assesses",
    "indicated",
    "indicates",
    "suggested",
    "suggests",
    "found",
    "finds",
    "put",
    "puts",
    "explained",
    "stressed",
    "insisted",
    "argued",
    "acknowledged",
    "admitted",
    "disclosed",
]);

// ---- the role rules' lists (`role`)

pub(super) static TURNS: WordSet = WordSet::new(&[
    "but", "while", "whereas", "although", "though", "because", "yet",
]);

/// People who forecast, named by the poll that asked them.
pub(super) static POLLED_GROUPS: WordSet = WordSet::new(&[
    "economists",
    "analysts",
    "forecasters",
    "strategists",
    "traders",
    "experts",
    "investors",
]);

/// Words of expecting and forecasting, which make the figure they govern a forecast wherever
/// they stand in its clause ("economists had expected 3.1%", "the IMF forecast 2.9% growth").
pub(super) static FORESEE: WordSet = WordSet::new(&[
    "expect",
    "expects",
    "expected",
    "expecting",
    "expectation",
    "expectations",
    "forecast",
    "forecasts",
    "forecasted",
    "forecasting",
    "projected",
    "projecting",
    "projection",
    "projections",
    "predict",
    "predicts",
    "predicted",
    "predicting",
    "prediction",
    "predictions",
    "anticipate",
    "anticipates",
    "anticipated",
    "anticipating",
    "target",
    "targets",
    "goal",
    "consensus",
    "outlook",
]);

/// Words of intent, which make a figure a target when they reach for it: "plans to send",
/// "aims for 3%", "wants 10,000 more" (not "no hope for the 300 missing": see `role::intends`).
pub(super) static INTENT: WordSet = WordSet::new(&[
    "plan",
    "plans",
    "planned",
    "planning",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "intend",
    "intends",
    "intended",
    "intending",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "seek",
    "seeks",
    "seeking",
    "sought",
    "want",
    "wants",
    "wanted",
    "likely",
    "poised",
    "set",
    "due",
    "track",
    "course",
]);

/// Modal verbs: "will send", "could climb", "may reach" (not "may have killed", an estimate of
/// what happened).
pub(super) static MODALS: WordSet = WordSet::new(&[
    "will", "would", "could", "might", "may", "should", "shall", "must",
]);

/// Taking prisoners: those taken are a few of a force, never its size ("captured two soldiers",
/// "300 were taken prisoner").
pub(super) static CAPTURE: WordSet =
    WordSet::new(&["capture", "captures", "captured", "capturing", "prisoner"]);

/// Words that single out a part of a figure: "including 1,200 children".
pub(super) static SUBSET: WordSet = WordSet::new(&["including", "includes", "included", "include"]);

/// Single events within a running story: a figure from one of them is not the running figure
/// ("100 killed in one strike", "a raid that killed 12"). Plural nouns ("killed in attacks") are
/// a running count, and a war, an earthquake or a fire is the story itself.
pub(super) static EVENTS: WordSet = WordSet::new(&[
    "strike",
    "airstrike",
    "attack",
    "raid",
    "bombing",
    "blast",
    "explosion",
    "ambush",
    "shooting",
    "incident",
    "crash",
    "collision",
    "stampede",
]);

/// The classes of the [`class`] bits, from the rule families' word lists.
pub static CLASSES: WordClasses = WordClasses::new(&[
    (&STOPWORDS, class::STOPWORD),
    (&VERBS, class::VERB),
    (&UP, class::VERB),
    (&DOWN, class::VERB),
    (&SAY_VERBS, class::VERB | class::SAY),
    (&LINKING, class::LINKING),
    (&DETERMINERS, class::DETERMINER),
    (&CLAUSE_WORDS, class::CLAUSE),
    (&RELATIVES, class::RELATIVE),
    (&PRONOUNS, class::PRONOUN),
    (&TURNS, class::TURN),
    (&FORESEE, class::FORESEE),
    (&INTENT, class::INTENT),
    (&MODALS, class::MODAL),
    (&CAPTURE, class::CAPTURE),
    (&SUBSET, class::SUBSET),
    (&EVENTS, class::EVENT),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_listed_words_only() {
        static SET: WordSet = WordSet::new(&["said", "told"]);
        assert!(SET.contains("said"));
        assert!(!SET.contains("Said"));
        assert!(!SET.contains("say"));
        assert!(!SET.contains(""));
        static ODD: WordSet = WordSet::new(&[
            "",
            "é",
            "a-very-long-word-that-is-longer-than-sixty-three-bytes-in-all-x",
        ]);
        assert!(ODD.contains(""));
        assert!(ODD.contains("é"));
        assert!(ODD.contains("a-very-long-word-that-is-longer-than-sixty-three-bytes-in-all-x"));
        assert!(!ODD.contains("a"));
        // One length, first and last byte: one shape, told apart by the bytes between.
        static SAME_SHAPE: WordSet = WordSet::new(&["said", "seed"]);
        assert!(SAME_SHAPE.contains("said"));
        assert!(SAME_SHAPE.contains("seed"));
        assert!(!SAME_SHAPE.contains("sand"));
        assert!(!SAME_SHAPE.contains("sd"));
    }

    #[test]
    fn finds_words_in_any_ascii_case() {
        static SET: WordSet = WordSet::new(&["said", "seed", "é", "x"]);
        for (word, found) in [
            ("said", true),
            ("SAID", true),
            ("SeeD", true),
            ("sand", false),
            ("saidd", false),
            ("É", false),
            ("é", true),
            ("X", true),
            ("", false),
        ] {
            assert_eq!(SET.contains_ignoring_ascii_case(word), found, "{word}");
        }
    }

    #[test]
    fn classes_merge_the_bits_of_every_set() {
        static A: WordSet = WordSet::new(&["said", "told"]);
        static B: WordSet = WordSet::new(&["said", "seed"]);
        static BOTH: WordClasses = WordClasses::new(&[(&A, 1), (&B, 2)]);
        let cases = [("said", 3), ("told", 1), ("seed", 2), ("sand", 0), ("", 0)];
        for (word, bits) in cases {
            assert_eq!(BOTH.of(word), bits, "{word}");
        }
    }
}
