//! Rules: the shipped YAML rule files (compiled into the binary) and the user's own
//! (`--rules DIR`, and the `rules:` folders of a `factdiff.yaml` found by walking up
//! from the working directory). One file per rule kind holds the kind's settings and
//! doc comment; `schema.rs` reads and validates rule files.

pub mod aliases;
pub mod attribute;
pub mod ignore;
pub mod numeric;
pub mod quote;
pub mod schema;
pub mod spelling;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::vocab::{Origin, RuleKind, Severity};
use crate::wordlists::Words;
use crate::yaml::YamlError;

use aliases::Aliases;

pub use attribute::{AttributeRule, CustomSlot, SlotOwner};
pub use ignore::{IgnoreIndex, IgnoreRule};
pub use numeric::NumericRule;
pub use quote::{QuoteCheck, QuoteRule};
pub use spelling::SpellingRule;

/// The rule files shipped in `rules/`, compiled in so the binary works anywhere.
pub const BUILTIN_RULE_FILES: &[(&str, &str)] = &[
    (
        "rules/numeric.yaml",
        include_str!("../../rules/numeric.yaml"),
    ),
    (
        "rules/attributes.yaml",
        include_str!("../../rules/attributes.yaml"),
    ),
    ("rules/quotes.yaml", include_str!("../../rules/quotes.yaml")),
    (
        "rules/spelling.yaml",
        include_str!("../../rules/spelling.yaml"),
    ),
];

/// What a rule does, by kind.
#[derive(Debug, Clone)]
pub enum RuleBody {
    /// Numbers about the same thing that must agree.
    Numeric(NumericRule),
    /// Facts about one person or the event.
    Attribute(AttributeRule),
    /// One entity written in different ways.
    Spelling(SpellingRule),
    /// The same statement quoted differently.
    Quote(QuoteRule),
    /// Findings to drop.
    Ignore(IgnoreRule),
}

impl RuleBody {
    /// The kind of rule this body makes.
    pub fn kind(&self) -> RuleKind {
        match self {
            RuleBody::Numeric(_) => RuleKind::Numeric,
            RuleBody::Attribute(_) => RuleKind::Attribute,
            RuleBody::Spelling(_) => RuleKind::Spelling,
            RuleBody::Quote(_) => RuleKind::Quote,
            RuleBody::Ignore(_) => RuleKind::Ignore,
        }
    }
}

/// One rule: the shared header and its kind's body.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Unique id; a user's rule with a shipped rule's id replaces it.
    pub id: String,
    /// Message template; `{subject}`, `{entity}` and `{values}` are filled in.
    pub message: String,
    /// The severity of its findings (a comparison may raise it).
    pub severity: Severity,
    /// What the rule checks, for `rules list`.
    pub description: String,
    /// A disabled rule is listed but never applied.
    pub enabled: bool,
    /// Where the rule came from: a shipped file or one of the user's.
    pub origin: Origin,
    /// The kind's own settings.
    pub body: RuleBody,
}

impl Rule {
    /// The message with its placeholders filled.
    pub fn render(&self, subject: &str, entity: &str, values: &str) -> String {
        self.message
            .replace("{subject}", subject)
            .replace("{entity}", entity)
            .replace("{values}", values)
    }
}

/// Every rule and word list in force for a run.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// The general word lists (titles, first names, demonyms, …).
    pub words: Words,
    /// The style book: shipped aliases plus the user's alias files.
    pub aliases: Aliases,
    /// All rules, shipped first then the user's, disabled ones included (for listing).
    /// Private so that every change goes through [`RuleSet::rules_mut`], which drops
    /// the index by kind below.
    rules: Vec<Rule>,
    /// Positions in `rules` of the enabled rules of each kind (by [`RuleKind::index`]),
    /// in order; built on first use. Every story of a run asks for its kinds' rules, and
    /// scanning all rules each time made N stories with N ignore rules quadratic.
    by_kind: std::sync::OnceLock<std::sync::Arc<Vec<Vec<usize>>>>,
}

