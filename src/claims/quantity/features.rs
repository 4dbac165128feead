//! What alignment needs of a whole count, read once: its unit, the event it counts,
//! the content stems of what it counts and of its sentence, its head noun and the
//! years it is about.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::{Arc, LazyLock};

use crate::claims::numbers::lex::lower;
use crate::claims::{Claim, Slot};
use crate::hash::{HashMap, HashSet};
use crate::segment::Sentence;

pub(crate) static EVENTS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| crate::wordlists::shipped("events.yaml"));

/// Words too generic to tell two counts apart. Hashed: every word of every sentence
/// with a whole count is looked up.
pub(crate) static GENERIC: LazyLock<HashSet<String>> = LazyLock::new(|| {
    crate::wordlists::shipped::<Vec<String>>("generic.yaml")
        .into_iter()
        .collect()
});

/// A kind of event a count can be of: one group of verbs in rules/words/events.yaml
/// ("kill", "die"), named by its place in that list. Two counts of different events
/// are different quantities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventClass(usize);

impl fmt::Display for EventClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A content stem, shared: the thread's memo of words ([`content_stem`]) holds each
/// stem once, and every set that has it holds the same string, not a copy (every word
/// of every sentence with a whole count is a stem of its context).
pub type Stem = Arc<str>;

/// A set of content stems, in the order of their text.
pub type Stems = BTreeSet<Stem>;

/// What alignment needs of one whole count, read once.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// The unit it is aligned on (an amount's canonical unit: miles and kilometres
    /// alike).
    pub unit: Option<String>,
    /// What an amount is of when its own subject is only a unit ("a speed of").
    pub measure: Option<String>,
    /// The status of what is counted ("critical", "missing", "destroyed"): counts are
    /// compared within their status, never against another status or the total.
    pub status: Option<String>,
    /// The event it counts.
    pub event: Option<EventClass>,
    /// Content stems of what it counts.
    pub stems: Stems,
    /// Content stems of the whole sentence.
    pub context: Stems,
    /// The head noun of what it counts.
    pub head: Option<String>,
    /// The years its sentence names (else the previous sentence's).
    pub years: BTreeSet<u32>,
}

/// Each verb of `EVENTS` with the first group that lists it: what [`event_class`]
/// looks up, instead of running through every group for every word.
static EVENT_OF_VERB: LazyLock<HashMap<&'static str, EventClass>> = LazyLock::new(|| {
    let mut out = HashMap::default();
    for (i, g) in EVENTS.iter().enumerate() {
        for v in g {
            out.entry(v.as_str()).or_insert(EventClass(i));
        }
    }
    out
});

/// The event class of a verb lemma, if it has one.
pub(crate) fn event_class(verb: &str) -> Option<EventClass> {
    EVENT_OF_VERB.get(&*lower(verb)).copied()
}

/// The event a claim counts: its verb's class, else a subject word's ("5 dead",
/// "6 wounded" have no verb but say what happened), else one of the two words right
/// after the number ("five killed and six injured").
pub(super) fn event_of(c: &Claim, text: &str) -> Option<EventClass> {
    // The words as written: `event_class` lower-cases each (as `to_lowercase` does),
    // so no list of lower-cased copies is made (every count of every breakdown and
    // every whole count comes here).
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
    }
    c.verb
        .as_deref()
        .and_then(event_class)
        .or_else(|| words(c.subject.as_deref()?).find_map(event_class))
        .or_else(|| {
            // The first 32 characters after the number, cut from the text.
            let rest = text.get(c.span.end..)?;
            let end = rest.char_indices().nth(32).map_or(rest.len(), |(k, _)| k);
            words(&rest[..end]).take(2).find_map(event_class)
        })
}

