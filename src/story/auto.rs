//! `--stories auto`: sources that name no story are grouped into stories by what they
//! say, before anything is compared. An archive or a scraped feed rarely carries a
//! story id.
//!
//! The scheme is the blocking-and-weighting one of record linkage (TF-IDF cosine over
//! blocked candidate pairs), over the features that identify a news event:
//!
//! 1. **Boilerplate out.** A sentence that appears word for word in more than
//!    [`Params::boilerplate`] sources (a sign-in notice, a newsletter blurb), and a
//!    title segment after " - " or " | " that more than that many titles share, or
//!    of at most [`SITE_NAME_WORDS`] words (the site's name), say nothing about one
//!    event and are left out.
//! 2. **Features.** Names (capitalised words that are not function words, weekdays or
//!    months, lower-cased), numbers, and each pair of such words standing together
//!    ("Ana Morel", "block 300"), from the title and the text.
//! 3. **Weights.** A feature weighs its smoothed inverse document frequency,
//!    ln((1 + N)/(1 + df)) + 1 (so that a feature every source of a small run shares
//!    still counts); one in more than [`Params::max_df`] sources (a big city, a common
//!    surname) identifies no event and is dropped.
//! 4. **Candidates by blocking.** Two sources are compared only when they share a
//!    feature: each feature's list of sources holds at most `max_df` of them, so the
//!    pairs number at most `max_df` times the features: linear in the input, never
//!    all pairs.
//! 5. **Links.** A pair is a link when its cosine similarity is at least
//!    [`Params::threshold`], it shares at least [`Params::min_shared`] features, and
//!    (where both sources have a publication date) they were published within
//!    [`Params::window_days`] of each other. Each source joins its best link (the
//!    most similar; ties to the earlier source) and every link of at least
//!    [`Params::strong`] (near-copies), and the stories are the connected groups:
//!    joining only the best of the looser links keeps one loose pair from chaining
//!    two events together.
//!
//! Every step walks sources in load order and features in the order first seen, so
//! the grouping is the same at any thread count. A story is named after its first
//! source: `auto:<source id>`.

use std::collections::HashMap;

use crate::load::Document;

/// The knobs of the grouping (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// A sentence or title segment in more sources than this is boilerplate.
    pub boilerplate: usize,
    /// A feature in more sources than this identifies no event.
    pub max_df: usize,
    /// The least cosine similarity of a link.
    pub threshold: f64,
    /// The fewest features a link shares.
    pub min_shared: usize,
    /// The most days between the publication dates of a link's sources, where both
    /// are known.
    pub window_days: i64,
    /// A link at least this similar always joins (near-copies).
    pub strong: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            boilerplate: 8,
            max_df: 64,
            threshold: 0.15,
            min_shared: 3,
            window_days: 10,
            strong: 0.3,
        }
    }
}

/// A title segment after the first of at most this many words is a site's name
/// ("… - Daily Ledger"), not the headline.
pub const SITE_NAME_WORDS: usize = 4;

/// The prefix of automatic story names.
pub const PREFIX: &str = "auto:";

