//! Attribute comparison: a person or the event given a different fact by different
//! sources. One comparator per slot ([`AttributeKind`]):
//!
//! - affiliation, age: the values each source gives, set against each other's (below);
//! - title, occupation: roles, where a shorter form of one role agrees with its fuller
//!   form and a qualifier ("acting") makes another role; past roles are not compared;
//! - residence: the state or province of the place;
//! - event kind: the word that tells the kind, within one compound ("release party");
//! - event day: the weekday each source puts one event on ("Friday's announcement");
//! - event place, legal status: opposite values ("inside" / "outside", "charged" /
//!   "not charged") in two sources.
//!
//! The slots whose sources each give a set of values (roles, residence, event kind) are
//! compared against one reference: the set most sources give. Each other set with no
//! value agreeing with it is a finding. This is linear in the sources, and a story told
//! the same way by many sources costs one pass.
//!
//! Organisations are compared slot by slot: a value that appears (after folding case,
//! "Centre"/"Center" and articles) in the other source agrees; one that does not is
//! paired with the other source's most similar unmatched organisation, and reported
//! when they share their head word and are at least `min_similarity` alike (token
//! overlap) — the same kind of body under a different name. Two unrelated bodies can
//! both be true (a person has several), so they are not reported.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::{stable_id, Evidence, Finding, FindingKind};
use crate::claims::attribute::{roles, Attribute};
use crate::load::Document;
use crate::mentions::Mention;
use crate::resolve::Entity;
use crate::rules::{AttributeRule, Rule, RuleSet};
use crate::segment::Sentence;
use crate::vocab::AttributeKind;
use crate::vocab::Subject;

/// Abbreviations and spelling variants, folded to one word ("Sen." → "senator").
pub(crate) static ABBREVIATIONS: LazyLock<BTreeMap<String, String>> =
    LazyLock::new(|| crate::wordlists::shipped("abbreviations.yaml"));

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

/// Who or what a group of attributes is about: an entity, or the story's event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum About {
    Entity(usize),
    Event,
}

/// Whether a slot's values may be set against other values of the same source: only
/// opposite values said by two different speakers are ([`opposites`]: an event's
/// place, a legal status). Every other slot's comparator pairs sources
/// ([`disagreements`], [`against_reference`]), so a story of one source has no
/// finding of it, and its values need not be read there.
pub fn compared_within_one_source(kind: AttributeKind) -> bool {
    matches!(kind, AttributeKind::EventPlace | AttributeKind::Legal)
}

