//! Name mentions: people, places and organisations found in each sentence.
//!
//! No statistical model: capitalised spans read with what a careful reader uses
//! (titles, particles, organisation heads, demonyms, sentence-initial common words).
//! The word lists are data ([`Words`]), loaded from `rules/words/`.

use serde::Serialize;

use crate::load::Document;
use crate::segment::Sentence;
use crate::span::Span;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Org,
    Other,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
            EntityKind::Other => "other",
        }
    }
}

/// One place where a source names an entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Index of the document in the run.
    pub doc: usize,
    /// Index of the sentence within the document.
    pub sentence: usize,
    /// The name itself (no title, no possessive), in the analysis text.
    pub span: Span,
    /// The name as it reads in the analysis text (quotes normalised).
    pub text: String,
    pub kind: EntityKind,
    /// A title or role written before the name ("Foreign Minister"), if any.
    pub title: Option<Span>,
}

/// General word lists that mention detection reads (titles, organisation heads,
/// first names, common words, demonyms). Filled from `rules/words/*.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Words {}

/// Finds the name mentions of every document.
pub fn detect_all(docs: &[Document], sentences: &[Vec<Sentence>], words: &Words) -> Vec<Mention> {
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        out.extend(detect(d, &doc.text, &sentences[d], words));
    }
    out
}

/// Finds the name mentions of one document.
pub fn detect(doc: usize, text: &str, sentences: &[Sentence], _words: &Words) -> Vec<Mention> {
    let _ = (doc, text, sentences);
    Vec::new()
}
