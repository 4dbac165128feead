//! End to end: one fixture per attribute slot (`tests/fixtures/attributes/<slot>/`, two
//! invented sources each) and one for the guards that keep the comparison quiet.

use assert_cmd::Command;
use serde_json::Value;

/// The attribute findings of `factdiff check` on a fixture: (rule, subject, cited
/// sentences joined).
fn attribute_findings(slot: &str) -> Vec<(String, String, String)> {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args([
            "check",
            &format!("tests/fixtures/attributes/{slot}"),
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "attribute")
        .map(|f| {
            let cited: Vec<&str> = f["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["text"].as_str().unwrap())
                .collect();
            (
                f["rule"].as_str().unwrap().to_string(),
                f["subject"].as_str().unwrap().to_string(),
                cited.join(" | "),
            )
        })
        .collect()
}

fn one(rule: &str, subject: &str, cited: &str) -> Vec<(String, String, String)> {
    vec![(rule.into(), subject.into(), cited.into())]
}

#[test]
fn title_with_a_qualifier_the_other_source_lacks() {
    assert_eq!(
        attribute_findings("title"),
        one(
            "attribute-title",
            "Ann Roewick: title",
            "Zembla Police Chief | Acting ZPD Chief"
        )
    );
}

#[test]
fn occupation_from_a_copular_sentence_and_a_record() {
    assert_eq!(
        attribute_findings("occupation"),
        one(
            "attribute-occupation",
            "Bo Tanaquil: occupation",
            "a self-described promoter | manager"
        )
    );
}

#[test]
fn residence_in_two_states() {
    assert_eq!(
        attribute_findings("residence"),
        one(
            "attribute-residence",
            "Edwin Marlowe: residence",
            "Iowa | Upper Falls, Nebraska"
        )
    );
}

#[test]
fn charged_against_no_charges() {
    assert_eq!(
        attribute_findings("legal"),
        one(
            "attribute-legal",
            "the event: legal",
            "has been charged | No formal charges"
        )
    );
}

#[test]
fn kind_of_event() {
    assert_eq!(
        attribute_findings("event_kind"),
        one(
            "attribute-event-kind",
            "the event: event_kind",
            "video release party | record release party"
        )
    );
}

#[test]
fn where_the_event_began() {
    assert_eq!(
        attribute_findings("event_place"),
        one(
            "attribute-event-place",
            "the event: event_place",
            "broke out inside | started outside"
        )
    );
}

#[test]
fn the_day_of_the_event() {
    // Two sources put the shooting on Wednesday, the third on Thursday; the vigil on
    // Thursday is another event.
    assert_eq!(
        attribute_findings("event_day"),
        one(
            "attribute-event-day",
            "the event: event_day",
            "shooting on Wednesday | Thursday's shooting"
        )
    );
}

#[test]
fn a_weekday_resolved_against_the_sources_date_against_a_date() {
    // Sunday before 2024-03-06 and before 2024-03-05 is March 3; the third source,
    // undated, says March 4.
    assert_eq!(
        attribute_findings("event_day_dated"),
        one(
            "attribute-event-day",
            "the event: event_day",
            "Sunday's crash | crash on March 4"
        )
    );
}

#[test]
fn past_roles_shared_surnames_and_quoted_titles_stay_quiet() {
    assert_eq!(attribute_findings("guards"), []);
}
