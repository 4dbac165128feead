//! `--stories auto`: sources that name no story are grouped into stories by what they
//! say, before anything is compared. An archive or a scraped feed rarely carries a
//! story id.
//!
//! The scheme is the blocking-and-weighting one of record linkage (TF-IDF cosine over
//! blocked candidate pairs), over the words that identify a news event, followed by a
//! clustering that does not chain:
//!
//! 1. **Boilerplate out.** A sentence that appears word for word in more than
//!    [`Params::boilerplate`] sources (a sign-in notice, a newsletter blurb) or in more
//!    than [`Params::site_boilerplate`] sources of one site (its URL's host, else its
//!    outlet: a site's sidebar and footer, which differ from site to site), and a
//!    title segment after " - " or " | " that more than `boilerplate` titles share, or
//!    of at most [`SITE_NAME_WORDS`] words (the site's name), say nothing about one
//!    event and are left out.
//! 2. **Features.** Names (capitalised words that are not function words, weekdays or
//!    months, lower-cased), numbers, each pair of such words standing together
//!    ("Ana Morel", "block 300"), and the other words that are not function words
//!    ("warehouse", "quadruple"), from the title and the text, each counted.
//! 3. **Weights.** A feature weighs its smoothed inverse document frequency,
//!    ln((1 + N)/(1 + df)) + 1 (so that a feature every source of a small run shares
//!    still counts), times 1 + ln(count) (a name said five times is what the article
//!    is about; one said once may be a link to another story), halved for plain words
//!    ([`Params::word_weight`]: "warehouse" says less about which event than
//!    "Kestrel"); one in more than [`Params::max_df`] sources (a big city, a common
//!    word) identifies no event and is dropped.
//! 4. **Candidates by blocking.** Two sources are compared only when they share a
//!    feature: each feature's list of sources holds at most `max_df` of them, so the
//!    pairs number at most `max_df` times the features: linear in the input, never
//!    all pairs.
//! 5. **Links.** A pair is a link when it shares at least [`Params::min_shared`]
//!    features and its cosine similarity is at least [`Params::threshold`] plus
//!    [`Params::per_log_day`] × ln(1 + days between the publication dates): reports
//!    of one event cluster in time, so the further apart two sources were published
//!    the more they must share (an unknown date counts as the same day). A pair of
//!    neighbouring names or numbers that at most [`Params::rare_pair_df`] sources
//!    share (a person's full name, a street and its number, a venue) is the surest
//!    sign of one event: a pair that shares one needs only
//!    [`Params::rare_pair_factor`] of that similarity, and only such a pair links
//!    sources published more than [`Params::window_days`] apart (an arrest, a trial
//!    or a sentence months after the event), up to [`Params::far_window_days`], at a
//!    similarity of at least [`Params::far_threshold`]. Further apart, sources never
//!    link.
//! 6. **Stories.** Links are taken from the most to the least similar (by how far
//!    they clear their threshold); a link joins its two sources' groups only when at
//!    least [`Params::density`] of the pairs between the two groups are links
//!    (average linkage): one loose pair cannot chain two events together. The
//!    stories are the groups.
//!
//! Every step walks sources in load order and features in the order first seen, and
//! the links are taken in a total order, so the grouping is the same at any thread
//! count. A story is named after its first source: `auto:<source id>`.

use std::sync::LazyLock;

use crate::hash::{HashMap, HashSet};
use crate::load::{Document, Meta};
use crate::unionfind::UnionFind;

