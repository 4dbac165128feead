//! The words of organisation names as entity resolution (`resolve`) compares them
//! (`rules/words/org_words.yaml`): common organisational words in other languages and
//! romanisations read as the English word ("Kholding" as "Holding", "Zavod" as "Plant"),
//! head words that name the same kind of body read as one ("Society" / "Association"),
//! heads and naming words compared by their stems ("Trade" / "Trading"), and abbreviations
//! for the kind of legal entity left out like legal forms.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::mentions::Words;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct OrgWordsFile {
    translations: BTreeMap<String, String>,
    same_heads: Vec<Vec<String>>,
    generic: Vec<String>,
    legal_prefixes: Vec<String>,
    ordinary: Vec<String>,
}

pub(crate) static FILE: LazyLock<OrgWordsFile> =
    LazyLock::new(|| crate::wordlists::shipped("org_words.yaml"));

/// Fewest letters a word keeps once its trailing vowels are dropped for look-up.
const MIN_STRIPPED: usize = 5;

/// Fewest letters of a stem that makes a word a head by its stem alone ("Trade").
const MIN_HEAD_STEM: usize = 5;

/// The word without its trailing vowels ("predpriyatiye" → "predpriyat").
fn strip_vowels(t: &str) -> &str {
    t.trim_end_matches(['a', 'e', 'i', 'o', 'u', 'y'])
}

/// The English stem of a folded lower-case word (the Snowball stemmer's, remembered
/// per thread by [`crate::wordlists::stem`]).
pub fn stem(t: &str) -> String {
    crate::wordlists::stem::stem(t)
}

/// The organisation vocabulary, with the head words of a run's word lists.
#[derive(Debug)]
pub struct OrgWords {
    translations: HashMap<String, String>,
    stripped: HashMap<String, String>,
    /// Word and its stem → the stem of the first word of its `same_heads` line.
    same_heads: HashMap<String, String>,
    generic: HashSet<String>,
    legal_prefixes: HashSet<String>,
    ordinary: HashSet<String>,
    /// Stems of the head words, long enough to stand for them.
    head_stems: HashSet<String>,
    /// Beginnings of the words whose stem may be in `same_heads` or `head_stems`.
    head_starts: StemStarts,
}

/// The beginnings (up to three letters) that a word of letters `a`–`z` has when its
/// English stem is one of a set of stems.
///
/// The stemmer rewrites a word's ending only: its stem is a beginning of the word with
/// at most two letters after it that the word does not have there (`"bility"` →
/// `"ble"`, `"hoping"` → `"hope"`), and keeps at least the first letter
/// (`tests::stems_keep_the_words_beginning`). So a word whose stem is `k` begins with `k`
/// less its last two letters (its first letter when that leaves none): a word that
/// begins with none of these is not stemmed to learn that it is no head, as most words
/// asked about (names) are not.
#[derive(Debug)]
struct StemStarts {
    /// A bit per beginning of one, two and three letters ([`StemStarts::code`]).
    bits: Vec<u64>,
}

impl StemStarts {
    /// Codes of the beginnings of one letter, then two, then three.
    const CODES: usize = 26 + 26 * 26 + 26 * 26 * 26;

    /// The beginnings of the words stemmed to any of `stems`.
    fn of<'s>(stems: impl IntoIterator<Item = &'s str>) -> Self {
        let mut starts = StemStarts {
            bits: vec![0; Self::CODES.div_ceil(64)],
        };
        for k in stems {
            // (A stem with another character is never that of a word of `a`–`z`.)
            if !k.bytes().all(|b| b.is_ascii_lowercase()) || k.is_empty() {
                continue;
            }
            let kept = &k.as_bytes()[..1.max(k.len().saturating_sub(2))];
            let c = Self::code(&kept[..kept.len().min(3)]);
            starts.bits[c / 64] |= 1 << (c % 64);
        }
        starts
    }

    /// The number of a beginning of one to three letters `a`–`z`.
    fn code(p: &[u8]) -> usize {
        let n = p.iter().fold(0, |n, &b| n * 26 + usize::from(b - b'a'));
        match p.len() {
            1 => n,
            2 => 26 + n,
            _ => 26 + 26 * 26 + n,
        }
    }

    /// May the stem of `t` be one of the stems? (True for a word not all of `a`–`z`.)
    fn may_stem_into(&self, t: &str) -> bool {
        let b = t.as_bytes();
        if b.is_empty() || !b.iter().all(u8::is_ascii_lowercase) {
            return true;
        }
        (1..=b.len().min(3)).any(|n| {
            let c = Self::code(&b[..n]);
            self.bits[c / 64] & (1 << (c % 64)) != 0
        })
    }
}

