//! `kind: ignore` — findings to drop.
//!
//! Drops findings by rule id, entity, source (glob on the source id or path) or text
//! pattern (a regular expression on the evidence text). Every listed filter must match
//! for a finding to be dropped; dropped findings are counted, not shown. Example:
//!
//! ```yaml
//! - id: ignore-house-style
//!   kind: ignore
//!   rules: [spelling-variant]
//!   entities: [Kyiv]
//! ```

use crate::hash::HashMap;

use regex::Regex;

/// A compiled ignore rule.
#[derive(Debug, Clone, Default)]
pub struct IgnoreRule {
    /// Rule ids whose findings are dropped (empty: any rule).
    pub rules: Vec<String>,
    /// Entities whose findings are dropped (empty: any entity).
    pub entities: Vec<String>,
    /// Simple globs (`*` and `?`) on the source id or path.
    pub sources: Vec<String>,
    /// Patterns a finding's cited text must match (empty: any text).
    pub patterns: Vec<Regex>,
}

/// `*` matches any run of characters, `?` one character.
pub fn glob_match(glob: &str, s: &str) -> bool {
    let g: Vec<char> = glob.chars().collect();
    let t: Vec<char> = s.chars().collect();
    // Iterative wildcard matching with one backtrack point: linear-ish, no recursion.
    let (mut gi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if gi < g.len() && (g[gi] == '?' || g[gi] == t[ti]) {
            gi += 1;
            ti += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ti));
            gi += 1;
        } else if let Some((sg, st)) = star {
            gi = sg + 1;
            ti = st + 1;
            star = Some((sg, st + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|&c| c == '*')
}

impl IgnoreRule {
    /// Does one of this rule's source globs match a source (by id or path)?
    pub fn matches_source(&self, id: &str, path: &str) -> bool {
        self.sources
            .iter()
            .any(|g| glob_match(g, id) || glob_match(g, path))
    }

    /// Do this rule's filters other than `sources` match a finding?
    pub fn matches_finding(&self, rule: &str, entity: &str, texts: &[&str]) -> bool {
        self.drops(rule, entity, &[], texts)
    }

    /// Does this rule drop a finding with these properties?
    pub fn drops(
        &self,
        rule: &str,
        entity: &str,
        sources: &[(&str, &str)],
        texts: &[&str],
    ) -> bool {
        let rule_ok = self.rules.is_empty() || self.rules.iter().any(|r| r == rule);
        let entity_ok = self.entities.is_empty()
            || self.entities.iter().any(|e| e.eq_ignore_ascii_case(entity));
        let source_ok = self.sources.is_empty()
            || sources.is_empty()
            || sources
                .iter()
                .any(|(id, path)| self.matches_source(id, path));
        let text_ok = self.patterns.is_empty()
            || texts
                .iter()
                .any(|t| self.patterns.iter().any(|p| p.is_match(t)));
        rule_ok && entity_ok && source_ok && text_ok
    }
}

/// The ignore rules of a run, indexed by the rule id and entity they name, so that a
/// finding is checked only against the rules that can drop it: looking a finding up
/// costs the rules that share its rule id or entity, not every rule of the run.
#[derive(Debug, Default)]
pub struct IgnoreIndex<'a> {
    rules: Vec<&'a IgnoreRule>,
    /// Rules naming both rule ids and entities: rule id → entity (ASCII lower case) → rules.
    by_both: HashMap<&'a str, HashMap<String, Vec<usize>>>,
    /// Rules naming rule ids only.
    by_rule: HashMap<&'a str, Vec<usize>>,
    /// Rules naming entities only.
    by_entity: HashMap<String, Vec<usize>>,
    /// Rules naming neither (sources or patterns only): checked for every finding.
    any: Vec<usize>,
}

fn push_once(v: &mut Vec<usize>, i: usize) {
    if v.last() != Some(&i) {
        v.push(i);
    }
}

