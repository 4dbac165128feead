//! Attributes: facts a source attaches to a named person or to the story's event.
//!
//! Of a person: the title or role (before the name, "Acting Chief X"; in an appositive,
//! "X, the agency's special agent in charge"; in a relative clause, "X, who is the …";
//! in a copular sentence, "X is a booking agent"), the occupation, the organisation they
//! work for, their age, where they are from or live ("X, 57, of Iowa", "X … flew in
//! from Upper Falls, Neb.") and their legal status ("X has been charged with …").
//! Of the event: what kind of event it was, where it began, whether anyone was charged
//! or arrested ("no charges have been filed"). Each attribute keeps its span, its
//! sentence and who the sentence attributes it to.

pub mod events;
mod lead;
pub mod places;
pub mod roles;
mod text;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::claims::attribution::{self, Answers};
use crate::load::Document;
use crate::mentions::{EntityKind, Mention};
use crate::resolve::Entity;
use crate::rules::{CustomSlot, SlotOwner};
use crate::segment::Sentence;
use crate::span::Span;
use crate::vocab::AttributeKind;
use roles::RoleClass;

/// One fact a source states about a person or the event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute {
    /// Index of the document in the run.
    pub doc: usize,
    /// Index of the sentence within the document.
    pub sentence: usize,
    /// Index of the person mention it is said of; `None` for the story's event.
    pub mention: Option<usize>,
    /// Which slot the value fills.
    pub kind: AttributeKind,
    /// The value as written (an organisation name, a title, an age, a place).
    pub value: String,
    /// What is compared: the role's name with its qualifiers ("acting chief"), the state
    /// of a place, a status ("charged" / "not charged"), the kind of an event.
    pub key: String,
    /// A role the person had ("former"), never compared with a current one.
    pub past: bool,
    /// Where the value stands in the analysis text.
    pub span: Span,
    /// The entity the sentence attributes its statement to ("…, police said").
    pub attributed_to: Option<usize>,
    /// The name of the rule-defined slot the value fills, when `kind` is `custom`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom: Option<String>,
}

/// Words that may stand inside an organisation name between capitalised words.
/// Grammar, not vocabulary (function words). Wider than `connectors` in `rules/words/particles.yaml`
/// ("du", "des"): joining those in mention detection would change which names are found.
const ORG_CONNECTORS: &[&str] = &["of", "for", "the", "on", "and", "de", "du", "des", "&"];
/// Prepositions that tie a role to an organisation in an appositive (grammar, not vocabulary).
const ROLE_PREPOSITIONS: &[&str] = &["at", "of", "with", "for", "from", "in"];
/// Longest appositive read after a name, in bytes.
const MAX_APPOSITIVE: usize = 240;

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Words of `s` with their byte offsets.
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '&');
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Capitalised runs (with inner connectors) in an appositive: the organisations.
fn organisations(app: &str, base: usize) -> Vec<(String, Span)> {
    let ws = words(app);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if !is_cap(ws[i].1) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last = i;
        while j < ws.len() {
            let gap = &app[ws[j - 1].0 + ws[j - 1].1.len()..ws[j].0];
            // Punctuation between words, or a possessive, ends the name.
            if gap.trim() != "" || ws[j - 1].1.ends_with("'s") {
                break;
            }
            if is_cap(ws[j].1) {
                last = j;
            } else if !ORG_CONNECTORS.contains(&ws[j].1) {
                break;
            }
            j += 1;
        }
        let start = ws[i].0;
        let mut end = ws[last].0 + ws[last].1.len();
        let mut name = &app[start..end];
        for suffix in ["'s", "."] {
            if let Some(n) = name.strip_suffix(suffix) {
                name = n;
                end -= suffix.len();
            }
        }
        // A lone capitalised word is too weak to be an organisation.
        if last > i {
            out.push((name.to_string(), Span::new(base + start, base + end)));
        }
        i = last + 1;
    }
    out
}

/// The appositive after a name: ", a fellow at the Center for X at the University of Y"
/// up to the next clause end.
fn appositive(text: &str, after: usize, sentence_end: usize) -> Option<(usize, &str)> {
    let rest = text.get(after..sentence_end)?;
    let rest = rest.strip_prefix("'s").unwrap_or(rest);
    let body = rest.strip_prefix(", ")?;
    let start = after + (rest.len() - body.len());
    let mut end = body.len().min(MAX_APPOSITIVE);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let end = appositive_end(body, end);
    let app = body[..end].trim_end_matches(['.', ' ']);
    Some((start, app))
}

/// What ends an appositive, each looked for before the place where the ones before it
/// in the list were found (a stop that runs past that place is not one).
const APPOSITIVE_STOPS: [&str; 8] = [",", ";", ")", " who ", " said", " told", "\"", ". "];

/// Where the appositive `body[..end]` ends ([`APPOSITIVE_STOPS`]). The stops are ASCII,
/// so a byte search finds them where a search of the text does; the searchers of
/// the longer ones are built once (every person's appositive is read), and a one-byte
/// stop is a byte search.
fn appositive_end(body: &str, mut end: usize) -> usize {
    use memchr::memmem::Finder;
    static FINDERS: std::sync::LazyLock<Vec<Finder<'static>>> = std::sync::LazyLock::new(|| {
        APPOSITIVE_STOPS
            .iter()
            .map(|s| Finder::new(s.as_bytes()).into_owned())
            .collect()
    });
    for (stop, finder) in APPOSITIVE_STOPS.iter().zip(FINDERS.iter()) {
        let hay = &body.as_bytes()[..end];
        let found = match stop.as_bytes() {
            &[c] => memchr::memchr(c, hay),
            _ => finder.find(hay),
        };
        if let Some(k) = found {
            end = k;
        }
    }
    end
}

/// A mention with its index, its entity and the entity's kind.
pub type Named<'a> = (usize, &'a Mention, Option<usize>, EntityKind);

/// Which slots [`extract_all`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slots {
    /// Every slot.
    All,
    /// Only the slots whose values are set against the same source's
    /// ([`crate::compare::attribute::compared_within_one_source`]: an event's place, a
    /// legal status): for a story of one source of which only the findings are kept
    /// ([`crate::Keep::Findings`]), where no other slot gives a finding. Its people's
    /// titles, ages and homes, the event's kind and day and the rules' slots are not
    /// read (most of the work: every person's words are).
    WithinOneSource,
}

