//! Many stories in one run: sources are grouped by story, each story is analysed on its
//! own (in parallel), and the analyses are joined into one whose indices and entity ids
//! cover the whole run.

use crate::hash::HashMap;

use rayon::prelude::*;

use crate::analyze::{analyze_with, Keep, Prepared};
use crate::load::Document;
use crate::rules::RuleSet;
use crate::Analysis;

pub mod auto;
pub mod shard;

pub use crate::analyze::Story;

/// Groups documents by [`Document::story`]: stories in order of first appearance,
/// documents in their load order within each.
pub fn group(docs: Vec<Document>) -> Vec<(Option<String>, Vec<Document>)> {
    let mut index: HashMap<Option<String>, usize> = HashMap::default();
    let mut groups: Vec<(Option<String>, Vec<Document>)> = Vec::new();
    for d in docs {
        let k = match index.get(&d.story) {
            Some(&k) => k,
            None => {
                index.insert(d.story.clone(), groups.len());
                groups.push((d.story.clone(), Vec::new()));
                groups.len() - 1
            }
        };
        groups[k].1.push(d);
    }
    groups
}

/// Analyses every story on its own and joins the results. A run whose sources name
/// no story is exactly [`crate::analyze`].
pub fn analyze(docs: Vec<Document>, rules: &RuleSet) -> Analysis {
    analyze_with_progress(docs, rules, Keep::All, &|_| {})
}

/// [`analyze`], keeping of each story what `keep` says, and calling `done(n)` as each
/// story of `n` sources is finished (from any thread), so that a caller can show
/// progress on long runs.
pub fn analyze_with_progress(
    docs: Vec<Document>,
    rules: &RuleSet,
    keep: Keep,
    done: &(dyn Fn(usize) + Sync),
) -> Analysis {
    if docs.iter().all(|d| d.story.is_none()) {
        let n = docs.len();
        let a = analyze_with(docs, &Prepared::new(rules), keep);
        done(n);
        return a;
    }
    let groups = group(docs);
    // Largest stories first, so that one big story does not start last and run alone.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&k| {
        std::cmp::Reverse(groups[k].1.iter().map(|d| d.text.len()).sum::<usize>())
    });
    let mut slots: Vec<Option<(Option<String>, Vec<Document>)>> =
        groups.into_iter().map(Some).collect();
    let jobs: Vec<(usize, Option<String>, Vec<Document>)> = order
        .iter()
        .filter_map(|&k| slots[k].take().map(|(n, d)| (k, n, d)))
        .collect();
    // One index of the ignore rules and one lexicon for the whole run, not one per story.
    let prepared = Prepared::new(rules);
    let mut parts: Vec<(usize, Option<String>, Analysis)> = jobs
        .into_par_iter()
        .map(|(k, name, docs)| {
            let n = docs.len();
            // What `keep` leaves out is dropped here, story by story, so that the next
            // story on this thread reuses the memory.
            let a = analyze_with(docs, &prepared, keep);
            done(n);
            (k, name, a)
        })
        .collect();
    parts.sort_by_key(|p| p.0);
    merge(parts.into_iter().map(|(_, n, a)| (n, a)).collect())
}

