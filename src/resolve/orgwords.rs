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
        let head_stems = words
            .org_heads
            .iter()
            .map(|h| stem(h))
            .filter(|s| s.chars().count() >= MIN_HEAD_STEM)
            .collect();
        OrgWords {
            translations: file.translations.clone().into_iter().collect(),
            stripped,
            same_heads,
            generic: file.generic.iter().cloned().collect(),
            legal_prefixes: file.legal_prefixes.iter().cloned().collect(),
            ordinary: file.ordinary.iter().cloned().collect(),
            head_stems,
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
    use rust_stemmers::{Algorithm, Stemmer};

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
