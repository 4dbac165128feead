//! Numeric comparison: claims about the same quantity whose values cannot both be true.
//!
//! Alignment decides "the same quantity": same unit; an event class that does not
//! differ (rules/words/events.yaml); a shared content word in the counted noun phrase
//! (stemmed, rules/words/generic.yaml words left out) or, for a casualty-style event,
//! the same event; and years that do not exclude each other (2014 is not 2022; a
//! sentence without a year takes the previous sentence's). Candidate pairs come from
//! an index on those keys, never from all pairs. Comparison turns each claim into the
//! interval its qualifier allows and reports pairs whose intervals are disjoint; pairs
//! that share claims become one finding.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::{stable_id, Evidence, Finding, FindingKind, Severity};
use crate::claims::{Claim, NumberKind, Qualifier};
use crate::load::Document;
use crate::rules::{NumericRule, Rule, RuleSet};
use crate::segment::Sentence;
use crate::vocab::Subject;

static EVENTS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    crate::yaml::parse(
        include_str!("../../rules/words/events.yaml"),
        "rules/words/events.yaml",
    )
    .unwrap_or_default()
});

static GENERIC: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    crate::yaml::parse::<Vec<String>>(
        include_str!("../../rules/words/generic.yaml"),
        "rules/words/generic.yaml",
    )
    .unwrap_or_default()
    .into_iter()
    .collect()
});

static BACKGROUND: LazyLock<Vec<String>> = LazyLock::new(|| {
    crate::yaml::parse(
        include_str!("../../rules/words/background.yaml"),
        "rules/words/background.yaml",
    )
    .unwrap_or_default()
});

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// The event class of a verb lemma, if it has one.
fn event_class(verb: &str) -> Option<usize> {
    let v = verb.to_lowercase();
    EVENTS.iter().position(|g| g.contains(&v))
}

/// The event a claim counts: its verb's class, else a subject word's ("5 dead",
/// "6 wounded" have no verb but say what happened), else one of the two words right
/// after the number ("five killed and six injured").
fn event_of(c: &Claim, text: &str) -> Option<usize> {
    let words = |s: &str| -> Vec<String> {
        s.split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    c.verb
        .as_deref()
        .and_then(event_class)
        .or_else(|| {
            words(c.subject.as_deref()?)
                .iter()
                .find_map(|w| event_class(w))
        })
        .or_else(|| {
            let after: String = text.get(c.span.end..)?.chars().take(32).collect();
            words(&after).iter().take(2).find_map(|w| event_class(w))
        })
}

/// Content stems of a subject phrase.
fn stems(subject: &str) -> BTreeSet<String> {
    subject
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !GENERIC.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| STEMMER.stem(&w).into_owned())
        .collect()
}

