//! The slot comparators beyond counts and amounts: times of day, ages and house
//! numbers, each with what must agree for two claims to be the same fact.

use std::collections::{BTreeMap, HashMap};

use super::groups::{classes, conflict_groups, Block, Side};
use super::{build, gap_ratio, Coverage};
use crate::claims::{Claim, Phase, Revision, Slot};
use crate::compare::Finding;
use crate::load::Document;
use crate::rules::{NumericRule, Rule};
use crate::segment::Sentence;

/// A comparator for one slot: which claims it reads, what must agree for two of them
/// to be the same quantity (the bucket key), whether they conflict, and how the
/// finding names its subject.
pub(super) struct Comparator {
    slot: Slot,
    /// The bucket a claim falls in; `None` leaves it out.
    key: fn(&Claim) -> Option<String>,
    /// Beyond the key: may these two be the same fact (same day, same group…)?
    same: fn(&Claim, &Claim, &SlotContext) -> bool,
    /// The subject shown for a group, from its key.
    subject: fn(&str) -> String,
    /// Within a bucket, which claims `same` may accept together (see [`Block`]).
    block: fn(&Claim) -> Block,
}

/// Story-wide knowledge a comparator may need: for address numbers, the numbers each
/// source gives on each street.
#[derive(Default)]
pub(super) struct SlotContext {
    numbers_on_street: HashMap<(String, usize), Vec<(f64, f64)>>,
}

/// The slot comparators, one per slot beyond counts and amounts.
pub(super) const COMPARATORS: &[Comparator] = &[
    Comparator {
        slot: Slot::TimeOfDay,
        key: time_key,
        same: same_day,
        block: |_| Block::ALL,
        subject: |k| match k {
            "start" => "start time".to_string(),
            "end" => "end time".to_string(),
            _ => format!("time of day ({k})"),
        },
    },
    Comparator {
        slot: Slot::Age,
        key: age_key,
        same: same_group,
        block: group_side,
        subject: |k| match k {
            "male" => "age of the man".to_string(),
            "female" => "age of the woman".to_string(),
            _ => format!("age ({k})"),
        },
    },
    Comparator {
        slot: Slot::AddressNumber,
        key: |c| c.fact.key.clone(),
        same: same_address,
        block: |_| Block::ALL,
        subject: |k| format!("house number on {}", title_case(k)),
    },
];

