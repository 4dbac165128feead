//! Numeric comparison: claims about the same quantity whose values cannot both be true.
//!
//! Counts, amounts and prices (`counts`) are aligned on what the claims stage read of
//! each whole count (`claims::quantity`): same unit; an event class that does not
//! differ (rules/words/events.yaml); a shared content word in the counted noun phrase
//! or, for a casualty-style event, the same event; and years that do not exclude each
//! other. Times of day, ages and house numbers have a comparator each (`slots`).
//! Candidate pairs come from an index on those keys, never from all pairs. Comparison
//! turns each claim into the interval its qualifier allows and reports pairs whose
//! intervals are disjoint; pairs that share claims become one finding (`groups`).

mod counts;
mod groups;
mod slots;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use super::{short_id, stable_id, Evidence, Finding, FindingKind, Majority, Severity};
use crate::claims::quantity::Features;
use crate::claims::{Claim, Qualifier, Revision, Slot};
use crate::load::Document;
use crate::rules::{NumericRule, Rule, RuleSet};
use crate::segment::Sentence;
use crate::vocab::Subject;

/// The interval a claim allows under a rule: (low, high).
fn interval(c: &Claim, rule: &NumericRule) -> Option<(f64, f64)> {
    let tol = |v: f64| rule.tolerance.absolute + rule.tolerance.relative * v.abs();
    let a = rule.approximately;
    // Amounts are compared in their canonical unit.
    let value = if c.fact.slot == Slot::Amount {
        c.fact.value
    } else {
        c.value
    };
    let (lo, hi) = match (c.qualifier, value.low, value.high) {
        (Qualifier::Approximately, Some(v), _) => (v * (1.0 - a), v * (1.0 + a)),
        (Qualifier::Nearly, Some(v), _) => (v * (1.0 - a), v),
        (Qualifier::AtLeast | Qualifier::MoreThan, Some(v), _) => (v, f64::INFINITY),
        (Qualifier::AtMost | Qualifier::LessThan, _, Some(v)) => (0.0, v),
        (_, Some(l), Some(h)) => (l, h),
        (_, Some(v), None) => (v, f64::INFINITY),
        (_, None, Some(v)) => (0.0, v),
        _ => return None,
    };
    Some((lo - tol(lo), hi + tol(hi)))
}

/// How far apart two disjoint intervals are, as a ratio ≥ 1; `None` when they overlap.
fn gap_ratio(a: (f64, f64), b: (f64, f64)) -> Option<f64> {
    let (lo, hi) = if a.1 < b.0 {
        (a.1, b.0)
    } else if b.1 < a.0 {
        (b.1, a.0)
    } else {
        return None;
    };
    Some(if lo <= 0.0 { f64::INFINITY } else { hi / lo })
}

/// The first rule that covers both claims, with its index: a revision goes to the
/// rules that judge updates, any other pair to the rest. ([`Coverage::rule_for`] gives
/// the same from coverage read once per claim; this is what it is tested against.)
#[cfg(test)]
fn rule_for<'r>(
    rules: &[(&'r Rule, &'r NumericRule)],
    a: &Claim,
    b: &Claim,
) -> Option<(usize, &'r NumericRule)> {
    let update = is_update(a, b);
    rules
        .iter()
        .enumerate()
        .find(|(_, (_, n))| n.update == update && covers(n, a) && covers(n, b))
        .map(|(i, (_, n))| (i, *n))
}

/// Which rules cover each of a list of claims, and what `is_update` reads of each,
/// worked out once per claim: a rule's subject patterns are regular expressions, and
/// source dates strings, too dear to read again for every pair.
pub(super) struct Coverage {
    /// Words of bits per claim, one bit per rule.
    words: usize,
    bits: Vec<u64>,
    /// The rules that judge updates, as bits in `words` words.
    updates: Vec<u64>,
    /// Per claim: marked as a first report.
    initial: Vec<bool>,
    /// Per claim: its source's day (the date's first ten bytes) numbered from 1, 0
    /// when it has no date.
    day: Vec<u32>,
}

