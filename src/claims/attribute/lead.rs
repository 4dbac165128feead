//! A rule-defined slot's lead words: the words every match of its pattern starts with,
//! when the pattern says so plainly (`\b(?:charged|indicted)…`). A stretch of text
//! that holds none of them, in any case, holds no match, and the pattern is not run on
//! it: most sentences that name a person say nothing of the slot, and a pattern's
//! search costs more than a look for a few words.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use super::text::{holds_folding, Needles};
use crate::rules::CustomSlot;

/// The finder of a slot's lead words, made once per pattern for the whole run (a run
/// reads many stories with the same rules): `None` when the pattern has no lead words.
pub type Lead = Option<Arc<LeadWords>>;

/// A pattern's lead words: their finder, and the pattern read in two parts when it
/// has the shape [`Split`] reads.
pub struct LeadWords {
    needles: Needles,
    split: Option<Split>,
}

impl LeadWords {
    /// The lead of `pattern`, whose lead words are `words` ([`lead_words`]).
    fn new(pattern: &str, words: &[&str]) -> LeadWords {
        LeadWords {
            needles: Needles::new(words),
            split: Split::of(pattern),
        }
    }
}

/// The lead of `slot`'s pattern ([`lead_words`]), from a cache of the patterns seen.
pub fn lead_of(slot: &CustomSlot) -> Lead {
    static SEEN: Mutex<Vec<(String, Lead)>> = Mutex::new(Vec::new());
    let source = slot.pattern.as_str();
    // A poisoned lock only means another thread panicked while adding an entry;
    // the entries themselves are whole.
    let mut seen = SEEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some((_, lead)) = seen.iter().find(|(s, _)| s == source) {
        return lead.clone();
    }
    let lead = lead_words(source).map(|words| Arc::new(LeadWords::new(source, &words)));
    seen.push((source.to_string(), lead.clone()));
    lead
}

/// Whether `text` may hold a match of a pattern whose lead is `lead`: false only when
/// it holds none of the lead words in any case ([`Needles::present`], which also takes
/// the letters outside ASCII that `(?i)` folds to ASCII ones into account).
pub fn may_match(lead: &Lead, text: &str) -> bool {
    lead.as_ref()
        .is_none_or(|n| !n.needles.present(text).is_empty())
}

/// The matches of `slot`'s pattern in `text` whose value is one of its words, as
/// [`CustomSlot::matches`] gives them: read in two parts ([`Split`]) when the pattern
/// allows it, else by the pattern (a search without captures first: most texts hold no
/// match, and the captures' search would make and drop its slots first).
pub fn matches<'s>(
    slot: &'s CustomSlot,
    lead: &Lead,
    text: &'s str,
) -> Vec<(usize, usize, &'s str)> {
    let split = lead.as_ref().and_then(|l| l.split.as_ref());
    if let Some(found) = split.and_then(|s| s.matches(slot, text)) {
        return found;
    }
    if !slot.pattern.is_match(text) {
        return Vec::new();
    }
    slot.matches(text).collect()
}

/// Longest gap [`Split`] reads (in characters): a longer one is left to the pattern.
const MAX_GAP: usize = 1000;

/// A slot pattern of the shape `\b(?:w1|w2|…)\b[^X]{0,N}?REST`, where `X` is ASCII
/// punctuation and `REST` opens with lead words of its own (the shipped `charge`
/// slot: "charged … with murder"). Its lazy DFA, run on a text, makes a state for each
/// count of the gap's characters with each partial reading of the rest, and news text
/// keeps asking for new ones (their building was most of the slot's cost). Read in two
/// parts instead: where a lead word starts, the gap is walked a character at a time,
/// and `REST` (compiled alone, anchored) is run only where one of its own lead words
/// starts. The first gap length at which `REST` matches is the match, as the lazy
/// repetition takes it; the first lead word that gives one, as the alternation does.
struct Split {
    /// The pattern's lead words, in its order.
    lead: Vec<Vec<u8>>,
    /// The characters the gap may not hold (`X`).
    stops: Vec<u8>,
    /// The most characters in the gap (`N`).
    max: usize,
    /// `REST`'s own lead words.
    rest_lead: Vec<Vec<u8>>,
    /// `\A(?s:.)(?:REST)`: run from the character before where `REST` is tried, so
    /// that its `\b` sees that character as it does in the whole text.
    rest: regex::Regex,
}

/// A match's end and its value's range (`None` when the value's group took no part).
type Found = (usize, Option<Range<usize>>);

