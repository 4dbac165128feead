//! `--shard K/N`: one of N processes over the same inputs takes the stories whose key
//! hashes to K. Stories are independent, so N shard reports joined (`factdiff merge`)
//! are the report of one run over everything.
//!
//! The hash is fixed and documented, so that any machine, thread count or argument
//! order gives the same split: FNV-1a (64 bits) over the story key's UTF-8 bytes (the
//! empty string for the default story, which sources without a story share), then
//! MurmurHash3's `fmix64` finalizer (FNV's low bits alone follow the bytes' parity), and
//! the remainder by N picks the shard: shard K (1-based) holds the stories whose
//! remainder is K − 1.

use crate::hash::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::load::Document;

/// Shard K of N, 1 ≤ K ≤ N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, 1-based.
    pub index: u32,
    /// N.
    pub count: u32,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The most shards a run may be split into; far more than any batch needs, and small
/// enough that a typo (`--shard 1/30000000000`) is caught.
pub const MAX_SHARDS: u32 = 1_000_000;

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || {
            format!(
                "`{s}` is not a shard: write K/N with 1 ≤ K ≤ N ≤ {MAX_SHARDS} (K counts from 1), e.g. 2/4"
            )
        };
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let num = |t: &str| {
            let t = t.trim();
            // Digits only: "+2", "0x2" or "2.0" are typos, not shards.
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse::<u32>().ok()
        };
        let (Some(index), Some(count)) = (num(k), num(n)) else {
            return Err(bad());
        };
        if count == 0 || count > MAX_SHARDS || index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// The stable 64-bit hash of a story key (see the module doc).
pub fn key_hash(story: Option<&str>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in story.unwrap_or("").as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // fmix64: every input bit reaches every output bit.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

impl Shard {
    /// Does this shard hold the story?
    pub fn holds(&self, story: Option<&str>) -> bool {
        key_hash(story) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// What a shard took from the whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Every story of the whole run, in order of first appearance (the order a single
    /// run reports them in).
    pub all: Vec<Option<String>>,
    /// The position in `all` of each story this shard holds, in order.
    pub held: Vec<usize>,
}

/// Keeps the documents of the stories the shard holds, in their order. Source ids
/// were made unique over the whole run when loading, so they are the same in every
/// shard.
pub fn select(docs: Vec<Document>, shard: Shard) -> (Vec<Document>, Selection) {
    let mut order: HashMap<Option<String>, usize> = HashMap::default();
    let mut all = Vec::new();
    let mut held = Vec::new();
    let mut kept = Vec::new();
    for d in docs {
        let k = *order.entry(d.story.clone()).or_insert_with(|| {
            all.push(d.story.clone());
            if shard.holds(d.story.as_deref()) {
                held.push(all.len() - 1);
            }
            all.len() - 1
        });
        // `held` grows in order of `k`, so a binary search finds it.
        if held.binary_search(&k).is_ok() {
            kept.push(d);
        }
    }
    (kept, Selection { all, held })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;

    fn doc(id: &str, story: Option<&str>) -> Document {
        let (mut d, _) = Document::new(id, &format!("{id}.txt"), "Text.".into(), Format::Text);
        d.story = story.map(String::from);
        d
    }

    #[test]
    fn shards_parse_one_based_and_refuse_the_rest() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        assert_eq!("1/1".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in [
            "0/3",
            "4/3",
            "3",
            "1/0",
            "/3",
            "1/",
            "a/3",
            "-1/3",
            "+1/3",
            "1.0/3",
            "1/3/4",
            "",
            "1/2000000",
        ] {
            let e = bad.parse::<Shard>().unwrap_err();
            assert!(e.contains("K/N"), "{bad}: {e}");
        }
    }

    #[test]
    fn the_hash_is_the_documented_one() {
        // Pinned (worked out independently from the module doc's recipe) so that the
        // split never changes between releases or platforms.
        assert_eq!(key_hash(None), 0xefd0_1f60_ba99_2926);
        assert_eq!(key_hash(Some("")), key_hash(None));
        assert_eq!(key_hash(Some("harbour-fire")), 0xdb83_be54_1407_83c3);
    }

    #[test]
    fn every_story_lands_in_exactly_one_shard() {
        let names: Vec<String> = (0..500).map(|i| format!("story-{i}")).collect();
        for n in 1..=7u32 {
            let mut sizes = vec![0usize; n as usize];
            for name in &names {
                let holders: Vec<u32> = (1..=n)
                    .filter(|&k| Shard { index: k, count: n }.holds(Some(name)))
                    .collect();
                assert_eq!(holders.len(), 1, "{name} in {holders:?} of {n}");
                sizes[holders[0] as usize - 1] += 1;
            }
            // Sequential names still spread over every shard.
            assert!(sizes.iter().all(|&s| s > 500 / n as usize / 2), "{sizes:?}");
        }
    }

    #[test]
    fn selection_keeps_whole_stories_in_load_order() {
        let docs = || {
            vec![
                doc("a", Some("s1")),
                doc("b", Some("s2")),
                doc("c", Some("s1")),
                doc("d", None),
                doc("e", Some("s3")),
                doc("f", Some("s2")),
            ]
        };
        let mut seen = Vec::new();
        for k in 1..=3 {
            let (kept, sel) = select(docs(), Shard { index: k, count: 3 });
            assert_eq!(
                sel.all,
                [Some("s1"), Some("s2"), None, Some("s3")].map(|s| s.map(String::from))
            );
            for &h in &sel.held {
                let ids: Vec<&str> = kept
                    .iter()
                    .filter(|d| d.story == sel.all[h])
                    .map(|d| d.source.id.as_str())
                    .collect();
                let want: Vec<String> = docs()
                    .into_iter()
                    .filter(|d| d.story == sel.all[h])
                    .map(|d| d.source.id)
                    .collect();
                assert_eq!(ids, want);
            }
            assert_eq!(
                kept.len(),
                docs()
                    .iter()
                    .filter(|d| sel.held.iter().any(|&h| sel.all[h] == d.story))
                    .count()
            );
            seen.extend(sel.held);
        }
        seen.sort_unstable();
        assert_eq!(seen, [0, 1, 2, 3]);
    }
}