/// Capitalised words that name nothing: function words that open sentences, weekdays,
/// months and honorifics.
const NOT_NAMES: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "do",
    "during",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "may",
    "more",
    "no",
    "not",
    "of",
    "on",
    "one",
    "or",
    "our",
    "she",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "two",
    "up",
    "was",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "you",
    "your",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "mr",
    "mrs",
    "ms",
    "dr",
];

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The sentences of a text: cut after `.`, `!` or `?` before white space, and at line
/// breaks; trimmed, empty ones left out.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_end = false;
    for (i, c) in text.char_indices() {
        let cut = c == '\n' || (prev_end && c.is_whitespace());
        if cut {
            let s = text[start..i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + c.len_utf8();
        }
        prev_end = matches!(c, '.' | '!' | '?');
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// A title's segments: " - ", " | ", " :: " and " — " part a headline from a site's
/// name.
fn title_segments(title: &str) -> Vec<&str> {
    title
        .split(" - ")
        .flat_map(|s| s.split(" | "))
        .flat_map(|s| s.split(" :: "))
        .flat_map(|s| s.split(" — "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
        .filter(|(k, s)| *k == 0 || s.split_whitespace().count() > SITE_NAME_WORDS)
        .map(|(_, s)| s)
        .collect()
}

/// The name and number features of a stretch of text, pairs of neighbours included.
fn features(text: &str, out: &mut Vec<String>) {
    let mut prev: Option<String> = None;
    for word in text.split(|c: char| {
        !(c.is_alphanumeric() || c == '\'' || c == '-' || c == ',' || c == '.' || c == ':')
    }) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let first = word.chars().next();
        let feature = match first {
            Some(c) if c.is_ascii_digit() || c.is_numeric() => {
                Some(format!("#{}", word.replace(',', "")))
            }
            Some(c) if c.is_uppercase() && word.chars().count() > 1 => {
                let lower = word.to_lowercase();
                (!NOT_NAMES.contains(&lower.as_str())).then_some(lower)
            }
            _ => None,
        };
        match feature {
            Some(f) => {
                if let Some(p) = &prev {
                    out.push(format!("{p} {f}"));
                }
                out.push(f.clone());
                prev = Some(f);
            }
            None => prev = None,
        }
    }
}

/// What one source contributes: its sentences' and title segments' hashes, kept for
/// the boilerplate count.
struct Parts<'a> {
    sentences: Vec<&'a str>,
    title: Vec<&'a str>,
}

fn dedup_hashes<'a>(items: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut h: Vec<u64> = items.map(|s| fnv(s.as_bytes())).collect();
    h.sort_unstable();
    h.dedup();
    h
}

/// The stories of `docs` as groups of indices, each group in load order and the
/// groups in order of their first source. Only the documents `which` selects take
/// part; the others are left out of every group.
pub fn groups(docs: &[Document], which: &[usize], p: &Params) -> Vec<Vec<usize>> {
    let parts: Vec<Parts> = which
        .iter()
        .map(|&i| {
            let d = &docs[i];
            Parts {
                sentences: sentences(&d.text),
                title: d
                    .source
                    .meta
                    .title
                    .as_deref()
                    .map(title_segments)
                    .unwrap_or_default(),
            }
        })
        .collect();
    // 1. Boilerplate: sentences and title segments in too many sources.
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for part in &parts {
        for h in dedup_hashes(part.sentences.iter().copied())
            .into_iter()
            .chain(
                dedup_hashes(part.title.iter().copied())
                    .into_iter()
                    .map(|h| !h),
            )
        {
            *seen.entry(h).or_default() += 1;
        }
    }
    let kept = |h: u64| seen.get(&h).copied().unwrap_or(0) <= p.boilerplate;
    // 2. Features, numbered in the order first seen.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut feats: Vec<Vec<u32>> = Vec::with_capacity(parts.len());
    let mut buf = Vec::new();
    for part in &parts {
        buf.clear();
        for s in &part.title {
            if kept(!fnv(s.as_bytes())) {
                features(s, &mut buf);
            }
        }
        for s in &part.sentences {
            if kept(fnv(s.as_bytes())) {
                features(s, &mut buf);
            }
        }
        let mut f: Vec<u32> = buf
            .drain(..)
            .map(|w| {
                let n = ids.len() as u32;
                *ids.entry(w).or_insert(n)
            })
            .collect();
        f.sort_unstable();
        f.dedup();
        feats.push(f);
    }
    drop(ids);
    // 3. Weights.
    let n_features = feats.iter().flatten().max().map_or(0, |&m| m as usize + 1);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); n_features];
    for (k, f) in feats.iter().enumerate() {
        for &id in f {
            postings[id as usize].push(k as u32);
        }
    }
    let n = parts.len() as f64;
    let idf: Vec<f64> = postings
        .iter()
        .map(|l| {
            if l.len() > p.max_df {
                0.0
            } else {
                ((1.0 + n) / (1.0 + l.len() as f64)).ln() + 1.0
            }
        })
        .collect();
    let norm: Vec<f64> = feats
        .iter()
        .map(|f| {
            f.iter()
                .map(|&id| idf[id as usize].powi(2))
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    // 4. Candidates: pairs that share a feature, with their dot product and count,
    // summed feature by feature in id order.
    let mut pairs: HashMap<(u32, u32), (f64, u32)> = HashMap::new();
    for (id, list) in postings.iter().enumerate() {
        let w = idf[id];
        if list.len() < 2 || w <= 0.0 {
            continue;
        }
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                let e = pairs.entry((a, b)).or_default();
                e.0 += w * w;
                e.1 += 1;
            }
        }
    }
    // 5. Links: each source's best.
    let day = |k: u32| {
        docs[which[k as usize]]
            .published
            .map(|d| d.days_since_epoch())
    };
    let mut best: Vec<Option<(f64, u32)>> = vec![None; parts.len()];
    let mut strong: Vec<(u32, u32)> = Vec::new();
    let mut offer = |from: u32, to: u32, sim: f64| {
        let slot = &mut best[from as usize];
        let better = match slot {
            None => true,
            Some((s, t)) => sim > *s || (sim == *s && to < *t),
        };
        if better {
            *slot = Some((sim, to));
        }
    };
    for (&(a, b), &(dot, shared)) in &pairs {
        if (shared as usize) < p.min_shared {
            continue;
        }
        let denom = norm[a as usize] * norm[b as usize];
        if denom <= 0.0 {
            continue;
        }
        let sim = dot / denom;
        if sim < p.threshold {
            continue;
        }
        if let (Some(x), Some(y)) = (day(a), day(b)) {
            if (x - y).abs() > p.window_days {
                continue;
            }
        }
        offer(a, b, sim);
        offer(b, a, sim);
        if sim >= p.strong {
            strong.push((a, b));
        }
    }
    drop(pairs);
    let mut parent: Vec<u32> = (0..parts.len() as u32).collect();
    fn root(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let links: Vec<(u32, u32)> = best
        .iter()
        .enumerate()
        .filter_map(|(a, b)| b.map(|(_, b)| (a as u32, b)))
        .chain(strong)
        .collect();
    for (a, b) in links {
        {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            // The smaller index is the root, so the union is the same in any order.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            parent[hi as usize] = lo;
        }
    }
    let mut group_of: HashMap<u32, usize> = HashMap::new();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for k in 0..parts.len() as u32 {
        let r = root(&mut parent, k);
        let g = *group_of.entry(r).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(which[k as usize]);
    }
    out
}

