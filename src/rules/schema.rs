//! The rule file format: a YAML list of rules, each with the shared header (`id`,
//! `kind`, `message`, `severity`, optional `description` and `enabled`) and the body of
//! its kind. Parsed strictly: unknown keys, wrong types, keys that belong to another
//! kind and regexes over the size limit are errors with file, line and column.
//!
//! A file is read twice: once for each rule's `kind`, then each rule into the raw struct
//! of its kind (one per [`RuleKind`], each with `deny_unknown_fields`), so that serde
//! itself refuses a key the kind does not have, at its line and column.

use std::fmt;

use regex::{Regex, RegexBuilder};
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::attribute::{AttributeRule, CustomSlot, SlotOwner};
use super::ignore::IgnoreRule;
use super::numeric::{MatchSpec, NumericRule, Tolerance};
use super::quote::{QuoteCheck, QuoteRule};
use super::spelling::SpellingRule;
use super::{Rule, RuleBody};
use crate::vocab::AttributeKind;
use crate::vocab::{Origin, RuleKind, Severity};
use crate::yaml::YamlError;

/// Compiled regexes may not grow past this (bytes), so a hostile rule cannot hang us.
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// The lazy DFA cache of a slot pattern (bytes; the `regex` crate's default). A slot
/// pattern is run on every person's words: with the small cache of
/// [`REGEX_SIZE_LIMIT`] a bounded repetition (`[^.;]{0,60}?`) fills it again and
/// again and the states are rebuilt each time. The cache only grows as states are
/// built, and this bound still holds a hostile pattern's memory.
pub const SLOT_DFA_CACHE: usize = 2 * 1024 * 1024;
/// Longest pattern text accepted.
pub const REGEX_MAX_LEN: usize = 1024;

/// The keys every rule has, whatever its kind.
const HEADER: &[&str] = &[
    "id",
    "kind",
    "message",
    "severity",
    "description",
    "enabled",
];

/// Defines the raw struct of one rule kind: the shared header and the kind's own keys
/// (`"yaml key" field: Type`), with `deny_unknown_fields`, and `KEYS`, the kind's own
/// keys, for the message that names the keys a kind allows.
macro_rules! raw_rule {
    ($(#[$meta:meta])* $name:ident { $($key:literal $field:ident: $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            id: Spanned<String>,
            /// Read in the first pass; present here so that it is not an unknown key.
            #[allow(dead_code)]
            kind: Spanned<String>,
            message: Option<Spanned<String>>,
            severity: Option<Spanned<String>>,
            description: Option<String>,
            enabled: Option<bool>,
            $(#[serde(rename = $key)] $field: $ty,)*
        }

        impl $name {
            const KEYS: &'static [&'static str] = &[$($key,)*];

            fn header(&self, origin: &Origin) -> Result<Header, YamlError> {
                header(origin, &self.id, &self.message, &self.severity, &self.description, self.enabled)
            }
        }
    };
}

raw_rule! {
    /// `kind: numeric`
    RawNumeric {
        "match" match_: Option<Spanned<MatchSpec>>,
        "tolerance" tolerance: Option<Spanned<Tolerance>>,
        "approximately" approximately: Option<Spanned<f64>>,
        "error_ratio" error_ratio: Option<Spanned<f64>>,
    }
}

raw_rule! {
    /// `kind: attribute`
    RawAttribute {
        "attributes" attributes: Option<Spanned<Vec<AttributeKind>>>,
        "min_similarity" min_similarity: Option<Spanned<f64>>,
        "slot" slot: Option<Spanned<RawSlot>>,
    }
}

/// A user-defined attribute slot as written (see [`CustomSlot`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlot {
    name: Spanned<String>,
    of: SlotOwner,
    pattern: Spanned<String>,
    words: Spanned<std::collections::BTreeMap<String, Vec<String>>>,
}

/// The placeholder in a slot's pattern that stands for its words.
const WORDS_PLACEHOLDER: &str = "{words}";

