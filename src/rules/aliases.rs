//! The style book: preferred spellings and never-merge pairs, from `rules/aliases/` and the
//! user's alias files.

use serde::Deserialize;

const BUILTIN: &str = include_str!("../../rules/aliases/style.yaml");

/// One style-book entry: the preferred spelling and the spellings it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    /// The spelling the style book prefers.
    pub prefer: String,
    /// The spellings it rejects in favour of `prefer`.
    #[serde(default)]
    pub variants: Vec<String>,
}

/// The shape of an alias file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasFile {
    /// The style-book entries.
    #[serde(default)]
    pub aliases: Vec<Alias>,
    /// Pairs of names that must never be merged into one entity.
    #[serde(default)]
    pub never_merge: Vec<(String, String)>,
}

/// Every alias in force: the shipped style book plus the user's files.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    /// Every style-book entry, shipped first.
    pub entries: Vec<Alias>,
    /// Every never-merge pair.
    pub never_merge: Vec<(String, String)>,
    /// Where each entry of `entries` comes from (the file's path), for `rules list`.
    pub origins: Vec<String>,
}

impl Aliases {
    /// The shipped style book.
    pub fn builtin() -> Self {
        let mut a = Aliases::default();
        let origin = "shipped (rules/aliases/style.yaml)";
        a.add_from(
            crate::yaml::parse(BUILTIN, "rules/aliases/style.yaml").expect("style book parses"),
            origin,
        );
        a
    }

    /// Adds a file's entries (later files add to, never replace, earlier ones).
    pub fn add(&mut self, f: AliasFile) {
        self.add_from(f, "");
    }

    /// Adds a file's entries, remembering the file they come from.
    pub fn add_from(&mut self, f: AliasFile, origin: &str) {
        self.origins
            .extend(std::iter::repeat_n(origin.to_string(), f.aliases.len()));
        self.entries.extend(f.aliases);
        self.never_merge.extend(f.never_merge);
    }

    /// Is `src` (a YAML document) a style book rather than a list of rules? A style
    /// book is a mapping whose first key is `aliases` or `never_merge`; rule files are
    /// lists. Read from the first line that is not blank, a comment or `---`, so a style
    /// book is recognised by what it says, whatever its file is named.
    pub fn is_style_book(src: &str) -> bool {
        src.lines()
            .map(str::trim_end)
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#') && *l != "---")
            .is_some_and(|l| l.starts_with("aliases:") || l.starts_with("never_merge:"))
    }

    /// Reads one alias file.
    pub fn parse(src: &str, origin: &str) -> Result<AliasFile, crate::yaml::YamlError> {
        crate::yaml::parse(src, origin)
    }
}
