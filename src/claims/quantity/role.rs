//! What a number is in its sentence ([`Role`]): the story's whole count, a part of a
//! breakdown, an addition, or a number from an earlier event. The phrases are in
//! rules/words/roles.yaml and background.yaml.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::comparable;
use super::features::{event_class, event_of, EventClass};
use crate::claims::{Claim, Qualifier};
use crate::segment::Sentence;

pub(crate) static BACKGROUND: LazyLock<Vec<String>> =
    LazyLock::new(|| crate::wordlists::shipped("background.yaml"));

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
fn overlapping(x: EventClass, y: EventClass) -> bool {
    x == y
        || ROLE_WORDS.overlapping.iter().any(|g| {
            let has = |e: EventClass| g.iter().any(|v| event_class(v) == Some(e));
            has(x) && has(y)
        })
}

pub(crate) static ROLE_WORDS: LazyLock<RoleWords> =
    LazyLock::new(|| crate::wordlists::shipped("roles.yaml"));

/// Every phrase `roles` looks for (status, then whole, then background), as one
/// automaton of literals: a single pass over a sentence says which occur, and only
/// those are checked for word boundaries. `None` if it cannot be built: then every
/// phrase is checked.
static ROLE_PHRASES: LazyLock<(Option<AhoCorasick>, usize, usize)> = LazyLock::new(|| {
    let w = &*ROLE_WORDS;
    let ac = AhoCorasick::new(all_role_phrases()).ok();
    (ac, w.status.len(), w.status.len() + w.whole.len())
});

/// The phrases of [`ROLE_PHRASES`], in its order.
fn all_role_phrases() -> impl Iterator<Item = &'static str> {
    let w = &*ROLE_WORDS;
    w.status
        .iter()
        .chain(&w.whole)
        .chain(BACKGROUND.iter())
        .map(String::as_str)
}

/// Which of [`ROLE_PHRASES`] occur in `lower`, by index (each anywhere, case as
/// written): every occurrence of every phrase is reported by the overlapping search.
fn phrase_hits(lower: &str) -> Vec<bool> {
    let (ac, _, _) = &*ROLE_PHRASES;
    let Some(ac) = ac else {
        return vec![true; all_role_phrases().count()];
    };
    let mut hits = vec![false; ac.patterns_len()];
    for m in ac.find_overlapping_iter(lower) {
        hits[m.pattern().as_usize()] = true;
    }
    hits
}

/// Which of `phrases` (the `offset`-th onwards in [`ROLE_PHRASES`]) occur in `lower`
/// as whole words.
fn any_phrase(lower: &str, hits: &[bool], offset: usize, phrases: &[String]) -> bool {
    phrases
        .iter()
        .enumerate()
        .any(|(k, p)| hits.get(offset + k).is_none_or(|&h| h) && has_phrase(lower, p))
}

/// What a number is in its sentence. Only whole counts are compared across sources:
/// a part ("two of the three", one count of a breakdown), an addition ("six more") or
/// a number from an earlier event ("last year, nine people …") is not the story's
/// total and disagrees with it by design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The story's count of what it counts: compared across sources.
    Whole,
    /// A part of a count: "two of the three", one count of a breakdown.
    Part,
    /// An addition to another count: "six more".
    Additional,
    /// A number from an earlier event: "last year, nine people …".
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

/// The lowercased words right before and right after a claim in its document: the
/// 24 characters each side, trimmed (cut from the text, not collected char by char).
#[cfg(test)]
fn neighbours(text: &str, c: &Claim) -> (String, String) {
    let (mut before, mut after) = (String::new(), String::new());
    neighbours_into(text, c, &mut before, &mut after);
    (before, after)
}

/// [`neighbours`] written into two strings kept from claim to claim by the caller
/// (every count of every document comes here: two new strings each were two
/// allocations and two frees per count).
fn neighbours_into(text: &str, c: &Claim, before: &mut String, after: &mut String) {
    let head = &text[..c.span.start];
    let tail = &text[c.span.end..];
    let (from, to) = (last_chars(head, 24), first_chars(tail, 24));
    lower_into(head[from..].trim(), before);
    lower_into(tail[..to].trim(), after);
}

