//! Comparison: claims and entities across sources → findings.

pub mod spelling;

use serde::Serialize;

use crate::claims::{Claim, Value};
use crate::load::Document;
use crate::mentions::Mention;
use crate::normalize::Entity;
use crate::rules::RuleSet;
use crate::segment::Sentence;
use crate::span::Span;

/// What kind of disagreement a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    Spelling,
    Numeric,
    Attribute,
    Quote,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Spelling => "spelling",
            FindingKind::Numeric => "numeric",
            FindingKind::Attribute => "attribute",
            FindingKind::Quote => "quote",
        }
    }
}

/// How much a finding matters; ordered so that `Error` is the greatest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One cited place in one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub doc: usize,
    /// The disputed span in the analysis text.
    pub span: Span,
    /// The sentence around it.
    pub sentence: Span,
    /// For numeric findings, the value the source states.
    pub value: Option<Value>,
}

/// A disagreement between sources (or within one).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable across runs: derived from rule, entity and claim content, not positions.
    pub id: String,
    pub rule: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub subject: String,
    pub message: String,
    pub evidence: Vec<Evidence>,
}

/// Compares what the sources say and returns the findings, in a fixed order.
pub fn compare(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    _claims: &[Claim],
    rules: &RuleSet,
) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(spelling::findings(
        docs, sentences, mentions, entities, rules,
    ));
    out
}
