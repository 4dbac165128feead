//! The hash maps and sets every stage uses internally.
//!
//! std's default hasher (SipHash) is built to resist collision attacks and costs
//! about 5 % of a run on short string keys. foldhash is several times faster and is
//! still seeded per process (`RandomState`), so crafted input cannot precompute
//! collisions, and iteration order stays unspecified: nothing that reaches a report
//! may depend on it (reports sort, or walk `BTreeMap`s and vectors).

/// A hash map with foldhash's per-process seeded hasher (`HashMap::default()`).
pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with foldhash's per-process seeded hasher (`HashSet::default()`).
pub type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