/// The knobs of the grouping (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// A sentence or title segment in more sources than this is boilerplate.
    pub boilerplate: usize,
    /// A sentence in more sources of one site than this is that site's boilerplate.
    pub site_boilerplate: usize,
    /// A feature in more sources than this identifies no event.
    pub max_df: usize,
    /// What a plain word weighs against a name or a number of the same rarity.
    pub word_weight: f64,
    /// The least cosine similarity of a link between sources of the same day.
    pub threshold: f64,
    /// How much more similar a link must be per unit of ln(1 + days apart).
    pub per_log_day: f64,
    /// The fewest features a link shares.
    pub min_shared: usize,
    /// The most days between the publication dates of a link's sources that share no
    /// rare pair of names, where both dates are known.
    pub window_days: i64,
    /// A pair of neighbouring names or numbers in at most this many sources is rare.
    pub rare_pair_df: usize,
    /// The share of the usual least similarity that a link sharing a rare pair needs.
    pub rare_pair_factor: f64,
    /// The most days between the publication dates of a link's sources that share a
    /// rare pair of names.
    pub far_window_days: i64,
    /// The least cosine similarity of a link between sources more than `window_days`
    /// apart.
    pub far_threshold: f64,
    /// The least share of the pairs between two groups that must be links for the
    /// groups to join.
    pub density: f64,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            boilerplate: 8,
            site_boilerplate: 1,
            max_df: 64,
            word_weight: 0.5,
            threshold: 0.1,
            per_log_day: 0.05,
            min_shared: 2,
            window_days: 30,
            rare_pair_df: 5,
            rare_pair_factor: 0.7,
            far_window_days: 730,
            far_threshold: 0.25,
            density: 0.5,
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

/// Lower-case function words and reporting verbs, besides [`NOT_NAMES`], that say
/// nothing about which event a text reports. In a large run the document frequency
/// cap drops them anyway; in a run of a handful of sources it cannot.
const FUNCTION_WORDS: &[&str] = &[
    "about", "again", "against", "any", "are", "been", "being", "both", "can", "could", "did",
    "does", "each", "had", "has", "have", "him", "into", "just", "most", "much", "must", "now",
    "off", "only", "other", "out", "over", "own", "said", "same", "says", "should", "such", "than",
    "then", "them", "told", "too", "under", "until", "very", "were", "whom", "will", "would",
    "yet",
];

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn fnv(bytes: &[u8]) -> u64 {
    fnv_extend(FNV_START, bytes)
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

/// The site a source comes from: its URL's host without `www.`, else its outlet;
/// lower-cased. Sources of one site share its sidebar and footer.
fn site(meta: &Meta) -> Option<String> {
    let host = meta.url.as_deref().and_then(|url| {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_port = authority.rsplit('@').next().unwrap_or("");
        let host = host_port.split(':').next().unwrap_or("").to_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        (!host.is_empty()).then_some(host)
    });
    host.or_else(|| {
        let outlet = meta.outlet.as_deref()?.trim().to_lowercase();
        (!outlet.is_empty()).then_some(outlet)
    })
}

/// The features of a stretch of text: names and numbers, pairs of neighbouring ones,
/// and other words of at least three letters that are not function words (marked
/// with a leading `_`, so that "Rose" the name and "rose" the verb stay apart). Each
/// is handed to `emit` in text order, written in `scratch`: most features are seen
/// before, and a run reads every word of every source, so no string is made per word.
fn each_feature(text: &str, scratch: &mut FeatureScratch, emit: &mut impl FnMut(&str)) {
    let FeatureScratch {
        prev,
        feature,
        pair,
    } = scratch;
    let mut has_prev = false;
    for word in text.split(|c: char| {
        !(c.is_alphanumeric() || c == '\'' || c == '-' || c == ',' || c == '.' || c == ':')
    }) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            has_prev = false;
            continue;
        };
        if first.is_numeric() || (first.is_uppercase() && word.chars().count() > 1) {
            feature.clear();
            if first.is_numeric() {
                feature.push('#');
                feature.extend(word.chars().filter(|&c| c != ','));
            } else {
                push_lowercase(word, feature);
                if is_not_name(feature) {
                    has_prev = false;
                    continue;
                }
            }
            if has_prev {
                pair.clear();
                pair.push_str(prev);
                pair.push(' ');
                pair.push_str(feature);
                emit(pair);
            }
            emit(feature);
            std::mem::swap(prev, feature);
            has_prev = true;
            continue;
        }
        has_prev = false;
        if first.is_alphabetic() && word.chars().count() >= 3 {
            feature.clear();
            feature.push('_');
            push_lowercase(word, feature);
            let lower = &feature[1..];
            if !is_not_name(lower) && !FUNCTION_SET.contains(lower) {
                emit(feature);
            }
        }
    }
}

