//! The normalizer: reconciles the spellings of one entity within and across sources.

use crate::load::Document;
use crate::mentions::{EntityKind, Mention};
use crate::rules::RuleSet;

/// One real-world person, place or organisation, and every mention of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable within a run: `e1`, `e2`, … in order of first mention.
    pub id: String,
    /// The style-book spelling when one exists, else the fullest, most common form.
    pub canonical: String,
    pub kind: EntityKind,
    /// Indices into the run's mentions, in document and position order.
    pub mentions: Vec<usize>,
}

/// Groups mentions into entities.
pub fn cluster(_docs: &[Document], mentions: &[Mention], _rules: &RuleSet) -> Vec<Entity> {
    // Until the fuzzy normalizer lands, identical texts of the same kind form an entity.
    let mut by_key: std::collections::BTreeMap<(String, EntityKind), usize> = Default::default();
    let mut out: Vec<Entity> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let key = (m.text.to_lowercase(), m.kind);
        let k = *by_key.entry(key).or_insert_with(|| {
            out.push(Entity {
                id: format!("e{}", out.len() + 1),
                canonical: m.text.clone(),
                kind: m.kind,
                mentions: Vec::new(),
            });
            out.len() - 1
        });
        out[k].mentions.push(i);
    }
    out
}