/// Where the last `n` characters of `s` start (0 if it has fewer). Where the last `n`
/// bytes are ASCII they are the characters, with no walk back character by character
/// (most text is ASCII).
fn last_chars(s: &str, n: usize) -> usize {
    let from = s.len().saturating_sub(n);
    if s.as_bytes()[from..].is_ascii() {
        return from;
    }
    s.char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(k, _)| k)
}

/// Where the first `n` characters of `s` end (its length if it has no more). Where
/// the first `n + 1` bytes (or all, if fewer) are ASCII, the answer is read off them.
fn first_chars(s: &str, n: usize) -> usize {
    if s.as_bytes()[..s.len().min(n + 1)].is_ascii() {
        return s.len().min(n);
    }
    s.char_indices().nth(n).map_or(s.len(), |(k, _)| k)
}

/// `out` made the lower case of `s` (`str::to_lowercase`): ASCII text lower-cased in
/// place, any other through `to_lowercase` (a final sigma lowers by its context).
fn lower_into(s: &str, out: &mut String) {
    out.clear();
    if s.is_ascii() {
        out.push_str(s);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

fn first_word(s: &str) -> &str {
    s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// Does a count carry a status of its own ("three remain in critical condition")?
fn own_status(c: &Claim) -> bool {
    c.fact
        .key
        .as_deref()
        .is_some_and(crate::claims::fact::is_specific_status)
}

/// The role of every claim of one document (`text`, cut into `sentences`); only
/// comparable ones are looked at, the rest are left [`Role::Whole`].
pub(super) fn roles(claims: &[Claim], text: &str, sentences: &[Sentence]) -> Vec<Role> {
    let mut roles = vec![Role::Whole; claims.len()];
    // Breakdowns: two or more counts of the same unit and event in one sentence.
    let mut by_sentence: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    // The phrases of the sentence read last: the claims come sentence by sentence,
    // and a sentence with several counts is read once.
    let mut read: Option<(usize, SentencePhrases)> = None;
    // The words around the count read last, in strings kept from count to count.
    let mut around = (String::new(), String::new());
    for (i, c) in claims.iter().enumerate() {
        if !comparable(c) {
            continue;
        }
        let phrases = match &read {
            Some((s, p)) if *s == c.sentence => *p,
            _ => {
                let p = sentence_phrases(sentences[c.sentence].span.of(text));
                read = Some((c.sentence, p));
                p
            }
        };
        roles[i] = own_role(c, text, phrases, &mut around);
        by_sentence.entry(c.sentence).or_default().push(i);
    }
    for members in by_sentence.values().filter(|m| m.len() >= 2) {
        breakdown(claims, members, text, &mut roles);
    }
    roles
}

/// Which kinds of [`ROLE_PHRASES`] a sentence holds as whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SentencePhrases {
    status: bool,
    whole: bool,
    background: bool,
}

/// The phrases of one sentence (`sentence` as written), read once for all its counts.
fn sentence_phrases(sentence: &str) -> SentencePhrases {
    if sentence.is_ascii() {
        if let Some(p) = sentence_phrases_ascii(sentence) {
            return p;
        }
    }
    sentence_phrases_lowered(sentence)
}

/// [`ROLE_PHRASES`] with ASCII case ignored, for an ASCII sentence as written; `None`
/// unless every phrase is lower case and not empty, and can overlap another
/// occurrence of itself only right after a letter or digit of its own ("last fall" in
/// "last fallast fall"). Then a phrase occurs in the lower case of an ASCII text
/// exactly where it occurs in the text, case ignored; and an occurrence that the
/// search of [`has_phrase`] passes by (one that starts inside an earlier one) never
/// stands as whole words, so whether one occurrence the overlapping search reports
/// stands as whole words is what [`has_phrase`] says (tested).
static ROLE_PHRASES_ANY_CASE: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let overlaps_inside_words = |p: &str| {
        (1..p.len())
            .filter(|&k| p.is_char_boundary(k) && p.ends_with(&p[..k]))
            .all(|k| {
                p[..p.len() - k]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            })
    };
    let plain = |p: &str| {
        !p.is_empty() && !p.bytes().any(|b| b.is_ascii_uppercase()) && overlaps_inside_words(p)
    };
    if !all_role_phrases().all(plain) {
        return None;
    }
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(all_role_phrases())
        .ok()
});

