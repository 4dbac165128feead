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
    /// The shapes of the keys of `whole`, `token` and `display`: most names and words a
    /// story asks about are in none of them, and most of those are passed by on their
    /// first byte and length, not hashed.
    shapes: [KeyShapes; 3],
}

/// At each of `StyleBook::shapes`.
const WHOLE: usize = 0;
const TOKEN: usize = 1;
const DISPLAY: usize = 2;

/// The shapes of a map's keys: for each first byte, a bit per length (63 for any
/// longer). A string of a shape no key has is no key.
#[derive(Debug, Clone)]
struct KeyShapes([u64; 256]);

impl KeyShapes {
    fn of<'a>(keys: impl Iterator<Item = &'a String>) -> Self {
        let mut shapes = [0; 256];
        for k in keys {
            shapes[Self::first(k)] |= Self::length(k);
        }
        KeyShapes(shapes)
    }

    /// The first byte (0 for the empty string: its own shape with length 0).
    fn first(s: &str) -> usize {
        s.as_bytes().first().map_or(0, |&b| usize::from(b))
    }

    fn length(s: &str) -> u64 {
        1 << s.len().min(63)
    }

    /// May `s` be a key: does a key have its shape?
    fn may_hold(&self, s: &str) -> bool {
        self.0[Self::first(s)] & Self::length(s) != 0
    }
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
            shapes: [(); 3].map(|_| KeyShapes([0; 256])),
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
        sb.shapes = [
            KeyShapes::of(sb.whole.keys()),
            KeyShapes::of(sb.token.keys()),
            KeyShapes::of(sb.display.keys()),
        ];
        sb
    }

    /// The folded preferred name of a folded name the style book replaces.
    fn whole_of(&self, folded: &str) -> Option<&String> {
        self.shapes[WHOLE]
            .may_hold(folded)
            .then(|| self.whole.get(folded))
            .flatten()
    }

    /// The folded preferred word of a folded word the style book replaces.
    fn token_of(&self, folded: &str) -> Option<&String> {
        self.shapes[TOKEN]
            .may_hold(folded)
            .then(|| self.token.get(folded))
            .flatten()
    }

    /// The spelling of a folded preferred name.
    fn display_of(&self, folded: &str) -> Option<&str> {
        self.shapes[DISPLAY]
            .may_hold(folded)
            .then(|| self.display.get(folded))
            .flatten()
            .map(String::as_str)
    }

    /// The preferred spelling of a word, by its key (its tokens run together), if the
    /// style book has one.
    pub(super) fn preferred_token(&self, key: &str) -> Option<&str> {
        self.token_of(key).and_then(|p| self.display_of(p))
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
            Some(j) => self.whole_of(j),
            None => self.whole_of(&toks.join(" ")),
        };
        if let Some(p) = whole {
            return Some(p.split(' ').map(str::to_string).collect());
        }
        // (Most names have no word the style book replaces: looked for first.)
        let first = toks.iter().position(|t| self.token_of(t).is_some())?;
        let (same, rest) = toks.split_at(first);
        Some(
            same.iter()
                .cloned()
                .chain(
                    rest.iter()
                        .map(|t| self.token_of(t).cloned().unwrap_or_else(|| t.clone())),
                )
                .collect(),
        )
    }

    /// The preferred spelling of a folded name, if the style book has one.
    pub fn preferred(&self, folded: &str) -> Option<&str> {
        let p = self.whole_of(folded).map_or(folded, String::as_str);
        self.display_of(p)
    }

    /// Is the folded word or name one the style book replaces?
    pub fn is_variant(&self, folded: &str) -> bool {
        self.variants.contains(folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_shapes_hold_every_key() {
        let rules = RuleSet::builtin();
        let book = StyleBook::new(&rules);
        let maps = [&book.whole, &book.token, &book.display];
        for (shapes, map) in book.shapes.iter().zip(maps) {
            // Not vacuous: the shipped style book has keys of each map.
            assert!(!map.is_empty());
            assert!(map.keys().all(|k| shapes.may_hold(k)));
        }
        // Every shape, held or not, against a map of invented keys.
        let keys: Vec<String> = ["", "a", "velm", "velm tarwen", "Ørvik", &"z".repeat(70)]
            .map(String::from)
            .to_vec();
        let shapes = KeyShapes::of(keys.iter());
        let mut passed = 0;
        for first in ["", "a", "v", "z", "Ø", "b"] {
            for n in 0..80 {
                let s: String = first.chars().chain("x".repeat(n).chars()).collect();
                let held = keys.iter().any(|k| {
                    k.as_bytes().first() == s.as_bytes().first()
                        && k.len().min(63) == s.len().min(63)
                });
                assert_eq!(shapes.may_hold(&s), held, "{s:?}");
                passed += usize::from(!held);
            }
        }
        assert!(passed > 400, "{passed}");
    }
}
