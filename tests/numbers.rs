//! Numbers as typed facts, end to end: one invented story per slot, checked through the
//! CLI's JSON report (`check`) and claim listing (`claims`).

use assert_cmd::Command;
use serde_json::Value;

const DIR: &str = "tests/fixtures/numbers";

fn run(args: &[&str]) -> Value {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    })
}

/// (rule, severity, message) of the numeric findings of one fixture story.
fn numeric(story: &str) -> Vec<(String, String, String)> {
    let v = run(&["check", &format!("{DIR}/{story}"), "--fail-on", "never"]);
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "numeric")
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules(story: &str) -> Vec<String> {
    numeric(story).into_iter().map(|f| f.0).collect()
}

#[test]
fn time_of_day() {
    assert_eq!(rules("time"), ["time-of-day"]);
}

#[test]
fn age_range_against_one_persons_age() {
    assert_eq!(rules("age"), ["age-range"]);
}

#[test]
fn address_number() {
    assert_eq!(rules("address"), ["address-number"]);
}

#[test]
fn amounts_converted_between_units() {
    // 2,000 gallons is 7,570 litres; the source that writes 2,000 litres differs.
    let f = numeric("amount");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].2.contains("2,000 litres (tribune)"), "{f:?}");
}

#[test]
fn a_measure_named_before_of_ties_an_amount() {
    // "a speed of 130 km/h" (81 mph) against "a speed of 60 mph".
    let f = numeric("speed");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].2
            .ends_with("on speed: 130 km/h (harbor) vs 60 mph (ledger)"),
        "{f:?}"
    );
}

#[test]
fn counts_within_their_status() {
    assert_eq!(rules("status"), ["numeric-mismatch"]);
}

#[test]
fn a_first_report_is_an_update() {
    let f = numeric("update");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].0.as_str(), f[0].1.as_str()),
        ("numeric-update", "info")
    );
}

#[test]
fn sources_written_on_different_dates_give_an_update() {
    assert_eq!(rules("dated"), ["numeric-update"]);
}

#[test]
fn the_odd_one_out_is_named() {
    let f = numeric("odd");
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(
        f[0].2
            .ends_with("most sources give Six, tribune gives another value"),
        "{f:?}"
    );
    // The JSON says it as data too, for tools that sort sources by reliability.
    let v = run(&["check", &format!("{DIR}/odd"), "--fail-on", "never"]);
    let m = &v["findings"][0]["majority"];
    assert_eq!(m["value"], "Six", "{v}");
    assert_eq!(m["sources"], serde_json::json!(["harbor", "ledger"]));
    assert_eq!(m["differ"], serde_json::json!(["tribune"]));
}

#[test]
fn claims_show_slot_canonical_value_and_as_of_time() {
    let v = run(&["claims", &format!("{DIR}/time")]);
    let c = &v["claims"][0];
    assert_eq!(c["fact"]["slot"], "time_of_day");
    assert_eq!(c["fact"]["value"]["low"], 133.0);
    assert_eq!(c["fact"]["phase"], "start");
    assert_eq!(c["fact"]["as_of"]["source_date"], "2031-05-14");
    assert_eq!(c["fact"]["as_of"]["weekday"], 2);
}

#[test]
fn two_times_of_day_are_two_findings_with_two_ids() {
    // Start and end times read no plain number, only the slot's value: a finding id
    // made of the numbers read (not of the sources, 17 #3) must still tell them apart,
    // or one finding is dropped as a repeat of the other.
    let v = run(&["check", &format!("{DIR}/two-times"), "--fail-on", "never"]);
    let times: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "time-of-day")
        .map(|f| (f["id"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect();
    assert_eq!(times.len(), 2, "{times:?}");
    assert_ne!(times[0].0, times[1].0);
    assert!(
        times.iter().any(|t| t.1.contains("the start time")),
        "{times:?}"
    );
    assert!(
        times.iter().any(|t| t.1.contains("the end time")),
        "{times:?}"
    );
}
