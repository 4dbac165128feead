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

use regex::Regex;

/// A compiled ignore rule.
#[derive(Debug, Clone, Default)]
pub struct IgnoreRule {
    pub rules: Vec<String>,
    pub entities: Vec<String>,
    /// Simple globs (`*` and `?`) on the source id or path.
    pub sources: Vec<String>,
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
}
