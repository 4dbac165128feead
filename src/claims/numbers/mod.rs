//! The number-phrase reader: every quantity a sentence states, with its qualifier.

pub(crate) mod lex;
mod parse;
pub(crate) mod words;

use serde::Serialize;

use crate::span::Span;

/// What a number stands for: only counts and amounts are compared with each other.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// A count or amount ("1,000 fighters", "$2", "63%").
    Quantity,
    /// A year ("in 2014").
    Year,
    /// A day of the calendar.
    Date,
    /// A clock time.
    Time,
    /// A person's age.
    Age,
    /// An ordinal ("third").
    Ordinal,
    /// Addresses, phone numbers, quoted identifiers: numbers that are names.
    Identifier,
}

/// The bounds a text states, before any tolerance. `None` is an open side.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Value {
    /// The lower bound (`None`: open, as in "up to 10").
    pub low: Option<f64>,
    /// The upper bound (`None`: open, as in "more than 10").
    pub high: Option<f64>,
}

impl Value {
    /// A single value: both bounds `v`.
    pub fn exact(v: f64) -> Self {
        Value {
            low: Some(v),
            high: Some(v),
        }
    }
}

/// How the text hedges or bounds a number.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated, no hedge.
    #[default]
    Exact,
    /// about, around, roughly, some, an estimated…
    Approximately,
    /// nearly, almost: a little below the stated value.
    Nearly,
    /// at least, no fewer than, upwards of: inclusive lower bound.
    AtLeast,
    /// more than, over: exclusive lower bound.
    MoreThan,
    /// up to, as many as, at most, no more than: inclusive upper bound.
    AtMost,
    /// fewer than, less than, under: exclusive upper bound.
    LessThan,
    /// between A and B, A-B.
    Range,
}

/// One number phrase found in a piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberPhrase {
    /// Byte span in the text given to [`read`], qualifier included.
    pub span: Span,
    /// What the number stands for.
    pub kind: NumberKind,
    /// The bounds the phrase states.
    pub value: Value,
    /// Its hedge ("about", "more than", exact).
    pub qualifier: Qualifier,
    /// The unit written with it, if any.
    pub unit: Option<String>,
    /// A vague amount ("dozens", "hundreds") rather than a figure.
    pub vague: bool,
}

/// Reads every number phrase in `text` (typically one sentence).
///
/// Never panics; spans lie inside `text` on character boundaries.
pub fn read(text: &str) -> Vec<NumberPhrase> {
    if !may_hold_number(text) {
        return Vec::new();
    }
    parse::read(text)
}

/// Whether `text` may hold a number phrase: it has a digit, a vulgar fraction, or a
/// word the number grammar reads a number from. Every phrase the parser reads holds
/// one: a digit or a fraction is a number token, and every other reading ("two",
/// "a hundred", "the third", "half", "several", "tens of thousands", "a handful",
/// "dozens") takes at least one of [`starts_number`]'s words. Most sentences hold
/// none, and are neither lexed nor parsed.
pub fn may_hold_number(text: &str) -> bool {
    if text.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // Each run of letters, the pieces a word token is made of (a token joins runs with
    // apostrophes and dots): a token that is a number word is one whole run.
    let mut run: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphabetic() && i < text.len() {
            run.get_or_insert(i);
            continue;
        }
        if let Some(start) = run.take() {
            if with_lower(&text[start..i], starts_number) {
                return true;
            }
        }
        if lex::vulgar(c).is_some() {
            return true;
        }
    }
    false
}

/// `f` of `w` lower-cased as [`lex::lex`] lower-cases a word, with no new string for
/// a short ASCII word.
fn with_lower(w: &str, f: impl FnOnce(&str) -> bool) -> bool {
    const MAX: usize = 16;
    if w.is_ascii() {
        if w.len() > MAX {
            return f(&w.to_ascii_lowercase());
        }
        let mut buf = [0u8; MAX];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(f);
    }
    f(&w.to_lowercase())
}

/// A word (lower case) that the number grammar reads a number from: a cardinal, an
/// ordinal, a scale, "hundred", "dozen", a fraction's word, or a vague amount's.
fn starts_number(w: &str) -> bool {
    words::cardinal(w).is_some()
        || words::ordinal(w).is_some()
        || words::scale(w).is_some()
        || words::is_hundred(w).is_some()
        || words::is_dozen(w).is_some()
        || words::denominator(w).is_some()
        || matches!(
            w,
            "couple"
                | "several"
                | "handful"
                | "tens"
                | "scores"
                | "hundreds"
                | "thousands"
                | "millions"
                | "billions"
                | "dozens"
        )
}

/// [`read`] over the tokens of `text` (`lex::lex(text)`), for a caller that reads
/// them too: a sentence is lexed once.
pub(crate) fn read_tokens<'a>(text: &'a str, toks: &'a [lex::Tok<'a>]) -> Vec<NumberPhrase> {
    parse::read_tokens(text, toks)
}

/// A number word ("three", "hundred", "dozen", "half").
pub fn is_number_word(w: &str) -> bool {
    words::cardinal(w).is_some()
        || words::scale(w).is_some()
        || words::is_hundred(w).is_some()
        || words::is_dozen(w).is_some()
        || matches!(w, "half" | "quarter" | "couple" | "several")
}

#[cfg(test)]
mod tests;