/// Every attribute of every document, in document and text order, of the slots
/// `slots` says. `said`: whom the claims found some sentences attribute their
/// statements to ([`crate::claims::extract_all_said`]; any of them may be missing).
pub fn extract_all(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    custom: &[&CustomSlot],
    said: &Answers,
    slots: Slots,
) -> Vec<Attribute> {
    use rayon::prelude::*;
    let entity_of = crate::resolve::entity_of(entities, mentions.len());
    let mut by_doc: Vec<Vec<Named>> = vec![Vec::new(); docs.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let Some(slot) = by_doc.get_mut(m.doc) {
            // A lone surname may be detected as "other" and resolved to a person.
            let kind = entity_of[i].map_or(m.kind, |e| entities[e].kind);
            slot.push((i, m, entity_of[i], kind));
        }
    }
    // A rule's slot is compared across sources only.
    let custom = if slots == Slots::All { custom } else { &[] };
    let leads: Vec<lead::Lead> = custom.iter().map(|s| lead::lead_of(s)).collect();
    let per_doc: Vec<Vec<Attribute>> = docs
        .par_iter()
        .zip(by_doc.par_iter())
        .enumerate()
        .map(|(d, (doc, ms))| {
            // Read once for both readers of the document.
            let mut people = DocPeople::new(&doc.text, &sentences[d], ms);
            people.said = said.get(d).map_or(&[], Vec::as_slice);
            let mut found =
                extract_doc_with(d, &doc.text, doc.published, &sentences[d], &people, slots);
            if !custom.is_empty() {
                let slots = (custom, leads.as_slice());
                found.extend(custom_with(d, &doc.text, &sentences[d], &people, slots));
                // Stable: the built-in slots keep their order within a sentence.
                found.sort_by_key(|a| a.sentence);
            }
            found
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// The attributes of one document. `ms`: its mentions with their index and entity.
/// `date`: the source's own date, which resolves a weekday to a day.
pub fn extract_doc(
    d: usize,
    text: &str,
    date: Option<crate::load::Date>,
    sentences: &[Sentence],
    ms: &[Named],
) -> Vec<Attribute> {
    let people = DocPeople::new(text, sentences, ms);
    extract_doc_with(d, text, date, sentences, &people, Slots::All)
}

/// What both readers of a document ([`extract_doc`], [`custom_in_doc`]) read of its
/// people, made once: its mentions by sentence, the surnames two of its people share,
/// and each sentence's quotations (made when first asked for).
struct DocPeople<'a> {
    by_sentence: Vec<Vec<Named<'a>>>,
    shared: BTreeSet<&'a str>,
    quoted: Vec<std::cell::OnceCell<Vec<Span>>>,
    text: &'a str,
    spans: Vec<Span>,
    /// Whom the claims found some of its sentences attribute their statements to
    /// ([`Answers`]).
    said: &'a [(usize, Option<usize>)],
}

impl<'a> DocPeople<'a> {
    fn new(text: &'a str, sentences: &[Sentence], ms: &[Named<'a>]) -> DocPeople<'a> {
        let mut by_sentence: Vec<Vec<Named>> = vec![Vec::new(); sentences.len()];
        for &n in ms {
            if let Some(slot) = by_sentence.get_mut(n.1.sentence) {
                slot.push(n);
            }
        }
        DocPeople {
            by_sentence,
            shared: shared_surnames(ms),
            quoted: vec![std::cell::OnceCell::new(); sentences.len()],
            text,
            spans: sentences.iter().map(|s| s.span).collect(),
            said: &[],
        }
    }

    /// The entity sentence `s` attributes its statements to ("…, police said"), from
    /// the people and bodies named in it: the claims' answer when they read the
    /// sentence and its names' kinds alike (they read each mention's own kind, the
    /// attributes its entity's), else read here.
    fn said_by(&self, s: usize, sentence: Span) -> Option<usize> {
        let here = &self.by_sentence[s];
        let alike = || {
            here.iter()
                .all(|&(_, m, e, k)| e.is_none() || attribution::read_alike(m.kind, k))
        };
        match attribution::answered(self.said, s) {
            Some(answer) if alike() => answer,
            _ => said_by(self.text, sentence, here),
        }
    }

    /// The quotations of sentence `s` ([`quoted_speech`]).
    fn quoted(&self, s: usize) -> &[Span] {
        self.quoted[s].get_or_init(|| quoted_speech(self.text, self.spans[s]))
    }
}

/// [`extract_doc`] given the document's [`DocPeople`], of the slots `slots` says.
fn extract_doc_with(
    d: usize,
    text: &str,
    date: Option<crate::load::Date>,
    sentences: &[Sentence],
    people: &DocPeople,
    slots: Slots,
) -> Vec<Attribute> {
    let all = slots == Slots::All;
    let shared = &people.shared;
    let mut out = Vec::new();
    // One word buffer for the document, lent to each sentence that reads its words.
    let spare = std::cell::Cell::new(Vec::new());
    for (s, sentence) in sentences.iter().enumerate() {
        let here = &people.by_sentence[s];
        // Who the sentence attributes its statements to is read below, only when the
        // sentence says something (most sentences give no attribute).
        let first = out.len();
        let mut push = |mention: Option<usize>, kind, span: Span, key: String, past: bool| {
            out.push(Attribute {
                doc: d,
                sentence: s,
                mention,
                kind,
                value: span.of(text).to_string(),
                key,
                past,
                span,
                attributed_to: None,
                custom: None,
            });
        };
        // The sentence's words, read once for the readers below, when one needs them
        // (most sentences name no person and no event).
        let stext = sentence.span.of(text);
        let base = sentence.span.start;
        let words = std::cell::OnceCell::new();
        let ws = || {
            words
                .get_or_init(|| {
                    let mut buf = spare.take();
                    text::words_into(stext, base, &mut buf);
                    buf
                })
                .as_slice()
        };
        // A person's slots are compared across sources only.
        for &(i, m, _, k) in here.iter().filter(|_| all) {
            if k != EntityKind::Person || shared.contains(m.text.as_str()) {
                continue;
            }
            // What a person says inside a quotation is not the reporter's statement
            // (the quotations are read for the sentence's first person only).
            if people.quoted(s).iter().any(|q| q.contains(m.span)) {
                continue;
            }
            for (kind, span, key, past) in of_person(text, sentence.span, m, ws()) {
                push(Some(i), kind, span, key, past);
            }
        }
        // Which words of the event readers' prefilters the sentence may hold: one pass.
        let hints = events::EVENTS.hints(stext);
        if all && events::EVENTS.may_name_kind(stext, &hints) {
            for (span, key) in events::event_kinds_in(ws()) {
                push(None, AttributeKind::EventKind, span, key, false);
            }
        }
        for (span, key) in events::onsets_hinted(stext, base, &hints) {
            push(None, AttributeKind::EventPlace, span, key, false);
        }
        let days = if all {
            events::event_days_hinted(stext, base, &hints)
        } else {
            Vec::new()
        };
        for (span, event, day) in days {
            let key = format!("{event}|{}", day.key(date));
            push(None, AttributeKind::EventDay, span, key, false);
        }
        for (span, status, affirmed, subject) in legal(stext, base, ws, here, &hints) {
            let key = if affirmed {
                status.to_string()
            } else {
                format!("not {status}")
            };
            push(subject, AttributeKind::Legal, span, key, false);
        }
        if let Some(buf) = words.into_inner() {
            spare.set(buf);
        }
        if out.len() > first {
            let said_by = people.said_by(s, sentence.span);
            for a in &mut out[first..] {
                a.attributed_to = said_by;
            }
        }
    }
    out
}

