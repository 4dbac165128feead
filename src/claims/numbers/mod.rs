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
    parse::read(text)
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