/// The buffers [`each_feature`] writes its features in, kept from call to call.
#[derive(Default)]
struct FeatureScratch {
    prev: String,
    feature: String,
    pair: String,
}

/// `word` lower-cased onto `out`, as `str::to_lowercase` gives it (byte by byte when
/// it is ASCII, the common case).
fn push_lowercase(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// [`NOT_NAMES`] and [`FUNCTION_WORDS`] as sets: every word of every source is looked up.
static NOT_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());
static FUNCTION_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());

fn is_not_name(word: &str) -> bool {
    NOT_NAME_SET.contains(word)
}

/// What one source contributes: its sentences, its title's segments and its site.
struct Parts<'a> {
    sentences: Vec<&'a str>,
    title: Vec<&'a str>,
    site: Option<u64>,
}

fn dedup_hashes<'a>(items: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut h: Vec<u64> = items.map(|s| fnv(s.as_bytes())).collect();
    h.sort_unstable();
    h.dedup();
    h
}

/// A sentence's hash within its site.
fn site_hash(site: u64, sentence: &str) -> u64 {
    fnv_extend(site, sentence.as_bytes())
}

/// How many sources hold each sentence, each title segment (as the complement of its
/// hash) and each sentence within its site.
struct Boilerplate {
    seen: HashMap<u64, usize>,
    site_seen: HashMap<u64, usize>,
    most: usize,
    site_most: usize,
}

impl Boilerplate {
    fn count(parts: &[Parts], p: &Params) -> Boilerplate {
        let mut seen: HashMap<u64, usize> = HashMap::default();
        let mut site_seen: HashMap<u64, usize> = HashMap::default();
        for part in parts {
            let sentences = dedup_hashes(part.sentences.iter().copied());
            let titles = dedup_hashes(part.title.iter().copied());
            for h in sentences
                .iter()
                .copied()
                .chain(titles.into_iter().map(|h| !h))
            {
                *seen.entry(h).or_default() += 1;
            }
            if let Some(site) = part.site {
                let mut own: Vec<u64> = part.sentences.iter().map(|s| site_hash(site, s)).collect();
                own.sort_unstable();
                own.dedup();
                for h in own {
                    *site_seen.entry(h).or_default() += 1;
                }
            }
        }
        Boilerplate {
            seen,
            site_seen,
            most: p.boilerplate,
            site_most: p.site_boilerplate,
        }
    }

    fn title_kept(&self, segment: &str) -> bool {
        self.seen
            .get(&!fnv(segment.as_bytes()))
            .copied()
            .unwrap_or(0)
            <= self.most
    }

    fn sentence_kept(&self, site: Option<u64>, sentence: &str) -> bool {
        let anywhere = self
            .seen
            .get(&fnv(sentence.as_bytes()))
            .copied()
            .unwrap_or(0);
        let on_site = site.map_or(0, |s| {
            self.site_seen
                .get(&site_hash(s, sentence))
                .copied()
                .unwrap_or(0)
        });
        anywhere <= self.most && on_site <= self.site_most
    }
}

/// What a feature is: a name or number, a pair of neighbouring ones, or a plain word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Pair,
    Word,
}

impl Kind {
    /// The kind of a feature as [`features`] writes it: plain words carry a leading `_`,
    /// pairs a space between their two names (a name or number holds none).
    fn of(feature: &str) -> Kind {
        if feature.starts_with('_') {
            Kind::Word
        } else if feature.contains(' ') {
            Kind::Pair
        } else {
            Kind::Name
        }
    }
}

