//! The shared vocabulary of every stage: what kinds of finding, rule and attribute slot
//! exist, how much a finding matters, what it is about, where a rule came from and how
//! two spellings of one name differ.
//!
//! This module is a leaf (it imports no other stage), so every stage can name these types
//! without importing a later one. Each enum has an `ALL` list and is matched exhaustively
//! wherever it is printed or parsed: adding a variant makes the compiler list every place
//! that must handle it (see CONTRIBUTING.md, "adding a rule kind").

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

/// Defines a closed set of names from one list: the enum, `ALL` (in the order listed),
/// `as_str`, `parse` and `Display`, and serialises each variant as its name. `ALL` and
/// the names cannot miss a variant; every other `match` on the enum is exhaustive, so
/// the compiler lists each place a new variant must be handled.
macro_rules! names {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[doc = concat!("`", $text, "` in files and reports.")] #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every variant, in the order listed (the order reports use).
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The name used in files and in every output.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The variant's position in `ALL`, for tables indexed by variant.
            pub fn index(self) -> usize {
                self as usize
            }

            /// The variant with this name.
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|k| k.as_str() == s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

names! {
    /// What kind of disagreement a finding reports. Reports show the kinds in this order.
    FindingKind {
        /// One entity written several ways.
        Spelling = "spelling",
        /// Numbers about one quantity that do not agree.
        Numeric = "numeric",
        /// Facts about an entity (role, age, place…) that differ.
        Attribute = "attribute",
        /// Quotations that differ in wording, speaker or paraphrase.
        Quote = "quote",
    }
}

names! {
    /// What kind of rule a rule file entry is: one per finding kind, plus `ignore`, which
    /// drops findings instead of making them. Error messages list the kinds in this order.
    RuleKind {
        Numeric = "numeric",
        Attribute = "attribute",
        Spelling = "spelling",
        Quote = "quote",
        Ignore = "ignore",
    }
}

impl RuleKind {
    /// The kind of finding rules of this kind make (`None` for `ignore`).
    pub fn finding_kind(self) -> Option<FindingKind> {
        match self {
            RuleKind::Numeric => Some(FindingKind::Numeric),
            RuleKind::Attribute => Some(FindingKind::Attribute),
            RuleKind::Spelling => Some(FindingKind::Spelling),
            RuleKind::Quote => Some(FindingKind::Quote),
            RuleKind::Ignore => None,
        }
    }
}

/// The attribute slots factdiff reads and compares, of a person or of the event.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AttributeKind {
    /// The organisation a person works for or belongs to.
    Affiliation,
    /// A title or role ("Foreign Minister", "acting chief", "special agent").
    Title,
    /// A person's age.
    Age,
    /// A trade or job ("booking agent", "land surveyor").
    Occupation,
    /// The state or province a person is from or lives in.
    Residence,
    /// Charged, arrested, convicted — or their denial ("no charges have been filed").
    Legal,
    /// The kind of event ("video release party").
    EventKind,
    /// Where the event began: inside or outside.
    EventPlace,
    /// The weekday an event is put on ("Friday's announcement", "the shooting on
    /// Wednesday").
    EventDay,
    /// A slot a rule file defines with a word list and a pattern (see `rules::CustomSlot`);
    /// never written in `attributes:`.
    Custom,
}

impl AttributeKind {
    /// Every slot, in order.
    pub const ALL: [AttributeKind; 10] = [
        AttributeKind::Affiliation,
        AttributeKind::Title,
        AttributeKind::Age,
        AttributeKind::Occupation,
        AttributeKind::Residence,
        AttributeKind::Legal,
        AttributeKind::EventKind,
        AttributeKind::EventPlace,
        AttributeKind::EventDay,
        AttributeKind::Custom,
    ];

    /// The slot's name in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeKind::Affiliation => "affiliation",
            AttributeKind::Title => "title",
            AttributeKind::Age => "age",
            AttributeKind::Occupation => "occupation",
            AttributeKind::Residence => "residence",
            AttributeKind::Legal => "legal",
            AttributeKind::EventKind => "event_kind",
            AttributeKind::EventPlace => "event_place",
            AttributeKind::EventDay => "event_day",
            AttributeKind::Custom => "custom",
        }
    }
}

/// How much a finding matters; ordered so that `Error` is the greatest.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// For an editor to see; never fails a run by default.
    Info,
    /// Likely a mistake in one source.
    Warning,
    /// A contradiction: the default `--fail-on` level.
    Error,
}

impl Severity {
    /// Every severity, gravest first (the order reports list them in).
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The severity's name in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity named `s` (`error`, `warning` or `info`).
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a finding is about: the entity (or, for numbers, the quantity) and, when a
/// finding is about one aspect of it, that aspect. Printed as the noun phrase an editor
/// writes, `entity's aspect` ("Ann Lee's age").
///
/// `ignore` rules match `entities:` against [`Subject::entity`], so nothing reads the
/// entity back out of the printed text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject {
    /// The entity (or quantity) the finding is about.
    pub entity: String,
    /// The aspect of it, when the finding is about one ("age").
    pub aspect: Option<String>,
}

