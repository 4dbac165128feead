#![no_main]
//! The number reader: phrases inside the text, on char boundaries, with sane values.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for p in factdiff::claims::numbers::read(&text) {
        assert!(p.span.start <= p.span.end && p.span.end <= text.len());
        assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
        for v in [p.value.low, p.value.high].into_iter().flatten() {
            assert!(v.is_finite(), "value {v} is not finite");
        }
    }
});