/// A rule folder or file that cannot be used.
#[derive(Debug)]
pub enum RuleError {
    /// A rules folder or file that does not exist or cannot be read.
    Io(String, String),
    /// A YAML file that does not parse into rules.
    Yaml(YamlError),
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::Io(p, e) => write!(f, "{p}: cannot read rules: {e}"),
            RuleError::Yaml(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RuleError {}

impl From<YamlError> for RuleError {
    fn from(e: YamlError) -> Self {
        RuleError::Yaml(e)
    }
}

/// The YAML rule files directly in `dir` (sorted), leaving out word lists and alias
/// files, which are not rules.
pub fn rule_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let rd = std::fs::read_dir(dir)
        .map_err(|e| RuleError::Io(dir.display().to_string(), e.to_string()))?;
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("aliases") || n == "factdiff.yaml")
        })
        .collect();
    files.sort();
    Ok(files)
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e == "yaml" || e == "yml")
}

/// The alias files of a rules folder: `aliases*.yaml` in it and every YAML file in
/// its `aliases/` subfolder, in name order.
fn alias_files(dir: &Path) -> Result<Vec<PathBuf>, RuleError> {
    let list = |d: &Path| -> Result<Vec<PathBuf>, RuleError> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| RuleError::Io(d.display().to_string(), e.to_string()))?
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

impl RuleSet {
    /// The rules shipped in the repository's `rules/` folder.
    ///
    /// The files, the word lists and the style book are read at the same time (on
    /// rayon's threads): start-up is a run's serial part, before the sources are read.
    pub fn builtin() -> Self {
        use rayon::prelude::*;
        let (files, (words, aliases)) = rayon::join(
            || {
                BUILTIN_RULE_FILES
                    .par_iter()
                    .map(|(name, src)| schema::parse_file(src, &Origin::Builtin(name.to_string())))
                    .collect::<Vec<_>>()
            },
            || rayon::join(Words::builtin, Aliases::builtin),
        );
        // The shipped files are tested; a broken one is a build defect, so fall back
        // to no rules from it rather than refusing to run.
        let rules = files.into_iter().flatten().flatten().collect();
        RuleSet {
            words,
            aliases,
            rules,
            by_kind: Default::default(),
        }
    }

    /// Every rule, shipped first then the user's, disabled ones included.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rules, to change; the index by kind is rebuilt on next use.
    pub fn rules_mut(&mut self) -> &mut Vec<Rule> {
        self.by_kind = Default::default();
        &mut self.rules
    }

    /// The enabled rules of one kind, in the order loaded.
    fn of_kind(&self, kind: RuleKind) -> impl Iterator<Item = &Rule> {
        let index = self.by_kind.get_or_init(|| {
            let mut index = vec![Vec::new(); RuleKind::ALL.len()];
            for (i, r) in self.rules.iter().enumerate() {
                if r.enabled {
                    index[r.body.kind().index()].push(i);
                }
            }
            std::sync::Arc::new(index)
        });
        index[kind.index()].iter().map(|&i| &self.rules[i])
    }

    /// A rule or style-book file's text.
    fn read_text(path: &Path) -> Result<String, RuleError> {
        crate::limits::read_text(path, crate::limits::MAX_RULE_FILE)
            .map_err(|e| RuleError::Io(path.display().to_string(), e.replace("cannot read: ", "")))
    }

    /// The rules of one file. A list of style-book entries written as rules gets a hint
    /// to put them under `aliases:`.
    fn parse_rules(src: &str, path: &Path) -> Result<Vec<Rule>, RuleError> {
        schema::parse_file(src, &Origin::File(path.display().to_string())).map_err(|mut e| {
            if src.contains("prefer:") || src.contains("prefer :") {
                e.message.push_str(
                    " (a style book is a mapping: `aliases:` then a list of `{prefer: X, variants: [Y]}`)",
                );
            }
            RuleError::from(e)
        })
    }

    /// Adds one style-book file.
    fn add_style_book(&mut self, src: &str, path: &Path) -> Result<(), RuleError> {
        let origin = path.display().to_string();
        let file = Aliases::parse(src, &origin)?;
        self.aliases.add_from(file, &origin);
        Ok(())
    }

