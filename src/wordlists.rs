//! Every shipped word list (`rules/words/*.yaml`), compiled in and read through one
//! function, [`shipped`].
//!
//! Failure policy: the lists are part of the binary, not user input, so a list that
//! does not parse into its shape is a build defect, never a condition a run recovers
//! from (no stage falls back to an empty list). [`shipped`] panics naming the file and
//! the position; `every_shipped_list_is_listed_parses_and_is_not_empty` and
//! `every_shipped_list_reads_into_its_shape` fail on such a build before it ships.
//! Vocabulary a user adds arrives through rule and alias files, whose errors are
//! reported with line:column and exit 2.
//!
//! Lists that stay in Rust are grammar, not vocabulary (closed classes such as
//! auxiliaries and determiners, verb morphology, phrase patterns); each says so.

use serde::de::DeserializeOwned;

pub mod calendar;
pub mod stem;
pub mod words;

pub use words::Words;

/// Every file of `rules/words/`, by file name.
pub const SHIPPED: &[(&str, &str)] = &[
    (
        "abbreviations.yaml",
        include_str!("../rules/words/abbreviations.yaml"),
    ),
    (
        "activities.yaml",
        include_str!("../rules/words/activities.yaml"),
    ),
    (
        "background.yaml",
        include_str!("../rules/words/background.yaml"),
    ),
    ("common.yaml", include_str!("../rules/words/common.yaml")),
    ("states.yaml", include_str!("../rules/words/states.yaml")),
    (
        "demonyms.yaml",
        include_str!("../rules/words/demonyms.yaml"),
    ),
    (
        "event_attributes.yaml",
        include_str!("../rules/words/event_attributes.yaml"),
    ),
    ("events.yaml", include_str!("../rules/words/events.yaml")),
    (
        "first_names.yaml",
        include_str!("../rules/words/first_names.yaml"),
    ),
    ("generic.yaml", include_str!("../rules/words/generic.yaml")),
    (
        "motion_verbs.yaml",
        include_str!("../rules/words/motion_verbs.yaml"),
    ),
    (
        "org_heads.yaml",
        include_str!("../rules/words/org_heads.yaml"),
    ),
    (
        "org_words.yaml",
        include_str!("../rules/words/org_words.yaml"),
    ),
    (
        "particles.yaml",
        include_str!("../rules/words/particles.yaml"),
    ),
    (
        "person_nouns.yaml",
        include_str!("../rules/words/person_nouns.yaml"),
    ),
    (
        "person_roles.yaml",
        include_str!("../rules/words/person_roles.yaml"),
    ),
    ("places.yaml", include_str!("../rules/words/places.yaml")),
    ("regions.yaml", include_str!("../rules/words/regions.yaml")),
    ("roles.yaml", include_str!("../rules/words/roles.yaml")),
    (
        "sentences.yaml",
        include_str!("../rules/words/sentences.yaml"),
    ),
    ("speech.yaml", include_str!("../rules/words/speech.yaml")),
    (
        "time_zones.yaml",
        include_str!("../rules/words/time_zones.yaml"),
    ),
    (
        "title_cues.yaml",
        include_str!("../rules/words/title_cues.yaml"),
    ),
    ("titles.yaml", include_str!("../rules/words/titles.yaml")),
    (
        "translit.yaml",
        include_str!("../rules/words/translit.yaml"),
    ),
    ("units.yaml", include_str!("../rules/words/units.yaml")),
];

