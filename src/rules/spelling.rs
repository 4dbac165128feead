//! `kind: spelling` — one entity written in more than one way.
//!
//! Catches: "Ana Kovalska" and "Anna Kowalska"; "Kiev" and "Kyiv". The spellings
//! themselves are reconciled by the normalizer (with the alias files as style book);
//! this rule says how loud the finding is. Example:
//!
//! ```yaml
//! - id: spelling-variant
//!   kind: spelling
//!   message: "{entity} is written {values}"
//!   severity: warning
//!   style_severity: error
//! ```

use crate::vocab::Severity;

/// A compiled spelling rule.
#[derive(Debug, Clone)]
pub struct SpellingRule {
    /// Severity when a form contradicts the style book.
    pub style_severity: Severity,
}
