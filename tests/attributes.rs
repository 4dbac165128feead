//! End to end: one fixture per attribute slot (`tests/fixtures/attributes/<slot>/`, two
//! invented sources each) and one for the guards that keep the comparison quiet.

use assert_cmd::Command;
use serde_json::Value;

/// The attribute findings of `factdiff check` on a fixture: (rule, subject, cited
/// sentences joined).
fn attribute_findings(slot: &str) -> Vec<(String, String, String)> {
    attribute_findings_with(slot, &[])
}

/// [`attribute_findings`] with more arguments (`--rules DIR`).
fn attribute_findings_with(slot: &str, more: &[&str]) -> Vec<(String, String, String)> {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args([
            "check",
            &format!("tests/fixtures/attributes/{slot}"),
            "--format",
            "json",
        ])
        .args(more)
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
            "Ann Roewick's title",
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
            "Bo Tanaquil's occupation",
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
            "Edwin Marlowe's home",
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
            "the charges",
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
            "the kind of event",
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
            "the place of the event",
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
            "the day of the event",
            // One disagreement: both sources that say Wednesday are cited (17 #11).
            "shooting on Wednesday | Wednesday's shooting | Thursday's shooting"
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
            "the day of the event",
            "Sunday's crash | crash on Sunday | crash on March 4"
        )
    );
}

#[test]
fn past_roles_shared_surnames_and_quoted_titles_stay_quiet() {
    assert_eq!(attribute_findings("guards"), []);
}

/// One disagreement among three sources is one finding: an age of 52 against 55 given
/// by two sources cites all three, with its sources named in full (17 #11).
#[test]
fn one_age_against_another_from_three_sources_is_one_finding() {
    assert_eq!(
        attribute_findings("age_three"),
        one("attribute-age", "Orla Pemberdine's age", "52 | 55 | 55")
    );
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args([
            "check",
            "tests/fixtures/attributes/age_three",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &report["findings"][0];
    assert_eq!(
        f["message"],
        "Orla Pemberdine: 52 (alpha_harbour_news) vs 55 (beta_coast_daily, gamma_pier_times)"
    );
}

/// An attribute finding's id names the disagreement, not the sources: baselined with
/// two sources, it stays baselined when a third repeats one of its values (17 #3).
#[test]
fn attribute_baseline_survives_a_third_source() {
    let dir = tempfile::TempDir::new().unwrap();
    let base = dir.path().join("known.txt");
    let fixture = std::path::Path::new("tests/fixtures/attributes/age_three");
    Command::cargo_bin("factdiff")
        .unwrap()
        .args(["check", "--write-baseline"])
        .arg(&base)
        .arg(fixture.join("alpha_harbour_news.txt"))
        .arg(fixture.join("beta_coast_daily.txt"))
        .assert()
        .code(0);
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args(["check", "--format", "json", "--baseline"])
        .arg(&base)
        .arg(fixture)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["baselined"], 1, "{report}");
    assert_eq!(report["findings"].as_array().unwrap().len(), 0, "{report}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn slots_a_rule_file_defines_are_read_and_compared() {
    let rules = ["--rules", "tests/fixtures/attributes/custom_rules"];
    assert_eq!(
        attribute_findings_with("custom", &rules),
        vec![
            (
                "attribute-weapon".to_string(),
                "the weapon".to_string(),
                "pistol | carbine".to_string()
            ),
            (
                "attribute-faction".to_string(),
                "Mira Ostrand's faction".to_string(),
                "Greenleaf | Bluestone".to_string()
            ),
        ]
    );
    assert_eq!(
        attribute_findings("custom"),
        vec![],
        "without the rule file there are no such slots"
    );
}

#[test]
fn names_lists_a_rule_defined_slot_by_its_name() {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .args([
            "names",
            "tests/fixtures/attributes/custom",
            "--rules",
            "tests/fixtures/attributes/custom_rules",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String, String)> = report["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["slot"] == "custom")
        .map(|a| {
            (
                a["custom"].as_str().unwrap().to_string(),
                a["text"].as_str().unwrap().to_string(),
                a["key"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(String, String, String)> = [
        ("faction", "Bluestone", "bluestone"),
        ("faction", "Greenleaf", "greenleaf"),
        ("weapon", "carbine", "rifle"),
        ("weapon", "pistol", "handgun"),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn charge_a_shipped_slot_written_as_a_word_list() {
    assert_eq!(
        attribute_findings("charge"),
        one(
            "attribute-charge",
            "Tomas Vrell's charge",
            "involuntary manslaughter | murder"
        )
    );
}

#[test]
fn party_a_shipped_slot_that_minds_case() {
    assert_eq!(
        attribute_findings("party"),
        one("attribute-party", "Dana Pilcrow's party", "D | Republican")
    );
}

#[test]
fn nationality_a_shipped_slot_reads_only_a_demonym_standing_alone() {
    // "a French journalist" is not read, so the second person has no nationality to
    // set against "a Belgian".
    assert_eq!(
        attribute_findings("nationality"),
        one(
            "attribute-nationality",
            "Rafi Domel's nationality",
            "Honduran | Guatemalan"
        )
    );
}
