//! Comparison: claims and entities across sources → findings.

pub mod attribute;
pub mod numeric;
pub mod quote;
pub mod spelling;

use crate::claims::{Claim, Value};
use crate::load::Document;
use crate::mentions::Mention;
use crate::resolve::Entity;
use crate::rules::{IgnoreIndex, RuleSet};
use crate::segment::Sentence;
use crate::span::Span;
use crate::vocab::{FindingKind, Severity, Subject};

/// One cited place in one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Index of the document in the run.
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
    /// The id of the rule that made it.
    pub rule: String,
    /// Spelling, numeric, attribute or quote.
    pub kind: FindingKind,
    /// How serious it is (from the rule, or raised by the comparison).
    pub severity: Severity,
    /// What it is about, as an editor would name it.
    pub subject: Subject,
    /// The rule's message with the values and sources filled in.
    pub message: String,
    /// Every cited place, in source and text order.
    pub evidence: Vec<Evidence>,
    /// For spelling findings, the class of the variants it cites.
    pub class: Option<crate::resolve::variant::VariantClass>,
    /// With three or more sources, the value most of them give and who gives another.
    pub majority: Option<Majority>,
}

/// The odd one out among three or more sources: one value is given by more sources
/// than any other, and the rest differ from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Majority {
    /// The majority's value, as the first of its sources writes it.
    pub value: String,
    /// The sources giving it (document indices, ascending).
    pub agree: Vec<usize>,
    /// The sources giving another value (document indices, ascending).
    pub differ: Vec<usize>,
}

/// A source's label in messages: its id, whole. Only the terminal table shortens long
/// ids (see `report::table`); JSON, CSV and SARIF carry them as they are.
pub(crate) fn short_id(id: &str) -> String {
    id.to_string()
}

/// A stable finding id from the rule and the content of what it cites (never from
/// positions), so that baselines survive edits elsewhere in a source.
pub fn stable_id(rule: &str, content: &[String]) -> String {
    // FNV-1a, 64 bits: stable across platforms and releases, unlike std's hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(rule.as_bytes());
    let mut sorted: Vec<&String> = content.iter().collect();
    sorted.sort();
    for c in sorted {
        eat(&[0]);
        eat(c.as_bytes());
    }
    format!("{rule}-{:010x}", h >> 24)
}

/// Applies the `ignore` rules; returns how many findings were dropped. Rules are looked
/// up by the finding's rule id and entity (see [`IgnoreIndex`]), so many ignore rules
/// and many findings do not multiply. A rule without `sources` drops the findings it
/// matches; a rule with `sources` drops those sources' evidence only, and the finding
/// goes only when what is left no longer disagrees (a source's path matches as typed
/// and as its full path, so a config's globs, made absolute, match however the path
/// was written).
pub fn apply_ignores(findings: &mut Vec<Finding>, docs: &[Document], index: &IgnoreIndex) -> usize {
    if index.is_empty() {
        return 0;
    }
    // Full paths only when a rule with sources is met: one lookup per source, at most.
    let full: std::cell::OnceCell<Vec<String>> = std::cell::OnceCell::new();
    let full_path = |doc: usize| -> &str {
        &full.get_or_init(|| {
            docs.iter()
                .map(|d| {
                    std::fs::canonicalize(&d.source.path)
                        .map_or_else(|_| d.source.path.clone(), |p| p.display().to_string())
                })
                .collect()
        })[doc]
    };
    let ignored_source = |i: &crate::rules::IgnoreRule, doc: usize| {
        let id = docs[doc].source.id.as_str();
        i.matches_source(id, &docs[doc].source.path) || i.matches_source(id, full_path(doc))
    };
    let before = findings.len();
    findings.retain_mut(|f| {
        let candidates: Vec<_> = index.candidates(&f.rule, &f.subject.entity).collect();
        if candidates.is_empty() {
            return true;
        }
        let texts: Vec<&str> = f
            .evidence
            .iter()
            .map(|e| docs[e.doc].raw_text(e.span))
            .collect();
        let mut trimmed = false;
        for i in candidates {
            if !i.matches_finding(&f.rule, &f.subject.entity, &texts) {
                continue;
            }
            if i.sources.is_empty() {
                return false;
            }
            let n = f.evidence.len();
            f.evidence.retain(|e| !ignored_source(i, e.doc));
            trimmed |= f.evidence.len() < n;
        }
        if trimmed {
            // Who is in the majority was counted with the dropped sources.
            f.majority = None;
        }
        !trimmed || still_disagrees(f, docs)
    });
    before - findings.len()
}

/// Whether a finding's remaining evidence still states two different things (values
/// for numbers, else the cited words).
fn still_disagrees(f: &Finding, docs: &[Document]) -> bool {
    let said: std::collections::BTreeSet<String> = f
        .evidence
        .iter()
        .map(|e| match e.value {
            Some(v) => format!("{v:?}"),
            None => docs[e.doc].raw_text(e.span).to_string(),
        })
        .collect();
    said.len() >= 2
}

