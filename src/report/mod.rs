//! Printers: the analysis as a table or an HTML page for people, JSON for tools.
//!
//! [`view`] turns an [`Analysis`] into plain serialisable records (positions resolved to
//! line:column, spans to source text); every format prints from those records, so the
//! formats cannot drift apart.

pub mod csv;
pub mod focus;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod merge;
mod pretty_json;
pub mod sarif;
pub mod schema;
pub mod table;

use serde::{Serialize, Serializer};

use crate::claims::Value;
use crate::load::Document;
use crate::span::Span;
use crate::vocab::{FindingKind, Severity};
use crate::Analysis;

/// Version of the JSON contract: the shared `report-json.md` (outside this repository)
/// lists the fields it must hold at least; `docs/schema/` is its full schema.
pub const JSON_VERSION: u32 = 1;

/// Serialises whole numbers without a fraction (`1000`, not `1000.0`).
fn ser_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
        None => s.serialize_none(),
    }
}

/// A bound as `ser_num` writes it: a number, or `null` for an open side (schemars, told
/// the field is required, would otherwise drop the `null`).
fn number_or_null(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": ["number", "null"] })
}

/// A value's bounds as the report prints them (whole numbers without a fraction).
///
/// The views of a `check` report also read back (`Deserialize`): `factdiff merge` joins
/// shard reports through them, so a field added to one must be read back too.
#[derive(Debug, Clone, Serialize, PartialEq, serde::Deserialize, schemars::JsonSchema)]
pub struct ValueView {
    /// The lower bound; `null` when open ("fewer than 1,000"). Always present.
    #[serde(serialize_with = "ser_num")]
    #[schemars(required, schema_with = "number_or_null")]
    pub low: Option<f64>,
    /// The upper bound; `null` when open ("more than 200"). Always present.
    #[serde(serialize_with = "ser_num")]
    #[schemars(required, schema_with = "number_or_null")]
    pub high: Option<f64>,
}

impl From<Value> for ValueView {
    fn from(v: Value) -> Self {
        ValueView {
            low: v.low,
            high: v.high,
        }
    }
}

/// A source as the report lists it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SourceView {
    /// Its id, unique within the run.
    pub id: String,
    /// Its path as given.
    pub path: String,
    /// What it says about itself (title, outlet, date, URL, …).
    #[serde(flatten)]
    pub meta: crate::load::Meta,
}

/// One place an entity is named.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct MentionView {
    /// The source's id.
    pub source: String,
    /// The name as written.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// An entity with every place it is named.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct EntityView {
    /// Its id within the run (`e1`, `e2`, …).
    pub id: String,
    /// The name it goes by (the most common full form, or the style book's).
    pub canonical: String,
    /// Person, place, organisation or other.
    pub kind: crate::mentions::EntityKind,
    /// Every mention, in source and text order.
    pub mentions: Vec<MentionView>,
}

/// One cited place as the report shows it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct EvidenceView {
    /// The source's id.
    pub source: String,
    /// The cited span's exact text in the file.
    pub text: String,
    /// The sentence around it.
    pub context: String,
    /// 1-based line where the span starts.
    pub line: usize,
    /// 1-based column where it starts, in characters.
    pub column: usize,
    /// Where the cited span ends (exclusive column), for editors and SARIF.
    pub end_line: usize,
    /// Where it ends: exclusive column on `end_line`.
    pub end_column: usize,
    /// For numeric findings, the value the source states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueView>,
}

/// A finding as every format prints it.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct FindingView {
    /// Stable id (rule, subject and values; never positions or sources).
    pub id: String,
    /// The rule's id.
    pub rule: String,
    /// Spelling, numeric, attribute or quote.
    pub kind: FindingKind,
    /// Error, warning or info.
    pub severity: Severity,
    /// For spelling findings: misspelling, style or form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<crate::resolve::variant::VariantClass>,
    /// What it is about, as an editor would name it.
    pub subject: String,
    /// The rule's message with values and sources filled in.
    pub message: String,
    /// With three or more sources: the value most give, and which sources differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub majority: Option<MajorityView>,
    /// The story the finding belongs to, in runs of several (or named) stories.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<String>,
    /// Every cited place, in source and text order.
    pub evidence: Vec<EvidenceView>,
}

