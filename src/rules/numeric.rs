//! `kind: numeric` — numbers about the same thing must agree.
//!
//! Catches: "about 1,000 volunteers in 2014" in one source and "around 7,000"
//! in another; "11 people were killed" against "12 killed". Why it matters: numbers
//! are what readers remember and what corrections are about. Example:
//!
//! ```yaml
//! - id: casualty-count
//!   kind: numeric
//!   message: "sources disagree on {subject}: {values}"
//!   severity: warning
//!   match: { verbs: [kill, wound] }
//!   tolerance: { absolute: 0, relative: 0.0 }
//!   approximately: 0.15
//!   error_ratio: 1.5
//! ```

use regex::Regex;
use serde::Deserialize;

use crate::vocab::Slot;

/// Which claims a numeric rule covers; every listed filter must accept a claim.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchSpec {
    /// Verb lemmas ("kill", "join"); the claim's verb must be one of them.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Units ("people", "USD", "percent"); the claim's unit must be one of them.
    #[serde(default)]
    pub units: Vec<String>,
    /// Regular expressions; the claim's subject must match one of them.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Slots ("count", "time_of_day", "age", "address_number", "amount", "price"); the
    /// claim's slot must be one of them. Left out: count, amount and price.
    #[serde(default)]
    pub slots: Vec<Slot>,
    /// The rule judges revisions: pairs where one side is a first report
    /// ("initially", "in initial reports") or the sources are dated differently.
    #[serde(default)]
    pub update: bool,
}

/// How far two values may be apart and still agree.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    /// The largest difference that still agrees, in the slot's unit.
    #[serde(default)]
    pub absolute: f64,
    /// The largest difference that still agrees, as a share of the larger value.
    #[serde(default)]
    pub relative: f64,
}

/// A compiled numeric rule.
#[derive(Debug, Clone)]
pub struct NumericRule {
    /// Verbs (base forms) a claim must go with (empty: any).
    pub verbs: Vec<String>,
    /// Units a claim must have (empty: any).
    pub units: Vec<String>,
    /// Patterns the claim's subject must match (empty: any).
    pub subjects: Vec<Regex>,
    /// Slots the rule judges (empty: counts, amounts and prices).
    pub slots: Vec<Slot>,
    /// Whether the rule judges revised figures (updates) rather than mismatches.
    pub update: bool,
    /// How far apart two values may be and still agree.
    pub tolerance: Tolerance,
    /// How wide "about"/"around" is, relative to the value.
    pub approximately: f64,
    /// Gaps at or beyond this ratio are errors, smaller ones keep the rule's severity.
    pub error_ratio: f64,
}

impl NumericRule {
    /// Does this rule cover a claim with this verb lemma, unit, subject and slot?
    pub fn covers(
        &self,
        verb: Option<&str>,
        unit: Option<&str>,
        subject: Option<&str>,
        slot: Slot,
    ) -> bool {
        let verb_ok =
            self.verbs.is_empty() || verb.is_some_and(|v| self.verbs.iter().any(|w| w == v));
        let unit_ok =
            self.units.is_empty() || unit.is_some_and(|u| self.units.iter().any(|w| w == u));
        let subject_ok = self.subjects.is_empty()
            || subject.is_some_and(|s| self.subjects.iter().any(|r| r.is_match(s)));
        let slot_ok = if self.slots.is_empty() {
            matches!(slot, Slot::Count | Slot::Amount | Slot::Price)
        } else {
            self.slots.contains(&slot)
        };
        verb_ok && unit_ok && subject_ok && slot_ok
    }

    /// Does this rule cover every claim `other` covers (so that, tried first, it leaves
    /// `other` nothing)? Each filter of this rule must be absent or list everything
    /// the other's lists; subject patterns are compared as written.
    pub fn covers_all_of(&self, other: &NumericRule) -> bool {
        fn wider(mine: &[String], theirs: &[String]) -> bool {
            mine.is_empty() || (!theirs.is_empty() && theirs.iter().all(|t| mine.contains(t)))
        }
        let mine: Vec<String> = self
            .subjects
            .iter()
            .map(|r| r.as_str().to_string())
            .collect();
        let theirs: Vec<String> = other
            .subjects
            .iter()
            .map(|r| r.as_str().to_string())
            .collect();
        // Slots as they apply: none listed means counts, amounts and prices. A rule for
        // times of day covers nothing a rule for counts reads.
        let slots = |r: &NumericRule| -> Vec<Slot> {
            if r.slots.is_empty() {
                vec![Slot::Count, Slot::Amount, Slot::Price]
            } else {
                r.slots.clone()
            }
        };
        let (my_slots, their_slots) = (slots(self), slots(other));
        wider(&self.verbs, &other.verbs)
            && wider(&self.units, &other.units)
            && wider(&mine, &theirs)
            && their_slots.iter().all(|s| my_slots.contains(s))
            // A rule for revised figures judges other pairs than a rule for mismatches.
            && self.update == other.update
    }
}
