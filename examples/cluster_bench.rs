//! Clusters 100,000 distinct synthetic names and prints the time and peak memory.
//!
//! `cargo run --release --example cluster_bench [N]`

use std::time::Instant;

use factdiff::mentions::{EntityKind, Mention};
use factdiff::rules::RuleSet;
use factdiff::span::Span;

const ONSETS: &[&str] = &[
    "b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kr", "st", "tr", "gr",
    "sh", "ch",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou"];
const CODAS: &[&str] = &["", "n", "r", "s", "k", "l", "v", "ts"];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

fn word(r: &mut Rng, syll: usize) -> String {
    let mut w = String::new();
    for _ in 0..syll {
        w.push_str(r.pick(ONSETS));
        w.push_str(r.pick(VOWELS));
        w.push_str(r.pick(CODAS));
    }
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut names = std::collections::BTreeSet::new();
    while names.len() < n {
        let k = r.next() % 10;
        let name = if k < 6 {
            format!("{} {}", word(&mut r, 2), word(&mut r, 3))
        } else if k < 8 {
            format!("{} Institute", word(&mut r, 3))
        } else {
            word(&mut r, 3)
        };
        names.insert(name);
    }
    // Ten sources; each name written once, a few with a one-letter slip.
    let mentions: Vec<Mention> = names
        .iter()
        .enumerate()
        .map(|(i, t)| Mention {
            doc: i % 10,
            sentence: i,
            span: Span::new(0, 0),
            text: t.clone(),
            kind: if t.ends_with("Institute") {
                EntityKind::Org
            } else if t.contains(' ') {
                EntityKind::Person
            } else {
                EntityKind::Other
            },
            title: None,
        })
        .collect();
    let rules = RuleSet::builtin();
    let t = Instant::now();
    let entities = factdiff::resolve::cluster(&mentions, &rules);
    let dt = t.elapsed();
    println!(
        "clustered {} distinct names into {} entities in {:.2?}; peak RSS {} MiB",
        mentions.len(),
        entities.len(),
        dt,
        peak_rss_kib().map_or("?".to_string(), |k| (k / 1024).to_string())
    );
}