impl Split {
    /// The two parts of `pattern`, or `None` when it is not of the shape read.
    fn of(pattern: &str) -> Option<Split> {
        let lead = lead_words(pattern)?;
        let after = &pattern[pattern.find(')')? + 1..];
        let class = after.strip_prefix(r"\b[^")?;
        let close = class.find(']')?;
        let stops = &class[..close];
        let plain = |b: u8| b.is_ascii_punctuation() && !b"\\[]^-&~".contains(&b);
        if stops.is_empty() || !stops.bytes().all(plain) {
            return None;
        }
        let reps = class[close + 1..].strip_prefix("{0,")?;
        let end = reps.find("}?")?;
        let digits = &reps[..end];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let max: usize = digits.parse().ok().filter(|&n| n <= MAX_GAP)?;
        let rest = &reps[end + 2..];
        let rest_lead = lead_words(rest)?;
        // Built as the slot's pattern is (`rules/schema.rs`).
        let compiled = regex::RegexBuilder::new(&format!(r"\A(?s:.)(?:{rest})"))
            .case_insensitive(true)
            .size_limit(crate::rules::schema::REGEX_SIZE_LIMIT)
            .dfa_size_limit(crate::rules::schema::SLOT_DFA_CACHE)
            .nest_limit(64)
            .build()
            .ok()?;
        compiled
            .capture_names()
            .any(|n| n == Some("value"))
            .then_some(())?;
        let lower = |w: &[&str]| {
            w.iter()
                .map(|w| w.to_ascii_lowercase().into_bytes())
                .collect()
        };
        Some(Split {
            lead: lower(&lead),
            stops: stops.bytes().collect(),
            max,
            rest_lead: lower(&rest_lead),
            rest: compiled,
        })
    }

    /// [`CustomSlot::matches`] of the whole pattern in `text`; `None` when `text` holds
    /// a letter `(?i)` folds to an ASCII one (the words are compared in ASCII case), or
    /// a lead word next to a character outside ASCII (see [`boundary`]).
    fn matches<'s>(
        &self,
        slot: &'s CustomSlot,
        text: &str,
    ) -> Option<Vec<(usize, usize, &'s str)>> {
        if holds_folding(text) {
            return None;
        }
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut q = 0;
        while q < b.len() {
            // A match starts at a lead word after `\b`: where a word starts.
            if word_start(b, q) {
                if let Some((end, value)) = self.at(text, q).ok()? {
                    let key = value.and_then(|v| Some((v.start, v.end, slot.key_of(&text[v])?)));
                    out.extend(key);
                    // The next search starts where the match ends (it is never empty).
                    q = end;
                    continue;
                }
            }
            q += 1;
        }
        Some(out)
    }

    /// Whether a match starts at `q`: its end and its value's range, if any. `Err`
    /// when a lead word stands at `q` next to a character outside ASCII.
    fn at(&self, text: &str, q: usize) -> Result<Option<Found>, ()> {
        let b = text.as_bytes();
        for w in &self.lead {
            let e = q + w.len();
            if !b.get(q..e).is_some_and(|t| t.eq_ignore_ascii_case(w)) {
                continue;
            }
            if !boundary(text, q).ok_or(())? {
                return Ok(None);
            }
            if !boundary(text, e).ok_or(())? {
                continue;
            }
            if let Some(found) = self.after_lead(text, e) {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// The match whose lead word ends at `e`: the gap taken shortest first.
    fn after_lead(&self, text: &str, e: usize) -> Option<Found> {
        let b = text.as_bytes();
        let mut r = e;
        let mut taken = 0;
        loop {
            if word_start(b, r)
                && self
                    .rest_lead
                    .iter()
                    .any(|w| starts_with_any_case(&b[r..], w))
            {
                // `r` follows a lead word: a character stands before it.
                let p = text[..r].char_indices().next_back().map_or(0, |(i, _)| i);
                if let Some(c) = self.rest.captures(&text[p..]) {
                    let end = p + c.get(0)?.end();
                    let value = c.name("value").map(|v| p + v.start()..p + v.end());
                    return Some((end, value));
                }
            }
            if taken == self.max {
                return None;
            }
            let ch = text[r..].chars().next()?;
            if ch.is_ascii() && self.stops.contains(&(ch as u8)) {
                return None;
            }
            r += ch.len_utf8();
            taken += 1;
        }
    }
}

/// Whether an ASCII letter stands at `i` after no ASCII letter or digit: where a word
/// that follows `\b` may start (the character before a word's first letter is no
/// word character, so its last byte is no ASCII letter or digit).
fn word_start(b: &[u8], i: usize) -> bool {
    b.get(i).is_some_and(u8::is_ascii_alphabetic) && (i == 0 || !b[i - 1].is_ascii_alphanumeric())
}

fn starts_with_any_case(b: &[u8], w: &[u8]) -> bool {
    b.get(..w.len()).is_some_and(|t| t.eq_ignore_ascii_case(w))
}

/// Whether `\b` holds at `i` of `text`: a word character on one side only. `None`
/// when a character next to `i` is not ASCII: whether `\b` takes it for a word
/// character is left to the pattern (such a text is read by it, [`Split::matches`]).
fn boundary(text: &str, i: usize) -> Option<bool> {
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let before = match i.checked_sub(1).map(|k| b[k]) {
        Some(c) if !c.is_ascii() => return None,
        c => c.is_some_and(word),
    };
    let after = match b.get(i) {
        Some(&c) if !c.is_ascii() => return None,
        c => c.is_some_and(|&c| word(c)),
    };
    Some(before != after)
}

/// The words every match of `pattern` starts with: `Some` when the pattern opens with
/// `\b(?:w1|w2|…)`, each word plain ASCII letters, not followed by a repetition, and
/// has no other branch at its top level (`…|x` would match without them). A slot
/// pattern is compiled with `(?i)` alone (`rules/schema.rs`), so a match starts with
/// one of the words in some case. Anything this reader is unsure of gives `None`.
pub fn lead_words(pattern: &str) -> Option<Vec<&str>> {
    let rest = pattern.strip_prefix(r"\b(?:")?;
    let close = rest.find(')')?;
    let words: Vec<&str> = rest[..close].split('|').collect();
    if words
        .iter()
        .any(|w| w.is_empty() || !w.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        return None;
    }
    let tail = &rest[close + 1..];
    if tail.starts_with(['?', '*', '+', '{']) || !single_branch(tail) {
        return None;
    }
    Some(words)
}

/// Whether the rest of a valid pattern has no `|` outside its groups and classes.
/// False when unsure: a flag group that turns on verbose mode (`x`: its comments may
/// hold anything), or brackets that do not pair.
fn single_branch(tail: &str) -> bool {
    let mut chars = tail.chars().peekable();
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => skip_escape(&mut chars),
            '[' if !skip_class(&mut chars) => return false,
            '(' => {
                if chars.peek() == Some(&'?') && verbose_flag(chars.clone()) {
                    return false;
                }
                depth += 1;
            }
            ')' => {
                let Some(d) = depth.checked_sub(1) else {
                    return false;
                };
                depth = d;
            }
            '|' if depth == 0 => return false,
            _ => {}
        }
    }
    depth == 0
}

