//! Rules: the shipped YAML rule files (compiled in) and the user's own.

use std::fmt;
use std::path::PathBuf;

use crate::mentions::Words;
use crate::normalize::aliases::Aliases;

/// Every rule and word list in force for a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub words: Words,
    /// The style book: shipped aliases plus the user's alias files.
    pub aliases: Aliases,
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
        RuleSet {
            words: Words::builtin(),
            aliases: Aliases::builtin(),
        }
    }

    /// The shipped rules plus those in the user's folders.
    pub fn load(dirs: &[PathBuf]) -> Result<Self, RuleError> {
        let mut rules = RuleSet::builtin();
        for d in dirs {
            std::fs::read_dir(d)
                .map_err(|e| RuleError::Dir(d.display().to_string(), e.to_string()))?;
            for path in alias_files(d)? {
                let src = std::fs::read_to_string(&path)
                    .map_err(|e| RuleError::Dir(path.display().to_string(), e.to_string()))?;
                let file =
                    Aliases::parse(&src, &path.display().to_string()).map_err(RuleError::Yaml)?;
                rules.aliases.add(file);
            }
        }
        Ok(rules)
    }
}

fn is_yaml(p: &std::path::Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "yaml" || e == "yml")
}

/// The alias files of a rules folder: `aliases*.yaml` in it and every YAML file in
/// its `aliases/` subfolder, in name order.
fn alias_files(dir: &std::path::Path) -> Result<Vec<PathBuf>, RuleError> {
    let list = |d: &std::path::Path| -> Result<Vec<PathBuf>, RuleError> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| RuleError::Dir(d.display().to_string(), e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && is_yaml(p))
            .collect();
        v.sort();
        Ok(v)
    };
    let mut out: Vec<PathBuf> = list(dir)?
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("aliases"))
        })
        .collect();
    let sub = dir.join("aliases");
    if sub.is_dir() {
        out.extend(list(&sub)?);
    }
    Ok(out)
}