/// Years (1800–2099) written in a piece of text.
fn years(text: &str) -> BTreeSet<u32> {
    let b = text.as_bytes();
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i + 4 <= b.len() {
        let boundary_before = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        let boundary_after = i + 4 == b.len() || !b[i + 4].is_ascii_alphanumeric();
        if boundary_before && boundary_after && b[i..i + 4].iter().all(u8::is_ascii_digit) {
            let y: u32 = text[i..i + 4].parse().unwrap_or(0);
            if (1800..2100).contains(&y) && !(i > 0 && matches!(b[i - 1], b',' | b'.' | b'$')) {
                out.insert(y);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Units of time spans: a duration is compared only when both claims name the
/// same event, because "shut for 16 hours" and "more than 24 hours after" measure
/// different things.
const DURATIONS: &[&str] = &[
    "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades",
];

/// The word lists that decide a number's [`Role`] (rules/words/roles.yaml).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleWords {
    additional_after: Vec<String>,
    additional_before: Vec<String>,
    partitive_after: Vec<String>,
    partitive_before: Vec<String>,
    status: Vec<String>,
    whole: Vec<String>,
}

static ROLE_WORDS: LazyLock<RoleWords> = LazyLock::new(|| {
    crate::yaml::parse(
        include_str!("../../rules/words/roles.yaml"),
        "rules/words/roles.yaml",
    )
    .unwrap_or_default()
});

/// Every phrase `roles` looks for (status, then whole, then background), as one set:
/// a single pass over a sentence says which could occur, and only those are checked
/// for word boundaries.
static ROLE_PHRASES: LazyLock<(regex::RegexSet, usize, usize)> = LazyLock::new(|| {
    let w = &*ROLE_WORDS;
    let all: Vec<String> = w
        .status
        .iter()
        .chain(&w.whole)
        .chain(BACKGROUND.iter())
        .map(|p| regex::escape(p))
        .collect();
    let set = regex::RegexSet::new(&all).unwrap_or_else(|_| regex::RegexSet::empty());
    (set, w.status.len(), w.status.len() + w.whole.len())
});

/// Which of `phrases` (the `offset`-th onwards in [`ROLE_PHRASES`]) occur in `lower`
/// as whole words.
fn any_phrase(lower: &str, hits: &regex::SetMatches, offset: usize, phrases: &[String]) -> bool {
    let all = hits.len() == 0;
    phrases
        .iter()
        .enumerate()
        .any(|(k, p)| (all || hits.matched(offset + k)) && has_phrase(lower, p))
}

/// What a number is in its sentence. Only whole counts are compared across sources:
/// a part ("two of the three", one count of a breakdown), an addition ("six more") or
/// a number from an earlier event ("last year, nine people …") is not the story's
/// total and disagrees with it by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Whole,
    Part,
    Additional,
    Background,
}

/// `lower` is already lower case (lowered once per sentence, not once per phrase).
fn has_phrase(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(k, _)| {
        let before = lower[..k].chars().next_back();
        let after = lower[k + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The lowercased words right before and right after a claim in its document.
fn neighbours(text: &str, c: &Claim) -> (String, String) {
    let before: String = text[..c.span.start]
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[c.span.end..].chars().take(24).collect();
    (before.trim().to_lowercase(), after.trim().to_lowercase())
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// The role of every claim (only comparable ones are looked at).
fn roles(claims: &[Claim], docs: &[Document], sentences: &[Vec<Sentence>]) -> Vec<Role> {
    let mut roles = vec![Role::Whole; claims.len()];
    // Breakdowns: two or more counts of the same unit and event in one sentence.
    let mut by_sentence: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if !comparable(c) {
            continue;
        }
        let text = &docs[c.doc].text;
        let sentence = sentences[c.doc][c.sentence].span.of(text).to_lowercase();
        let sentence = sentence.as_str();
        let (before, after) = neighbours(text, c);
        let w = &*ROLE_WORDS;
        let word_in = |list: &[String], word: &str| list.iter().any(|x| x == word);
        let (set, whole_at, background_at) = &*ROLE_PHRASES;
        let hits = set.matches(sentence);
        let status = any_phrase(sentence, &hits, 0, &w.status)
            && !any_phrase(sentence, &hits, *whole_at, &w.whole);
        roles[i] = if any_phrase(sentence, &hits, *background_at, &BACKGROUND) {
            Role::Background
        } else if word_in(&w.additional_after, first_word(&after))
            || word_in(&w.additional_before, last_word(&before))
        {
            Role::Additional
        } else if c.qualifier == Qualifier::Exact
            && c.value.low == Some(1.0)
            && c.value.high == Some(1.0)
        {
            // "One male sustained a wound to the face": one person described, not a count.
            Role::Part
        } else if w
            .partitive_after
            .iter()
            .any(|p| after.starts_with(p.as_str()))
            || w.partitive_before
                .iter()
                .any(|p| before.ends_with(p.as_str()))
            || status
        {
            Role::Part
        } else {
            Role::Whole
        };
        by_sentence.entry((c.doc, c.sentence)).or_default().push(i);
    }
    // Breakdowns: counts in one sentence whose events and units do not differ
    // ("Ten were treated at A and three at B", "11 men and two women") are parts;
    // a count that is the sum of its siblings ("13 people, 11 men and two women") is
    // their total and stays whole.
    let value = |i: usize| claims[i].value.low.or(claims[i].value.high).unwrap_or(0.0);
    for members in by_sentence.values().filter(|m| m.len() >= 2) {
        let events: Vec<Option<usize>> = members
            .iter()
            .map(|&i| event_of(&claims[i], &docs[claims[i].doc].text))
            .collect();
        let before: Vec<Role> = members.iter().map(|&i| roles[i]).collect();
        let loose = |x: usize, y: usize| {
            let (a, b) = (&claims[members[x]], &claims[members[y]]);
            x != y
                && before[y] == Role::Whole
                && (events[x].is_none() || events[y].is_none() || events[x] == events[y])
                && (a.unit.is_none() || b.unit.is_none() || a.unit == b.unit)
        };
        let strict = |x: usize, y: usize| {
            let (a, b) = (&claims[members[x]], &claims[members[y]]);
            loose(x, y)
                && (a.subject_head.is_none()
                    || b.subject_head.is_none()
                    || a.subject_head == b.subject_head
                    || (a.unit.as_deref() == Some("people") && b.unit.as_deref() == Some("people")))
        };
        let n = members.len();
        let mut total = vec![false; n];
        let mut part = vec![false; n];
        for x in 0..n {
            let sib: Vec<usize> = (0..n).filter(|&y| loose(x, y)).collect();
            let rest: f64 = sib.iter().map(|&y| value(members[y])).sum();
            if sib.len() >= 2 && (value(members[x]) - rest).abs() < 1e-9 {
                total[x] = true;
                for y in sib {
                    part[y] = true;
                }
            }
        }
        for x in 0..n {
            if !total[x]
                && (part[x] || (0..n).any(|y| !total[y] && strict(x, y)))
                && roles[members[x]] == Role::Whole
            {
                roles[members[x]] = Role::Part;
            }
        }
    }
    roles
}

/// What alignment needs of one claim, computed once.
struct Features {
    claim: usize,
    unit: Option<String>,
    event: Option<usize>,
    stems: BTreeSet<String>,
    /// Content stems of the whole sentence.
    context: BTreeSet<String>,
    head: Option<String>,
    years: BTreeSet<u32>,
}

fn features(i: usize, c: &Claim, docs: &[Document], sentences: &[Vec<Sentence>]) -> Features {
    let sents = &sentences[c.doc];
    let text = &docs[c.doc].text;
    let mut ys = years(sents[c.sentence].span.of(text));
    if ys.is_empty() && c.sentence > 0 {
        ys = years(sents[c.sentence - 1].span.of(text));
    }
    Features {
        claim: i,
        unit: c.unit.clone(),
        event: event_of(c, text),
        context: stems(sents[c.sentence].span.of(text)),
        stems: c.subject.as_deref().map(stems).unwrap_or_default(),
        head: c.subject_head.clone(),
        years: ys,
    }
}

/// Are two claims about the same quantity?
fn aligned(a: &Features, b: &Features) -> bool {
    // A count without a unit may be a count of people ("six injured").
    let units_fit = a.unit == b.unit
        || (a.unit.is_none() && b.unit.as_deref() == Some("people"))
        || (b.unit.is_none() && a.unit.as_deref() == Some("people"));
    if !units_fit {
        return false;
    }
    if let (Some(x), Some(y)) = (a.event, b.event) {
        if x != y {
            return false;
        }
    }
    if !a.years.is_empty() && !b.years.is_empty() && a.years.is_disjoint(&b.years) {
        return false;
    }
    let same_event = a.event.is_some() && a.event == b.event;
    if a.unit.as_deref().is_some_and(|u| DURATIONS.contains(&u)) && !same_event {
        return false;
    }
    // A subtype ("gunshot victims", "ballistic missiles") is not the whole group,
    // unless the other sentence names the qualifier too ("23 missiles during 16
    // tests" against "20 missile tests").
    if a.head.is_some() && a.head == b.head {
        let subtype = |wide: &Features, narrow: &Features| {
            narrow.stems.is_superset(&wide.stems)
                && narrow
                    .stems
                    .difference(&wide.stems)
                    .any(|s| !wide.context.contains(s))
        };
        if subtype(a, b) || subtype(b, a) {
            return false;
        }
    }
    let share_subject = !a.stems.is_disjoint(&b.stems);
    share_subject || (same_event && (a.stems.is_empty() || b.stems.is_empty()))
}

/// The interval a claim allows under a rule: (low, high).
fn interval(c: &Claim, rule: &NumericRule) -> Option<(f64, f64)> {
    let tol = |v: f64| rule.tolerance.absolute + rule.tolerance.relative * v.abs();
    let a = rule.approximately;
    let (lo, hi) = match (c.qualifier, c.value.low, c.value.high) {
        (Qualifier::Approximately, Some(v), _) => (v * (1.0 - a), v * (1.0 + a)),
        (Qualifier::Nearly, Some(v), _) => (v * (1.0 - a), v),
        (Qualifier::AtLeast | Qualifier::MoreThan, Some(v), _) => (v, f64::INFINITY),
        (Qualifier::AtMost | Qualifier::LessThan, _, Some(v)) => (0.0, v),
        (_, Some(l), Some(h)) => (l, h),
        (_, Some(v), None) => (v, f64::INFINITY),
        (_, None, Some(v)) => (0.0, v),
        _ => return None,
    };
    Some((lo - tol(lo), hi + tol(hi)))
}

/// How far apart two disjoint intervals are, as a ratio ≥ 1; `None` when they overlap.
fn gap_ratio(a: (f64, f64), b: (f64, f64)) -> Option<f64> {
    let (lo, hi) = if a.1 < b.0 {
        (a.1, b.0)
    } else if b.1 < a.0 {
        (b.1, a.0)
    } else {
        return None;
    };
    Some(if lo <= 0.0 { f64::INFINITY } else { hi / lo })
}

/// The claims numeric rules look at: stated counts and amounts with a value.
fn comparable(c: &Claim) -> bool {
    c.kind == NumberKind::Quantity && !c.vague && (c.value.low.is_some() || c.value.high.is_some())
}

/// The first rule that covers both claims.
fn rule_for<'r>(
    rules: &[(&'r Rule, &'r NumericRule)],
    a: &Claim,
    b: &Claim,
) -> Option<(&'r Rule, &'r NumericRule)> {
    rules
        .iter()
        .copied()
        .find(|(_, n)| n.covers(a) && n.covers(b))
}

/// A value as an editor reads it, from the source's own words.
fn shown(doc: &Document, c: &Claim) -> String {
    doc.raw_text(c.span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Short source label for messages: the id, cut after 8 chars with an ellipsis.
pub(crate) fn short_id(id: &str) -> String {
    if id.chars().count() > 10 {
        format!("{}…", id.chars().take(8).collect::<String>())
    } else {
        id.to_string()
    }
}

/// Numeric findings for a run.
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    rules: &RuleSet,
) -> Vec<Finding> {
    let numeric: Vec<(&Rule, &NumericRule)> = rules.numeric().collect();
    if numeric.is_empty() {
        return Vec::new();
    }
    let role = roles(claims, docs, sentences);
    let feats: Vec<Features> = claims
        .iter()
        .enumerate()
        .filter(|(i, c)| comparable(c) && role[*i] == Role::Whole)
        .map(|(i, c)| features(i, c, docs, sentences))
        .collect();
    // Blocking: candidates share a subject stem or an event class.
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, f) in feats.iter().enumerate() {
        for s in &f.stems {
            index.entry(format!("s:{s}")).or_default().push(k);
        }
        if let Some(e) = f.event {
            index.entry(format!("e:{e}")).or_default().push(k);
        }
    }
    // Claims that read the same to alignment and to the rules (wire copies, repeated
    // sentences) form a class; a pair of classes is judged once, and the sources of
    // a conflicting pair of classes are joined in a pass over their members, so that
    // many copies of one claim cost linear time, not a comparison per pair.
    let class_of: Vec<usize> = {
        let mut ids: HashMap<String, usize> = HashMap::new();
        feats
            .iter()
            .map(|f| {
                let n = ids.len();
                *ids.entry(signature(f, &claims[f.claim])).or_insert(n)
            })
            .collect()
    };
    let mut judged: HashMap<(usize, usize), Option<(usize, f64)>> = HashMap::new();
    let mut judge = |i: usize, j: usize| -> Option<(usize, f64)> {
        let key = (class_of[i].min(class_of[j]), class_of[i].max(class_of[j]));
        *judged.entry(key).or_insert_with(|| {
            let (fa, fb) = (&feats[i], &feats[j]);
            let (a, b) = (&claims[fa.claim], &claims[fb.claim]);
            if !aligned(fa, fb) {
                return None;
            }
            let (rule, n) = rule_for(&numeric, a, b)?;
            let (ia, ib) = (interval(a, n)?, interval(b, n)?);
            let g = gap_ratio(ia, ib)?;
            let r = numeric
                .iter()
                .position(|(x, _)| x.id == rule.id)
                .unwrap_or(0);
            Some((r, g))
        })
    };
    let mut parent: Vec<usize> = (0..feats.len()).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    fn join(p: &mut [usize], a: usize, b: usize) {
        let (ra, rb) = (root(p, a), root(p, b));
        p[ra.max(rb)] = ra.min(rb);
    }
    // Claims in at least one conflict, and for each conflict one claim in it with the
    // rule and gap (folded into its group once the groups are known).
    let mut in_conflict = vec![false; feats.len()];
    let mut marks: Vec<(usize, usize, f64)> = Vec::new();
    let doc_of = |k: usize| claims[feats[k].claim].doc;
    for bucket in index.values() {
        let mut classes: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &k in bucket {
            classes.entry(class_of[k]).or_default().push(k);
        }
        let classes: Vec<&Vec<usize>> = classes.values().collect();
        for (x, ma) in classes.iter().enumerate() {
            for mb in &classes[x..] {
                let Some((r, g)) = judge(ma[0], mb[0]) else {
                    continue;
                };
                // Every pair across the two classes from different sources conflicts.
                for (node, partner) in conflict_edges(ma, mb, &doc_of) {
                    join(&mut parent, node, partner);
                    in_conflict[node] = true;
                    in_conflict[partner] = true;
                    marks.push((node, r, g));
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, (BTreeSet<usize>, usize, f64)> = BTreeMap::new();
    for (k, _) in in_conflict.iter().enumerate().filter(|(_, c)| **c) {
        let e = groups
            .entry(root(&mut parent, k))
            .or_insert((BTreeSet::new(), usize::MAX, 0.0));
        e.0.insert(k);
    }
    for (k, r, g) in marks {
        if let Some(e) = groups.get_mut(&root(&mut parent, k)) {
            e.1 = e.1.min(r);
            e.2 = e.2.max(g);
        }
    }
    let mut out = Vec::new();
    for (members, r, gap) in groups.into_values() {
        let (rule, n) = numeric[r];
        let mut cs: Vec<&Claim> = members.iter().map(|&k| &claims[feats[k].claim]).collect();
        cs.sort_by_key(|c| (c.doc, c.span.start));
        let subject = describe_subject(&cs, &feats, &members);
        let values = cs
            .iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    shown(&docs[c.doc], c),
                    short_id(&docs[c.doc].source.id)
                )
            })
            .collect::<Vec<_>>()
            .join(" vs ");
        let severity = if gap >= n.error_ratio {
            Severity::Error
        } else {
            rule.severity
        };
        let evidence: Vec<Evidence> = cs
            .iter()
            .map(|c| Evidence {
                doc: c.doc,
                span: c.span,
                sentence: sentences[c.doc][c.sentence].span,
                value: Some(c.value),
            })
            .collect();
        // The id names the disagreement (the values and what they count), never the
        // sources: a third source repeating a value keeps the finding's id, so a
        // baselined finding stays baselined.
        let mut key: Vec<String> = cs
            .iter()
            .map(|c| format!("{:?}|{}", c.value, c.subject.as_deref().unwrap_or("")))
            .collect();
        key.sort();
        key.dedup();
        out.push(Finding {
            id: stable_id(&rule.id, &key),
            rule: rule.id.clone(),
            kind: FindingKind::Numeric,
            severity,
            message: rule.render(&subject, "", &values),
            subject: Subject::whole(subject),
            evidence,
        });
    }
    out
}

/// Everything alignment and the rules read of a claim: claims with equal signatures
/// are judged alike against any other claim.
fn signature(f: &Features, c: &Claim) -> String {
    format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
        f.unit,
        f.event,
        f.stems,
        f.context,
        f.head,
        f.years,
        c.verb,
        c.unit,
        c.subject,
        c.qualifier,
        c.value.low.map(f64::to_bits),
        c.value.high.map(f64::to_bits),
    )
}

/// Pairs to join so that the claims of classes `a` and `b` (possibly the same class)
/// fall into the groups the full conflict graph gives, where every pair from different
/// sources conflicts; every claim with at least one conflict appears in a pair. Linear
/// in the members: sources group the members, and the graph between source groups is
/// complete but for same-source pairs, so it is connected as soon as either side has
/// three sources; only with two or fewer on each side are the groups worked out.
fn conflict_edges(
    a: &[usize],
    b: &[usize],
    doc_of: &dyn Fn(usize) -> usize,
) -> Vec<(usize, usize)> {
    let by_doc = |side: &[usize]| {
        let mut m: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &k in side {
            m.entry(doc_of(k)).or_default().push(k);
        }
        m
    };
    let (ga, gb) = (by_doc(a), by_doc(b));
    let mut out = Vec::new();
    if a == b {
        // One class: all its members conflict with each other across sources.
        if ga.len() >= 2 {
            out.extend(a.iter().map(|&k| (k, a[0])));
        }
        return out;
    }
    // A source group is isolated when the other side has only its own source.
    let lone = |g: &BTreeMap<usize, Vec<usize>>, d: usize| g.len() == 1 && g.contains_key(&d);
    if ga.len() >= 3 || gb.len() >= 3 {
        let live: Vec<usize> = ga
            .iter()
            .filter(|(d, _)| !lone(&gb, **d))
            .chain(gb.iter().filter(|(d, _)| !lone(&ga, **d)))
            .flat_map(|(_, ks)| ks.iter().copied())
            .collect();
        if let Some(&anchor) = live.first() {
            out.extend(live.iter().map(|&k| (k, anchor)));
        }
        return out;
    }
    // At most two sources a side: join source groups that differ, then each member
    // to its group's first member.
    for (da, ka) in &ga {
        for (db, kb) in &gb {
            if da != db {
                out.push((ka[0], kb[0]));
                out.extend(ka.iter().map(|&k| (k, ka[0])));
                out.extend(kb.iter().map(|&k| (k, kb[0])));
            }
        }
    }
    out
}

/// "foreign fighters, 2014": the most common subject and the shared years.
fn describe_subject(cs: &[&Claim], feats: &[Features], members: &BTreeSet<usize>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cs {
        if let Some(s) = c.subject.as_deref().or(c.verb.as_deref()) {
            *counts.entry(s).or_default() += 1;
        }
    }
    // Most common, then shortest, then alphabetical: deterministic.
    let mut best: Vec<(&str, usize)> = counts.into_iter().collect();
    best.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(a.0.len().cmp(&b.0.len()))
            .then(a.0.cmp(b.0))
    });
    let mut subject = best
        .first()
        .map_or("a number".to_string(), |b| b.0.to_string());
    let mut ys: Option<BTreeSet<u32>> = None;
    for &m in members {
        let y = &feats[m].years;
        if !y.is_empty() {
            ys = Some(match ys {
                None => y.clone(),
                Some(acc) => acc.intersection(y).copied().collect(),
            });
        }
    }
    if let Some(ys) = ys.filter(|y| !y.is_empty()) {
        let ys: Vec<String> = ys.iter().map(u32::to_string).collect();
        subject = format!("{subject}, {}", ys.join("–"));
    }
    subject
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Value;
    use crate::span::Span;

    fn claim(doc: usize, q: Qualifier, v: f64) -> Claim {
        Claim {
            doc,
            sentence: 0,
            span: Span::new(0, 1),
            kind: NumberKind::Quantity,
            value: match q {
                Qualifier::AtMost | Qualifier::LessThan => Value {
                    low: None,
                    high: Some(v),
                },
                Qualifier::AtLeast | Qualifier::MoreThan => Value {
                    low: Some(v),
                    high: None,
                },
                _ => Value::exact(v),
            },
            qualifier: q,
            unit: None,
            vague: false,
            subject: Some("fighters".into()),
            subject_head: Some("fighter".into()),
            verb: None,
            anchors: vec![],
            entities: vec![],
            attributed_to: None,
        }
    }

    fn rule() -> NumericRule {
        let set = RuleSet::builtin();
        let (_, n) = set
            .numeric()
            .find(|(r, _)| r.id == "numeric-mismatch")
            .unwrap();
        n.clone()
    }

    fn conflict(a: &Claim, b: &Claim) -> Option<f64> {
        let r = rule();
        gap_ratio(interval(a, &r)?, interval(b, &r)?)
    }

    #[test]
    fn about_1000_and_around_17000_conflict_as_an_error() {
        let g = conflict(
            &claim(0, Qualifier::Approximately, 1000.0),
            &claim(1, Qualifier::Approximately, 17000.0),
        );
        assert!(g.unwrap() >= 2.0);
    }

    #[test]
    fn more_than_100_and_about_100_agree() {
        assert!(conflict(
            &claim(0, Qualifier::MoreThan, 100.0),
            &claim(1, Qualifier::Approximately, 100.0)
        )
        .is_none());
    }

    #[test]
    fn fewer_than_1000_and_about_1000_are_at_most_a_warning() {
        let g = conflict(
            &claim(0, Qualifier::LessThan, 1000.0),
            &claim(1, Qualifier::Approximately, 1000.0),
        );
        assert!(g.is_none_or(|g| g < 2.0));
    }

    #[test]
    fn about_200_and_roughly_400_conflict() {
        assert!(conflict(
            &claim(0, Qualifier::Approximately, 200.0),
            &claim(1, Qualifier::Approximately, 400.0)
        )
        .is_some());
    }

    #[test]
    fn years_and_events_keep_quantities_apart() {
        let f = |event: Option<&str>, subject: &str, ys: &[u32]| Features {
            claim: 0,
            unit: None,
            event: event.and_then(event_class),
            stems: stems(subject),
            context: stems(subject),
            head: subject.split(' ').next_back().map(String::from),
            years: ys.iter().copied().collect(),
        };
        assert!(aligned(
            &f(None, "foreign fighters", &[2014]),
            &f(None, "foreigners involved", &[2014])
        ));
        assert!(!aligned(
            &f(None, "foreign fighters", &[2014]),
            &f(None, "foreign fighters", &[2022])
        ));
        assert!(!aligned(
            &f(Some("join"), "people", &[]),
            &f(Some("sign up"), "people", &[])
        ));
        assert!(!aligned(
            &f(Some("kill"), "people", &[]),
            &f(Some("facilitate"), "people", &[])
        ));
        assert!(aligned(
            &f(Some("kill"), "people", &[]),
            &f(Some("die"), "", &[])
        ));
        assert!(!aligned(&f(None, "people", &[]), &f(None, "people", &[])));
    }

    #[test]
    fn subtypes_and_durations_are_not_aligned() {
        let f = |subject: &str, head: &str, unit: Option<&str>| Features {
            claim: 0,
            unit: unit.map(String::from),
            event: None,
            stems: stems(subject),
            context: stems(subject),
            head: Some(head.into()),
            years: BTreeSet::new(),
        };
        assert!(!aligned(
            &f("gunshot victims", "victim", None),
            &f("victims", "victim", None)
        ));
        assert!(aligned(
            &f("victims", "victim", None),
            &f("victims", "victim", None)
        ));
        assert!(!aligned(
            &f("closure", "closure", Some("hours")),
            &f("closure", "closure", Some("hours"))
        ));
    }

    fn doc(text: &str) -> (Vec<Document>, Vec<Vec<Sentence>>) {
        let (d, _) = Document::new("a", "a.txt", text.to_string(), crate::load::Format::Text);
        let s = crate::segment::sentences(&d.text);
        (vec![d], vec![s])
    }

    fn roles_of(text: &str) -> Vec<(String, Role)> {
        let (docs, sents) = doc(text);
        let claims = crate::claims::extract_all(&docs, &sents, &[], &[]);
        let r = roles(&claims, &docs, &sents);
        claims
            .iter()
            .zip(r)
            .filter(|(c, _)| comparable(c))
            .map(|(c, r)| (c.span.of(&docs[0].text).to_string(), r))
            .collect()
    }

    #[test]
    fn parts_additions_and_background_are_not_wholes() {
        let r = roles_of("Last summer, eight people were injured at the mall.");
        assert_eq!(r, [("eight".to_string(), Role::Background)]);
        let r = roles_of("Five people are dead and six more were shot.");
        assert!(r.contains(&("six".to_string(), Role::Additional)), "{r:?}");
        assert!(r.contains(&("Five".to_string(), Role::Whole)), "{r:?}");
        let r = roles_of("Police named two of the three people who died.");
        assert!(r.contains(&("two".to_string(), Role::Part)), "{r:?}");
        let r = roles_of("Officers found 13 people, 11 men and two women, with wounds.");
        assert!(r.contains(&("13".to_string(), Role::Whole)), "{r:?}");
        assert!(r.contains(&("11".to_string(), Role::Part)), "{r:?}");
    }

    #[test]
    fn years_are_read_but_not_amounts() {
        assert_eq!(
            years("in 2014 and 1,2014 or $2014"),
            [2014].into_iter().collect()
        );
        assert_eq!(
            years("between 1936 and 1938"),
            [1936, 1938].into_iter().collect()
        );
    }
}
