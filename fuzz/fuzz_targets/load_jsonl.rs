#![no_main]
//! JSON Lines: any bytes give records and warnings, never a panic; every record
//! becomes a document whose spans stay valid.

use factdiff::load::{jsonl, Document};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let (records, _warnings) = jsonl::read(&raw, "story");
    for r in records {
        let doc = Document::with_meta("f", "f.jsonl", r.text, r.meta);
        common::check_document(&doc);
    }
});
