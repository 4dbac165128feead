//! `kind: spelling` — one entity written in more than one way.
//!
//! Catches: "Ana Kovalska" and "Anna Kowalska"; "Kiev" and "Kyiv". The spellings
//! themselves are reconciled by entity resolution (`resolve`, with the alias files as style book);
//! this rule says how loud the finding is. Example:
//!
//! ```yaml
//! - id: spelling-variant
//!   kind: spelling
//!   message: "{entity} is written {values}"
//!   severity: warning          # a misspelling
//!   style_severity: error      # a spelling the style book rejects
//!   form_severity: info        # another form of the name
//!   style_class_severity: info # case, hyphen, apostrophe, dots, spacing, "&"
//! ```

use crate::vocab::{Severity, VariantClass};

/// A compiled spelling rule.
#[derive(Debug, Clone)]
pub struct SpellingRule {
    /// Severity when a form contradicts the style book.
    pub style_severity: Severity,
    /// Severity of another form of the name (word order, a word added or left out).
    pub form_severity: Severity,
    /// Severity of a style difference (case, hyphen, apostrophe, dots, spacing).
    pub style_class_severity: Severity,
}

impl SpellingRule {
    /// The severity of a difference of this class; a misspelling has the rule's own.
    pub fn severity(&self, class: VariantClass, misspelling: Severity) -> Severity {
        match class {
            VariantClass::Misspelling => misspelling,
            VariantClass::Form => self.form_severity,
            VariantClass::Style => self.style_class_severity,
        }
    }
}