/// [`sentence_phrases`] of an ASCII sentence, read in one pass over the sentence as
/// written, with no lower-cased copy: each occurrence of a phrase that stands as whole
/// words marks its kind (every sentence with a count comes here).
fn sentence_phrases_ascii(sentence: &str) -> Option<SentencePhrases> {
    let ac = ROLE_PHRASES_ANY_CASE.as_ref()?;
    let (_, whole_at, background_at) = *ROLE_PHRASES;
    let mut out = SentencePhrases {
        status: false,
        whole: false,
        background: false,
    };
    // Most sentences hold no phrase: one search with the automaton's prefilter says
    // so. Else no occurrence ends before the first one it finds (the one that ends
    // first), so none starts before `from`, and the walk over every occurrence
    // starts there.
    let Some(first) = ac.find(sentence) else {
        return Some(out);
    };
    let from = first.end().saturating_sub(ac.max_pattern_len());
    let rest = aho_corasick::Input::new(sentence).range(from..);
    for m in ac.find_overlapping_iter(rest) {
        if !crate::claims::fact::whole_words(sentence, m.start(), m.end()) {
            continue;
        }
        let k = m.pattern().as_usize();
        if k < whole_at {
            out.status = true;
        } else if k < background_at {
            out.whole = true;
        } else {
            out.background = true;
        }
    }
    Some(out)
}

/// [`sentence_phrases`] of the lower case of a sentence: the definition, and the way
/// for a sentence that is not ASCII.
fn sentence_phrases_lowered(sentence: &str) -> SentencePhrases {
    let sentence = sentence.to_lowercase();
    let sentence = sentence.as_str();
    let w = &*ROLE_WORDS;
    let (_, whole_at, background_at) = &*ROLE_PHRASES;
    let hits = phrase_hits(sentence);
    SentencePhrases {
        status: any_phrase(sentence, &hits, 0, &w.status),
        whole: any_phrase(sentence, &hits, *whole_at, &w.whole),
        background: any_phrase(sentence, &hits, *background_at, &BACKGROUND),
    }
}

/// A count's role from its own words and its sentence's phrases.
/// `around`: two strings for the words each side of the count, kept by the caller.
fn own_role(
    c: &Claim,
    text: &str,
    phrases: SentencePhrases,
    around: &mut (String, String),
) -> Role {
    neighbours_into(text, c, &mut around.0, &mut around.1);
    let (before, after) = (around.0.as_str(), around.1.as_str());
    let w = &*ROLE_WORDS;
    let word_in = |list: &[String], word: &str| list.iter().any(|x| x == word);
    // A count whose own status is known ("three remain in critical condition") is
    // compared within that status; the status phrases only set apart counts whose
    // status is not their own.
    let status = !own_status(c) && phrases.status && !phrases.whole;
    if phrases.background {
        Role::Background
    } else if word_in(&w.additional_after, first_word(after))
        || word_in(&w.additional_before, last_word(before))
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
    }
}