/// The entity a sentence attributes its statements to ("…, police said"), from the
/// people and bodies named in it.
fn said_by(text: &str, sentence: Span, here: &[Named]) -> Option<usize> {
    let spans: Vec<(Span, usize, EntityKind)> = here
        .iter()
        .filter_map(|&(_, m, e, k)| e.map(|e| (m.span, e, k)))
        .collect();
    attribution::in_sentence(text, sentence, &spans)
}

/// The values of rule-defined slots in one document. A slot of the event is matched on
/// each sentence. A slot of a person is matched on the words after each person's name
/// (so `^` in its pattern stands right after the name: `^, an? {words}` reads an
/// appositive), a value belonging to the closest person named before it, and never after a surname
/// two people share or a name inside a quotation (a speaker's words are not the
/// reporter's statement about the person).
pub fn custom_in_doc(
    d: usize,
    text: &str,
    sentences: &[Sentence],
    ms: &[Named],
    slots: &[&CustomSlot],
) -> Vec<Attribute> {
    let people = DocPeople::new(text, sentences, ms);
    let leads: Vec<lead::Lead> = slots.iter().map(|s| lead::lead_of(s)).collect();
    custom_with(d, text, sentences, &people, (slots, &leads))
}

/// [`custom_in_doc`] given the document's [`DocPeople`] and the slots with their
/// leads ([`lead::lead_of`]).
fn custom_with(
    d: usize,
    text: &str,
    sentences: &[Sentence],
    people: &DocPeople,
    (slots, leads): (&[&CustomSlot], &[lead::Lead]),
) -> Vec<Attribute> {
    let shared = &people.shared;
    let mut out = Vec::new();
    for (s, sentence) in sentences.iter().enumerate() {
        let here = &people.by_sentence[s];
        let mut found: Vec<(Option<usize>, Span, &str, &str)> = Vec::new();
        // The people's windows, less those that cannot own a value: read once per
        // sentence, whatever the number of person slots.
        let windows: Vec<(usize, Span)> = if here.is_empty() {
            Vec::new()
        } else {
            after_each_person(text, sentence.span, here)
                .into_iter()
                .filter(|&(i, _)| {
                    !shared.contains(here[i].1.text.as_str())
                        && !people.quoted(s).iter().any(|q| q.contains(here[i].1.span))
                })
                .collect()
        };
        // Where the windows lie: a match in one lies there.
        let reach = windows
            .iter()
            .map(|&(_, w)| w)
            .reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)));
        for (slot, lead) in slots.iter().zip(leads) {
            match slot.of {
                SlotOwner::Event => {
                    if !lead::may_match(lead, sentence.span.of(text)) {
                        continue;
                    }
                    for (a, b, key) in lead::matches(slot, lead, sentence.span.of(text)) {
                        let span = Span::new(sentence.span.start + a, sentence.span.start + b);
                        found.push((None, span, key, &slot.name));
                    }
                }
                SlotOwner::Person => {
                    if !reach.is_some_and(|r| lead::may_match(lead, r.of(text))) {
                        continue;
                    }
                    for &(i, window) in &windows {
                        for (a, b, key) in lead::matches(slot, lead, window.of(text)) {
                            let span = Span::new(window.start + a, window.start + b);
                            if !person_between(here, window.start, span.start) {
                                found.push((Some(here[i].0), span, key, &slot.name));
                            }
                        }
                    }
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let said_by = people.said_by(s, sentence.span);
        for (mention, span, key, name) in found {
            out.push(Attribute {
                doc: d,
                sentence: s,
                mention,
                kind: AttributeKind::Custom,
                value: span.of(text).to_string(),
                key: key.to_string(),
                past: false,
                span,
                attributed_to: said_by,
                custom: Some(name.to_string()),
            });
        }
    }
    out
}

/// For each person named in a sentence (index into `here`), the stretch from the end of
/// the name to the end of the next person's name (or of the sentence). It runs past the
/// start of the next name because mention detection may take the value itself for a
/// name ("X, a Republican"), and stops at its end so that the work stays linear in the
/// sentence however many people it names.
fn after_each_person(text: &str, sentence: Span, here: &[Named]) -> Vec<(usize, Span)> {
    let end = sentence.end.min(text.len());
    let mut people: Vec<usize> = (0..here.len())
        .filter(|&i| here[i].3 == EntityKind::Person && here[i].1.span.end <= end)
        .collect();
    people.sort_by_key(|&i| here[i].1.span);
    people
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let from = here[i].1.span.end;
            let to = people
                .get(k + 1)
                .map_or(end, |&next| here[next].1.span.end.max(from));
            (i, Span::new(from, to))
        })
        .collect()
}

/// Whether another person is named wholly between `from` and `to`: a value after that
/// name is theirs, not the earlier person's. A name overlapping the value itself does not
/// count (mention detection may take "Republican" in "X, a Republican" for a name).
fn person_between(here: &[Named], from: usize, to: usize) -> bool {
    here.iter()
        .any(|&(_, m, _, k)| k == EntityKind::Person && m.span.start >= from && m.span.end <= to)
}

/// Single-word names (surnames) that two different full names of the document end
/// with: such a mention could be either person, so nothing is read next to it.
fn shared_surnames<'a>(ms: &[Named<'a>]) -> BTreeSet<&'a str> {
    let mut full: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for &(_, m, _, k) in ms {
        if k != EntityKind::Person {
            continue;
        }
        if let Some((_, last)) = m.text.rsplit_once(' ') {
            full.entry(last).or_default().insert(m.text.as_str());
        }
    }
    full.into_iter()
        .filter(|(_, names)| names.len() > 1)
        .map(|(last, _)| last)
        .collect()
}

