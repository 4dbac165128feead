//! Conflict groups: which claims disagree, joined into one group per disagreement in
//! time linear in the copies of a claim.

use std::collections::{BTreeMap, BTreeSet};

use crate::hash::HashMap;
use crate::unionfind::UnionFind;

/// One claim's class id per signature, in order of first appearance.
pub(super) fn classes<K: std::hash::Hash + Eq>(signatures: impl Iterator<Item = K>) -> Vec<usize> {
    let mut ids: HashMap<K, usize> = HashMap::default();
    signatures
        .map(|s| {
            let n = ids.len();
            *ids.entry(s).or_insert(n)
        })
        .collect()
}

/// Which claims of a bucket may be the same quantity at all: claims in different
/// blocks never are, and a block's claims on one side ([`Side::Left`] or
/// [`Side::Right`]) are compared only with the other side or with [`Side::Any`]. A
/// comparator's judge must refuse every pair the blocks keep apart; blocks only spare
/// it the pairs it would refuse, so that a big bucket costs the pairs that can conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) struct Block {
    pub key: u32,
    pub side: Side,
}

/// Where a claim stands in its block (see [`Block`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Side {
    Any,
    Left,
    Right,
}

impl Block {
    /// One block for every claim: nothing kept apart.
    pub const ALL: Block = Block {
        key: 0,
        side: Side::Any,
    };
}

/// The conflicts found so far: claims joined into groups, and for each claim the
/// first rule (lowest index) and the widest gap of the conflicts it took part in.
struct Joined {
    sets: UnionFind,
    in_conflict: Vec<bool>,
    rule: Vec<usize>,
    gap: Vec<f64>,
    /// At each group's root: the first rule and the widest gap among its members'
    /// (what [`Joined::groups`] will give it), kept as groups join.
    top_rule: Vec<usize>,
    top_gap: Vec<f64>,
}

impl Joined {
    fn new(n: usize) -> Self {
        Joined {
            sets: UnionFind::new(n),
            in_conflict: vec![false; n],
            rule: vec![usize::MAX; n],
            gap: vec![0.0; n],
            top_rule: vec![usize::MAX; n],
            top_gap: vec![0.0; n],
        }
    }

    /// Joins `node` with `partner` for a conflict under rule `r` with gap `g`. A group
    /// is named by its smallest member.
    fn join(&mut self, node: usize, partner: usize, r: usize, g: f64) {
        let mut root = self.sets.find(node);
        // A claim joined with itself (a conflict's marks) changes no group.
        if node != partner {
            let other = self.sets.find(partner);
            if root != other {
                let (keep, child) = (root.min(other), root.max(other));
                self.sets.attach(child, keep);
                self.top_rule[keep] = self.top_rule[keep].min(self.top_rule[child]);
                self.top_gap[keep] = self.top_gap[keep].max(self.top_gap[child]);
                root = keep;
            }
        }
        self.in_conflict[node] = true;
        self.in_conflict[partner] = true;
        self.rule[node] = self.rule[node].min(r);
        self.gap[node] = self.gap[node].max(g);
        self.top_rule[root] = self.top_rule[root].min(r);
        self.top_gap[root] = self.top_gap[root].max(g);
    }

    /// Are all of `members` in conflict and in one group? Then they stay so: groups
    /// only join and marks are never taken back.
    fn settled(&mut self, members: &[usize]) -> bool {
        let root = self.sets.find(members[0]);
        members
            .iter()
            .all(|&k| self.in_conflict[k] && self.sets.find(k) == root)
    }

    /// Would any conflict between members of two settled classes (see
    /// [`Joined::settled`]), under a rule no earlier than `floor`, leave the groups as
    /// they are? Yes when both are in one group already whose first rule is no later
    /// than `floor` and whose widest gap is infinite: no gap is wider. Asked before
    /// the pair is measured, so that the many pairs inside one such group cost a
    /// look-up each.
    fn saturated(&mut self, a: usize, b: usize, floor: usize) -> bool {
        let root = self.sets.find(a);
        self.top_gap[root] == f64::INFINITY
            && self.top_rule[root] <= floor
            && root == self.sets.find(b)
    }

