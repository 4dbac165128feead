//! Helpers shared by the end-to-end test files: the binary with a fixed terminal
//! width, a file written into a temporary folder, stderr as text, and whether the
//! tests run as root.
#![allow(dead_code)] // each test file uses its own subset

use assert_cmd::Command;
use std::fs;
use std::path::Path;
use std::time::Duration;

/// The binary with `COLUMNS=120`, `NO_COLOR` unset (output to a pipe is never
/// coloured anyway) and a two-minute timeout, so a hang fails the test instead of CI.
pub fn factdiff() -> Command {
    let mut c = Command::cargo_bin("factdiff").unwrap();
    c.env_remove("NO_COLOR").env("COLUMNS", "120");
    c.timeout(Duration::from_secs(120));
    c
}

pub fn write(dir: &Path, name: &str, text: &str) -> String {
    write_bytes(dir, name, text.as_bytes())
}

/// Like [`write`], for bytes that need not be UTF-8.
pub fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
