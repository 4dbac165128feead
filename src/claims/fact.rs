//! Typed facts: what a number states, as a slot with a value in canonical units.
//!
//! The number reader says how a phrase is written ("about 1:15 a.m.", "19 Elm St.",
//! "aged 21 to 36", "5,000 gallons"); this stage says what it is a value of — a slot —
//! and turns the value into an interval in the slot's canonical unit (minutes after
//! midnight, years of age, litres, metres…), with the time the source speaks of (its
//! own date, the day named in the sentence, an "initially"/"since" revision marker).
//! Comparison then works per slot: two facts are compared only when their slots, and
//! the slot's key (the street of an address, the phase of an event a time belongs to,
//! the status of a count), agree.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Serialize;

use super::numbers::lex::{Tok, TokKind};
use super::numbers::{NumberKind, Qualifier, Value};

pub use crate::vocab::Slot;
// The weekdays are shared vocabulary (mention detection reads them too).
pub(crate) use crate::wordlists::calendar::weekday_index;

/// Which moment of an event a time of day marks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// The first shots, the first call, when something began or broke out.
    Start,
    /// When it stopped or ended, the suspect down.
    End,
}

/// A revision marker: the figure is a first report, or what it stands at since.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Revision {
    /// "initially", "in initial reports", "at first", "first reported".
    Initial,
    /// "has since", "now stands at", "revised", "updated".
    Current,
}

/// The time a fact speaks of.
#[derive(Debug, Clone, PartialEq, Default, Serialize, schemars::JsonSchema)]
pub struct AsOf {
    /// The source's own date (front matter `date`, a JSONL date field), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_date: Option<String>,
    /// The weekday the sentence puts the fact on (0 = Monday), from a weekday word or
    /// "yesterday"/"today" resolved against the source date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekday: Option<u8>,
    /// Whether the sentence marks the figure as a first report or a revision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<Revision>,
}

/// A typed fact: slot, canonical value, and what comparison keys on.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Fact {
    /// What the number is (count, amount, time of day, age, …).
    pub slot: Slot,
    /// The value as an interval in the slot's canonical unit; `None` is an open side.
    pub value: Value,
    /// The canonical unit ("min", "years", "m", "l", "USD", "people").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What else must agree for two facts of the slot to be the same quantity: the
    /// street of an address number, the sex of an age's group, a count's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// For a time of day, the moment of the event it marks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// For a time of day, hours ahead of UTC when a zone is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_offset: Option<f64>,
    /// An age range of a group ("six men aged 21 to 36"), not one person's age.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub group: bool,
    /// When the fact holds: the source's date, a weekday, a revision marker.
    pub as_of: AsOf,
}

/// One entry of rules/words/units.yaml.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitDef {
    to: String,
    factor: f64,
    #[serde(default)]
    offset: f64,
}

pub(crate) static UNITS: LazyLock<BTreeMap<String, UnitDef>> =
    LazyLock::new(|| crate::wordlists::shipped("units.yaml"));

pub(crate) static ZONES: LazyLock<BTreeMap<String, f64>> =
    LazyLock::new(|| crate::wordlists::shipped("time_zones.yaml"));

/// Street-type words after a house number, with the form they are compared under.
fn street_type(w: &str) -> Option<&'static str> {
    Some(match w.trim_end_matches('.') {
        "street" | "st" => "st",
        "avenue" | "ave" | "av" => "ave",
        "road" | "rd" => "rd",
        "boulevard" | "blvd" => "blvd",
        "lane" | "ln" => "ln",
        "drive" | "dr" => "dr",
        "place" | "pl" => "pl",
        "court" | "ct" => "ct",
        "way" => "way",
        "terrace" => "ter",
        "parkway" | "pkwy" => "pkwy",
        "highway" | "hwy" => "hwy",
        _ => return None,
    })
}

/// Words for the sex of a person or group an age is given for.
fn sex(w: &str) -> Option<&'static str> {
    Some(match w {
        "man" | "men" | "male" | "males" | "boy" | "boys" | "gentleman" => "male",
        "woman" | "women" | "female" | "females" | "girl" | "girls" | "lady" => "female",
        _ => return None,
    })
}

/// Status words of a count or a group: what state the counted are in.
pub fn status(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "dead" | "died" | "deceased" | "fatalities" | "deaths" => "dead",
        "wounded" | "injured" | "hurt" | "shot" | "injuries" => "injured",
        "hospitalized" | "hospitalised" | "hospital" => "hospitalized",
        "critical" => "critical",
        "released" | "discharged" => "released",
        "missing" => "missing",
        "evacuated" => "evacuated",
        "shelters" | "sheltered" => "sheltered",
        "destroyed" => "destroyed",
        "damaged" => "damaged",
        "arrested" | "detained" => "arrested",
        _ => return None,
    })
}

/// A status narrower than the event's outcome (critical, missing, evacuated…): the
/// counts in it are a category of their own, compared only with each other.
pub fn is_specific_status(key: &str) -> bool {
    !matches!(key, "dead" | "injured" | "arrested")
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// What the sentence says about the time it speaks of, once per sentence.
#[derive(Debug, Clone, Default)]
pub struct SentenceTime {
    /// The weekday the sentence names (0 = Monday), if any.
    pub weekday: Option<u8>,
    /// A first-report or revision marker in the sentence, if any.
    pub revision: Option<Revision>,
}

/// Revision markers: a first report, or the figure since.
const INITIAL: &[&str] = &[
    "initially",
    "initial report",
    "initial reports",
    "first reported",
    "earlier reports",
    "originally reported",
    "originally said",
];
const CURRENT: &[&str] = &[
    "has since",
    "have since",
    "had since",
    "now stands",
    "revised",
    "updated",
    "raised the",
    "lowered the",
];

/// The revision phrases, first reports first, in one automaton: one pass over a
/// sentence finds every phrase it holds.
static REVISIONS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(INITIAL.iter().chain(CURRENT))
        .expect("revision phrases build (tested)")
});

/// The same phrases for a yes-or-no search: a leftmost search runs the automaton's
/// vectorised prefilter, which an overlapping search cannot, and whether some phrase
/// occurs does not depend on how matches are chosen.
static ANY_REVISION: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(INITIAL.iter().chain(CURRENT))
        .expect("revision phrases build (tested)")
});