    /// Adds rules in order; a rule with the id of an earlier one replaces it in place.
    /// Positions are looked up by id, so many rules (or files) are not scanned once
    /// per rule.
    fn add_rules(&mut self, new: Vec<Rule>) {
        let mut at: std::collections::HashMap<String, usize> = self
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let rules = self.rules_mut();
        for rule in new {
            match at.get(&rule.id) {
                Some(&i) => rules[i] = rule,
                None => {
                    at.insert(rule.id.clone(), rules.len());
                    rules.push(rule);
                }
            }
        }
    }

    /// The shipped rules plus those in the user's folders (or files).
    pub fn load(dirs: &[PathBuf]) -> Result<Self, RuleError> {
        let mut set = RuleSet::builtin();
        // Every file's rules in load order, merged by id once at the end.
        let mut user = Vec::new();
        for d in dirs {
            let (files, aliases) = if d.is_file() {
                (vec![d.clone()], Vec::new())
            } else {
                (rule_files(d)?, alias_files(d)?)
            };
            // A YAML file in a rules folder (or named with --rules) is a style book when
            // its content says so (`aliases:`), whatever its name; the `aliases*.yaml`
            // files and the `aliases/` folder are style books as before.
            for path in files {
                let src = Self::read_text(&path)?;
                if Aliases::is_style_book(&src) {
                    set.add_style_book(&src, &path)?;
                } else {
                    user.extend(Self::parse_rules(&src, &path)?);
                }
            }
            for path in aliases {
                let src = Self::read_text(&path)?;
                set.add_style_book(&src, &path)?;
            }
        }
        set.add_rules(user);
        Ok(set)
    }

