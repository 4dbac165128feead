//! JSON Lines sources (`.jsonl`, `.ndjson`): one article a line, an object with `text`
//! and optional `id`, `title`, `outlet`, `date`, `url` and `story` (or the field named
//! with `--story-key`). Every line is a source of its own; a bad line is a warning
//! naming its line number, never the end of the run.

use crate::hash::HashMap;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::Meta;

/// One article read from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line number in the file.
    pub line: usize,
    /// The record's own `id`, when it has one.
    pub id: Option<String>,
    /// The article's text.
    pub text: String,
    /// Its metadata (title, outlet, date, URL, story).
    pub meta: Meta,
}

/// A record's fields in the order written, duplicates kept (a plain map would keep
/// one of them silently), each value as its exact JSON text.
struct Fields(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> Visitor<'de> for Visit {
            type Value = Fields;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    out.push(entry);
                }
                Ok(Fields(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A JSON scalar as text: strings as they are (trimmed), numbers exactly as written,
/// booleans as `true`/`false`. Objects, arrays, null and empty strings give `None`.
fn scalar(raw: &RawValue) -> Option<String> {
    let text = raw.get().trim();
    match text.as_bytes().first() {
        Some(b'"') => {
            let s: String = serde_json::from_str(text).ok()?;
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        Some(b'-' | b'0'..=b'9') | Some(b't' | b'f') => Some(text.to_string()),
        _ => None,
    }
}

/// The story a record's story key names. Strings are names as written (trimmed).
/// Numbers name the same story when they are the same number: an integer as its digits
/// (exact at any size), `2.0` and `2e0` as `2`; a fraction as its shortest decimal.
/// `Ok(None)` is the default story (the key absent, null or an empty string);
/// `Err` a value that names no story (an array, an object, a number too large to
/// compare exactly such as `1e400`), and the record is skipped.
fn story(raw: &RawValue) -> Result<Option<String>, String> {
    let text = raw.get().trim();
    match text.as_bytes().first() {
        Some(b'"') => Ok(scalar(raw)),
        Some(b'n') => Ok(None),
        Some(b't' | b'f') => Ok(Some(text.to_string())),
        Some(b'[') => Err("is an array".into()),
        Some(b'{') => Err("is an object".into()),
        _ if text
            .bytes()
            .skip(usize::from(text.starts_with('-')))
            .all(|c| c.is_ascii_digit()) =>
        {
            let digits = text.trim_start_matches('-');
            Ok(Some(if digits.bytes().all(|c| c == b'0') {
                "0".to_string()
            } else {
                text.to_string()
            }))
        }
        _ => {
            const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() && v.fract() == 0.0 && v.abs() < EXACT => {
                    Ok(Some(format!("{}", v as i64)))
                }
                Ok(v) if v.is_finite() && v.fract() != 0.0 => Ok(Some(format!("{v}"))),
                _ => Err(format!(
                    "{text} is not a number that can be compared exactly"
                )),
            }
        }
    }
}

/// Reads one line. `Ok(None)` is a blank line; `Err` a warning about the line.
fn record(line: &str, n: usize, story_key: &str) -> Result<Option<Record>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    if !line.starts_with('{') {
        return match serde_json::from_str::<serde::de::IgnoredAny>(line) {
            Ok(_) => Err(format!("line {n}: not a JSON object, skipped")),
            Err(e) => Err(format!("line {n}: invalid JSON ({e}), skipped")),
        };
    }
    let fields: Fields =
        serde_json::from_str(line).map_err(|e| format!("line {n}: invalid JSON ({e}), skipped"))?;
    const READ: [&str; 7] = ["text", "id", "title", "byline", "outlet", "date", "url"];
    let mut obj: HashMap<&str, &RawValue> = HashMap::default();
    for (k, v) in &fields.0 {
        let read = READ.contains(&k.as_str()) || k == story_key;
        if obj.insert(k.as_str(), v).is_some() && read {
            return Err(format!(
                "line {n}: the key `{k}` appears twice (which value is meant is unclear), skipped"
            ));
        }
    }
    let text = match obj.get("text") {
        Some(v) if v.get().trim_start().starts_with('"') => serde_json::from_str::<String>(v.get())
            .map_err(|e| format!("line {n}: invalid JSON ({e}), skipped"))?,
        Some(_) => return Err(format!("line {n}: `text` is not a string, skipped")),
        None => return Err(format!("line {n}: no `text` field, skipped")),
    };
    if text.trim().is_empty() {
        return Err(format!("line {n}: empty text, skipped"));
    }
    if text.contains('\0') {
        return Err(format!("line {n}: text contains NUL characters, skipped"));
    }
    let story = match obj.get(story_key) {
        None => None,
        Some(v) => story(v)
            .map_err(|why| format!("line {n}: the story key `{story_key}` {why}, skipped"))?,
    };
    let get = |k: &str| obj.get(k).and_then(|v| scalar(v));
    Ok(Some(Record {
        line: n,
        id: get("id"),
        text,
        meta: Meta {
            title: get("title"),
            byline: get("byline"),
            outlet: get("outlet"),
            date: get("date"),
            url: get("url"),
            story,
            ignore: Vec::new(),
        },
    }))
}

/// Reads every line of a JSON Lines file: the records in line order, and a warning for
/// each line that could not be read (blank lines are passed over silently).
pub fn read(raw: &str, story_key: &str) -> (Vec<Record>, Vec<String>) {
    use rayon::prelude::*;
    let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw);
    let lines: Vec<&str> = raw.lines().collect();
    let results: Vec<Result<Option<Record>, String>> = lines
        .par_iter()
        .enumerate()
        .map(|(i, l)| record(l, i + 1, story_key))
        .collect();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for r in results {
        match r {
            Ok(Some(rec)) => out.push(rec),
            Ok(None) => {}
            Err(w) => warnings.push(w),
        }
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_metadata_and_story_key() {
        let raw = "{\"text\":\"One.\",\"id\":\"a\",\"outlet\":\"Daily\",\"story\":\"s1\"}\n\
                   \n\
                   {\"text\":\"Two.\",\"incident_id\":95550,\"title\":\"T\"}\n";
        let (recs, w) = read(raw, "story");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].id.as_deref(), Some("a"));
        assert_eq!(recs[0].meta.story.as_deref(), Some("s1"));
        assert_eq!(recs[1].line, 3);
        assert_eq!(recs[1].meta.story, None);
        let (recs, _) = read(raw, "incident_id");
        assert_eq!(recs[1].meta.story.as_deref(), Some("95550"));
        assert_eq!(recs[1].meta.title.as_deref(), Some("T"));
    }

    #[test]
    fn bad_lines_are_warnings_naming_the_line() {
        let raw = "{\"text\":\"ok\"}\n{broken\n[1,2]\n{\"title\":\"x\"}\n{\"text\":5}\n{\"text\":\"  \"}\n";
        let (recs, w) = read(raw, "story");
        assert_eq!(recs.len(), 1);
        assert_eq!(w.len(), 5);
        assert!(w[0].starts_with("line 2: invalid JSON"), "{}", w[0]);
        assert!(w[1].starts_with("line 3: not a JSON object"));
        assert!(w[2].starts_with("line 4: no `text`"));
        assert!(w[3].starts_with("line 5: `text` is not a string"));
        assert!(w[4].starts_with("line 6: empty text"));
    }

    #[test]
    fn duplicate_keys_that_are_read_skip_the_record() {
        let raw = "{\"text\":\"a\",\"text\":\"b\"}\n{\"text\":\"c\",\"tags\":1,\"tags\":2}\n\
                   {\"text\":\"d\",\"story\":1,\"story\":2}\n";
        let (recs, w) = read(raw, "story");
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].text, "c");
        assert_eq!(w.len(), 2);
        assert!(
            w[0].starts_with("line 1: the key `text` appears twice"),
            "{}",
            w[0]
        );
        assert!(
            w[1].starts_with("line 3: the key `story` appears twice"),
            "{}",
            w[1]
        );
    }

    #[test]
    fn story_keys_are_defined_for_every_json_value() {
        let key = |v: &str| {
            let (recs, w) = read(&format!("{{\"text\":\"t\",\"story\":{v}}}"), "story");
            match recs.first() {
                Some(r) => Ok(r.meta.story.clone()),
                None => Err(w[0].clone()),
            }
        };
        assert_eq!(key("2"), Ok(Some("2".into())));
        assert_eq!(key("2.0"), Ok(Some("2".into())));
        assert_eq!(key("2e0"), Ok(Some("2".into())));
        assert_eq!(key("-0"), Ok(Some("0".into())));
        assert_eq!(key("2.5"), Ok(Some("2.5".into())));
        assert_eq!(key("\" s1 \""), Ok(Some("s1".into())));
        // Above u64 and above 2^53: exact digits, so two neighbours stay two stories.
        assert_eq!(
            key("18446744073709551617"),
            Ok(Some("18446744073709551617".into()))
        );
        assert_eq!(
            key("18446744073709551616"),
            Ok(Some("18446744073709551616".into()))
        );
        assert_eq!(key("null"), Ok(None));
        assert_eq!(key("\"\""), Ok(None));
        assert_eq!(key("true"), Ok(Some("true".into())));
        for bad in ["1e400", "1e20", "[1]", "{\"a\":1}"] {
            let w = key(bad).unwrap_err();
            assert!(
                w.contains("story key `story`") && w.ends_with("skipped"),
                "{bad}: {w}"
            );
        }
    }

    #[test]
    fn numbers_in_metadata_are_kept_as_written() {
        let (recs, _) = read("{\"text\":\"t\",\"id\":12345678901234567890123}", "story");
        assert_eq!(recs[0].id.as_deref(), Some("12345678901234567890123"));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let (recs, w) = read("\u{FEFF}{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", "story");
        assert!(w.is_empty());
        assert_eq!(recs.len(), 2);
    }
}
