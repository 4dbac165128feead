#![no_main]
//! The Html loader: any bytes, decoded as the CLI decodes them, never panic and keep
//! every span inside the file.

use factdiff::load::{Document, Format};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data).into_owned();
    let (doc, _) = Document::new("f", "f.html", raw, Format::Html);
    common::check_document(&doc);
});