/// Gives every document without a story the automatic story it falls in (named after
/// its first source); documents with a story keep it.
pub fn assign(docs: &mut [Document], p: &Params) {
    let which: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i].story.is_none())
        .collect();
    if which.is_empty() {
        return;
    }
    for g in groups(docs, &which, p) {
        let name = format!("{PREFIX}{}", docs[g[0]].source.id);
        for i in g {
            docs[i].story = Some(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Format;

    fn doc(id: &str, title: &str, date: Option<&str>, text: &str) -> Document {
        let (mut d, _) = Document::new(id, &format!("{id}.txt"), text.to_string(), Format::Text);
        d.source.meta.title = Some(title.to_string());
        d.published = date.and_then(crate::load::Date::parse);
        d
    }

    fn fire(id: &str, outlet: &str, n: u32, date: Option<&str>) -> Document {
        doc(
            id,
            &format!("Warehouse fire in Eastvale injures {n} - {outlet}"),
            date,
            &format!(
                "Fire chief Ana Morel said {n} workers were hurt when the Kestrel Foods warehouse on Harlow Road burned. \
                 Crews from Eastvale and Dunmore fought the blaze for 3 hours. Sign up for our newsletter."
            ),
        )
    }

    fn crash(id: &str, outlet: &str, date: Option<&str>) -> Document {
        doc(
            id,
            &format!("Bus crash on Route 9 near Millhaven - {outlet}"),
            date,
            "Sergeant Tomas Verlinde said a Brightline coach left Route 9 near Millhaven at 6 a.m. \
             Driver Iris Kalnova was taken to St. Oda Hospital. Sign up for our newsletter.",
        )
    }

    fn names(docs: &[Document]) -> Vec<Vec<&str>> {
        let all: Vec<usize> = (0..docs.len()).collect();
        groups(docs, &all, &Params::default())
            .into_iter()
            .map(|g| g.into_iter().map(|i| docs[i].source.id.as_str()).collect())
            .collect()
    }

    #[test]
    fn reports_of_one_event_group_and_other_events_stay_apart() {
        let docs = vec![
            fire("a", "Daily Ledger", 12, None),
            crash("b", "Daily Ledger", None),
            fire("c", "Evening Post", 14, None),
            crash("d", "Harbour Times", None),
            doc(
                "e",
                "Council passes budget - Daily Ledger",
                None,
                "Mayor Lena Dravic signed the Northbrook budget of 4 million.",
            ),
            fire("f", "Harbour Times", 12, None),
        ];
        assert_eq!(
            names(&docs),
            [vec!["a", "c", "f"], vec!["b", "d"], vec!["e"]]
        );
    }

    #[test]
    fn publication_dates_far_apart_keep_reports_apart() {
        let docs = vec![
            fire("a", "Daily Ledger", 12, Some("2031-03-01")),
            fire("b", "Evening Post", 12, Some("2031-03-02")),
            fire("c", "Harbour Times", 12, Some("2032-07-19")),
        ];
        assert_eq!(names(&docs), [vec!["a", "b"], vec!["c"]]);
    }

    #[test]
    fn grouping_does_not_depend_on_the_order_of_the_pair_map() {
        let docs = || {
            (0..12)
                .map(|k| {
                    if k % 3 == 0 {
                        crash(&format!("s{k}"), "Daily Ledger", None)
                    } else {
                        fire(&format!("s{k}"), "Evening Post", 10 + k % 2, None)
                    }
                })
                .collect::<Vec<_>>()
        };
        let base = docs();
        let first = names(&base);
        for _ in 0..5 {
            assert_eq!(names(&docs()), first);
        }
        assert_eq!(first.len(), 2, "{first:?}");
    }

    #[test]
    fn sources_with_a_story_keep_it_and_the_rest_are_named_after_their_first() {
        let mut docs = vec![
            fire("a", "Daily Ledger", 12, None),
            crash("b", "Daily Ledger", None),
            fire("c", "Evening Post", 14, None),
        ];
        docs[1].story = Some("kept".into());
        assign(&mut docs, &Params::default());
        let stories: Vec<&str> = docs.iter().map(|d| d.story.as_deref().unwrap()).collect();
        assert_eq!(stories, ["auto:a", "kept", "auto:a"]);
    }

    #[test]
    fn sentences_and_title_segments_are_cut_where_expected() {
        assert_eq!(
            sentences("One. Two!\nThree 3.5 four? five"),
            ["One.", "Two!", "Three 3.5 four?", "five"]
        );
        assert_eq!(
            title_segments("Fire injures 12 - Daily | Crews from three towns fought the blaze"),
            ["Fire injures 12", "Crews from three towns fought the blaze"]
        );
        let mut f = Vec::new();
        features("The chief, Ana Morel, said 1,200 people left.", &mut f);
        assert_eq!(f, ["ana", "ana morel", "morel", "#1200"]);
    }
}
