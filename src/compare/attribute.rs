//! Attribute comparison: the same person given a different organisation, title or age
//! by different sources.
//!
//! Organisations are compared slot by slot: a value that appears (after folding case,
//! "Centre"/"Center" and articles) in the other source agrees; one that does not is
//! paired with the other source's most similar unmatched organisation, and reported
//! when they share their head word and are at least `min_similarity` alike (token
//! overlap) — the same kind of body under a different name. Two unrelated bodies can
//! both be true (a person has several), so they are not reported.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::numeric::short_id;
use super::{stable_id, Evidence, Finding, FindingKind};
use crate::claims::attribute::{extract, Attribute};
use crate::load::Document;
use crate::mentions::Mention;
use crate::normalize::Entity;
use crate::rules::{AttributeKind, AttributeRule, Rule, RuleSet};
use crate::segment::Sentence;
use crate::vocab::Subject;

/// Abbreviations and spelling variants, folded to one word ("Sen." → "senator").
static ABBREVIATIONS: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    crate::yaml::parse(
        include_str!("../../rules/words/abbreviations.yaml"),
        "rules/words/abbreviations.yaml",
    )
    .unwrap_or_default()
});

/// Folded tokens of an organisation or title name, for matching.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            ABBREVIATIONS.get(&w).cloned().unwrap_or(w)
        })
        .filter(|w| !matches!(w.as_str(), "the" | "of" | "for" | "on" | "and" | "a" | "an"))
        .collect()
}

fn similarity(a: &[String], b: &[String]) -> f64 {
    let sa: BTreeSet<&String> = a.iter().collect();
    let sb: BTreeSet<&String> = b.iter().collect();
    let inter = sa.intersection(&sb).count() as f64;
    let union = sa.union(&sb).count() as f64;
    if union == 0.0 {
        0.0
    } else {
        inter / union
    }
}

/// One attribute value with where it was said.
struct Said<'a> {
    doc: usize,
    attr: &'a Attribute,
    sentence: crate::span::Span,
}

