//! Claims: what each source states that can be compared — numbers with their
//! qualifier, unit, subject and context, and for the counts the numeric rules compare,
//! their role in the sentence and what alignment reads of them ([`quantity`]).

pub mod attribute;
pub mod attribution;
pub mod context;
pub mod fact;
pub mod numbers;
pub mod quantity;

use crate::load::Document;
use crate::mentions::Mention;
use crate::resolve::Entity;
use crate::segment::Sentence;
use crate::span::Span;

pub use fact::{AsOf, Fact, Phase, Revision, Slot};
pub use numbers::{NumberKind, NumberPhrase, Qualifier, Value};

/// One number a source states, with what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Index of the document in the run.
    pub doc: usize,
    /// Index of the sentence within the document.
    pub sentence: usize,
    /// The number phrase, qualifier included ("about 1,000").
    pub span: Span,
    /// What kind of number this is (count, money, date, …).
    pub kind: NumberKind,
    /// The value as written (an interval for ranges and bounds).
    pub value: Value,
    /// How the number is hedged ("about", "more than", exact).
    pub qualifier: Qualifier,
    /// Unit: "people" for counts of persons, "USD", "percent", "km"…
    pub unit: Option<String>,
    /// A vague amount ("hundreds", "several"): no value to compare.
    pub vague: bool,
    /// The counted noun phrase, as written ("foreign fighters").
    pub subject: Option<String>,
    /// The verb or event the number belongs to, as a lemma ("kill", "join").
    pub verb: Option<String>,
    /// Time anchors in the sentence ("2014", "Monday").
    pub anchors: Vec<String>,
    /// Entities named in the sentence (indices into the run's entities).
    pub entities: Vec<usize>,
    /// Who the source attributes the number to (an entity index).
    pub attributed_to: Option<usize>,
    /// The lowercase, singular head noun of `subject` ("fighter"): what claims align on.
    pub subject_head: Option<String>,
    /// The typed fact: slot, canonical value, key and as-of time.
    pub fact: Fact,
    /// For a count or amount the numeric rules compare, what it is in its sentence
    /// (only a whole count is compared across sources); `None` for every other number.
    pub role: Option<quantity::Role>,
}

/// Time anchors of a sentence: years, months, weekdays and "yesterday"-like words,
/// as written, in order.
pub fn anchors(text: &str, phrases: &[NumberPhrase]) -> Vec<String> {
    anchors_in(text, &numbers::lex::lex(text), phrases)
}

/// [`anchors`] from the sentence's tokens (`numbers::lex::lex(text)`), read once for
/// the anchors and the facts of its numbers.
fn anchors_in(text: &str, toks: &[numbers::lex::Tok], phrases: &[NumberPhrase]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let mut years: Vec<(usize, String)> = Vec::new();
    for p in phrases.iter().filter(|p| p.kind == NumberKind::Year) {
        for v in [p.value.low, p.value.high].into_iter().flatten() {
            years.push((p.span.start, format!("{}", v as i64)));
        }
    }
    let mut items: Vec<(usize, String)> = years;
    for (i, t) in toks.iter().enumerate() {
        if t.kind != numbers::lex::TokKind::Word {
            continue;
        }
        let w = &*t.low;
        let next_is_num = toks
            .get(i + 1)
            .is_some_and(|n| n.kind == numbers::lex::TokKind::Num);
        let month = t.cap
            && crate::wordlists::calendar::month(w)
            && w.len() > 3
            && (w != "may" || next_is_num || (i > 0 && toks[i - 1].low == "in"));
        if month || (t.cap && crate::wordlists::calendar::weekday(w)) {
            items.push((t.s, text[t.s..t.e].to_string()));
        } else if matches!(w, "yesterday" | "today" | "tonight") {
            items.push((t.s, w.to_string()));
        } else if matches!(w, "this" | "last") {
            if let Some(n) = toks.get(i + 1) {
                if matches!(&*n.low, "week" | "month" | "year" | "weekend") {
                    items.push((t.s, format!("{w} {}", n.low)));
                }
            }
        }
    }
    items.sort_by_key(|x| x.0);
    for (_, s) in items {
        push(s);
    }
    out
}

