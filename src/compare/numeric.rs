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

use super::{stable_id, Evidence, Finding, FindingKind, Majority, Severity};
use crate::claims::{Claim, NumberKind, Phase, Qualifier, Revision, Slot};
use crate::load::Document;
use crate::rules::{NumericRule, Rule, RuleSet};
use crate::segment::Sentence;
use crate::vocab::Subject;

pub(crate) static EVENTS: LazyLock<Vec<Vec<String>>> =
    LazyLock::new(|| crate::wordlists::shipped("events.yaml"));

pub(crate) static GENERIC: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    crate::wordlists::shipped::<Vec<String>>("generic.yaml")
        .into_iter()
        .collect()
});

pub(crate) static BACKGROUND: LazyLock<Vec<String>> =
    LazyLock::new(|| crate::wordlists::shipped("background.yaml"));

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
pub(crate) struct RoleWords {
    additional_after: Vec<String>,
    additional_before: Vec<String>,
    partitive_after: Vec<String>,
    partitive_before: Vec<String>,
    status: Vec<String>,
    whole: Vec<String>,
    /// Event verbs whose counts overlap ("shot" and "injured"): listed apart in one
    /// sentence, they are two categories of a breakdown.
    #[serde(default)]
    overlapping: Vec<Vec<String>>,
}

/// Do two event classes overlap as categories (the same class, or listed together
/// in roles.yaml `overlapping`)?
fn overlapping(x: usize, y: usize) -> bool {
    x == y
        || ROLE_WORDS.overlapping.iter().any(|g| {
            let has = |e: usize| g.iter().any(|v| event_class(v) == Some(e));
            has(x) && has(y)
        })
}

