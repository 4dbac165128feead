//! Counts and amounts as the numeric comparison reads them: which claims it looks at
//! ([`comparable`]), what each is in its sentence (its [`Role`]: the story's whole
//! count, a part of a breakdown, an addition, a number from an earlier event) and, for
//! a whole count, what alignment needs of it ([`Features`]: unit, event, subject
//! stems, years). Read here, once per document, and carried on the claim
//! ([`Claim::quantity`]), so that `compare` only compares.

pub(crate) mod features;
pub(crate) mod role;
#[cfg(test)]
mod tests;

pub use features::{EventClass, Features};
pub use role::Role;

use crate::claims::{Claim, NumberKind, Slot};
use crate::segment::Sentence;

/// How one count or amount reads in its story.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// What the number is in its sentence: only a whole count is compared across
    /// sources.
    pub role: Role,
    /// What alignment needs of a whole count; `None` for the other roles, which are
    /// never aligned.
    pub features: Option<Features>,
}

/// The claims numeric rules look at: stated counts and amounts with a value.
pub fn comparable(c: &Claim) -> bool {
    c.kind == NumberKind::Quantity
        && matches!(c.fact.slot, Slot::Count | Slot::Amount | Slot::Price)
        && !c.vague
        && (c.value.low.is_some() || c.value.high.is_some())
}

/// Sets [`Claim::quantity`] on each of one document's claims that numeric rules look
/// at. A role depends on the other counts of its sentence (a breakdown), so the
/// document's claims are read together.
pub(crate) fn read(claims: &mut [Claim], text: &str, sentences: &[Sentence]) {
    let roles = role::roles(claims, text, sentences);
    for (c, role) in claims.iter_mut().zip(roles) {
        if !comparable(c) {
            continue;
        }
        let features = (role == Role::Whole).then(|| features::features(c, text, sentences));
        c.quantity = Some(Quantity { role, features });
    }
}