impl RawSlot {
    fn compile(self, origin: &Origin) -> Result<CustomSlot, YamlError> {
        let name = &self.name.value;
        let well_formed = name.starts_with(|c: char| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !well_formed {
            return Err(err(
                origin,
                &self.name.referenced,
                format!("slot name `{name}` must be lower case letters, digits and `_`, starting with a letter"),
            ));
        }
        if AttributeKind::ALL.iter().any(|k| k.as_str() == name) {
            return Err(err(
                origin,
                &self.name.referenced,
                format!("slot name `{name}` is a built-in slot; name it in `attributes` instead"),
            ));
        }
        let (written, words) = slot_words(origin, &self.words)?;
        let pattern = &self.pattern.value;
        if !pattern.contains(WORDS_PLACEHOLDER) {
            return Err(err(
                origin,
                &self.pattern.referenced,
                format!("`pattern` must contain `{WORDS_PLACEHOLDER}`, where one of the slot's words is written"),
            ));
        }
        if pattern.len() > REGEX_MAX_LEN {
            return Err(err(
                origin,
                &self.pattern.referenced,
                format!(
                    "pattern is {} bytes long, over the limit of {REGEX_MAX_LEN}",
                    pattern.len()
                ),
            ));
        }
        if pattern.contains("<value>") {
            return Err(err(
                origin,
                &self.pattern.referenced,
                "`pattern` may not name a group `value`: `{words}` is that group".into(),
            ));
        }
        // Longest words first, so that "assault rifle" wins over "rifle".
        let mut alternatives: Vec<&String> = written.iter().collect();
        alternatives.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation = alternatives
            .iter()
            .map(|w| {
                w.split(' ')
                    .map(regex::escape)
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|");
        let expanded = pattern.replacen(WORDS_PLACEHOLDER, &format!("(?P<value>{alternation})"), 1);
        if expanded.contains(WORDS_PLACEHOLDER) {
            return Err(err(
                origin,
                &self.pattern.referenced,
                format!("`pattern` may contain `{WORDS_PLACEHOLDER}` only once"),
            ));
        }
        let compiled = RegexBuilder::new(&expanded)
            .case_insensitive(true)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(SLOT_DFA_CACHE)
            .nest_limit(64)
            .build()
            .map_err(|e| {
                let msg = e.to_string();
                let last = msg.lines().last().unwrap_or(&msg).trim().to_string();
                err(
                    origin,
                    &self.pattern.referenced,
                    format!("invalid slot pattern `{pattern}`: {last}"),
                )
            })?;
        Ok(CustomSlot {
            name: name.clone(),
            of: self.of,
            pattern: compiled,
            words,
        })
    }
}

/// A slot's words as written (single spaces) and each word, lower-cased, to its key;
/// every key is one of its own words. A word under two keys, an empty key or word, or
/// no words at all are errors.
type SlotWords = (Vec<String>, std::collections::BTreeMap<String, String>);

fn slot_words(
    origin: &Origin,
    raw: &Spanned<std::collections::BTreeMap<String, Vec<String>>>,
) -> Result<SlotWords, YamlError> {
    let spaced = crate::span::one_line;
    let mut written = Vec::new();
    let mut keys = std::collections::BTreeMap::new();
    for (key, list) in &raw.value {
        let key_written = spaced(key);
        let key = key_written.to_lowercase();
        for w in std::iter::once(&key_written).chain(list.iter()) {
            let w = spaced(w);
            if w.is_empty() || key.is_empty() {
                return Err(err(
                    origin,
                    &raw.referenced,
                    "slot words and keys may not be empty".into(),
                ));
            }
            match keys.insert(w.to_lowercase(), key.clone()) {
                Some(other) if other != key => {
                    return Err(err(
                        origin,
                        &raw.referenced,
                        format!("slot word `{w}` is listed under both `{other}` and `{key}`"),
                    ))
                }
                _ => {}
            }
            if !written.contains(&w) {
                written.push(w);
            }
        }
    }
    if keys.is_empty() {
        return Err(err(
            origin,
            &raw.referenced,
            "a slot needs at least one value in `words`".into(),
        ));
    }
    Ok((written, keys))
}

raw_rule! {
    /// `kind: spelling`
    RawSpelling {
        "style_severity" style_severity: Option<Spanned<String>>,
        "form_severity" form_severity: Option<Spanned<String>>,
        "style_class_severity" style_class_severity: Option<Spanned<String>>,
    }
}

raw_rule! {
    /// `kind: quote`
    RawQuote {
        "check" check: Option<Spanned<QuoteCheck>>,
        "min_words" min_words: Option<Spanned<usize>>,
        "min_overlap" min_overlap: Option<Spanned<f64>>,
        "trivial_words" trivial_words: Option<Spanned<Vec<String>>>,
        "minor_words" minor_words: Option<Spanned<Vec<String>>>,
    }
}

raw_rule! {
    /// `kind: ignore`
    RawIgnore {
        "rules" rules: Option<Spanned<Vec<String>>>,
        "entities" entities: Option<Spanned<Vec<String>>>,
        "sources" sources: Option<Spanned<Vec<String>>>,
        "patterns" patterns: Option<Spanned<Vec<String>>>,
    }
}

/// One rule as written, read into the struct of its kind.
#[derive(Debug)]
enum RawRule {
    Numeric(RawNumeric),
    Attribute(RawAttribute),
    Spelling(RawSpelling),
    Quote(RawQuote),
    Ignore(RawIgnore),
}

/// The keys a rule of `kind` may have besides the header.
fn kind_keys(kind: RuleKind) -> &'static [&'static str] {
    match kind {
        RuleKind::Numeric => RawNumeric::KEYS,
        RuleKind::Attribute => RawAttribute::KEYS,
        RuleKind::Spelling => RawSpelling::KEYS,
        RuleKind::Quote => RawQuote::KEYS,
        RuleKind::Ignore => RawIgnore::KEYS,
    }
}

/// Reads one rule into the raw struct of a kind known from the first pass.
struct OneRule(RuleKind);

impl<'de> DeserializeSeed<'de> for OneRule {
    type Value = RawRule;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<RawRule, D::Error> {
        Ok(match self.0 {
            RuleKind::Numeric => RawRule::Numeric(RawNumeric::deserialize(d)?),
            RuleKind::Attribute => RawRule::Attribute(RawAttribute::deserialize(d)?),
            RuleKind::Spelling => RawRule::Spelling(RawSpelling::deserialize(d)?),
            RuleKind::Quote => RawRule::Quote(RawQuote::deserialize(d)?),
            RuleKind::Ignore => RawRule::Ignore(RawIgnore::deserialize(d)?),
        })
    }
}

/// Reads the list of rules, the i-th into the struct of the i-th kind, noting which
/// rule it is reading (so that an error can name that rule's kind).
struct AllRules<'a> {
    kinds: &'a [RuleKind],
    at: &'a std::cell::Cell<usize>,
}

impl<'de> DeserializeSeed<'de> for AllRules<'_> {
    type Value = Vec<RawRule>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<RawRule>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for AllRules<'_> {
    type Value = Vec<RawRule>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of rules")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<RawRule>, A::Error> {
        let mut out = Vec::with_capacity(self.kinds.len());
        for (i, &kind) in self.kinds.iter().enumerate() {
            self.at.set(i);
            match seq.next_element_seed(OneRule(kind))? {
                Some(r) => out.push(r),
                None => break,
            }
        }
        Ok(out)
    }
}

