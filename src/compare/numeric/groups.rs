//! Conflict groups: which claims disagree, joined into one group per disagreement in
//! time linear in the copies of a claim.

use std::collections::{BTreeMap, BTreeSet};

use crate::hash::HashMap;
use crate::unionfind::UnionFind;

/// One claim's class id per signature, in order of first appearance.
pub(super) fn classes(signatures: impl Iterator<Item = String>) -> Vec<usize> {
    let mut ids: HashMap<String, usize> = HashMap::default();
    signatures
        .map(|s| {
            let n = ids.len();
            *ids.entry(s).or_insert(n)
        })
        .collect()
}

/// The groups of items in conflict: within each bucket, every pair of classes is
/// judged once; the members of two conflicting classes are joined across sources in
/// a pass over them, so that many copies of one claim cost linear time. Each group
/// comes with the first rule (lowest index) and the widest gap of its conflicts:
/// one disagreement is one group, however many sources give it.
pub(super) fn conflict_groups<'b>(
    n: usize,
    buckets: impl Iterator<Item = &'b Vec<usize>>,
    class_of: &[usize],
    judge: impl Fn(usize, usize) -> Option<(usize, f64)>,
    doc_of: &dyn Fn(usize) -> usize,
) -> Vec<(BTreeSet<usize>, usize, f64)> {
    let mut judged: HashMap<(usize, usize), Option<(usize, f64)>> = HashMap::default();
    let mut sets = UnionFind::new(n);
    // A group is named by its smallest member.
    fn join(sets: &mut UnionFind, a: usize, b: usize) {
        let (ra, rb) = (sets.find(a), sets.find(b));
        if ra != rb {
            sets.attach(ra.max(rb), ra.min(rb));
        }
    }
    let mut in_conflict = vec![false; n];
    let mut marks: Vec<(usize, usize, f64)> = Vec::new();
    for bucket in buckets {
        let mut by_class: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &k in bucket {
            by_class.entry(class_of[k]).or_default().push(k);
        }
        let members: Vec<&Vec<usize>> = by_class.values().collect();
        for (x, ma) in members.iter().enumerate() {
            for mb in &members[x..] {
                let key = (
                    class_of[ma[0]].min(class_of[mb[0]]),
                    class_of[ma[0]].max(class_of[mb[0]]),
                );
                let verdict = *judged.entry(key).or_insert_with(|| judge(ma[0], mb[0]));
                let Some((r, g)) = verdict else {
                    continue;
                };
                for (node, partner) in conflict_edges(ma, mb, doc_of) {
                    join(&mut sets, node, partner);
                    in_conflict[node] = true;
                    in_conflict[partner] = true;
                    marks.push((node, r, g));
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, (BTreeSet<usize>, usize, f64)> = BTreeMap::new();
    for (k, _) in in_conflict.iter().enumerate().filter(|(_, c)| **c) {
        let e = groups
            .entry(sets.find(k))
            .or_insert((BTreeSet::new(), usize::MAX, 0.0));
        e.0.insert(k);
    }
    for (k, r, g) in marks {
        if let Some(e) = groups.get_mut(&sets.find(k)) {
            e.1 = e.1.min(r);
            e.2 = e.2.max(g);
        }
    }
    groups.into_values().collect()
}

/// Pairs to join so that the claims of classes `a` and `b` (possibly the same class)
/// fall into the groups the full conflict graph gives, where every pair from different
/// sources conflicts; every claim with at least one conflict appears in a pair. Linear
/// in the members: sources group the members, and the graph between source groups is
/// complete but for same-source pairs, so it is connected as soon as either side has
/// three sources; only with two or fewer on each side are the groups worked out.
fn conflict_edges(
    a: &[usize],
    b: &[usize],
    doc_of: &dyn Fn(usize) -> usize,
) -> Vec<(usize, usize)> {
    // Two classes of one claim each, the most common pair: what `by_source` gives,
    // without its maps.
    if let ([x], [y]) = (a, b) {
        if x == y || doc_of(*x) == doc_of(*y) {
            return Vec::new();
        }
        return vec![(*x, *y), (*x, *x), (*y, *y)];
    }
    by_source(a, b, doc_of)
}

/// [`conflict_edges`] in general: through the members' sources.
fn by_source(a: &[usize], b: &[usize], doc_of: &dyn Fn(usize) -> usize) -> Vec<(usize, usize)> {
    let by_doc = |side: &[usize]| {
        let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &k in side {
            m.entry(doc_of(k)).or_default().push(k);
        }
        m
    };
    let (ga, gb) = (by_doc(a), by_doc(b));
    let mut out = Vec::new();
    if a == b {
        // One class: all its members conflict with each other across sources.
        if ga.len() >= 2 {
            out.extend(a.iter().map(|&k| (k, a[0])));
        }
        return out;
    }
    // A source group is isolated when the other side has only its own source.
    let lone = |g: &BTreeMap<usize, Vec<usize>>, d: usize| g.len() == 1 && g.contains_key(&d);
    if ga.len() >= 3 || gb.len() >= 3 {
        let live: Vec<usize> = ga
            .iter()
            .filter(|(d, _)| !lone(&gb, **d))
            .chain(gb.iter().filter(|(d, _)| !lone(&ga, **d)))
            .flat_map(|(_, ks)| ks.iter().copied())
            .collect();
        if let Some(&anchor) = live.first() {
            out.extend(live.iter().map(|&k| (k, anchor)));
        }
        return out;
    }
    // At most two sources a side: join source groups that differ, then each member
    // to its group's first member.
    for (da, ka) in &ga {
        for (db, kb) in &gb {
            if da != db {
                out.push((ka[0], kb[0]));
                out.extend(ka.iter().map(|&k| (k, ka[0])));
                out.extend(kb.iter().map(|&k| (k, kb[0])));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_claims_pair_as_through_their_sources() {
        // Claims 0..4 in sources 0, 0, 1, 2: every pair of single claims, and each
        // with itself.
        let docs = [0, 0, 1, 2];
        let doc_of = |k: usize| docs[k];
        for x in 0..docs.len() {
            for y in 0..docs.len() {
                assert_eq!(
                    conflict_edges(&[x], &[y], &doc_of),
                    by_source(&[x], &[y], &doc_of),
                    "{x} {y}"
                );
            }
        }
        assert_eq!(
            conflict_edges(&[0], &[2], &doc_of),
            [(0, 2), (0, 0), (2, 2)]
        );
        assert!(conflict_edges(&[0], &[1], &doc_of).is_empty());
    }
}