/// Reads the claims of every document.
pub fn extract_all(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Claim> {
    extract_all_said(docs, sentences, mentions, entities, ReadFor::Listing).0
}

/// What claims are read for: the claim listing shows every field; a report of findings
/// reads all but the time anchors and entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFor {
    /// Every field (the `claims` listing, the HTML page).
    Listing,
    /// What the comparison reads: no time anchors or entities.
    Findings,
}

/// [`extract_all`], with whom each sentence read attributes its statements to
/// ([`attribution::in_sentence`] of its mentions, each of its own kind): the
/// attributes take those answers instead of reading the same sentences again. Read
/// for findings ([`ReadFor::Findings`]), each claim's time anchors and entities, which
/// only the claim listing reads, are left empty.
pub fn extract_all_said(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    read_for: ReadFor,
) -> (Vec<Claim>, attribution::Answers) {
    let listed = read_for == ReadFor::Listing;
    let entity_of = crate::resolve::entity_of(entities, mentions.len());
    // Each document's mentions that belong to an entity, in order: one pass over the
    // mentions, not one per document.
    let mut by_doc: Vec<Vec<(&Mention, usize)>> = vec![Vec::new(); docs.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let (Some(e), Some(slot)) = (entity_of[i], by_doc.get_mut(m.doc)) {
            slot.push((m, e));
        }
    }
    use rayon::prelude::*;
    let (per_doc, said): (Vec<Vec<Claim>>, attribution::Answers) = docs
        .par_iter()
        .zip(by_doc.par_iter())
        .enumerate()
        .map(|(d, (doc, doc_mentions))| doc_claims(d, doc, &sentences[d], doc_mentions, listed))
        .unzip();
    (concat(per_doc), said)
}

/// The documents' claims in one vector, sized once: a claim is large, and a vector
/// collected from a flattening grows by doubling (each claim copied again at each
/// growth, and the run's peak heap holds the old buffer beside the new).
fn concat(per_doc: Vec<Vec<Claim>>) -> Vec<Claim> {
    let mut out = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for claims in per_doc {
        out.extend(claims);
    }
    out
}

/// The claims of one document, and the attribution of each sentence read. `listed`:
/// whether the claims' time anchors and entities are read (see [`extract_all_said`]).
fn doc_claims(
    d: usize,
    doc: &Document,
    sentences: &[Sentence],
    doc_mentions: &[(&Mention, usize)],
    listed: bool,
) -> (Vec<Claim>, Vec<(usize, Option<usize>)>) {
    let mut out = Vec::new();
    let mut answers = Vec::with_capacity(sentences.len());
    {
        let speakers = attribution::labels(&doc.text, sentences, doc_mentions);
        // The mentions of each sentence.
        let mut by_sentence: Vec<Vec<(Span, usize, crate::mentions::EntityKind)>> =
            vec![Vec::new(); sentences.len()];
        for (m, e) in doc_mentions {
            if let Some(slot) = by_sentence.get_mut(m.sentence) {
                slot.push((m.span, *e, m.kind));
            }
        }
        numbered_sentences(doc, sentences, |s, sent, text, low, toks, phrases| {
            let in_sent = &by_sentence[s];
            let mut ents: Vec<usize> = Vec::new();
            for (_, e, _) in in_sent.iter().filter(|_| listed) {
                if !ents.contains(e) {
                    ents.push(*e);
                }
            }
            let answer = attribution::in_sentence(&doc.text, sent.span, in_sent);
            answers.push((s, answer));
            let said = answer.or(speakers.get(s).copied().flatten());
            let mut sentence_anchors = match listed {
                true => anchors_in(text, toks, &phrases),
                false => Vec::new(),
            };
            let when = fact::sentence_time_lowered(text, low, doc.source.meta.date.as_deref());
            let words = fact::Words::new(toks);
            // The sentence's last claim takes its lists (entities, anchors), the
            // others a copy.
            let last = phrases.len() - 1;
            for (k, p) in phrases.into_iter().enumerate() {
                let span = Span::new(sent.span.start + p.span.start, sent.span.start + p.span.end);
                // A number inside an organisation's name names it ("Bureau 17").
                let in_name = in_sent.iter().any(|(m, _, kind)| {
                    *kind == crate::mentions::EntityKind::Org
                        && m.start <= span.start
                        && span.end <= m.end
                });
                let kind = if in_name {
                    NumberKind::Identifier
                } else {
                    p.kind
                };
                let quantity = kind == NumberKind::Quantity;
                let cx = if quantity {
                    context::read(text, toks, p.span)
                } else {
                    context::Context::default()
                };
                let own = text.get(p.span.start..p.span.end).unwrap_or("");
                let fact = fact::derive(&fact::Input {
                    sentence: text,
                    words: &words,
                    start: p.span.start,
                    end: p.span.end,
                    kind,
                    value: p.value,
                    qualifier: p.qualifier,
                    unit: p.unit.as_deref(),
                    subject: cx.subject.as_deref(),
                    people: cx.people,
                    time: &when,
                    source_date: doc.source.meta.date.as_deref(),
                });
                // The phrase's unit moved into its claim, not copied.
                let unit = p
                    .unit
                    .or_else(|| (quantity && cx.people).then(|| "people".to_string()));
                out.push(Claim {
                    doc: d,
                    sentence: s,
                    span,
                    kind,
                    value: p.value,
                    qualifier: p.qualifier,
                    unit,
                    vague: p.vague,
                    subject: cx.subject,
                    verb: cx.verb,
                    anchors: if k == last {
                        std::mem::take(&mut sentence_anchors)
                            .into_iter()
                            .filter(|a| !own.contains(a.as_str()))
                            .collect()
                    } else {
                        sentence_anchors
                            .iter()
                            .filter(|a| !own.contains(a.as_str()))
                            .cloned()
                            .collect()
                    },
                    entities: if k == last {
                        std::mem::take(&mut ents)
                    } else {
                        ents.clone()
                    },
                    attributed_to: said,
                    subject_head: cx.subject_head,
                    fact,
                    role: None,
                });
            }
        });
    }
    quantity::read_roles(&mut out, &doc.text, sentences);
    (out, answers)
}