/// Breakdowns: counts in one sentence (`members`) whose events and units do not differ
/// ("Ten were treated at A and three at B", "11 men and two women") are parts; a count
/// that is the sum of its siblings ("13 people, 11 men and two women") is their total
/// and stays whole.
fn breakdown(claims: &[Claim], members: &[usize], text: &str, roles: &mut [Role]) {
    let value = |i: usize| claims[i].value.low.or(claims[i].value.high).unwrap_or(0.0);
    let events: Vec<Option<EventClass>> = members
        .iter()
        .map(|&i| event_of(&claims[i], text))
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
    for x in 0..n {
        if !total[x]
            && !own_status(&claims[members[x]])
            && (part[x] || (0..n).any(|y| !total[y] && strict(x, y)))
            && roles[members[x]] == Role::Whole
        {
            roles[members[x]] = Role::Part;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`neighbours`] as first written, the characters collected one by one: the
    /// definition the cut keeps.
    fn neighbours_by_definition(text: &str, c: &Claim) -> (String, String) {
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

    #[test]
    fn the_phrases_a_sentence_holds_are_those_a_regex_set_finds() {
        // The definition: one escaped literal per phrase in a `RegexSet`.
        let all: Vec<String> = all_role_phrases().map(regex::escape).collect();
        let set = regex::RegexSet::new(&all).unwrap();
        let mut sentences: Vec<String> = all_role_phrases()
            .map(|p| format!("by then {p}, and {p}s of it"))
            .collect();
        sentences.push(all_role_phrases().collect::<Vec<_>>().join(""));
        sentences.extend(
            [
                "",
                "nothing here",
                "last year, nine people",
                "zoë’s İlker more than",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for t in &sentences {
            let want: Vec<bool> = (0..all.len()).map(|k| set.matches(t).matched(k)).collect();
            found += want.iter().filter(|&&h| h).count();
            assert_eq!(phrase_hits(t), want, "{t}");
        }
        assert!(found > all.len(), "{found}");
    }

    #[test]
    fn the_phrases_of_an_ascii_sentence_are_those_of_its_lower_case() {
        assert!(ROLE_PHRASES_ANY_CASE.is_some());
        let mut sentences: Vec<String> = Vec::new();
        for p in all_role_phrases() {
            let up = p.to_uppercase();
            sentences.push(format!("By then {up}, and {p}s of it"));
            sentences.push(format!("x{p} {p}x {p}-{up}.{p}"));
            sentences.push(format!("{p}{p} {}", &p[..p.len() / 2]));
            // Two occurrences overlapping wherever the phrase's end is its start.
            for k in (1..p.len()).filter(|&k| p.ends_with(&p[..k])) {
                sentences.push(format!("{p}{} and {}", &p[k..], p.to_uppercase()));
                sentences.push(format!("so {}{} then", &p[..p.len() - k], p));
            }
            sentences.push(up);
        }
        sentences.push(all_role_phrases().collect::<Vec<_>>().join(" "));
        sentences.extend(
            [
                "",
                "Nothing here",
                "LAST YEAR, Nine people were in Critical Condition, ALL of them",
                "Three remain in stable condition at the scene, still.",
            ]
            .map(String::from),
        );
        let mut kinds = [0; 3];
        for t in &sentences {
            let want = sentence_phrases_lowered(t);
            assert_eq!(sentence_phrases(t), want, "{t}");
            kinds[0] += usize::from(want.status);
            kinds[1] += usize::from(want.whole);
            kinds[2] += usize::from(want.background);
        }
        assert!(kinds.iter().all(|&k| k > 3), "{kinds:?}");
    }

    #[test]
    fn the_first_and_last_characters_are_found_as_by_a_walk() {
        let texts = [
            "",
            "a",
            "plain ascii words here",
            "Zoë’s ΣΟΦΊΑ",
            "é",
            "ab\u{10348}cd",
        ];
        for t in texts {
            for k in (0..=t.len()).filter(|&k| t.is_char_boundary(k)) {
                for s in [&t[..k], &t[k..]] {
                    for n in 0..=8 {
                        let chars: Vec<usize> = s.char_indices().map(|(k, _)| k).collect();
                        let first = chars.get(n).copied().unwrap_or(s.len());
                        let last = chars
                            .len()
                            .checked_sub(n)
                            .map_or(0, |k| chars.get(k).copied().unwrap_or(s.len()));
                        assert_eq!(first_chars(s, n), first, "{s:?} {n}");
                        assert_eq!(last_chars(s, n), last, "{s:?} {n}");
                    }
                }
            }
        }
    }

    #[test]
    fn neighbours_are_the_24_characters_each_side() {
        let (d, _) = crate::load::Document::new(
            "a",
            "a.txt",
            "Zoë Roe said 12 people, İlker’s 5 ΣΟΦΊΑ were hurt; 3 more, and then 40 of \
             the 700 evacuated residents returned. 9"
                .to_string(),
            crate::load::Format::Text,
        );
        let sents = crate::segment::sentences(&d.text);
        let docs = vec![d];
        let claims = crate::claims::extract_all(&docs, &[sents], &[], &[]);
        assert!(claims.len() >= 5, "{}", claims.len());
        let text = &docs[0].text;
        for c in &claims {
            assert_eq!(neighbours(text, c), neighbours_by_definition(text, c));
            // Also at every cut of the text that falls on a character.
            let mut moved = c.clone();
            for k in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
                moved.span = crate::span::Span::new(k, k);
                assert_eq!(
                    neighbours(text, &moved),
                    neighbours_by_definition(text, &moved)
                );
            }
        }
    }
}