/// Stretches of a sentence inside double quotes that hold several words: speech.
fn quoted_speech(text: &str, sentence: Span) -> Vec<Span> {
    let s = sentence.of(text);
    let marks: Vec<usize> = s.match_indices('"').map(|(i, _)| i).collect();
    marks
        .chunks(2)
        .filter_map(|p| match p {
            [a, b] if s[*a..*b].split_whitespace().count() > 3 => {
                Some(Span::new(sentence.start + a, sentence.start + b))
            }
            // An unclosed quote runs to the end of the sentence.
            [a] if s[*a..].split_whitespace().count() > 3 => {
                Some(Span::new(sentence.start + a, sentence.end))
            }
            _ => None,
        })
        .collect()
}

type Read = (AttributeKind, Span, String, bool);

/// The attributes written next to one person mention. `ws`: the sentence's words.
fn of_person<'a>(text: &'a str, sentence: Span, m: &Mention, ws: &[text::Word<'a>]) -> Vec<Read> {
    let mut out = Vec::new();
    let end = sentence.end.max(m.span.end).min(text.len());
    if let Some(r) = title_before(text, sentence, m.span.start, ws) {
        out.push(r);
    }
    let rest = &text[m.span.end..end];
    out.extend(possessive_occupation(rest, m.span.end));
    if let Some((start, app)) = appositive(text, m.span.end, end) {
        out.extend(in_appositive(start, app));
    }
    out.extend(relative_or_copular(rest, m.span.end));
    // The words after the name are the sentence's, unless the name ends inside a word
    // or past the sentence.
    let read;
    let after = match text::words_from(ws, sentence.of(text), sentence.start, m.span.end) {
        Some(tail) if end == sentence.end => tail,
        _ => {
            read = text::words(rest, m.span.end);
            &read[..]
        }
    };
    out.extend(residence(after));
    // "a 23-year-old X"
    let before = &text[..m.span.start];
    if let Some(head) = before.strip_suffix("-year-old ") {
        let digits = head
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if (1..=3).contains(&digits) {
            let off = head.len() - digits;
            let span = Span::new(off, head.len());
            out.push((AttributeKind::Age, span, span.of(text).to_string(), false));
        }
    }
    out
}

fn role_read(ws: &[text::Word], r: &roles::RoleRead) -> Read {
    let kind = match r.class {
        RoleClass::Title => AttributeKind::Title,
        RoleClass::Occupation => AttributeKind::Occupation,
    };
    let span = Span::new(ws[r.words.0].start, ws[r.words.1 - 1].end);
    (kind, span, r.key.clone(), r.past)
}

/// The title run right before a name ("Acting Zembla Police Chief Ann Roe"): role
/// words, qualifiers, acronyms and capitalised organisation words, with nothing but
/// spaces between them and the name. `sentence_ws`: the sentence's words (the words
/// before the name are those, unless the name starts inside a word).
fn title_before<'a>(
    text: &'a str,
    sentence: Span,
    name_start: usize,
    sentence_ws: &[text::Word<'a>],
) -> Option<Read> {
    let s = sentence.start.min(name_start);
    let stext = sentence.of(text);
    let read;
    let ws = match text::words_before(sentence_ws, stext, sentence.start, name_start) {
        Some(ws) if s == sentence.start => ws,
        _ => {
            read = text::words(&text[s..name_start], s);
            &read[..]
        }
    };
    let last = ws.last()?;
    if !text[last.end..name_start].chars().all(char::is_whitespace) {
        return None;
    }
    let vocab = &*roles::ROLES;
    let mut first = ws.len();
    while first > 0 {
        let w = &ws[first - 1];
        // The cheap test first (both are pure): most words of a run are capitalised.
        let ok = (w.is_cap() && !w.text.ends_with("'s") && first < ws.len()) || vocab.is_title(w);
        if !ok || (first < ws.len() && !ws[first].gap_ok) || ws.len() - first >= 6 {
            break;
        }
        first -= 1;
    }
    // The role is the last one of the run ("Zembla Police Chief"): read from each start.
    let run = &ws[first..];
    (0..run.len()).find_map(|i| {
        let (r, next) = roles::read_head(run, i)?;
        (next == run.len()).then(|| role_read(run, &r))
    })
}

/// "X's occupation as "manager"", "X's job is teacher".
fn possessive_occupation(rest: &str, base: usize) -> Vec<Read> {
    let Some(body) = rest.strip_prefix("'s ") else {
        return Vec::new();
    };
    let ws = text::words(body, base + 3);
    let lead: Vec<&str> = ws.iter().take(2).map(text::Word::folded).collect();
    if !matches!(
        lead.first(),
        Some(&("occupation" | "job" | "profession" | "trade"))
    ) || !matches!(lead.get(1), Some(&("as" | "is" | "was")))
    {
        return Vec::new();
    }
    let tail = &ws[2..];
    roles::read_list(tail)
        .iter()
        .map(|r| role_read(tail, r))
        .collect()
}

/// Roles and organisations in an appositive ("X, FBI special agent in charge of …").
fn in_appositive(start: usize, app: &str) -> Vec<Read> {
    let mut out = Vec::new();
    let t = app.trim();
    // Age: "X, 23," — the whole appositive is a small number.
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        let off = start + app.find(t).unwrap_or(0);
        let span = Span::new(off, off + t.len());
        out.push((AttributeKind::Age, span, t.to_string(), false));
        return out;
    }
    let ws = text::words(app, start);
    for r in roles::read_list(&ws) {
        // "X, former Minister Ann Roe": a title followed by a name is the next person's.
        if ws.get(r.words.1).is_some_and(|w| w.is_cap() && w.gap_ok) {
            break;
        }
        out.push(role_read(&ws, &r));
    }
    let role_then_org = ws
        .iter()
        .take(8)
        .any(|w| ROLE_PREPOSITIONS.contains(&w.text));
    let starts_like_role = ws
        .first()
        .is_some_and(|w| matches!(w.text, "a" | "an" | "the") || !w.is_cap());
    if role_then_org && starts_like_role {
        for (org, span) in organisations(app, start) {
            out.push((AttributeKind::Affiliation, span, org, false));
        }
    }
    out
}

/// ", who is the …", ", who serves as …", " is a …" / " was a …" right after the name.
fn relative_or_copular(rest: &str, base: usize) -> Vec<Read> {
    // Grammar, not vocabulary: the relative and copular patterns read.
    const LEADS: &[&str] = &[
        ", who is ",
        ", who was ",
        ", who serves as ",
        ", who served as ",
        ", who works as ",
        ", who worked as ",
        " is ",
        " was ",
        " works as ",
        " serves as ",
    ];
    let Some(lead) = LEADS.iter().find(|l| rest.starts_with(**l)) else {
        return Vec::new();
    };
    let body = &rest[lead.len()..];
    // Only a noun phrase: "is a …", "was the …", "works as a …"; never "is expected".
    let np_start =
        ["a ", "an ", "the "].iter().any(|d| body.starts_with(d)) || lead.contains(" as ");
    if !np_start {
        return Vec::new();
    }
    let clause_end = body.find([',', ';', '.', '"', '(']).unwrap_or(body.len());
    let ws = text::words(&body[..clause_end], base + lead.len());
    roles::read_list(&ws)
        .iter()
        .map(|r| role_read(&ws, r))
        .collect()
}