/// The odd one out of a finding: the majority's value, its sources and the others.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct MajorityView {
    /// The value most sources give.
    pub value: String,
    /// The sources that give it.
    pub sources: Vec<String>,
    /// The sources that give another value.
    pub differ: Vec<String>,
}

/// A number a source states (`claims` output).
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ClaimView {
    /// Its id within the run.
    pub id: String,
    /// The source's id.
    pub source: String,
    /// The number phrase as written.
    pub text: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What kind of number it is.
    #[serde(rename = "type")]
    pub kind: crate::claims::NumberKind,
    /// The bounds as written.
    pub value: ValueView,
    /// Its hedge ("about", "more than", exact).
    pub qualifier: crate::claims::Qualifier,
    /// The unit written with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A vague amount ("dozens") rather than a figure.
    pub vague: bool,
    /// The thing counted, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The head word of the subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_head: Option<String>,
    /// The verb the number goes with, in its base form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verb: Option<String>,
    /// Words that tie the number to its context (years, places).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(default)]
    pub anchors: Vec<String>,
    /// The entities named in its sentence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(default)]
    pub entities: Vec<String>,
    /// Who the sentence says stated it ("police said").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// The sentence around it.
    pub context: String,
    /// The typed fact: slot, value in canonical units, key, as-of time.
    pub fact: FactView,
}

/// A claim's typed fact as the report shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct FactView {
    /// What the number is (count, amount, time of day, age, …).
    pub slot: crate::claims::Slot,
    /// The value in the slot's canonical unit.
    pub value: ValueView,
    /// The canonical unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// What else must agree for two facts to be the same quantity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// For a time of day, the moment of the event it marks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phase: Option<crate::claims::Phase>,
    /// For a time of day, hours ahead of UTC when a zone is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_offset: Option<f64>,
    /// An age range of a group, not one person's age.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[schemars(default)]
    pub group: bool,
    /// When the fact holds.
    pub as_of: crate::claims::AsOf,
}

impl From<&crate::claims::Fact> for FactView {
    fn from(f: &crate::claims::Fact) -> Self {
        FactView {
            slot: f.slot,
            value: f.value.into(),
            unit: f.unit.clone(),
            key: f.key.clone(),
            phase: f.phase,
            utc_offset: f.utc_offset,
            group: f.group,
            as_of: f.as_of.clone(),
        }
    }
}

/// One attribute a source states (`claims` output): of an entity, or of the event.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AttributeView {
    /// The source's id.
    pub source: String,
    /// The entity it is said of; absent for the story's event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Which slot the value fills.
    pub slot: crate::vocab::AttributeKind,
    /// The name of the rule-defined slot, when `slot` is `custom`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom: Option<String>,
    /// The words as written.
    pub text: String,
    /// What is compared ("acting chief", a state, "not charged").
    pub key: String,
    /// A role the person had ("former").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[schemars(default)]
    pub past: bool,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Who the sentence says stated it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// The sentence around it.
    pub context: String,
}

impl AttributeView {
    /// The slot's name as printed: a rule-defined slot's own name, else the built-in's.
    pub fn slot_name(&self) -> &str {
        self.custom.as_deref().unwrap_or(self.slot.as_str())
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The counts of a run, as the last line of the table and `summary` in JSON.
#[derive(
    Debug, Clone, Serialize, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Summary {
    /// Stories compared, in runs of several (or named) stories; 0 (and left out of the
    /// JSON) for a run of one unnamed story.
    #[serde(skip_serializing_if = "is_zero", default)]
    #[schemars(default)]
    pub stories: usize,
    /// Sources read.
    pub sources: usize,
    /// Entities found.
    pub entities: usize,
    /// Numbers read.
    pub claims: usize,
    /// Findings reported (after suppressions, new-file mode and the baseline).
    pub findings: usize,
    /// Of which errors.
    pub errors: usize,
    /// Of which warnings.
    pub warnings: usize,
    /// Of which info.
    pub infos: usize,
    /// Findings dropped by ignore rules and source suppressions.
    pub suppressed: usize,
    /// Findings dropped because the baseline lists them.
    pub baselined: usize,
}

/// The whole report as plain records.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// The JSON contract's version.
    pub version: u32,
    /// Every source.
    pub sources: Vec<SourceView>,
    /// Every entity.
    pub entities: Vec<EntityView>,
    /// Every finding.
    pub findings: Vec<FindingView>,
    /// Every number (`claims` output only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<ClaimView>>,
    /// Facts about people and the event (`claims` output only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<AttributeView>>,
    /// The counts.
    pub summary: Summary,
    /// In a `--shard K/N` run's report only: what `factdiff merge` needs to join the
    /// shards into the report of one run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<merge::ShardView>,
}

/// One quotation as `factdiff quotes` prints it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QuoteView {
    /// The source's id.
    pub source: String,
    /// The line where the quotation starts (1-based, in the source file).
    pub line: usize,
    /// The column where it starts (1-based).
    pub column: usize,
    /// The line where it ends.
    pub end_line: usize,
    /// The column just after its end.
    pub end_column: usize,
    /// How it sits in its text.
    pub form: crate::quotes::QuoteForm,
    /// An answer in a transcript, attributed to its speaker label.
    pub transcript: bool,
    /// The words quoted; pieces of a broken quotation are joined by " ¶ ".
    pub text: String,
    /// The speaker's name as the source writes it, when one was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The entity id of the speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_id: Option<String>,
    /// How the speaker was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<crate::quotes::How>,
}