/// Whether a group opening `(?flags…` (`chars` right after the `(`) turns on `x`.
fn verbose_flag(mut chars: impl Iterator<Item = char>) -> bool {
    chars.next();
    for c in chars {
        match c {
            ':' | ')' | '-' | '<' | 'P' => return false,
            'x' => return true,
            _ => {}
        }
    }
    false
}

/// Skips the rest of an escape after its `\`: one character, and a braced argument
/// (`\p{Greek}`, `\x{2a}`, `\b{start}`) when a letter is followed by `{`.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars>) {
    let Some(e) = chars.next() else {
        return;
    };
    if e.is_ascii_alphabetic() && chars.peek() == Some(&'{') {
        for c in chars.by_ref() {
            if c == '}' {
                break;
            }
        }
    }
}

/// Skips a class after its `[` up to its closing `]`, classes inside it too (a `]`
/// first, after an optional `^`, is a literal). False when the class does not close.
fn skip_class(chars: &mut std::iter::Peekable<std::str::Chars>) -> bool {
    if chars.peek() == Some(&'^') {
        chars.next();
    }
    if chars.peek() == Some(&']') {
        chars.next();
    }
    while let Some(c) = chars.next() {
        match c {
            '\\' => skip_escape(chars),
            '[' if !skip_class(chars) => return false,
            ']' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_words_only_where_every_match_starts_with_one() {
        let yes = [
            (
                r"\b(?:charged|booked)\b[^.;]{0,60}?\b(?:with|on)\s+{w}",
                vec!["charged", "booked"],
            ),
            (r"\b(?:armed)\s+(?:with|by)\s+an?\s+x", vec!["armed"]),
            (
                r"\b(?:a|Bb)[|(\]]x(?:y|z)\p{L}\b{end}[[:alpha:]|]",
                vec!["a", "Bb"],
            ),
            (r"\b(?:held)(?i:x|y)(?:(?:a)|b)", vec!["held"]),
        ];
        for (p, want) in yes {
            assert_eq!(lead_words(p), Some(want), "{p}");
        }
        for p in [
            r"^, an? x",
            r"(?-i)\b(?:charged)x",
            r"\b(?:charged|)x",
            r"\b(?:char-ged)x",
            r"\b(?:charged)?x",
            r"\b(?:charged)*x",
            r"\b(?:charged){0,2}x",
            r"\b(?:charged)x|y",
            r"\b(?:charged)[|]x|y",
            r"\b(?:charged)\|x|y",
            r"\b(?:charged)(?x)a # (\n|b",
            r"\b(?:charged)(?sx:a # (\n)|b",
            r"\b(?:charged)x)|(y",
            r"\b(?:chargéd)x",
            r"\b(?:charged)[x",
        ] {
            assert_eq!(lead_words(p), None, "{p}");
        }
    }

    /// Texts each pattern is tried on: with and without its words, in other cases,
    /// inside other words, and with the letters `(?i)` folds to ASCII ones.
    const TEXTS: [&str; 12] = [
        "",
        "Ona Vell was charged with murder.",
        "Ona Vell was CHARGED WITH MURDER.",
        "Ona Vell was discharged with honours.",
        "Ona Vell was booked on arson",
        "Ona Vell was boo\u{212a}ed on arson",
        "Ona Vell was \u{212a}illed",
        "Ona Vell ſaid it.",
        "Ona Vell, a witness, spoke.",
        "Ona Vell was arraigned for theft",
        "Ona Vell held x",
        "\u{2014}charged\u{2019} with murder",
    ];

    #[test]
    fn a_text_without_a_lead_word_holds_no_match() {
        let patterns = [
            r"\b(?:charged|indicted|booked|arraigned)\b[^.;]{0,60}?\b(?:with|on|for)\s+(?:murder|arson|theft)\b",
            r"\b(?:charged|booked)\s+(?:with|on)",
            r"\b(?:ona)\s+vell",
            r"\b(?:held|killed)(?:\s+x)?",
            r"\b(?:booked)\b",
        ];
        let mut skipped = 0;
        for p in patterns {
            let re = regex::RegexBuilder::new(p)
                .case_insensitive(true)
                .build()
                .unwrap();
            let lead = lead_words(p).map(|w| Arc::new(LeadWords::new(p, &w)));
            assert!(lead.is_some(), "{p}");
            for t in TEXTS {
                if !may_match(&lead, t) {
                    skipped += 1;
                    assert!(!re.is_match(t), "{p} on {t}");
                }
            }
        }
        assert!(skipped > 20, "{skipped}");
    }

    /// The shipped `charge` slot, and an invented one of the same shape whose gap and
    /// rest differ (a short gap, other stops, an optional part before the value).
    fn split_slots() -> Vec<CustomSlot> {
        let rules = crate::rules::RuleSet::builtin();
        let charge = rules
            .custom_slots()
            .into_iter()
            .find(|s| s.name == "charge")
            .expect("the charge slot is shipped")
            .clone();
        let pattern = r"\b(?:armed|arm|toting)\b[^,;!]{0,12}?\b(?:an|a|the)\s+(?:old\s+)?(?P<value>rifle|pistol|knife|old rifle)\b";
        let words = [("rifle", "rifle"), ("pistol", "pistol"), ("knife", "knife")];
        let invented = CustomSlot {
            name: "weapon".into(),
            of: crate::rules::SlotOwner::Person,
            pattern: regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap(),
            words: words
                .iter()
                .map(|(w, k)| (w.to_string(), k.to_string()))
                .collect(),
        };
        vec![charge, invented]
    }

    #[test]
    fn only_a_pattern_of_the_split_shape_is_split() {
        for slot in split_slots() {
            assert!(
                Split::of(slot.pattern.as_str()).is_some(),
                "{}",
                slot.pattern
            );
        }
        for p in [
            r"\b(?:charged)\s+(?:with)\s+(?P<value>x)",
            r"\b(?:charged)\b[^.a]{0,60}?\b(?:with)\s+(?P<value>x)",
            r"\b(?:charged)\b[^.\]]{0,60}?\b(?:with)\s+(?P<value>x)",
            r"\b(?:charged)\b[^.;]{0,60}\b(?:with)\s+(?P<value>x)",
            r"\b(?:charged)\b[^.;]{1,60}?\b(?:with)\s+(?P<value>x)",
            r"\b(?:charged)\b[^.;]{0,60}?\s+(?:with)\s+(?P<value>x)",
            r"\b(?:charged)\b[^.;]{0,60}?\b(?:with)\s+x",
            r"\b(?:charged)\b[^.;]{0,99999}?\b(?:with)\s+(?P<value>x)",
        ] {
            assert!(Split::of(p).is_none(), "{p}");
        }
    }

    /// Pieces of the texts the split reading is checked on: the slots' words in
    /// several cases, inside other words, stops, non-ASCII word characters (a letter, a
    /// combining mark) and other characters, and the letters `(?i)` folds to ASCII.
    const PIECES: [&str; 44] = [
        "charged",
        "Charged",
        "CHARGED",
        "discharged",
        "indicted",
        "booked",
        "arraigned",
        "with",
        "WITH",
        "on",
        "for",
        "forth",
        "murder",
        "Murder",
        "attempted",
        "homicide",
        "manslaughter",
        "two",
        "counts",
        "of",
        "first",
        "-degree",
        "felony",
        "assault",
        "a",
        "deadly",
        "weapon",
        "DUI",
        "armed",
        "arm",
        "an",
        "old",
        "rifle",
        "pistol",
        " ",
        "  ",
        ".",
        ";",
        "\"",
        ",",
        "\u{e9}",
        "_",
        "\u{301}",
        "\u{17f}",
    ];
    const MORE: [&str; 9] = [
        "\u{212a}", "\n", "1", "\u{2019}", "\u{2014}", "x", "toting", "the", "knife",
    ];

    /// What stands between two pieces: mostly a space, so that phrases form.
    const GAPS: [&str; 6] = [" ", " ", " ", "", ",", "  "];

    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces: Vec<&str> = PIECES.iter().chain(MORE.iter()).copied().collect();
        let piece = (
            prop::sample::select(pieces),
            prop::sample::select(GAPS.to_vec()),
        );
        prop::collection::vec(piece, 0..48)
            .prop_map(|v| v.iter().flat_map(|(p, g)| [*p, *g]).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        #[test]
        fn the_split_reading_finds_the_patterns_matches(text in texts()) {
            for slot in split_slots() {
                let lead = lead_of(&slot);
                let split = lead.as_ref().and_then(|l| l.split.as_ref()).expect("split");
                let want: Vec<_> = slot.matches(&text).collect();
                proptest::prop_assert_eq!(&matches(&slot, &lead, &text), &want, "{}", slot.pattern);
                if let Some(found) = split.matches(&slot, &text) {
                    proptest::prop_assert_eq!(found, want);
                } else {
                    proptest::prop_assert!(!text.is_ascii());
                }
                if text.is_ascii() {
                    proptest::prop_assert!(split.matches(&slot, &text).is_some());
                }
            }
        }
    }

    /// The same, on many texts made the same way by a fixed sequence, with a count of
    /// the matches (the comparison is not of empty lists only).
    #[test]
    fn the_split_reading_finds_the_patterns_many_matches() {
        let pieces: Vec<&str> = PIECES.iter().chain(MORE.iter()).copied().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let slots = split_slots();
        let leads: Vec<Lead> = slots.iter().map(lead_of).collect();
        let mut found = [0; 2];
        for _ in 0..4000 {
            let len = next(40);
            let text: String = (0..len)
                .flat_map(|_| [pieces[next(pieces.len())], GAPS[next(GAPS.len())]])
                .collect();
            for (k, (slot, lead)) in slots.iter().zip(&leads).enumerate() {
                let want: Vec<_> = slot.matches(&text).collect();
                found[k] += want.len();
                assert_eq!(matches(slot, lead, &text), want, "{text}");
            }
        }
        assert!(found[0] > 50 && found[1] > 4, "{found:?}");
    }

    #[test]
    fn the_split_reading_finds_the_patterns_matches_in_sentences() {
        let texts = [
            "Ona Vell was charged with murder.",
            "Ona Vell was charged Friday in the death with two counts of first-degree murder",
            "Ona Vell was charged; with murder",
            "Ona Vell was charged in a case that took many months and many hearings to bring with murder",
            "Ona Vell was charged\u{e9} with murder, and booked on arson, then indicted for theft",
            "charged with murder charged with arson",
            "Ona was charged with\u{301} murder and charged with_ arson and charged with DUI",
            "\u{2014}charged\u{2019} with murder",
            "Ona was armed with an old rifle, armed with a pistol; toting the knife",
        ];
        let mut found = 0;
        for slot in split_slots() {
            let lead = lead_of(&slot);
            for t in texts {
                let want: Vec<_> = slot.matches(t).collect();
                found += want.len();
                assert_eq!(matches(&slot, &lead, t), want, "{t}");
            }
        }
        assert!(found >= 8, "{found}");
    }
}