/// Calls `f(s, sentence, text, lowered, tokens, phrases)` for each sentence of `doc`
/// that states numbers, in order: its index, its text and ASCII lower case, its tokens
/// and its number phrases (never empty). Label sentences are skipped.
fn numbered_sentences(
    doc: &Document,
    sentences: &[Sentence],
    mut f: impl for<'t> FnMut(
        usize,
        &Sentence,
        &'t str,
        &'t str,
        &[numbers::lex::Tok<'t>],
        Vec<NumberPhrase>,
    ),
) {
    lexed_sentences(doc, sentences, |s, sent, text, low, toks| {
        let phrases = numbers::read_tokens(text, toks);
        if !phrases.is_empty() {
            f(s, sent, text, low, toks, phrases);
        }
    });
}

/// Calls `f(s, sentence, text, lowered, tokens)` for each sentence of `doc` that may
/// state numbers ([`numbers::may_hold_number`]), in order: its index, its text and
/// ASCII lower case, and its tokens. Label sentences are skipped.
fn lexed_sentences(
    doc: &Document,
    sentences: &[Sentence],
    mut f: impl for<'t> FnMut(usize, &Sentence, &'t str, &'t str, &[numbers::lex::Tok<'t>]),
) {
    // The ASCII lower case of the document, made once: each sentence's words borrow
    // their lower case from it and its time is read from it, with no copy made per
    // capitalised word nor for the time; and the tokens borrow from the document's
    // texts only, so that one vector holds each sentence's tokens in turn.
    let lowered = doc.text.to_ascii_lowercase();
    let mut toks: Vec<numbers::lex::Tok> = Vec::new();
    for (s, sent) in sentences.iter().enumerate() {
        if sent.label {
            continue;
        }
        let text = sent.span.of(&doc.text);
        // Most sentences hold no number: they are not lexed.
        if !numbers::may_hold_number(text) {
            continue;
        }
        let low = sent.span.of(&lowered);
        // The sentence's tokens, read once for its numbers, anchors and facts.
        numbers::lex::lex_lowered_into(text, low, &mut toks);
        f(s, sent, text, low, &toks);
    }
}

/// How many claims [`extract_all`] reads in `docs`, without reading what they are
/// about: for a story whose claims are only counted ([`crate::Keep::Findings`] of one
/// source, which has no numbers to compare). Each sentence's phrases are counted as
/// they are read, none of them made ([`numbers::count_tokens`]).
pub fn count_all(docs: &[Document], sentences: &[Vec<Sentence>]) -> usize {
    let mut n = 0;
    for (doc, sentences) in docs.iter().zip(sentences) {
        lexed_sentences(doc, sentences, |_, _, text, _, toks| {
            n += numbers::count_tokens(text, toks);
        });
    }
    n
}

