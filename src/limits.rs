//! Size limits on the files that steer a run (rules, config, baseline) and on the
//! worker threads. Each is far above any real use; past it the run stops with a clear
//! error instead of reading gigabytes or starting thousands of threads.

use std::io::Read;
use std::path::Path;

const MIB: u64 = 1 << 20;

/// A rule or alias file (YAML): real ones are a few kilobytes.
pub const MAX_RULE_FILE: u64 = 16 * MIB;
/// A `factdiff.yaml`.
pub const MAX_CONFIG_FILE: u64 = MIB;
/// A baseline: about 100 bytes a finding, so room for over half a million findings.
pub const MAX_BASELINE_FILE: u64 = 64 * MIB;
/// Worker threads (`--threads`): far more than any machine's cores.
pub const MAX_THREADS: u16 = 256;

/// Reads a UTF-8 text file of at most `limit` bytes. The size is checked from the
/// file's metadata before anything is read, and the read itself stops past the limit
/// (for files whose size the metadata does not tell, such as pipes). The error never
/// quotes the file's content.
pub fn read_text(path: &Path, limit: u64) -> Result<String, String> {
    let too_big = || {
        format!(
            "larger than the {} MiB limit for this kind of file, not read",
            limit / MIB
        )
    };
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".into());
    }
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparse_file_over_the_limit_is_refused_unread() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("big.yaml");
        std::fs::File::create(&p).unwrap().set_len(MIB + 1).unwrap();
        let e = read_text(&p, MIB).unwrap_err();
        assert!(e.contains("1 MiB limit"), "{e}");
        std::fs::write(&p, "ok").unwrap();
        assert_eq!(read_text(&p, MIB).unwrap(), "ok");
    }

    #[test]
    fn binary_content_is_not_quoted() {
        let dir = tempfile::TempDir::new().unwrap();
        let p = dir.path().join("key");
        std::fs::write(&p, b"secret\xff\xfe").unwrap();
        let e = read_text(&p, MIB).unwrap_err();
        assert!(!e.contains("secret"), "{e}");
    }
}
