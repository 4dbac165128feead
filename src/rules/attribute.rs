//! `kind: attribute` — facts attached to one entity must agree.
//!
//! Catches: "Anna Kowalska, a postdoctoral fellow at the Center for the Study of
//! Extremism" in one source and "…, a fellow at the Institute for Conflict Research"
//! in another (affiliation); "Foreign Minister X" against "Prime Minister X" (title);
//! "X, 23," against "X, 24," (age). Why it matters: a wrong title or employer is a
//! correction. Example:
//!
//! ```yaml
//! - id: attribute-affiliation
//!   kind: attribute
//!   message: "{entity}: {values}"
//!   severity: warning
//!   attributes: [affiliation]
//!   min_similarity: 0.3
//! ```

use serde::Deserialize;

/// The attributes factdiff reads next to a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeKind {
    /// The organisation a person works for or belongs to.
    Affiliation,
    /// A title or role ("Foreign Minister", "commander").
    Title,
    /// A person's age.
    Age,
}

impl AttributeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeKind::Affiliation => "affiliation",
            AttributeKind::Title => "title",
            AttributeKind::Age => "age",
        }
    }
}

/// A compiled attribute rule.
#[derive(Debug, Clone)]
pub struct AttributeRule {
    pub attributes: Vec<AttributeKind>,
    /// Two organisation names at least this similar (token overlap, 0–1) fill the same
    /// slot, so a difference between them is a discrepancy; less similar ones are
    /// taken as two different affiliations, which can both be true.
    pub min_similarity: f64,
}
