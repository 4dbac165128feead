#![no_main]
//! The baseline reader: any bytes give ids or an error, never a panic; ids are single
//! words without comments; and an error never quotes the file (its text is the same
//! for every input but the line number), since a wrong path may name a secret.

use factdiff::triage::{parse_baseline, BaselineError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_baseline(&text) {
        Ok(ids) => {
            for id in &ids {
                assert!(!id.is_empty());
                assert!(!id.contains(char::is_whitespace) && !id.contains('#'), "{id:?}");
            }
        }
        Err(e) => {
            let fixed = match &e {
                BaselineError::BadLine(_) => BaselineError::BadLine(0),
                other => other.clone(),
            };
            let digits = |s: String| s.replace(|c: char| c.is_ascii_digit(), "");
            assert_eq!(digits(e.to_string()), digits(fixed.to_string()));
        }
    }
});
