//! What entity resolution reads besides the mentions, prepared from the rules once per
//! run: the style book folded for look-up, the organisation vocabulary and the countries
//! written as one word. A run of thousands of stories builds it once and lends it to
//! every story and thread; the rules themselves hold only what was read from files.

use crate::hash::HashSet;

use super::orgwords::OrgWords;
use super::{tokens, StyleBook};
use crate::mentions::Words;
use crate::rules::RuleSet;

/// The rules' vocabulary as entity resolution and the spelling check look it up.
#[derive(Debug)]
pub struct Lexicon {
    /// The style book (shipped and the user's alias files), folded for look-up.
    pub book: StyleBook,
    /// The organisation vocabulary with the heads of the rules' word lists.
    pub org: OrgWords,
    /// Countries written as one word, from the demonyms ("Korean" → "korea"), folded as
    /// entity resolution folds names.
    pub place_words: HashSet<String>,
    /// This lexicon's number in the process (never reused): what a thread remembers of
    /// a run's names is kept only for the lexicon it was worked out with (`score::Memo`).
    pub(super) id: u64,
}

/// The number the next lexicon gets.
static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Lexicon {
    /// The lexicon of `rules`. Changing the rules' words or aliases afterwards is not
    /// seen: build a new one.
    pub fn new(rules: &RuleSet) -> Self {
        let words = &rules.words;
        Lexicon {
            book: StyleBook::new(rules),
            org: OrgWords::new(words),
            place_words: words
                .demonyms
                .values()
                .map(|p| tokens(words, p).join(""))
                .collect(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Is this name, or one of its words, a spelling the style book replaces?
    pub fn style_variant(&self, words: &Words, text: &str) -> bool {
        let toks = tokens(words, text);
        self.book.is_variant(&toks.join(" ")) || toks.iter().any(|t| self.book.is_variant(t))
    }
}