impl Coverage {
    pub(super) fn new<'c>(
        rules: &[(&Rule, &NumericRule)],
        claims: impl Iterator<Item = &'c Claim>,
    ) -> Self {
        let words = rules.len().div_ceil(64);
        let mut updates = vec![0u64; words];
        for (i, (_, n)) in rules.iter().enumerate() {
            if n.update {
                updates[i / 64] |= 1 << (i % 64);
            }
        }
        let mut bits = Vec::new();
        let (mut initial, mut day) = (Vec::new(), Vec::new());
        let mut days: crate::hash::HashMap<Option<&str>, u32> = Default::default();
        for c in claims {
            let mut row = vec![0u64; words];
            for (i, (_, n)) in rules.iter().enumerate() {
                if covers(n, c) {
                    row[i / 64] |= 1 << (i % 64);
                }
            }
            bits.extend(row);
            let as_of = &c.fact.as_of;
            initial.push(as_of.revision == Some(Revision::Initial));
            day.push(as_of.source_date.as_deref().map_or(0, |d| {
                let next = days.len() as u32 + 1;
                *days.entry(d.get(..10)).or_insert(next)
            }));
        }
        Coverage {
            words,
            bits,
            updates,
            initial,
            day,
        }
    }

    /// The earliest rule that covers the claim numbered `i` (`usize::MAX` for none):
    /// no rule [`Coverage::rule_for`] gives a pair with it is earlier.
    pub(super) fn earliest(&self, i: usize) -> usize {
        let row = &self.bits[i * self.words..(i + 1) * self.words];
        row.iter()
            .position(|&w| w != 0)
            .map_or(usize::MAX, |w| w * 64 + row[w].trailing_zeros() as usize)
    }

    /// The rules that cover the claim numbered `i`, in order: every rule
    /// [`Coverage::rule_for`] gives a pair with it is one of them.
    pub(super) fn rules_of(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let row = &self.bits[i * self.words..(i + 1) * self.words];
        row.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits >> b & 1 == 1)
                .map(move |b| w * 64 + b)
        })
    }

    /// `is_update` of the claims numbered `i` and `j`.
    fn is_update(&self, i: usize, j: usize) -> bool {
        let (x, y) = (self.day[i], self.day[j]);
        self.initial[i] || self.initial[j] || (x != 0 && y != 0 && x != y)
    }

    /// [`rule_for`] the claims numbered `i` and `j` in the list, `a` and `b`: the
    /// lowest rule among the bits both claims have, of the kind (updates or not)
    /// the pair needs.
    pub(super) fn rule_for<'r>(
        &self,
        rules: &[(&'r Rule, &'r NumericRule)],
        (i, _): (usize, &Claim),
        (j, _): (usize, &Claim),
    ) -> Option<(usize, &'r NumericRule)> {
        let update = self.is_update(i, j);
        let (a, b) = (&self.bits[i * self.words..], &self.bits[j * self.words..]);
        for (w, &u) in self.updates.iter().enumerate() {
            let kind = if update { u } else { !u };
            let both = a[w] & b[w] & kind;
            if both != 0 {
                let r = w * 64 + both.trailing_zeros() as usize;
                return Some((r, rules[r].1));
            }
        }
        None
    }
}

fn covers(rule: &NumericRule, c: &Claim) -> bool {
    rule.covers(
        c.verb.as_deref(),
        c.unit.as_deref(),
        c.subject.as_deref(),
        c.fact.slot,
    )
}

/// A value as an editor reads it, from the source's own words (on one line: the
/// words split at white space and joined by single spaces).
fn shown(doc: &Document, c: &Claim) -> String {
    crate::span::one_line(doc.raw_text(c.span))
}

/// Numeric findings for a run: counts and amounts, then one comparator per slot.
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    features: &[Option<Features>],
    rules: &RuleSet,
) -> Vec<Finding> {
    let mut numeric: Vec<(&Rule, &NumericRule)> = rules.numeric().collect();
    if numeric.is_empty() {
        return Vec::new();
    }
    // A user's rules are tried before the shipped ones (file order kept within each).
    numeric.sort_by_key(|(r, _)| r.origin.is_builtin());
    let mut out = counts::count_findings(docs, sentences, claims, features, &numeric);
    for comparator in slots::COMPARATORS {
        out.extend(slots::slot_findings(
            comparator, docs, sentences, claims, &numeric,
        ));
    }
    out
}

/// Is a pair a revision rather than a contradiction: one side a first report
/// ("initially said two were killed") or the sources written on different dates?
/// ([`Coverage`] answers the same from what it read once per claim; this is what it
/// is tested against.)
#[cfg(test)]
fn is_update(a: &Claim, b: &Claim) -> bool {
    let (x, y) = (&a.fact.as_of, &b.fact.as_of);
    x.revision == Some(Revision::Initial)
        || y.revision == Some(Revision::Initial)
        || matches!((&x.source_date, &y.source_date), (Some(p), Some(q)) if p.get(..10) != q.get(..10))
}

