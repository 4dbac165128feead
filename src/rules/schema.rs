//! The rule file format: a YAML list of rules, each with the shared header (`id`,
//! `kind`, `message`, `severity`, optional `description` and `enabled`) and the body of
//! its kind. Parsed strictly: unknown keys, wrong types, keys that belong to another
//! kind and regexes over the size limit are errors with file, line and column.

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::attribute::{AttributeKind, AttributeRule};
use super::ignore::IgnoreRule;
use super::numeric::{MatchSpec, NumericRule, Tolerance};
use super::quote::{QuoteCheck, QuoteRule};
use super::spelling::SpellingRule;
use super::{Rule, RuleBody};
use crate::compare::Severity;
use crate::yaml::YamlError;

/// Compiled regexes may not grow past this (bytes), so a hostile rule cannot hang us.
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// Longest pattern text accepted.
pub const REGEX_MAX_LEN: usize = 1024;

/// Every key a rule may have, of any kind; which ones a kind allows is checked after.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    kind: Spanned<String>,
    message: Option<Spanned<String>>,
    severity: Option<Spanned<String>>,
    description: Option<String>,
    enabled: Option<bool>,
    // numeric
    #[serde(rename = "match")]
    match_: Option<Spanned<MatchSpec>>,
    tolerance: Option<Spanned<Tolerance>>,
    approximately: Option<Spanned<f64>>,
    error_ratio: Option<Spanned<f64>>,
    // attribute
    attributes: Option<Spanned<Vec<AttributeKind>>>,
    min_similarity: Option<Spanned<f64>>,
    // spelling
    style_severity: Option<Spanned<String>>,
    form_severity: Option<Spanned<String>>,
    style_class_severity: Option<Spanned<String>>,
    // quote
    check: Option<Spanned<QuoteCheck>>,
    min_words: Option<Spanned<usize>>,
    min_overlap: Option<Spanned<f64>>,
    trivial_words: Option<Spanned<Vec<String>>>,
    minor_words: Option<Spanned<Vec<String>>>,
    // ignore
    rules: Option<Spanned<Vec<String>>>,
    entities: Option<Spanned<Vec<String>>>,
    sources: Option<Spanned<Vec<String>>>,
    patterns: Option<Spanned<Vec<String>>>,
}

const HEADER: &[&str] = &[
    "id",
    "kind",
    "message",
    "severity",
    "description",
    "enabled",
];
const KINDS: &[(&str, &[&str])] = &[
    (
        "numeric",
        &["match", "tolerance", "approximately", "error_ratio"],
    ),
    ("attribute", &["attributes", "min_similarity"]),
    (
        "spelling",
        &["style_severity", "form_severity", "style_class_severity"],
    ),
    (
        "quote",
        &[
            "check",
            "min_words",
            "min_overlap",
            "trivial_words",
            "minor_words",
        ],
    ),
    ("ignore", &["rules", "entities", "sources", "patterns"]),
];

fn err(origin: &str, loc: &serde_saphyr::Location, message: String) -> YamlError {
    YamlError {
        origin: origin.to_string(),
        line: Some(loc.line()),
        column: Some(loc.column()),
        message,
    }
}