/// Attribute findings for a run.
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    attrs: &[Attribute],
    rules: &RuleSet,
) -> Vec<Finding> {
    let attr_rules: Vec<(&Rule, &AttributeRule)> = rules.attribute().collect();
    if attr_rules.is_empty() || attrs.is_empty() {
        return Vec::new();
    }
    let entity_of = crate::resolve::entity_of(entities, mentions.len());
    // (subject, kind, rule-defined slot) → values said about it, in document and text
    // order.
    let mut by: BTreeMap<(About, AttributeKind, Option<&str>), Vec<Said>> = BTreeMap::new();
    for a in attrs {
        let about = match a.mention {
            Some(m) => match entity_of.get(m).copied().flatten() {
                Some(e) => About::Entity(e),
                None => continue,
            },
            None => About::Event,
        };
        let Some(sentence) = sentences.get(a.doc).and_then(|s| s.get(a.sentence)) else {
            continue;
        };
        by.entry((about, a.kind, a.custom.as_deref()))
            .or_default()
            .push(Said {
                doc: a.doc,
                attr: a,
                sentence: sentence.span,
            });
    }
    // Legal statuses said of a person also speak to the event's ("no charges have been
    // filed" against "X has been charged").
    let legal_of_people: Vec<&Said> = by
        .iter()
        .filter(|((about, kind, _), _)| *kind == AttributeKind::Legal && *about != About::Event)
        .flat_map(|(_, v)| v.iter())
        .collect();
    let mut out = Vec::new();
    for ((about, kind, custom), said) in &by {
        let rule_of = |r: &AttributeRule| match custom {
            Some(name) => r.custom.as_ref().is_some_and(|c| c.name == *name),
            None => r.attributes.contains(kind),
        };
        let Some((rule, ar)) = attr_rules.iter().find(|(_, r)| rule_of(r)) else {
            continue;
        };
        let slot_name = custom.unwrap_or(kind.as_str());
        let subject_name = match about {
            About::Entity(e) => entities[*e].canonical.clone(),
            About::Event => "the event".to_string(),
        };
        let pairs: Vec<(&Said, &Said)> = match kind {
            AttributeKind::Age | AttributeKind::Affiliation => {
                disagreements(said, *kind, ar.min_similarity)
            }
            AttributeKind::Title | AttributeKind::Occupation => {
                let current: Vec<&Said> = said.iter().filter(|s| !s.attr.past).collect();
                against_reference(&current, roles::compatible)
            }
            // A rule-defined slot's values are keys of its word list: equal or not.
            AttributeKind::Residence | AttributeKind::Custom => {
                against_reference(&said.iter().collect::<Vec<_>>(), |a, b| a == b)
            }
            AttributeKind::EventKind => event_kinds(said),
            // Keys are "event|date|MM-DD" or "event|weekday|N": within one event and
            // one form, a source agrees when it gives one of the reference's days.
            AttributeKind::EventDay => {
                let mut by_event: BTreeMap<&str, Vec<&Said>> = BTreeMap::new();
                for s in said {
                    let k = s.attr.key.as_str();
                    let event_and_form = k.rfind('|').map_or(k, |i| &k[..i]);
                    by_event.entry(event_and_form).or_default().push(s);
                }
                by_event
                    .values()
                    .flat_map(|v| against_reference(v, |a, b| a == b))
                    .collect()
            }
            AttributeKind::EventPlace => opposites(&said.iter().collect::<Vec<_>>()),
            AttributeKind::Legal => {
                // Person-level statuses are compared within the person; the event's own
                // statements ("no charges have been filed") with everyone's.
                if *about == About::Event {
                    let mut all: Vec<&Said> = said.iter().collect();
                    all.extend(legal_of_people.iter().copied());
                    all.sort_by_key(|s| (s.doc, s.attr.span));
                    opposites(&all)
                } else {
                    opposites(&said.iter().collect::<Vec<_>>())
                }
            }
        };
        // The statements a finding may cite: this subject's, and the people's legal
        // statuses when they were set against the event's.
        let mut pool: Vec<&Said> = said.iter().collect();
        pool.extend(pairs.iter().flat_map(|(a, b)| [*a, *b]));
        for values in disagreements_of(&pairs, *kind) {
            out.push(finding(
                docs,
                rule,
                (*about, &subject_name),
                (*kind, slot_name),
                &pool,
                &values,
            ));
        }
    }
    out
}

/// What a value is compared as: folded tokens for ages and organisations (as
/// [`disagreements`] compares them), the attribute's key for the other slots.
fn value_key(kind: AttributeKind, s: &Said) -> String {
    match kind {
        AttributeKind::Age | AttributeKind::Affiliation => tokens(&s.attr.value).join(" "),
        _ => s.attr.key.clone(),
    }
}

/// The pairs found for one subject and slot, joined into disagreements: pairs that
/// share a value are one disagreement ("52" against "55" from two sources each is one
/// finding, not one per pair of sources). Each is the sorted set of its values' keys.
fn disagreements_of(pairs: &[(&Said, &Said)], kind: AttributeKind) -> Vec<BTreeSet<String>> {
    let mut groups: Vec<BTreeSet<String>> = Vec::new();
    for (a, b) in pairs {
        let mut set: BTreeSet<String> = [value_key(kind, a), value_key(kind, b)].into();
        // Groups sharing a value with this pair join it (few groups per subject).
        let (joined, kept): (Vec<_>, Vec<_>) =
            groups.into_iter().partition(|g| !g.is_disjoint(&set));
        groups = kept;
        for g in joined {
            set.extend(g);
        }
        groups.push(set);
    }
    groups.sort();
    groups
}