    /// Adds the `ignore:` entries of a config as ignore rules.
    pub fn add_config_ignores(
        &mut self,
        specs: &[crate::config::IgnoreSpec],
        origin: &str,
    ) -> Result<(), RuleError> {
        for (k, spec) in specs.iter().enumerate() {
            let patterns = spec
                .patterns
                .iter()
                .map(|p| schema::compile_regex(p))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|m| {
                    RuleError::Yaml(YamlError {
                        origin: origin.to_string(),
                        line: None,
                        column: None,
                        message: format!("ignore entry {}: {m}", k + 1),
                    })
                })?;
            self.rules_mut().push(Rule {
                id: format!("config-ignore-{}", k + 1),
                message: String::new(),
                severity: Severity::Info,
                description: "an ignore entry of the config file".into(),
                enabled: true,
                origin: Origin::File(origin.to_string()),
                body: RuleBody::Ignore(IgnoreRule {
                    rules: spec.rules.clone(),
                    entities: spec.entities.clone(),
                    sources: spec.sources.clone(),
                    patterns,
                }),
            });
        }
        Ok(())
    }

    /// The enabled rules, in order.
    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.enabled)
    }

    /// The enabled numeric rules in the order they are tried: the user's first (in the
    /// order loaded), then the shipped ones. A pair of numbers is judged by the first
    /// rule that covers both, so a user's rule takes precedence over a shipped one.
    pub fn numeric(&self) -> impl Iterator<Item = (&Rule, &NumericRule)> {
        let users = self
            .of_kind(RuleKind::Numeric)
            .filter(|r| !r.origin.is_builtin());
        let shipped = self
            .of_kind(RuleKind::Numeric)
            .filter(|r| r.origin.is_builtin());
        users.chain(shipped).filter_map(|r| match &r.body {
            RuleBody::Numeric(n) => Some((r, n)),
            _ => None,
        })
    }

    /// Numeric rules that can never apply, each with the rule tried before it that
    /// covers every claim it does (for `rules check` to warn about).
    pub fn shadowed(&self) -> Vec<(&Rule, &Rule)> {
        let order: Vec<(&Rule, &NumericRule)> = self.numeric().collect();
        let mut out = Vec::new();
        for (k, (rule, n)) in order.iter().enumerate() {
            if let Some((first, _)) = order[..k].iter().find(|(_, m)| m.covers_all_of(n)) {
                out.push((*rule, *first));
            }
        }
        out
    }

    /// Every enabled attribute rule, in order.
    pub fn attribute(&self) -> impl Iterator<Item = (&Rule, &AttributeRule)> {
        self.of_kind(RuleKind::Attribute)
            .filter_map(|r| match &r.body {
                RuleBody::Attribute(a) => Some((r, a)),
                _ => None,
            })
    }

    /// The slots enabled attribute rules define (`slot:`), one per name: when two rules
    /// define one name, the first (a user's rule before a shipped one) is read.
    pub fn custom_slots(&self) -> Vec<&CustomSlot> {
        let mut seen = std::collections::BTreeSet::new();
        self.attribute()
            .filter_map(|(_, a)| a.custom.as_ref())
            .filter(|c| seen.insert(c.name.as_str()))
            .collect()
    }

    /// Every enabled spelling rule: each makes its own findings.
    pub fn spelling(&self) -> impl Iterator<Item = (&Rule, &SpellingRule)> {
        self.of_kind(RuleKind::Spelling)
            .filter_map(|r| match &r.body {
                RuleBody::Spelling(s) => Some((r, s)),
                _ => None,
            })
    }

    /// Every enabled quote rule, in order.
    pub fn quote(&self) -> impl Iterator<Item = (&Rule, &QuoteRule)> {
        self.of_kind(RuleKind::Quote).filter_map(|r| match &r.body {
            RuleBody::Quote(q) => Some((r, q)),
            _ => None,
        })
    }

    /// The enabled ignore rules, indexed for look-up by rule id and entity.
    pub fn ignore_index(&self) -> IgnoreIndex<'_> {
        IgnoreIndex::new(self.ignores().map(|(_, i)| i))
    }

    /// Every enabled ignore rule, in order.
    pub fn ignores(&self) -> impl Iterator<Item = (&Rule, &IgnoreRule)> {
        self.of_kind(RuleKind::Ignore)
            .filter_map(|r| match &r.body {
                RuleBody::Ignore(i) => Some((r, i)),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_are_the_files_rules_in_file_order() {
        // Read on several threads, joined in the order of the files.
        let mut want = Vec::new();
        for (name, src) in BUILTIN_RULE_FILES {
            want.extend(schema::parse_file(src, &Origin::Builtin(name.to_string())).unwrap());
        }
        let got = RuleSet::builtin();
        assert_eq!(format!("{:?}", got.rules()), format!("{want:?}"));
    }

    #[test]
    fn shipped_rule_files_parse() {
        for (name, src) in BUILTIN_RULE_FILES {
            let rules = schema::parse_file(src, &Origin::Builtin(name.to_string()))
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(!rules.is_empty(), "{name} has no rules");
        }
        let set = RuleSet::builtin();
        assert!(set.numeric().count() >= 2);
        assert_eq!(set.spelling().count(), 1);
    }

    #[test]
    fn message_placeholders_are_filled() {
        let set = RuleSet::builtin();
        let (rule, _) = set.numeric().next().unwrap();
        let m = rule.render("wounded", "", "3 vs 4");
        assert_eq!(m, "sources disagree on wounded: 3 vs 4");
    }

    fn with_user_rules(yaml: &str) -> RuleSet {
        let mut set = RuleSet::builtin();
        let own = schema::parse_file(yaml, &Origin::File("own.yaml".into())).unwrap();
        set.rules_mut().extend(own);
        set
    }

    #[test]
    fn a_users_numeric_rules_are_tried_before_the_shipped_ones() {
        let set = with_user_rules("- id: own-count\n  kind: numeric\n  match: { verbs: [kill] }\n");
        let first = set.numeric().next().map(|(r, _)| r.id.as_str());
        assert_eq!(first, Some("own-count"));
        let shipped = set.numeric().filter(|(r, _)| r.origin.is_builtin()).count();
        assert_eq!(shipped, RuleSet::builtin().numeric().count());
    }

    #[test]
    fn a_rule_another_always_shadows_is_reported() {
        let set = with_user_rules(
            "- id: wide\n  kind: numeric\n  match: { verbs: [kill, injure] }\n\
             - id: narrow\n  kind: numeric\n  match: { verbs: [kill], units: [people] }\n\
             - id: other\n  kind: numeric\n  match: { verbs: [arrest] }\n",
        );
        let shadowed: Vec<(&str, &str)> = set
            .shadowed()
            .iter()
            .filter(|(r, _)| !r.origin.is_builtin())
            .map(|(r, by)| (r.id.as_str(), by.id.as_str()))
            .collect();
        assert_eq!(shadowed, [("narrow", "wide")]);
    }

    /// A rule for one slot never shadows rules that read other slots: the README's
    /// time-of-day rule made `rules check` warn about every shipped count rule.
    #[test]
    fn a_rule_for_times_of_day_shadows_no_count_rule() {
        let set = with_user_rules(
            "- id: departure\n  kind: numeric\n  match: { slots: [time_of_day] }\n",
        );
        let by_it: Vec<&str> = set
            .shadowed()
            .iter()
            .filter(|(_, by)| by.id == "departure")
            .map(|(r, _)| r.id.as_str())
            .filter(|id| *id != "time-of-day")
            .collect();
        assert_eq!(by_it, Vec::<&str>::new());
        // Nor does the shipped set shadow itself (`rules check` warned about four).
        let builtin = RuleSet::builtin();
        let shipped: Vec<(&str, &str)> = builtin
            .shadowed()
            .iter()
            .map(|(r, by)| (r.id.as_str(), by.id.as_str()))
            .collect();
        assert_eq!(shipped, Vec::<(&str, &str)>::new());
    }

    /// A style book is recognised by its `aliases:` key in any YAML file of a rules
    /// folder, beside rule files, and its entries are kept with their file (17 #7).
    #[test]
    fn a_style_book_is_read_from_any_yaml_file_that_says_aliases() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("house.yaml"),
            "# desk spellings\naliases:\n  - {prefer: Tarnowice, variants: [Tarnovice]}\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("counts.yaml"),
            "- id: own-count\n  kind: numeric\n  match: { verbs: [kill] }\n",
        )
        .unwrap();
        let set = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
        let at = set
            .aliases
            .entries
            .iter()
            .position(|a| a.prefer == "Tarnowice")
            .unwrap();
        assert!(set.aliases.origins[at].ends_with("house.yaml"));
        assert!(set.rules().iter().any(|r| r.id == "own-count"));
        // The entries written as a list of rules get a hint, not just serde's words.
        std::fs::write(
            dir.path().join("house.yaml"),
            "- {prefer: Tarnowice, variants: [Tarnovice]}\n",
        )
        .unwrap();
        let err = RuleSet::load(&[dir.path().to_path_buf()])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a style book is a mapping: `aliases:`"),
            "{err}"
        );
    }

    #[test]
    fn the_index_by_kind_follows_every_change_made_through_rules_mut() {
        let mut set =
            with_user_rules("- id: own-count\n  kind: numeric\n  match: { verbs: [kill] }\n");
        // The first look-up builds the index.
        assert!(set.numeric().any(|(r, _)| r.id == "own-count"));
        for r in set.rules_mut() {
            if r.id == "own-count" {
                r.enabled = false;
            }
        }
        assert!(!set.numeric().any(|(r, _)| r.id == "own-count"));
        assert_eq!(set.numeric().count(), RuleSet::builtin().numeric().count());
    }

    #[test]
    fn a_later_rule_with_an_earlier_id_replaces_it_in_place() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::write(
            dir.path().join("a.yaml"),
            "- id: own-a\n  kind: numeric\n  match: { verbs: [kill] }\n\
             - id: own-b\n  kind: numeric\n  match: { verbs: [arrest] }\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("b.yaml"),
            "- id: own-a\n  kind: numeric\n  match: { verbs: [injure] }\n",
        )
        .unwrap();
        let set = RuleSet::load(&[dir.path().to_path_buf()]).unwrap();
        let own: Vec<(&str, String)> = set
            .rules()
            .iter()
            .filter(|r| !r.origin.is_builtin())
            .map(|r| (r.id.as_str(), r.origin.to_string()))
            .collect();
        assert_eq!(own.len(), 2);
        assert_eq!(own[0].0, "own-a");
        assert!(own[0].1.ends_with("b.yaml"), "{own:?}");
        assert_eq!(own[1].0, "own-b");
    }
}
