#![no_main]
//! The segmenter: sentences in order, not overlapping, on char boundaries.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut last = 0;
    for s in factdiff::segment::sentences(&text) {
        assert!(s.span.start <= s.span.end && s.span.end <= text.len());
        assert!(s.span.start >= last, "sentences overlap");
        assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        last = s.span.end;
    }
});
