//! Attributes of the story's event and legal status: what kind of event it was ("a
//! video release party"), where it began (inside or outside), and whether someone was
//! charged or arrested. The phrases are in `rules/words/event_attributes.yaml`.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;

use super::text::{fold, holds_folding, words, Bits, FoldSieve, Needles, Word};
use crate::hash::HashSet;
use crate::span::Span;

#[derive(Deserialize)]
struct RawEvents {
    event_nouns: Vec<String>,
    kind_ignored: Vec<String>,
    kind_synonyms: Vec<Vec<String>>,
    onset_verbs: Vec<String>,
    places: BTreeMap<String, Vec<String>>,
    dated_events: BTreeMap<String, Vec<String>>,
    legal: BTreeMap<String, RawStatus>,
}

#[derive(Deserialize)]
struct RawStatus {
    says: Vec<String>,
    denies: Vec<String>,
}

/// A legal status phrase: what it asserts and whether it says it or denies it.
pub struct StatusPhrase {
    /// The legal status the phrase states ("charged").
    pub status: String,
    /// Whether the phrase affirms the status or denies it.
    pub affirmed: bool,
    /// The phrase's pattern: the definition, run only when `words` cannot say it.
    pattern: LazyRegex,
    /// The phrase read word by word as `pattern` reads it (`None` when a word is not
    /// plain ASCII letters and digits).
    words: Option<PhraseWords>,
    /// The phrase's longest word, by its index in `Events::words`: a sentence
    /// without it (case aside) cannot hold the phrase.
    needle: usize,
    /// The phrase's other words (not `*`), lower case: nor can a sentence without one
    /// of them. Looked for only where the needle is.
    others: Vec<String>,
}

/// The event vocabulary read from `rules/words/`.
pub struct Events {
    nouns: HashSet<String>,
    /// `nouns`' sieve: every word of a sentence is tested, few are nouns.
    noun_sieve: FoldSieve,
    ignored: Vec<String>,
    synonyms: BTreeMap<String, String>,
    onset: ViewPattern,
    /// The onset verbs' longest words, as the set of their indices in `words`: a sentence without
    /// one of them (case aside) cannot hold an onset, and is not run through `onset`.
    onset_words: Bits,
    /// Folded place phrase → "inside" / "outside".
    places: Vec<(String, String)>,
    /// Folded event noun → the event it names ("shootings" → "shooting").
    dated: BTreeMap<String, String>,
    /// "Friday's announcement", "the announcement (on/early/late) Friday".
    day: ViewPattern,
    /// The words a day in `day` starts with, as written (`day` reads them case and
    /// all): a sentence without one of them holds no event day.
    day_words: AhoCorasick,
    /// The dated event nouns' longest words, as the set of their indices in `words` (`day` reads
    /// the noun with `(?i)`): every match of `day` holds one, so a sentence that names
    /// a day but none of them (most sentences that name a day) is not run through `day`.
    day_nouns: Bits,
    /// The legal phrases' needles, each once: a sentence without any of them holds no
    /// phrase, and is not walked phrase by phrase.
    status_needles: Bits,
    /// The event nouns, and the abbreviations that fold to one, as the set of their indices in
    /// `words` (`None` when one is not ASCII letters: then every sentence may name a
    /// kind). See [`Events::may_name_kind`].
    kind_needles: Option<Bits>,
    /// Phrases that state a legal status.
    pub statuses: Vec<StatusPhrase>,
    /// The words the readers' prefilters look for, any case: the legal phrases',
    /// the onset verbs' and the dated nouns' longest words, each once. One pass over a
    /// sentence says which it may hold ([`Events::hints`]), so most sentences run none
    /// of the patterns, and no sentence is searched once per reader.
    words: Needles,
}

/// A pattern compiled the first time it is run. The vocabulary's patterns are many
/// (one per legal phrase) and costly to build (`(?i)` and Unicode `\b`), while the
/// prefilters let few sentences reach them: a run of short stories would otherwise
/// spend more on building patterns it never runs than on reading its text.
struct LazyRegex {
    source: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    fn new(source: String) -> LazyRegex {
        LazyRegex {
            source,
            compiled: OnceLock::new(),
        }
    }

    fn get(&self) -> &Regex {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).expect("the event patterns compile (tested)"))
    }
}

/// A legal phrase read as its pattern `(?i)\b(?:w1\s+w2…)\b` reads it, without building
/// the pattern (a build costs more than the sentences that reach it): each word lower
/// case, `None` for `*` (`\w+`). Every step is forced: a literal takes one character per
/// letter; `\s+` and `\w+` take their whole run, since what follows each cannot start
/// inside it; so the first start that matches gives the match the pattern gives.
struct PhraseWords(Vec<Option<Vec<u8>>>);

/// Whether `c` is a word character of the regex crate (`\w`, Unicode).
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // Rare outside ASCII: asked of the regex crate itself, whose `\w` the pattern uses.
    static WORD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\w$").expect("the word class compiles"));
    WORD.is_match(c.encode_utf8(&mut [0; 4]))
}

/// The ASCII letter or digit (lower case) that `c` matches under `(?i)`, if any: its
/// own lower case, and the long s and the Kelvin sign ([`super::text::FOLDS_TO_ASCII`]).
fn folded_ascii(c: char) -> Option<u8> {
    match c {
        '\u{17f}' => Some(b's'),
        '\u{212a}' => Some(b'k'),
        _ if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase() as u8),
        _ => None,
    }
}