/// The first pass: only each rule's `kind` (other keys are read in the second).
#[derive(Debug, Deserialize)]
struct KindOnly {
    kind: Spanned<String>,
}

/// The header of a rule, checked.
struct Header {
    id: String,
    message: String,
    severity: Severity,
    description: String,
    enabled: bool,
}

fn err(origin: &Origin, loc: &serde_saphyr::Location, message: String) -> YamlError {
    YamlError {
        origin: origin.to_string(),
        line: Some(loc.line()),
        column: Some(loc.column()),
        message,
    }
}

fn severity(origin: &Origin, s: &Spanned<String>) -> Result<Severity, YamlError> {
    Severity::parse(&s.value).ok_or_else(|| {
        let names: Vec<&str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
        err(
            origin,
            &s.referenced,
            format!(
                "unknown severity `{}`, expected one of: {}",
                s.value,
                names.join(", ")
            ),
        )
    })
}

/// Compiles a rule regex under the size limits.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    if pattern.len() > REGEX_MAX_LEN {
        return Err(format!(
            "regex is {} bytes long, over the limit of {REGEX_MAX_LEN}",
            pattern.len()
        ));
    }
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(64)
        .build()
        .map_err(|e| {
            format!(
                "invalid regex `{pattern}`: {}",
                e.to_string().replace('\n', " ")
            )
        })
}

