//! `kind: attribute` — facts attached to one entity must agree.
//!
//! Catches: "Anna Kowalska, a postdoctoral fellow at the Center for the Study of
//! Extremism" in one source and "…, a fellow at the Institute for Conflict Research"
//! in another (affiliation); "Foreign Minister X" against "Prime Minister X" (title);
//! "X, 23," against "X, 24," (age); "Chief X" against "Acting Chief X" (title); "of
//! Iowa" against "from Upper Falls, Neb." (residence); "has been charged" against "no
//! charges have been filed" (legal); "a video release party" against "a record release
//! party" (event_kind); "broke out inside" against "started outside" (event_place);
//! "Friday's announcement" against "the announcement on Saturday" (event_day).
//! Why it matters: a wrong title or employer is a
//! correction. Example:
//!
//! ```yaml
//! - id: attribute-affiliation
//!   kind: attribute
//!   message: "{entity}: {values}"
//!   severity: warning
//!   attributes: [affiliation]
//!   min_similarity: 0.3
//! ```

use serde::Deserialize;

use crate::vocab::AttributeKind;

/// A compiled attribute rule.
#[derive(Debug, Clone)]
pub struct AttributeRule {
    /// The slots this rule compares.
    pub attributes: Vec<AttributeKind>,
    /// Two organisation names at least this similar (token overlap, 0–1) fill the same
    /// slot, so a difference between them is a discrepancy; less similar ones are
    /// taken as two different affiliations, which can both be true.
    pub min_similarity: f64,
    /// The rule's own slot, when it defines one (`slot:`) instead of naming built-in ones.
    pub custom: Option<CustomSlot>,
}

/// Who a user-defined slot's values are said of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotOwner {
    /// The story's event: the pattern is matched on every sentence.
    Event,
    /// A person: the pattern is matched on the words after each person's name (`^`
    /// stands right after the name); a value belongs to the closest person before it.
    Person,
}

/// A slot defined in a rule file, without Rust: a vocabulary of values (each with the
/// words that say it) and a pattern that says where one is written.
///
/// ```yaml
/// slot:
///   name: weapon
///   of: event
///   pattern: '\b(?:armed with|fired) an? {words}\b'
///   words:
///     rifle: [carbine]
///     handgun: [pistol, revolver]
/// ```
///
/// `{words}` in the pattern stands for any of the words or keys (matched without regard
/// to case unless the pattern says `(?-i)`, any spacing between a phrase's words); the
/// value compared is the key
/// (`pistol` and `revolver` agree). Each source's set of keys is set against the set
/// most sources give: a source sharing none of its keys is a finding.
#[derive(Debug, Clone)]
pub struct CustomSlot {
    /// The slot's name in reports (`weapon`): lower case, digits and `_`.
    pub name: String,
    /// Who the values are said of.
    pub of: SlotOwner,
    /// The compiled pattern, `{words}` expanded to a group named `value`.
    pub pattern: regex::Regex,
    /// Each word, lower-cased, to the key of its value.
    pub words: std::collections::BTreeMap<String, String>,
}

impl CustomSlot {
    /// The value keys matched in `text`: (byte range of the value, key).
    pub fn matches<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, &'a str)> + 'a {
        self.pattern.captures_iter(text).filter_map(|c| {
            let v = c.name("value")?;
            Some((v.start(), v.end(), self.key_of(v.as_str())?))
        })
    }

    /// The key of a value as matched (any spacing, any case), if it is one of the words.
    pub fn key_of(&self, value: &str) -> Option<&str> {
        let folded = crate::span::one_line(value);
        self.words.get(&folded.to_lowercase()).map(String::as_str)
    }
}
