//! Counts, amounts and prices: aligned on unit, event, subject words and years, as the
//! claims stage read them ([`Features`]).

use std::collections::{BTreeMap, BTreeSet};

use super::groups::{classes, conflict_groups, Block, Reach, Side};
use super::{build, gap_ratio, interval, Coverage};
use crate::claims::quantity::features::Stems;
use crate::claims::quantity::{EventClass, Features};
use crate::claims::{Claim, Qualifier, Slot};
use crate::compare::Finding;
use crate::hash::HashMap;
use crate::load::Document;
use crate::rules::{NumericRule, Rule};
use crate::segment::Sentence;

/// Units of time spans: a duration is compared only when both claims name the
/// same event, because "shut for 16 hours" and "more than 24 hours after" measure
/// different things. Units of time are a closed class, grammar rather than
/// vocabulary, so the list stays in Rust.
const DURATIONS: &[&str] = &[
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
];

/// Are two claims about the same quantity? The comparison asks [`aligned_compact`],
/// which answers the same over numbered words; this is what it is tested against.
#[cfg(test)]
pub(super) fn aligned(a: &Features, b: &Features) -> bool {
    // A count without a unit may be a count of people ("six injured").
    let units_fit = a.unit == b.unit
        || (a.unit.is_none() && b.unit.as_deref() == Some("people"))
        || (b.unit.is_none() && a.unit.as_deref() == Some("people"));
    if !units_fit {
        return false;
    }
    if let (Some(x), Some(y)) = (&a.status, &b.status) {
        if x != y {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (a.event, b.event) {
        if x != y {
            return false;
        }
    }
    if !a.years.is_empty() && !b.years.is_empty() && a.years.is_disjoint(&b.years) {
        return false;
    }
    let same_event = a.event.is_some() && a.event == b.event;
    if a.unit.as_deref().is_some_and(|u| DURATIONS.contains(&u)) && !same_event {
        return false;
    }
    // A subtype ("gunshot victims", "ballistic missiles") is not the whole group,
    // unless the other sentence names the qualifier too ("23 missiles during 16
    // tests" against "20 missile tests").
    if a.head.is_some() && a.head == b.head {
        let subtype = |wide: &Features, narrow: &Features| {
            narrow.stems.is_superset(&wide.stems)
                && narrow
                    .stems
                    .difference(&wide.stems)
                    .any(|s| !wide.context.contains(s))
        };
        if subtype(a, b) || subtype(b, a) {
            return false;
        }
    }
    let share_subject = !a.stems.is_disjoint(&b.stems);
    share_subject || (same_event && (a.stems.is_empty() || b.stems.is_empty()))
}

/// The unit a count is aligned on, a count of people and a count without a unit
/// alike: two counts whose units fit ([`aligned`]) have the same.
pub(super) fn unit_block(f: &Features) -> Option<&str> {
    f.unit.as_deref().filter(|u| *u != "people")
}

/// What [`aligned`] reads of a count, its words as numbers ([`Vocab`]): pairs of
/// counts compare integers, not strings.
#[derive(Debug)]
pub(super) struct Compact {
    unit: Option<u32>,
    /// The unit is "people".
    people: bool,
    /// The unit is a time span ([`DURATIONS`]).
    duration: bool,
    status: Option<u32>,
    event: Option<EventClass>,
    /// Sorted, as are `context`'s.
    stems: Vec<u32>,
    context: Vec<u32>,
    head: Option<u32>,
    /// Sorted (a set's order).
    years: Vec<u32>,
}

/// Numbers for the words of a story's counts, one per distinct word.
#[derive(Default)]
pub(super) struct Vocab<'f> {
    ids: HashMap<&'f str, u32>,
}

impl<'f> Vocab<'f> {
    fn id(&mut self, w: &'f str) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(w).or_insert(next)
    }

    fn ids(&mut self, ws: &'f Stems) -> Vec<u32> {
        let mut v: Vec<u32> = ws.iter().map(|w| self.id(w)).collect();
        v.sort_unstable();
        v
    }

    pub(super) fn compact(&mut self, f: &'f Features) -> Compact {
        Compact {
            unit: f.unit.as_deref().map(|u| self.id(u)),
            people: f.unit.as_deref() == Some("people"),
            duration: f.unit.as_deref().is_some_and(|u| DURATIONS.contains(&u)),
            status: f.status.as_deref().map(|s| self.id(s)),
            event: f.event,
            stems: self.ids(&f.stems),
            context: self.ids(&f.context),
            head: f.head.as_deref().map(|h| self.id(h)),
            years: f.years.iter().copied().collect(),
        }
    }
}

/// Is every number of sorted `small` in sorted `big`?
fn subset(small: &[u32], big: &[u32]) -> bool {
    let mut it = big.iter();
    small.iter().all(|x| it.any(|y| y == x))
}

/// Do sorted `a` and `b` share no number?
fn disjoint(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// [`aligned`] over [`Compact`] counts: the same answer, step for step.
pub(super) fn aligned_compact(a: &Compact, b: &Compact) -> bool {
    let units_fit =
        a.unit == b.unit || (a.unit.is_none() && b.people) || (b.unit.is_none() && a.people);
    if !units_fit {
        return false;
    }
    if let (Some(x), Some(y)) = (a.status, b.status) {
        if x != y {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (a.event, b.event) {
        if x != y {
            return false;
        }
    }
    if !a.years.is_empty() && !b.years.is_empty() && disjoint(&a.years, &b.years) {
        return false;
    }
    let same_event = a.event.is_some() && a.event == b.event;
    if a.duration && !same_event {
        return false;
    }
    if a.head.is_some() && a.head == b.head {
        let subtype = |wide: &Compact, narrow: &Compact| {
            subset(&wide.stems, &narrow.stems)
                && narrow.stems.iter().any(|s| {
                    wide.stems.binary_search(s).is_err() && wide.context.binary_search(s).is_err()
                })
        };
        if subtype(a, b) || subtype(b, a) {
            return false;
        }
    }
    let share_subject = !disjoint(&a.stems, &b.stems);
    share_subject || (same_event && (a.stems.is_empty() || b.stems.is_empty()))
}

/// Counts, amounts and prices: aligned on unit, event, subject words and years.
pub(super) fn count_findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    features: &[Option<Features>],
    numeric: &[(&Rule, &NumericRule)],
) -> Vec<Finding> {
    // The whole counts (only they have features), each with its claim's index.
    let (ids, feats): (Vec<usize>, Vec<&Features>) = features
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_ref()?)))
        .unzip();
    // Blocking: candidates share a subject stem or an event class. The buckets come
    // in the order of their names, "e:" and the event, then "s:" and the stem: the
    // events' names are written (they sort as text), the stems borrowed.
    let mut events: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut stems: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, f) in feats.iter().enumerate() {
        for s in &f.stems {
            stems.entry(s).or_default().push(k);
        }
        if let Some(e) = f.event {
            events.entry(e.to_string()).or_default().push(k);
        }
    }
    // Claims that read the same to alignment and to the rules (wire copies, repeated
    // sentences) form a class; a pair of classes is judged once.
    let mut vocab = Vocab::default();
    let compact: Vec<Compact> = feats.iter().map(|f| vocab.compact(f)).collect();
    // Read by numbers: the words were hashed once, for `compact`.
    let class_of = classes(
        compact
            .iter()
            .zip(&ids)
            .map(|(f, &i)| compact_key(f, &claims[i])),
    );
    let coverage = Coverage::new(numeric, ids.iter().map(|&i| &claims[i]));
    // Two counts conflict when a rule covers both, their intervals under it are
    // disjoint, and they are aligned (asked last: it is the dearest).
    let measure = |i: usize, j: usize| -> Option<(usize, f64)> {
        let (a, b) = (&claims[ids[i]], &claims[ids[j]]);
        let (r, n) = coverage.rule_for(numeric, (i, a), (j, b))?;
        let g = gap_ratio(interval(a, n)?, interval(b, n)?)?;
        Some((r, g))
    };
    let same = |i: usize, j: usize| aligned_compact(&compact[i], &compact[j]);
    // Where each count can stand under any rule that covers it: the rule `measure`
    // finds for a pair is one of them.
    let reach: Vec<Reach> = ids
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let mut out: Reach = None;
            for r in coverage.rules_of(k) {
                let Some((lo, hi)) = interval(&claims[i], numeric[r].1) else {
                    continue;
                };
                if lo.is_nan() || hi.is_nan() {
                    return None;
                }
                out = Some(out.map_or((lo, hi), |(l, h): (f64, f64)| (l.max(lo), h.min(hi))));
            }
            out.filter(|&(_, h)| h > 0.0)
        })
        .collect();
    let doc_of = |k: usize| claims[ids[k]].doc;
    // Counts whose units do not fit are never aligned: a block per unit, a count
    // without one with the counts of people.
    let mut units: HashMap<Option<&str>, u32> = HashMap::default();
    let blocks: Vec<Block> = feats
        .iter()
        .map(|f| {
            let next = units.len() as u32;
            Block {
                key: *units.entry(unit_block(f)).or_insert(next),
                side: Side::Any,
            }
        })
        .collect();
    let block_of = |k: usize| blocks[k];
    let buckets: Vec<&[usize]> = events
        .values()
        .chain(stems.values())
        .map(Vec::as_slice)
        .collect();
    let groups = conflict_groups(
        feats.len(),
        &buckets,
        &class_of,
        &block_of,
        &|k| coverage.earliest(k),
        &|k| reach[k],
        measure,
        same,
        &doc_of,
    );
    groups
        .into_iter()
        .map(|(members, r, gap)| {
            let cs: Vec<&Claim> = members.iter().map(|&k| &claims[ids[k]]).collect();
            let subject = describe_subject(&cs, &feats, &members);
            build(numeric[r], cs, subject, gap, docs, sentences)
        })
        .collect()
}

