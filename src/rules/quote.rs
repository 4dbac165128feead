//! `kind: quote` — the same statement must be quoted with the same words and
//! attributed to the same speaker.
//!
//! Catches: one source quoting "we will defeat them" where another has "we would
//! defeat them" (`check: wording`); the same words given to two different speakers
//! (`check: speaker`); words one source quotes that another only paraphrases
//! (`check: paraphrase`, info). Why it matters: a misquote is a correction, and a
//! changed number or a dropped "not" in a quote changes what someone said. Example:
//!
//! ```yaml
//! - id: quote-wording
//!   kind: quote
//!   check: wording
//!   message: "{subject}: {values}"
//!   severity: warning
//!   min_words: 5
//!   min_overlap: 0.6
//!   trivial_words: [uh, um]
//!   minor_words: [a, an, the]
//! ```

use serde::Deserialize;

/// What a quote rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteCheck {
    /// The same statement quoted with different words.
    Wording,
    /// The same words attributed to different speakers.
    Speaker,
    /// Words one source quotes and another gives only as paraphrase.
    Paraphrase,
}

/// A compiled quote rule.
#[derive(Debug, Clone)]
pub struct QuoteRule {
    /// Which checks the rule runs (wording, speaker, paraphrase).
    pub check: QuoteCheck,
    /// Quotations shorter than this (in words) are not compared.
    pub min_words: usize,
    /// Share (0–1) of the shorter quotation's words that must line up with the other
    /// for the two to be the same statement (for paraphrase: share of its content
    /// words found in the other source's sentence).
    pub min_overlap: f64,
    /// Words whose insertion, removal or exchange is not a difference (fillers).
    pub trivial_words: Vec<String>,
    /// Words whose change alone makes only an info finding (articles, prepositions).
    pub minor_words: Vec<String>,
}
