//! factdiff: read several articles about one story and report where they disagree.
//!
//! The pipeline runs one way through plain types, one module per stage:
//!
//! ```text
//! paths ─► load ─► segment ─► mentions ─► normalize ─► claims ─► compare ─► report
//! ```
//!
//! [`analyze`] runs every stage after loading; the binary is a thin CLI over it.
//!
//! ```
//! use factdiff::load::{Document, Format};
//! use factdiff::rules::RuleSet;
//!
//! let (a, _) = Document::new("a", "a.txt", "Police said 12 people were hurt in the crash.".into(), Format::Text);
//! let (b, _) = Document::new("b", "b.txt", "Police said 15 people were hurt in the crash.".into(), Format::Text);
//! let analysis = factdiff::analyze(vec![a, b], &RuleSet::builtin());
//! let finding = &analysis.findings[0];
//! assert_eq!(finding.rule, "casualty-count");
//! assert_eq!(finding.evidence.len(), 2);
//! ```

pub mod claims;
pub mod compare;
pub mod config;
pub mod error;
pub mod load;
pub mod mentions;
pub mod normalize;
pub mod quotes;
pub mod report;
pub mod rules;
pub mod segment;
pub mod span;
pub mod story;
pub mod triage;
pub mod vocab;
pub mod yaml;

pub use error::Error;
use load::Document;
use rules::RuleSet;

/// Everything the pipeline learned about one story: the input of every printer.
#[derive(Debug)]
pub struct Analysis {
    pub docs: Vec<Document>,
    pub sentences: Vec<Vec<segment::Sentence>>,
    pub mentions: Vec<mentions::Mention>,
    pub entities: Vec<normalize::Entity>,
    pub claims: Vec<claims::Claim>,
    /// Facts about people and the event (titles, places, legal status…), in document
    /// and text order.
    pub attributes: Vec<claims::attribute::Attribute>,
    /// Every quotation, with its speaker, in document and text order.
    pub quotes: Vec<quotes::Quote>,
    pub findings: Vec<compare::Finding>,
    /// Findings dropped by `ignore` rules and source suppressions.
    pub suppressed: usize,
    /// Findings dropped because a baseline lists them.
    pub baselined: usize,
    /// The stories of the run, in order, each a range of `docs` (one unnamed story
    /// unless the sources were grouped, see [`story::analyze`]).
    pub stories: Vec<story::Story>,
}

/// Runs every stage after loading on a set of documents that form one story.
pub fn analyze(docs: Vec<Document>, rules: &RuleSet) -> Analysis {
    use rayon::prelude::*;
    let sentences: Vec<Vec<segment::Sentence>> = docs
        .par_iter()
        .map(|d| segment::sentences(&d.text))
        .collect();
    let mentions = mentions::detect_all(&docs, &sentences, &rules.words);
    let entities = normalize::cluster(&docs, &mentions, rules);
    let claims = claims::extract_all(&docs, &sentences, &mentions, &entities);
    let attributes = claims::attribute::extract_all(&docs, &sentences, &mentions, &entities);
    let quotes = quotes::extract_all(&docs, &sentences, &mentions, &entities);
    let outcome = compare::compare(
        &docs,
        &sentences,
        &mentions,
        &entities,
        &claims,
        &attributes,
        &quotes,
        rules,
    );
    let stories = vec![story::Story {
        name: None,
        docs: 0..docs.len(),
    }];
    Analysis {
        docs,
        sentences,
        mentions,
        entities,
        claims,
        attributes,
        quotes,
        findings: outcome.findings,
        suppressed: outcome.suppressed,
        baselined: 0,
        stories,
    }
}