/// The phrase an editor writes for what a finding is about ("Ann Lee's age", "the
/// kind of event").
fn subject_of(about: About, entity: &str, kind: AttributeKind, slot_name: &str) -> Subject {
    let custom = slot_name.replace('_', " ");
    let aspect = match kind {
        AttributeKind::Residence => "home",
        AttributeKind::Legal => "legal status",
        AttributeKind::EventKind => "kind",
        AttributeKind::EventPlace => "place",
        AttributeKind::Custom => custom.as_str(),
        other => other.as_str(),
    };
    match (about, kind) {
        (About::Event, AttributeKind::Custom) => Subject::whole(format!("the {aspect}")),
        (About::Event, AttributeKind::Legal) => Subject::whole("the charges"),
        (About::Event, AttributeKind::EventKind) => Subject::whole("the kind of event"),
        (About::Event, AttributeKind::EventPlace) => Subject::whole("the place of the event"),
        (About::Event, AttributeKind::EventDay) => Subject::whole("the day of the event"),
        (About::Event, _) => Subject::whole(format!("the event's {aspect}")),
        (About::Entity(_), _) => Subject::aspect(entity, aspect),
    }
}

/// One finding for one disagreement: every source's first statement of each value in
/// `values`, in source order. Its id names the subject, the slot and the values, never
/// the sources, so a third source repeating a value keeps the id (and the baseline).
fn finding(
    docs: &[Document],
    rule: &Rule,
    (about, entity): (About, &str),
    (kind, slot_name): (AttributeKind, &str),
    said: &[&Said],
    values: &BTreeSet<String>,
) -> Finding {
    let mut seen = BTreeSet::new();
    let mut cited: Vec<&Said> = said
        .iter()
        .copied()
        .filter(|s| values.contains(&value_key(kind, s)))
        .filter(|s| seen.insert((s.doc, value_key(kind, s))))
        .collect();
    cited.sort_by_key(|s| (s.doc, s.attr.span));
    // Each value once, in order of first citing source, with the sources giving it.
    let mut shown: Vec<(String, &str, Vec<&str>)> = Vec::new();
    for s in &cited {
        let k = value_key(kind, s);
        let id = docs[s.doc].source.id.as_str();
        match shown.iter_mut().find(|(key, _, _)| *key == k) {
            Some((_, _, ids)) => ids.push(id),
            None => shown.push((k, s.attr.value.as_str(), vec![id])),
        }
    }
    let text = shown
        .iter()
        .map(|(_, v, ids)| format!("{v} ({})", ids.join(", ")))
        .collect::<Vec<_>>()
        .join(" vs ");
    let key: Vec<String> = values
        .iter()
        .map(|v| format!("value|{v}"))
        .chain([entity.to_string(), slot_name.to_string()])
        .collect();
    let subject = subject_of(about, entity, kind, slot_name);
    Finding {
        majority: None,
        id: stable_id(&rule.id, &key),
        rule: rule.id.clone(),
        kind: FindingKind::Attribute,
        class: None,
        severity: rule.severity,
        message: rule.render(&subject.to_string(), entity, &text),
        subject,
        evidence: cited
            .iter()
            .map(|s| Evidence {
                doc: s.doc,
                span: s.attr.span,
                sentence: s.sentence,
                value: None,
            })
            .collect(),
    }
}

/// Each source's set of keys against the reference set (the one most sources give,
/// the first source's on a tie): a set with no key agreeing with any reference key is
/// a finding, its first value against the reference's first value. Sources giving the
/// same set are one finding.
fn against_reference<'b, 'a>(
    said: &[&'b Said<'a>],
    agree: impl Fn(&str, &str) -> bool,
) -> Vec<(&'b Said<'a>, &'b Said<'a>)> {
    let mut in_doc: BTreeMap<usize, Vec<&'b Said<'a>>> = BTreeMap::new();
    for s in said {
        in_doc.entry(s.doc).or_default().push(s);
    }
    if in_doc.len() < 2 {
        return Vec::new();
    }
    // Sources grouped by the set of keys they give, in order of first source.
    let mut classes: Vec<(BTreeSet<&str>, Vec<usize>)> = Vec::new();
    let mut index: BTreeMap<BTreeSet<&str>, usize> = BTreeMap::new();
    for (d, vals) in &in_doc {
        let set: BTreeSet<&str> = vals.iter().map(|s| s.attr.key.as_str()).collect();
        let c = *index.entry(set.clone()).or_insert_with(|| {
            classes.push((set, Vec::new()));
            classes.len() - 1
        });
        classes[c].1.push(*d);
    }
    let reference = (0..classes.len())
        .max_by_key(|&c| (classes[c].1.len(), std::cmp::Reverse(c)))
        .unwrap_or(0);
    let first = |d: usize| in_doc[&d][0];
    let ref_doc = classes[reference].1[0];
    let mut out = Vec::new();
    for (c, (set, members)) in classes.iter().enumerate() {
        if c == reference {
            continue;
        }
        let agrees = set
            .iter()
            .any(|k| classes[reference].0.iter().any(|r| agree(k, r)));
        if !agrees {
            let (a, b) = (first(ref_doc), first(members[0]));
            out.push(if a.doc <= b.doc { (a, b) } else { (b, a) });
        }
    }
    out
}