    /// Would a conflict under rule `r` with gap `g` between members of two settled
    /// classes (see [`Joined::settled`]) change any group? Not when both are in one
    /// group already whose first rule is no later and whose widest gap is no
    /// narrower: joining them adds no member, and the group's rule and gap are the
    /// lowest and widest of its members'.
    fn absorbs(&mut self, a: usize, b: usize, r: usize, g: f64) -> bool {
        let root = self.sets.find(a);
        root == self.sets.find(b) && self.top_rule[root] <= r && self.top_gap[root] >= g
    }

    /// Each group with the first rule and the widest gap among its members', in
    /// order of its smallest member.
    fn groups(mut self) -> Vec<(BTreeSet<usize>, usize, f64)> {
        let mut groups: BTreeMap<usize, (BTreeSet<usize>, usize, f64)> = BTreeMap::new();
        for k in 0..self.in_conflict.len() {
            if !self.in_conflict[k] {
                continue;
            }
            let e = groups
                .entry(self.sets.find(k))
                .or_insert((BTreeSet::new(), usize::MAX, 0.0));
            e.0.insert(k);
            e.1 = e.1.min(self.rule[k]);
            e.2 = e.2.max(self.gap[k]);
        }
        groups.into_values().collect()
    }
}

/// A class of a bucket: its id and its members there.
type ClassIn<'m> = (usize, &'m [usize]);

/// Where an item's value can stand, whatever rule it is measured under: `(l, h)`
/// such that every interval `measure` reads of it has its low end at most `l` and
/// its high end at least `h`, with `h > 0`. Between two items with reaches
/// `(la, ha)` and `(lc, hc)` no gap is wider than `lc / ha` (the first below) or
/// `la / hc` (the second below): see [`within_reach`].
pub(super) type Reach = Option<(f64, f64)>;

/// Can no gap between two items with these reaches be wider than `gap`? The gap of
/// `x` below `y` is `y.lo / x.hi` with `0 < x.hi < y.lo`, and `y.lo <= l_y`,
/// `x.hi >= h_x > 0`, so it is at most `l_y / h_x` (division rounds monotonically).
fn within_reach(a: Reach, c: Reach, gap: f64) -> bool {
    match (a, c) {
        (Some((la, ha)), Some((lc, hc))) => lc / ha <= gap && la / hc <= gap,
        _ => false,
    }
}

/// What a settled class knows of its group when every pair of it with a class
/// settled in the same group and within reach ([`within_reach`] of the group's
/// widest gap) would change nothing: the group's first rule is no later than the
/// class's earliest, and no such pair has a wider gap (an infinite one has none).
#[derive(Clone, Copy)]
struct Inside {
    root: usize,
    gap: f64,
    reach: Reach,
}