fn severity(origin: &str, s: &Spanned<String>) -> Result<Severity, YamlError> {
    match s.value.as_str() {
        "error" => Ok(Severity::Error),
        "warning" => Ok(Severity::Warning),
        "info" => Ok(Severity::Info),
        other => Err(err(
            origin,
            &s.referenced,
            format!("unknown severity `{other}`, expected one of: error, warning, info"),
        )),
    }
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

fn regexes(origin: &str, list: &Spanned<Vec<String>>) -> Result<Vec<Regex>, YamlError> {
    list.value
        .iter()
        .map(|p| compile_regex(p).map_err(|m| err(origin, &list.referenced, m)))
        .collect()
}

fn non_negative(
    origin: &str,
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

impl RawRule {
    /// The keys present, with where they are, for the per-kind check.
    fn present(&self) -> Vec<(&'static str, &serde_saphyr::Location)> {
        let mut v = Vec::new();
        macro_rules! key {
            ($f:expr, $name:literal) => {
                if let Some(x) = &$f {
                    v.push(($name, &x.referenced));
                }
            };
        }
        key!(self.match_, "match");
        key!(self.tolerance, "tolerance");
        key!(self.approximately, "approximately");
        key!(self.error_ratio, "error_ratio");
        key!(self.attributes, "attributes");
        key!(self.min_similarity, "min_similarity");
        key!(self.style_severity, "style_severity");
        key!(self.form_severity, "form_severity");
        key!(self.style_class_severity, "style_class_severity");
        key!(self.check, "check");
        key!(self.min_words, "min_words");
        key!(self.min_overlap, "min_overlap");
        key!(self.trivial_words, "trivial_words");
        key!(self.minor_words, "minor_words");
        key!(self.rules, "rules");
        key!(self.entities, "entities");
        key!(self.sources, "sources");
        key!(self.patterns, "patterns");
        v
    }

    fn compile(self, origin: &str) -> Result<Rule, YamlError> {
        let Some(&(_, allowed)) = KINDS.iter().find(|(k, _)| *k == self.kind.value) else {
            return Err(err(
                origin,
                &self.kind.referenced,
                format!(
                    "unknown rule kind `{}`, expected one of: {}",
                    self.kind.value,
                    KINDS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                ),
            ));
        };
        for (key, loc) in self.present() {
            if !allowed.contains(&key) {
                let mut keys: Vec<&str> = HEADER.to_vec();
                keys.extend(allowed.iter());
                return Err(err(
                    origin,
                    loc,
                    format!(
                        "key `{key}` is not allowed in a rule of kind `{}`; allowed keys: {}",
                        self.kind.value,
                        keys.join(", ")
                    ),
                ));
            }
        }
        if self.id.value.trim().is_empty() {
            return Err(err(
                origin,
                &self.id.referenced,
                "`id` must not be empty".into(),
            ));
        }
        let sev = match &self.severity {
            Some(s) => severity(origin, s)?,
            None => Severity::Warning,
        };
        let body = match self.kind.value.as_str() {
            "numeric" => {
                let m = self.match_.map(|m| m.value).unwrap_or_default();
                let subjects = m
                    .subjects
                    .iter()
                    .map(|p| compile_regex(p))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|m| YamlError {
                        origin: origin.to_string(),
                        line: None,
                        column: None,
                        message: m,
                    })?;
                let ratio = non_negative(origin, &self.error_ratio, 2.0, "error_ratio")?;
                RuleBody::Numeric(NumericRule {
                    verbs: m.verbs,
                    units: m.units,
                    subjects,
                    tolerance: self.tolerance.map(|t| t.value).unwrap_or_default(),
                    approximately: non_negative(
                        origin,
                        &self.approximately,
                        0.25,
                        "approximately",
                    )?,
                    error_ratio: ratio.max(1.0),
                })
            }
            "attribute" => RuleBody::Attribute(AttributeRule {
                attributes: self.attributes.map(|a| a.value).unwrap_or_default(),
                min_similarity: non_negative(origin, &self.min_similarity, 0.3, "min_similarity")?,
            }),
            "spelling" => RuleBody::Spelling(SpellingRule {
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
            }),
            "quote" => {
                let Some(check) = self.check else {
                    return Err(err(
                        origin,
                        &self.kind.referenced,
                        "a rule of kind `quote` needs `check`: wording, speaker or paraphrase"
                            .into(),
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
                RuleBody::Quote(QuoteRule {
                    check: check.value,
                    min_words: self.min_words.map_or(5, |m| m.value).max(1),
                    min_overlap: overlap,
                    trivial_words: words(self.trivial_words),
                    minor_words: words(self.minor_words),
                })
            }
            _ => RuleBody::Ignore(IgnoreRule {
                rules: self.rules.map(|r| r.value).unwrap_or_default(),
                entities: self.entities.map(|r| r.value).unwrap_or_default(),
                sources: self.sources.map(|r| r.value).unwrap_or_default(),
                patterns: match &self.patterns {
                    Some(p) => regexes(origin, p)?,
                    None => Vec::new(),
                },
            }),
        };
        Ok(Rule {
            id: self.id.value,
            message: self
                .message
                .map(|m| m.value)
                .unwrap_or_else(|| "{subject}: {values}".into()),
            severity: sev,
            description: self.description.unwrap_or_default(),
            enabled: self.enabled.unwrap_or(true),
            origin: origin.to_string(),
            body,
        })
    }
}

/// Parses one rule file: a YAML list of rules.
pub fn parse_file(src: &str, origin: &str) -> Result<Vec<Rule>, YamlError> {
    if src.trim().is_empty() {
        return Ok(Vec::new());
    }
    let raw: Vec<RawRule> = crate::yaml::parse(src, origin)?;
    raw.into_iter().map(|r| r.compile(origin)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numeric_rule_compiles() {
        let rules = parse_file(
            "- id: x\n  kind: numeric\n  message: m\n  severity: error\n  match: { verbs: [kill] }\n",
            "r.yaml",
        )
        .unwrap();
        assert_eq!(rules[0].id, "x");
        assert_eq!(rules[0].severity, Severity::Error);
        assert!(matches!(rules[0].body, RuleBody::Numeric(_)));
    }

    #[test]
    fn unknown_key_names_line_column_and_expected_keys() {
        let e = parse_file("- id: x\n  kind: numeric\n  tolerence: 1\n", "r.yaml").unwrap_err();
        assert_eq!((e.line, e.origin.as_str()), (Some(3), "r.yaml"));
        assert!(e.message.contains("tolerence"), "{}", e.message);
        assert!(e.message.contains("tolerance"), "{}", e.message);
    }

    #[test]
    fn key_of_another_kind_is_refused_with_the_allowed_keys() {
        let e = parse_file(
            "- id: x\n  kind: attribute\n  tolerance: { relative: 0.1 }\n",
            "r.yaml",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("not allowed"), "{}", e.message);
        assert!(e.message.contains("min_similarity"), "{}", e.message);
    }

    #[test]
    fn wrong_type_is_an_error_with_position() {
        let e = parse_file(
            "- id: x\n  kind: numeric\n  approximately: wide\n",
            "r.yaml",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn unknown_kind_and_severity() {
        let e = parse_file("- id: x\n  kind: nonsense\n", "r.yaml").unwrap_err();
        assert!(
            e.message.contains("expected one of: numeric"),
            "{}",
            e.message
        );
        let e = parse_file("- id: x\n  kind: numeric\n  severity: fatal\n", "r.yaml").unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn bad_and_huge_regexes_are_refused() {
        let e = parse_file(
            "- id: x\n  kind: ignore\n  patterns: ['(unclosed']\n",
            "r.yaml",
        )
        .unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        let huge = format!(
            "- id: x\n  kind: ignore\n  patterns: ['{}']\n",
            "a{1000}{1000}"
        );
        let e = parse_file(&huge, "r.yaml").unwrap_err();
        assert!(e.message.contains("invalid regex"), "{}", e.message);
        let long = format!(
            "- id: x\n  kind: ignore\n  patterns: ['{}']\n",
            "a".repeat(5000)
        );
        let e = parse_file(&long, "r.yaml").unwrap_err();
        assert!(e.message.contains("over the limit"), "{}", e.message);
    }
}
