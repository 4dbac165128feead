//! Spelling findings by class, end to end: one fixture story per class
//! (`tests/fixtures/names/<class>/`), invented names throughout.

use assert_cmd::Command;
use serde_json::Value;

fn findings(dir: &str) -> Vec<Value> {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(format!("tests/fixtures/names/{dir}"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "spelling")
        .cloned()
        .collect()
}

/// The spelling finding about `subject`, with its class and severity.
fn about<'a>(fs: &'a [Value], subject: &str) -> &'a Value {
    fs.iter()
        .find(|f| f["subject"] == subject)
        .unwrap_or_else(|| panic!("no spelling finding about {subject}: {fs:#?}"))
}

fn cited(f: &Value) -> Vec<&str> {
    f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect()
}

#[test]
fn a_misspelling_is_a_warning() {
    let fs = findings("misspelling");
    let f = about(&fs, "Ondrej Kalvas");
    assert_eq!(f["class"], "misspelling");
    assert_eq!(f["severity"], "warning");
    assert!(cited(f).contains(&"Ondrej Kalwas"), "{f:#?}");
    // One letter missing in one word of an organisation's name.
    let f = fs
        .iter()
        .find(|f| cited(f).contains(&"Velmar Feries"))
        .unwrap_or_else(|| panic!("{fs:#?}"));
    assert_eq!(f["class"], "misspelling");
    assert!(cited(f).contains(&"Velmar Ferries"), "{f:#?}");
}

#[test]
fn style_differences_are_info() {
    let fs = findings("style");
    for (subject, variant) in [
        ("Zorin-Vale Clinic", "Zorin Vale Clinic"),
        ("Tam DeVorr", "Tam Devorr"),
        ("Hill & Dale Club", "Hill and Dale Club"),
    ] {
        let f = about(&fs, subject);
        assert_eq!(f["class"], "style", "{f:#?}");
        assert_eq!(f["severity"], "info", "{f:#?}");
        assert!(cited(f).contains(&variant), "{f:#?}");
    }
    assert_eq!(fs.len(), 3, "{fs:#?}");
}

#[test]
fn another_form_of_a_name_is_info() {
    let fs = findings("form");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert_eq!(fs[0]["class"], "form");
    assert_eq!(fs[0]["severity"], "info");
    let c = cited(&fs[0]);
    assert!(c.contains(&"Tarwen Magnet High School") && c.contains(&"Tarwen Magnet School"));
}

#[test]
fn aliases_are_never_reported() {
    // A surname alone, an acronym the source expands, "the" before a name.
    assert!(findings("alias").is_empty());
}