/// Verbs of travel after which "from" names where a person came from.
pub(crate) static MOTION: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| crate::wordlists::shipped("motion_verbs.yaml"));

/// [`MOTION`]'s sieve: most words after a name are no verb of travel, and are told so
/// without folding them.
static MOTION_SIEVE: std::sync::LazyLock<text::FoldSieve> =
    std::sync::LazyLock::new(|| text::FoldSieve::new(MOTION.iter().map(String::as_str)));

/// Whether a word folds to a verb of travel.
fn is_motion(w: &text::Word) -> bool {
    w.may_fold_into(&MOTION_SIEVE) && MOTION.iter().any(|m| m == w.folded())
}

/// Where a person is from or lives: "X of Upper Falls, Neb.", "X, 57, of Iowa",
/// "X, a Zembla resident", "X, who lives in …", "X and his wife flew in from …".
/// `ws`: the words after the name; the first one's `gap_ok` is not read (it depends on
/// where the words were read from).
fn residence(ws: &[text::Word]) -> Vec<Read> {
    let mut i = 0;
    // Skip an age appositive: ", 57,".
    if ws
        .first()
        .is_some_and(|w| w.text.chars().all(|c| c.is_ascii_digit()))
    {
        i = 1;
    }
    let at = |k: usize| ws.get(k).map(text::Word::folded);
    let place = |k: usize| -> Option<Read> {
        let ((a, b), region) = places::place_at(ws, k)?;
        let span = Span::new(ws[a].start, ws[b - 1].end);
        Some((AttributeKind::Residence, span, region.name.clone(), false))
    };
    match (at(i), at(i + 1), at(i + 2)) {
        (Some("of" | "from"), _, _) => return place(i + 1).into_iter().collect(),
        (Some("a" | "an"), _, Some("resident" | "native")) => {
            return place(i + 1).into_iter().collect()
        }
        (Some("who"), Some("lives" | "lived" | "resides"), Some("in")) => {
            return place(i + 3).into_iter().collect()
        }
        _ => {}
    }
    // A verb of travel and "from" within the same clause, no verb of saying between.
    // Only a verb of travel gives a place below: the words are not folded nor looked
    // up one by one when none of them is one (most names).
    if !ws.iter().skip(i).take(12).any(is_motion) {
        return Vec::new();
    }
    for (k, word) in ws.iter().enumerate().skip(i).take(12) {
        let w = word.folded();
        if crate::claims::attribution::saying(w) || w.ends_with(';') {
            break;
        }
        if is_motion(word) {
            let mut j = k + 1;
            if matches!(at(j), Some("in" | "here" | "over" | "down" | "up" | "back")) {
                j += 1;
            }
            if at(j) == Some("from") {
                return place(j + 1).into_iter().collect();
            }
            break;
        }
    }
    Vec::new()
}