/// Whether `lower[start..end]` stands as whole words: no letter or digit touches it.
pub(crate) fn whole_words(lower: &str, start: usize, end: usize) -> bool {
    let before = lower[..start].chars().next_back();
    let after = lower[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The revision marker of a lower-cased sentence: a first report if it holds a phrase
/// of [`INITIAL`] as whole words, else a revision if it holds one of [`CURRENT`].
/// Every occurrence of every phrase is looked at (overlapping ones too): no phrase
/// overlaps itself (tested), so these are the occurrences a search per phrase finds.
fn revision_in(lower: &str) -> Option<Revision> {
    // Most sentences hold no phrase at all: one search with the automaton's
    // prefilter says so, before the walk over every overlapping occurrence.
    if !ANY_REVISION.is_match(lower) {
        return None;
    }
    let mut current = false;
    for m in REVISIONS.find_overlapping_iter(lower) {
        if whole_words(lower, m.start(), m.end()) {
            if m.pattern().as_usize() < INITIAL.len() {
                return Some(Revision::Initial);
            }
            current = true;
        }
    }
    current.then_some(Revision::Current)
}

/// The words of a lower-cased sentence, dots trimmed: each as `to_lowercase` of it
/// would be, since lower-casing lower-cased text changes nothing (tested).
fn lower_words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
}

/// The weekday (0 = Monday) of an ISO date "YYYY-MM-DD…", by days since the epoch.
pub fn weekday_of(date: &str) -> Option<u8> {
    let mut it = date.get(..10)?.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    // 1970-01-01 was a Thursday (3).
    Some(((days + 3).rem_euclid(7)) as u8)
}

/// `w.trim_end_matches("'s")` without its general searcher: every word of every
/// sentence with a number goes through it.
fn trim_possessives(mut w: &str) -> &str {
    while let Some(rest) = w.strip_suffix("'s") {
        w = rest;
    }
    w
}

/// The day and revision a sentence speaks of.
pub fn sentence_time(text: &str, source_date: Option<&str>) -> SentenceTime {
    let own = source_date.and_then(weekday_of);
    let lower = text.to_lowercase();
    if lower.is_ascii() {
        return SentenceTime {
            weekday: weekday_ascii(&lower, own),
            revision: revision_in(&lower),
        };
    }
    // Every word that names a day holds "day" (the weekdays, "yesterday", "today") or
    // is "tonight": a sentence without either, as most are, is not cut into words.
    let names_a_day = lower.contains("day") || lower.contains("tonight");
    let weekday = lower_words(&lower)
        .take_while(|_| names_a_day)
        .find_map(|w| day_named(w, own));
    SentenceTime {
        weekday,
        revision: revision_in(&lower),
    }
}

/// [`sentence_time`], given `ascii_lower`: `text` with its ASCII letters lower-cased
/// (`str::to_ascii_lowercase`), which a caller has made for the sentence's tokens. An
/// ASCII sentence's lower case is that: it is not lower-cased again.
pub fn sentence_time_lowered(
    text: &str,
    ascii_lower: &str,
    source_date: Option<&str>,
) -> SentenceTime {
    if !text.is_ascii() {
        return sentence_time(text, source_date);
    }
    let own = source_date.and_then(weekday_of);
    SentenceTime {
        weekday: weekday_ascii(ascii_lower, own),
        revision: revision_in(ascii_lower),
    }
}

/// What a lower-case word of a sentence says of the day it speaks of: `own` is the
/// weekday of the source's date.
fn day_named(w: &str, own: Option<u8>) -> Option<u8> {
    match w {
        "yesterday" => own.map(|d| (d + 6) % 7),
        "today" | "tonight" => own,
        w => weekday_index(trim_possessives(w)),
    }
}

/// The bytes of [`lower_words`]' pieces in ASCII: letters, digits, dots, apostrophes.
static DAY_WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'.' || b == b'\'';
        c += 1;
    }
    t
};

/// The word of [`lower_words`] that holds the bytes `[start, end)` of an ASCII text
/// (all of them word bytes), with where its piece starts.
fn ascii_word_around(text: &str, start: usize, end: usize) -> (usize, &str) {
    let b = text.as_bytes();
    let word = |k: usize| DAY_WORD_BYTES[usize::from(b[k])];
    let s = (0..start).rev().find(|&k| !word(k)).map_or(0, |k| k + 1);
    let e = (end..b.len()).find(|&k| !word(k)).unwrap_or(b.len());
    (s, text[s..e].trim_matches('.'))
}

/// [`sentence_time`]'s weekday of a lower-cased ASCII sentence: the first of
/// [`lower_words`] that names a day ([`day_named`]). Every such word holds "day"
/// ("yesterday", "today", the weekdays) or "tonight", so only the words around those
/// are looked at, found by a vectorised search, instead of every word.
fn weekday_ascii(lower: &str, own: Option<u8>) -> Option<u8> {
    // The searchers are made once: making one costs more than a search of a sentence.
    static FINDERS: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
        LazyLock::new(|| ["day", "tonight"].map(|w| memchr::memmem::Finder::new(w.as_bytes())));
    let first = |finder: &memchr::memmem::Finder<'static>| {
        finder.find_iter(lower.as_bytes()).find_map(|k| {
            let (s, w) = ascii_word_around(lower, k, k + finder.needle().len());
            day_named(w, own).map(|d| (s, d))
        })
    };
    let [day, tonight] = &*FINDERS;
    match (first(day), first(tonight)) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|(_, d)| d),
    }
}

/// Minutes after midnight of a written clock time ("1:15 a.m.", "6:29am", "7 p.m.",
/// "19:40"); `None` for a bare number without a clock sign.
///
/// The definition is [`clock_minutes_by_regex`]; an ASCII phrase (nearly all) is read
/// byte by byte instead ([`clock_minutes_ascii`], tested against it): every time of
/// day of every sentence is read here, once or twice, and the regex's captures cost
/// thousands of instructions a phrase.
pub fn clock_minutes(written: &str) -> Option<f64> {
    if written.is_ascii() {
        clock_minutes_ascii(written.as_bytes())
    } else {
        clock_minutes_by_regex(written)
    }
}

