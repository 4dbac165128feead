//! From a file's bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 with
//! a byte-order mark, and the legacy encodings a page declares in `<meta charset>`,
//! decoded with `encoding_rs` (the WHATWG Encoding Standard, as browsers decode). A
//! warning names every encoding other than UTF-8 that was assumed.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page its `<meta charset>` is looked for (as browsers do).
const PRESCAN: usize = 1024;

/// The decoded text (without a byte-order mark, so that columns count from the first
/// real char) and warnings. `Err` is a file that is not text (NUL bytes).
pub fn decode(bytes: &[u8], html: bool) -> Result<(String, Vec<String>), String> {
    let mut warnings = Vec::new();
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[bom..]);
        if enc != UTF_8 {
            warnings.push(format!("read as {} (byte-order mark)", enc.name()));
        }
        if bad {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                enc.name()
            ));
        }
        return not_binary(text.into_owned(), warnings);
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes), skipped".into());
    }
    if let Some(enc) = html.then(|| declared(bytes)).flatten() {
        // A page saved from a browser is often re-encoded as UTF-8 with its old
        // declaration left in: bytes that are valid UTF-8 with multi-byte chars in them
        // are almost never a legacy encoding, so they win over the declaration.
        let utf8_after_all = std::str::from_utf8(bytes).is_ok() && has_utf8_multibyte(bytes);
        if enc != UTF_8 && utf8_after_all {
            warnings.push(format!(
                "declares {} but is valid UTF-8; read as UTF-8",
                enc.name()
            ));
        } else if enc != UTF_8 {
            let (text, bad) = enc.decode_without_bom_handling(bytes);
            warnings.push(format!(
                "read as {} (declared in <meta charset>)",
                enc.name()
            ));
            if bad {
                warnings.push(format!(
                    "invalid {} sequences replaced with U+FFFD",
                    enc.name()
                ));
            }
            return not_binary(text.into_owned(), warnings);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), warnings)),
        // No valid multi-byte UTF-8 at all: an 8-bit legacy file, most likely
        // windows-1252 (a superset of ISO-8859-1, as browsers read both).
        Err(e) if !has_utf8_multibyte(bytes) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            warnings.push(format!(
                "not UTF-8 (byte {}) and no encoding declared; read as windows-1252",
                e.valid_up_to()
            ));
            Ok((text.into_owned(), warnings))
        }
        Err(e) => {
            let at = e.valid_up_to();
            warnings.push(format!(
                "invalid UTF-8 at byte {at}; bad bytes replaced with U+FFFD"
            ));
            Ok((String::from_utf8_lossy(bytes).into_owned(), warnings))
        }
    }
}

fn not_binary(text: String, warnings: Vec<String>) -> Result<(String, Vec<String>), String> {
    if text.contains('\0') {
        return Err("binary file (contains NUL characters), skipped".into());
    }
    Ok((text, warnings))
}

/// Does `bytes` hold at least one valid multi-byte UTF-8 sequence?
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    bytes
        .utf8_chunks()
        .any(|c| c.valid().bytes().any(|b| b >= 0x80))
}

/// The encoding a page declares in a `<meta charset=…>` or `<meta http-equiv
/// content="…; charset=…">` near its start. A page cannot declare UTF-16 in itself
/// (it would not be readable as ASCII): such a label means UTF-8, as in browsers.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(PRESCAN)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = find(&head[from..], b"<meta") {
        let tag_start = from + k;
        let tag_end = head[tag_start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(head.len(), |p| tag_start + p);
        let tag = &head[tag_start..tag_end];
        if let Some(c) = find(tag, b"charset") {
            let rest = tag[c + 7..]
                .iter()
                .skip_while(|c| c.is_ascii_whitespace())
                .copied()
                .collect::<Vec<u8>>();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let label: Vec<u8> = rest
                    .iter()
                    .skip_while(|c| c.is_ascii_whitespace() || **c == b'"' || **c == b'\'')
                    .take_while(|c| !matches!(c, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .copied()
                    .collect();
                if let Some(enc) = Encoding::for_label(&label) {
                    return Some(match enc.name() {
                        "UTF-16LE" | "UTF-16BE" => UTF_8,
                        "x-user-defined" => WINDOWS_1252,
                        _ => enc,
                    });
                }
            }
        }
        from = tag_end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "Zoë said “hi”.";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        let (s, w) = decode(&le, false).unwrap();
        assert_eq!(s, text);
        assert_eq!(w, ["read as UTF-16LE (byte-order mark)"]);
        let (s, w) = decode(&be, false).unwrap();
        assert_eq!(s, text);
        assert_eq!(w, ["read as UTF-16BE (byte-order mark)"]);
    }

    #[test]
    fn utf8_bom_is_dropped_without_a_warning() {
        let (s, w) = decode("\u{FEFF}Zoë".as_bytes(), false).unwrap();
        assert_eq!(s, "Zoë");
        assert!(w.is_empty());
    }

    #[test]
    fn meta_charset_is_honoured_in_pages_only() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93ok\x94</body>";
        let (s, w) = decode(page, true).unwrap();
        assert!(s.contains("café “ok”"), "{s}");
        assert_eq!(w, ["read as windows-1252 (declared in <meta charset>)"]);
        let old =
            b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-2'>\xb3\xf3d\xbc";
        let (s, w) = decode(old, true).unwrap();
        assert!(s.ends_with("łódź"), "{s}");
        assert_eq!(w, ["read as ISO-8859-2 (declared in <meta charset>)"]);
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_declaration() {
        let page = "<meta charset=\"gb2312\"><p>Zoë</p>";
        let (s, w) = decode(page.as_bytes(), true).unwrap();
        assert_eq!(s, page);
        assert_eq!(w, ["declares GBK but is valid UTF-8; read as UTF-8"]);
        let ascii = b"<meta charset=\"windows-1252\"><p>plain</p>";
        let (_, w) = decode(ascii, true).unwrap();
        assert_eq!(w, ["read as windows-1252 (declared in <meta charset>)"]);
    }

    #[test]
    fn undeclared_eight_bit_text_is_windows_1252_but_damaged_utf8_stays_utf8() {
        let (s, w) = decode(b"caf\xe9 au lait", false).unwrap();
        assert_eq!(s, "café au lait");
        assert!(w[0].contains("windows-1252"));
        let (s, w) = decode(
            "Zoë \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xff")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
            false,
        )
        .unwrap();
        assert!(s.starts_with("Zoë —"));
        assert!(w[0].contains("invalid UTF-8 at byte 9"), "{w:?}");
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert!(decode(b"a\0b", false).is_err());
    }
}