/// The shipped list `name` (a file name in `rules/words/`) read into `T`.
///
/// # Panics
/// When `name` is not shipped or does not read into `T`: a build defect (see the
/// module doc), caught by this module's tests.
pub fn shipped<T: DeserializeOwned>(name: &str) -> T {
    let Some((_, text)) = SHIPPED.iter().find(|(n, _)| *n == name) else {
        panic!("rules/words/{name} is not a shipped word list");
    };
    crate::yaml::parse(text, &format!("rules/words/{name}"))
        .unwrap_or_else(|e| panic!("shipped word list does not read (a build defect): {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The empty parts of a list: the list itself or one of its top-level entries
    /// empty (a forgotten entry), or a blank word anywhere. Deeper empty lists may be
    /// meant ("a region with no abbreviation: []").
    fn empty_parts(v: &serde_json::Value, at: &str, depth: usize, out: &mut Vec<String>) {
        use serde_json::Value;
        let blank = match v {
            Value::Array(a) => a.is_empty() && depth <= 1,
            Value::Object(o) => o.is_empty() && depth <= 1,
            Value::String(s) => s.trim().is_empty(),
            Value::Null => true,
            _ => false,
        };
        if blank {
            out.push(at.to_string());
        }
        match v {
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    empty_parts(x, &format!("{at}[{i}]"), depth + 1, out);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    empty_parts(x, &format!("{at}.{k}"), depth + 1, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_shipped_list_is_listed_parses_and_is_not_empty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/words");
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let listed: BTreeSet<String> = SHIPPED.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(on_disk, listed, "rules/words/ and SHIPPED differ");
        for (name, _) in SHIPPED {
            let v: serde_json::Value = shipped(name);
            let mut empty = Vec::new();
            empty_parts(&v, name, 0, &mut empty);
            assert!(empty.is_empty(), "empty entries: {empty:?}");
        }
    }

    /// The words of a list that appear twice in one array: a repeated entry is a
    /// copy-paste slip (and a reader of the list cannot tell which one to edit).
    fn repeated(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        use serde_json::Value;
        match v {
            Value::Array(a) => {
                let mut seen = BTreeSet::new();
                for x in a {
                    if let Value::String(s) = x {
                        if !seen.insert(s.as_str()) {
                            out.push(format!("{at}: {s:?}"));
                        }
                    }
                }
                for (i, x) in a.iter().enumerate() {
                    repeated(x, &format!("{at}[{i}]"), out);
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    repeated(x, &format!("{at}.{k}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn no_shipped_list_repeats_an_entry() {
        let mut twice = Vec::new();
        for (name, _) in SHIPPED {
            let v: serde_json::Value = shipped(name);
            repeated(&v, name, &mut twice);
        }
        assert!(twice.is_empty(), "entries listed twice: {twice:?}");
    }

    #[test]
    fn a_repeated_entry_is_found() {
        let v = serde_json::json!({"a": ["Gen", "Col", "Gen"], "b": [["x", "x"]]});
        let mut twice = Vec::new();
        repeated(&v, "t", &mut twice);
        assert_eq!(twice, vec![r#"t.a: "Gen""#, r#"t.b[0]: "x""#]);
    }

    /// Every list read into the shape its stage reads it as (the statics are lazy, so
    /// a list no test happens to reach would otherwise fail only in a user's run).
    #[test]
    fn every_shipped_list_reads_into_its_shape() {
        use std::sync::LazyLock;
        // particles, translit, demonyms, titles, org_heads, first_names, common,
        // places, activities, abbreviations, states.
        Words::builtin();
        LazyLock::force(&crate::segment::PERIOD_WORDS);
        LazyLock::force(&crate::resolve::orgwords::FILE);
        LazyLock::force(&crate::claims::fact::UNITS);
        LazyLock::force(&crate::claims::fact::ZONES);
        LazyLock::force(&crate::claims::context::PERSONS);
        LazyLock::force(&crate::claims::attribution::SPEECH);
        LazyLock::force(&crate::claims::attribute::MOTION);
        LazyLock::force(&crate::claims::attribute::places::REGIONS);
        LazyLock::force(&crate::claims::attribute::events::EVENTS);
        LazyLock::force(&crate::claims::attribute::roles::ROLES);
        LazyLock::force(&crate::quotes::extract::TITLE_CUES);
        LazyLock::force(&crate::claims::quantity::features::EVENTS);
        LazyLock::force(&crate::claims::quantity::features::GENERIC);
        LazyLock::force(&crate::claims::quantity::role::BACKGROUND);
        LazyLock::force(&crate::claims::quantity::role::ROLE_WORDS);
        LazyLock::force(&crate::compare::attribute::ABBREVIATIONS);
    }

    #[test]
    #[should_panic(expected = "rules/words/nothing.yaml is not a shipped word list")]
    fn an_unknown_list_is_a_defect_named_by_file() {
        let _: Vec<String> = shipped("nothing.yaml");
    }

    #[test]
    #[should_panic(expected = "rules/words/titles.yaml")]
    fn a_list_of_the_wrong_shape_is_a_defect_naming_the_file() {
        let _: std::collections::BTreeMap<String, u32> = shipped("titles.yaml");
    }
}