/// Each source's features as (id, count) sorted by id, ids numbered in the order
/// first seen; and, by id, each feature's kind.
fn counted_features(parts: &[Parts], boiler: &Boilerplate) -> (Vec<Vec<(u32, u32)>>, Vec<Kind>) {
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut kinds: Vec<Kind> = Vec::new();
    let mut out = Vec::with_capacity(parts.len());
    let mut scratch = FeatureScratch::default();
    let mut f: Vec<u32> = Vec::new();
    for part in parts {
        f.clear();
        // A feature seen before is looked up by its text; only a new one is copied.
        let mut emit = |w: &str| {
            let id = match ids.get(w) {
                Some(&id) => id,
                None => {
                    let n = ids.len() as u32;
                    kinds.push(Kind::of(w));
                    ids.insert(w.to_owned(), n);
                    n
                }
            };
            f.push(id);
        };
        for s in part.title.iter().filter(|s| boiler.title_kept(s)) {
            each_feature(s, &mut scratch, &mut emit);
        }
        for s in &part.sentences {
            if boiler.sentence_kept(part.site, s) {
                each_feature(s, &mut scratch, &mut emit);
            }
        }
        f.sort_unstable();
        let mut counted: Vec<(u32, u32)> = Vec::new();
        for &id in &f {
            match counted.last_mut() {
                Some((last, c)) if *last == id => *c += 1,
                _ => counted.push((id, 1)),
            }
        }
        out.push(counted);
    }
    (out, kinds)
}

/// Each feature's list of (source, weight): the weights are TF-IDF, plain words'
/// times [`Params::word_weight`], each source's vector of unit length; features in
/// more than `max_df` sources have no list.
fn weighted_postings(
    feats: &[Vec<(u32, u32)>],
    kinds: &[Kind],
    p: &Params,
) -> Vec<Vec<(u32, f64)>> {
    let n_features = feats
        .iter()
        .flatten()
        .map(|&(id, _)| id as usize + 1)
        .max()
        .unwrap_or(0);
    let mut df = vec![0usize; n_features];
    for f in feats {
        for &(id, _) in f {
            df[id as usize] += 1;
        }
    }
    let n = feats.len() as f64;
    let idf: Vec<f64> = df
        .iter()
        .zip(kinds)
        .map(|(&d, &kind)| {
            let scale = if kind == Kind::Word {
                p.word_weight
            } else {
                1.0
            };
            if d > p.max_df {
                0.0
            } else {
                scale * (((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)
            }
        })
        .collect();
    let mut postings: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n_features];
    for (k, f) in feats.iter().enumerate() {
        let weight = |&(id, count): &(u32, u32)| idf[id as usize] * (1.0 + f64::from(count).ln());
        let norm = f.iter().map(|x| weight(x).powi(2)).sum::<f64>().sqrt();
        if norm <= 0.0 {
            continue;
        }
        for x in f {
            let w = weight(x);
            if w > 0.0 {
                postings[x.0 as usize].push((k as u32, w / norm));
            }
        }
    }
    postings
}

/// What two sources share: their cosine similarity, how many features, and how many
/// of those are rare pairs of names (see [`Params::rare_pair_df`]).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Shared {
    sim: f64,
    features: u32,
    rare_pairs: u32,
}

/// The pairs of sources that share a feature and what they share, summed feature by
/// feature in id order. A feature's list holds every source that has it (see
/// [`weighted_postings`]), so its length is the feature's document frequency.
fn candidates(
    postings: &[Vec<(u32, f64)>],
    kinds: &[Kind],
    p: &Params,
) -> HashMap<(u32, u32), Shared> {
    let mut pairs: HashMap<(u32, u32), Shared> = HashMap::default();
    for (id, list) in postings.iter().enumerate().filter(|(_, l)| l.len() >= 2) {
        let rare = u32::from(kinds[id] == Kind::Pair && list.len() <= p.rare_pair_df);
        for (x, &(a, wa)) in list.iter().enumerate() {
            for &(b, wb) in &list[x + 1..] {
                let e = pairs.entry((a, b)).or_default();
                e.sim += wa * wb;
                e.features += 1;
                e.rare_pairs += rare;
            }
        }
    }
    pairs
}

/// A link: how far its similarity clears its threshold, and its two sources.
type Link = (f64, u32, u32);

/// The links among the candidate pairs, from the one that clears its threshold by
/// most; ties in source order.
fn links(
    pairs: &HashMap<(u32, u32), Shared>,
    day: impl Fn(u32) -> Option<i64>,
    p: &Params,
) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for (&(a, b), shared) in pairs {
        if (shared.features as usize) < p.min_shared {
            continue;
        }
        let gap = match (day(a), day(b)) {
            (Some(x), Some(y)) => (x - y).abs(),
            _ => 0,
        };
        let Some(need) = least_similarity(gap, shared.rare_pairs > 0, p) else {
            continue;
        };
        if shared.sim >= need {
            out.push((shared.sim - need, a, b));
        }
    }
    out.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    out
}