/// [`clock_minutes`] by its pattern: the first match whose hour, minutes and mark
/// make a clock time.
fn clock_minutes_by_regex(written: &str) -> Option<f64> {
    static RE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*(a\.?\s?m\.?|p\.?\s?m\.?|h\b|hrs\b)?",
        )
        .expect("clock pattern")
    });
    RE.captures_iter(written).find_map(|c| {
        let h: f64 = c.get(1)?.as_str().parse().ok()?;
        let m: f64 = c.get(2).map_or(Some(0.0), |m| m.as_str().parse().ok())?;
        let mark = c.get(3).map(|m| m.as_str().to_lowercase());
        clock_time(
            h,
            c.get(2).is_some().then_some(m),
            mark.and_then(|s| s.chars().next()),
        )
    })
}

/// The minutes after midnight of one match of the clock pattern: its hour, its
/// minutes if written, and the first letter (lower case) of its mark if any.
fn clock_time(h: f64, m: Option<f64>, mark: Option<char>) -> Option<f64> {
    if m.is_none() && mark.is_none() {
        return None;
    }
    let m = m.unwrap_or(0.0);
    if m >= 60.0 {
        return None;
    }
    let h = match mark {
        Some('a') if (1.0..=12.0).contains(&h) => h % 12.0,
        Some('p') if (1.0..=12.0).contains(&h) => h % 12.0 + 12.0,
        Some('a' | 'p') => return None,
        _ if h < 24.0 => h,
        _ => return None,
    };
    Some(h * 60.0 + m)
}

/// [`clock_minutes_by_regex`] of an ASCII text, the pattern matched by hand: in ASCII
/// `\d` is a digit, `\s` is one of "\t\n\x0b\x0c\r ", a word byte is a letter, a
/// digit or "_", and case folds letter by letter. Each optional part takes what it
/// can (none can give back to let a later part match), and the next match is looked
/// for from the end of the last, as `captures_iter` does.
fn clock_minutes_ascii(b: &[u8]) -> Option<f64> {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let two = |k: usize| f64::from((b[k] - b'0') * 10 + (b[k + 1] - b'0'));
    let mut i = 0;
    while i < b.len() {
        if !digit(i) {
            i += 1;
            continue;
        }
        // (\d{1,2})
        let mut j = i + 1;
        let h = if digit(j) {
            j += 1;
            two(i)
        } else {
            f64::from(b[i] - b'0')
        };
        // (?::(\d{2}))?(?::\d{2})?
        let colon_pair = |k: usize| b.get(k) == Some(&b':') && digit(k + 1) && digit(k + 2);
        let mut m = None;
        if colon_pair(j) {
            m = Some(two(j + 1));
            j += 3;
        }
        if colon_pair(j) {
            j += 3;
        }
        // \s*
        while b.get(j).is_some_and(|&c| is_regex_space(c)) {
            j += 1;
        }
        // (a\.?\s?m\.?|p\.?\s?m\.?|h\b|hrs\b)?
        let mark = clock_mark(b, j);
        if let Some(t) = clock_time(h, m, mark.map(|(c, _)| c)) {
            return Some(t);
        }
        i = mark.map_or(j, |(_, e)| e);
    }
    None
}

/// An ASCII byte `\s` matches.
fn is_regex_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The clock mark at `j` of an ASCII text (`a\.?\s?m\.?`, `p\.?\s?m\.?`, `h\b`,
/// `hrs\b`, in that order, ignoring case): its first letter, lower case, and its end.
fn clock_mark(b: &[u8], j: usize) -> Option<(char, usize)> {
    let at = |k: usize, c: u8| b.get(k).is_some_and(|x| x.eq_ignore_ascii_case(&c));
    let boundary = |k: usize| {
        !b.get(k)
            .is_some_and(|x| x.is_ascii_alphanumeric() || *x == b'_')
    };
    for first in [b'a', b'p'] {
        if at(j, first) {
            let mut k = j + 1;
            if at(k, b'.') {
                k += 1;
            }
            if b.get(k).is_some_and(|&c| is_regex_space(c)) {
                k += 1;
            }
            if at(k, b'm') {
                k += 1;
                if at(k, b'.') {
                    k += 1;
                }
                return Some((char::from(first), k));
            }
        }
    }
    if at(j, b'h') && boundary(j + 1) {
        return Some(('h', j + 1));
    }
    if at(j, b'h') && at(j + 1, b'r') && at(j + 2, b's') && boundary(j + 3) {
        return Some(('h', j + 3));
    }
    None
}

/// How far a hedged clock time reaches each side, in minutes: a writer who rounds to
/// the half hour ("around 1:30") is vaguer than one who names a minute ("about 1:13").
fn clock_slack(minutes: f64) -> f64 {
    let m = minutes.rem_euclid(60.0);
    if m % 30.0 == 0.0 {
        5.0
    } else if m % 5.0 == 0.0 {
        1.0
    } else {
        0.0
    }
}

/// The interval of a clock time from the words before it ("shortly before 1:15").
fn clock_interval(t: f64, q: Qualifier, before: &[&str]) -> Value {
    let last = |n: usize| before.iter().rev().take(n).copied().collect::<Vec<_>>();
    let l2 = last(3);
    let has = |w: &str| l2.contains(&w);
    let few = has("few") || has("shortly") || has("just") || has("minutes");
    let (lo, hi) = if has("before") && few {
        (t - 10.0, t - 1.0)
    } else if has("after") && few {
        (t + 1.0, t + 10.0)
    } else if has("before") || has("by") || has("until") {
        (t - 720.0, t)
    } else if has("after") || has("since") {
        (t, t + 720.0)
    } else if matches!(q, Qualifier::Approximately | Qualifier::Nearly) {
        (t - clock_slack(t), t + clock_slack(t))
    } else {
        (t, t)
    };
    Value {
        low: Some(lo),
        high: Some(hi),
    }
}

/// Phase words: what moment of the event a time in their clause marks.
fn phase_word(w: &str, next: Option<&str>) -> Option<Phase> {
    match w {
        "first" | "began" | "begun" | "begin" | "started" | "start" | "erupted" | "opened"
        | "dispatched" => Some(Phase::Start),
        "broke" if next == Some("out") => Some(Phase::Start),
        "stopped" | "ended" | "ceased" | "ending" | "subdued" | "surrendered" => Some(Phase::End),
        "down" | "over" if next.is_none_or(|n| !n.chars().all(char::is_alphabetic)) => {
            Some(Phase::End)
        }
        _ => None,
    }
}

/// The phase of the nearest phase word to a time, within its clause.
fn phase_near(before: &[&str], after: &[&str]) -> Option<Phase> {
    let b = before
        .iter()
        .rev()
        .take(20)
        .enumerate()
        .filter_map(|(k, w)| {
            let idx = before.len() - 1 - k;
            let next = before.get(idx + 1).copied();
            phase_word(w, next).map(|p| (k, p))
        });
    let a = after.iter().take(6).enumerate().filter_map(|(k, w)| {
        let next = after.get(k + 1).copied();
        phase_word(w, next).map(|p| (k, p))
    });
    b.chain(a).min_by_key(|(d, _)| *d).map(|(_, p)| p)
}

/// The zone written right after a time ("7:15 a.m. EDT", "9 a.m. local time").
fn zone_after(after: &[&str]) -> Option<f64> {
    let is_mark = |w: &str| matches!(w.trim_end_matches('.'), "am" | "pm" | "a.m" | "p.m");
    let first: &str = after.iter().find(|w| !is_mark(w))?;
    if first == "local" {
        return None;
    }
    ZONES.get(first).copied()
}

/// A unit for an amount: the one the reader found, or a word right after the number
/// ("a 12,000-litre tank", "5,000 gallons of"), as its canonical unit and value.
fn canonical_amount(value: Value, unit: Option<&str>, after: &[&str]) -> Option<(Value, String)> {
    let name = unit
        .filter(|u| UNITS.contains_key(*u))
        .map(str::to_string)
        .or_else(|| {
            let w = after.first()?;
            let two = after
                .get(1)
                .filter(|_| starts_spaced_unit(w))
                .map(|n| format!("{w} {n}"));
            two.filter(|t| UNITS.contains_key(t))
                .or_else(|| unit_alias(w).map(str::to_string))
        })?;
    let def = UNITS.get(&name)?;
    let f = |v: Option<f64>| v.map(|v| v * def.factor + def.offset);
    Some((
        Value {
            low: f(value.low),
            high: f(value.high),
        },
        def.to.clone(),
    ))
}

/// The unit names that hold a space ("square miles").
static SPACED_UNITS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    UNITS
        .keys()
        .map(String::as_str)
        .filter(|k| k.contains(' '))
        .collect()
});