impl OrgWords {
    /// The organisation vocabulary of `words`.
    pub fn new(words: &Words) -> Self {
        let file = &*FILE;
        let mut stripped = HashMap::default();
        for (k, v) in &file.translations {
            let s = strip_vowels(k);
            if s.chars().count() >= MIN_STRIPPED {
                stripped.insert(s.to_string(), v.clone());
            }
        }
        let mut same_heads = HashMap::default();
        for line in &file.same_heads {
            if let Some(first) = line.first() {
                for w in line {
                    same_heads.insert(w.clone(), stem(first));
                    same_heads.insert(stem(w), stem(first));
                }
            }
        }
        let head_stems: HashSet<String> = words
            .org_heads
            .iter()
            .map(|h| stem(h))
            .filter(|s| s.chars().count() >= MIN_HEAD_STEM)
            .collect();
        let head_starts = StemStarts::of(
            same_heads
                .keys()
                .chain(head_stems.iter())
                .map(String::as_str),
        );
        OrgWords {
            translations: file.translations.clone().into_iter().collect(),
            stripped,
            same_heads,
            generic: file.generic.iter().cloned().collect(),
            legal_prefixes: file.legal_prefixes.iter().cloned().collect(),
            ordinary: file.ordinary.iter().cloned().collect(),
            head_stems,
            head_starts,
        }
    }

    /// The English word for a common organisational word, else the word itself.
    pub fn translate<'a>(&'a self, t: &'a str) -> &'a str {
        if let Some(e) = self.translations.get(t) {
            return e;
        }
        let s = strip_vowels(t);
        if s.chars().count() >= MIN_STRIPPED {
            if let Some(e) = self.stripped.get(s) {
                return e;
            }
        }
        t
    }

    /// A word for the kind of legal entity ("NPO"), left out of comparisons.
    pub fn generic(&self, t: &str) -> bool {
        self.generic.contains(t)
    }

    /// A word of a legal form that comes before it ("Open" Joint Stock Company).
    pub fn legal_prefix(&self, t: &str) -> bool {
        self.legal_prefixes.contains(t)
    }

    /// A descriptive word a longer name may add ("Islamic", "General").
    pub fn ordinary(&self, t: &str) -> bool {
        self.ordinary.contains(t)
    }