/// Whether a story of `sources` sources is compared for numbers and quotations.
/// Numbers and quotations are only ever set against another source's (numbers in
/// conflict are joined across sources only; a wording or a speaker is compared with
/// another source's, a paraphrase looked for in a source that does not quote): a story
/// of one source has none of these findings, and is neither compared for them nor read
/// for what only they need. Most stories of a bulk corpus are one article.
pub fn compares_sources(sources: usize) -> bool {
    sources >= 2
}

/// Compares what the sources say and returns the findings, in a fixed order:
/// by kind, then severity (errors first), then subject and id. The `ignore` rules are
/// applied after, by [`apply_ignores`].
// One argument per stage output; the architecture issue (13) gathers them.
#[allow(clippy::too_many_arguments)]
pub fn compare(
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    mentions: &[Mention],
    entities: &[Entity],
    claims: &[Claim],
    features: &[Option<crate::claims::quantity::Features>],
    attributes: &[crate::claims::attribute::Attribute],
    quotes: &[crate::quotes::Quote],
    rules: &RuleSet,
    lexicon: &crate::resolve::Lexicon,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let one_source = !compares_sources(docs.len());
    // One comparison per kind of finding: a new kind does not compile until it has one.
    for &kind in FindingKind::ALL {
        out.extend(match kind {
            FindingKind::Spelling => {
                spelling::findings(docs, sentences, mentions, entities, rules, lexicon)
            }
            FindingKind::Numeric | FindingKind::Quote if one_source => Vec::new(),
            FindingKind::Numeric => numeric::findings(docs, sentences, claims, features, rules),
            FindingKind::Attribute => {
                attribute::findings(docs, sentences, mentions, entities, attributes, rules)
            }
            FindingKind::Quote => {
                quote::findings(docs, sentences, mentions, entities, quotes, rules)
            }
        });
    }
    out.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.severity), &a.subject, &a.id).cmp(&(
            b.kind,
            std::cmp::Reverse(b.severity),
            &b.subject,
            &b.id,
        ))
    });
    out.dedup_by(|a, b| a.id == b.id);
    out
}

#[cfg(test)]
mod tests {
    use crate::load::{Document, Format};
    use crate::rules::RuleSet;
    use crate::vocab::FindingKind;

    /// Two invented sources that differ in a quotation's wording and in a count.
    const SOURCES: [&str; 2] = [
        "\"We will rebuild the Harbin Street bridge before the first snow falls on the town,\" \
         Mayor Dana Orrow said on Monday.\n\nSeven people were injured when the old span gave \
         way on Sunday night, police said.\n\nOrrow said the town would rebuild the Harbin \
         Street bridge before the first snow falls.",
        "\"We will rebuild the Harbin Street bridge before the first winter snow reaches the \
         town,\" Mayor Dana Orrow said on Monday.\n\nFour people were injured when the old span \
         gave way on Sunday night, police said.",
    ];

    fn doc(id: &str, text: String) -> Document {
        Document::new(id, &format!("{id}.txt"), text, Format::Text).0
    }

    /// The quote and numeric findings of a story, compared by the kinds' own functions
    /// (not through [`super::compare`], which skips them for one source).
    fn quote_and_numeric(docs: Vec<Document>) -> (usize, usize) {
        let rules = RuleSet::builtin();
        let a = crate::analyze(docs, &rules);
        let features = crate::claims::quantity::features_all(&a.docs, &a.sentences, &a.claims);
        let quotes = super::quote::findings(
            &a.docs,
            &a.sentences,
            &a.mentions,
            &a.entities,
            &a.quotes,
            &rules,
        );
        let numbers = super::numeric::findings(&a.docs, &a.sentences, &a.claims, &features, &rules);
        assert!(quotes.iter().all(|f| f.kind == FindingKind::Quote));
        assert!(numbers.iter().all(|f| f.kind == FindingKind::Numeric));
        (quotes.len(), numbers.len())
    }

    #[test]
    fn one_source_has_no_quote_or_number_findings_to_skip() {
        // As two sources they disagree in both ways.
        let two = SOURCES
            .iter()
            .enumerate()
            .map(|(k, t)| doc(&format!("s{k}"), t.to_string()))
            .collect();
        let (quotes, numbers) = quote_and_numeric(two);
        assert!(quotes > 0 && numbers > 0, "{quotes} {numbers}");
        // As one source, in either order, they have no such findings even when compared.
        for order in [[0, 1], [1, 0]] {
            let text = order.map(|k| SOURCES[k]).join("\n\n");
            assert_eq!(quote_and_numeric(vec![doc("one", text)]), (0, 0));
        }
    }
}