/// Joins per-story analyses in the order given: document, mention and entity indices
/// are shifted, entity ids renumbered `e1…` over the run, and the finding ids of a named
/// story include its name, so that ids stay unique across stories.
///
/// Each joined list is made on its own task: the lists do not depend on one another once
/// every story's offsets are known, and the join is a serial step at the end of a run
/// (about 50 MB of claims, mentions and facts copied on the bulk corpus) that otherwise
/// leaves the other threads idle.
pub fn merge(parts: Vec<(Option<String>, Analysis)>) -> Analysis {
    let at = &offsets(&parts);
    let mut cols = Columns::with_capacity(parts.len());
    for (name, p) in parts {
        cols.push(name, p);
    }
    let Columns {
        names,
        docs,
        sentences,
        mentions,
        entities,
        claims,
        claim_count,
        attributes,
        quotes,
        findings,
        suppressed,
        baselined,
    } = cols;
    let stories = names
        .iter()
        .zip(at)
        .zip(&docs)
        .map(|((name, o), d)| Story {
            name: name.clone(),
            docs: o.doc..o.doc + d.len(),
        })
        .collect();
    let (mut j_docs, mut j_sentences, mut j_mentions, mut j_entities) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut j_claims, mut j_attributes, mut j_quotes, mut j_findings) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    rayon::scope(|s| {
        // The largest list first, so that it starts at once on its own thread.
        s.spawn(|_| j_claims = join_claims(claims, at));
        s.spawn(|_| j_mentions = join_mentions(mentions, at));
        s.spawn(|_| j_attributes = join_attributes(attributes, at));
        s.spawn(|_| j_entities = join_entities(entities, at));
        s.spawn(|_| j_findings = join_findings(findings, at, &names));
        s.spawn(|_| j_quotes = join_quotes(quotes, at));
        s.spawn(|_| j_docs = concat(docs));
        s.spawn(|_| j_sentences = concat(sentences));
    });
    Analysis {
        docs: j_docs,
        sentences: j_sentences,
        mentions: j_mentions,
        entities: j_entities,
        claims: j_claims,
        claim_count,
        attributes: j_attributes,
        quotes: j_quotes,
        findings: j_findings,
        suppressed,
        baselined,
        stories,
    }
}

/// Where one story's documents, mentions and entities start in the joined lists.
#[derive(Clone, Copy)]
struct Offset {
    doc: usize,
    mention: usize,
    entity: usize,
}

/// Every story's [`Offset`], in order: the running totals of the lists before it.
fn offsets(parts: &[(Option<String>, Analysis)]) -> Vec<Offset> {
    let mut next = Offset {
        doc: 0,
        mention: 0,
        entity: 0,
    };
    parts
        .iter()
        .map(|(_, p)| {
            let here = next;
            next.doc += p.docs.len();
            next.mention += p.mentions.len();
            next.entity += p.entities.len();
            here
        })
        .collect()
}

/// The parts' lists, one list of lists per field, so that each field can be joined on
/// its own.
struct Columns {
    names: Vec<Option<String>>,
    docs: Vec<Vec<Document>>,
    sentences: Vec<Vec<Vec<crate::segment::Sentence>>>,
    mentions: Vec<Vec<crate::mentions::Mention>>,
    entities: Vec<Vec<crate::resolve::Entity>>,
    claims: Vec<Vec<crate::claims::Claim>>,
    claim_count: usize,
    attributes: Vec<Vec<crate::claims::attribute::Attribute>>,
    quotes: Vec<Vec<crate::quotes::Quote>>,
    findings: Vec<Vec<crate::compare::Finding>>,
    suppressed: usize,
    baselined: usize,
}

impl Columns {
    fn with_capacity(n: usize) -> Columns {
        Columns {
            names: Vec::with_capacity(n),
            docs: Vec::with_capacity(n),
            sentences: Vec::with_capacity(n),
            mentions: Vec::with_capacity(n),
            entities: Vec::with_capacity(n),
            claims: Vec::with_capacity(n),
            claim_count: 0,
            attributes: Vec::with_capacity(n),
            quotes: Vec::with_capacity(n),
            findings: Vec::with_capacity(n),
            suppressed: 0,
            baselined: 0,
        }
    }

    fn push(&mut self, name: Option<String>, p: Analysis) {
        self.names.push(name);
        self.docs.push(p.docs);
        self.sentences.push(p.sentences);
        self.mentions.push(p.mentions);
        self.entities.push(p.entities);
        self.claims.push(p.claims);
        self.claim_count += p.claim_count;
        self.attributes.push(p.attributes);
        self.quotes.push(p.quotes);
        self.findings.push(p.findings);
        self.suppressed += p.suppressed;
        self.baselined += p.baselined;
    }
}

