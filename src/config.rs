//! `factdiff.yaml`: project settings found by walking up from the working directory
//! (typos-style), or named with `--config`.
//!
//! ```yaml
//! rules: [newsroom-rules]   # folders of rule and alias files, relative to this file
//! fail_on: warning          # error | warning | info | never
//! format: table             # the default output format
//! ignore:                   # findings to drop: every listed filter must match
//!   - rules: [spelling-variant]
//!     entities: [Kyiv]
//!     sources: ["archive/*"]
//!     patterns: ["(?i)unconfirmed"]
//! ```

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::vocab::Severity;
use crate::yaml::{self, YamlError};

/// The config file's name, looked for in the working directory and its parents.
pub const FILE_NAME: &str = "factdiff.yaml";

/// The output formats of `check` (listings support a subset, see the CLI).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// One JSON document.
    Json,
    /// JSON Lines: one record a line.
    Jsonl,
    /// Comma-separated values.
    Csv,
    /// Markdown, for a pull-request comment.
    Markdown,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// One self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 8] = [
        Format::Table,
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Markdown,
        Format::Sarif,
        Format::Github,
        Format::Html,
    ];

    /// The name used on the command line and in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Html => "html",
        }
    }

    /// One line of help for the command line.
    pub fn help(self) -> &'static str {
        match self {
            Format::Table => "a table for the terminal",
            Format::Json => "one JSON document",
            Format::Jsonl => "JSON Lines, one record a line",
            Format::Csv => "comma-separated values",
            Format::Markdown => "Markdown, for a pull-request comment",
            Format::Sarif => "SARIF 2.1.0, for code scanning",
            Format::Github => "GitHub Actions annotations",
            Format::Html => {
                "one self-contained page: findings side by side, entity index, full source texts"
            }
        }
    }
}

/// The lowest severity that makes a run fail (exit code 1), or never.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Fail on errors only (the default).
    Error,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on any finding.
    Info,
    /// Never fail because of findings.
    Never,
}

impl FailOn {
    /// Every value, in the order help texts list them.
    pub const ALL: [FailOn; 4] = [FailOn::Error, FailOn::Warning, FailOn::Info, FailOn::Never];

    /// The name used on the command line and in the config.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Error => "error",
            FailOn::Warning => "warning",
            FailOn::Info => "info",
            FailOn::Never => "never",
        }
    }

    /// The lowest failing severity, or `None` for never.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// A name that is not one of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The name given.
    pub given: String,
    /// The names allowed.
    pub allowed: Vec<&'static str>,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not one of {}",
            self.given,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownValue {}

fn parse_named<T: Copy>(
    s: &str,
    all: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, UnknownValue> {
    all.iter()
        .copied()
        .find(|v| name(*v).eq_ignore_ascii_case(s))
        .ok_or_else(|| UnknownValue {
            given: s.to_string(),
            allowed: all.iter().map(|v| name(*v)).collect(),
        })
}

impl std::str::FromStr for Format {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_named(s, &Format::ALL, Format::as_str)
    }
}

impl std::str::FromStr for FailOn {
    type Err = UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_named(s, &FailOn::ALL, FailOn::as_str)
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: Vec<String>,
    fail_on: Option<FailOn>,
    format: Option<Format>,
    #[serde(default)]
    ignore: Vec<IgnoreSpec>,
}

/// One `ignore:` entry of the config: a finding is dropped when every filter listed
/// matches it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IgnoreSpec {
    /// Rule ids (or kinds) to drop.
    #[serde(default)]
    pub rules: Vec<String>,
    /// Entity names whose findings to drop.
    #[serde(default)]
    pub entities: Vec<String>,
    /// Globs of source paths, relative to the config file's folder.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Regexes matched against a finding's message and evidence.
    #[serde(default)]
    pub patterns: Vec<String>,
}

/// Settings from a config file, paths resolved against the file's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file the settings came from.
    pub path: Option<PathBuf>,
    /// Folders of extra rule and style-book files.
    pub rules: Vec<PathBuf>,
    /// The lowest severity that fails a run, when the command line does not say.
    pub fail_on: Option<FailOn>,
    /// The output format, when the command line does not say.
    pub format: Option<Format>,
    /// Findings to drop.
    pub ignore: Vec<IgnoreSpec>,
}

/// The commented starter config that `factdiff init` writes.
pub const STARTER: &str = "\
# factdiff configuration, found by walking up from the working directory.
# Every key is optional; unknown keys are errors.

# Folders of extra rule files and alias (style-book) files, relative to this file.
rules: [factdiff-rules]

# Lowest severity that fails a run (exit 1): error | warning | info | never.
fail_on: error

# Default output format: table | json | jsonl | csv | markdown | sarif | github | html.
format: table

# Findings to drop. Every filter listed in an entry must match.
ignore: []
#  - rules: [spelling-variant]
#    entities: [Kyiv]
#    sources: [\"archive/*\"]
#    patterns: [\"(?i)unconfirmed\"]
";

/// The nearest `factdiff.yaml` in `start` or one of its parents.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads a config file.
pub fn read(path: &Path) -> Result<Config, YamlError> {
    let origin = path.display().to_string();
    let src =
        crate::limits::read_text(path, crate::limits::MAX_CONFIG_FILE).map_err(|e| YamlError {
            origin: origin.clone(),
            line: None,
            column: None,
            message: e,
        })?;
    let raw: RawConfig = if src.trim().is_empty() {
        RawConfig::default()
    } else {
        yaml::parse(&src, &origin)?
    };
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(Config {
        path: Some(path.to_path_buf()),
        rules: raw.rules.iter().map(|r| base.join(r)).collect(),
        fail_on: raw.fail_on,
        format: raw.format,
        ignore: raw.ignore,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovered_upward_and_paths_resolved_against_it() {
        let dir = tempfile::TempDir::new().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            dir.path().join(FILE_NAME),
            "rules: [house]\nfail_on: warning\n",
        )
        .unwrap();
        let found = discover(&sub).unwrap();
        assert_eq!(found, dir.path().join(FILE_NAME));
        let c = read(&found).unwrap();
        assert_eq!(c.rules, vec![dir.path().join("house")]);
        assert_eq!(c.fail_on, Some(FailOn::Warning));
    }

    #[test]
    fn starter_config_is_valid() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, STARTER).unwrap();
        let c = read(&p).unwrap();
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert!(c.ignore.is_empty());
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_column() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "rules: []\nfial_on: error\n").unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("fial_on"));
    }

    #[test]
    fn bad_format_or_fail_on_says_line_and_column() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, "rules: []\nformat: yaml\n").unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(9)), "{e}");
        assert!(e.message.contains("yaml"), "{e}");
        std::fs::write(&p, "# c\n\nfail_on: sometimes\n").unwrap();
        let e = read(&p).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(10)), "{e}");
        assert!(e.message.contains("sometimes"), "{e}");
    }

    #[test]
    fn names_parse_either_case_and_list_the_choices() {
        assert_eq!("HTML".parse::<Format>(), Ok(Format::Html));
        let e = "pdf".parse::<Format>().unwrap_err();
        assert!(e.to_string().ends_with("sarif, github, html"), "{e}");
        assert_eq!("never".parse::<FailOn>(), Ok(FailOn::Never));
    }
}