/// Attribute findings for a run.
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    rules: &RuleSet,
) -> Vec<Finding> {
    let attr_rules: Vec<(&Rule, &AttributeRule)> = rules.attribute().collect();
    if attr_rules.is_empty() || mentions.is_empty() {
        return Vec::new();
    }
    let entity_of = crate::normalize::entity_of(entities, mentions.len());
    // Attributes per document, from that document's mentions.
    let mut attrs: Vec<(usize, Attribute)> = Vec::new();
    let mut by_doc: Vec<Vec<(usize, &Mention)>> = vec![Vec::new(); docs.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(slot) = by_doc.get_mut(m.doc) {
            slot.push((i, m));
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        let ms = std::mem::take(&mut by_doc[d]);
        let sents = &sentences[d];
        let end = |m: &Mention| sents.get(m.sentence).map_or(doc.text.len(), |s| s.span.end);
        attrs.extend(extract(&doc.text, &ms, end).into_iter().map(|a| (d, a)));
    }
    // (entity, kind) → values said about it, per document.
    let mut by: BTreeMap<(usize, AttributeKind), Vec<Said>> = BTreeMap::new();
    for (d, a) in &attrs {
        if let Some(e) = entity_of[a.mention] {
            let sentence = sentences[*d][mentions[a.mention].sentence].span;
            by.entry((e, a.kind)).or_default().push(Said {
                doc: *d,
                attr: a,
                sentence,
            });
        }
    }
    let mut out = Vec::new();
    for ((e, kind), said) in &by {
        let Some((rule, ar)) = attr_rules.iter().find(|(_, r)| r.attributes.contains(kind)) else {
            continue;
        };
        for (a, b) in disagreements(said, *kind, ar.min_similarity) {
            let entity = &entities[*e].canonical;
            let pair = [a, b];
            let values = pair
                .iter()
                .map(|s| format!("{} ({})", s.attr.value, short_id(&docs[s.doc].source.id)))
                .collect::<Vec<_>>()
                .join(" vs ");
            let key: Vec<String> = pair
                .iter()
                // Values, not sources: the id names the disagreement.
                .map(|s| s.attr.value.to_string())
                .chain([entity.clone(), kind.as_str().to_string()])
                .collect();
            out.push(Finding {
                id: stable_id(&rule.id, &key),
                rule: rule.id.clone(),
                kind: FindingKind::Attribute,
                severity: rule.severity,
                subject: Subject::aspect(entity, kind.as_str()),
                message: rule.render(&format!("{entity}: {}", kind.as_str()), entity, &values),
                evidence: pair
                    .iter()
                    .map(|s| Evidence {
                        doc: s.doc,
                        span: s.attr.span,
                        sentence: s.sentence,
                        value: None,
                    })
                    .collect(),
            });
        }
    }
    out
}

/// Pairs of values from different documents that cannot both be right.
fn disagreements<'a, 'b>(
    said: &'b [Said<'a>],
    kind: AttributeKind,
    min_sim: f64,
) -> Vec<(&'b Said<'a>, &'b Said<'a>)> {
    let mut out = Vec::new();
    let toks: Vec<Vec<String>> = said.iter().map(|s| tokens(&s.attr.value)).collect();
    // The values each document gives, in order.
    let mut in_doc: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, s) in said.iter().enumerate() {
        in_doc.entry(s.doc).or_default().push(i);
    }
    let docs: Vec<usize> = in_doc.keys().copied().collect();
    // Two sources disagree only when each gives a value the other does not. Sources
    // that give the same set of values form a class; only pairs of classes where
    // neither set contains the other are looked at, so that many sources saying the
    // same thing cost a linear pass, not a pass per pair.
    let mut class_of: BTreeMap<Vec<&Vec<String>>, usize> = BTreeMap::new();
    let mut sets: Vec<BTreeSet<&Vec<String>>> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut doc_class: BTreeMap<usize, usize> = BTreeMap::new();
    for &d in &docs {
        let set: BTreeSet<&Vec<String>> = in_doc[&d].iter().map(|&i| &toks[i]).collect();
        let key: Vec<&Vec<String>> = set.iter().copied().collect();
        let c = *class_of.entry(key).or_insert_with(|| {
            sets.push(set);
            members.push(Vec::new());
            sets.len() - 1
        });
        members[c].push(d);
        doc_class.insert(d, c);
    }
    let open: Vec<Vec<usize>> = (0..sets.len())
        .map(|a| {
            (0..sets.len())
                .filter(|&b| !sets[a].is_subset(&sets[b]) && !sets[b].is_subset(&sets[a]))
                .collect()
        })
        .collect();
    let no_values: Vec<usize> = Vec::new();
    for &da in &docs {
        let mut partners: Vec<usize> = open[doc_class[&da]]
            .iter()
            .flat_map(|&c| {
                let m = &members[c];
                m[m.partition_point(|&d| d <= da)..].iter().copied()
            })
            .collect();
        partners.sort_unstable();
        for db in partners {
            let in_a: &[usize] = in_doc.get(&da).unwrap_or(&no_values);
            let in_b: &[usize] = in_doc.get(&db).unwrap_or(&no_values);
            let agrees = |i: usize, other: &[usize]| other.iter().any(|&j| toks[i] == toks[j]);
            match kind {
                AttributeKind::Age => {
                    // Ages: any value in one source that the other never gives.
                    if let Some(&i) = in_a.iter().find(|&&i| !agrees(i, in_b)) {
                        if let Some(&j) = in_b.iter().find(|&&j| !agrees(j, in_a)) {
                            out.push((&said[i], &said[j]));
                        }
                    }
                }
                AttributeKind::Affiliation | AttributeKind::Title => {
                    let free_b: Vec<usize> =
                        in_b.iter().copied().filter(|&j| !agrees(j, in_a)).collect();
                    let mut used = BTreeSet::new();
                    for &i in in_a.iter().filter(|&&i| !agrees(i, in_b)) {
                        let best = free_b
                            .iter()
                            .copied()
                            .filter(|j| !used.contains(j))
                            .filter(|&j| {
                                toks[i].first() == toks[j].first() || kind == AttributeKind::Title
                            })
                            .map(|j| (similarity(&toks[i], &toks[j]), j))
                            .filter(|(s, _)| *s >= min_sim)
                            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
                        if let Some((_, j)) = best {
                            // A title contained in the other ("Minister" / "Foreign
                            // Minister") is a shorter form, not a different title.
                            let contained = toks[i].iter().all(|t| toks[j].contains(t))
                                || toks[j].iter().all(|t| toks[i].contains(t));
                            if !contained {
                                used.insert(j);
                                out.push((&said[i], &said[j]));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Severity;

    #[test]
    fn same_head_different_name_is_similar_enough() {
        let a = tokens("Center for the Study of Extremes");
        let b = tokens("Centre for Research on Extremes");
        assert_eq!(a[0], b[0]);
        assert!(similarity(&a, &b) >= 0.3);
        assert_eq!(tokens("The Centre of X"), tokens("Center of X"));
        assert_eq!(tokens("Sen."), tokens("Senator"));
        assert_eq!(tokens("Capt."), tokens("Captain"));
    }

    #[test]
    fn severity_of_age_rule_is_error() {
        let set = RuleSet::builtin();
        let (r, _) = set
            .attribute()
            .find(|(_, a)| a.attributes.contains(&AttributeKind::Age))
            .unwrap();
        assert_eq!(r.severity, Severity::Error);
    }
}
