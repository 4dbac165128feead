//! End to end: `factdiff names` and `check --format json` on the seed articles.

use assert_cmd::Command;

fn json(args: &[&str]) -> serde_json::Value {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).expect("a JSON report")
}

/// The entity holding a mention with this text in this source.
fn entity<'a>(r: &'a serde_json::Value, source: &str, text: &str) -> &'a serde_json::Value {
    r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["mentions"].as_array().unwrap().iter().any(|m| {
                m["text"].as_str().unwrap().trim_end_matches("'s") == text
                    && m["source"].as_str().unwrap().starts_with(source)
            })
        })
        .unwrap_or_else(|| panic!("no mention {text:?} in {source}"))
}

#[test]
fn names_table_lists_the_clusters() {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args(["names", "seeds/"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = String::from_utf8(out.stdout).unwrap();
    for s in [
        "Kacper Rekawek",
        "Kachper Rekauek",
        "Kyiv",
        "Kiev",
        "Liz Truss",
        "Trus",
    ] {
        assert!(t.contains(s), "{s} missing from\n{t}");
    }
}

#[test]
fn json_report_has_the_key_clusters_and_spelling_findings() {
    let r = json(&["check", "seeds/", "--format", "json"]);
    let id = |s: &str, t: &str| entity(&r, s, t)["id"].as_str().unwrap().to_string();
    assert_eq!(id("000", "Kachper Rekauek"), id("001", "Kacper Rekawek"));
    assert_eq!(id("000", "Rekawek"), id("000", "Rekauek"));
    assert_eq!(id("000", "Trus"), id("000", "Liz Truss"));
    assert_eq!(id("000", "Kiev"), id("002", "Kiev"));
    assert_eq!(id("000", "Kyiv"), id("001", "Kyiv"));
    assert_eq!(
        id("000", "Georgian Legion"),
        id("001", "Georgia National Legion")
    );
    assert_ne!(id("000", "Aaron Zelin"), id("001", "Volodymyr Zelensky"));
    assert_ne!(id("000", "Syria"), id("001", "Serbia"));
    assert_ne!(id("000", "Georgia"), id("000", "Georgian Legion"));
    assert_ne!(id("000", "Kyiv"), id("000", "Kharkiv"));
    assert_eq!(entity(&r, "000", "Kiev")["canonical"], "Kyiv");
    assert_eq!(
        entity(&r, "001", "Kacper Rekawek")["canonical"],
        "Kacper Rekawek"
    );

    let spelling: Vec<&serde_json::Value> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "spelling")
        .collect();
    let subjects: Vec<&str> = spelling
        .iter()
        .map(|f| f["subject"].as_str().unwrap())
        .collect();
    for s in ["Kacper Rekawek", "Liz Truss", "Kyiv"] {
        assert!(subjects.contains(&s), "{subjects:?}");
    }
    let kyiv = spelling.iter().find(|f| f["subject"] == "Kyiv").unwrap();
    assert_eq!(kyiv["severity"], "error");
    assert!(!subjects.contains(&"Aaron Zelin"));
}