/// Is there a bucket before `b` in both sorted lists of buckets?
fn met_before(x: &[u32], y: &[u32], b: u32) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() && x[i] < b && y[j] < b {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The groups of items in conflict: within each bucket and block (see [`Block`]),
/// every pair of classes that may conflict is judged once, in the first bucket the two
/// share; the members of two conflicting classes are joined across sources in a pass
/// over them, so that many copies of one claim cost linear time. Each group comes
/// with the first rule (lowest index) and the widest gap of its conflicts: one
/// disagreement is one group, however many sources give it. The members of a class
/// must fall in the same buckets and blocks (what both read must be in the class).
///
/// Two items conflict when `measure` gives them a rule and gap and `same` says they
/// are the same quantity. `measure` is asked first: a pair between two classes
/// already wholly inside one group whose rule and gap it cannot change is not asked
/// `same` nor joined (in a big story most pairs of a common quantity are such).
/// `floor` gives the earliest rule an item can conflict under (no rule `measure`
/// gives it is earlier) and `reach` where its value can stand (see [`Reach`]):
/// inside a group whose rule is no later and whose gap is infinite, or no narrower
/// than the reaches of the pair allow, a pair is not even measured.
// One argument per question the caller answers about its items.
#[allow(clippy::too_many_arguments)]
pub(super) fn conflict_groups(
    n: usize,
    buckets: &[&[usize]],
    class_of: &[usize],
    block_of: &dyn Fn(usize) -> Block,
    floor: &dyn Fn(usize) -> usize,
    reach: &dyn Fn(usize) -> Reach,
    measure: impl Fn(usize, usize) -> Option<(usize, f64)>,
    same: impl Fn(usize, usize) -> bool,
    doc_of: &dyn Fn(usize) -> usize,
) -> Vec<(BTreeSet<usize>, usize, f64)> {
    let classes = class_of.iter().max().map_or(0, |m| m + 1);
    // The buckets each class is in, ascending.
    let mut homes: Vec<Vec<u32>> = vec![Vec::new(); classes];
    for (b, bucket) in buckets.iter().enumerate() {
        for &k in *bucket {
            let h = &mut homes[class_of[k]];
            if h.last() != Some(&(b as u32)) {
                h.push(b as u32);
            }
        }
    }
    let mut joined = Joined::new(n);
    // Classes whose members are all in conflict and in one group (see `absorbs`).
    let mut settled = vec![false; classes];
    for (b, bucket) in buckets.iter().enumerate() {
        let b = b as u32;
        let mut by_class: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &k in *bucket {
            by_class.entry(class_of[k]).or_default().push(k);
        }
        // Each block's classes by side: Any, Left, Right.
        let mut blocks: BTreeMap<u32, [Vec<ClassIn>; 3]> = BTreeMap::new();
        for (&c, ms) in &by_class {
            let block = block_of(ms[0]);
            blocks.entry(block.key).or_default()[block.side as usize].push((c, ms));
        }
        // Judges a pair of classes; says whether it joined any claims.
        let pair = |joined: &mut Joined,
                    settled: &mut [bool],
                    (ca, ma): ClassIn,
                    (cb, mb): ClassIn|
         -> bool {
            let ((ca, ma), (cb, mb)) = if ca <= cb {
                ((ca, ma), (cb, mb))
            } else {
                ((cb, mb), (ca, ma))
            };
            let settled_both = settled[ca] && settled[cb];
            if settled_both && joined.saturated(ma[0], mb[0], floor(ma[0]).max(floor(mb[0]))) {
                return false;
            }
            if met_before(&homes[ca], &homes[cb], b) {
                return false;
            }
            let Some((r, g)) = measure(ma[0], mb[0]) else {
                return false;
            };
            if settled_both && joined.absorbs(ma[0], mb[0], r, g) {
                return false;
            }
            if !same(ma[0], mb[0]) {
                return false;
            }
            conflict_edges(ma, mb, doc_of, &mut |x, y| joined.join(x, y, r, g));
            for (c, m) in [(ca, ma), (cb, mb)] {
                if !settled[c] {
                    settled[c] = joined.settled(m);
                }
            }
            true
        };
        // The group a settled class is in, when its pairs with classes settled in the
        // same group may be skipped (see `Inside`): each such pair then costs a
        // look-up, without the pair's other questions. A group only gains members,
        // an earlier rule and a wider gap, so what was read stays true; a root kept
        // after its group joined another is no root any more, so no class is found
        // in it and the pair is judged in full: never a wrong skip.
        let inside = |joined: &mut Joined, settled: &[bool], (c, m): ClassIn| {
            if !settled[c] {
                return None;
            }
            let root = joined.sets.find(m[0]);
            let (gap, reach) = (joined.top_gap[root], reach(m[0]));
            (joined.top_rule[root] <= floor(m[0]) && (gap == f64::INFINITY || reach.is_some()))
                .then_some(Inside { root, gap, reach })
        };
        let absorbed =
            |joined: &mut Joined, settled: &[bool], g: Option<Inside>, (c, m): ClassIn| {
                g.is_some_and(|g| {
                    settled[c]
                        && joined.sets.find(m[0]) == g.root
                        && (g.gap == f64::INFINITY || within_reach(g.reach, reach(m[0]), g.gap))
                })
            };
        for [any, left, right] in blocks.values() {
            for (x, &a) in any.iter().enumerate() {
                let mut g = inside(&mut joined, &settled, a);
                for &c in any[x..].iter().chain(left).chain(right) {
                    if !absorbed(&mut joined, &settled, g, c)
                        && pair(&mut joined, &mut settled, a, c)
                    {
                        g = inside(&mut joined, &settled, a);
                    }
                }
            }
            for &l in left {
                let mut g = inside(&mut joined, &settled, l);
                for &r in right {
                    if !absorbed(&mut joined, &settled, g, r)
                        && pair(&mut joined, &mut settled, l, r)
                    {
                        g = inside(&mut joined, &settled, l);
                    }
                }
            }
        }
    }
    joined.groups()
}

/// [`conflict_groups`] the plain way, to test it against: every pair of claims that
/// share a bucket, from different sources, joined when their classes conflict.
#[cfg(test)]
pub(super) fn all_pairs(
    n: usize,
    buckets: &[&[usize]],
    class_of: &[usize],
    judge: impl Fn(usize, usize) -> Option<(usize, f64)>,
    doc_of: &dyn Fn(usize) -> usize,
) -> Vec<(BTreeSet<usize>, usize, f64)> {
    let mut joined = Joined::new(n);
    for i in 0..n {
        for j in i + 1..n {
            let together = buckets.iter().any(|b| b.contains(&i) && b.contains(&j));
            if !together || doc_of(i) == doc_of(j) {
                continue;
            }
            // Judged by the classes' first members, lower class first, as above.
            let first = |c: usize| (0..n).find(|&k| class_of[k] == c).unwrap_or(0);
            let (ci, cj) = (class_of[i].min(class_of[j]), class_of[i].max(class_of[j]));
            if let Some((r, g)) = judge(first(ci), first(cj)) {
                joined.join(i, j, r, g);
                joined.join(j, i, r, g);
            }
        }
    }
    joined.groups()
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
    edge: &mut dyn FnMut(usize, usize),
) {
    // Two classes of one claim each, the most common pair: the groups `by_source`
    // gives, without its maps, in one pair (the two claims are joined, so the rule and
    // gap marked on the first are their group's).
    if let ([x], [y]) = (a, b) {
        if x != y && doc_of(*x) != doc_of(*y) {
            edge(*x, *y);
        }
        return;
    }
    for (x, y) in by_source(a, b, doc_of) {
        edge(x, y);
    }
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

    /// The pairs `conflict_edges` hands over.
    fn edges(a: &[usize], b: &[usize], doc_of: &dyn Fn(usize) -> usize) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        conflict_edges(a, b, doc_of, &mut |x, y| out.push((x, y)));
        out
    }

    /// The groups a list of pairs makes, joined as `conflict_groups` joins them.
    fn groups_of(
        n: usize,
        pairs: &[(usize, usize)],
        r: usize,
        g: f64,
    ) -> Vec<(BTreeSet<usize>, usize, f64)> {
        let mut joined = Joined::new(n);
        for &(x, y) in pairs {
            joined.join(x, y, r, g);
        }
        joined.groups()
    }

    #[test]
    fn single_claims_group_as_through_their_sources() {
        // Claims 0..4 in sources 0, 0, 1, 2: every pair of single claims, and each
        // with itself.
        let docs = [0, 0, 1, 2];
        let doc_of = |k: usize| docs[k];
        for x in 0..docs.len() {
            for y in 0..docs.len() {
                assert_eq!(
                    groups_of(docs.len(), &edges(&[x], &[y], &doc_of), 1, 2.0),
                    groups_of(docs.len(), &by_source(&[x], &[y], &doc_of), 1, 2.0),
                    "{x} {y}"
                );
            }
        }
        assert_eq!(edges(&[0], &[2], &doc_of), [(0, 2)]);
        assert!(edges(&[0], &[1], &doc_of).is_empty());
    }

    #[test]
    fn buckets_met_again_are_not_judged_again() {
        assert!(met_before(&[1, 4, 7], &[2, 4, 9], 7));
        assert!(!met_before(&[1, 4, 7], &[2, 4, 9], 4));
        assert!(!met_before(&[1, 3], &[2, 4], 9));
        assert!(!met_before(&[], &[0], 1));
    }

    /// Blocked, bucketed and deduplicated groups, with the pairs a group absorbs
    /// skipped, equal the groups of every pair of claims, over many small random
    /// stories: claims in a few sources, classes of copies, buckets and blocks by
    /// class, and a judge that refuses what the blocks keep apart and otherwise
    /// conflicts at random (symmetric, with a rule and gap from the pair, and the
    /// sameness asked apart).
    #[test]
    fn blocked_groups_equal_the_all_pairs_groups() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..900 {
            // Later rounds: more claims, few sources and classes, so that groups grow
            // big and most pairs fall inside one (the pairs `absorbs` spares).
            let n = 1 + if round < 600 { next(24) } else { next(64) };
            let n_classes = 1 + next(if round < 600 {
                n as u64
            } else {
                1 + n as u64 / 4
            });
            let n_docs = 1 + next(5);
            let n_buckets = 1 + next(4);
            // A class's buckets, block and side.
            let class_buckets: Vec<Vec<usize>> = (0..n_classes)
                .map(|_| (0..n_buckets).filter(|_| next(2) == 0).collect())
                .collect();
            let class_block: Vec<Block> = (0..n_classes)
                .map(|_| Block {
                    key: next(2) as u32,
                    side: [Side::Any, Side::Left, Side::Right][next(3)],
                })
                .collect();
            let class_of: Vec<usize> = (0..n)
                .map(|k| {
                    if k < n_classes {
                        k
                    } else {
                        next(n_classes as u64)
                    }
                })
                .collect();
            // Class ids in order of first appearance, as `classes` gives them.
            let docs: Vec<usize> = (0..n).map(|_| next(n_docs as u64)).collect();
            let buckets: Vec<Vec<usize>> = (0..n_buckets)
                .map(|b| {
                    (0..n)
                        .filter(|&k| class_buckets[class_of[k]].contains(&b))
                        .collect()
                })
                .collect();
            // Gaps of 51 stand for infinite ones (a count of none against some).
            let verdicts: Vec<Option<(usize, f64)>> = (0..n_classes * n_classes)
                .map(|_| {
                    let g = match 1 + next(51) {
                        51 => f64::INFINITY,
                        g => g as f64,
                    };
                    (next(3) > 0).then(|| (next(3), g))
                })
                .collect();
            // Each class's earliest rule: the lowest of its verdicts', or none lower.
            let floors: Vec<usize> = (0..n_classes)
                .map(|a| {
                    (0..n_classes)
                        .filter_map(|b| verdicts[a.min(b) * n_classes + a.max(b)])
                        .map(|(r, _)| r)
                        .min()
                        .unwrap_or(0)
                })
                .collect();
            // Whether a pair is the same quantity (most are), asked apart from its measure.
            let aligned: Vec<bool> = (0..n_classes * n_classes).map(|_| next(5) > 0).collect();
            let measure = |i: usize, j: usize| {
                let (a, b) = (class_of[i], class_of[j]);
                verdicts[a.min(b) * n_classes + a.max(b)]
            };
            let same = |i: usize, j: usize| {
                let (a, b) = (class_of[i], class_of[j]);
                let (x, y) = (class_block[a], class_block[b]);
                let apart = x.key != y.key || (x.side != Side::Any && x.side == y.side);
                !apart && aligned[a.min(b) * n_classes + a.max(b)]
            };
            let judge = |i: usize, j: usize| measure(i, j).filter(|_| same(i, j));
            let doc_of = |k: usize| docs[k];
            let block_of = |k: usize| class_block[class_of[k]];
            let slices: Vec<&[usize]> = buckets.iter().map(Vec::as_slice).collect();
            let floor = |k: usize| floors[class_of[k]];
            let blocked = conflict_groups(
                n,
                &slices,
                &class_of,
                &block_of,
                &floor,
                &|_| None,
                measure,
                same,
                &doc_of,
            );
            let plain = all_pairs(n, &slices, &class_of, judge, &doc_of);
            assert_eq!(blocked, plain, "round {round}");
        }
    }

    /// Groups with pairs skipped within reach equal the groups of every pair, over
    /// random stories whose items have values (point intervals; none gives an
    /// infinite gap): a pair of different values conflicts unless refused, with the
    /// ratio of its values as its gap, so that reaches bound the gaps exactly and
    /// the skips are tried right at their edge.
    #[test]
    fn groups_skipping_pairs_within_reach_equal_the_all_pairs_groups() {
        let mut seed: u64 = 0x2f6b_1d4e_77c3_a901;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..600 {
            let n = 1 + next(64);
            let n_classes = 1 + next(1 + n as u64 / 3);
            let n_docs = 1 + next(5);
            let n_buckets = 1 + next(3);
            let value: Vec<f64> = (0..n_classes).map(|_| next(9) as f64).collect();
            let rule: Vec<usize> = (0..n_classes * n_classes).map(|_| next(2)).collect();
            let refused: Vec<bool> = (0..n_classes * n_classes).map(|_| next(6) == 0).collect();
            let class_buckets: Vec<Vec<usize>> = (0..n_classes)
                .map(|_| (0..n_buckets).filter(|_| next(3) > 0).collect())
                .collect();
            let class_of: Vec<usize> = (0..n)
                .map(|k| {
                    if k < n_classes {
                        k
                    } else {
                        next(n_classes as u64)
                    }
                })
                .collect();
            let docs: Vec<usize> = (0..n).map(|_| next(n_docs as u64)).collect();
            let buckets: Vec<Vec<usize>> = (0..n_buckets)
                .map(|b| {
                    (0..n)
                        .filter(|&k| class_buckets[class_of[k]].contains(&b))
                        .collect()
                })
                .collect();
            let pair_of = |a: usize, b: usize| a.min(b) * n_classes + a.max(b);
            let measure = |i: usize, j: usize| {
                let (a, b) = (class_of[i], class_of[j]);
                let (x, y) = (value[a], value[b]);
                (x != y && !refused[pair_of(a, b)]).then(|| {
                    let g = if x.min(y) <= 0.0 {
                        f64::INFINITY
                    } else {
                        x.max(y) / x.min(y)
                    };
                    (rule[pair_of(a, b)], g)
                })
            };
            // Each class's earliest rule, as `Coverage::earliest` gives a lower bound.
            let floors: Vec<usize> = (0..n_classes)
                .map(|a| {
                    (0..n_classes)
                        .map(|b| rule[pair_of(a, b)])
                        .min()
                        .unwrap_or(0)
                })
                .collect();
            let floor = |k: usize| floors[class_of[k]];
            let same = |_: usize, _: usize| true;
            let judge = |i: usize, j: usize| measure(i, j).filter(|_| same(i, j));
            let reach = |k: usize| {
                let v = value[class_of[k]];
                (v > 0.0).then_some((v, v))
            };
            let doc_of = |k: usize| docs[k];
            let block_of = |_: usize| Block::ALL;
            let slices: Vec<&[usize]> = buckets.iter().map(Vec::as_slice).collect();
            let blocked = conflict_groups(
                n, &slices, &class_of, &block_of, &floor, &reach, measure, same, &doc_of,
            );
            let plain = all_pairs(n, &slices, &class_of, judge, &doc_of);
            assert_eq!(blocked, plain, "round {round}");
        }
    }
}