/// Whether some unit name is `w`, a space and more: only then can `w` and the word
/// after it be a unit of two words. Most numbers have no unit; this spares each the
/// two words joined into a new string and looked up.
fn starts_spaced_unit(w: &str) -> bool {
    SPACED_UNITS
        .iter()
        .any(|k| k.strip_prefix(w).is_some_and(|rest| rest.starts_with(' ')))
}

/// Is a word (or its stem) a unit of measure? Such words say nothing of what is measured.
pub fn is_unit_word(w: &str) -> bool {
    unit_alias(w).is_some()
        || UNITS.contains_key(w)
        || [
            "gallon", "litr", "liter", "kilometr", "kilomet", "mile", "acr", "hectar", "pound",
        ]
        .contains(&w)
}

/// Unit words the number reader leaves to the noun phrase, by their table name.
fn unit_alias(w: &str) -> Option<&'static str> {
    Some(match w {
        "gallon" | "gallons" => "gallons",
        "litre" | "litres" | "liter" | "liters" => "litres",
        "mile" | "miles" => "miles",
        "kilometre" | "kilometres" | "kilometer" | "kilometers" | "km" => "km",
        "foot" | "feet" | "ft" => "feet",
        "yard" | "yards" => "yards",
        "inch" | "inches" => "inches",
        "pound" | "pounds" | "lb" | "lbs" => "pounds",
        "kilogram" | "kilograms" | "kg" => "kg",
        "acre" | "acres" => "acres",
        "hectare" | "hectares" => "hectares",
        "knots" => "knots",
        "fahrenheit" | "f" => "fahrenheit",
        "celsius" | "c" => "celsius",
        _ => return None,
    })
}

/// Everything the fact of one number phrase is derived from.
pub struct Input<'a> {
    /// The sentence's text.
    pub sentence: &'a str,
    /// Its words, read once for all its numbers ([`Words::new`]).
    pub words: &'a Words<'a>,
    /// The phrase's byte span in `sentence`.
    pub start: usize,
    /// End of the phrase's byte span in `sentence`.
    pub end: usize,
    /// What the number phrase stands for.
    pub kind: NumberKind,
    /// The bounds it states.
    pub value: Value,
    /// Its hedge.
    pub qualifier: Qualifier,
    /// The unit written with it.
    pub unit: Option<&'a str>,
    /// The thing counted, as written.
    pub subject: Option<&'a str>,
    /// Whether the subject is people (for counts of people by status).
    pub people: bool,
    /// What the sentence says about time.
    pub time: &'a SentenceTime,
    /// The source's published date, when known.
    pub source_date: Option<&'a str>,
}

/// A sentence's words and numbers (lower case, borrowed from its tokens) and its clause
/// punctuation, in order, read once for all its numbers: the words around each number
/// are then two slices of them ([`around`]), not two vectors made per number.
pub struct Words<'a> {
    /// The lower case of each word and number token.
    low: Vec<&'a str>,
    /// Their byte spans, in the same order.
    spans: Vec<(usize, usize)>,
    /// The byte spans of the clause punctuation (";", ":", "—", "(", ")").
    breaks: Vec<(usize, usize)>,
}