/// Legal status phrases of a sentence with the person they are said of: the nearest
/// person named before the phrase, or none (the story: "no charges have been filed").
/// A sentence that names a year speaks of the past ("arrested in 2015") and is skipped.
/// `ws`: the sentence's words, read only when a phrase is found (most sentences hold
/// none).
fn legal<'w, 'a: 'w>(
    stext: &str,
    base: usize,
    ws: impl FnOnce() -> &'w [text::Word<'a>],
    here: &[Named],
    hints: &events::Hints,
) -> Vec<(Span, &'static str, bool, Option<usize>)> {
    let statuses = events::statuses_hinted(stext, base, hints);
    if statuses.is_empty() {
        return Vec::new();
    }
    let names_year = ws().iter().any(|w| {
        w.text.len() == 4
            && w.text.chars().all(|c| c.is_ascii_digit())
            && (w.text.starts_with("19") || w.text.starts_with("20"))
    });
    if names_year {
        return Vec::new();
    }
    statuses
        .into_iter()
        .map(|(span, status, affirmed)| {
            let subject = here
                .iter()
                .rev()
                .find(|(_, m, _, k)| *k == EntityKind::Person && m.span.end <= span.start)
                .map(|(i, _, _, _)| *i);
            (span, status, affirmed, subject)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, name: &str, nth: usize) -> Mention {
        let s = text.match_indices(name).nth(nth).unwrap().0;
        Mention {
            doc: 0,
            sentence: 0,
            span: Span::new(s, s + name.len()),
            text: name.to_string(),
            kind: EntityKind::Person,
            title: None,
        }
    }

    /// (kind, value as written, key) of everything read in `text` (one sentence) next
    /// to the names given.
    fn read(text: &str, names: &[&str]) -> Vec<(AttributeKind, String, String)> {
        attributes(text, names)
            .into_iter()
            .map(|a| {
                assert_eq!(a.span.of(text), a.value);
                (a.kind, a.value, a.key)
            })
            .collect()
    }

    /// Everything read in `text` (one sentence) next to the names given, each its own
    /// person entity.
    fn attributes(text: &str, names: &[&str]) -> Vec<Attribute> {
        let ms: Vec<Mention> = names.iter().map(|n| mention(text, n, 0)).collect();
        let with: Vec<Named> = ms
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m, Some(i), m.kind))
            .collect();
        let sentences = [Sentence {
            span: Span::new(0, text.len()),
            label: false,
        }];
        extract_doc(0, text, None, &sentences, &with)
    }

    /// A rule-defined slot compiled from its YAML (`of`, `pattern`, `words`).
    fn slot(of: &str, pattern: &str, words: &str) -> CustomSlot {
        let yaml = format!(
            "- id: s\n  kind: attribute\n  message: m\n  severity: info\n  slot:\n    name: party\n    of: {of}\n    pattern: '{pattern}'\n    words: {words}\n"
        );
        let origin = crate::vocab::Origin::File("s.yaml".into());
        let rules = crate::rules::schema::parse_file(&yaml, &origin).unwrap();
        match &rules[0].body {
            crate::rules::RuleBody::Attribute(a) => a.custom.clone().unwrap(),
            _ => unreachable!("an attribute rule"),
        }
    }

    /// (owner's name or "event", value as written, key) read by `slot` in one sentence.
    fn custom_read(text: &str, names: &[&str], slot: &CustomSlot) -> Vec<(String, String, String)> {
        let at: Vec<(&str, usize)> = names.iter().map(|&n| (n, 0)).collect();
        custom_read_at(text, &at, slot)
    }

    /// [`custom_read`] with each name's occurrence given (the n-th match in `text`).
    fn custom_read_at(
        text: &str,
        names: &[(&str, usize)],
        slot: &CustomSlot,
    ) -> Vec<(String, String, String)> {
        let ms: Vec<Mention> = names.iter().map(|&(n, k)| mention(text, n, k)).collect();
        let with: Vec<Named> = ms
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m, Some(i), m.kind))
            .collect();
        let sentences = [Sentence {
            span: Span::new(0, text.len()),
            label: false,
        }];
        custom_in_doc(0, text, &sentences, &with, &[slot])
            .into_iter()
            .map(|a| {
                assert_eq!(
                    (a.kind, a.custom.as_deref()),
                    (AttributeKind::Custom, Some("party"))
                );
                let owner = a
                    .mention
                    .map_or("event".to_string(), |m| ms[m].text.clone());
                (owner, a.value, a.key)
            })
            .collect()
    }

    fn said(owner: &str, value: &str, key: &str) -> (String, String, String) {
        (owner.to_string(), value.to_string(), key.to_string())
    }

    #[test]
    fn a_person_slot_reads_the_words_after_each_name() {
        let s = slot(
            "person",
            "^, an? {words}\\b",
            "{ reds: [Red Party, Redder], blues: [Blue] }",
        );
        let t = "Ona Vell, a Redder, met Ilo Tarr, a blue, and Pem Suur, who is a Red.";
        assert_eq!(
            custom_read(t, &["Ona Vell", "Ilo Tarr", "Pem Suur"], &s),
            [
                said("Ona Vell", "Redder", "reds"),
                said("Ilo Tarr", "blue", "blues")
            ],
            "`^` stands right after the name, so Pem Suur's copular clause is not read"
        );
    }

    #[test]
    fn a_person_slot_value_belongs_to_the_closest_name_before_it() {
        let s = slot(
            "person",
            "\\bjoined the {words}",
            "{ reds: [Red  Party], blues: [Blue Party] }",
        );
        let t = "Ona Vell said Ilo Tarr joined the Red Party last year.";
        assert_eq!(
            custom_read(t, &["Ona Vell", "Ilo Tarr"], &s),
            [said("Ilo Tarr", "Red Party", "reds")]
        );
    }

    #[test]
    fn a_person_slot_reads_nothing_inside_a_quotation_or_after_a_shared_surname() {
        let s = slot("person", "^, an? {words}\\b", "{ reds: [Red] }");
        let quoted = "She said: \"we know Ona Vell, a Red, very well indeed.\"";
        assert_eq!(custom_read(quoted, &["Ona Vell"], &s), []);
        let shared = "Ona Vell and Ari Vell arrived; Vell, a Red, spoke first.";
        let got = custom_read_at(shared, &[("Ona Vell", 0), ("Ari Vell", 0), ("Vell", 2)], &s);
        assert_eq!(got, [], "Vell could be either person");
    }

    #[test]
    fn an_event_slot_reads_every_match_in_the_sentence() {
        let s = slot(
            "event",
            "\\bwith an? {words}",
            "{ rifle: [carbine], handgun: [pistol, revolver] }",
        );
        let t = "Ona Vell was shot with a pistol; a witness said with a carbine.";
        assert_eq!(
            custom_read(t, &["Ona Vell"], &s),
            [
                said("event", "pistol", "handgun"),
                said("event", "carbine", "rifle")
            ]
        );
    }

    fn one(kind: AttributeKind, value: &str, key: &str) -> (AttributeKind, String, String) {
        (kind, value.to_string(), key.to_string())
    }

    /// [`appositive_end`] as first written: a text search for each stop.
    fn appositive_end_by_definition(body: &str, mut end: usize) -> usize {
        for stop in APPOSITIVE_STOPS {
            if let Some(k) = body[..end].find(stop) {
                end = k;
            }
        }
        end
    }

    #[test]
    fn an_appositive_ends_where_a_text_search_says() {
        let pieces = [
            ",", ";", ")", " who ", " said", " told", "\"", ". ", ".", " ", "w", "who", "s",
            "said", "a", "é", "—", "Ann", " Roe",
        ];
        let mut die = crate::tests::dice(14);
        let mut cut = 0;
        for _ in 0..3000 {
            let n = die(10);
            let body: String = (0..n).map(|_| pieces[die(pieces.len())]).collect();
            for end in (0..=body.len()).filter(|&e| body.is_char_boundary(e)) {
                let want = appositive_end_by_definition(&body, end);
                cut += usize::from(want < end);
                assert_eq!(appositive_end(&body, end), want, "{body:?} {end}");
            }
        }
        assert!(cut > 1000, "{cut}");
    }

    #[test]
    fn affiliation_appositive_gives_every_organisation() {
        let t = "said Jan Kowal, a postdoctoral fellow at the Center for the Study of Things at the University of Bergen who has studied it.";
        let got = read(t, &["Jan Kowal"]);
        let orgs: Vec<&str> = got
            .iter()
            .filter(|a| a.0 == AttributeKind::Affiliation)
            .map(|a| a.1.as_str())
            .collect();
        assert_eq!(
            orgs,
            ["Center for the Study of Things", "University of Bergen"]
        );
    }

    #[test]
    fn ages_after_and_before_the_name() {
        assert_eq!(
            read("Tom Ray, 23, was hurt.", &["Tom Ray"]),
            [one(AttributeKind::Age, "23", "23")]
        );
        assert_eq!(
            read("A 23-year-old Tom Ray was hurt.", &["Tom Ray"]),
            [one(AttributeKind::Age, "23", "23")]
        );
    }

    #[test]
    fn titles_before_the_name_with_qualifiers_and_organisations() {
        assert_eq!(
            read("Acting ZPD Chief Ann Roe said so.", &["Ann Roe"]),
            [one(
                AttributeKind::Title,
                "Acting ZPD Chief",
                "acting chief"
            )]
        );
        assert_eq!(
            read("Zembla Police Chief Ann Roe said so.", &["Ann Roe"]),
            [one(AttributeKind::Title, "Zembla Police Chief", "chief")]
        );
        assert_eq!(
            read("Bureau special agent Bo Li said so.", &["Bo Li"]),
            [one(
                AttributeKind::Title,
                "Bureau special agent",
                "special agent"
            )]
        );
        assert_eq!(
            read("Later, Lt. Bo Li left.", &["Bo Li"]),
            [one(AttributeKind::Title, "Lt.", "lieutenant")]
        );
        // A word that is no role before the name: nothing.
        assert!(read("Witness Bo Li ran.", &["Bo Li"]).is_empty());
    }

    #[test]
    fn titles_in_appositives_and_relative_clauses() {
        assert_eq!(
            read(
                "Bo Li, Bureau special agent in charge of the agency's Eastland division, said it.",
                &["Bo Li"]
            ),
            [one(
                AttributeKind::Title,
                "Bureau special agent in charge",
                "special agent in charge"
            )]
        );
        assert_eq!(
            read("Bo Li, who is the deputy director, said it.", &["Bo Li"]),
            [one(
                AttributeKind::Title,
                "the deputy director",
                "deputy director"
            )]
        );
    }

    #[test]
    fn another_persons_title_in_the_sentence_is_not_read() {
        // The title belongs to the second name, not to the first.
        let got = read("Bo Li and Chief Ann Roe spoke.", &["Bo Li", "Ann Roe"]);
        assert_eq!(got, [one(AttributeKind::Title, "Chief", "chief")]);
        let got = read("Bo Li, the wife of Chief Ann Roe, spoke.", &["Bo Li"]);
        assert!(got.iter().all(|a| a.0 != AttributeKind::Title));
        let got = read(
            "Bo Li, former Minister Ann Roe and others came.",
            &["Bo Li"],
        );
        assert!(got.iter().all(|a| a.0 != AttributeKind::Title));
    }

    #[test]
    fn a_past_role_is_marked() {
        let t = "Bo Li, a former Marine, spoke.";
        let got = attributes(t, &["Bo Li"]);
        assert_eq!(got.len(), 1);
        assert!(got[0].past && got[0].key == "marine");
    }

    #[test]
    fn occupations_in_copular_sentences_and_records() {
        assert_eq!(
            read(
                "Bo Li is a registered Whig and a self-described promoter and booking agent.",
                &["Bo Li"]
            ),
            [
                one(
                    AttributeKind::Occupation,
                    "a self-described promoter",
                    "promoter"
                ),
                one(AttributeKind::Occupation, "booking agent", "booking agent")
            ]
        );
        assert_eq!(
            read(
                "The records listed Bo Li's occupation as \"manager.\"",
                &["Bo Li"]
            ),
            [one(AttributeKind::Occupation, "manager", "manager")]
        );
        assert!(read("Bo Li is expected to speak.", &["Bo Li"]).is_empty());
    }

    #[test]
    fn residence_through_the_place_hierarchy() {
        assert_eq!(
            read("Bo Li, 57, of Iowa, was hurt.", &["Bo Li"]),
            [
                one(AttributeKind::Age, "57", "57"),
                one(AttributeKind::Residence, "Iowa", "Iowa")
            ]
        );
        assert_eq!(
            read("Bo Li of Upper Falls, Neb., was hurt.", &["Bo Li"]),
            [one(
                AttributeKind::Residence,
                "Upper Falls, Neb.",
                "Nebraska"
            )]
        );
        let got = read(
            "Bo Li, 57, and his wife Ann flew in from Upper Falls, Nebraska, for a cruise.",
            &["Bo Li"],
        );
        assert!(got.contains(&one(
            AttributeKind::Residence,
            "Upper Falls, Nebraska",
            "Nebraska"
        )));
        assert_eq!(
            read("Bo Li, a Texas native, spoke.", &["Bo Li"]),
            [one(AttributeKind::Residence, "Texas", "Texas")]
        );
        // A town alone says no state; an organisation is no place.
        assert!(read("Bo Li of Upper Falls spoke.", &["Bo Li"]).is_empty());
        assert!(read("Bo Li of the Zembla Bureau spoke.", &["Bo Li"]).is_empty());
        // Travel told by someone else is not where the person is from.
        assert!(read("Bo Li said the plane flew in from Iowa.", &["Bo Li"]).is_empty());
    }

    #[test]
    fn residence_from_the_sentences_words_is_residence_from_the_rest() {
        let mut read = 0;
        for t in [
            "Bo Li, 57, of Iowa, was hurt.",
            "Bo Li of Upper Falls, Neb., was hurt.",
            "Bo Li, 57, and his wife Ann flew in from Upper Falls, Nebraska, for a cruise.",
            "Bo Li, a Texas native, spoke; Ann Roe, who lives in Iowa, did not.",
            "Bo Li's aide, of Iowa, said Ann flew back from New York, N.Y., on Friday.",
        ] {
            let ws = text::words(t, 3);
            for at in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                let want = residence(&text::words(&t[at..], 3 + at));
                read += want.len();
                if let Some(tail) = text::words_from(&ws, t, 3, 3 + at) {
                    assert_eq!(residence(tail), want, "{t} at {at}");
                }
            }
        }
        assert!(read > 20, "{read}");
    }

    /// [`residence`]'s search for a verb of travel as first written: every word folded
    /// and looked up, no sieve.
    fn travel_by_definition(ws: &[text::Word], i: usize) -> Vec<Read> {
        let at = |k: usize| ws.get(k).map(text::Word::folded);
        for (k, word) in ws.iter().enumerate().skip(i).take(12) {
            let w = word.folded();
            if crate::claims::attribution::saying(w) || w.ends_with(';') {
                break;
            }
            if MOTION.iter().any(|m| m == w) {
                let mut j = k + 1;
                if matches!(at(j), Some("in" | "here" | "over" | "down" | "up" | "back")) {
                    j += 1;
                }
                if at(j) == Some("from") {
                    let Some(((a, b), region)) = places::place_at(ws, j + 1) else {
                        return Vec::new();
                    };
                    let span = Span::new(ws[a].start, ws[b - 1].end);
                    return vec![(AttributeKind::Residence, span, region.name.clone(), false)];
                }
                break;
            }
        }
        Vec::new()
    }

    #[test]
    fn residence_by_travel_is_the_definitions() {
        let mut found = 0;
        let mut texts: Vec<String> = Vec::new();
        for verb in MOTION.iter() {
            let cap = verb[..1].to_uppercase() + &verb[1..];
            for v in [verb.clone(), cap, verb.to_uppercase(), format!("{verb}.")] {
                texts.push(format!(
                    " and his wife {v} in from Upper Falls, Nebraska, today"
                ));
                texts.push(format!(" said they {v} from Iowa"));
                texts.push(format!(" {v} back from Ohio; then {v} from Iowa"));
            }
        }
        texts.push(" and Ann, who ſaid so, \u{212a}ept U.S. flew in from Iowa".into());
        for t in &texts {
            let ws = text::words(t, 0);
            // Only the words after an age or a first word that begins no other reading.
            let got = residence(&ws);
            let want = travel_by_definition(&ws, 0);
            found += want.len();
            assert_eq!(got, want, "{t}");
        }
        assert!(found >= MOTION.len() * 4, "{found}");
    }

    #[test]
    fn two_people_with_one_surname_are_left_alone() {
        let t = "Bo Li and Ann Li came. Li, of Iowa, spoke.";
        let ms = [
            mention(t, "Bo Li", 0),
            mention(t, "Ann Li", 0),
            mention(t, "Li", 2),
        ];
        let sentences = [Sentence {
            span: Span::new(0, t.len()),
            label: false,
        }];
        let with: Vec<_> = ms
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m, Some(i), EntityKind::Person))
            .collect();
        assert!(extract_doc(0, t, None, &sentences, &with).is_empty());
    }

    #[test]
    fn legal_status_of_a_person_and_of_the_event() {
        let t = "Bo Li has been charged with two crimes, officials said.";
        let got = attributes(t, &["Bo Li"]);
        assert_eq!(
            (got[0].kind, got[0].key.as_str(), got[0].mention),
            (AttributeKind::Legal, "charged", Some(0))
        );
        let got = read("No formal charges have been filed yet.", &[]);
        assert_eq!(
            got,
            [one(
                AttributeKind::Legal,
                "No formal charges",
                "not charged"
            )]
        );
        // A year in the sentence: the past, not this story.
        assert!(read("Bo Li was arrested in 2015.", &["Bo Li"]).is_empty());
    }

    #[test]
    fn event_kind_and_where_it_began() {
        assert_eq!(
            read("Shots were fired during a rap video release party.", &[]),
            [one(
                AttributeKind::EventKind,
                "video release party",
                "video|release party"
            )]
        );
        assert_eq!(
            read("A fight broke out inside the hall.", &[]),
            [one(AttributeKind::EventPlace, "broke out inside", "inside")]
        );
    }

    #[test]
    fn speech_in_quotes_is_not_the_reporters_statement() {
        assert!(read(
            "\"I told them Chief Bo Li was wrong,\" Ann said.",
            &["Bo Li"]
        )
        .is_empty());
    }

    #[test]
    fn the_claims_attributions_change_no_attribute() {
        use crate::load::Format;
        let texts = [
            "Acting Police Chief Ann Roe, 45, of Upper Falls said 12 people were hurt. \
             Bo Lee, a Zembla Times reporter, was charged with arson on Friday, police said. \
             According to Zembla Police, 3 men were arrested. No charges have been filed.",
            "Ann Roe told reporters that Bo Lee, 31, was charged with arson. \
             The fire began inside the hall on Friday, Zembla Police said. \
             About 40 people fled, Ann Roe said, and Bo Lee was arrested.",
        ];
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(&format!("d{i}"), "d.txt", t.to_string(), Format::Text).0)
            .collect();
        let rules = crate::rules::RuleSet::builtin();
        let a = crate::analyze(docs, &rules);
        let (_, said) = crate::claims::extract_all_said(
            &a.docs,
            &a.sentences,
            &a.mentions,
            &a.entities,
            crate::claims::ReadFor::Listing,
        );
        let custom = rules.custom_slots();
        let read = |said: &Answers| {
            extract_all(
                &a.docs,
                &a.sentences,
                &a.mentions,
                &a.entities,
                &custom,
                said,
                Slots::All,
            )
        };
        let shared = read(&said);
        assert_eq!(shared, read(&Vec::new()));
        assert_eq!(shared, a.attributes);
        // Answers were given, and taken.
        assert!(said.iter().flatten().any(|(_, e)| e.is_some()));
        assert!(shared.iter().any(|x| x.attributed_to.is_some()));
    }

    /// A story of one source read for the slots compared within one source only gives
    /// those slots' attributes, as read with every slot, and the same findings as every
    /// slot's attributes: sources that contradict themselves on every slot (ages,
    /// titles, homes, the event's kind, day and place, legal statuses), by one speaker
    /// and by two.
    #[test]
    fn one_source_gives_no_finding_but_of_the_slots_compared_within_it() {
        use crate::compare::attribute::{compared_within_one_source, findings};
        use crate::load::Format;
        let texts = [
            "Acting Police Chief Ann Roe, 45, of Upper Falls said the fire began inside the \
             hall on Friday. Bo Lee, a Zembla Times reporter, was charged with arson, Zembla \
             Police said. Police Chief Ann Roe, 46, of Lower Falls said the fire broke out \
             outside the hall on Saturday. No charges have been filed against Bo Lee, Ann Roe \
             said. The rap video release party ended. The book release party ended.",
            "Bo Lee, 31, was charged with arson, Ann Roe said. Bo Lee, 33, was not charged, \
             Ann Roe said. The fire began inside the hall, Zembla Police said.",
            "Ann Roe, who is a booking agent, said nothing. Ann Roe is a land surveyor.",
            "A fight broke out inside the hall, Ann Roe said. A fight broke out outside the \
             hall, Bo Lee said.",
        ];
        let rules = crate::rules::RuleSet::builtin();
        let custom = rules.custom_slots();
        let mut found = BTreeMap::new();
        let mut kinds = BTreeSet::new();
        for t in texts {
            let doc = Document::new("d", "d.txt", t.to_string(), Format::Text).0;
            let a = crate::analyze(vec![doc], &rules);
            let within = extract_all(
                &a.docs,
                &a.sentences,
                &a.mentions,
                &a.entities,
                &custom,
                &Vec::new(),
                Slots::WithinOneSource,
            );
            let mut wanted = a.attributes.clone();
            wanted.retain(|x| compared_within_one_source(x.kind));
            assert_eq!(within, wanted, "{t}");
            let of = |attrs: &[Attribute]| {
                findings(
                    &a.docs,
                    &a.sentences,
                    &a.mentions,
                    &a.entities,
                    attrs,
                    &rules,
                )
            };
            let all = of(&a.attributes);
            assert_eq!(of(&within), all, "{t}");
            for kind in [AttributeKind::EventPlace, AttributeKind::Legal] {
                let mut only = within.clone();
                only.retain(|x| x.kind == kind);
                *found.entry(kind).or_insert(0) += of(&only).len();
            }
            kinds.extend(a.attributes.iter().map(|x| x.kind));
        }
        // The sources say something on most slots, and contradict themselves on both
        // slots compared within them.
        assert!(found.values().all(|&n| n > 0), "{found:?}");
        assert!(kinds.len() >= 7, "{kinds:?}");
    }
}
