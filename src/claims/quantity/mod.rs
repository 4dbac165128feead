//! Counts and amounts as the numeric comparison reads them: which claims it looks at
//! ([`comparable`]), what each is in its sentence (its [`Role`]: the story's whole
//! count, a part of a breakdown, an addition, a number from an earlier event) and, for
//! a whole count, what alignment needs of it ([`Features`]: unit, event, subject
//! stems, years). Read here, so that `compare` only compares: the role once per
//! document, carried on the claim ([`Claim::role`]); the features once per story
//! ([`features_all`]), handed to `compare` and dropped after it.

pub(crate) mod features;
pub(crate) mod role;
#[cfg(test)]
mod tests;

pub use features::{EventClass, Features};
pub use role::Role;

use crate::claims::{Claim, NumberKind, Slot};
use crate::load::Document;
use crate::segment::Sentence;

/// The claims numeric rules look at: stated counts and amounts with a value.
pub fn comparable(c: &Claim) -> bool {
    c.kind == NumberKind::Quantity
        && matches!(c.fact.slot, Slot::Count | Slot::Amount | Slot::Price)
        && !c.vague
        && (c.value.low.is_some() || c.value.high.is_some())
}

/// Sets [`Claim::role`] on each of one document's claims that numeric rules look at.
/// A role depends on the other counts of its sentence (a breakdown), so the
/// document's claims are read together.
pub(crate) fn read_roles(claims: &mut [Claim], text: &str, sentences: &[Sentence]) {
    let roles = role::roles(claims, text, sentences);
    for (c, role) in claims.iter_mut().zip(roles) {
        if comparable(c) {
            c.role = Some(role);
        }
    }
}

/// What alignment reads of each whole count of a story, by claim index (`None` for
/// every other claim). Kept apart from the claims: the features (a sentence's stems
/// for each count) are of use only to the comparison, while the claims live as long
/// as the run, so a run of many stories would hold every story's features at once.
pub fn features_all(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
) -> Vec<Option<Features>> {
    use rayon::prelude::*;
    // The whole counts, in runs of one sentence (the claims come in document and
    // sentence order): what the counts of a sentence share is read once per run.
    let whole: Vec<usize> = (0..claims.len())
        .filter(|&i| claims[i].role == Some(Role::Whole))
        .collect();
    let place = |i: usize| (claims[i].doc, claims[i].sentence);
    let runs: Vec<&[usize]> = whole.chunk_by(|&a, &b| place(a) == place(b)).collect();
    let read: Vec<Vec<(usize, Features)>> = runs
        .par_iter()
        .map(|run| run_features(run, docs, sentences, claims))
        .collect();
    let mut out: Vec<Option<Features>> = vec![None; claims.len()];
    for (i, f) in read.into_iter().flatten() {
        out[i] = Some(f);
    }
    out
}

/// The features of a run of whole counts of one sentence (claim indices, not empty),
/// by claim index: the sentence's share read once, copied for all counts but the last.
fn run_features(
    run: &[usize],
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
) -> Vec<(usize, Features)> {
    let Some((&last, rest)) = run.split_last() else {
        return Vec::new();
    };
    let c = &claims[last];
    let (text, sents) = (&docs[c.doc].text, &sentences[c.doc]);
    let shared = features::sentence_features(c.sentence, text, sents);
    let mut out: Vec<(usize, Features)> = rest
        .iter()
        .map(|&i| {
            let f = features::features_with(&claims[i], text, sents, shared.clone());
            (i, f)
        })
        .collect();
    out.push((last, features::features_with(c, text, sents, shared)));
    out
}