impl<'a> Words<'a> {
    /// The words of a sentence, lexed as `toks`.
    pub fn new(toks: &'a [Tok<'a>]) -> Self {
        let mut w = Words {
            low: Vec::with_capacity(toks.len()),
            spans: Vec::with_capacity(toks.len()),
            breaks: Vec::new(),
        };
        for t in toks {
            if t.kind != TokKind::Sym {
                w.low.push(&*t.low);
                w.spans.push((t.s, t.e));
            } else if is_clause_break(&t.low) {
                // A symbol's `low` is its text.
                w.breaks.push((t.s, t.e));
            }
        }
        w
    }
}

/// Clause punctuation: it ends what "near" means.
fn is_clause_break(s: &str) -> bool {
    matches!(s.as_bytes(), b";" | b":" | b"(" | b")") || s == "—"
}

/// The lowercased words of the sentence before and after the phrase: before it, those
/// after the last clause break that ends before it; after it, those up to the first
/// clause break after its first word after it. The tokens come in order and do not
/// overlap, so each end is found by a binary search (the definition, a walk over the
/// tokens, is `around_by_tokens`, tested).
fn around<'a>(i: &Input<'a>) -> (&'a [&'a str], &'a [&'a str]) {
    let w = i.words;
    let spans = &w.spans;
    let before_end = spans.partition_point(|&(_, e)| e <= i.start);
    let last_break = w.breaks[..w.breaks.partition_point(|&(_, e)| e <= i.start)].last();
    let before_start = last_break.map_or(0, |&(_, be)| spans.partition_point(|&(s, _)| s < be));
    let after_start = spans.partition_point(|&(s, _)| s < i.end);
    let after_end = match spans.get(after_start) {
        Some(&(_, first_end)) => {
            let k = w.breaks.partition_point(|&(s, _)| s < first_end);
            w.breaks.get(k).map_or(spans.len(), |&(bs, _)| {
                spans.partition_point(|&(s, _)| s < bs)
            })
        }
        None => spans.len(),
    };
    (
        &w.low[before_start.min(before_end)..before_end],
        &w.low[after_start..after_end.max(after_start)],
    )
}

/// Derives the typed fact of one number phrase.
pub fn derive(i: &Input) -> Fact {
    let (before, after) = around(i);
    let as_of = AsOf {
        source_date: i.source_date.map(str::to_string),
        weekday: i.time.weekday,
        revision: i.time.revision,
    };
    let mut f = Fact {
        value: i.value,
        as_of,
        ..Fact::default()
    };
    let written = &i.sentence[i.start..i.end];
    match i.kind {
        NumberKind::Time => {
            f.slot = Slot::TimeOfDay;
            f.value = Value::default();
            // "8 p.m." may be read as "8" with its mark left after it.
            let with_mark: String = i.sentence[i.start..]
                .chars()
                .take(written.len() + 7)
                .collect();
            if let Some(t) = clock_minutes(written).or_else(|| clock_minutes(&with_mark)) {
                f.value = clock_interval(t, i.qualifier, before);
                f.unit = Some("min".into());
                f.phase = phase_near(before, after);
                f.utc_offset = zone_after(after);
            }
        }
        NumberKind::Date => f.slot = Slot::Date,
        NumberKind::Year => f.slot = Slot::Year,
        NumberKind::Ordinal => f.slot = Slot::Ordinal,
        NumberKind::Age => age(i, before, after, &mut f),
        NumberKind::Identifier | NumberKind::Quantity => {
            if let Some(street) = street_after(i) {
                f.slot = Slot::AddressNumber;
                f.key = Some(street);
            } else if i.kind == NumberKind::Identifier {
                f.slot = Slot::Identifier;
            } else if listed_age(before) {
                age(i, before, after, &mut f);
            } else {
                quantity(i, before, after, &mut f);
            }
        }
    }
    f
}

/// "ages 20 and 21": the second number of an age list is an age too.
fn listed_age(before: &[&str]) -> bool {
    let n = before.len();
    n >= 3
        && matches!(before[n - 1], "and" | "or" | "to")
        && before[n - 2].chars().all(|c| c.is_ascii_digit())
        && matches!(before[n - 3], "ages" | "aged")
}

fn age(i: &Input, before: &[&str], after: &[&str], f: &mut Fact) {
    f.slot = Slot::Age;
    f.unit = Some("years".into());
    // A range ("aged 21 to 36", "between 20 and 29") belongs to a group.
    f.group = i.qualifier == Qualifier::Range || before.iter().rev().take(4).any(|w| *w == "all");
    // The sex of the person or group: the nearest sex word around ("a 20-year-old
    // man", "six men aged 21 to 36", "all males, between the ages of 20-29").
    // "29-year-old woman": the words after include "year" and "old".
    let near = after
        .iter()
        .take(4)
        .chain(before.iter().rev().take(6))
        .find_map(|w| sex(w));
    f.key = near.map(str::to_string);
    // A person named right after the age ("17-year-old Jane Roe") is that person's
    // age, compared by the attribute stage, not a group's.
    let named = i.sentence[i.end..]
        .split_whitespace()
        .find(|w| !(w.starts_with('-') || w.eq_ignore_ascii_case("year-old")))
        .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
    if named {
        f.key = None;
    }
}

/// "19 Elm St.", "1587 W. 87th St.": the street a house number is on.
fn street_after(i: &Input) -> Option<String> {
    if i.qualifier != Qualifier::Exact && i.qualifier != Qualifier::Range {
        return None;
    }
    let rest = &i.sentence[i.end..];
    let mut name: Vec<String> = Vec::new();
    for w in rest.split_whitespace().take(5) {
        let clean = w.trim_end_matches([',', ';', ')']);
        let low = clean.to_lowercase();
        if !name.is_empty() {
            if let Some(t) = street_type(&low) {
                name.push(t.to_string());
                return Some(name.join(" "));
            }
        }
        let first = clean.chars().next()?;
        if !(first.is_uppercase() || first.is_ascii_digit()) || clean.ends_with(',') {
            return None;
        }
        name.push(low.trim_end_matches('.').to_string());
        if w.ends_with(',') {
            return None;
        }
    }
    None
}