impl PhraseWords {
    /// The phrase's words, when each is `*` or plain ASCII letters and digits.
    fn new(phrase: &str) -> Option<PhraseWords> {
        let words: Option<Vec<Option<Vec<u8>>>> = phrase
            .split_whitespace()
            .map(|w| match w {
                "*" => Some(None),
                _ if w.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                    Some(Some(w.to_ascii_lowercase().into_bytes()))
                }
                _ => None,
            })
            .collect();
        words.filter(|w| !w.is_empty()).map(PhraseWords)
    }

    /// The end of the phrase read from byte `p` of `s`, where a word may start (`\b`:
    /// the character before `p`, if any, is not a word character).
    fn match_at(&self, s: &str, mut p: usize) -> Option<usize> {
        let run = |p: usize, f: fn(char) -> bool| {
            s[p..]
                .char_indices()
                .find(|&(_, c)| !f(c))
                .map_or(s.len(), |(i, _)| p + i)
        };
        for (k, w) in self.0.iter().enumerate() {
            if k > 0 {
                let end = run(p, char::is_whitespace);
                if end == p {
                    return None;
                }
                p = end;
            }
            match w {
                None => {
                    let end = run(p, is_word);
                    if end == p {
                        return None;
                    }
                    p = end;
                }
                Some(lit) => {
                    for &b in lit {
                        let c = s[p..].chars().next()?;
                        if folded_ascii(c) != Some(b) {
                            return None;
                        }
                        p += c.len_utf8();
                    }
                }
            }
        }
        // `\b`: the phrase ends with a word character, so the next must not be one.
        (!s[p..].chars().next().is_some_and(is_word)).then_some(p)
    }

    /// [`PhraseWords::find_iter`] given `lower`, `s` in ASCII lower case, when `s`
    /// holds no letter that folds to an ASCII one: then a match starts where `lower`
    /// holds the phrase's first word, and only those places are tried (the other
    /// conditions of a start, as [`PhraseWords::find_iter`] reads them), not every
    /// character of the sentence.
    fn find_iter_lower(&self, s: &str, lower: &str) -> Vec<(usize, usize)> {
        let Some(Some(first)) = self.0.first() else {
            return self.find_iter(s);
        };
        let Ok(first) = std::str::from_utf8(first) else {
            return self.find_iter(s);
        };
        let mut out = Vec::new();
        let (mut pos, mut from) = (0, 0);
        while let Some(k) = lower.get(pos..).and_then(|t| t.find(first)) {
            let i = pos + k;
            // The word starts with an ASCII letter or digit: the next byte is a
            // character's start.
            pos = i + 1;
            if i < from || s[..i].chars().next_back().is_some_and(is_word) {
                continue;
            }
            if let Some(end) = self.match_at(s, i) {
                out.push((i, end));
                from = end;
            }
        }
        out
    }

    /// The phrase's matches in `s`, as the pattern's `find_iter` gives them.
    fn find_iter(&self, s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let first = self.0[0].as_ref().map(|w| w[0]);
        let bytes = s.as_bytes();
        let (mut i, mut from, mut after_word) = (0, 0, false);
        while let Some(&b) = bytes.get(i) {
            // ASCII (most text) without decoding.
            let (c, len) = if b.is_ascii() {
                (char::from(b), 1)
            } else {
                let c = s[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            let word = is_word(c);
            // A match starts with a word character (the phrase's first letter, unless
            // it starts with `*`), after a character that is not one.
            let starts = word
                && !after_word
                && i >= from
                && first.is_none_or(|f| folded_ascii(c) == Some(f));
            if starts {
                if let Some(end) = self.match_at(s, i) {
                    out.push((i, end));
                    from = end;
                }
            }
            after_word = word;
            i += len;
        }
        out
    }
}

impl StatusPhrase {
    /// The phrase's matches in `sentence` (byte ranges), in order. `lower`: the
    /// sentence in ASCII lower case, when it holds no letter that folds to an ASCII one.
    fn find_iter(&self, sentence: &str, lower: Option<&str>) -> Vec<(usize, usize)> {
        match &self.words {
            Some(w) => match lower {
                Some(l) => w.find_iter_lower(sentence, l),
                None => w.find_iter(sentence),
            },
            None => self
                .pattern
                .get()
                .find_iter(sentence)
                .map(|m| (m.start(), m.end()))
                .collect(),
        }
    }
}

/// A pattern run on a sentence's [`ascii_view`], in two builds: Unicode's, the
/// definition, for a view that kept a character outside ASCII; and ASCII's (`(?-u)`),
/// for a view in ASCII, which it reads as Unicode's would (`\b`, `\s`, `\d` and `(?i)`
/// agree on ASCII text), smaller to build and to run.
struct ViewPattern {
    unicode: LazyRegex,
    ascii: LazyRegex,
}

impl ViewPattern {
    fn new(source: String) -> ViewPattern {
        ViewPattern {
            ascii: LazyRegex::new(format!("(?-u){source}")),
            unicode: LazyRegex::new(source),
        }
    }

    /// The build that reads `hay`.
    fn on(&self, hay: &str) -> &Regex {
        if hay.is_ascii() {
            self.ascii.get()
        } else {
            self.unicode.get()
        }
    }
}

/// Which of [`Events`]' words a sentence may hold, by their index (read once per
/// sentence by [`Events::hints`]).
pub struct Hints(Bits);

impl Hints {
    /// Whether the sentence may hold one of the words of `of`.
    fn any(&self, of: &Bits) -> bool {
        self.0.meets(of)
    }
}

/// The index of `w` in `words`, added when it is not there yet.
fn index_of<'w>(words: &mut Vec<&'w str>, w: &'w str) -> usize {
    words.iter().position(|n| *n == w).unwrap_or_else(|| {
        words.push(w);
        words.len() - 1
    })
}

/// The indices in `needles` (added there) of the event nouns and of the abbreviations
/// that fold to one: a word folds to a noun only when its lower case without dots is
/// one of them. `None` when one is not ASCII letters, which the prefilter does not
/// read (a letter outside ASCII lower-cases to ASCII only as the Kelvin sign, which
/// [`Needles`] takes to hold every word).
fn kind_needles<'w>(nouns: &'w HashSet<String>, needles: &mut Vec<&'w str>) -> Option<Vec<usize>> {
    let mut words: Vec<&str> = nouns.iter().map(String::as_str).collect();
    words.extend(super::text::abbreviations_of(&words));
    // Sorted: the needles' order does not hang on the set's hash order.
    words.sort_unstable();
    words.dedup();
    let mut out = Vec::new();
    for w in words {
        if w.is_empty() || !w.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        out.push(index_of(needles, w));
    }
    Some(out)
}

/// A dot before an ASCII letter ("U.S", "p.m"). A word that folds to ASCII letters
/// holds no other character than those and dots; when none of its dots stands before
/// a letter, they all end it (or start it), and its folding is a stretch of the
/// sentence, in some case. Asked of most sentences (those whose hints hold no event
/// noun), which hold a dot or two: the dots are found by memchr's vector search, not
/// by a look at every pair of bytes ([`inner_dot_by_pairs`], the definition).
fn inner_dot(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    memchr::memchr_iter(b'.', b).any(|i| b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
}

/// [`inner_dot`] as first written: every pair of bytes looked at.
#[cfg(test)]
fn inner_dot_by_pairs(sentence: &str) -> bool {
    sentence
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic())
}

