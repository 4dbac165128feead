//! Entity resolution: reconciles the spellings of one entity within and across sources.
//!
//! Mentions with the same folded text form a *form* (a multi-word form is shared by all
//! sources; a one-word form belongs to its source, since "Miliband" may be Ed in one
//! article and David in another). Forms are then joined, most certain first:
//!
//! 1. multi-word forms with each other, token by token (first name with first name,
//!    surname with surname), on accent-folded, style-book-normalised tokens; candidate
//!    pairs come only from shared blocking keys (transliteration key, folded prefix);
//! 2. a one-word form with the full name it shortens, in its own source first, else in
//!    the whole run when exactly one full name fits;
//! 3. the remaining one-word forms with each other across sources.
//!
//! A wrong merge costs more than a missed one: every join is refused when any pair of
//! full names across the two groups contradicts (different given names, say), and when
//! the style book says never.
//!
//! The work is split along its seams: `stylebook.rs` indexes the alias files (and
//! `lexicon.rs` holds it with the rest of the run's vocabulary, built once per run),
//! `form.rs` turns mentions into forms, `score.rs` says how alike two forms are (and
//! gives their blocking keys), and `passes.rs` joins them in the order above.

mod form;
mod lexicon;
pub mod orgwords;
mod passes;
mod prefilter;
mod score;
mod stylebook;
pub mod variant;

use crate::mentions::{EntityKind, Mention, Words};
use crate::rules::RuleSet;

pub use lexicon::Lexicon;
pub use stylebook::StyleBook;

/// One real-world person, place or organisation, and every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable within a run: `e1`, `e2`, … in order of first mention.
    pub id: String,
    /// The style-book spelling when one exists, else the fullest, most common form.
    pub canonical: String,
    /// The kind of entity (from its mentions).
    pub kind: EntityKind,
    /// Indices into the run's mentions, in document and position order.
    pub mentions: Vec<usize>,
}

/// Folded, lower-case tokens of a name: accents, possessive, dots and apostrophes gone;
/// split at spaces, hyphens and commas.
pub fn tokens(words: &Words, text: &str) -> Vec<String> {
    let mut toks = Vec::new();
    tokens_into(words, text, &mut toks);
    toks
}

/// [`tokens`] pushed on `toks` (a caller with a vector at hand allocates only the words).
fn tokens_into(words: &Words, text: &str, toks: &mut Vec<String>) {
    if !plain_tokens(words, text, toks) {
        folded_tokens(words, text, toks);
    }
}

/// [`tokens`] of a plain text, ASCII that accent folding leaves as it is (most names),
/// pushed on `toks`: read word by word, without the folded, lower-cased copies of the
/// whole text. `false` (and nothing pushed) for any other text
/// (`tests::plain_tokens_are_the_folded_ones`).
fn plain_tokens(words: &Words, text: &str, toks: &mut Vec<String>) -> bool {
    // (The table's ASCII keys sort first, as `Words::fold` reads them.)
    let ascii_keys = &words.fold[..words.fold.partition_point(|(k, _)| k.is_ascii())];
    if !text.is_ascii()
        || text
            .chars()
            .any(|c| ascii_keys.iter().any(|(k, _)| *k == c))
    {
        return false;
    }
    let b = text.as_bytes();
    // The possessive (lower-cased first, so "'S" too), else a trailing apostrophe.
    let end = match b {
        [.., b'\'', b's' | b'S'] => b.len() - 2,
        [.., b'\''] => b.len() - 1,
        _ => b.len(),
    };
    // (ASCII: every byte is a character, and every place a boundary.)
    let split = |c: u8| char::from(c).is_whitespace() || matches!(c, b'-' | b',' | b'/');
    let keep = |c: u8| c.is_ascii_alphanumeric() || c == b'&';
    let mut from = 0;
    for (i, &c) in b[..end].iter().enumerate() {
        if split(c) {
            plain_token(&text[from..i], keep, toks);
            from = i + 1;
        }
    }
    plain_token(&text[from..end], keep, toks);
    true
}

/// Adds the token of a plain word (its letters, digits and ampersands, lower-cased)
/// to `toks`, unless it has none.
fn plain_token(w: &str, keep: impl Fn(u8) -> bool, toks: &mut Vec<String>) {
    // (Most words are kept whole: copied, then lower-cased in place.)
    let mut t: String = if w.bytes().all(&keep) {
        w.to_string()
    } else {
        w.bytes().filter(|&c| keep(c)).map(char::from).collect()
    };
    if !t.is_empty() {
        t.make_ascii_lowercase();
        toks.push(t);
    }
}

/// [`tokens`] as defined, pushed on `toks`: the folded, lower-cased text split and
/// cleaned.
fn folded_tokens(words: &Words, text: &str, toks: &mut Vec<String>) {
    let mut folded = words.fold(text);
    if folded.contains('’') {
        folded = folded.replace('’', "'");
    }
    // (ASCII lower-cases in place; other text as `str::to_lowercase` does, a final
    // sigma and all.)
    let folded = if folded.is_ascii() {
        folded.make_ascii_lowercase();
        folded
    } else {
        folded.to_lowercase()
    };
    let folded = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(&folded);
    let keep = |c: char| c.is_alphanumeric() || c == '&';
    toks.extend(
        folded
            .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '/')
            .filter(|t| !t.is_empty())
            .map(|t| {
                if t.chars().all(keep) {
                    t.to_string()
                } else {
                    t.chars().filter(|&c| keep(c)).collect::<String>()
                }
            })
            .filter(|t| !t.is_empty()),
    );
}

/// The entity of every mention (by index), for stages that start from mentions.
pub fn entity_of(entities: &[Entity], mentions: usize) -> Vec<Option<usize>> {
    let mut out = vec![None; mentions];
    for (e, ent) in entities.iter().enumerate() {
        for &m in &ent.mentions {
            if let Some(slot) = out.get_mut(m) {
                *slot = Some(e);
            }
        }
    }
    out
}

/// Groups mentions into entities, with a [`Lexicon`] of the rules built for this call
/// (a run of many stories builds one and calls [`cluster_with`]).
pub fn cluster(mentions: &[Mention], rules: &RuleSet) -> Vec<Entity> {
    cluster_with(mentions, rules, &Lexicon::new(rules))
}

/// Groups mentions into entities, reading the run's lexicon of `rules`.
pub fn cluster_with(mentions: &[Mention], rules: &RuleSet, lexicon: &Lexicon) -> Vec<Entity> {
    let ctx = score::Ctx::new(rules, lexicon);
    let forms = form::forms(mentions, &ctx);
    let mut passes = passes::Passes::new(&ctx, &forms);
    passes.full_names();
    passes.surnames(mentions);
    passes.sole_organisations();
    passes.acronyms(mentions);
    passes.single_words();
    passes.entities(mentions)
}

/// Folded words of a name as the spelling check compares them (for `compare::spelling`).
pub fn compare_tokens(words: &Words, text: &str) -> Vec<String> {
    tokens(words, text)
        .into_iter()
        .filter(|t| !words.particles.contains(t) || t.len() > 3)
        .collect()
}

#[cfg(test)]
mod tests;