/// `factdiff quotes --format json`: every quotation of the run.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QuoteList {
    /// Every quotation, by source and position.
    pub quotes: Vec<QuoteView>,
}

/// Which entities matter to the story, by entity index: people named with a role (a
/// title, an affiliation or an occupation), anyone quoted, and organisations and places
/// named in more than one source. `names` and the HTML entity index list these first,
/// so an editor reads the story's cast before the passing mentions.
pub fn entities_that_matter(a: &Analysis) -> Vec<bool> {
    use crate::mentions::EntityKind;
    use crate::vocab::AttributeKind;
    let mut owner = vec![usize::MAX; a.mentions.len()];
    for (i, e) in a.entities.iter().enumerate() {
        for &m in &e.mentions {
            owner[m] = i;
        }
    }
    let mut matters = vec![false; a.entities.len()];
    let mut mark = |i: usize| {
        if let Some(x) = matters.get_mut(i) {
            *x = true;
        }
    };
    for at in &a.attributes {
        let role = matches!(
            at.kind,
            AttributeKind::Title | AttributeKind::Affiliation | AttributeKind::Occupation
        );
        if let (true, Some(&i)) = (role, at.mention.and_then(|m| owner.get(m))) {
            mark(i);
        }
    }
    for q in &a.quotes {
        if let Some(i) = q.speaker {
            mark(i);
        }
    }
    for (i, e) in a.entities.iter().enumerate() {
        if matches!(e.kind, EntityKind::Place | EntityKind::Org) {
            let first = e.mentions.first().map(|&m| a.mentions[m].doc);
            if e.mentions.iter().any(|&m| Some(a.mentions[m].doc) != first) {
                mark(i);
            }
        }
    }
    matters
}

/// The attributes of a run, as records.
pub fn attribute_views(a: &Analysis) -> Vec<AttributeView> {
    let entity_of = crate::resolve::entity_of(&a.entities, a.mentions.len());
    a.attributes
        .iter()
        .map(|t| {
            let doc = &a.docs[t.doc];
            let (line, column) = doc.line_col(t.span.start);
            AttributeView {
                source: doc.source.id.clone(),
                entity: t
                    .mention
                    .and_then(|m| entity_of.get(m).copied().flatten())
                    .map(|e| a.entities[e].id.clone()),
                slot: t.kind,
                custom: t.custom.clone(),
                text: doc.raw_text(t.span).to_string(),
                key: t.key.clone(),
                past: t.past,
                line,
                column,
                attributed_to: t.attributed_to.map(|e| a.entities[e].id.clone()),
                context: context(doc, a.sentences[t.doc][t.sentence].span),
            }
        })
        .collect()
}

/// The source text of a span, whitespace folded (for one-line contexts).
fn context(doc: &Document, span: Span) -> String {
    crate::span::one_line(doc.raw_text(span))
}

