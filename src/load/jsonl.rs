//! JSON Lines sources (`.jsonl`, `.ndjson`): one article a line, an object with `text`
//! and optional `id`, `title`, `outlet`, `date`, `url` and `story` (or the field named
//! with `--story-key`). Every line is a source of its own; a bad line is a warning
//! naming its line number, never the end of the run.

use serde_json::{Map, Value};

use super::Meta;

/// One article read from one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// 1-based line number in the file.
    pub line: usize,
    /// The record's own `id`, when it has one.
    pub id: Option<String>,
    pub text: String,
    pub meta: Meta,
}

/// A JSON scalar as text: strings as they are, numbers and booleans as written.
/// Objects, arrays and null give `None`.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_string())
        }
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Reads one line. `Ok(None)` is a blank line; `Err` a warning about the line.
fn record(line: &str, n: usize, story_key: &str) -> Result<Option<Record>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let obj: Map<String, Value> = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(o)) => o,
        Ok(_) => return Err(format!("line {n}: not a JSON object, skipped")),
        Err(e) => return Err(format!("line {n}: invalid JSON ({e}), skipped")),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(format!("line {n}: `text` is not a string, skipped")),
        None => return Err(format!("line {n}: no `text` field, skipped")),
    };
    if text.trim().is_empty() {
        return Err(format!("line {n}: empty text, skipped"));
    }
    if text.contains('\0') {
        return Err(format!("line {n}: text contains NUL characters, skipped"));
    }
    let get = |k: &str| obj.get(k).and_then(scalar);
    Ok(Some(Record {
        line: n,
        id: get("id"),
        text,
        meta: Meta {
            title: get("title"),
            outlet: get("outlet"),
            date: get("date"),
            url: get("url"),
            story: get(story_key),
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
    fn bom_and_crlf_are_accepted() {
        let (recs, w) = read("\u{FEFF}{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", "story");
        assert!(w.is_empty());
        assert_eq!(recs.len(), 2);
    }
}