/// The shipped event vocabulary, read once.
pub static EVENTS: LazyLock<Events> = LazyLock::new(|| {
    let raw: RawEvents = crate::wordlists::shipped("event_attributes.yaml");
    Events::new(raw)
});

/// A word list as a regex alternation; `*` in an entry stands for one word.
fn alternation(list: &[String]) -> String {
    let mut v: Vec<String> = list
        .iter()
        .map(|p| {
            p.split_whitespace()
                .map(|w| {
                    if w == "*" {
                        r"\w+".to_string()
                    } else {
                        regex::escape(w)
                    }
                })
                .collect::<Vec<_>>()
                .join(r"\s+")
        })
        .collect();
    // Longest first, so that the fuller phrase wins.
    v.sort_by_key(|p| std::cmp::Reverse(p.len()));
    v.join("|")
}

/// The longest word of a phrase (not a `*`): every match of the phrase's pattern holds
/// it, in some case.
fn longest_word(phrase: &str) -> &str {
    phrase
        .split_whitespace()
        .filter(|w| *w != "*")
        .fold("", |best, w| if w.len() > best.len() { w } else { best })
}

impl Events {
    fn new(raw: RawEvents) -> Events {
        let mut synonyms = BTreeMap::new();
        for group in &raw.kind_synonyms {
            if let Some(first) = group.first() {
                for w in group {
                    synonyms.insert(fold(w), fold(first));
                }
            }
        }
        let mut places = Vec::new();
        for (side, list) in &raw.places {
            for p in list {
                places.push((p.to_lowercase(), side.clone()));
            }
        }
        let places_alt: Vec<String> = places.iter().map(|(p, _)| p.clone()).collect();
        let onset = ViewPattern::new(format!(
            r"(?i)\b(?:{})\s+(?:(?:both|even)\s+)?({})\b",
            alternation(&raw.onset_verbs),
            alternation(&places_alt)
        ));
        let mut needles: Vec<&str> = Vec::new();
        let onset_words: Vec<usize> = raw
            .onset_verbs
            .iter()
            .map(|v| index_of(&mut needles, longest_word(v)))
            .collect();
        let mut statuses = Vec::new();
        for (status, s) in &raw.legal {
            for (affirmed, list) in [(true, &s.says), (false, &s.denies)] {
                for p in list {
                    let longest = longest_word(p);
                    let needle = index_of(&mut needles, longest);
                    let others = p
                        .split_whitespace()
                        .filter(|w| *w != "*" && *w != longest)
                        .map(str::to_ascii_lowercase)
                        .collect();
                    statuses.push(StatusPhrase {
                        status: status.clone(),
                        affirmed,
                        pattern: LazyRegex::new(format!(
                            r"(?i)\b(?:{})\b",
                            alternation(std::slice::from_ref(p))
                        )),
                        words: PhraseWords::new(p),
                        needle,
                        others,
                    });
                }
            }
        }
        let mut dated = BTreeMap::new();
        for (event, nouns) in &raw.dated_events {
            for n in nouns {
                dated.insert(fold(n), event.clone());
            }
        }
        let nouns: Vec<String> = raw.dated_events.values().flatten().cloned().collect();
        let day_nouns: Vec<usize> = nouns
            .iter()
            .map(|n| index_of(&mut needles, longest_word(n)))
            .collect();
        let event_nouns: HashSet<String> = raw.event_nouns.iter().map(|n| fold(n)).collect();
        let kind_needles = kind_needles(&event_nouns, &mut needles);
        // The words as they are, any case (the patterns' `(?i)`), no word boundary.
        let words = Needles::new(&needles);
        let n = needles.len();
        let nouns = alternation(&nouns);
        // The weekday is capitalised (it is a name); the noun may be a headline's.
        // "Friday's announcement", "the announcement (on) Friday", "the March 3 crash".
        let day = ViewPattern::new(format!(
            r"\b(?:(?P<d1>{WEEKDAYS})'s\s+(?:[a-z]+\s+)?(?i:(?P<n1>{nouns}))|(?i:(?P<n2>{nouns}))\s+(?:(?i:on|early|late|last)\s+){{0,2}}(?P<d2>{WEEKDAYS}|{DATE})|(?P<d3>{DATE})\s+(?i:(?P<n3>{nouns})))\b"
        ));
        let day_words = AhoCorasick::new(day_words()).expect("day words build (tested)");
        // Denials first: "not been charged" holds "been charged", and the longer wins.
        statuses.sort_by_key(|s| s.affirmed);
        let status_needles: Vec<usize> = statuses.iter().map(|s| s.needle).collect();
        Events {
            noun_sieve: FoldSieve::new(event_nouns.iter().map(String::as_str)),
            nouns: event_nouns,
            ignored: raw.kind_ignored.iter().map(|n| fold(n)).collect(),
            synonyms,
            onset,
            onset_words: Bits::of(n, &onset_words),
            places,
            dated,
            day,
            day_words,
            day_nouns: Bits::of(n, &day_nouns),
            status_needles: Bits::of(n, &status_needles),
            kind_needles: kind_needles.map(|k| Bits::of(n, &k)),
            statuses,
            words,
        }
    }

    /// Whether a sentence may hold a word that folds to an event noun (what
    /// [`event_kinds_in`] looks for), given its [`Hints`]: false only when it holds none
    /// of the nouns nor of their abbreviations, in any case, and no dot inside a word
    /// (a word folds to its lower case without its dots, then to an abbreviation's
    /// full form). Most sentences name no event: their words are not read for one.
    pub fn may_name_kind(&self, sentence: &str, hints: &Hints) -> bool {
        let Some(needles) = &self.kind_needles else {
            return true;
        };
        hints.any(needles) || inner_dot(sentence)
    }

    /// Which of the prefilters' words `sentence` may hold: one pass for every reader.
    /// Only where a word starts: each of the words stands there in what the readers
    /// look for (after `\b` or `\s` in a pattern, or as a word [`words`] reads whose
    /// folding is an event noun when the sentence holds no [`inner_dot`]).
    pub fn hints(&self, sentence: &str) -> Hints {
        Hints(self.words.present_at_word_starts(sentence))
    }
}

/// The kind of event a sentence names: "a rap video release party" gives
/// key "video|release party" (the word that tells the kind, then the compound it
/// qualifies). Only compounds ("release party", not "party") are read: a lone noun
/// with a modifier ("house party", "birthday party") names too many events at once.
pub fn event_kinds(sentence: &str, base: usize) -> Vec<(Span, String)> {
    event_kinds_in(&words(sentence, base))
}

