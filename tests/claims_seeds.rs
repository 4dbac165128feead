//! End to end: `factdiff claims seeds/ --format json` pins every count in the seeds.

use assert_cmd::Command;
use serde_json::Value;

fn claims() -> Vec<Value> {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args(["claims", "seeds/", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["claims"].as_array().unwrap().clone()
}

/// (source prefix, text, nth, low, high, qualifier)
type Pin = (
    &'static str,
    &'static str,
    usize,
    Option<f64>,
    Option<f64>,
    &'static str,
);

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

/// The claim of `source` (prefix) whose text is `text` (the `nth` such claim).
fn find<'a>(all: &'a [Value], source: &str, text: &str, nth: usize) -> &'a Value {
    all.iter()
        .filter(|c| c["source"].as_str().unwrap().starts_with(source) && c["text"] == text)
        .nth(nth)
        .unwrap_or_else(|| panic!("no claim {text:?} #{nth} in {source}"))
}

#[test]
fn every_count_in_the_seeds() {
    let all = claims();
    #[rustfmt::skip]
    let pins: &[Pin] = &[
        ("000", "about 1,000", 0, Some(1000.0), Some(1000.0), "approximately"),
        ("000", "At least 11", 0, Some(11.0), None, "at_least"),
        ("000", "more than 200", 0, Some(200.0), None, "more_than"),
        ("000", "At least 50,000", 0, Some(50000.0), None, "at_least"),
        ("000", "about 500", 0, Some(500.0), Some(500.0), "approximately"),
        ("001", "3,000", 0, Some(3000.0), Some(3000.0), "exact"),
        ("001", "a couple dozen", 0, Some(24.0), Some(24.0), "exact"),
        ("001", "20", 0, Some(20.0), Some(20.0), "exact"),
        ("001", "20,000", 0, Some(20000.0), Some(20000.0), "exact"),
        ("001", "250", 0, Some(250.0), Some(250.0), "exact"),
        ("001", "around 17,000", 0, Some(17000.0), Some(17000.0), "approximately"),
        ("001", "17,000", 0, Some(17000.0), Some(17000.0), "exact"),
        ("001", "around 15,000", 0, Some(15000.0), Some(15000.0), "approximately"),
        ("001", "around 2,000", 0, Some(2000.0), Some(2000.0), "approximately"),
        ("001", "About half", 0, Some(0.5), Some(0.5), "approximately"),
        ("001", "Fewer than 1,000", 0, None, Some(1000.0), "less_than"),
        ("001", "10,000", 0, Some(10000.0), Some(10000.0), "exact"),
        ("001", "16,000", 0, Some(16000.0), Some(16000.0), "exact"),
        ("001", "20,000", 1, Some(20000.0), Some(20000.0), "exact"),
        ("001", "3,000", 1, Some(3000.0), Some(3000.0), "exact"),
        ("002", "ten", 0, Some(10.0), Some(10.0), "exact"),
        ("002", "more than 7,600", 0, Some(7600.0), None, "more_than"),
        ("002", "about three dozen", 0, Some(36.0), Some(36.0), "approximately"),
        ("002", "500", 0, Some(500.0), Some(500.0), "exact"),
        ("002", "13", 0, Some(13.0), Some(13.0), "exact"),
        ("002", "just $2", 0, Some(2.0), Some(2.0), "exact"),
    ];
    for (src, text, nth, lo, hi, qual) in pins {
        let c = find(&all, src, text, *nth);
        assert_eq!(c["type"], "quantity", "{text}");
        assert_eq!(num(&c["value"]["low"]), *lo, "{text}");
        assert_eq!(num(&c["value"]["high"]), *hi, "{text}");
        assert_eq!(c["qualifier"], *qual, "{text}");
        assert_eq!(c["vague"], false, "{text}");
    }
    // Vague amounts carry no value.
    for (src, text) in [("001", "Several"), ("001", "thousands")] {
        let c = find(&all, src, text, 0);
        assert_eq!(c["vague"], true);
        assert!(c["value"]["low"].is_null() && c["value"]["high"].is_null());
    }
    // Ages and money keep their kind and unit.
    let age = find(&all, "002", "18-45", 0);
    assert_eq!(age["type"], "age");
    assert_eq!(
        (num(&age["value"]["low"]), num(&age["value"]["high"])),
        (Some(18.0), Some(45.0))
    );
    assert_eq!(find(&all, "002", "just $2", 0)["unit"], "USD");
    assert_eq!(find(&all, "002", "ten", 0)["unit"], "days");
}

#[test]
fn years_are_never_counts() {
    let all = claims();
    for c in &all {
        let t = c["text"].as_str().unwrap();
        let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() == 4 && !t.contains(',') {
            let y: u32 = digits.parse().unwrap();
            if (1800..=2100).contains(&y) {
                assert_ne!(c["type"], "quantity", "{t} in {}", c["context"]);
            }
        }
    }
    let years = find(&all, "000", "between 1936 and 1938", 0);
    assert_eq!(years["type"], "year");
    for y in ["2014", "2015", "1870"] {
        assert!(all
            .iter()
            .filter(|c| c["text"] == y)
            .all(|c| c["type"] == "year"));
    }
}

#[test]
fn claims_carry_their_context() {
    let all = claims();
    let c = find(&all, "000", "At least 11", 0);
    assert_eq!(c["unit"], "people");
    assert_eq!(c["subject_head"], "person");
    assert_eq!(c["verb"], "kill");
    let c = find(&all, "001", "around 17,000", 0);
    assert_eq!(c["subject"], "foreign fighters");
    assert_eq!(c["subject_head"], "fighter");
    assert_eq!(c["verb"], "join");
    let c = find(&all, "001", "20,000", 0);
    assert_eq!(c["verb"], "sign up");
    let c = find(&all, "000", "about 500", 0);
    assert_eq!(c["subject"], "Georgians");
    assert_eq!(c["unit"], "people");
    let c = find(&all, "000", "about 1,000", 0);
    assert_eq!(c["subject_head"], "foreigner");
    let c = find(&all, "002", "more than 7,600", 0);
    assert_eq!(c["subject_head"], "follower");
    assert_eq!(c["anchors"][0], "Wednesday");
    let c = find(&all, "000", "At least 50,000", 0);
    assert_eq!(c["anchors"], serde_json::json!(["1936", "1938"]));
}
