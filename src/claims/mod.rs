//! Claims: what each source states that can be compared — numbers with their
//! qualifier, unit, subject and context.

pub mod attribute;
pub mod numbers;

use crate::load::Document;
use crate::mentions::Mention;
use crate::normalize::Entity;
use crate::segment::Sentence;
use crate::span::Span;

pub use numbers::{NumberKind, NumberPhrase, Qualifier, Value};

/// One number a source states, with what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    pub doc: usize,
    pub sentence: usize,
    /// The number phrase, qualifier included ("about 1,000").
    pub span: Span,
    pub kind: NumberKind,
    pub value: Value,
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
}

/// Reads the claims of every document.
pub fn extract_all(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    _mentions: &[Mention],
    _entities: &[Entity],
) -> Vec<Claim> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (s, sent) in sentences[d].iter().enumerate() {
            let text = sent.span.of(&doc.text);
            for p in numbers::read(text) {
                out.push(Claim {
                    doc: d,
                    sentence: s,
                    span: Span::new(sent.span.start + p.span.start, sent.span.start + p.span.end),
                    kind: p.kind,
                    value: p.value,
                    qualifier: p.qualifier,
                    unit: p.unit.clone(),
                    vague: p.vague,
                    subject: None,
                    verb: None,
                    anchors: Vec::new(),
                    entities: Vec::new(),
                    attributed_to: None,
                });
            }
        }
    }
    out
}