/// The parts' lists one after the other, the joined list sized once (grown by doubling
/// instead, the big ones were copied again at each step), each item passed through
/// `shift` with its story's offsets.
fn join<T>(
    parts: Vec<Vec<T>>,
    at: &[Offset],
    mut shift: impl FnMut(&mut T, usize, Offset),
) -> Vec<T> {
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for (p, &o) in parts.into_iter().zip(at) {
        let start = out.len();
        out.extend(p.into_iter().enumerate().map(|(k, mut item)| {
            shift(&mut item, start + k, o);
            item
        }));
    }
    out
}

/// The parts' lists one after the other, unchanged.
fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        out.extend(p);
    }
    out
}

fn join_mentions(
    parts: Vec<Vec<crate::mentions::Mention>>,
    at: &[Offset],
) -> Vec<crate::mentions::Mention> {
    join(parts, at, |m, _, o| m.doc += o.doc)
}

fn join_entities(
    parts: Vec<Vec<crate::resolve::Entity>>,
    at: &[Offset],
) -> Vec<crate::resolve::Entity> {
    join(parts, at, |e, k, o| {
        // Written into the id's own buffer (an id is a few bytes, like the story's
        // own): no formatting machinery, no new string per entity.
        e.id.clear();
        e.id.push('e');
        push_decimal(&mut e.id, k + 1);
        for m in &mut e.mentions {
            *m += o.mention;
        }
    })
}

fn join_claims(parts: Vec<Vec<crate::claims::Claim>>, at: &[Offset]) -> Vec<crate::claims::Claim> {
    join(parts, at, |c, _, o| {
        c.doc += o.doc;
        for e in &mut c.entities {
            *e += o.entity;
        }
        if let Some(e) = &mut c.attributed_to {
            *e += o.entity;
        }
    })
}

fn join_attributes(
    parts: Vec<Vec<crate::claims::attribute::Attribute>>,
    at: &[Offset],
) -> Vec<crate::claims::attribute::Attribute> {
    join(parts, at, |t, _, o| {
        t.doc += o.doc;
        if let Some(m) = &mut t.mention {
            *m += o.mention;
        }
        if let Some(e) = &mut t.attributed_to {
            *e += o.entity;
        }
    })
}

fn join_quotes(parts: Vec<Vec<crate::quotes::Quote>>, at: &[Offset]) -> Vec<crate::quotes::Quote> {
    join(parts, at, |q, _, o| {
        q.doc += o.doc;
        if let Some(e) = &mut q.speaker {
            *e += o.entity;
        }
    })
}

fn join_findings(
    parts: Vec<Vec<crate::compare::Finding>>,
    at: &[Offset],
    names: &[Option<String>],
) -> Vec<crate::compare::Finding> {
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for ((p, &o), name) in parts.into_iter().zip(at).zip(names) {
        // What a named story adds to each of its finding ids, written once per story.
        let tag = name.as_ref().map(|n| format!("story:{n}"));
        out.extend(p.into_iter().map(|mut f| {
            for ev in &mut f.evidence {
                ev.doc += o.doc;
            }
            if let Some(m) = &mut f.majority {
                for d in m.agree.iter_mut().chain(m.differ.iter_mut()) {
                    *d += o.doc;
                }
            }
            if let Some(tag) = &tag {
                let id = std::mem::take(&mut f.id);
                f.id = crate::compare::stable_id(&f.rule, &[id, tag.clone()]);
            }
            f
        }));
    }
    out
}

/// Appends `n` in decimal to `out` (as `format!("{n}")` writes it), by itoa: no
/// formatting machinery for each of a run's entity ids.
fn push_decimal(out: &mut String, n: usize) {
    out.push_str(itoa::Buffer::new().format(n));
}

impl Analysis {
    /// The story of a document, by index.
    pub fn story_of(&self, doc: usize) -> Option<&Story> {
        let k = self.stories.partition_point(|s| s.docs.end <= doc);
        self.stories.get(k).filter(|s| s.docs.contains(&doc))
    }

