//! Quotations: what each source puts in quote marks, where, and who said it.
//!
//! [`extract_all`] finds the quotations of every document (`extract.rs`), decides
//! whether each is a whole statement or a partial quote inside the writer's sentence,
//! and attributes it to a speaker (`attribution.rs`), resolved to the
//! entity so that "Roe", "Jane Roe" and "the FBI's Roe" are one speaker.
//! Answers in an interview transcript (after a "Name:" label) are that speaker's
//! words and are listed as quotations too. Comparing them word by word is the compare
//! stage's job (`compare::quote::align`).

pub mod attribution;
pub mod extract;

use serde::Serialize;

use crate::load::{Document, RegionKind};
use crate::mentions::Mention;
use crate::resolve::Entity;
use crate::segment::Sentence;
use crate::span::Span;

pub use extract::QuoteForm;

/// How the speaker of a quotation was found (most certain first).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// A name next to a verb of saying ("…," X said; X told Z: "…"; according to X).
    Named,
    /// A transcript speaker label ("Name:").
    Label,
    /// The account an embedded post names.
    Handle,
    /// "he said" / "she said", resolved to the last speaker or person before it.
    Pronoun,
    /// A later quote in the same paragraph as an attributed one.
    Inherited,
    /// The one person named before a partial quote in its sentence.
    Context,
}

impl How {
    /// The form's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Named => "named",
            How::Label => "label",
            How::Handle => "handle",
            How::Pronoun => "pronoun",
            How::Inherited => "inherited",
            How::Context => "context",
        }
    }

    /// Explicit enough to say that two sources give different speakers.
    pub fn explicit(self) -> bool {
        matches!(self, How::Named | How::Label | How::Handle)
    }
}

/// One quotation in one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Index of the document in the run.
    pub doc: usize,
    /// From the opening mark to the closing mark, in the analysis text.
    pub span: Span,
    /// The quoted words without marks, one piece per paragraph.
    pub pieces: Vec<Span>,
    /// The quoted words, pieces joined by a space.
    pub text: String,
    /// The sentence the quotation opens in.
    pub sentence: usize,
    /// Whether the quote is a whole statement, a partial quote or a block.
    pub form: QuoteForm,
    /// The speaker's entity (index into the run's entities).
    pub speaker: Option<usize>,
    /// The speaker's name: the entity's canonical name, or the account name of a post.
    pub speaker_name: Option<String>,
    /// How the speaker was found, when one was.
    pub how: Option<How>,
    /// A transcript answer rather than words in quote marks.
    pub turn: bool,
}

/// The index of the sentence that contains byte `at` (or the last one before it).
pub fn sentence_at(sentences: &[Sentence], at: usize) -> usize {
    sentences
        .partition_point(|s| s.span.start <= at)
        .saturating_sub(1)
}

/// Is a quotation a whole statement, or a few words inside the writer's sentence?
fn form_of(text: &str, sentence: Span, q: &extract::Found) -> QuoteForm {
    if q.form == QuoteForm::Tweet {
        return QuoteForm::Tweet;
    }
    let first = q
        .pieces
        .first()
        .and_then(|p| p.of(text).trim_start().chars().next());
    if first.is_some_and(char::is_lowercase) {
        return QuoteForm::Partial;
    }
    let before = text
        .get(sentence.start.min(q.span.start)..q.span.start)
        .unwrap_or("")
        .trim_end();
    if before.is_empty() || before.ends_with([':', ',', '—', '-']) {
        QuoteForm::Full
    } else {
        QuoteForm::Partial
    }
}

/// The words of a quotation, lower-cased: equal for the same words however punctuated.
fn words_key(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops the quotations of a caption that the body of the document quotes too: a
/// caption with words of its own is kept (segmentation keeps it), but the quotation it
/// repeats is one quotation, cited where the body has it.
fn drop_caption_repeats(doc: &Document, quotes: &mut Vec<Quote>) {
    if !doc.regions.iter().any(|r| r.kind == RegionKind::Caption) {
        return;
    }
    let in_caption = |q: &Quote| doc.region_at(q.span.start) == Some(RegionKind::Caption);
    let body: std::collections::HashSet<String> = quotes
        .iter()
        .filter(|q| !in_caption(q))
        .map(|q| words_key(&q.text))
        .collect();
    quotes.retain(|q| !in_caption(q) || !body.contains(&words_key(&q.text)));
}

/// Finds and attributes the quotations of every document.
pub fn extract_all(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
) -> Vec<Quote> {
    let entity_of = crate::resolve::entity_of(entities, mentions.len());
    // Each document's mentions with their entity, in one pass (not one pass over every
    // mention per document: that is quadratic in sources).
    let mut by_doc: Vec<Vec<(&Mention, usize)>> = vec![Vec::new(); docs.len()];
    for (i, m) in mentions.iter().enumerate() {
        if let (Some(e), Some(v)) = (entity_of[i], by_doc.get_mut(m.doc)) {
            v.push((m, e));
        }
    }
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let sents = &sentences[d];
        let doc_mentions = std::mem::take(&mut by_doc[d]);
        // Made once: the quotations are found in them and attributed by them.
        let paras = extract::paragraphs(&doc.text);
        let ctx = attribution::Context {
            text: &doc.text,
            sentences: sents,
            mentions: &doc_mentions,
            entities,
            mentions_in_order: doc_mentions.is_sorted_by_key(|(m, _)| m.span.start),
            paragraphs: &paras,
        };
        let mut quotes: Vec<Quote> = extract::find_in(&doc.text, &paras)
            .into_iter()
            // Pull quotes and repeated text are read once, where the body has them.
            .filter(|f| !doc.is_echo(f.span.start))
            .map(|f| {
                let s = sentence_at(sents, f.span.start);
                let sspan = sents.get(s).map_or(f.span, |x| x.span);
                Quote {
                    doc: d,
                    span: f.span,
                    text: f
                        .pieces
                        .iter()
                        .map(|p| p.of(&doc.text).trim())
                        .collect::<Vec<_>>()
                        .join(" "),
                    pieces: f.pieces.clone(),
                    sentence: s,
                    form: form_of(&doc.text, sspan, &f),
                    speaker: None,
                    speaker_name: f.handle_name.clone(),
                    how: f.handle_name.as_ref().map(|_| How::Handle),
                    turn: false,
                }
            })
            .collect();
        // The transcript's speakers, read by both the turns and the attribution.
        let speakers = ctx.transcript();
        quotes.extend(attribution::turns(&ctx, d, &speakers));
        drop_caption_repeats(doc, &mut quotes);
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        attribution::attribute(&ctx, &speakers, &mut quotes);
        out.extend(quotes);
    }
    out
}