fn regexes(origin: &Origin, list: &Spanned<Vec<String>>) -> Result<Vec<Regex>, YamlError> {
    list.value
        .iter()
        .map(|p| compile_regex(p).map_err(|m| err(origin, &list.referenced, m)))
        .collect()
}

fn non_negative(
    origin: &Origin,
    v: &Option<Spanned<f64>>,
    default: f64,
    what: &str,
) -> Result<f64, YamlError> {
    match v {
        None => Ok(default),
        Some(s) if s.value.is_finite() && s.value >= 0.0 => Ok(s.value),
        Some(s) => Err(err(
            origin,
            &s.referenced,
            format!("`{what}` must be a number ≥ 0"),
        )),
    }
}

fn header(
    origin: &Origin,
    id: &Spanned<String>,
    message: &Option<Spanned<String>>,
    sev: &Option<Spanned<String>>,
    description: &Option<String>,
    enabled: Option<bool>,
) -> Result<Header, YamlError> {
    if id.value.trim().is_empty() {
        return Err(err(origin, &id.referenced, "`id` must not be empty".into()));
    }
    Ok(Header {
        id: id.value.clone(),
        message: message
            .as_ref()
            .map_or_else(|| "{subject}: {values}".into(), |m| m.value.clone()),
        severity: match sev {
            Some(s) => severity(origin, s)?,
            None => Severity::Warning,
        },
        description: description.clone().unwrap_or_default(),
        enabled: enabled.unwrap_or(true),
    })
}