    /// Is this a run of several stories, or of one named story (whose name reports show)?
    pub fn named_stories(&self) -> bool {
        self.stories.len() > 1 || self.stories.iter().any(|s| s.name.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_format_writes_them() {
        let mut n = 0usize;
        let mut tried = vec![0, 1, 9, 10, 99, 100, 12345, usize::MAX, usize::MAX / 10];
        while n < 2_000_000 {
            tried.push(n);
            n = n * 3 + 7;
        }
        for n in tried {
            let mut s = String::from("e");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("e{n}"));
        }
    }
    use crate::load::Format;

    fn doc(id: &str, text: &str, story: Option<&str>) -> Document {
        let (mut d, _) = Document::new(id, &format!("{id}.txt"), text.to_string(), Format::Text);
        d.story = story.map(String::from);
        d
    }

    #[test]
    fn groups_keep_first_appearance_order() {
        let g = group(vec![
            doc("a", "A.", Some("x")),
            doc("b", "B.", Some("y")),
            doc("c", "C.", Some("x")),
        ]);
        let names: Vec<_> = g
            .iter()
            .map(|(n, d)| (n.clone().unwrap(), d.len()))
            .collect();
        assert_eq!(names, [("x".to_string(), 2), ("y".to_string(), 1)]);
    }

    #[test]
    fn stories_are_compared_only_within_themselves() {
        let rules = RuleSet::builtin();
        let a = analyze(
            vec![
                doc(
                    "a",
                    "Officials said 12 people were injured in Springfield.",
                    Some("s1"),
                ),
                doc(
                    "b",
                    "Officials said 40 people were injured in Shelbyville.",
                    Some("s2"),
                ),
                doc(
                    "c",
                    "Officials said 12 people were injured in Springfield.",
                    Some("s2"),
                ),
            ],
            &rules,
        );
        assert_eq!(a.stories.len(), 2);
        assert_eq!(a.stories[0].docs, 0..1);
        assert_eq!(a.stories[1].docs, 1..3);
        assert_eq!(a.story_of(2).unwrap().name.as_deref(), Some("s2"));
        for f in &a.findings {
            assert!(f.evidence.iter().all(|e| e.doc >= 1), "{f:?}");
        }
        let ids: Vec<&str> = a.entities.iter().map(|e| e.id.as_str()).collect();
        let want: Vec<String> = (1..=ids.len()).map(|k| format!("e{k}")).collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn joined_indices_point_into_their_own_story() {
        let rules = RuleSet::builtin();
        let text = |n: u32, who: &str| {
            format!(
                "Fire chief {who} said {n} people were injured in Springfield. \
                 \"We are still searching,\" {who} said. {who}, 52, lives in Shelbyville."
            )
        };
        let a = analyze(
            vec![
                doc("a", &text(3, "Marta Kowalczyk"), Some("s1")),
                doc("b", &text(4, "Marta Kowalczyk"), Some("s1")),
                doc("c", &text(12, "Jonas Pettersen"), Some("s2")),
                doc("d", &text(12, "Jonas Petersen"), Some("s2")),
                doc("e", &text(15, "Jonas Pettersen"), Some("s3")),
                doc("f", &text(16, "Jonas Pettersen"), Some("s3")),
            ],
            &rules,
        );
        assert_eq!(a.stories.len(), 3);
        let story = |doc: usize| a.story_of(doc).unwrap().name.clone();
        let entity_story = |e: usize| story(a.mentions[a.entities[e].mentions[0]].doc);
        assert!(a.mentions.iter().any(|m| m.doc >= 4), "mentions in s3");
        for (k, e) in a.entities.iter().enumerate() {
            assert_eq!(e.id, format!("e{}", k + 1));
            let s = entity_story(k);
            assert!(
                e.mentions.iter().all(|&m| story(a.mentions[m].doc) == s),
                "{e:?}"
            );
        }
        assert!(a.claims.iter().any(|c| c.doc >= 4), "claims in s3");
        for c in &a.claims {
            let s = story(c.doc);
            assert!(c.entities.iter().all(|&e| entity_story(e) == s), "{c:?}");
            assert!(
                c.attributed_to.iter().all(|&e| entity_story(e) == s),
                "{c:?}"
            );
        }
        assert!(a.attributes.iter().any(|t| t.doc >= 4), "facts in s3");
        for t in &a.attributes {
            let s = story(t.doc);
            assert!(
                t.mention.iter().all(|&m| story(a.mentions[m].doc) == s),
                "{t:?}"
            );
            assert!(
                t.attributed_to.iter().all(|&e| entity_story(e) == s),
                "{t:?}"
            );
        }
        assert!(
            a.quotes.iter().any(|q| q.doc >= 4 && q.speaker.is_some()),
            "quotes in s3"
        );
        for q in &a.quotes {
            assert!(
                q.speaker.iter().all(|&e| entity_story(e) == story(q.doc)),
                "{q:?}"
            );
        }
        assert!(a.findings.len() >= 2, "{:?}", a.findings);
        for f in &a.findings {
            let s = story(f.evidence[0].doc);
            assert!(f.evidence.iter().all(|e| story(e.doc) == s), "{f:?}");
        }
        let ids: std::collections::HashSet<&str> =
            a.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            a.findings.len(),
            "finding ids unique over the run"
        );
    }

    /// Keeping only what a report of findings reads drops the sentences, claims, facts
    /// and quotations, and changes no report: with stories of two sources, of one source
    /// each (their numbers only counted), and without stories.
    #[test]
    fn keeping_only_the_findings_changes_no_report() {
        let rules = RuleSet::builtin();
        let text = |n: u32, who: &str, other: &str| {
            format!(
                "Fire chief {who} said {n} people were injured in Springfield. \
                 \"We are still searching,\" {who} said. {other}, 52, lives in Shelbyville."
            )
        };
        // Each source: its id, its count, the fire chief and the name in its last
        // sentence (two spellings of one name within the third source).
        let cast = [
            ("a", 3, "Marta Kowalczyk", "Marta Kowalczyk"),
            ("b", 4, "Marta Kowalska", "Marta Kowalska"),
            ("c", 12, "Jonas Pettersen", "Jonas Petersen"),
            ("d", 15, "Jonas Petersen", "Jonas Petersen"),
        ];
        let s = |k: &'static str| Some(k);
        for stories in [
            [s("s1"), s("s1"), s("s2"), s("s2")],
            [s("s1"), s("s2"), s("s3"), s("s4")],
            [None; 4],
        ] {
            let docs = || {
                cast.iter()
                    .zip(stories)
                    .map(|(&(id, n, who, other), story)| doc(id, &text(n, who, other), story))
                    .collect::<Vec<_>>()
            };
            let all = analyze_with_progress(docs(), &rules, Keep::All, &|_| {});
            let kept = analyze_with_progress(docs(), &rules, Keep::Findings, &|_| {});
            assert!(!all.claims.is_empty() && !all.attributes.is_empty());
            assert!(!all.quotes.is_empty() && !all.sentences.is_empty());
            assert!(!all.findings.is_empty(), "{stories:?}");
            assert_eq!(all.claim_count, all.claims.len());
            assert!(kept.claims.is_empty() && kept.attributes.is_empty());
            assert!(kept.quotes.is_empty() && kept.sentences.is_empty());
            assert_eq!(kept.claim_count, all.claim_count);
            let json = |a: &Analysis| crate::report::json::render(&crate::report::view(a, false));
            assert_eq!(json(&kept), json(&all), "{stories:?}");
        }
    }

    #[test]
    fn the_majority_of_a_later_story_names_its_own_sources() {
        let rules = RuleSet::builtin();
        let said = |n: u32| format!("Officials said {n} people were injured in Springfield.");
        let a = analyze(
            vec![
                doc("a", &said(3), Some("s1")),
                doc("b", &said(4), Some("s1")),
                doc("c", &said(12), Some("s2")),
                doc("d", &said(12), Some("s2")),
                doc("e", &said(15), Some("s2")),
            ],
            &rules,
        );
        let m = a
            .findings
            .iter()
            .find_map(|f| f.majority.as_ref())
            .expect("a majority among the three sources of s2");
        assert_eq!(m.agree, [2, 3]);
        assert_eq!(m.differ, [4]);
    }
}