/// Content stems of a subject phrase (or of a whole sentence: its context).
pub(crate) fn stems(subject: &str) -> Stems {
    let words = subject
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty());
    // Room for the stems at once (a sentence has dozens of words, and a vector grown
    // from empty is copied at each doubling), and the memo borrowed once, not once per
    // word.
    let mut out: Vec<Stem> = Vec::with_capacity(subject.len() / 4 + 1);
    CONTENT.with(|memo| {
        let mut memo = memo.borrow_mut();
        if subject.is_ascii() {
            out.extend(ascii_words(subject).filter_map(|w| content_stem(&mut memo, w)));
        } else {
            out.extend(words.filter_map(|w| content_stem(&mut memo, w)));
        }
    });
    // A set made from a vector sorts the vector's own buffer.
    out.into_iter().collect()
}

/// The words [`stems`] reads in an ASCII text, the same pieces: runs of ASCII letters,
/// digits and hyphens, read byte by byte rather than decoded character by character
/// (every sentence with a whole count is read here).
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let in_word = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && !in_word(b[i]) {
            i += 1;
        }
        let start = i;
        while i < b.len() && in_word(b[i]) {
            i += 1;
        }
        (i > start).then(|| &text[start..i])
    })
}

/// Most words one thread remembers the content stem of (a story's vocabulary is far
/// smaller; the memo starts again when full).
const CONTENT_WORDS: usize = 1 << 16;

/// Each word as written, with its content stem (`None`: a generic word or digits).
type ContentMemo = HashMap<Box<str>, Option<Stem>>;

thread_local! {
    /// The words one thread has read ([`content_stem`]).
    static CONTENT: std::cell::RefCell<ContentMemo> = std::cell::RefCell::new(HashMap::default());
}

/// The content stem of one word as written: the stem of its lower case, unless that is
/// a generic word or all digits. Remembered per thread by the word itself: every word
/// of every sentence with a whole count comes here, and one look-up replaces the
/// lower-casing, the generic words' look-up and the stem's. `memo`: the thread's
/// [`CONTENT`], borrowed once by the caller for all the words of a phrase. A word met
/// before gives the remembered stem itself (a count of references raised), not a copy.
fn content_stem(memo: &mut ContentMemo, w: &str) -> Option<Stem> {
    if let Some(s) = memo.get(w) {
        return s.clone();
    }
    let low = lower(w);
    let s: Option<Stem> = (!GENERIC.contains(low.as_ref())
        && !low.chars().all(|c| c.is_ascii_digit()))
    .then(|| crate::wordlists::stem::stem(&low).into());
    if memo.len() >= CONTENT_WORDS {
        memo.clear();
    }
    memo.insert(w.into(), s.clone());
    s
}

/// Years (1800–2099) written in a piece of text: four ASCII digits standing alone
/// between bytes that are not ASCII letters or digits, not after ",", "." or "$".
/// Only the runs of ASCII letters and digits that hold a digit can be such, and most
/// of a sentence holds none: the next digit is looked for sixteen bytes at a time,
/// and only the run around it is read.
pub(super) fn years(text: &str) -> BTreeSet<u32> {
    let b = text.as_bytes();
    let mut out = BTreeSet::new();
    let mut from = 0;
    while let Some(d) = next_digit(b, from) {
        // The run of ASCII letters and digits that holds the digit. Its start is not
        // before `from`: the byte at `from` ends the run read last, or is the first.
        let start = b[..d]
            .iter()
            .rposition(|c| !c.is_ascii_alphanumeric())
            .map_or(0, |k| k + 1);
        let end = b[d..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(b.len(), |k| d + k);
        if end - start == 4 && b[start..end].iter().all(u8::is_ascii_digit) {
            let y: u32 = text[start..end].parse().unwrap_or(0);
            let after_sign = start > 0 && matches!(b[start - 1], b',' | b'.' | b'$');
            if (1800..2100).contains(&y) && !after_sign {
                out.insert(y);
            }
        }
        from = end;
    }
    out
}

/// The first ASCII digit of `b` at or after `from`. Sixteen bytes at a time are told
/// to hold none by one test that holds no branch (the compiler makes it a few vector
/// instructions), then the chunk that holds one is read byte by byte.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut k = from;
    while let Some(chunk) = b.get(k..k + 16) {
        let digits = chunk
            .iter()
            .fold(0u8, |a, &c| a | u8::from(c.wrapping_sub(b'0') < 10));
        if digits != 0 {
            break;
        }
        k += 16;
    }
    b.get(k..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| k + p)
}