impl Subject {
    /// A subject that is the entity (or quantity) itself.
    pub fn whole(entity: impl Into<String>) -> Subject {
        Subject {
            entity: entity.into(),
            aspect: None,
        }
    }

    /// One aspect of an entity, printed as an editor writes it: `Jane Roe's age`.
    pub fn aspect(entity: impl Into<String>, aspect: impl Into<String>) -> Subject {
        Subject {
            entity: entity.into(),
            aspect: Some(aspect.into()),
        }
    }

    /// The characters of the printed form, without building it.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        let sep = if self.aspect.is_some() { "'s " } else { "" };
        self.entity
            .chars()
            .chain(sep.chars())
            .chain(self.aspect.iter().flat_map(|a| a.chars()))
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.aspect {
            Some(a) => write!(f, "{}'s {a}", self.entity),
            None => f.write_str(&self.entity),
        }
    }
}

/// Subjects sort as their printed form does, so that the order of findings does not
/// depend on how a subject is split.
impl Ord for Subject {
    fn cmp(&self, other: &Self) -> Ordering {
        self.chars().cmp(other.chars())
    }
}

impl PartialOrd for Subject {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<&str> for Subject {
    fn eq(&self, other: &&str) -> bool {
        self.chars().eq(other.chars())
    }
}

/// Where a rule came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A rule file shipped in the binary, by its path in the repository (`rules/numeric.yaml`).
    Builtin(String),
    /// A rule file of the user's, or a config file's `ignore:` entries, by path.
    File(String),
}

impl Origin {
    /// Is this a rule shipped in the binary?
    pub fn is_builtin(&self) -> bool {
        matches!(self, Origin::Builtin(_))
    }
}

/// Printed as `builtin:rules/numeric.yaml` or as the file's path.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Builtin(p) => write!(f, "builtin:{p}"),
            Origin::File(p) => f.write_str(p),
        }
    }
}

/// The class of a reported difference between two spellings of one entity.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum VariantClass {
    /// Letters differ.
    Misspelling,
    /// Another form of the name that is not a short form.
    Form,
    /// The same letters written another way.
    Style,
}

impl VariantClass {
    /// The class's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            VariantClass::Misspelling => "misspelling",
            VariantClass::Form => "form",
            VariantClass::Style => "style",
        }
    }

    /// Every class, in report order.
    pub const ALL: [VariantClass; 3] = [
        VariantClass::Misspelling,
        VariantClass::Form,
        VariantClass::Style,
    ];
}

impl std::fmt::Display for VariantClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for &k in FindingKind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        for &k in RuleKind::ALL {
            assert_eq!(RuleKind::parse(k.as_str()), Some(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        for s in Severity::ALL {
            assert_eq!(Severity::parse(s.as_str()), Some(s));
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
        }
        assert_eq!(RuleKind::parse("nonsense"), None);
        assert_eq!(Severity::parse("fatal"), None);
    }

    #[test]
    fn every_finding_kind_has_a_rule_kind() {
        for &k in FindingKind::ALL {
            assert!(RuleKind::ALL.iter().any(|r| r.finding_kind() == Some(k)));
        }
    }

    #[test]
    fn subjects_print_and_sort_as_text() {
        let a = Subject::aspect("Ann Lee", "quote");
        let b = Subject::aspect("Ann", "quote");
        assert_eq!(a.to_string(), "Ann Lee's quote");
        assert_eq!(Subject::whole("wounded").to_string(), "wounded");
        // "Ann Lee's quote" < "Ann's quote" as text (' ' < '\''), whatever the parts say.
        assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
        assert_eq!(a.cmp(&b), Ordering::Less);
        assert!(a == "Ann Lee's quote");
    }

    #[test]
    fn origins_print_as_before() {
        assert_eq!(
            Origin::Builtin("rules/numeric.yaml".into()).to_string(),
            "builtin:rules/numeric.yaml"
        );
        assert_eq!(
            Origin::File("my/rules.yaml".into()).to_string(),
            "my/rules.yaml"
        );
    }
}

/// What a number is a value of.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    Default,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// How many of something ("13 injured", "200 migrants"), by status when one is said.
    #[default]
    Count,
    /// A clock time, in minutes after midnight.
    TimeOfDay,
    /// A calendar date or a weekday.
    Date,
    /// A person's or a group's age, in years.
    Age,
    /// The house or block number of a street address.
    AddressNumber,
    /// A measured amount in a unit (distance, volume, mass, area, speed, duration…).
    Amount,
    /// A sum of money in a currency.
    Price,
    /// How often something happened ("shot seven times"): never a count of things.
    Frequency,
    /// A year ("in 2014"): a date, never a count.
    Year,
    /// An ordinal ("the third").
    Ordinal,
    /// A number that names something ("Flight 17", a phone number).
    Identifier,
}

impl Slot {
    /// The slot's name in files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Slot::Count => "count",
            Slot::TimeOfDay => "time_of_day",
            Slot::Date => "date",
            Slot::Age => "age",
            Slot::AddressNumber => "address_number",
            Slot::Amount => "amount",
            Slot::Price => "price",
            Slot::Frequency => "frequency",
            Slot::Year => "year",
            Slot::Ordinal => "ordinal",
            Slot::Identifier => "identifier",
        }
    }
}