/// What [`key`] borrows of a claim and its features.
#[cfg(test)]
pub(super) type Key<'a> = (
    &'a Option<String>,
    Option<EventClass>,
    &'a Stems,
    &'a Stems,
    &'a Option<String>,
    &'a BTreeSet<u32>,
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    Qualifier,
    Option<u64>,
    Option<u64>,
);

/// Everything alignment and the rules read of a claim: claims with equal keys are
/// judged alike against any other claim. The fields themselves, borrowed: equal
/// exactly when [`signature`], their text, is equal, without writing it.
/// The comparison classes counts by [`compact_key`]; this is what it is tested against.
#[cfg(test)]
pub(super) fn key<'a>(f: &'a Features, c: &'a Claim) -> Key<'a> {
    (
        &f.unit,
        f.event,
        &f.stems,
        &f.context,
        &f.head,
        &f.years,
        &c.verb,
        &c.unit,
        &c.subject,
        c.qualifier,
        c.value.low.map(f64::to_bits),
        c.value.high.map(f64::to_bits),
    )
}

/// [`key`] of a count read as [`Compact`]: its words as numbers.
pub(super) type CompactKey<'a> = (
    Option<u32>,
    Option<EventClass>,
    &'a [u32],
    &'a [u32],
    Option<u32>,
    &'a [u32],
    &'a Option<String>,
    &'a Option<String>,
    &'a Option<String>,
    Qualifier,
    Option<u64>,
    Option<u64>,
);

