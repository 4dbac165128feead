#![no_main]
//! JSON Lines story keys: the first line of the input is the key's name, every other
//! line a JSON value given to that key in one record (numbers of any size, floats,
//! strings, arrays, objects, null, or not JSON at all). Reading never panics, is
//! deterministic, and every record with text is kept or warned about.

use factdiff::load::jsonl;
use libfuzzer_sys::fuzz_target;

fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (key, values) = input.split_once('\n').unwrap_or(("story", &input));
    let mut text = String::new();
    let mut lines = 0;
    for v in values.lines().filter(|v| !v.trim().is_empty()) {
        text.push_str(&format!(
            "{{\"text\":\"Police said 3 people were hurt.\",{}:{}}}\n",
            quoted(key),
            v.trim()
        ));
        lines += 1;
    }
    let (a, wa) = jsonl::read(&text, key);
    let (b, wb) = jsonl::read(&text, key);
    let stories = |rs: &[jsonl::Record]| -> Vec<Option<String>> {
        rs.iter().map(|r| r.meta.story.clone()).collect()
    };
    assert_eq!(stories(&a), stories(&b), "not deterministic");
    assert_eq!(wa, wb);
    assert!(a.len() <= lines);
    // A record dropped is a record warned about.
    assert!(a.len() + wa.len() >= lines, "{} records, {} warnings, {lines} lines", a.len(), wa.len());
});