/// Builds the report records. `with_claims` adds the `claims` array.
pub fn view(a: &Analysis, with_claims: bool) -> Report {
    let src = |d: usize| a.docs[d].source.id.clone();
    let named = a.named_stories();
    let story = |d: usize| a.story_of(d).and_then(|s| s.name.clone()).filter(|_| named);
    let sources = a
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut meta = d.source.meta.clone();
            if named {
                meta.story = story(i);
            }
            SourceView {
                id: d.source.id.clone(),
                path: d.source.path.clone(),
                meta,
            }
        })
        .collect();
    use rayon::prelude::*;
    let entities = a
        .entities
        .par_iter()
        .map(|e| EntityView {
            id: e.id.clone(),
            canonical: e.canonical.clone(),
            kind: e.kind,
            mentions: e
                .mentions
                .iter()
                .map(|&m| {
                    let m = &a.mentions[m];
                    let doc = &a.docs[m.doc];
                    let (line, column) = doc.line_col(m.span.start);
                    MentionView {
                        source: src(m.doc),
                        text: doc.raw_text(m.span).to_string(),
                        line,
                        column,
                    }
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    let findings: Vec<FindingView> = a
        .findings
        .par_iter()
        .map(|f| FindingView {
            id: f.id.clone(),
            rule: f.rule.clone(),
            kind: f.kind,
            severity: f.severity,
            class: f.class,
            subject: f.subject.to_string(),
            message: bound_message(&f.message, MESSAGE_ITEMS),
            majority: f.majority.as_ref().map(|m| MajorityView {
                value: m.value.clone(),
                sources: m.agree.iter().map(|&d| src(d)).collect(),
                differ: m.differ.iter().map(|&d| src(d)).collect(),
            }),
            story: f.evidence.first().and_then(|e| story(e.doc)),
            evidence: f
                .evidence
                .iter()
                .map(|ev| {
                    let doc = &a.docs[ev.doc];
                    let (line, column) = doc.line_col(ev.span.start);
                    let (end_line, end_column) = doc.line_col_end(ev.span.end);
                    EvidenceView {
                        source: src(ev.doc),
                        text: doc.raw_text(ev.span).to_string(),
                        context: context(doc, ev.sentence),
                        line,
                        column,
                        end_line,
                        end_column,
                        value: ev.value.map(ValueView::from),
                    }
                })
                .collect(),
        })
        .collect();
    let claims = with_claims.then(|| {
        a.claims
            .par_iter()
            .enumerate()
            .map(|(i, c)| {
                let doc = &a.docs[c.doc];
                let (line, column) = doc.line_col(c.span.start);
                ClaimView {
                    id: format!("c{}", i + 1),
                    source: src(c.doc),
                    text: doc.raw_text(c.span).to_string(),
                    line,
                    column,
                    kind: c.kind,
                    value: c.value.into(),
                    qualifier: c.qualifier,
                    unit: c.unit.clone(),
                    vague: c.vague,
                    subject: c.subject.clone(),
                    subject_head: c.subject_head.clone(),
                    verb: c.verb.clone(),
                    anchors: c.anchors.clone(),
                    entities: c
                        .entities
                        .iter()
                        .map(|&e| a.entities[e].id.clone())
                        .collect(),
                    attributed_to: c.attributed_to.map(|e| a.entities[e].id.clone()),
                    context: context(doc, a.sentences[c.doc][c.sentence].span),
                    fact: (&c.fact).into(),
                }
            })
            .collect()
    });
    let attributes = with_claims.then(|| attribute_views(a));
    let count = |s: Severity| a.findings.iter().filter(|f| f.severity == s).count();
    let summary = Summary {
        stories: if named { a.stories.len() } else { 0 },
        sources: a.docs.len(),
        entities: a.entities.len(),
        claims: a.claim_count,
        findings: a.findings.len(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        suppressed: a.suppressed,
        baselined: a.baselined,
    };
    Report {
        version: JSON_VERSION,
        sources,
        entities,
        findings,
        claims,
        attributes,
        summary,
        shard: None,
    }
}

/// Makes source text safe to print on a terminal: control, bidi-override and
/// zero-width characters are shown as `\u{…}` escapes instead of acting on the screen.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}');
        if bad {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Items of a list a message names in full (sources, values, spellings).
pub const MESSAGE_ITEMS: usize = 10;

/// Bounds a message's lists: past `n` items, a list of values (" vs ") or of sources
/// (", ", inside or outside parentheses) ends with "and K more". A finding among
/// thousands of sources then has a message of bounded length, and printers that repeat
/// the message on every row of evidence stay linear in the evidence. Messages with
/// shorter lists are returned unchanged.
pub fn bound_message(m: &str, n: usize) -> String {
    if m.matches(", ").count() < n && m.matches(" vs ").count() < n {
        return m.to_string();
    }
    // Parenthesised source lists first, then the top level.
    let mut out = String::with_capacity(m.len().min(4096));
    let mut depth = 0usize;
    let mut group = String::new();
    for c in m.chars() {
        match c {
            '(' => {
                if depth == 0 {
                    out.push('(');
                } else {
                    group.push(c);
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push_str(&bound_list(&group, ", ", n));
                    out.push(')');
                    group.clear();
                } else {
                    group.push(c);
                }
            }
            _ if depth > 0 => group.push(c),
            _ => out.push(c),
        }
    }
    if depth > 0 {
        out.push_str(&group);
    }
    let out = bound_list(&out, " vs ", n);
    bound_top_level(&out, n)
}

/// `s` split on `sep`, at most `n` items kept, then "and K more".
fn bound_list(s: &str, sep: &str, n: usize) -> String {
    let items: Vec<&str> = s.split(sep).collect();
    if items.len() <= n {
        return s.to_string();
    }
    format!("{} and {} more", items[..n].join(sep), items.len() - n)
}

/// Bounds a ", " list outside parentheses (a spelling finding's forms).
fn bound_top_level(s: &str, n: usize) -> String {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' if depth == 0 && b.get(i + 1) == Some(&b' ') => cuts.push(i),
            _ => {}
        }
    }
    if cuts.len() < n {
        return s.to_string();
    }
    format!("{} and {} more", &s[..cuts[n - 1]], cuts.len() + 1 - n)
}

/// At most `n` items joined with ", ", then "and K more": a message that names the
/// sources of a finding stays short however many there are.
pub fn few<S: AsRef<str>>(items: &[S], n: usize) -> String {
    let shown: Vec<&str> = items.iter().take(n).map(AsRef::as_ref).collect();
    let mut out = shown.join(", ");
    if items.len() > n {
        out.push_str(&format!(" and {} more", items.len() - n));
    }
    out
}

impl Report {
    /// The report with every string that came from input made safe for a terminal or
    /// a CI log ([`sanitize`]): the one place where the text printers clean their
    /// input. (JSON and HTML escape by their own rules and print the view as it is.)
    // `..meta` lets fields added to `Meta` later pass through (unsanitised, to be
    // listed here).
    #[allow(clippy::needless_update)]
    pub fn sanitized(&self) -> Report {
        let c = |s: &String| sanitize(s);
        let co = |s: &Option<String>| s.as_deref().map(sanitize);
        let sources = self
            .sources
            .iter()
            .map(|s| SourceView {
                id: c(&s.id),
                path: c(&s.path),
                meta: crate::load::Meta {
                    title: co(&s.meta.title),
                    outlet: co(&s.meta.outlet),
                    date: co(&s.meta.date),
                    url: co(&s.meta.url),
                    story: co(&s.meta.story),
                    ignore: s.meta.ignore.iter().map(c).collect(),
                    ..s.meta.clone()
                },
            })
            .collect();
        let entities = self
            .entities
            .iter()
            .map(|e| EntityView {
                id: c(&e.id),
                canonical: c(&e.canonical),
                kind: e.kind,
                mentions: e
                    .mentions
                    .iter()
                    .map(|m| MentionView {
                        source: c(&m.source),
                        text: c(&m.text),
                        ..m.clone()
                    })
                    .collect(),
            })
            .collect();
        let findings = self
            .findings
            .iter()
            .map(|f| FindingView {
                id: c(&f.id),
                rule: c(&f.rule),
                subject: c(&f.subject),
                message: c(&f.message),
                story: co(&f.story),
                evidence: f
                    .evidence
                    .iter()
                    .map(|e| EvidenceView {
                        source: c(&e.source),
                        text: c(&e.text),
                        context: c(&e.context),
                        ..e.clone()
                    })
                    .collect(),
                ..f.clone()
            })
            .collect();
        let claims = self.claims.as_ref().map(|cs| {
            cs.iter()
                .map(|x| ClaimView {
                    id: c(&x.id),
                    source: c(&x.source),
                    text: c(&x.text),
                    unit: co(&x.unit),
                    subject: co(&x.subject),
                    subject_head: co(&x.subject_head),
                    verb: co(&x.verb),
                    anchors: x.anchors.iter().map(c).collect(),
                    entities: x.entities.iter().map(c).collect(),
                    attributed_to: co(&x.attributed_to),
                    context: c(&x.context),
                    ..x.clone()
                })
                .collect()
        });
        let attributes = self.attributes.as_ref().map(|xs| {
            xs.iter()
                .map(|x| AttributeView {
                    source: c(&x.source),
                    entity: co(&x.entity),
                    text: c(&x.text),
                    key: c(&x.key),
                    attributed_to: co(&x.attributed_to),
                    context: c(&x.context),
                    ..x.clone()
                })
                .collect()
        });
        Report {
            version: self.version,
            sources,
            entities,
            findings,
            claims,
            attributes,
            summary: self.summary.clone(),
            shard: self.shard.clone(),
        }
    }

    /// Each source's path by its id, for printers that cite paths per evidence (a
    /// look-up per row, not a scan of every source).
    pub fn paths(&self) -> std::collections::HashMap<&str, &str> {
        self.sources
            .iter()
            .map(|s| (s.id.as_str(), s.path.as_str()))
            .collect()
    }

    /// The path of a source, by id.
    pub fn path_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.sources
            .iter()
            .find(|s| s.id == id)
            .map_or(id, |s| s.path.as_str())
    }
}

impl Summary {
    /// "3 sources, 40 entities, 25 claims, 7 findings (2 errors, 5 warnings, 0 info)"
    pub fn line(&self) -> String {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut suppressed = String::new();
        if self.suppressed > 0 {
            suppressed.push_str(&format!("; {} suppressed", self.suppressed));
        }
        if self.baselined > 0 {
            suppressed.push_str(&format!("; {} in the baseline", self.baselined));
        }
        let stories = if self.stories > 0 {
            format!("{}, ", plural(self.stories, "story", "stories"))
        } else {
            String::new()
        };
        format!(
            "{stories}{}, {}, {}, {} ({}, {}, {} info){suppressed}",
            plural(self.sources, "source", "sources"),
            plural(self.entities, "entity", "entities"),
            plural(self.claims, "claim", "claims"),
            plural(self.findings, "finding", "findings"),
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            self.infos
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the entities `entities_that_matter` marks.
    fn that_matter(texts: &[&str]) -> Vec<String> {
        use crate::load::{Document, Format};
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let id = format!("s{i}");
                Document::new(&id, &format!("{id}.txt"), t.to_string(), Format::Text).0
            })
            .collect();
        let a = crate::analyze(docs, &crate::rules::RuleSet::builtin());
        let matters = entities_that_matter(&a);
        let mut out: Vec<String> = a
            .entities
            .iter()
            .zip(matters)
            .filter(|(_, m)| *m)
            .map(|(e, _)| e.canonical.clone())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_story_s_cast_is_people_with_a_role_or_a_quote_and_places_in_two_sources() {
        let got = that_matter(&[
            "Acting Chief Mara Velk said the fire at the Orlen Works began at noon. \
             Tobin Sarro, who lives in Kettleby, watched it.",
            "\"We were lucky,\" said Ilsa Darrow. The Orlen Works is closed, Velk said.",
        ]);
        // A title (Velk), a quotation (Darrow), an organisation in both sources (Orlen
        // Works); a person named once with no role and a place in one source are not.
        assert_eq!(got, ["Ilsa Darrow", "Mara Velk", "Orlen Works"]);
    }

    #[test]
    fn whole_numbers_have_no_fraction() {
        let v = ValueView {
            low: Some(1000.0),
            high: Some(2.5),
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"low":1000,"high":2.5}"#
        );
        let open = ValueView {
            low: Some(200.0),
            high: None,
        };
        assert_eq!(
            serde_json::to_string(&open).unwrap(),
            r#"{"low":200,"high":null}"#
        );
    }

    #[test]
    fn sanitize_escapes_terminal_controls() {
        assert_eq!(sanitize("a\u{1b}[31mb\u{202E}c"), "a\\u{1b}[31mb\\u{202e}c");
        assert_eq!(sanitize("plain “text”\n"), "plain “text”\n");
    }

    #[test]
    fn summary_line_counts() {
        let mut s = Summary {
            stories: 0,
            sources: 3,
            entities: 1,
            claims: 2,
            findings: 1,
            errors: 1,
            warnings: 0,
            infos: 0,
            suppressed: 0,
            baselined: 0,
        };
        assert_eq!(
            s.line(),
            "3 sources, 1 entity, 2 claims, 1 finding (1 error, 0 warnings, 0 info)"
        );
        s.stories = 2;
        assert!(
            s.line().starts_with("2 stories, 3 sources,"),
            "{}",
            s.line()
        );
    }
}