/// [`key`] over a count's [`Compact`] form: the same fields, the features' words as
/// their numbers. One [`Vocab`] gives one number per word and words of sets sorted
/// by number, so two counts numbered by it have equal compact keys exactly when they
/// have equal keys.
pub(super) fn compact_key<'a>(f: &'a Compact, c: &'a Claim) -> CompactKey<'a> {
    (
        f.unit,
        f.event,
        &f.stems,
        &f.context,
        f.head,
        &f.years,
        &c.verb,
        &c.unit,
        &c.subject,
        c.qualifier,
        c.value.low.map(f64::to_bits),
        c.value.high.map(f64::to_bits),
    )
}

/// [`key`] written out, as claims were once classed: what [`key`] is tested against.
#[cfg(test)]
pub(super) fn signature(f: &Features, c: &Claim) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        f.unit,
        f.event,
        f.stems,
        f.context,
        f.head,
        f.years,
        c.verb,
        c.unit,
        c.subject,
        c.qualifier,
        c.value.low.map(f64::to_bits),
        c.value.high.map(f64::to_bits),
    )
}

/// "evacuees in 2019": the most common subject and the shared years.
fn describe_subject(cs: &[&Claim], feats: &[&Features], members: &BTreeSet<usize>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cs {
        // An amount is named by what it is of ("diesel"), not by its unit ("litres").
        let of = c
            .fact
            .key
            .as_deref()
            .filter(|_| c.fact.slot == Slot::Amount);
        if let Some(s) = of.or(c.subject.as_deref()).or(c.verb.as_deref()) {
            *counts.entry(s).or_default() += 1;
        }
    }
    // Most common, then shortest, then alphabetical: deterministic.
    let mut best: Vec<(&str, usize)> = counts.into_iter().collect();
    best.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.len().cmp(&b.0.len()))
            .then(a.0.cmp(b.0))
    });
    // "a speed of 130 km/h": the measure says what it is better than its unit.
    let measure = members.iter().find_map(|&m| feats[m].measure.as_deref());
    let mut subject = match measure {
        Some(m) => m.to_string(),
        None => best
            .first()
            .map_or("a number".to_string(), |b| b.0.to_string()),
    };
    // "Wounded. 6 …" puts a participle first in its sentence: a subject an editor
    // writes in lower case.
    if !subject.contains(' ') && subject.ends_with("ed") {
        subject = subject.to_lowercase();
    }
    let mut ys: Option<BTreeSet<u32>> = None;
    for &m in members {
        let y = &feats[m].years;
        if !y.is_empty() {
            ys = Some(match ys {
                None => y.clone(),
                Some(acc) => acc.intersection(y).copied().collect(),
            });
        }
    }
    if let Some(ys) = ys.filter(|y| !y.is_empty()) {
        let ys: Vec<String> = ys.iter().map(u32::to_string).collect();
        subject = format!("{subject} in {}", ys.join("–"));
    }
    subject
}