/// Event kinds: within each compound ("release party"), the kind word against the
/// reference.
fn event_kinds<'b, 'a>(said: &'b [Said<'a>]) -> Vec<(&'b Said<'a>, &'b Said<'a>)> {
    let mut by_head: BTreeMap<&str, Vec<&'b Said<'a>>> = BTreeMap::new();
    for s in said {
        let head = s.attr.key.split_once('|').map_or("", |(_, h)| h);
        by_head.entry(head).or_default().push(s);
    }
    by_head
        .values()
        .flat_map(|v| against_reference(v, |a, b| a == b))
        .collect()
}

/// Two opposite values ("inside" / "outside", "charged" / "not charged"): the first
/// statement of each, preferring two sources; within one source only when the
/// statements are attributed to different speakers. One finding per pair of values.
fn opposites<'b, 'a>(said: &[&'b Said<'a>]) -> Vec<(&'b Said<'a>, &'b Said<'a>)> {
    let base = |k: &str| k.strip_prefix("not ").unwrap_or(k).to_string();
    let mut groups: BTreeMap<String, Vec<&'b Said<'a>>> = BTreeMap::new();
    for s in said {
        // Statuses pair with their denial; places with each other (one group).
        let g = match s.attr.kind {
            AttributeKind::Legal => base(&s.attr.key),
            _ => String::new(),
        };
        groups.entry(g).or_default().push(s);
    }
    let mut out = Vec::new();
    for v in groups.values() {
        let keys: BTreeSet<&str> = v.iter().map(|s| s.attr.key.as_str()).collect();
        let keys: Vec<&str> = keys.into_iter().collect();
        for (i, ka) in keys.iter().enumerate() {
            for kb in &keys[i + 1..] {
                let a: Vec<&&Said> = v.iter().filter(|s| s.attr.key == *ka).collect();
                let b: Vec<&&Said> = v.iter().filter(|s| s.attr.key == *kb).collect();
                let cross = a
                    .iter()
                    .find_map(|x| b.iter().find(|y| y.doc != x.doc).map(|y| (**x, **y)));
                let within = || {
                    a.iter().find_map(|x| {
                        b.iter()
                            .find(|y| {
                                y.doc == x.doc
                                    && x.attr.attributed_to.is_some()
                                    && y.attr.attributed_to.is_some()
                                    && y.attr.attributed_to != x.attr.attributed_to
                            })
                            .map(|y| (**x, **y))
                    })
                };
                if let Some((x, y)) = cross.or_else(within) {
                    out.push(if (x.doc, x.attr.span) <= (y.doc, y.attr.span) {
                        (x, y)
                    } else {
                        (y, x)
                    });
                }
            }
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
            if kind == AttributeKind::Age {
                // Ages: any value in one source that the other never gives.
                if let Some(&i) = in_a.iter().find(|&&i| !agrees(i, in_b)) {
                    if let Some(&j) = in_b.iter().find(|&&j| !agrees(j, in_a)) {
                        out.push((&said[i], &said[j]));
                    }
                }
                continue;
            }
            let free_b: Vec<usize> = in_b.iter().copied().filter(|&j| !agrees(j, in_a)).collect();
            let mut used = BTreeSet::new();
            for &i in in_a.iter().filter(|&&i| !agrees(i, in_b)) {
                let best = free_b
                    .iter()
                    .copied()
                    .filter(|j| !used.contains(j))
                    .filter(|&j| toks[i].first() == toks[j].first())
                    .map(|j| (similarity(&toks[i], &toks[j]), j))
                    .filter(|(s, _)| *s >= min_sim)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
                if let Some((_, j)) = best {
                    // A name contained in the other is a shorter form, not another body.
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
