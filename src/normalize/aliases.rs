//! The style book: preferred spellings and never-merge pairs, from `rules/aliases/` and the
//! user's alias files.

use serde::Deserialize;

const BUILTIN: &str = include_str!("../../rules/aliases/style.yaml");

/// One style-book entry: the preferred spelling and the spellings it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    pub prefer: String,
    #[serde(default)]
    pub variants: Vec<String>,
}

/// The shape of an alias file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasFile {
    #[serde(default)]
    pub aliases: Vec<Alias>,
    #[serde(default)]
    pub never_merge: Vec<(String, String)>,
}

/// Every alias in force: the shipped style book plus the user's files.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    pub entries: Vec<Alias>,
    pub never_merge: Vec<(String, String)>,
}

impl Aliases {
    /// The shipped style book.
    pub fn builtin() -> Self {
        let mut a = Aliases::default();
        a.add(crate::yaml::parse(BUILTIN, "rules/aliases/style.yaml").expect("style book parses"));
        a
    }

    /// Adds a file's entries (later files add to, never replace, earlier ones).
    pub fn add(&mut self, f: AliasFile) {
        self.entries.extend(f.aliases);
        self.never_merge.extend(f.never_merge);
    }

    /// Reads one alias file.
    pub fn parse(src: &str, origin: &str) -> Result<AliasFile, crate::yaml::YamlError> {
        crate::yaml::parse(src, origin)
    }
}