impl<'a> IgnoreIndex<'a> {
    /// Indexes `rules` by rule id and entity.
    pub fn new(rules: impl IntoIterator<Item = &'a IgnoreRule>) -> Self {
        let mut ix = IgnoreIndex::default();
        for (i, r) in rules.into_iter().enumerate() {
            ix.rules.push(r);
            match (r.rules.is_empty(), r.entities.is_empty()) {
                (true, true) => ix.any.push(i),
                (false, true) => {
                    for id in &r.rules {
                        push_once(ix.by_rule.entry(id.as_str()).or_default(), i);
                    }
                }
                (true, false) => {
                    for e in &r.entities {
                        push_once(ix.by_entity.entry(e.to_ascii_lowercase()).or_default(), i);
                    }
                }
                (false, false) => {
                    for id in &r.rules {
                        let by_entity = ix.by_both.entry(id.as_str()).or_default();
                        for e in &r.entities {
                            push_once(by_entity.entry(e.to_ascii_lowercase()).or_default(), i);
                        }
                    }
                }
            }
        }
        ix
    }

    /// Are there no ignore rules at all?
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules whose rule ids and entities let them drop a finding of `rule` about
    /// `entity`, in the order given (each may list one rule twice, which only repeats
    /// a check); their other filters are for [`IgnoreRule::drops`] to test.
    pub fn candidates(
        &self,
        rule: &str,
        entity: &str,
    ) -> impl Iterator<Item = &'a IgnoreRule> + '_ {
        let entity = entity.to_ascii_lowercase();
        let both = self
            .by_both
            .get(rule)
            .and_then(|m| m.get(&entity))
            .map_or(&[][..], Vec::as_slice);
        let by_rule = self.by_rule.get(rule).map_or(&[][..], Vec::as_slice);
        let by_entity = self.by_entity.get(&entity).map_or(&[][..], Vec::as_slice);
        let mut ids: Vec<usize> = [both, by_rule, by_entity, &self.any].concat();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter().map(|i| self.rules[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*.txt", "a.txt"));
        assert!(glob_match("seeds/00?_*", "seeds/001_x"));
        assert!(!glob_match("*.md", "a.txt"));
        assert!(glob_match("*", ""));
    }

    #[test]
    fn every_filter_must_match() {
        let r = IgnoreRule {
            rules: vec!["spelling-variant".into()],
            entities: vec!["kyiv".into()],
            ..Default::default()
        };
        assert!(r.drops("spelling-variant", "Kyiv", &[], &[]));
        assert!(!r.drops("numeric-mismatch", "Kyiv", &[], &[]));
        assert!(!r.drops("spelling-variant", "Odesa", &[], &[]));
    }

    #[test]
    fn the_index_finds_exactly_the_rules_a_scan_would() {
        let rule = |rules: &[&str], entities: &[&str]| IgnoreRule {
            rules: rules.iter().map(|s| s.to_string()).collect(),
            entities: entities.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let all = [
            rule(&["a"], &["Kyiv", "kyiv"]),
            rule(&["a", "b"], &[]),
            rule(&[], &["Odesa"]),
            rule(&[], &[]),
            rule(&["b"], &["Lviv"]),
        ];
        let index = IgnoreIndex::new(all.iter());
        for r in ["a", "b", "c"] {
            for e in ["Kyiv", "KYIV", "Odesa", "Lviv", "Minsk"] {
                let scan: Vec<*const IgnoreRule> = all
                    .iter()
                    .filter(|i| i.drops(r, e, &[], &[]))
                    .map(|i| i as *const _)
                    .collect();
                let looked_up: Vec<*const IgnoreRule> = index
                    .candidates(r, e)
                    .filter(|i| i.drops(r, e, &[], &[]))
                    .map(|i| i as *const _)
                    .collect();
                assert_eq!(scan, looked_up, "rule {r}, entity {e}");
            }
        }
        // A rule naming neither is a candidate for every finding; others only for theirs.
        assert_eq!(index.candidates("c", "Minsk").count(), 1);
    }
}