    /// The head a word stands for in a comparison, if it is one: the stem of the first
    /// word of its `same_heads` line, else its own stem.
    pub fn head(&self, words: &Words, t: &str) -> Option<String> {
        if let Some(first) = self.same_heads.get(t) {
            return Some(first.clone());
        }
        // (A word no stem of the vocabulary can come from is no head: not stemmed.)
        if !words.org_heads.contains(t) && !self.head_starts.may_stem_into(t) {
            return None;
        }
        let s = stem(t);
        if let Some(first) = self.same_heads.get(&s) {
            return Some(first.clone());
        }
        if words.org_heads.contains(t) || self.head_stems.contains(&s) {
            Some(s)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{stem, OrgWords, StemStarts};
    use rust_stemmers::{Algorithm, Stemmer};

    /// Endings the stemmer rewrites, and letters, to build words from.
    const ENDINGS: &[&str] = &[
        "s", "es", "sses", "ies", "ied", "us", "eed", "eedly", "ed", "edly", "ing", "ingly", "y",
        "ly", "tional", "enci", "anci", "abli", "ably", "entli", "izer", "ization", "ational",
        "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness",
        "iviti", "biliti", "bility", "bli", "ogi", "fulli", "lessli", "li", "alize", "icate",
        "iciti", "ical", "ful", "ness", "ative", "al", "ance", "ence", "er", "ic", "able", "ible",
        "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion",
        "tion", "e", "l", "ll", "at", "bl", "iz", "bb", "tt", "ying", "yed", "ay", "oy",
    ];
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzaeiouy";

    /// Words of `a`–`z`: every word of up to three letters, then words of a few random
    /// letters and up to three of the endings the stemmer rewrites.
    fn words(n: usize) -> Vec<String> {
        let mut out: Vec<String> = vec![String::new()];
        for len in 0..3 {
            let last: Vec<String> = out.iter().filter(|w| w.len() == len).cloned().collect();
            for w in last {
                out.extend((b'a'..=b'z').map(|c| format!("{w}{}", c as char)));
            }
        }
        out.remove(0);
        let mut dice = crate::tests::dice(19);
        while out.len() < n {
            let mut w: String = (0..dice(8))
                .map(|_| LETTERS[dice(LETTERS.len())] as char)
                .collect();
            for _ in 0..dice(4) {
                w.push_str(ENDINGS[dice(ENDINGS.len())]);
            }
            out.push(w);
        }
        out
    }

    #[test]
    fn stems_keep_the_words_beginning() {
        // What `StemStarts` rests on: the stem of a word of `a`–`z` is a beginning of
        // the word and at most two letters more, and keeps its first letter.
        let stemmer = Stemmer::create(Algorithm::English);
        let mut shorter = 0;
        for w in words(60_000).iter().filter(|w| !w.is_empty()) {
            let s = stemmer.stem(w);
            let kept = w.bytes().zip(s.bytes()).take_while(|(a, b)| a == b).count();
            assert!(kept >= 1 && kept + 2 >= s.len(), "{w} -> {s}");
            shorter += usize::from(s.len() < w.len());
        }
        // Not vacuous: the endings were rewritten.
        assert!(shorter > 20_000, "{shorter}");
    }

    /// The head of a word as first written: the definition, every word stemmed.
    fn head_by_definition(
        org: &OrgWords,
        words: &crate::mentions::Words,
        t: &str,
    ) -> Option<String> {
        if let Some(first) = org.same_heads.get(t) {
            return Some(first.clone());
        }
        let s = stem(t);
        if let Some(first) = org.same_heads.get(&s) {
            return Some(first.clone());
        }
        (words.org_heads.contains(t) || org.head_stems.contains(&s)).then_some(s)
    }

    #[test]
    fn heads_follow_their_definition() {
        let rules = crate::rules::RuleSet::builtin();
        let org = OrgWords::new(&rules.words);
        // The vocabulary's words and their inflections, invented names, random words.
        let mut asked: Vec<String> = Vec::new();
        for h in rules.words.org_heads.iter().chain(org.same_heads.keys()) {
            asked.push(h.clone());
            for e in ["s", "es", "ing", "ed", "al", "ly", "ity", "ies", "ation"] {
                asked.push(format!("{h}{e}"));
                asked.push(format!("{}{e}", &h[..h.len() - 1]));
            }
        }
        asked.extend(org.translations.keys().cloned());
        asked.extend(
            [
                "velmar",
                "orvik",
                "tarwen",
                "brantelsk",
                "zembla",
                "",
                "Ørvik",
                "x1",
            ]
            .map(String::from),
        );
        asked.extend(words(30_000));
        let mut heads = 0;
        let mut unstemmed = 0;
        for t in &asked {
            let want = head_by_definition(&org, &rules.words, t);
            assert_eq!(org.head(&rules.words, t), want, "{t}");
            heads += usize::from(want.is_some());
            unstemmed += usize::from(!org.head_starts.may_stem_into(t));
        }
        // Not vacuous: heads were found, and most words were answered unstemmed.
        assert!(
            heads > 300 && unstemmed > asked.len() / 2,
            "{heads} {unstemmed}"
        );
    }

    #[test]
    fn stem_starts_are_the_stems_beginnings() {
        let starts = StemStarts::of(["tv", "brigad", "work", "organ", "caf\u{e9}", ""]);
        for (t, want) in [
            ("tvs", true),
            ("t", true),
            ("brigades", true),
            ("brig", true),
            ("bri", true),
            ("br", false),
            ("works", true),
            ("wo", true),
            ("organisation", true),
            ("or", false),
            ("velmar", false),
            ("caf", false),
            ("Tarwen", true),
            ("\u{f8}rvik", true),
            ("", true),
        ] {
            assert_eq!(starts.may_stem_into(t), want, "{t}");
        }
    }

    #[test]
    fn stems_are_the_snowball_stemmers() {
        let stemmer = Stemmer::create(Algorithm::English);
        // Invented names, heads and their inflections, asked twice (the second answer
        // comes from the memo).
        let words = [
            "velmar",
            "trading",
            "trade",
            "traders",
            "holdings",
            "holding",
            "managing",
            "management",
            "metallurgical",
            "metallurgy",
            "associations",
            "society",
            "brantelsk",
            "zembla",
            "companies",
            "agencies",
            "ørvik",
            "a",
            "",
            "ies",
        ];
        for _ in 0..2 {
            for w in words {
                assert_eq!(super::stem(w), stemmer.stem(w).into_owned(), "{w}");
            }
        }
    }
}