impl RawNumeric {
    fn compile(self, origin: &Origin) -> Result<RuleBody, YamlError> {
        let (m, at) = match self.match_ {
            Some(m) => (m.value, Some(m.referenced)),
            None => (MatchSpec::default(), None),
        };
        let subjects = m
            .subjects
            .iter()
            .map(|p| compile_regex(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|message| match &at {
                Some(loc) => err(origin, loc, message),
                None => YamlError {
                    origin: origin.to_string(),
                    line: None,
                    column: None,
                    message,
                },
            })?;
        let ratio = non_negative(origin, &self.error_ratio, 2.0, "error_ratio")?;
        Ok(RuleBody::Numeric(NumericRule {
            verbs: m.verbs,
            units: m.units,
            subjects,
            slots: m.slots,
            update: m.update,
            tolerance: self.tolerance.map(|t| t.value).unwrap_or_default(),
            approximately: non_negative(origin, &self.approximately, 0.25, "approximately")?,
            error_ratio: ratio.max(1.0),
        }))
    }
}

impl RawAttribute {
    fn compile(self, origin: &Origin) -> Result<RuleBody, YamlError> {
        if let Some(a) = &self.attributes {
            if a.value.contains(&AttributeKind::Custom) {
                return Err(err(
                    origin,
                    &a.referenced,
                    "`custom` is not a slot to name in `attributes`; define a slot with `slot:`"
                        .into(),
                ));
            }
            if let Some(slot) = self.slot.as_ref().filter(|_| !a.value.is_empty()) {
                return Err(err(
                    origin,
                    &slot.referenced,
                    "a rule either names built-in `attributes` or defines one `slot`, not both"
                        .into(),
                ));
            }
        }
        let custom = match self.slot {
            Some(slot) => Some(slot.value.compile(origin)?),
            None => None,
        };
        Ok(RuleBody::Attribute(AttributeRule {
            attributes: self.attributes.map(|a| a.value).unwrap_or_default(),
            min_similarity: non_negative(origin, &self.min_similarity, 0.3, "min_similarity")?,
            custom,
        }))
    }
}

impl RawSpelling {
    fn compile(self, origin: &Origin) -> Result<RuleBody, YamlError> {
        Ok(RuleBody::Spelling(SpellingRule {
            style_severity: match &self.style_severity {
                Some(s) => severity(origin, s)?,
                None => Severity::Error,
            },
            form_severity: match &self.form_severity {
                Some(s) => severity(origin, s)?,
                None => Severity::Info,
            },
            style_class_severity: match &self.style_class_severity {
                Some(s) => severity(origin, s)?,
                None => Severity::Info,
            },
        }))
    }
}

impl RawQuote {
    fn compile(self, origin: &Origin) -> Result<RuleBody, YamlError> {
        let Some(check) = self.check else {
            return Err(err(
                origin,
                &self.kind.referenced,
                "a rule of kind `quote` needs `check`: wording, speaker or paraphrase".into(),
            ));
        };
        let overlap = non_negative(origin, &self.min_overlap, 0.6, "min_overlap")?;
        if let Some(m) = self.min_overlap.as_ref().filter(|_| overlap > 1.0) {
            return Err(err(
                origin,
                &m.referenced,
                "`min_overlap` must be between 0 and 1".into(),
            ));
        }
        let words = |v: Option<Spanned<Vec<String>>>| -> Vec<String> {
            v.map(|l| l.value.iter().map(|w| w.to_lowercase()).collect())
                .unwrap_or_default()
        };
        Ok(RuleBody::Quote(QuoteRule {
            check: check.value,
            min_words: self.min_words.map_or(5, |m| m.value).max(1),
            min_overlap: overlap,
            trivial_words: words(self.trivial_words),
            minor_words: words(self.minor_words),
        }))
    }
}

impl RawIgnore {
    fn compile(self, origin: &Origin) -> Result<RuleBody, YamlError> {
        Ok(RuleBody::Ignore(IgnoreRule {
            rules: self.rules.map(|r| r.value).unwrap_or_default(),
            entities: self.entities.map(|r| r.value).unwrap_or_default(),
            sources: self.sources.map(|r| r.value).unwrap_or_default(),
            patterns: match &self.patterns {
                Some(p) => regexes(origin, p)?,
                None => Vec::new(),
            },
        }))
    }
}

impl RawRule {
    fn compile(self, origin: &Origin) -> Result<Rule, YamlError> {
        let (header, body) = match self {
            RawRule::Numeric(r) => (r.header(origin)?, r.compile(origin)?),
            RawRule::Attribute(r) => (r.header(origin)?, r.compile(origin)?),
            RawRule::Spelling(r) => (r.header(origin)?, r.compile(origin)?),
            RawRule::Quote(r) => (r.header(origin)?, r.compile(origin)?),
            RawRule::Ignore(r) => (r.header(origin)?, r.compile(origin)?),
        };
        Ok(Rule {
            id: header.id,
            message: header.message,
            severity: header.severity,
            description: header.description,
            enabled: header.enabled,
            origin: origin.clone(),
            body,
        })
    }
}

/// Serde refuses a key the kind's struct does not have as an unknown field; when the key
/// belongs to another kind, say so and list the keys this kind allows.
fn explain_key_of_another_kind(mut e: YamlError, kind: RuleKind) -> YamlError {
    let Some(key) = e
        .message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
        .map(str::to_string)
    else {
        return e;
    };
    if RuleKind::ALL
        .iter()
        .any(|&k| kind_keys(k).contains(&key.as_str()))
    {
        let mut keys: Vec<&str> = HEADER.to_vec();
        keys.extend(kind_keys(kind));
        e.message = format!(
            "key `{key}` is not allowed in a rule of kind `{kind}`; allowed keys: {}",
            keys.join(", ")
        );
    }
    e
}

/// Parses one rule file: a YAML list of rules.
pub fn parse_file(src: &str, origin: &Origin) -> Result<Vec<Rule>, YamlError> {
    if src.trim().is_empty() {
        return Ok(Vec::new());
    }
    let name = origin.to_string();
    let first: Vec<KindOnly> = crate::yaml::parse(src, &name)?;
    let mut kinds = Vec::with_capacity(first.len());
    for r in &first {
        let Some(kind) = RuleKind::parse(&r.kind.value) else {
            let names: Vec<&str> = RuleKind::ALL.iter().map(|k| k.as_str()).collect();
            return Err(err(
                origin,
                &r.kind.referenced,
                format!(
                    "unknown rule kind `{}`, expected one of: {}",
                    r.kind.value,
                    names.join(", ")
                ),
            ));
        };
        kinds.push(kind);
    }
    let at = std::cell::Cell::new(0);
    let seed = AllRules {
        kinds: &kinds,
        at: &at,
    };
    let raw = crate::yaml::parse_seed(src, &name, seed)
        .map_err(|e| explain_key_of_another_kind(e, kinds[at.get()]))?;
    raw.into_iter().map(|r| r.compile(origin)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Origin {
        Origin::File("r.yaml".into())
    }

    /// An attribute rule defining a slot; `slot_body` is the slot's own lines.
    fn slot_rule(extra: &str, slot_body: &str) -> String {
        format!("- id: w\n  kind: attribute\n  message: m\n  severity: info\n{extra}  slot:\n{slot_body}")
    }

    const WEAPON: &str = "    name: weapon\n    of: event\n    pattern: 'armed with an? {words}'\n    words:\n      rifle: [carbine, assault rifle]\n      handgun: [pistol, revolver]\n";

    #[test]
    fn a_slot_rule_compiles_its_words_into_the_pattern() {
        let rules = parse_file(&slot_rule("", WEAPON), &file()).unwrap();
        let RuleBody::Attribute(a) = &rules[0].body else {
            panic!("an attribute rule");
        };
        let c = a.custom.as_ref().unwrap();
        assert_eq!((c.name.as_str(), c.of), ("weapon", SlotOwner::Event));
        assert!(a.attributes.is_empty());
        let t = "armed with a Revolver, armed with an assault\n rifle, armed with a rifle, armed with a knife";
        let keys: Vec<&str> = c.matches(t).map(|(_, _, k)| k).collect();
        assert_eq!(
            keys,
            ["handgun", "rifle", "rifle"],
            "a key is one of its own words"
        );
        let (a, b, _) = c.matches(t).nth(1).unwrap();
        assert_eq!(&t[a..b], "assault\n rifle", "the longest word wins");
    }

    #[test]
    fn slot_mistakes_are_refused_at_their_line() {
        let words = "    words: { a: [x] }\n";
        let cases: Vec<(String, u64, &str)> = vec![
            (slot_rule("", &format!("    name: Weapon\n    of: event\n    pattern: '{{words}}'\n{words}")), 6, "lower case"),
            (slot_rule("", &format!("    name: title\n    of: event\n    pattern: '{{words}}'\n{words}")), 6, "built-in"),
            (slot_rule("", &format!("    name: w\n    of: event\n    pattern: 'no placeholder'\n{words}")), 8, "{words}"),
            (slot_rule("", &format!("    name: w\n    of: event\n    pattern: '{{words}} {{words}}'\n{words}")), 8, "only once"),
            (slot_rule("", &format!("    name: w\n    of: event\n    pattern: '({{words}}'\n{words}")), 8, "invalid slot pattern"),
            (slot_rule("", &format!("    name: w\n    of: event\n    pattern: '(?P<value>x){{words}}'\n{words}")), 8, "`value`"),
            (slot_rule("", "    name: w\n    of: event\n    pattern: '{words}'\n    words: { a: [x], b: [X] }\n"), 9, "both `a` and `b`"),
            (slot_rule("", "    name: w\n    of: event\n    pattern: '{words}'\n    words: {}\n"), 9, "at least one"),
            (slot_rule("  attributes: [title]\n", &format!("    name: w\n    of: event\n    pattern: '{{words}}'\n{words}")), 7, "not both"),
            (slot_rule("  attributes: [custom]\n", &format!("    name: w\n    of: event\n    pattern: '{{words}}'\n{words}")), 5, "`slot:`"),
            (slot_rule("", &format!("    name: w\n    of: everyone\n    pattern: '{{words}}'\n{words}")), 7, "everyone"),
            (slot_rule("", &format!("    name: w\n    of: event\n    patern: '{{words}}'\n{words}")), 8, "patern"),
        ];
        for (yaml, line, needle) in cases {
            let e = parse_file(&yaml, &file()).unwrap_err();
            assert_eq!(e.line, Some(line), "{yaml}\n{}", e.message);
            assert!(e.message.contains(needle), "{yaml}\n{}", e.message);
        }
    }

    #[test]
    fn a_numeric_rule_compiles() {
        let rules = parse_file(
            "- id: x\n  kind: numeric\n  message: m\n  severity: error\n  match: { verbs: [kill] }\n",
            &file())
        .unwrap();
        assert_eq!(rules[0].id, "x");
        assert_eq!(rules[0].severity, Severity::Error);
        assert!(matches!(rules[0].body, RuleBody::Numeric(_)));
    }

    #[test]
    fn unknown_key_names_line_column_and_expected_keys() {
        let e = parse_file("- id: x\n  kind: numeric\n  tolerence: 1\n", &file()).unwrap_err();
        assert_eq!((e.line, e.origin.as_str()), (Some(3), "r.yaml"));
        assert!(e.message.contains("tolerence"), "{}", e.message);
        assert!(e.message.contains("tolerance"), "{}", e.message);
    }

    #[test]
    fn key_of_another_kind_is_refused_with_the_allowed_keys() {
        let e = parse_file(
            "- id: x\n  kind: attribute\n  tolerance: { relative: 0.1 }\n",
            &file(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("not allowed"), "{}", e.message);
        assert!(e.message.contains("min_similarity"), "{}", e.message);
    }

    #[test]
    fn wrong_type_is_an_error_with_position() {
        let e =
            parse_file("- id: x\n  kind: numeric\n  approximately: wide\n", &file()).unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn unknown_kind_and_severity() {
        let e = parse_file("- id: x\n  kind: nonsense\n", &file()).unwrap_err();
        assert!(
            e.message.contains("expected one of: numeric"),
            "{}",
            e.message
        );
        let e = parse_file("- id: x\n  kind: numeric\n  severity: fatal\n", &file()).unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn bad_and_huge_regexes_are_refused() {
        let e = parse_file(
            "- id: x\n  kind: ignore\n  patterns: ['(unclosed']\n",
            &file(),
        )
        .unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        let huge = format!(
            "- id: x\n  kind: ignore\n  patterns: ['{}']\n",
            "a{1000}{1000}"
        );
        let e = parse_file(&huge, &file()).unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        let long = format!(
            "- id: x\n  kind: ignore\n  patterns: ['{}']\n",
            "a".repeat(5000)
        );
        let e = parse_file(&long, &file()).unwrap_err();
        assert!(e.message.contains("over the limit"), "{}", e.message);
    }

    #[test]
    fn a_bad_subject_regex_names_its_line_and_column() {
        let e = parse_file(
            "- id: x\n  kind: numeric\n  match:\n    subjects: ['(unclosed']\n",
            &file(),
        )
        .unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        assert!(e.line.is_some() && e.column.is_some(), "{e}");
        assert!(e.to_string().starts_with("r.yaml:"), "{e}");
    }

    #[test]
    fn a_key_of_another_kind_names_the_kind_of_its_own_rule() {
        let e = parse_file(
            "- id: a\n  kind: numeric\n  tolerance: { relative: 0.1 }\n- id: b\n  kind: spelling\n  tolerance: { relative: 0.1 }\n",
            &file(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(6), "{e}");
        assert!(
            e.message
                .starts_with("key `tolerance` is not allowed in a rule of kind `spelling`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn every_rule_kind_is_read_into_its_own_body() {
        for &kind in RuleKind::ALL {
            let extra = match kind {
                RuleKind::Quote => "  check: wording\n",
                _ => "",
            };
            let src = format!("- id: x\n  kind: {kind}\n{extra}");
            let rules = parse_file(&src, &file()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(rules[0].body.kind(), kind);
        }
    }
}
