#![no_main]
//! The rule-file parser: any text gives rules or an error with a position, never a
//! panic, however deep or repetitive the YAML.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let origin = factdiff::vocab::Origin::File("fuzz.yaml".to_string());
    let _ = factdiff::rules::schema::parse_file(&src, &origin);
});
