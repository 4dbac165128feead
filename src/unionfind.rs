//! Union-find (disjoint sets) over indices: the one implementation every stage that
//! groups things uses (entities in `resolve`, quotations in `compare::quote`).

/// Disjoint sets of indices, each named by its root.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` sets of one index each.
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// Sets given by a parent of each index (an index that is its own parent is a root;
    /// every chain must end at one).
    pub fn from_parents(parent: Vec<usize>) -> Self {
        UnionFind { parent }
    }

    /// The root of the set holding `x`. Path halving shortens the chain on the way and
    /// never changes which index is the root.
    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins two sets by putting root `child` under root `root`. Which root stays is
    /// the caller's choice (by size, the smallest index, …): it is part of its answer.
    pub fn attach(&mut self, child: usize, root: usize) {
        debug_assert!(self.parent[child] == child && self.parent[root] == root);
        self.parent[child] = root;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_sets_share_the_root_the_caller_chose() {
        let mut u = UnionFind::new(5);
        u.attach(3, 1);
        // Only roots are attached: 3 now hangs under 1, so 4 goes under 3's root.
        let root = u.find(3);
        u.attach(4, root);
        assert_eq!((u.find(4), u.find(3), u.find(1)), (1, 1, 1));
        assert_eq!(u.find(0), 0);
        let r = u.find(2);
        u.attach(1, r);
        assert_eq!(u.find(4), 2);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic]
    fn attaching_under_an_index_that_is_not_a_root_is_caught_in_debug_builds() {
        let mut u = UnionFind::new(3);
        u.attach(1, 0);
        u.attach(2, 1);
    }

    #[test]
    fn starting_parents_are_followed_to_their_root() {
        let mut u = UnionFind::from_parents(vec![0, 0, 1, 3, 3]);
        assert_eq!(u.find(2), 0);
        assert_eq!(u.find(4), 3);
        assert_ne!(u.find(2), u.find(4));
    }
}