/// [`event_kinds`] over a sentence's words (read once per sentence by the caller).
pub fn event_kinds_in(ws: &[Word]) -> Vec<(Span, String)> {
    let ev = &*EVENTS;
    // In a headline every word is capitalised; elsewhere a capitalised compound is a
    // name ("the Zembla Postal Service"), not a kind of event.
    let caps = ws.iter().filter(|w| w.is_cap()).count();
    let headline = caps * 5 >= ws.len() * 3;
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if i < 2 || !w.may_fold_into(&ev.noun_sieve) || !ev.nouns.contains(w.folded()) {
            continue;
        }
        let (m, c) = (&ws[i - 2], &ws[i - 1]);
        if !(c.gap_ok && w.gap_ok) || is_function(m.folded()) || is_function(c.folded()) {
            continue;
        }
        if m.folded().ends_with("'s")
            || c.folded().ends_with("'s")
            || m.folded().chars().any(|ch| ch.is_ascii_digit())
            || ev.ignored.iter().any(|x| x == m.folded())
            || ev.ignored.iter().any(|x| x == c.folded())
        {
            continue;
        }
        // A capitalised modifier before a lower-case compound is a name or a day
        // ("a Friday news conference"), not a kind; in a headline all three are capitalised.
        let acronym = m.text.len() > 1 && m.text.chars().all(|ch| ch.is_uppercase());
        if (m.is_cap() && !c.is_cap() && !acronym) || (w.is_cap() && !headline) {
            continue;
        }
        let kind = ev
            .synonyms
            .get(m.folded())
            .map_or(m.folded(), String::as_str);
        let key = format!("{kind}|{} {}", c.folded(), w.folded());
        out.push((Span::new(m.start, w.end), key));
    }
    out
}

fn is_function(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "at"
            | "of"
            | "in"
            | "on"
            | "to"
            | "for"
            | "during"
            | "and"
            | "or"
            | "after"
            | "before"
            | "from"
            | "his"
            | "her"
            | "their"
            | "its"
            | "this"
            | "that"
            | "was"
            | "were"
            | "is"
    )
}

/// Where an event began, from "a fight broke out inside", "gunfire erupted outside the
/// club", "the incident initiated on the exterior of the building": ("inside" or
/// "outside", the span of the verb and place). "Both inside and outside" says neither.
pub fn onsets(sentence: &str, base: usize) -> Vec<(Span, String)> {
    onsets_hinted(sentence, base, &EVENTS.hints(sentence))
}

/// [`onsets`] given the sentence's [`Hints`] (read once for every reader).
pub fn onsets_hinted(sentence: &str, base: usize, hints: &Hints) -> Vec<(Span, String)> {
    if !hints.any(&EVENTS.onset_words) {
        return Vec::new();
    }
    onsets_unfiltered(sentence, base)
}

/// [`onsets`] without the word prefilter: the definition it keeps.
fn onsets_unfiltered(sentence: &str, base: usize) -> Vec<(Span, String)> {
    onsets_read(sentence, &ascii_view(sentence), base)
}

/// [`onsets_unfiltered`] with the pattern run on `hay`: the sentence or its
/// [`ascii_view`].
fn onsets_read(sentence: &str, hay: &str, base: usize) -> Vec<(Span, String)> {
    let ev = &*EVENTS;
    let mut out = Vec::new();
    for c in ev.onset.on(hay).captures_iter(hay) {
        let (Some(all), Some(place)) = (c.get(0), c.get(1)) else {
            continue;
        };
        let after = sentence[all.end()..].trim_start().to_lowercase();
        if sentence[all.range()].to_lowercase().contains("both")
            || after.starts_with("and ")
            || after.starts_with("or ")
        {
            continue;
        }
        let p = sentence[place.range()].to_lowercase();
        let p = crate::span::one_line(&p);
        if let Some((_, side)) = ev.places.iter().find(|(k, _)| *k == p) {
            out.push((
                Span::new(base + all.start(), base + all.end()),
                side.clone(),
            ));
        }
    }
    out
}

/// `s` as the onset and day patterns read it, in ASCII: each other character replaced
/// by as many bytes of a stand-in the patterns read alike (a space for a space, `_` for
/// another word character, `#` for anything else). The patterns' `\b` is Unicode's, and
/// the regex crate's fast engine gives up on a sentence with a byte outside ASCII (a
/// dash, an accented name), leaving it to a slow one. No match can start or end on a
/// stand-in (each starts and ends with an ASCII letter or digit), nor take one but as
/// `\s`, so the matches and their offsets are the sentence's. A character the patterns
/// could read as a letter or a digit (`(?i)` folds the long s to "s"; `\d` takes any
/// digit) has no stand-in: then the sentence is read as it is.
fn ascii_view(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let stand_in = if c.is_ascii() {
            out.push(c);
            continue;
        } else if c.is_whitespace() {
            ' '
        } else if c.is_numeric() || folded_ascii(c).is_some() {
            return Cow::Borrowed(s);
        } else if is_word(c) {
            '_'
        } else {
            '#'
        };
        out.extend(std::iter::repeat_n(stand_in, c.len_utf8()));
    }
    Cow::Owned(out)
}

const WEEKDAYS: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
/// The first three letters of every month's name: each of `DATE`'s month forms starts
/// with one ("Sept.", "March").
const MONTH_STARTS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The words every day of the `day` pattern starts with: a weekday or a month's first
/// three letters, as written (the day is a name, matched case and all).
fn day_words() -> Vec<&'static str> {
    WEEKDAYS.split('|').chain(MONTH_STARTS).collect()
}
/// A day of a month as news style writes it: "March 3", "Sept. 14", "Aug. 2nd".
const DATE: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}(?:st|nd|rd|th)?";

/// The day an event is put on: a weekday (0 = Monday), or a day of a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventDay {
    /// A weekday, 0 = Monday.
    Weekday(u8),
    /// A day of a month.
    Date {
        /// 1–12.
        month: u8,
        /// 1–31.
        day: u8,
    },
}