/// The value most sources give and the sources that give another, when three or
/// more sources take part and one value is given by more sources than any other.
fn odd_one_out(cs: &[&Claim], docs: &[Document]) -> Option<Majority> {
    let mut by_value: BTreeMap<(u64, u64), BTreeSet<usize>> = BTreeMap::new();
    let bits = |v: Option<f64>| v.map_or(u64::MAX, f64::to_bits);
    for c in cs {
        by_value
            .entry((bits(c.fact.value.low), bits(c.fact.value.high)))
            .or_default()
            .insert(c.doc);
    }
    let sources: BTreeSet<usize> = cs.iter().map(|c| c.doc).collect();
    if sources.len() < 3 {
        return None;
    }
    let mut counts: Vec<(&(u64, u64), usize)> =
        by_value.iter().map(|(k, d)| (k, d.len())).collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (top, n) = counts[0];
    if counts.get(1).is_some_and(|(_, m)| *m == n) {
        return None;
    }
    let majority = &by_value[top];
    let value = cs
        .iter()
        .find(|c| (bits(c.fact.value.low), bits(c.fact.value.high)) == *top)
        .map(|c| shown(&docs[c.doc], c))?;
    let differ: Vec<usize> = sources.difference(majority).copied().collect();
    (!differ.is_empty()).then(|| Majority {
        value,
        agree: majority.iter().copied().collect(),
        differ,
    })
}

/// The unit an amount is written in: its own unit word, or a unit its subject is
/// ("2,000 gallons of diesel").
fn written_unit(c: &Claim) -> Option<&str> {
    c.unit.as_deref().or_else(|| {
        c.subject.as_deref().filter(|_| {
            c.subject_head
                .as_deref()
                .is_some_and(crate::claims::fact::is_unit_word)
        })
    })
}

/// The lines of a finding's id that name its values: per claim its value, its
/// slot's value and its subject, written out, sorted, each once.
fn value_lines(cs: &[&Claim]) -> Vec<String> {
    // A story's copies repeat their values (a group may hold thousands of claims and
    // a few values): each distinct value is written once. Equal bits write equal text.
    let bits = |v: Option<f64>| v.map(f64::to_bits);
    let mut distinct: Vec<_> = cs
        .iter()
        .map(|c| {
            let (v, f) = (c.value, c.fact.value);
            let key = (bits(v.low), bits(v.high), bits(f.low), bits(f.high));
            (key, c.subject.as_deref(), *c)
        })
        .collect();
    distinct.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
    distinct.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    let mut lines: Vec<String> = distinct
        .into_iter()
        .map(|(_, _, c)| value_line(c))
        .collect();
    lines.sort();
    lines.dedup();
    lines
}

/// One claim's line of [`value_lines`].
fn value_line(c: &Claim) -> String {
    format!(
        "{:?}|{:?}|{}",
        c.value,
        c.fact.value,
        c.subject.as_deref().unwrap_or("")
    )
}

/// The finding of one group of conflicting claims.
fn build(
    (rule, n): (&Rule, &NumericRule),
    mut cs: Vec<&Claim>,
    subject: String,
    gap: f64,
    docs: &[Document],
    sentences: &[Vec<Sentence>],
) -> Finding {
    cs.sort_by_key(|c| (c.doc, c.span.start));
    // Amounts written in different units show their unit: "130 km/h vs 60 mph".
    let units: BTreeSet<Option<&str>> = cs.iter().map(|c| written_unit(c)).collect();
    let with_unit = |c: &Claim| match written_unit(c) {
        Some(u) if units.len() > 1 && c.fact.slot == Slot::Amount => {
            format!("{} {u}", shown(&docs[c.doc], c))
        }
        _ => shown(&docs[c.doc], c),
    };
    // "value (source) vs value (source) …", written into one string.
    let mut values = String::new();
    for (k, c) in cs.iter().enumerate() {
        if k > 0 {
            values.push_str(" vs ");
        }
        values.push_str(&with_unit(c));
        values.push_str(" (");
        values.push_str(&short_id(&docs[c.doc].source.id));
        values.push(')');
    }
    let severity = if n.update {
        rule.severity
    } else if gap >= n.error_ratio {
        Severity::Error
    } else {
        rule.severity
    };
    let evidence: Vec<Evidence> = cs
        .iter()
        .map(|c| Evidence {
            doc: c.doc,
            span: c.span,
            sentence: sentences[c.doc][c.sentence].span,
            value: Some(c.value),
        })
        .collect();
    // The id names the disagreement (its subject, the values and what they count),
    // never the sources: a third source repeating a value keeps the finding's id, so a
    // baselined finding stays baselined. The slot's value is in the key as well as the
    // number read, since some slots (times of day) are told apart by it alone.
    let mut key = value_lines(&cs);
    key.insert(0, subject.clone());
    let mut message = rule.render(&subject, "", &values);
    let majority = odd_one_out(&cs, docs);
    if let Some(m) = &majority {
        let odd: Vec<String> = m
            .differ
            .iter()
            .map(|&d| short_id(&docs[d].source.id))
            .collect();
        message.push_str(&format!(
            "; most sources give {}, {} {} another value",
            m.value,
            odd.join(", "),
            if odd.len() == 1 { "gives" } else { "give" }
        ));
    }
    Finding {
        id: stable_id(&rule.id, &key),
        rule: rule.id.clone(),
        kind: FindingKind::Numeric,
        class: None,
        majority,
        severity,
        message,
        subject: Subject::whole(subject),
        evidence,
    }
}