/// The least similarity of a link between sources published `gap` days apart, with or
/// without a rare pair of names in common; `None` when they are too far apart to link.
fn least_similarity(gap: i64, rare_pair: bool, p: &Params) -> Option<f64> {
    if gap > p.window_days {
        return (rare_pair && gap <= p.far_window_days).then_some(p.far_threshold);
    }
    let need = p.threshold + p.per_log_day * (gap as f64).ln_1p();
    Some(if rare_pair {
        need * p.rare_pair_factor
    } else {
        need
    })
}

/// Average-linkage clustering over the links: taken in order, a link joins its two
/// groups when at least `density` of the pairs between them are links. Each group
/// keeps how many links it has to each other group; a join folds the smaller table
/// into the larger, so the work is the links times their logarithm. Returns each
/// source's group as a union-find.
fn cluster(n: usize, links: &[Link], density: f64) -> UnionFind {
    let mut uf = UnionFind::new(n);
    let mut size = vec![1usize; n];
    let mut between: Vec<HashMap<usize, usize>> = vec![HashMap::default(); n];
    for &(_, a, b) in links {
        *between[a as usize].entry(b as usize).or_default() += 1;
        *between[b as usize].entry(a as usize).or_default() += 1;
    }
    for &(_, a, b) in links {
        let (ra, rb) = (uf.find(a as usize), uf.find(b as usize));
        if ra == rb {
            continue;
        }
        let have = between[ra].get(&rb).copied().unwrap_or(0);
        if (have as f64) < density * (size[ra] * size[rb]) as f64 {
            continue;
        }
        // The group with the larger table stays the root (ties: the smaller index);
        // which one it is does not change the grouping.
        let (keep, fold) = match between[ra].len().cmp(&between[rb].len()) {
            std::cmp::Ordering::Greater => (ra, rb),
            std::cmp::Ordering::Less => (rb, ra),
            std::cmp::Ordering::Equal => (ra.min(rb), ra.max(rb)),
        };
        let folded = std::mem::take(&mut between[fold]);
        between[keep].remove(&fold);
        for (other, count) in folded {
            if other == keep {
                continue;
            }
            *between[keep].entry(other).or_default() += count;
            let theirs = &mut between[other];
            theirs.remove(&fold);
            *theirs.entry(keep).or_default() += count;
        }
        uf.attach(fold, keep);
        size[keep] += size[fold];
    }
    uf
}

