//! The style book (the alias files), folded for look-up: the preferred spelling of a
//! name or word, and the pairs it keeps apart.

use crate::hash::{HashMap, HashSet};

use super::tokens;
use crate::rules::RuleSet;

/// The style book, folded for look-up.
#[derive(Debug, Clone)]
pub struct StyleBook {
    /// Folded whole name → folded preferred name.
    pub(super) whole: HashMap<String, String>,
    /// Folded single word → folded preferred word.
    pub(super) token: HashMap<String, String>,
    /// Folded preferred name → its spelling.
    pub(super) display: HashMap<String, String>,
    /// Folded spellings the style book replaces.
    pub variants: HashSet<String>,
    pub(super) never: HashSet<(String, String)>,
    /// Every spelling a `never` pair names.
    pub(super) never_keys: HashSet<String>,
}

impl StyleBook {
    /// The style book of `rules`, indexed for look-up.
    pub fn new(rules: &RuleSet) -> Self {
        let w = &rules.words;
        let join = |s: &str| tokens(w, s).join(" ");
        let mut sb = StyleBook {
            whole: HashMap::default(),
            token: HashMap::default(),
            display: HashMap::default(),
            variants: HashSet::default(),
            never: HashSet::default(),
            never_keys: HashSet::default(),
        };
        for a in &rules.aliases.entries {
            let p = join(&a.prefer);
            sb.display
                .entry(p.clone())
                .or_insert_with(|| a.prefer.clone());
            for v in &a.variants {
                let v = join(v);
                if v == p {
                    continue;
                }
                sb.variants.insert(v.clone());
                if !v.contains(' ') && !p.contains(' ') {
                    sb.token.insert(v.clone(), p.clone());
                }
                sb.whole.insert(v, p.clone());
            }
        }
        for (a, b) in &rules.aliases.never_merge {
            let (a, b) = (join(a), join(b));
            sb.never.insert((a.clone(), b.clone()));
            sb.never_keys.insert(a.clone());
            sb.never_keys.insert(b.clone());
            sb.never.insert((b, a));
        }
        sb
    }

    /// Whether the style book keeps these two spellings apart.
    pub(super) fn never_apart(&self, a: &str, b: &str) -> bool {
        self.never.contains(&(a.to_string(), b.to_string()))
    }

    /// Tokens with the style book applied (whole name first, then word by word), or
    /// `None` when it changes none of them; `joined`: the tokens joined by spaces, when
    /// the caller has them.
    pub(super) fn apply_to(&self, toks: &[String], joined: Option<&str>) -> Option<Vec<String>> {
        let whole = match joined {
            Some(j) => self.whole.get(j),
            None => self.whole.get(&toks.join(" ")),
        };
        if let Some(p) = whole {
            return Some(p.split(' ').map(str::to_string).collect());
        }
        // (Most names have no word the style book replaces: looked for first.)
        let first = toks.iter().position(|t| self.token.contains_key(t))?;
        let (same, rest) = toks.split_at(first);
        Some(
            same.iter()
                .cloned()
                .chain(
                    rest.iter()
                        .map(|t| self.token.get(t).cloned().unwrap_or_else(|| t.clone())),
                )
                .collect(),
        )
    }

    /// The preferred spelling of a folded name, if the style book has one.
    pub fn preferred(&self, folded: &str) -> Option<&str> {
        let p = self.whole.get(folded).map_or(folded, String::as_str);
        self.display.get(p).map(String::as_str)
    }

    /// Is the folded word or name one the style book replaces?
    pub fn is_variant(&self, folded: &str) -> bool {
        self.variants.contains(folded)
    }
}