pub(crate) static ROLE_WORDS: LazyLock<RoleWords> =
    LazyLock::new(|| crate::wordlists::shipped("roles.yaml"));

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
        // A count whose own status is known ("three remain in critical condition") is
        // compared within that status; the status phrases only set apart counts whose
        // status is not their own.
        let own_status = c
            .fact
            .key
            .as_deref()
            .is_some_and(crate::claims::fact::is_specific_status);
        let status = !own_status
            && any_phrase(sentence, &hits, 0, &w.status)
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
        // Siblings for a breakdown include additions: in "five dead, six more shot and
        // nearly 40 injured" the injured are those hurt otherwise than by a shot. In a
        // revision ("two killed, but two more have since died") an addition is a
        // change over time, not another category.
        let strict = |x: usize, y: usize| {
            let (a, b) = (&claims[members[x]], &claims[members[y]]);
            let addition = before[y] == Role::Additional
                && b.fact.as_of.revision.is_none()
                && matches!((events[x], events[y]), (Some(p), Some(q)) if overlapping(p, q));
            let same_event = events[x].is_none() || events[y].is_none() || events[x] == events[y];
            let sibling = x != y
                && ((before[y] == Role::Whole && same_event) || addition)
                && (a.unit.is_none() || b.unit.is_none() || a.unit == b.unit);
            sibling
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
        // A count with a status of its own stays whole: it is compared only within
        // that status, never against the total it is part of.
        let own_status = |x: usize| {
            claims[members[x]]
                .fact
                .key
                .as_deref()
                .is_some_and(crate::claims::fact::is_specific_status)
        };
        for x in 0..n {
            if !total[x]
                && !own_status(x)
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
    /// What an amount is of when its own subject is only a unit ("a speed of").
    measure: Option<String>,
    /// The status of what is counted ("critical", "missing", "destroyed"): counts are
    /// compared within their status, never against another status or the total.
    status: Option<String>,
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
    // Amounts are aligned on their canonical unit (miles and kilometres alike).
    let unit = if c.fact.slot == Slot::Amount {
        c.fact.unit.clone()
    } else {
        c.unit.clone()
    };
    // An amount's subject is what it measures ("of fuel"), never its unit word alone:
    // two distances share "kilometres" and nothing else.
    let mut measure = None;
    let (status, subject) = if c.fact.slot == Slot::Amount {
        let mut own: BTreeSet<String> = c.subject.as_deref().map(stems).unwrap_or_default();
        let unit_stems: BTreeSet<String> = c
            .unit
            .iter()
            .chain(&c.fact.unit)
            .flat_map(|u| stems(u))
            .collect();
        own.retain(|s| !unit_stems.contains(s) && !crate::claims::fact::is_unit_word(s));
        own.extend(c.fact.key.as_deref().map(stems).unwrap_or_default());
        if own.is_empty() {
            let start = sents[c.sentence].span.start;
            measure = measure_noun(&text[start..c.span.start.max(start)]);
            own.extend(measure.as_deref().map(stems).unwrap_or_default());
        }
        (None, own)
    } else {
        (
            c.fact.key.clone(),
            c.subject.as_deref().map(stems).unwrap_or_default(),
        )
    };
    Features {
        claim: i,
        unit,
        status,
        event: event_of(c, text),
        context: stems(sents[c.sentence].span.of(text)),
        stems: subject,
        measure,
        head: c.subject_head.clone(),
        years: ys,
    }
}

/// Nouns that name what an amount measures in "a speed of 130 km/h", "a depth of 10
/// metres". Grammar of measurement rather than vocabulary of a subject: a noun such as
/// "distance", "total" or "magnitude" is left out, since two of them in one story are
/// often different quantities (distances to two places, two earthquakes).
const MEASURE_NOUNS: &[&str] = &[
    "speed",
    "speeds",
    "depth",
    "height",
    "altitude",
    "elevation",
    "length",
    "width",
    "area",
    "weight",
    "temperature",
    "price",
    "cost",
    "duration",
    "capacity",
    "volume",
];

/// The measure noun just before "of" at the end of `before` (the sentence up to an
/// amount): "reached a speed of" gives "speed".
fn measure_noun(before: &str) -> Option<String> {
    let rest = before.trim_end().strip_suffix("of")?;
    if rest.ends_with(|ch: char| ch.is_alphanumeric()) {
        return None;
    }
    let noun = rest
        .trim_end()
        .rsplit(|ch: char| !ch.is_alphabetic())
        .next()?
        .to_lowercase();
    MEASURE_NOUNS.contains(&noun.as_str()).then_some(noun)
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
    if let (Some(x), Some(y)) = (&a.status, &b.status) {
        if x != y {
            return false;
        }
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
    // Amounts are compared in their canonical unit.
    let value = if c.fact.slot == Slot::Amount {
        c.fact.value
    } else {
        c.value
    };
    let (lo, hi) = match (c.qualifier, value.low, value.high) {
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
    c.kind == NumberKind::Quantity
        && matches!(c.fact.slot, Slot::Count | Slot::Amount | Slot::Price)
        && !c.vague
        && (c.value.low.is_some() || c.value.high.is_some())
}

/// The first rule that covers both claims, with its index: a revision goes to the
/// rules that judge updates, any other pair to the rest.
fn rule_for<'r>(
    rules: &[(&'r Rule, &'r NumericRule)],
    a: &Claim,
    b: &Claim,
) -> Option<(usize, &'r NumericRule)> {
    let update = is_update(a, b);
    rules
        .iter()
        .enumerate()
        .find(|(_, (_, n))| n.update == update && covers(n, a) && covers(n, b))
        .map(|(i, (_, n))| (i, *n))
}

fn covers(rule: &NumericRule, c: &Claim) -> bool {
    rule.covers(
        c.verb.as_deref(),
        c.unit.as_deref(),
        c.subject.as_deref(),
        c.fact.slot,
    )
}

/// A value as an editor reads it, from the source's own words.
fn shown(doc: &Document, c: &Claim) -> String {
    doc.raw_text(c.span)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A source's label in messages: its id, whole. Only the terminal table shortens long
/// ids (see `report::table`); JSON, CSV and SARIF carry them as they are.
pub(crate) fn short_id(id: &str) -> String {
    id.to_string()
}

/// Numeric findings for a run: counts and amounts, then one comparator per slot.
pub fn findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    rules: &RuleSet,
) -> Vec<Finding> {
    let mut numeric: Vec<(&Rule, &NumericRule)> = rules.numeric().collect();
    if numeric.is_empty() {
        return Vec::new();
    }
    // A user's rules are tried before the shipped ones (file order kept within each).
    numeric.sort_by_key(|(r, _)| r.origin.is_builtin());
    let mut out = count_findings(docs, sentences, claims, &numeric);
    for comparator in COMPARATORS {
        out.extend(slot_findings(comparator, docs, sentences, claims, &numeric));
    }
    out
}

/// Is a pair a revision rather than a contradiction: one side a first report
/// ("initially said two were killed") or the sources written on different dates?
fn is_update(a: &Claim, b: &Claim) -> bool {
    let (x, y) = (&a.fact.as_of, &b.fact.as_of);
    x.revision == Some(Revision::Initial)
        || y.revision == Some(Revision::Initial)
        || matches!((&x.source_date, &y.source_date), (Some(p), Some(q)) if p.get(..10) != q.get(..10))
}

/// Counts, amounts and prices: aligned on unit, event, subject words and years.
fn count_findings(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    numeric: &[(&Rule, &NumericRule)],
) -> Vec<Finding> {
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
    // sentences) form a class; a pair of classes is judged once.
    let class_of = classes(feats.iter().map(|f| signature(f, &claims[f.claim])));
    let judge = |i: usize, j: usize| -> Option<(usize, f64)> {
        let (fa, fb) = (&feats[i], &feats[j]);
        let (a, b) = (&claims[fa.claim], &claims[fb.claim]);
        if !aligned(fa, fb) {
            return None;
        }
        let (r, n) = rule_for(numeric, a, b)?;
        let g = gap_ratio(interval(a, n)?, interval(b, n)?)?;
        Some((r, g))
    };
    let doc_of = |k: usize| claims[feats[k].claim].doc;
    let groups = conflict_groups(feats.len(), index.values(), &class_of, judge, &doc_of);
    groups
        .into_iter()
        .map(|(members, r, gap)| {
            let cs: Vec<&Claim> = members.iter().map(|&k| &claims[feats[k].claim]).collect();
            let subject = describe_subject(&cs, &feats, &members);
            build(numeric[r], cs, subject, gap, docs, sentences)
        })
        .collect()
}

/// One claim's class id per signature, in order of first appearance.
fn classes(signatures: impl Iterator<Item = String>) -> Vec<usize> {
    let mut ids: HashMap<String, usize> = HashMap::new();
    signatures
        .map(|s| {
            let n = ids.len();
            *ids.entry(s).or_insert(n)
        })
        .collect()
}

/// The groups of items in conflict: within each bucket, every pair of classes is
/// judged once; the members of two conflicting classes are joined across sources in
/// a pass over them, so that many copies of one claim cost linear time. Each group
/// comes with the first rule (lowest index) and the widest gap of its conflicts:
/// one disagreement is one group, however many sources give it.
fn conflict_groups<'b>(
    n: usize,
    buckets: impl Iterator<Item = &'b Vec<usize>>,
    class_of: &[usize],
    judge: impl Fn(usize, usize) -> Option<(usize, f64)>,
    doc_of: &dyn Fn(usize) -> usize,
) -> Vec<(BTreeSet<usize>, usize, f64)> {
    let mut judged: HashMap<(usize, usize), Option<(usize, f64)>> = HashMap::new();
    let mut parent: Vec<usize> = (0..n).collect();
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
    let mut in_conflict = vec![false; n];
    let mut marks: Vec<(usize, usize, f64)> = Vec::new();
    for bucket in buckets {
        let mut by_class: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &k in bucket {
            by_class.entry(class_of[k]).or_default().push(k);
        }
        let members: Vec<&Vec<usize>> = by_class.values().collect();
        for (x, ma) in members.iter().enumerate() {
            for mb in &members[x..] {
                let key = (
                    class_of[ma[0]].min(class_of[mb[0]]),
                    class_of[ma[0]].max(class_of[mb[0]]),
                );
                let verdict = *judged.entry(key).or_insert_with(|| judge(ma[0], mb[0]));
                let Some((r, g)) = verdict else {
                    continue;
                };
                for (node, partner) in conflict_edges(ma, mb, doc_of) {
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
    groups.into_values().collect()
}

/// The value most sources give and the sources that give another, when three or
/// more sources take part and one value is given by more sources than any other.
fn odd_one_out(cs: &[&Claim], docs: &[Document]) -> Option<Majority> {
    let mut by_value: BTreeMap<(u64, u64), BTreeSet<usize>> = BTreeMap::new();
    let bits = |v: Option<f64>| v.map_or(u64::MAX, f64::to_bits);
    for c in cs {
        by_value
            .entry((bits(c.fact.value.low), bits(c.fact.value.high)))
            .or_default()
            .insert(c.doc);
    }
    let sources: BTreeSet<usize> = cs.iter().map(|c| c.doc).collect();
    if sources.len() < 3 {
        return None;
    }
    let mut counts: Vec<(&(u64, u64), usize)> =
        by_value.iter().map(|(k, d)| (k, d.len())).collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (top, n) = counts[0];
    if counts.get(1).is_some_and(|(_, m)| *m == n) {
        return None;
    }
    let majority = &by_value[top];
    let value = cs
        .iter()
        .find(|c| (bits(c.fact.value.low), bits(c.fact.value.high)) == *top)
        .map(|c| shown(&docs[c.doc], c))?;
    let differ: Vec<usize> = sources.difference(majority).copied().collect();
    (!differ.is_empty()).then(|| Majority {
        value,
        agree: majority.iter().copied().collect(),
        differ,
    })
}

/// The unit an amount is written in: its own unit word, or a unit its subject is
/// ("2,000 gallons of diesel").
fn written_unit(c: &Claim) -> Option<&str> {
    c.unit.as_deref().or_else(|| {
        c.subject.as_deref().filter(|_| {
            c.subject_head
                .as_deref()
                .is_some_and(crate::claims::fact::is_unit_word)
        })
    })
}

/// The finding of one group of conflicting claims.
fn build(
    (rule, n): (&Rule, &NumericRule),
    mut cs: Vec<&Claim>,
    subject: String,
    gap: f64,
    docs: &[Document],
    sentences: &[Vec<Sentence>],
) -> Finding {
    cs.sort_by_key(|c| (c.doc, c.span.start));
    // Amounts written in different units show their unit: "130 km/h vs 60 mph".
    let units: BTreeSet<Option<&str>> = cs.iter().map(|c| written_unit(c)).collect();
    let with_unit = |c: &Claim| match written_unit(c) {
        Some(u) if units.len() > 1 && c.fact.slot == Slot::Amount => {
            format!("{} {u}", shown(&docs[c.doc], c))
        }
        _ => shown(&docs[c.doc], c),
    };
    let values = cs
        .iter()
        .map(|c| format!("{} ({})", with_unit(c), short_id(&docs[c.doc].source.id)))
        .collect::<Vec<_>>()
        .join(" vs ");
    let severity = if n.update {
        rule.severity
    } else if gap >= n.error_ratio {
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
    // The id names the disagreement (its subject, the values and what they count),
    // never the sources: a third source repeating a value keeps the finding's id, so a
    // baselined finding stays baselined. The slot's value is in the key as well as the
    // number read, since some slots (times of day) are told apart by it alone.
    let mut key: Vec<String> = cs
        .iter()
        .map(|c| {
            format!(
                "{:?}|{:?}|{}",
                c.value,
                c.fact.value,
                c.subject.as_deref().unwrap_or("")
            )
        })
        .collect();
    key.sort();
    key.dedup();
    key.insert(0, subject.clone());
    let mut message = rule.render(&subject, "", &values);
    let majority = odd_one_out(&cs, docs);
    if let Some(m) = &majority {
        let odd: Vec<String> = m
            .differ
            .iter()
            .map(|&d| short_id(&docs[d].source.id))
            .collect();
        message.push_str(&format!(
            "; most sources give {}, {} {} another value",
            m.value,
            odd.join(", "),
            if odd.len() == 1 { "gives" } else { "give" }
        ));
    }
    Finding {
        id: stable_id(&rule.id, &key),
        rule: rule.id.clone(),
        kind: FindingKind::Numeric,
        class: None,
        majority,
        severity,
        message,
        subject: Subject::whole(subject),
        evidence,
    }
}

/// A comparator for one slot: which claims it reads, what must agree for two of them
/// to be the same quantity (the bucket key), whether they conflict, and how the
/// finding names its subject.
struct Comparator {
    slot: Slot,
    /// The bucket a claim falls in; `None` leaves it out.
    key: fn(&Claim) -> Option<String>,
    /// Beyond the key: may these two be the same fact (same day, same group…)?
    same: fn(&Claim, &Claim, &SlotContext) -> bool,
    /// The subject shown for a group, from its key.
    subject: fn(&str) -> String,
}

/// Story-wide knowledge a comparator may need: for address numbers, the numbers each
/// source gives on each street.
#[derive(Default)]
struct SlotContext {
    numbers_on_street: HashMap<(String, usize), Vec<(f64, f64)>>,
}

/// The slot comparators, one per slot beyond counts and amounts.
const COMPARATORS: &[Comparator] = &[
    Comparator {
        slot: Slot::TimeOfDay,
        key: time_key,
        same: same_day,
        subject: |k| match k {
            "start" => "start time".to_string(),
            "end" => "end time".to_string(),
            _ => format!("time of day ({k})"),
        },
    },
    Comparator {
        slot: Slot::Age,
        key: age_key,
        same: same_group,
        subject: |k| match k {
            "male" => "age of the man".to_string(),
            "female" => "age of the woman".to_string(),
            _ => format!("age ({k})"),
        },
    },
    Comparator {
        slot: Slot::AddressNumber,
        key: |c| c.fact.key.clone(),
        same: same_address,
        subject: |k| format!("house number on {}", title_case(k)),
    },
];

/// "plymouth st" → "Plymouth St": a street's key is folded, its name is written
/// capitalised.
fn title_case(k: &str) -> String {
    k.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(cs).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Times of day are compared within the moment of the event they mark.
fn time_key(c: &Claim) -> Option<String> {
    let phase = c.fact.phase?;
    c.fact.value.low?;
    Some(
        match phase {
            Phase::Start => "start",
            Phase::End => "end",
        }
        .to_string(),
    )
}

/// Facts put on different weekdays are about different days.
fn same_day(a: &Claim, b: &Claim, _: &SlotContext) -> bool {
    match (a.fact.as_of.weekday, b.fact.as_of.weekday) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Ages of unnamed people are compared by sex; a named person's age is the
/// attribute stage's.
fn age_key(c: &Claim) -> Option<String> {
    c.fact.key.clone()
}

/// An age range of a group against one person's age: compared when one is a group
/// and the other a single person (is the person inside the range?).
fn same_group(a: &Claim, b: &Claim, _: &SlotContext) -> bool {
    a.fact.group != b.fact.group
}

/// Two house numbers on one street are one address misstated only when no source
/// gives both (two numbers in one source are two places) and one reads as a slip of
/// the other: same number of digits and one digit changed, or two digits swapped.
fn same_address(a: &Claim, b: &Claim, cx: &SlotContext) -> bool {
    let street = a.fact.key.clone().unwrap_or_default();
    let value = |c: &Claim| {
        (
            c.fact.value.low.unwrap_or(-1.0),
            c.fact.value.high.unwrap_or(-1.0),
        )
    };
    let gives = |c: &Claim, v: (f64, f64)| {
        cx.numbers_on_street
            .get(&(street.clone(), c.doc))
            .is_some_and(|vs| vs.contains(&v))
    };
    if gives(a, value(b)) || gives(b, value(a)) {
        return false;
    }
    let (x, y) = (value(a), value(b));
    if x.0 != x.1 || y.0 != y.1 {
        return false;
    }
    one_slip(&format!("{}", x.0), &format!("{}", y.0))
}

/// Same length and one digit changed, or two neighbouring digits swapped.
fn one_slip(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() || a == b {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    match diff.as_slice() {
        [_] => true,
        [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
        _ => false,
    }
}

/// A fact's interval in its slot's canonical unit, widened by the rule's tolerance;
/// a zoned time of day is moved to UTC.
fn fact_interval(c: &Claim, n: &NumericRule) -> Option<(f64, f64)> {
    let shift = c.fact.utc_offset.map_or(0.0, |h| -h * 60.0);
    let (lo, hi) = (c.fact.value.low? + shift, c.fact.value.high? + shift);
    let tol = |v: f64| n.tolerance.absolute + n.tolerance.relative * v.abs();
    Some((lo - tol(lo), hi + tol(hi)))
}

/// Findings of one slot's comparator.
fn slot_findings(
    cmp: &Comparator,
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    claims: &[Claim],
    numeric: &[(&Rule, &NumericRule)],
) -> Vec<Finding> {
    let items: Vec<(usize, String)> = claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.fact.slot == cmp.slot)
        .filter_map(|(i, c)| Some((i, (cmp.key)(c)?)))
        .collect();
    if items.is_empty() {
        return Vec::new();
    }
    let mut cx = SlotContext::default();
    for (i, key) in &items {
        let c = &claims[*i];
        cx.numbers_on_street
            .entry((key.clone(), c.doc))
            .or_default()
            .push((
                c.fact.value.low.unwrap_or(-1.0),
                c.fact.value.high.unwrap_or(-1.0),
            ));
    }
    let mut buckets: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, (_, key)) in items.iter().enumerate() {
        buckets.entry(key.as_str()).or_default().push(k);
    }
    let class_of = classes(items.iter().map(|(i, key)| {
        let f = &claims[*i].fact;
        format!(
            "{key}|{:?}|{:?}|{:?}|{:?}|{}",
            f.value, f.as_of, f.utc_offset, f.group, claims[*i].doc
        )
    }));
    let judge = |x: usize, y: usize| -> Option<(usize, f64)> {
        let (a, b) = (&claims[items[x].0], &claims[items[y].0]);
        if a.doc == b.doc || !(cmp.same)(a, b, &cx) {
            return None;
        }
        // Zoned times are compared in UTC only when both carry a zone.
        let zoned = a.fact.utc_offset.is_some() && b.fact.utc_offset.is_some();
        let (r, n) = rule_for(numeric, a, b)?;
        let (ia, ib) = if zoned {
            (fact_interval(a, n)?, fact_interval(b, n)?)
        } else {
            let plain = |c: &Claim| {
                let mut c = c.clone();
                c.fact.utc_offset = None;
                fact_interval(&c, n)
            };
            (plain(a)?, plain(b)?)
        };
        let g = gap_ratio(ia, ib)?;
        Some((r, g))
    };
    let doc_of = |k: usize| claims[items[k].0].doc;
    let groups = conflict_groups(items.len(), buckets.values(), &class_of, judge, &doc_of);
    groups
        .into_iter()
        .map(|(members, r, gap)| {
            let cs: Vec<&Claim> = members.iter().map(|&k| &claims[items[k].0]).collect();
            let key = &items[*members.iter().next().unwrap_or(&0)].1;
            build(numeric[r], cs, (cmp.subject)(key), gap, docs, sentences)
        })
        .collect()
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

/// "evacuees in 2019": the most common subject and the shared years.
fn describe_subject(cs: &[&Claim], feats: &[Features], members: &BTreeSet<usize>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for c in cs {
        // An amount is named by what it is of ("diesel"), not by its unit ("litres").
        let of = c
            .fact
            .key
            .as_deref()
            .filter(|_| c.fact.slot == Slot::Amount);
        if let Some(s) = of.or(c.subject.as_deref()).or(c.verb.as_deref()) {
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
    // "a speed of 130 km/h": the measure says what it is better than its unit.
    let measure = members.iter().find_map(|&m| feats[m].measure.as_deref());
    let mut subject = match measure {
        Some(m) => m.to_string(),
        None => best
            .first()
            .map_or("a number".to_string(), |b| b.0.to_string()),
    };
    // "Wounded. 6 …" puts a participle first in its sentence: a subject an editor
    // writes in lower case.
    if !subject.contains(' ') && subject.ends_with("ed") {
        subject = subject.to_lowercase();
    }
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
        subject = format!("{subject} in {}", ys.join("–"));
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
            fact: crate::claims::Fact::default(),
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
            measure: None,
            status: None,
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
            measure: None,
            status: None,
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
    fn the_injured_listed_apart_from_the_shot_are_a_category_of_their_own() {
        let r = roles_of("Two people are dead, four more shot, and nearly 30 injured at the fair.");
        assert!(r.contains(&("nearly 30".to_string(), Role::Part)), "{r:?}");
        // A revision's addition is a change over time, not a category.
        let r =
            roles_of("Police initially said two had been killed, but two more have since died.");
        assert!(r.contains(&("two".to_string(), Role::Whole)), "{r:?}");
    }

    /// The numeric findings for a story of invented sources, one text each.
    fn run(texts: &[&str]) -> Vec<Finding> {
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let id = format!("s{}", k + 1);
                Document::new(
                    &id,
                    &format!("{id}.txt"),
                    t.to_string(),
                    crate::load::Format::Text,
                )
                .0
            })
            .collect();
        crate::analyze(docs, &RuleSet::builtin())
            .findings
            .into_iter()
            .filter(|f| f.kind == FindingKind::Numeric)
            .collect()
    }

    #[test]
    fn times_of_the_same_moment_are_compared_by_their_hedges() {
        let f = run(&[
            "Witnesses said the fight broke out about 2:13 a.m. at the Quill Lounge.",
            "A fight broke out around 2:15 a.m. at the Quill Lounge, police said.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "time-of-day");
        // "around 2:30" reaches five minutes either side: 2:27 agrees with it.
        let f = run(&[
            "Residents first heard shots at 2:27 a.m. near the Quill Lounge.",
            "Shots were first heard around 2:30 a.m. near the Quill Lounge.",
        ]);
        assert!(f.is_empty(), "{f:?}");
        // A start and an end are different moments.
        let f = run(&[
            "Neighbours first heard shots at 2:10 a.m. on the quay.",
            "The gunfire stopped at 2:50 a.m. on the quay.",
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn zoned_times_are_compared_in_utc() {
        let f = run(&[
            "The polls first opened at 9 a.m. EDT on Tuesday.",
            "The polls first opened at 13:00 GMT on Tuesday.",
        ]);
        assert!(f.is_empty(), "{f:?}");
        let f = run(&[
            "The polls first opened at 9 a.m. EDT on Tuesday.",
            "The polls first opened at 14:00 GMT on Tuesday.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_person_outside_the_age_range_of_their_group_is_a_finding() {
        let f = run(&[
            "The wounded included four women aged 30 to 41.",
            "A 29-year-old woman was taken to Mercy Hospital.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "age-range");
        let f = run(&[
            "The wounded included four women aged 30 to 41.",
            "A 29-year-old man was taken to Mercy Hospital.",
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_house_number_miswritten_by_one_digit_is_a_finding_two_places_are_not() {
        let f = run(&[
            "Police were called to 24 Quill St. after midnight.",
            "Officers arrived at 25 Quill Street after midnight.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].rule, "address-number");
        // A far number on the same street is another building; a source that gives
        // both numbers names two places.
        let f = run(&[
            "Police were called to 24 Quill St. after midnight.",
            "The shooters hid at 61-63 Quill St. across the road.",
        ]);
        assert!(f.is_empty(), "{f:?}");
        let f = run(&[
            "Police were called to 24 Quill St., next to 25 Quill St.",
            "Officers arrived at 25 Quill Street after midnight.",
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_first_report_against_a_later_figure_is_an_info_update() {
        let f = run(&[
            "Police initially said two people had been killed in the crash.",
            "Three people were killed in the crash on Route 9.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].rule.as_str(), f[0].severity),
            ("numeric-update", Severity::Info)
        );
    }

    #[test]
    fn one_disagreement_among_three_sources_is_one_finding_naming_the_odd_one_out() {
        let f = run(&[
            "Six people were injured in the blast at the depot.",
            "Six people were injured in the blast, officials said.",
            "Eight people were injured in the blast at the depot.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].evidence.len(), 3);
        assert!(
            f[0].message
                .ends_with("most sources give Six, s3 gives another value"),
            "{}",
            f[0].message
        );
        let m = f[0]
            .majority
            .as_ref()
            .expect("a majority among three sources");
        assert_eq!(
            (m.value.as_str(), &m.agree[..], &m.differ[..]),
            ("Six", &[0, 1][..], &[2][..])
        );
    }

    #[test]
    fn an_amount_is_tied_to_the_measure_it_is_of() {
        // 130 km/h is 81 mph: not 60 mph.
        let f = run(&[
            "The driver reached a speed of 130 km/h on the ring road.",
            "The driver reached a speed of 60 mph on the ring road.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        // Distances share only their unit: two places, no finding.
        assert!(run(&[
            "The depot is a distance of 30 km from Dellmoor.",
            "The depot is a distance of 50 km from Quillby.",
        ])
        .is_empty());
        assert_eq!(measure_noun("reached a speed of "), Some("speed".into()));
        assert_eq!(measure_noun("a total of"), None);
        assert_eq!(measure_noun("the speed chief of"), None);
        assert_eq!(measure_noun("the speedof"), None);
    }

    #[test]
    fn no_majority_when_no_value_leads_or_only_two_sources_speak() {
        let tie = run(&[
            "Six people were injured in the blast at the depot.",
            "Seven people were injured in the blast, officials said.",
            "Eight people were injured in the blast at the depot.",
        ]);
        assert_eq!(tie.len(), 1, "{tie:?}");
        assert_eq!(tie[0].majority, None);
        assert!(
            !tie[0].message.contains("most sources"),
            "{}",
            tie[0].message
        );
        let two = run(&[
            "Six people were injured in the blast at the depot.",
            "Eight people were injured in the blast at the depot.",
        ]);
        assert_eq!(two.len(), 1, "{two:?}");
        assert_eq!(two[0].majority, None);
    }

    #[test]
    fn amounts_in_different_units_are_compared_converted() {
        let f = run(&[
            "The tanker spilled 1,000 gallons of fuel into the bay.",
            "The tanker spilled 3,785 litres of fuel into the bay.",
        ]);
        assert!(f.is_empty(), "{f:?}");
        let f = run(&[
            "The tanker spilled 1,000 gallons of fuel into the bay.",
            "The tanker spilled 1,000 litres of fuel into the bay.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn how_often_is_not_how_many() {
        let f = run(&[
            "Six men were wounded; one woman was shot seven times.",
            "Six men were wounded in the attack.",
        ]);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_users_rule_is_tried_before_the_shipped_ones() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("rules.yaml"),
            "- id: loose-times\n  kind: numeric\n  message: \"{subject}: {values}\"\n  severity: info\n  match: { slots: [time_of_day] }\n  tolerance: { absolute: 30 }\n",
        )
        .expect("rule file");
        let rules = RuleSet::load(&[dir.path().to_path_buf()]).expect("rules load");
        let docs: Vec<Document> = [
            "The fight broke out about 2:13 a.m. at the Quill Lounge.",
            "A fight broke out around 2:15 a.m. at the Quill Lounge.",
        ]
        .iter()
        .enumerate()
        .map(|(k, t)| {
            Document::new(
                &format!("s{k}"),
                "s.txt",
                t.to_string(),
                crate::load::Format::Text,
            )
            .0
        })
        .collect();
        let f = crate::analyze(docs, &rules).findings;
        assert!(f.iter().all(|f| f.kind != FindingKind::Numeric), "{f:?}");
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