fn quantity(i: &Input, before: &[&str], after: &[&str], f: &mut Fact) {
    // "shot seven times", "three times as many": how often, not how many.
    if after.first().is_some_and(|w| *w == "times") {
        f.slot = Slot::Frequency;
        f.unit = Some("times".into());
        return;
    }
    let unit = i.unit;
    if let Some(u) = unit.filter(|u| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase())) {
        f.slot = Slot::Price;
        f.unit = Some(u.to_string());
        return;
    }
    if let Some((v, u)) = canonical_amount(i.value, unit, after) {
        f.slot = Slot::Amount;
        f.value = v;
        f.unit = Some(u);
        // What is measured: the noun after "of" ("5,000 litres of fuel").
        f.key = after
            .iter()
            .take(3)
            .position(|w| *w == "of")
            .and_then(|k| after.get(k + 1))
            .filter(|w| !matches!(**w, "the" | "a" | "an" | "its" | "their"))
            .map(|w| w.to_string());
        return;
    }
    f.slot = Slot::Count;
    f.unit = unit
        .map(str::to_string)
        .or_else(|| i.people.then(|| "people".to_string()));
    // The status of what is counted, from the words right around the number.
    // The words after the number first ("five wounded", "13 people were shot"), then
    // its noun phrase, then the word before ("critically injured 3").
    let subject = i.subject.map(words).unwrap_or_default();
    let near = after
        .iter()
        .take(4)
        .copied()
        .chain(subject.iter().map(String::as_str))
        .chain(before.iter().rev().take(1).copied())
        .find_map(status);
    f.key = near.map(str::to_string);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Vec<(String, Fact)> {
        facts_dated(text, None)
    }

    fn facts_dated(text: &str, date: Option<&str>) -> Vec<(String, Fact)> {
        let toks = super::super::numbers::lex::lex(text);
        let words = Words::new(&toks);
        let time = sentence_time(text, date);
        super::super::numbers::read(text)
            .into_iter()
            .map(|p| {
                let cx = if p.kind == NumberKind::Quantity {
                    super::super::context::read(text, &toks, p.span)
                } else {
                    super::super::context::Context::default()
                };
                let f = derive(&Input {
                    sentence: text,
                    words: &words,
                    start: p.span.start,
                    end: p.span.end,
                    kind: p.kind,
                    value: p.value,
                    qualifier: p.qualifier,
                    unit: p.unit.as_deref(),
                    subject: cx.subject.as_deref(),
                    people: cx.people,
                    time: &time,
                    source_date: date,
                });
                (text[p.span.start..p.span.end].to_string(), f)
            })
            .collect()
    }

    /// [`around`] as first written, a walk over the tokens per number: the definition
    /// the binary searches keep.
    fn around_by_tokens<'a>(
        sentence: &str,
        toks: &'a [Tok<'a>],
        start: usize,
        end: usize,
    ) -> (Vec<&'a str>, Vec<&'a str>) {
        let mut before = Vec::new();
        let mut after = Vec::new();
        for t in toks {
            if t.kind != TokKind::Word && t.kind != TokKind::Num {
                if matches!(&sentence[t.s..t.e], ";" | ":" | "—" | "(" | ")") {
                    if t.e <= start {
                        before.clear();
                    } else if t.s >= end && !after.is_empty() {
                        break;
                    }
                }
                continue;
            }
            if t.e <= start {
                before.push(&*t.low);
            } else if t.s >= end {
                after.push(&*t.low);
            }
        }
        (before, after)
    }

    #[test]
    fn the_words_around_a_number_are_those_the_token_walk_finds() {
        let texts = [
            "",
            "(12)",
            "Zoë Roe said 12; then (about 30 — or 40) left: 7 stayed ; and: more.",
            "At 9: the 3 (three) of 5 — all; 6 (or 7) : 8 ) ( 9",
            ";;; 1 ;;; 2 ((( 3 ))) ::: 4 — — 5",
            "No numbers here, but words: many; of them (all).",
        ];
        let time = sentence_time("", None);
        let mut checked = 0;
        for text in texts {
            let toks = super::super::numbers::lex::lex(text);
            let words = Words::new(&toks);
            // Every span from a token's start to a token's end, and every empty span at
            // a token's edge.
            let mut edges: Vec<usize> = toks.iter().flat_map(|t| [t.s, t.e]).collect();
            edges.extend([0, text.len()]);
            for &start in &edges {
                for &end in edges.iter().filter(|&&e| e >= start) {
                    let input = Input {
                        sentence: text,
                        words: &words,
                        start,
                        end,
                        kind: NumberKind::Quantity,
                        value: Value::default(),
                        qualifier: Qualifier::Exact,
                        unit: None,
                        subject: None,
                        people: false,
                        time: &time,
                        source_date: None,
                    };
                    let (before, after) = around(&input);
                    let (want_before, want_after) = around_by_tokens(text, &toks, start, end);
                    assert_eq!(before, want_before, "{text} {start}..{end}");
                    assert_eq!(after, want_after, "{text} {start}..{end}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }

    fn one(text: &str, written: &str) -> Fact {
        facts(text)
            .into_iter()
            .find(|(w, _)| w == written || (w.contains(written) && written.contains(' ')))
            .unwrap_or_else(|| panic!("{written} not read in {text}"))
            .1
    }

    #[test]
    fn trimming_possessives_is_trim_end_matches() {
        for w in [
            "roe's", "roe's's", "'s", "'s's", "s", "friday's", "friday", "", "x'", "x's'",
        ] {
            assert_eq!(super::trim_possessives(w), w.trim_end_matches("'s"), "{w}");
        }
    }

    #[test]
    fn clock_times_are_minutes_after_midnight() {
        assert_eq!(clock_minutes("1:15 a.m."), Some(75.0));
        assert_eq!(clock_minutes("12:05 a.m."), Some(5.0));
        assert_eq!(clock_minutes("6:29am"), Some(389.0));
        assert_eq!(clock_minutes("7 p.m."), Some(1140.0));
        assert_eq!(clock_minutes("19:40"), Some(1180.0));
        assert_eq!(clock_minutes("13 p.m."), None);
        assert_eq!(clock_minutes("40"), None);
    }

    /// Texts of the clock pattern's pieces: digits, colons, marks, spaces and the
    /// bytes next to them.
    fn clock_cases() -> Vec<String> {
        let mut out: Vec<String> = [
            "1:15 a.m.",
            "12:05 A.M.",
            "6:29am",
            "7 p.m.",
            "19:40",
            "13 p.m.",
            "40",
            "",
            "123:45",
            "1:2:34",
            "10:30:15 pm",
            "9 a. m.",
            "9 a .m",
            "9a\u{b}m",
            "9 \t\nPM",
            "7h",
            "7h_",
            "7hrs.",
            "7 HRS",
            "7hrsx",
            "7hr",
            "0:60",
            "0 am",
            "12 pm",
            "24h",
            "23h",
            "12:00",
            "about 3 or 4:15 p.m",
            "5:5",
            "05:07 p",
            "1:15 a.m. and 2 p.m.",
            "9.30 pm",
            "99:99 am 3h",
            "a.m. 5",
            "1 ap.m.",
            "1 a.mm",
            "8 a\u{c}m",
        ]
        .map(String::from)
        .to_vec();
        // Every string of up to three of the pieces after a digit.
        let pieces = [
            "1", "12", ":", ":30", "a", "P", ".", "m", " ", "h", "rs", "_", "x",
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    out.push(format!("7{a}{b}{c}"));
                }
            }
        }
        out
    }

    #[test]
    fn a_unit_of_two_words_starts_with_a_spaced_units_first_word() {
        // The definition: `w` and some next word join into a unit name.
        for k in UNITS.keys() {
            for (cut, _) in k.match_indices(' ') {
                let (w, n) = (&k[..cut], &k[cut + 1..]);
                assert!(starts_spaced_unit(w), "{k}");
                assert!(UNITS.contains_key(&format!("{w} {n}")));
            }
        }
        assert!(SPACED_UNITS.len() >= 2);
        for w in [
            "",
            "square miles",
            "squares",
            "km",
            "miles",
            "1 000",
            "people",
        ] {
            let want = UNITS.keys().any(|k| k.starts_with(&format!("{w} ")));
            assert_eq!(starts_spaced_unit(w), want, "{w}");
        }
        assert!(starts_spaced_unit("square"));
    }

    #[test]
    fn clock_times_by_bytes_are_the_patterns() {
        for t in clock_cases() {
            assert_eq!(
                clock_minutes_ascii(t.as_bytes()),
                clock_minutes_by_regex(&t),
                "{t:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_ascii_clock_text_reads_as_the_pattern_does(
            t in "[0-9:aAmMpPhHrRsS._x \t\u{b}\u{c}-]{0,16}"
        ) {
            proptest::prop_assert_eq!(clock_minutes_ascii(t.as_bytes()), clock_minutes_by_regex(&t));
        }
    }

    #[test]
    fn a_time_of_day_is_an_interval_by_its_hedge_and_marks_a_phase() {
        let f = one(
            "Neighbours first heard shots about 4:07 p.m. on the quay.",
            "about 4:07 p.m.",
        );
        assert_eq!(f.slot, Slot::TimeOfDay);
        assert_eq!((f.value.low, f.value.high), (Some(967.0), Some(967.0)));
        assert_eq!(f.phase, Some(Phase::Start));
        let f = one("The gunfire stopped around 4:30 p.m.", "around 4:30 p.m.");
        assert_eq!((f.value.low, f.value.high), (Some(985.0), Some(995.0)));
        assert_eq!(f.phase, Some(Phase::End));
        let f = one(
            "It happened a few minutes before 9:30 p.m. near the pier.",
            "9:30 p.m.",
        );
        assert_eq!((f.value.low, f.value.high), (Some(1280.0), Some(1289.0)));
        assert_eq!(f.phase, None);
    }

    #[test]
    fn a_zone_after_a_time_is_kept_as_its_offset() {
        let f = one("The vote closed at 8 p.m. EDT on Tuesday.", "8");
        assert_eq!(f.utc_offset, Some(-4.0));
        assert_eq!(f.as_of.weekday, Some(1));
        let f = one("The vote closed at 8 p.m. local time.", "8");
        assert_eq!(f.utc_offset, None);
    }

    #[test]
    fn house_numbers_are_address_numbers_keyed_by_street() {
        let f = one("Officers went to 24 Quill St. after the call.", "24");
        assert_eq!(f.slot, Slot::AddressNumber);
        assert_eq!(f.key.as_deref(), Some("quill st"));
        let f = one("The fire began at 24 Quill Street, a duplex.", "24");
        assert_eq!(f.key.as_deref(), Some("quill st"));
        let f = one("Flight 24 Quill was late.", "24");
        assert_ne!(f.slot, Slot::AddressNumber);
    }

    #[test]
    fn ages_of_groups_and_of_unnamed_people_carry_their_sex() {
        let f = one("The injured were four women aged 30 to 41.", "30 to 41");
        assert_eq!((f.slot, f.group), (Slot::Age, true));
        assert_eq!(f.key.as_deref(), Some("female"));
        let f = one("A 29-year-old woman was treated.", "29");
        assert_eq!((f.slot, f.group), (Slot::Age, false));
        assert_eq!(f.key.as_deref(), Some("female"));
        let fs = facts("Two women, ages 29 and 33, were stable.");
        assert!(
            fs.iter().any(|(w, f)| w == "33" && f.slot == Slot::Age),
            "{fs:?}"
        );
        let f = one("The victim was 29-year-old Dana Quell.", "29");
        assert_eq!(f.key, None);
    }

    #[test]
    fn amounts_are_converted_to_canonical_units() {
        let f = one("The truck spilled 100 gallons of fuel.", "100");
        assert_eq!(f.slot, Slot::Amount);
        assert_eq!(f.unit.as_deref(), Some("l"));
        assert!((f.value.low.unwrap() - 378.5411784).abs() < 1e-6);
        let f = one("A 2,000-litre tank burst.", "2,000");
        assert_eq!((f.slot, f.unit.as_deref()), (Slot::Amount, Some("l")));
        let f = one("The storm reached 50 mph at the coast.", "50");
        assert_eq!(f.unit.as_deref(), Some("km/h"));
        let f = one("The water was 50 degrees Fahrenheit.", "50");
        let _ = f;
    }

    #[test]
    fn prices_frequencies_and_counts_by_status() {
        let f = one("Tickets cost $40 at the door.", "$40");
        assert_eq!((f.slot, f.unit.as_deref()), (Slot::Price, Some("USD")));
        let f = one("She was hit seven times in the leg.", "seven");
        assert_eq!(f.slot, Slot::Frequency);
        let f = one("Three people remain in critical condition.", "Three");
        assert_eq!((f.slot, f.key.as_deref()), (Slot::Count, Some("critical")));
        let f = one("Twelve homes were destroyed in the blaze.", "Twelve");
        assert_eq!(f.key.as_deref(), Some("destroyed"));
    }

    #[test]
    fn revisions_and_days_are_read_from_the_sentence() {
        let t = sentence_time("Police initially said four were hurt.", None);
        assert_eq!(t.revision, Some(Revision::Initial));
        let t = sentence_time("A fifth victim has since died.", None);
        assert_eq!(t.revision, Some(Revision::Current));
        // 2024-03-06 was a Wednesday: "yesterday" is Tuesday.
        assert_eq!(weekday_of("2024-03-06"), Some(2));
        let t = sentence_time("The crash happened yesterday.", Some("2024-03-06"));
        assert_eq!(t.weekday, Some(1));
        let t = sentence_time("Friday's announcement surprised many.", None);
        assert_eq!(t.weekday, Some(4));
    }

    /// [`sentence_time`] as first written: a new string per word and one search per
    /// phrase. The definition the fast one keeps.
    fn sentence_time_by_definition(text: &str, source_date: Option<&str>) -> SentenceTime {
        fn has_phrase(lower: &str, phrase: &str) -> bool {
            lower
                .match_indices(phrase)
                .any(|(k, _)| whole_words(lower, k, k + phrase.len()))
        }
        let lower = text.to_lowercase();
        let own = source_date.and_then(weekday_of);
        let weekday = words(&lower).iter().find_map(|w| match w.as_str() {
            "yesterday" => own.map(|d| (d + 6) % 7),
            "today" | "tonight" => own,
            w => weekday_index(trim_possessives(w)),
        });
        let revision = if INITIAL.iter().any(|p| has_phrase(&lower, p)) {
            Some(Revision::Initial)
        } else if CURRENT.iter().any(|p| has_phrase(&lower, p)) {
            Some(Revision::Current)
        } else {
            None
        };
        SentenceTime { weekday, revision }
    }

    #[test]
    fn sentence_time_is_the_definitions() {
        let mut texts: Vec<String> = Vec::new();
        for p in INITIAL.iter().chain(CURRENT) {
            texts.push(format!("Police {p} four were hurt on Friday."));
            texts.push(format!("POLICE {} FOUR, TODAY.", p.to_uppercase()));
            texts.push(format!("Police re{p} it"));
            texts.push(format!("Police {p}s it yesterday"));
            texts.push(p.to_string());
        }
        for p in CURRENT {
            // A revision and a first report in one sentence: the first report wins.
            texts.push(format!("It was {p} after initial reports on Sunday's ..."));
        }
        texts.extend(
            [
                "",
                "Nothing at all.",
                "It was Saturday's.",
                "ΣΟΦΊΑ ΟΔΟΣ initially, yesterday.",
                "İnitially, on Friday",
                "x.initially. .monday.",
                "Tonight, five were hurt.",
                "TONIGHT'S toll",
                "On Mondays and SUNDAY'S'S, two; on the day after, three.",
                "It happened on a weekday, not today",
                "YESTERDAY'S toll, then Yesterday, then ToNiGhT.",
                "Its Wednesday's's's's's's's's's's's's's's's's's's's's's count",
                "It is 4day, mon-day, MONDAY., ..Tuesday's.. and fri'day",
                "Saturdays and sundays' tolls were initially-revised (has since)",
                "It was revisedly initiallyinitially, yet originally  reported",
                // Not ASCII, but its lower case is (the Kelvin sign folds to "k").
                "\u{212a}ELVIN said, UPDATED on Thursday",
            ]
            .map(String::from),
        );
        let (mut days, mut marks) = (0, 0);
        for t in &texts {
            for date in [None, Some("2024-03-06")] {
                let (got, want) = (sentence_time(t, date), sentence_time_by_definition(t, date));
                assert_eq!(
                    (got.weekday, got.revision),
                    (want.weekday, want.revision),
                    "{t}"
                );
                let lowered = sentence_time_lowered(t, &t.to_ascii_lowercase(), date);
                assert_eq!(
                    (lowered.weekday, lowered.revision),
                    (want.weekday, want.revision),
                    "{t}"
                );
                days += usize::from(want.weekday.is_some());
                marks += usize::from(want.revision.is_some());
            }
        }
        assert!(days > 20 && marks > 40, "{days} {marks}");
    }

    proptest::proptest! {
        #[test]
        fn any_ascii_sentence_has_the_time_of_the_definition(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "Monday", "TUESDAY", "wednesday", "Sunday's", "'s", "yesterday", "Today",
                "TONIGHT", "tonight's", "day", "x", "4", ".", "'", ",", " ", "-", "  ",
                "Initially", "initial REPORTS", "has since", "Revised", "updated", "re",
                "earlier reports", "now stands",
            ]), 0..12),
            dated in proptest::bool::ANY,
        ) {
            let t = parts.concat();
            let date = dated.then_some("2024-03-06");
            let (got, want) = (sentence_time(&t, date), sentence_time_by_definition(&t, date));
            proptest::prop_assert_eq!((got.weekday, got.revision), (want.weekday, want.revision));
        }
    }

    #[test]
    fn no_revision_phrase_overlaps_itself() {
        // A phrase whose start is also its end ("abab") could be found at two
        // overlapping places; a search per phrase finds only the first of them.
        for p in INITIAL.iter().chain(CURRENT) {
            assert!((1..p.len()).all(|k| !p.ends_with(&p[..k])), "{p}");
        }
    }

    #[test]
    fn lower_casing_lower_case_changes_nothing() {
        // Every character's lower case is its own lower case: the words of a
        // lower-cased sentence need no second lower-casing.
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            for l in c.to_lowercase() {
                assert!(l.to_lowercase().eq([l]), "{c:?}");
            }
        }
    }
}