#[cfg(test)]
mod tests {
    use crate::claims::numbers::NumberKind;
    use crate::load::{Document, Format};
    use crate::rules::RuleSet;

    /// Counting the claims gives the number that reading them does, whatever the text:
    /// labels, sentences without numbers, several numbers in one sentence, numbers in a
    /// name.
    #[test]
    fn counted_claims_are_the_claims_read() {
        let texts = [
            "",
            "No numbers here at all.",
            "# 3 dead in 2019\n\nAbout 1,200 people fled on Monday, 4 May, and 30 more on 5 May.",
            "Bureau 17 said 250 to 300 workers joined. Officials counted 12.\n\nPhoto: 2 boys.",
            "Nearly half of the 40 houses, worth $2.5 million, burned; three were saved.",
            "Call (555) 010-4477 or +1 555 0100; the server at 10.0.0.12 fell on 5/17/2018.",
            "Between 10 and 20 km, more than 5 but fewer than 9 %, at 10:30 pm, aged 30-40.",
            "A reading of 0e1993 mn and 1e999 people, then 2 1/4 and 3/4 of 1½ tonnes.",
        ];
        for text in texts {
            let docs: Vec<Document> = (0..2)
                .map(|k| {
                    let body = format!("{text}\n\nSource {k} reported 7 injured.");
                    Document::new("a", "a.md", body, Format::Markdown).0
                })
                .collect();
            let a = crate::analyze(docs, &RuleSet::builtin());
            assert!(!a.claims.is_empty());
            assert_eq!(
                super::count_all(&a.docs, &a.sentences),
                a.claims.len(),
                "{text}"
            );
        }
    }

    /// Claims read for a report of findings are those read for the listings but for
    /// their time anchors and entities, which only the listings read; the attribution
    /// answers are the same.
    #[test]
    fn claims_for_findings_leave_out_only_what_listings_read() {
        let texts = [
            "Fire chief Marta Kowalczyk said on Monday that 12 people were hurt in 2019.",
            "Last week about 300 residents of Springfield left, Mayor Jonas Pettersen said.",
        ];
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(&format!("d{i}"), "d.txt", t.to_string(), Format::Text).0)
            .collect();
        let a = crate::analyze(docs, &RuleSet::builtin());
        let read =
            |how| super::extract_all_said(&a.docs, &a.sentences, &a.mentions, &a.entities, how);
        let (listed, said) = read(super::ReadFor::Listing);
        let (found, said_found) = read(super::ReadFor::Findings);
        assert_eq!(said_found, said);
        assert!(listed.iter().any(|c| !c.anchors.is_empty()));
        assert!(listed.iter().any(|c| !c.entities.is_empty()));
        let cleared: Vec<_> = listed
            .into_iter()
            .map(|mut c| {
                c.anchors.clear();
                c.entities.clear();
                c
            })
            .collect();
        assert_eq!(found, cleared);
    }

    fn kinds(text: &str) -> Vec<(String, NumberKind)> {
        let (d, _) = Document::new("a", "a.txt", text.to_string(), Format::Text);
        let a = crate::analyze(vec![d], &RuleSet::builtin());
        a.claims
            .iter()
            .map(|c| (c.span.of(&a.docs[0].text).to_string(), c.kind))
            .collect()
    }

    #[test]
    fn a_number_inside_an_organisations_name_is_an_identifier() {
        assert_eq!(
            kinds("Funding for Bureau 17 was cut, and 40 people lost work."),
            [
                ("17".to_string(), NumberKind::Identifier),
                ("40".to_string(), NumberKind::Quantity)
            ]
        );
    }

    #[test]
    fn anchors_are_the_days_months_and_years_named_in_order() {
        let text =
            "In 2019, on Friday, the count rose from yesterday, as it did last week in March.";
        let toks = super::numbers::lex::lex(text);
        let phrases = super::numbers::read(text);
        let got = super::anchors_in(text, &toks, &phrases);
        assert_eq!(got, ["2019", "Friday", "yesterday", "last week", "March"]);
        assert_eq!(super::anchors(text, &phrases), got);
        // A month or a weekday is a name: written lower-case, it is another word.
        let text = "The march in march went on, on Sunday, for 3 miles.";
        let phrases = super::numbers::read(text);
        assert_eq!(super::anchors(text, &phrases), ["Sunday"]);
    }
}