/// What the features of every count of one sentence share: the sentence's content
/// stems and the years it is about. Read once for a sentence with several whole
/// counts (the stems of a whole sentence are most of a count's features).
#[derive(Clone)]
pub(super) struct SentenceFeatures {
    context: Stems,
    years: BTreeSet<u32>,
}

/// The [`SentenceFeatures`] of sentence `s` of the document `text` cut into `sentences`.
pub(super) fn sentence_features(s: usize, text: &str, sentences: &[Sentence]) -> SentenceFeatures {
    let mut ys = years(sentences[s].span.of(text));
    if ys.is_empty() && s > 0 {
        ys = years(sentences[s - 1].span.of(text));
    }
    SentenceFeatures {
        context: stems(sentences[s].span.of(text)),
        years: ys,
    }
}

/// The features of a whole count `c` of the document `text` cut into `sentences`.
#[cfg(test)]
pub(super) fn features(c: &Claim, text: &str, sentences: &[Sentence]) -> Features {
    features_with(
        c,
        text,
        sentences,
        sentence_features(c.sentence, text, sentences),
    )
}

/// [`features`] given the [`SentenceFeatures`] of the count's sentence.
pub(super) fn features_with(
    c: &Claim,
    text: &str,
    sentences: &[Sentence],
    shared: SentenceFeatures,
) -> Features {
    // Amounts are aligned on their canonical unit (miles and kilometres alike).
    let unit = if c.fact.slot == Slot::Amount {
        c.fact.unit.clone()
    } else {
        c.unit.clone()
    };
    // An amount's subject is what it measures ("of fuel"), never its unit word alone:
    // two distances share "kilometres" and nothing else.
    let mut measure = None;
    let (status, subject) = if c.fact.slot == Slot::Amount {
        let mut own: Stems = c.subject.as_deref().map(stems).unwrap_or_default();
        let unit_stems: Stems = c
            .unit
            .iter()
            .chain(&c.fact.unit)
            .flat_map(|u| stems(u))
            .collect();
        own.retain(|s| !unit_stems.contains(s) && !crate::claims::fact::is_unit_word(s));
        own.extend(c.fact.key.as_deref().map(stems).unwrap_or_default());
        if own.is_empty() {
            let start = sentences[c.sentence].span.start;
            measure = measure_noun(&text[start..c.span.start.max(start)]);
            own.extend(measure.as_deref().map(stems).unwrap_or_default());
        }
        (None, own)
    } else {
        (
            c.fact.key.clone(),
            c.subject.as_deref().map(stems).unwrap_or_default(),
        )
    };
    Features {
        unit,
        status,
        event: event_of(c, text),
        context: shared.context,
        stems: subject,
        measure,
        head: c.subject_head.clone(),
        years: shared.years,
    }
}

/// Nouns that name what an amount measures in "a speed of 130 km/h", "a depth of 10
/// metres". Grammar of measurement rather than vocabulary of a subject: a noun such as
/// "distance", "total" or "magnitude" is left out, since two of them in one story are
/// often different quantities (distances to two places, two earthquakes).
const MEASURE_NOUNS: &[&str] = &[
    "speed",
    "speeds",
    "depth",
    "height",
    "altitude",
    "elevation",
    "length",
    "width",
    "area",
    "weight",
    "temperature",
    "price",
    "cost",
    "duration",
    "capacity",
    "volume",
];

/// The measure noun just before "of" at the end of `before` (the sentence up to an
/// amount): "reached a speed of" gives "speed".
pub(super) fn measure_noun(before: &str) -> Option<String> {
    let rest = before.trim_end().strip_suffix("of")?;
    if rest.ends_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    let noun = rest
        .trim_end()
        .rsplit(|ch: char| !ch.is_alphabetic())
        .next()?
        .to_lowercase();
    MEASURE_NOUNS.contains(&noun.as_str()).then_some(noun)
}