/// "tarwen st" → "Tarwen St": a street's key is folded, its name is written
/// capitalised.
fn title_case(k: &str) -> String {
    k.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(cs).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Times of day are compared within the moment of the event they mark.
fn time_key(c: &Claim) -> Option<String> {
    let phase = c.fact.phase?;
    c.fact.value.low?;
    Some(
        match phase {
            Phase::Start => "start",
            Phase::End => "end",
        }
        .to_string(),
    )
}

/// Facts put on different weekdays are about different days.
fn same_day(a: &Claim, b: &Claim, _: &SlotContext) -> bool {
    match (a.fact.as_of.weekday, b.fact.as_of.weekday) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Ages of unnamed people are compared by sex; a named person's age is the
/// attribute stage's.
fn age_key(c: &Claim) -> Option<String> {
    c.fact.key.clone()
}

/// An age range of a group against one person's age: compared when one is a group
/// and the other a single person (is the person inside the range?).
pub(super) fn same_group(a: &Claim, b: &Claim, _: &SlotContext) -> bool {
    a.fact.group != b.fact.group
}

/// [`same_group`] pairs a group with a single person only: groups on one side.
pub(super) fn group_side(c: &Claim) -> Block {
    Block {
        key: 0,
        side: if c.fact.group {
            Side::Left
        } else {
            Side::Right
        },
    }
}

/// Two house numbers on one street are one address misstated only when no source
/// gives both (two numbers in one source are two places) and one reads as a slip of
/// the other: same number of digits and one digit changed, or two digits swapped.
fn same_address(a: &Claim, b: &Claim, cx: &SlotContext) -> bool {
    let street = a.fact.key.clone().unwrap_or_default();
    let value = |c: &Claim| {
        (
            c.fact.value.low.unwrap_or(-1.0),
            c.fact.value.high.unwrap_or(-1.0),
        )
    };
    let gives = |c: &Claim, v: (f64, f64)| {
        cx.numbers_on_street
            .get(&(street.clone(), c.doc))
            .is_some_and(|vs| vs.contains(&v))
    };
    if gives(a, value(b)) || gives(b, value(a)) {
        return false;
    }
    let (x, y) = (value(a), value(b));
    if x.0 != x.1 || y.0 != y.1 {
        return false;
    }
    one_slip(&format!("{}", x.0), &format!("{}", y.0))
}

/// Same length and one digit changed, or two neighbouring digits swapped.
fn one_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() || a == b {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match diff.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

/// A fact's interval in its slot's canonical unit, widened by the rule's tolerance;
/// a zoned time of day is moved to UTC when `zoned` (else read as if it had no zone).
fn fact_interval(c: &Claim, n: &NumericRule, zoned: bool) -> Option<(f64, f64)> {
    let shift = c
        .fact
        .utc_offset
        .filter(|_| zoned)
        .map_or(0.0, |h| -h * 60.0);
    let (lo, hi) = (c.fact.value.low? + shift, c.fact.value.high? + shift);
    let tol = |v: f64| n.tolerance.absolute + n.tolerance.relative * v.abs();
    Some((lo - tol(lo), hi + tol(hi)))
}

/// What makes two of a slot's claims one class (a pair of classes is judged once):
/// the bucket key, value, time, zone, group and source, borrowed rather than written
/// out, as [`class_signature`] once was for every claim.
type ClassKey<'a> = (
    &'a str,
    Option<u64>,
    Option<u64>,
    Option<&'a str>,
    Option<u8>,
    Option<Revision>,
    Option<u64>,
    bool,
    usize,
);

/// A claim's [`ClassKey`]: equal exactly when [`class_signature`] is.
pub(super) fn class_key<'a>(key: &'a str, c: &'a Claim) -> ClassKey<'a> {
    let f = &c.fact;
    (
        key,
        f.value.low.map(bits),
        f.value.high.map(bits),
        f.as_of.source_date.as_deref(),
        f.as_of.weekday,
        f.as_of.revision,
        f.utc_offset.map(bits),
        f.group,
        c.doc,
    )
}

/// A number's bits, every NaN alike: they are one text ("NaN") in the signature,
/// while -0.0 and 0.0 stay two, as their texts are.
fn bits(v: f64) -> u64 {
    if v.is_nan() {
        f64::NAN.to_bits()
    } else {
        v.to_bits()
    }
}

/// [`class_key`] written out, as claims were once classed: what it is tested against.
#[cfg(test)]
pub(super) fn class_signature(key: &str, c: &Claim) -> String {
    let f = &c.fact;
    format!(
        "{key}|{:?}|{:?}|{:?}|{:?}|{}",
        f.value, f.as_of, f.utc_offset, f.group, c.doc
    )
}

/// Findings of one slot's comparator.
pub(super) fn slot_findings(
    cmp: &Comparator,
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    numeric: &[(&Rule, &NumericRule)],
) -> Vec<Finding> {
    let items: Vec<(usize, String)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.fact.slot == cmp.slot)
        .filter_map(|(i, c)| Some((i, (cmp.key)(c)?)))
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    let mut cx = SlotContext::default();
    for (i, key) in &items {
        let c = &claims[*i];
        cx.numbers_on_street
            .entry((key.clone(), c.doc))
            .or_default()
            .push((
                c.fact.value.low.unwrap_or(-1.0),
                c.fact.value.high.unwrap_or(-1.0),
            ));
    }
    let mut buckets: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, (_, key)) in items.iter().enumerate() {
        buckets.entry(key.as_str()).or_default().push(k);
    }
    let class_of = classes(items.iter().map(|(i, key)| class_key(key, &claims[*i])));
    let coverage = Coverage::new(numeric, items.iter().map(|(i, _)| &claims[*i]));
    let measure = |x: usize, y: usize| -> Option<(usize, f64)> {
        let (a, b) = (&claims[items[x].0], &claims[items[y].0]);
        // Zoned times are compared in UTC only when both carry a zone.
        let zoned = a.fact.utc_offset.is_some() && b.fact.utc_offset.is_some();
        let (r, n) = coverage.rule_for(numeric, (x, a), (y, b))?;
        let g = gap_ratio(fact_interval(a, n, zoned)?, fact_interval(b, n, zoned)?)?;
        Some((r, g))
    };
    let same = |x: usize, y: usize| {
        let (a, b) = (&claims[items[x].0], &claims[items[y].0]);
        a.doc != b.doc && (cmp.same)(a, b, &cx)
    };
    let doc_of = |k: usize| claims[items[k].0].doc;
    let block_of = |k: usize| (cmp.block)(&claims[items[k].0]);
    let buckets: Vec<&[usize]> = buckets.values().map(Vec::as_slice).collect();
    let groups = conflict_groups(
        items.len(),
        &buckets,
        &class_of,
        &block_of,
        &|k| coverage.earliest(k),
        // A zoned time is measured shifted or not, by the pair: no reach is given.
        &|_| None,
        measure,
        same,
        &doc_of,
    );
    groups
        .into_iter()
        .map(|(members, r, gap)| {
            let cs: Vec<&Claim> = members.iter().map(|&k| &claims[items[k].0]).collect();
            let key = &items[*members.iter().next().unwrap_or(&0)].1;
            build(numeric[r], cs, (cmp.subject)(key), gap, docs, sentences)
        })
        .collect()
}
