//! Many stories in one run: sources are grouped by story, each story is analysed on its
//! own (in parallel), and the analyses are joined into one whose indices and entity ids
//! cover the whole run.

use crate::hash::HashMap;

use rayon::prelude::*;

use crate::analyze::{analyze_with, Prepared};
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
    analyze_with_progress(docs, rules, &|_| {})
}

/// [`analyze`], calling `done(n)` as each story of `n` sources is finished (from any
/// thread), so that a caller can show progress on long runs.
pub fn analyze_with_progress(
    docs: Vec<Document>,
    rules: &RuleSet,
    done: &(dyn Fn(usize) + Sync),
) -> Analysis {
    if docs.iter().all(|d| d.story.is_none()) {
        let n = docs.len();
        let a = crate::analyze(docs, rules);
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
            let a = analyze_with(docs, &prepared);
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
pub fn merge(parts: Vec<(Option<String>, Analysis)>) -> Analysis {
    // Every joined list sized once from the parts: grown by doubling instead, the big
    // ones (mentions, claims, attributes) were copied again at each step.
    let total = |len: fn(&Analysis) -> usize| parts.iter().map(|(_, p)| len(p)).sum::<usize>();
    let mut a = Analysis {
        docs: Vec::with_capacity(total(|p| p.docs.len())),
        sentences: Vec::with_capacity(total(|p| p.sentences.len())),
        mentions: Vec::with_capacity(total(|p| p.mentions.len())),
        entities: Vec::with_capacity(total(|p| p.entities.len())),
        claims: Vec::with_capacity(total(|p| p.claims.len())),
        attributes: Vec::with_capacity(total(|p| p.attributes.len())),
        quotes: Vec::with_capacity(total(|p| p.quotes.len())),
        findings: Vec::with_capacity(total(|p| p.findings.len())),
        suppressed: 0,
        baselined: 0,
        stories: Vec::with_capacity(parts.len()),
    };
    for (name, p) in parts {
        // What a named story adds to each of its finding ids, written once per story.
        let tag = name.as_ref().map(|n| format!("story:{n}"));
        let (d0, m0, e0) = (a.docs.len(), a.mentions.len(), a.entities.len());
        a.stories.push(Story {
            name: name.clone(),
            docs: d0..d0 + p.docs.len(),
        });
        a.docs.extend(p.docs);
        a.sentences.extend(p.sentences);
        a.mentions.extend(p.mentions.into_iter().map(|mut m| {
            m.doc += d0;
            m
        }));
        a.entities
            .extend(p.entities.into_iter().enumerate().map(|(k, mut e)| {
                // Written into the id's own buffer (an id is a few bytes, like the
                // story's own): no formatting machinery, no new string per entity.
                e.id.clear();
                e.id.push('e');
                push_decimal(&mut e.id, e0 + k + 1);
                for m in &mut e.mentions {
                    *m += m0;
                }
                e
            }));
        a.claims.extend(p.claims.into_iter().map(|mut c| {
            c.doc += d0;
            for e in &mut c.entities {
                *e += e0;
            }
            if let Some(e) = &mut c.attributed_to {
                *e += e0;
            }
            c
        }));
        a.attributes.extend(p.attributes.into_iter().map(|mut t| {
            t.doc += d0;
            if let Some(m) = &mut t.mention {
                *m += m0;
            }
            if let Some(e) = &mut t.attributed_to {
                *e += e0;
            }
            t
        }));
        a.quotes.extend(p.quotes.into_iter().map(|mut q| {
            q.doc += d0;
            if let Some(e) = &mut q.speaker {
                *e += e0;
            }
            q
        }));
        a.findings.extend(p.findings.into_iter().map(|mut f| {
            for ev in &mut f.evidence {
                ev.doc += d0;
            }
            if let Some(m) = &mut f.majority {
                for d in m.agree.iter_mut().chain(m.differ.iter_mut()) {
                    *d += d0;
                }
            }
            if let Some(tag) = &tag {
                let id = std::mem::take(&mut f.id);
                f.id = crate::compare::stable_id(&f.rule, &[id, tag.clone()]);
            }
            f
        }));
        a.suppressed += p.suppressed;
        a.baselined += p.baselined;
    }
    a
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
