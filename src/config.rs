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
use std::path::{Path, PathBuf};

use crate::yaml::{self, YamlError};

pub const FILE_NAME: &str = "factdiff.yaml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: Vec<String>,
    fail_on: Option<String>,
    format: Option<String>,
    #[serde(default)]
    ignore: Vec<IgnoreSpec>,
}

/// One `ignore:` entry of the config.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IgnoreSpec {
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub entities: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub patterns: Vec<String>,
}

/// Settings from a config file, paths resolved against the file's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file the settings came from.
    pub path: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub fail_on: Option<String>,
    pub format: Option<String>,
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
    if let Some(f) = &raw.format {
        const FORMATS: &[&str] = &[
            "table", "json", "jsonl", "csv", "markdown", "sarif", "github", "html",
        ];
        if !FORMATS.contains(&f.as_str()) {
            return Err(YamlError {
                origin,
                line: None,
                column: None,
                message: format!("format: `{f}` is not one of {}", FORMATS.join(", ")),
            });
        }
    }
    if let Some(f) = &raw.fail_on {
        if !["error", "warning", "info", "never"].contains(&f.as_str()) {
            return Err(YamlError {
                origin,
                line: None,
                column: None,
                message: format!("fail_on: `{f}` is not one of error, warning, info, never"),
            });
        }
    }
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
        assert_eq!(c.fail_on.as_deref(), Some("warning"));
    }

    #[test]
    fn starter_config_is_valid() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join(FILE_NAME);
        std::fs::write(&p, STARTER).unwrap();
        let c = read(&p).unwrap();
        assert_eq!(c.fail_on.as_deref(), Some("error"));
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
}
