//! The one place that reads YAML.
//!
//! serde_yaml is archived (RUSTSEC-2024-0320) and rule files arrive from pull requests,
//! so every YAML read (rule files, alias files, front matter, config) goes through
//! serde-saphyr here: pure Rust, no unsafe, panic-free parsing, budgets that refuse
//! YAML bombs, and errors with line:column.

use serde::de::DeserializeOwned;
use serde_saphyr::{Budget, Options};
use std::fmt;

/// A YAML document that could not be read into the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// Where the YAML came from (a file path, or a description such as "front matter of x.md").
    pub origin: String,
    /// 1-based line and column of the problem, when the parser knows it.
    pub line: Option<u64>,
    /// 1-based column of the problem, when known.
    pub column: Option<u64>,
    /// What went wrong and, where serde says so, what was expected.
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.origin, l, c, self.message),
            _ => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for YamlError {}

/// Budgets far above any honest rule file and far below what hurts.
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 32;
    budget.max_nodes = 200_000;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = 16 * 1024 * 1024;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.with_snippet = false;
    options
}

/// Reads `src` as one YAML document of type `T`.
pub fn parse<T: DeserializeOwned>(src: &str, origin: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str_with_options::<T>(src, options()).map_err(|e| error(&e, origin))
}

/// Reads `src` as one YAML document through `seed`, for shapes that depend on what an
/// earlier read found (the rule files: each rule's keys depend on its `kind`).
pub fn parse_seed<T>(
    src: &str,
    origin: &str,
    seed: impl for<'de> serde::de::DeserializeSeed<'de, Value = T>,
) -> Result<T, YamlError> {
    serde_saphyr::with_deserializer_from_str_with_options(src, options(), |de| seed.deserialize(de))
        .map_err(|e| error(&e, origin))
}

/// Our error for one of serde-saphyr's: the position first, one line of message.
fn error(e: &serde_saphyr::Error, origin: &str) -> YamlError {
    let loc = e.location().filter(|l| l.line() > 0);
    let mut message = e.to_string();
    // The rendered message may repeat the position; keep the first line, trimmed,
    // without the trailing " at line L, column C" (the position leads our message).
    if let Some(first) = message.lines().next() {
        message = first.trim().to_string();
    }
    if let Some(k) = message.rfind(" at line ") {
        if message[k..].contains(", column ") {
            message.truncate(k);
        }
    }
    YamlError {
        origin: origin.to_string(),
        line: loc.map(|l| l.line()),
        column: loc.map(|l| l.column()),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Rule {
        id: String,
        level: Option<String>,
    }

    #[test]
    fn reads_a_document() {
        let r: Rule = parse("id: x\nlevel: warning\n", "t.yaml").unwrap();
        assert_eq!(r.id, "x");
    }

    #[test]
    fn unknown_key_reports_line_and_column() {
        let e = parse::<Rule>("id: x\nlevle: warning\n", "t.yaml").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.column.is_some());
        assert!(e.message.contains("levle"), "{}", e.message);
        assert!(e.to_string().starts_with("t.yaml:2:"), "{e}");
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut y = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            y.push_str(&format!(
                "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
            prev = c;
        }
        let r = parse::<std::collections::BTreeMap<String, serde_json::Value>>(&y, "bomb.yaml");
        assert!(r.is_err());
    }
}
