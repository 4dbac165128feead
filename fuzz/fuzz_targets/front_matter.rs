#![no_main]
//! YAML front matter: any block between `---` fences, in text and Markdown, gives
//! metadata or a warning, never a panic, and the body's spans stay valid.

use factdiff::load::{Document, Format};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data);
    let raw = format!("---\n{body}\n---\nBody text said 3 people.\n");
    for format in [Format::Text, Format::Markdown] {
        let (doc, _) = Document::new("f", "f.md", raw.clone(), format);
        common::check_document(&doc);
    }
});
