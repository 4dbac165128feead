//! Where an annotation belongs. A finding cites every source, but an editor fixes one
//! place: CI annotations and SARIF results land on the evidence that differs — a
//! spelling the style book rejects, else the minority spelling — and, in new-file mode,
//! only in the changed sources. The other evidence goes in the message (GitHub) or in
//! `relatedLocations` (SARIF).

use std::collections::{BTreeMap, BTreeSet};

use super::Report;
use crate::vocab::FindingKind;

/// For each finding of a report, in order, which of its evidence is primary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus(Vec<Vec<bool>>);

impl Focus {
    /// Every piece of evidence primary: the plain report.
    pub fn all(r: &Report) -> Focus {
        Focus(
            r.findings
                .iter()
                .map(|f| vec![true; f.evidence.len()])
                .collect(),
        )
    }

    /// The primary evidence of each finding. `rejected` says whether a spelling is one
    /// the style book rejects; `changed` holds the ids of the changed sources in
    /// new-file mode (empty otherwise).
    pub fn new(r: &Report, rejected: impl Fn(&str) -> bool, changed: &BTreeSet<String>) -> Focus {
        let focus = r
            .findings
            .iter()
            .map(|f| {
                let candidates: Vec<bool> = f
                    .evidence
                    .iter()
                    .map(|e| changed.is_empty() || changed.contains(&e.source))
                    .collect();
                if f.kind != FindingKind::Spelling {
                    return candidates;
                }
                let pick = |keep: &dyn Fn(&str) -> bool| -> Vec<bool> {
                    f.evidence
                        .iter()
                        .zip(&candidates)
                        .map(|(e, c)| *c && keep(&e.text))
                        .collect()
                };
                let style = pick(&|t| rejected(t));
                if style.contains(&true) {
                    return style;
                }
                // How many sources write each form.
                let mut sources: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
                for e in &f.evidence {
                    sources
                        .entry(e.text.as_str())
                        .or_default()
                        .insert(&e.source);
                }
                let most = sources.values().map(BTreeSet::len).max().unwrap_or(0);
                let minority = pick(&|t| sources.get(t).is_some_and(|s| s.len() < most));
                if minority.contains(&true) {
                    minority
                } else {
                    // No form differs from the rest in the sources in focus (a tie, or a
                    // changed source that writes the common form): all of them.
                    candidates
                }
            })
            .collect();
        Focus(focus)
    }

    /// Is evidence `e` of finding `f` primary?
    pub fn primary(&self, f: usize, e: usize) -> bool {
        self.0
            .get(f)
            .and_then(|v| v.get(e))
            .copied()
            .unwrap_or(true)
    }
}