/// The stories of `docs` as groups of indices, each group in load order and the
/// groups in order of their first source. Only the documents `which` selects take
/// part; the others are left out of every group.
pub fn groups(docs: &[Document], which: &[usize], p: &Params) -> Vec<Vec<usize>> {
    let parts: Vec<Parts> = which
        .iter()
        .map(|&i| {
            let meta = &docs[i].source.meta;
            Parts {
                sentences: sentences(&docs[i].text),
                title: meta
                    .title
                    .as_deref()
                    .map(title_segments)
                    .unwrap_or_default(),
                site: site(meta).map(|s| fnv(s.as_bytes())),
            }
        })
        .collect();
    let boiler = Boilerplate::count(&parts, p);
    let (feats, kinds) = counted_features(&parts, &boiler);
    drop(boiler);
    let postings = weighted_postings(&feats, &kinds, p);
    drop(feats);
    let pairs = candidates(&postings, &kinds, p);
    drop(postings);
    let day = |k: u32| {
        docs[which[k as usize]]
            .published
            .map(|d| d.days_since_epoch())
    };
    let links = links(&pairs, day, p);
    drop(pairs);
    let mut uf = cluster(parts.len(), &links, p.density);
    let mut group_of: HashMap<usize, usize> = HashMap::default();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (k, &doc) in which.iter().enumerate() {
        let g = *group_of.entry(uf.find(k)).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(doc);
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

    /// The features of a text as a list, through [`each_feature`].
    fn features(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_feature(text, &mut FeatureScratch::default(), &mut |w| {
            out.push(w.to_owned())
        });
        out
    }

    /// The definition [`each_feature`] follows, a string per feature.
    fn features_by_definition(text: &str, out: &mut Vec<String>) {
        let mut prev: Option<String> = None;
        for word in text.split(|c: char| {
            !(c.is_alphanumeric() || c == '\'' || c == '-' || c == ',' || c == '.' || c == ':')
        }) {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            let Some(first) = word.chars().next() else {
                prev = None;
                continue;
            };
            if first.is_numeric() || (first.is_uppercase() && word.chars().count() > 1) {
                let feature = if first.is_numeric() {
                    format!("#{}", word.replace(',', ""))
                } else {
                    word.to_lowercase()
                };
                if !first.is_numeric() && NOT_NAMES.contains(&feature.as_str()) {
                    prev = None;
                    continue;
                }
                if let Some(p) = &prev {
                    out.push(format!("{p} {feature}"));
                }
                out.push(feature.clone());
                prev = Some(feature);
                continue;
            }
            prev = None;
            if first.is_alphabetic() && word.chars().count() >= 3 {
                let lower = word.to_lowercase();
                if !NOT_NAMES.contains(&lower.as_str()) && !FUNCTION_WORDS.contains(&lower.as_str())
                {
                    out.push(format!("_{lower}"));
                }
            }
        }
    }

    #[test]
    fn features_follow_their_definition() {
        let texts = [
            "The chief, Ana Morel, said 1,200 people left.",
            "On Monday Mr. Ode Várkonyi told ÉLAN staff: 3,5 or 12.000 ΟΔΟΣ were 'held'.",
            "After the fire, Dr Lune-Marr and Ms Quell said about 40 families would return.",
            "ΣΟΦΟΣ Σοφός İstanbulu Straße ǅemal 7th 2nd-floor x-ray A B AB ab",
            "",
            "   ,,, --- '' :: ..",
            "Said Had They THEY Them Them, Would-be Capt. O'Neill's 1,000,000",
        ];
        // Every prefix, so that each word is met at each place in a text.
        for text in texts {
            for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let part = &text[..end];
                let mut want = Vec::new();
                features_by_definition(part, &mut want);
                assert_eq!(features(part), want, "{part:?}");
            }
        }
        // One scratch over many texts, as a run uses it.
        let mut scratch = FeatureScratch::default();
        for text in texts {
            let mut got = Vec::new();
            each_feature(text, &mut scratch, &mut |w| got.push(w.to_owned()));
            let mut want = Vec::new();
            features_by_definition(text, &mut want);
            assert_eq!(got, want);
        }
    }

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
            fire("c", "Harbour Times", 12, Some("2033-07-19")),
        ];
        // Over two years apart (`far_window_days`), even the same names do not link.
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

    fn on_site(id: &str, url: &str, title: &str, text: &str) -> Document {
        let mut d = doc(id, title, None, text);
        d.source.meta.url = Some(url.to_string());
        d
    }

    #[test]
    fn a_sidebar_repeated_on_one_site_does_not_join_its_articles() {
        let sidebar = "Most read: Orvel Dams council row over Tamsin Quay marina fees and Bellrose Pier parking rates.";
        let fire = format!("Fire chief Ana Morel said 12 workers were hurt at the Kestrel Foods warehouse. {sidebar}");
        let budget =
            format!("Mayor Lena Dravic signed the Northbrook budget of 4 million. {sidebar}");
        let docs = vec![
            on_site(
                "a",
                "https://www.ledger.example/fire",
                "Warehouse fire",
                &fire,
            ),
            on_site(
                "b",
                "http://ledger.example:8080/budget",
                "Budget signed",
                &budget,
            ),
        ];
        assert_eq!(names(&docs), [vec!["a"], vec!["b"]]);
        // The same two texts on two sites: the shared sentence is what they say.
        let docs = vec![
            on_site("a", "https://ledger.example/fire", "Warehouse fire", &fire),
            on_site("b", "https://post.example/budget", "Budget signed", &budget),
        ];
        assert_eq!(names(&docs), [vec!["a", "b"]]);
    }

    #[test]
    fn the_site_is_the_urls_host_else_the_outlet() {
        let meta = |url: Option<&str>, outlet: Option<&str>| Meta {
            url: url.map(str::to_string),
            outlet: outlet.map(str::to_string),
            ..Meta::default()
        };
        let got = |url, outlet| site(&meta(url, outlet));
        assert_eq!(
            got(Some("https://WWW.Ledger.example:443/a?b#c"), None).as_deref(),
            Some("ledger.example")
        );
        assert_eq!(
            got(Some("http://user@post.example/x"), Some("Post")).as_deref(),
            Some("post.example")
        );
        assert_eq!(
            got(None, Some(" Evening Post ")).as_deref(),
            Some("evening post")
        );
        assert_eq!(got(Some(""), None), None);
    }

    fn shared(sim: f64, features: u32, rare_pairs: u32) -> Shared {
        Shared {
            sim,
            features,
            rare_pairs,
        }
    }

    #[test]
    fn the_more_days_apart_the_more_a_link_must_share() {
        let p = Params::default();
        let linked = |sim: f64, days: i64| {
            let pairs = [((0, 1), shared(sim, 3, 0))]
                .into_iter()
                .collect::<HashMap<_, _>>();
            let day = |k: u32| Some(if k == 0 { 100 } else { 100 + days });
            !links(&pairs, day, &p).is_empty()
        };
        assert!(linked(0.2, 0));
        assert!(linked(0.2, 1));
        assert!(!linked(0.2, 20));
        assert!(linked(0.9, 20));
        assert!(!linked(0.9, p.window_days + 1));
        assert!(!linked(0.05, 0));
        // Too few shared features never link, however similar.
        let pairs = [((0, 1), shared(0.9, 1, 0))]
            .into_iter()
            .collect::<HashMap<_, _>>();
        assert!(links(&pairs, |_| None, &p).is_empty());
    }

    #[test]
    fn a_rare_pair_of_names_lowers_the_bar_and_alone_links_across_months() {
        let p = Params::default();
        let linked = |sim: f64, days: i64, rare: u32| {
            let pairs = [((0, 1), shared(sim, 3, rare))]
                .into_iter()
                .collect::<HashMap<_, _>>();
            let day = |k: u32| Some(if k == 0 { 100 } else { 100 + days });
            !links(&pairs, day, &p).is_empty()
        };
        // Same day: the usual bar, or that bar times the factor with a rare pair.
        let low = p.threshold * (1.0 + p.rare_pair_factor) / 2.0;
        assert!(!linked(low, 0, 0));
        assert!(linked(low, 0, 1));
        // Months apart: only with a rare pair, and at the far bar.
        let days = p.window_days * 4;
        assert!(!linked(0.9, days, 0));
        assert!(linked(p.far_threshold, days, 1));
        assert!(!linked(p.far_threshold - 0.01, days, 1));
        assert!(!linked(0.9, p.far_window_days + 1, 1));
    }

    #[test]
    fn only_pairs_of_names_in_few_sources_are_rare() {
        let p = Params::default();
        assert_eq!(Kind::of("_warehouse"), Kind::Word);
        assert_eq!(Kind::of("kestrel"), Kind::Name);
        assert_eq!(Kind::of("#12"), Kind::Name);
        assert_eq!(Kind::of("ana morel"), Kind::Pair);
        // Feature 0 a pair in two sources, 1 a name in two, 2 a pair in more than
        // `rare_pair_df` sources (all of them here).
        let n = p.rare_pair_df as u32 + 1;
        let mut postings = vec![vec![(0, 0.1), (1, 0.1)], vec![(0, 0.1), (1, 0.1)]];
        postings.push((0..n).map(|k| (k, 0.1)).collect());
        let kinds = [Kind::Pair, Kind::Name, Kind::Pair];
        let pairs = candidates(&postings, &kinds, &p);
        assert_eq!(pairs[&(0, 1)].features, 3);
        assert_eq!(pairs[&(0, 1)].rare_pairs, 1);
        assert_eq!(pairs[&(0, 2)].rare_pairs, 0);
    }

    #[test]
    fn a_trial_months_later_joins_its_event_when_it_names_the_same_person() {
        let fire_on = |id: &str, date: &str| fire(id, "Daily Ledger", 12, Some(date));
        let mut docs: Vec<Document> = (0..8)
            .map(|k| crash(&format!("x{k}"), "Harbour Times", Some("2031-01-10")))
            .collect();
        docs.push(fire_on("a", "2031-03-01"));
        docs.push(fire_on("b", "2031-03-02"));
        docs.push(doc(
            "c",
            "Kestrel Foods owner sentenced over warehouse fire - Evening Post",
            Some("2031-11-20"),
            "A judge sentenced the owner of Kestrel Foods over the warehouse fire on Harlow Road. \
             Fire chief Ana Morel told the court 12 workers were hurt.",
        ));
        let got = names(&docs);
        assert!(got.contains(&vec!["a", "b", "c"]), "{got:?}");
    }

    #[test]
    fn links_are_taken_from_the_one_that_clears_its_threshold_most() {
        let pairs = [
            ((0, 1), shared(0.3, 3, 0)),
            ((2, 3), shared(0.6, 3, 0)),
            ((1, 2), shared(0.3, 3, 0)),
        ]
        .into_iter()
        .collect::<HashMap<_, _>>();
        let got: Vec<(u32, u32)> = links(&pairs, |_| None, &Params::default())
            .into_iter()
            .map(|(_, a, b)| (a, b))
            .collect();
        assert_eq!(got, [(2, 3), (0, 1), (1, 2)]);
    }

    #[test]
    fn a_plain_word_weighs_half_a_name_as_rare_and_counts_add_by_their_logarithm() {
        // Feature 0 a name, 1 a plain word, 2 a name said three times; each in both
        // sources.
        let feats = vec![vec![(0, 1), (1, 1), (2, 3)], vec![(0, 1), (1, 1), (2, 1)]];
        let kinds = [Kind::Name, Kind::Word, Kind::Name];
        let postings = weighted_postings(&feats, &kinds, &Params::default());
        let (name, word, thrice) = (postings[0][0].1, postings[1][0].1, postings[2][0].1);
        assert!((word / name - 0.5).abs() < 1e-12, "{word} {name}");
        assert!(
            (thrice / name - (1.0 + 3f64.ln())).abs() < 1e-12,
            "{thrice} {name}"
        );
        // Each source's vector has unit length.
        let len: f64 = postings.iter().map(|l| l[0].1.powi(2)).sum();
        assert!((len - 1.0).abs() < 1e-12, "{len}");
    }

    fn clusters(n: usize, links: &[(u32, u32)]) -> Vec<usize> {
        let links: Vec<Link> = links.iter().map(|&(a, b)| (1.0, a, b)).collect();
        let mut uf = cluster(n, &links, 0.5);
        (0..n).map(|k| uf.find(k)).collect()
    }

    #[test]
    fn one_loose_link_does_not_chain_a_group_to_another() {
        // 0, 1 and 2 all link; 3 links to 2 alone: 1 link of 3 pairs is too few.
        let got = clusters(4, &[(0, 1), (1, 2), (0, 2), (2, 3)]);
        assert_eq!(got[0], got[1]);
        assert_eq!(got[0], got[2]);
        assert_ne!(got[0], got[3]);
        // Linked to two of the three, 3 joins.
        let got = clusters(4, &[(0, 1), (1, 2), (0, 2), (2, 3), (1, 3)]);
        assert!(got.iter().all(|&r| r == got[0]));
        // A chain of single links stops after the first pair: {0, 1} and {2, 3}
        // have one link of four pairs between them.
        let got = clusters(4, &[(0, 1), (2, 3), (1, 2)]);
        assert_eq!(got[0], got[1]);
        assert_eq!(got[2], got[3]);
        assert_ne!(got[1], got[2]);
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
        let f = features("The chief, Ana Morel, said 1,200 people left.");
        assert_eq!(
            f,
            [
                "_chief",
                "ana",
                "ana morel",
                "morel",
                "#1200",
                "_people",
                "_left"
            ]
        );
    }
}