impl EventDay {
    fn parse(s: &str) -> Option<EventDay> {
        if let Some(w) = crate::claims::fact::weekday_index(&s.to_lowercase()) {
            return Some(EventDay::Weekday(w));
        }
        let (name, rest) = s.split_once(char::is_whitespace)?;
        let month = 1 + [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .position(|m| name.to_lowercase().starts_with(m))? as u8;
        let digits: String = rest
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let day: u8 = digits.parse().ok()?;
        crate::load::Date::new(2000, month, day)?;
        Some(EventDay::Date { month, day })
    }

    /// The key compared: a date when the source's own date resolves a weekday (the
    /// last such day on or before it), else the weekday. Only like keys are compared.
    pub fn key(self, source_date: Option<crate::load::Date>) -> String {
        match (self, source_date) {
            (EventDay::Date { month, day }, _) => format!("date|{month:02}-{day:02}"),
            (EventDay::Weekday(w), Some(d)) => {
                let back = (d.weekday() + 7 - w) % 7;
                let e = d.days_before(u32::from(back));
                format!("date|{:02}-{:02}", e.month, e.day)
            }
            (EventDay::Weekday(w), None) => format!("weekday|{w}"),
        }
    }
}

/// The weekday a sentence puts an event on: "Friday's announcement", "the shooting on
/// Wednesday", "the crash early Sunday" give (span, "event|weekday"). A day ahead
/// ("next Friday's vote", "until Friday") and a day that is a name's ("Good Friday")
/// are not the event's day.
pub fn event_days(sentence: &str, base: usize) -> Vec<(Span, &'static str, EventDay)> {
    event_days_hinted(sentence, base, &EVENTS.hints(sentence))
}

/// [`event_days`] given the sentence's [`Hints`] (read once for every reader).
pub fn event_days_hinted(
    sentence: &str,
    base: usize,
    hints: &Hints,
) -> Vec<(Span, &'static str, EventDay)> {
    // Most sentences name no day, and most that do name no dated event: one pass for
    // the day words, and the nouns from the hints, not the whole pattern.
    if !hints.any(&EVENTS.day_nouns) || !EVENTS.day_words.is_match(sentence) {
        return Vec::new();
    }
    event_days_unfiltered(sentence, base)
}

/// [`event_days`] without the day-word and noun prefilters: the definition it keeps.
fn event_days_unfiltered(sentence: &str, base: usize) -> Vec<(Span, &'static str, EventDay)> {
    event_days_read(sentence, &ascii_view(sentence), base)
}

/// [`event_days_unfiltered`] with the pattern run on `hay`: the sentence or its
/// [`ascii_view`].
fn event_days_read(sentence: &str, hay: &str, base: usize) -> Vec<(Span, &'static str, EventDay)> {
    let ev = &*EVENTS;
    let mut out = Vec::new();
    for c in ev.day.on(hay).captures_iter(hay) {
        let (Some(all), Some(noun), Some(day)) = (
            c.get(0),
            c.name("n1")
                .or_else(|| c.name("n2"))
                .or_else(|| c.name("n3")),
            c.name("d1")
                .or_else(|| c.name("d2"))
                .or_else(|| c.name("d3")),
        ) else {
            continue;
        };
        let before = sentence[..all.start()].trim_end();
        let last = before
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if matches!(
            last.as_str(),
            "next"
                | "coming"
                | "following"
                | "every"
                | "each"
                | "until"
                | "till"
                | "by"
                | "good"
                | "black"
        ) {
            continue;
        }
        // "the announcement Friday's …": the day belongs to what follows.
        if c.name("d2").is_some() && sentence[day.end()..].starts_with("'s") {
            continue;
        }
        let (Some(event), Some(when)) = (
            ev.dated.get(&fold(&sentence[noun.range()])),
            EventDay::parse(&sentence[day.range()]),
        ) else {
            continue;
        };
        out.push((
            Span::new(base + all.start(), base + all.end()),
            event.as_str(),
            when,
        ));
    }
    out
}

/// Legal status phrases in a sentence: (span, status, affirmed).
pub fn statuses(sentence: &str, base: usize) -> Vec<(Span, &'static str, bool)> {
    statuses_hinted(sentence, base, &EVENTS.hints(sentence))
}

/// [`statuses`] given the sentence's [`Hints`] (read once for every reader).
pub fn statuses_hinted(
    sentence: &str,
    base: usize,
    hints: &Hints,
) -> Vec<(Span, &'static str, bool)> {
    let ev: &'static Events = &EVENTS;
    let mut out: Vec<(Span, &'static str, bool)> = Vec::new();
    if !hints.any(&ev.status_needles) {
        return out;
    }
    // The sentence in ASCII lower case, made for the first phrase whose needle it holds;
    // `None` when it holds a letter `(?i)` folds to an ASCII one (then every phrase runs).
    let lower: OnceCell<Option<String>> = OnceCell::new();
    let holds_others = |s: &StatusPhrase| {
        let lower =
            lower.get_or_init(|| (!holds_folding(sentence)).then(|| sentence.to_ascii_lowercase()));
        lower
            .as_ref()
            .is_none_or(|l| s.others.iter().all(|w| l.contains(w.as_str())))
    };
    for s in ev
        .statuses
        .iter()
        .filter(|s| hints.0.has(s.needle) && holds_others(s))
    {
        // Made by `holds_others` for this phrase.
        let l = lower.get().and_then(Option::as_deref);
        for (start, end) in s.find_iter(sentence, l) {
            let span = Span::new(base + start, base + end);
            // A denial contains its affirmation ("not been charged"): keep the longer.
            if out.iter().any(|(o, _, _)| o.overlaps(span)) {
                continue;
            }
            out.push((span, s.status.as_str(), s.affirmed));
        }
    }
    out.sort_by_key(|(s, _, _)| *s);
    out
}

#[cfg(test)]
mod tests {
    use super::super::text::FOLDS_TO_ASCII;
    use super::*;

    fn kinds(s: &str) -> Vec<String> {
        event_kinds(s, 0).into_iter().map(|(_, k)| k).collect()
    }

    #[test]
    fn compound_event_kinds_with_their_modifier() {
        assert_eq!(
            kinds("shot during a rap video release party."),
            ["video|release party"]
        );
        assert_eq!(kinds("at a CD release party"), ["record|release party"]);
        assert_eq!(
            kinds("Shots Fired At Record Release Party"),
            ["record|release party"]
        );
        assert!(kinds("at a house party").is_empty());
        assert!(kinds("Tom's release party").is_empty());
        assert!(kinds("at a Friday news conference").is_empty());
        assert!(kinds("at an evening news conference").is_empty());
        assert!(kinds("mailed by the Zembla Postal Service to him").is_empty());
    }

    #[test]
    fn onset_inside_or_outside_and_not_both() {
        let o = |s: &str| onsets(s, 0).into_iter().map(|(_, k)| k).collect::<Vec<_>>();
        assert_eq!(o("A fight broke out inside the hall."), ["inside"]);
        assert_eq!(o("the trouble started outside his shop"), ["outside"]);
        assert_eq!(
            o("it initiated on the exterior of our building"),
            ["outside"]
        );
        assert!(o("they started firing both inside and outside").is_empty());
        assert!(o("shots broke out inside and outside").is_empty());
        assert!(o("we found shells inside").is_empty());
    }

    #[test]
    fn the_weekday_of_an_event() {
        let d = |s: &str| {
            event_days(s, 0)
                .into_iter()
                .map(|(_, e, day)| format!("{e}|{}", day.key(None)))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            d("Friday's announcement surprised the region."),
            ["announcement|weekday|4"]
        );
        assert_eq!(
            d("Friday's surprise announcement surprised them."),
            ["announcement|weekday|4"]
        );
        assert_eq!(
            d("Two died in the shooting on Wednesday."),
            ["shooting|weekday|2"]
        );
        assert_eq!(
            d("after the crash early Sunday near Dellmoor"),
            ["crash|weekday|6"]
        );
        assert_eq!(d("The Blaze On Sunday Spread"), ["fire|weekday|6"]);
        // Days ahead, holidays, verbs and other events are not the event's day.
        assert!(d("Next Friday's vote is the first.").is_empty());
        assert!(d("the ban on gunfire until Friday").is_empty());
        assert!(d("Sales before the Good Friday's holiday").is_empty());
        assert!(d("Officials announced Friday that it was over.").is_empty());
        assert!(d("A vigil was held Thursday.").is_empty());
        assert!(d("the shooting friday").is_empty());
        // Days of a month, before or after the noun.
        assert_eq!(d("after the March 3 crash"), ["crash|date|03-03"]);
        assert_eq!(
            d("the shooting on Sept. 14 left two dead"),
            ["shooting|date|09-14"]
        );
        assert!(d("the crash on March 32").is_empty());
    }

    #[test]
    fn a_weekday_resolves_against_the_sources_date() {
        let date = crate::load::Date::new(2024, 3, 6); // a Wednesday
        assert_eq!(EventDay::Weekday(2).key(date), "date|03-06");
        assert_eq!(EventDay::Weekday(6).key(date), "date|03-03");
        // Across a month (and a leap day).
        let date = crate::load::Date::new(2024, 3, 1); // a Friday
        assert_eq!(EventDay::Weekday(3).key(date), "date|02-29");
        assert_eq!(EventDay::Weekday(3).key(None), "weekday|3");
    }

    #[test]
    fn legal_status_said_and_denied() {
        let s = |t: &str| {
            statuses(t, 0)
                .into_iter()
                .map(|(_, s, a)| (s, a))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            s("Roe has been charged with two crimes"),
            [("charged", true)]
        );
        assert_eq!(
            s("No formal charges have been filed yet."),
            [("charged", false)]
        );
        assert_eq!(s("Roe has not been charged."), [("charged", false)]);
        assert_eq!(
            s("Police said no arrests have been made."),
            [("arrested", false)]
        );
        assert_eq!(s("Roe was arrested on Friday."), [("arrested", true)]);
    }

    /// [`statuses`] with every phrase's pattern run, none skipped by the word set.
    fn statuses_every_pattern(sentence: &str) -> Vec<(Span, &'static str, bool)> {
        let mut out: Vec<(Span, &'static str, bool)> = Vec::new();
        for s in &EVENTS.statuses {
            for m in s.pattern.get().find_iter(sentence) {
                let span = Span::new(m.start(), m.end());
                if !out.iter().any(|(o, _, _)| o.overlaps(span)) {
                    out.push((span, s.status.as_str(), s.affirmed));
                }
            }
        }
        out.sort_by_key(|(s, _, _)| *s);
        out
    }

    #[test]
    fn the_word_set_never_skips_a_phrase_that_is_there() {
        // Every shipped phrase, in any case, alone and in a sentence with others.
        let raw: RawEvents = crate::wordlists::shipped("event_attributes.yaml");
        let phrases: Vec<String> = raw
            .legal
            .values()
            .flat_map(|s| s.says.iter().chain(&s.denies))
            .map(|p| p.replace('*', "formal"))
            .collect();
        assert!(phrases.len() > 10);
        let mut sentences = Vec::new();
        for p in &phrases {
            sentences.push(format!("Roe {p} on Friday."));
            sentences.push(format!("ROE {} ON FRIDAY.", p.to_uppercase()));
            sentences.push(format!("“Roe,” they said, {p}…"));
        }
        sentences.push(phrases.join(", and "));
        // Each phrase with one of its words left out or changed: the needle stands, the
        // phrase does not.
        for p in &phrases {
            let ws: Vec<&str> = p.split_whitespace().collect();
            for k in 0..ws.len() {
                let mut less = ws.clone();
                less.remove(k);
                sentences.push(format!("Roe {} on Friday.", less.join(" ")));
                let mut other = ws.clone();
                other[k] = "xyz";
                sentences.push(format!("Roe {} on Friday.", other.join(" ")));
            }
        }
        for (k, t) in sentences.iter().enumerate() {
            let got = statuses(t, 0);
            // The first ones hold a whole phrase each.
            assert!(k > 3 * phrases.len() || !got.is_empty(), "{t}");
            assert_eq!(got, statuses_every_pattern(t), "{t}");
        }
        // Letters that match an ASCII letter case-insensitively without being one (the
        // long s, the Kelvin sign), and sentences with no phrase.
        for t in [
            "Roe was arre\u{17f}ted and taken into cu\u{17f}tody.",
            "Roe was ta\u{212a}en into custody.",
            "The charge was dropped; no one arrested anyone.",
            "",
        ] {
            assert_eq!(statuses(t, 0), statuses_every_pattern(t), "{t}");
        }
    }

    /// Sentences that hold, or nearly hold, every onset and event-day phrase: each
    /// verb or noun of the vocabulary with each place or day form, in several cases.
    fn phrase_sentences() -> Vec<String> {
        let raw: RawEvents = crate::wordlists::shipped("event_attributes.yaml");
        let places: Vec<&String> = raw.places.values().flatten().collect();
        let nouns: Vec<&String> = raw.dated_events.values().flatten().collect();
        let days = [
            "Friday",
            "Sunday",
            "March 3",
            "Sept. 14",
            "Sep. 2",
            "Aug. 2nd",
            "June 30th",
            "May 1",
            "Dec. 24",
            "friday",
            "MONDAY",
        ];
        let mut out = Vec::new();
        for v in &raw.onset_verbs {
            for p in &places {
                out.push(format!("A fight {v} {p} the hall."));
                out.push(format!(
                    "A FIGHT {} {}.",
                    v.to_uppercase(),
                    p.to_uppercase()
                ));
                out.push(format!("Shots {v} both {p} and out."));
                out.push(format!("it {v}\n{p}"));
            }
        }
        for n in &nouns {
            for d in days {
                out.push(format!("The {n} on {d} left two hurt."));
                out.push(format!("{d}'s {n} was the first."));
                out.push(format!("after the {d} {n} near Dellmoor"));
                out.push(format!("next {d}'s {n}"));
                out.push(format!("The {} Early {d}", n.to_uppercase()));
            }
        }
        out.extend(
            [
                "",
                "No day and no verb here.",
                "It broke out in\u{17f}ide the hall on Friday.",
                "A fight bro\u{212a}e out inside.",
                "“The shooting,” on Friday — police said.",
                "On Friday the council met, as it did on March 3.",
                "Friday's bla\u{17f}t and the cra\u{212a}h on Monday.",
                "The BLAST on friday and the Blast on Friday.",
            ]
            .map(String::from),
        );
        out
    }

    #[test]
    fn the_kind_prefilter_never_skips_a_word_that_folds_to_an_event_noun() {
        let ev = &*EVENTS;
        let mut nouns: Vec<&str> = ev.nouns.iter().map(String::as_str).collect();
        nouns.sort_unstable();
        let mut texts: Vec<String> = Vec::new();
        for n in &nouns {
            let cap = format!("{}{}", n[..1].to_uppercase(), &n[1..]);
            let dotted: String = n.chars().flat_map(|c| [c, '.']).collect();
            let inner = format!("{}.{}", &n[..1], &n[1..]);
            for w in [
                n.to_string(),
                n.to_uppercase(),
                cap,
                format!("{n}."),
                format!(".{n}"),
                dotted.to_uppercase(),
                inner.clone(),
                format!("{inner}'s"),
                n.replace('k', "\u{212a}"),
            ] {
                texts.push(format!("a rap video release {w} near Dellmoor"));
                texts.push(format!("The Annual {w}, police said."));
            }
        }
        for (short, full) in super::super::text::abbreviations_of(&nouns)
            .into_iter()
            .map(|a| (a, fold(a)))
        {
            texts.push(format!("the big {short}. went on ({full})"));
        }
        texts.extend(
            [
                "",
                "No event is named here.",
                "The Zembla Postal Service said so on Friday.",
                "A ba\u{212a}e sale and a P.A.R.T.Y downtown",
                "She went to the U.S. for a meeting.",
            ]
            .map(String::from),
        );
        let mut named = 0;
        for t in &texts {
            let folds = words(t, 0).iter().any(|w| ev.nouns.contains(w.folded()));
            named += usize::from(folds);
            if folds {
                assert!(ev.may_name_kind(t, &ev.hints(t)), "{t}");
            }
        }
        assert!(named > 200, "{named}");
        // A sentence with no noun in any case and no dot before a letter is skipped.
        let t = "Five people were hurt in Dellmoor on Friday, police said.";
        assert!(!ev.may_name_kind(t, &ev.hints(t)));
    }

    #[test]
    fn only_the_kelvin_sign_lower_cases_to_ascii_outside_it() {
        // The kind prefilter looks for ASCII nouns: a word that folds to one holds no
        // other letter outside ASCII (the Kelvin sign makes `Needles` take every word).
        let to_ascii: Vec<char> = (0x80..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, ['\u{212a}']);
        assert!(FOLDS_TO_ASCII.contains(&'\u{212a}'));
    }

    #[test]
    fn the_prefilters_never_skip_a_sentence_that_holds_an_onset_or_a_day() {
        let mut onsets_found = 0;
        let mut days_found = 0;
        for t in phrase_sentences() {
            let want = onsets_unfiltered(&t, 5);
            onsets_found += want.len();
            assert_eq!(onsets(&t, 5), want, "{t}");
            let want = event_days_unfiltered(&t, 5);
            days_found += want.len();
            assert_eq!(event_days(&t, 5), want, "{t}");
        }
        // The sentences do hold some of each, or the comparison says nothing.
        assert!(
            onsets_found > 20 && days_found > 50,
            "{onsets_found} {days_found}"
        );
    }

    #[test]
    fn only_the_long_s_and_the_kelvin_sign_fold_to_ascii_outside_it() {
        // Every character, against the regex crate's own `(?i)`: the phrase reader's
        // folding is the patterns'.
        let any = Regex::new(r"(?i)^[a-z0-9]$").unwrap();
        let each: Vec<(u8, Regex)> = (b'0'..=b'9')
            .chain(b'a'..=b'z')
            .map(|b| (b, Regex::new(&format!("(?i)^{}$", char::from(b))).unwrap()))
            .collect();
        let mut buf = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            let want = if any.is_match(s) {
                each.iter().find(|(_, r)| r.is_match(s)).map(|(b, _)| *b)
            } else {
                None
            };
            assert_eq!(folded_ascii(c), want, "{c:?}");
        }
    }

    /// The dots found by memchr tell an inner dot as every pair of bytes does: dots
    /// at the ends, before letters, digits, dots and other characters, and on either
    /// side of the vector search's 16 and 32 byte blocks.
    #[test]
    fn an_inner_dot_is_a_dot_before_an_ascii_letter() {
        let mut texts: Vec<String> = [
            "",
            ".",
            "..",
            "a.",
            ".a",
            "U.S",
            "U.S.",
            "p.m",
            "3.5",
            "end.",
            "e.g. so",
            ". a",
            ".\u{e9}",
            "\u{e9}.x",
            "a.\u{212a}",
            ".Z",
            ".[",
            ".`",
            ".{",
            ".@",
        ]
        .map(String::from)
        .to_vec();
        for at in [0, 14, 15, 16, 30, 31, 32, 33, 62, 63, 64, 95] {
            for after in ["a", "1", ".", " ", "Q", "\u{e9}"] {
                let mut t = "x".repeat(100);
                t.replace_range(at..at + 1, ".");
                t.replace_range(at + 1..at + 2, after);
                texts.push(t.clone());
                texts.push(t[..at + 1].to_string());
                texts.push(t.replace('x', " "));
            }
        }
        for t in &texts {
            assert_eq!(inner_dot(t), inner_dot_by_pairs(t), "{t:?}");
        }
        assert!(texts.iter().any(|t| inner_dot(t)) && texts.iter().any(|t| !inner_dot(t)));
    }

    #[test]
    fn the_word_class_is_the_regex_crates() {
        let w = Regex::new(r"^\w$").unwrap();
        let mut buf = [0; 4];
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_word(c), w.is_match(c.encode_utf8(&mut buf)), "{c:?}");
        }
        // Whitespace too: `\s` is `char::is_whitespace`.
        let ws = Regex::new(r"^\s$").unwrap();
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(
                c.is_whitespace(),
                ws.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn the_phrase_reader_finds_what_the_pattern_finds() {
        let raw: RawEvents = crate::wordlists::shipped("event_attributes.yaml");
        let mut phrases: Vec<String> = raw
            .legal
            .values()
            .flat_map(|s| s.says.iter().chain(&s.denies))
            .cloned()
            .collect();
        phrases.extend(["no *", "* no", "a 2b * c"].map(String::from));
        // Around each phrase: boundaries of every kind (word characters outside ASCII,
        // a combining mark, an underscore, digits), spacing outside ASCII, folded letters.
        let fills = [
            "formal", "f_x", "é", "x\u{301}", "٣", "", "-", "'", "__", "Ⅻ",
        ];
        let seps = [" ", "  ", "\u{a0}", "\u{2009}\n", "\t", "", "-", "\u{200d}"];
        for p in &phrases {
            let words = PhraseWords::new(p).unwrap();
            let pattern = Regex::new(&format!(
                r"(?i)\b(?:{})\b",
                alternation(std::slice::from_ref(p))
            ))
            .unwrap();
            for fill in fills {
                for sep in seps {
                    let body: Vec<String> = p
                        .split_whitespace()
                        .map(|w| {
                            if w == "*" {
                                fill.to_string()
                            } else {
                                w.to_string()
                            }
                        })
                        .collect();
                    let phrase = body.join(sep);
                    for t in [
                        phrase.clone(),
                        format!("{fill}{phrase}{fill}"),
                        format!(
                            "Roe {phrase}, {phrase}{phrase} and {}.",
                            phrase.to_uppercase()
                        ),
                        format!("x{sep}{phrase}{sep}{fill}"),
                        phrase.replace('s', "\u{17f}").replace('k', "\u{212a}"),
                        format!("é{phrase}é {phrase}"),
                    ] {
                        let want: Vec<(usize, usize)> = pattern
                            .find_iter(&t)
                            .map(|m| (m.start(), m.end()))
                            .collect();
                        assert_eq!(words.find_iter(&t), want, "{p:?} in {t:?}");
                        // From the lower case, where no letter folds to an ASCII one.
                        if !t.contains(FOLDS_TO_ASCII) {
                            let lower = t.to_ascii_lowercase();
                            let got = words.find_iter_lower(&t, &lower);
                            assert_eq!(got, want, "{p:?} in {t:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_ascii_builds_read_ascii_as_the_unicode_ones() {
        // Every group of every match, on the phrase sentences (ASCII by construction)
        // and on them with each ASCII character that is not a letter or digit put in.
        let ev = &*EVENTS;
        let groups = |r: &Regex, t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            r.captures_iter(t)
                .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                .collect()
        };
        let mut found = 0;
        for t in phrase_sentences().into_iter().filter(|t| t.is_ascii()) {
            let mut variants = vec![t.clone()];
            for b in (0u8..128).filter(|b| !b.is_ascii_alphanumeric()) {
                let c = char::from(b).to_string();
                variants.push(t.replace(' ', &c));
                variants.push(t.replacen(' ', &format!(" {c}"), 2));
            }
            for v in variants {
                for p in [&ev.onset, &ev.day] {
                    let want = groups(p.unicode.get(), &v);
                    found += want.len();
                    assert_eq!(groups(p.ascii.get(), &v), want, "{v:?}");
                }
            }
        }
        assert!(found > 300, "{found}");
    }

    #[test]
    fn every_pattern_compiles() {
        // They are built on first use, so a run that never needs one would not tell.
        let ev = &*EVENTS;
        for s in &ev.statuses {
            let _ = s.pattern.get();
        }
        for p in [&ev.onset, &ev.day] {
            let _ = (p.unicode.get(), p.ascii.get());
        }
    }

    #[test]
    fn the_ascii_view_gives_the_matches_the_sentence_gives() {
        // Each sentence with characters outside ASCII put in: at its spaces, around its
        // words and inside them; the patterns run on the sentence itself are the oracle.
        let stand_ins = [
            "\u{a0}", "\u{2009}", "—", "é", "x\u{301}", "\u{301}", "٣", "\u{17f}", "’", "\u{200d}",
            "Ⅻ", "ǅ", "\u{3000}",
        ];
        let (mut onsets_found, mut days_found) = (0, 0);
        for t in phrase_sentences() {
            for x in stand_ins {
                for v in [
                    t.replace(' ', x),
                    t.replacen(' ', x, 1),
                    t.replace(' ', &format!(" {x}")),
                    t.replace(' ', &format!("{x} ")),
                    format!("{x}{t}{x}"),
                    t.replace('e', x),
                ] {
                    let want = onsets_read(&v, &v, 3);
                    onsets_found += want.len();
                    assert_eq!(onsets_unfiltered(&v, 3), want, "{v:?}");
                    let want = event_days_read(&v, &v, 3);
                    days_found += want.len();
                    assert_eq!(event_days_unfiltered(&v, 3), want, "{v:?}");
                }
            }
        }
        assert!(
            onsets_found > 100 && days_found > 200,
            "{onsets_found} {days_found}"
        );
    }

    #[test]
    fn every_day_form_starts_with_a_day_word() {
        // `DATE`'s month forms and the weekdays, each matched alone by the pattern's
        // day alternatives: each starts with one of the prefilter's words.
        let day = Regex::new(&format!("^(?:{WEEKDAYS}|{DATE})$")).unwrap();
        let months = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let mut forms: Vec<String> = WEEKDAYS.split('|').map(String::from).collect();
        for m in months {
            forms.push(format!("{m} 3"));
            forms.push(format!("{}. 3", &m[..3]));
            if let Some(four) = m.get(..4).filter(|f| f.len() < m.len()) {
                forms.push(format!("{four}. 3"));
            }
        }
        let mut matched = 0;
        for f in &forms {
            if day.is_match(f) {
                matched += 1;
                assert!(day_words().iter().any(|w| f.starts_with(w)), "{f}");
            }
        }
        assert!(matched >= 7 + 12 + 10, "{matched}");
    }
}
