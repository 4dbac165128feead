//! Quotations: attribution patterns (through the library) and the `quotes` and `check`
//! commands on an invented three-source story with a misquote, a misattribution, a
//! partial quote and a paraphrase.

mod common;
use common::factdiff;
use factdiff::load::{Document, Format};
use factdiff::rules::RuleSet;

const STORY: &str = "tests/fixtures/quotes/story";

/// Every quote of one text as (quoted words, speaker's canonical name, how).
fn quotes(text: &str) -> Vec<(String, Option<String>, Option<&'static str>)> {
    let (doc, _) = Document::new("t", "t.txt", text.to_string(), Format::Text);
    let a = factdiff::analyze(vec![doc], &RuleSet::builtin());
    a.quotes
        .iter()
        .map(|q| {
            (
                q.text.clone(),
                q.speaker_name.clone(),
                q.how.map(|h| h.as_str()),
            )
        })
        .collect()
}

fn speaker_of(text: &str, words: &str) -> Option<String> {
    quotes(text)
        .into_iter()
        .find(|q| q.0.contains(words))
        .unwrap_or_else(|| panic!("no quote with {words:?} in {text:?}"))
        .1
}

#[test]
fn said_after_the_quote() {
    let t = "\"The bridge will be open again by the summer,\" Helen Ortiz said.";
    assert_eq!(speaker_of(t, "bridge").as_deref(), Some("Helen Ortiz"));
}

#[test]
fn said_before_the_quote() {
    let t = "Helen Ortiz said, \"The bridge will be open again by the summer.\"";
    assert_eq!(speaker_of(t, "bridge").as_deref(), Some("Helen Ortiz"));
}

#[test]
fn said_name_with_an_apposition() {
    let t = "\"Crews are on their way to every street tonight,\" said Daniel Brook, a spokesman for the Millbrook Fire Department.";
    assert_eq!(speaker_of(t, "Crews").as_deref(), Some("Daniel Brook"));
    let t = "\"Crews are on their way to every street tonight,\" Daniel Brook, a spokesman for the fire department, said.";
    assert_eq!(speaker_of(t, "Crews").as_deref(), Some("Daniel Brook"));
}

#[test]
fn told_someone_with_a_colon() {
    let t = "Helen Ortiz told the council: \"We cannot wait for the state to pay for this.\"";
    assert_eq!(speaker_of(t, "cannot wait").as_deref(), Some("Helen Ortiz"));
}

#[test]
fn according_to() {
    let t =
        "According to Daniel Brook, the crews \"worked through the whole night without a break.\"";
    assert_eq!(speaker_of(t, "worked").as_deref(), Some("Daniel Brook"));
}

#[test]
fn short_and_long_forms_of_a_name_are_one_speaker() {
    let t = "Fire Chief Daniel Brook spoke on Monday.\n\n\"We had forty people on the rooftops at midnight,\" Brook said.\n\n\"Every one of them is safe at home again tonight,\" Daniel Brook said.";
    let q = quotes(t);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].1, q[1].1);
    assert_eq!(q[0].1.as_deref(), Some("Daniel Brook"));
}

#[test]
fn pronoun_and_following_quote_in_the_paragraph() {
    let t = "Helen Ortiz visited the shelter on Monday.\n\n\"We will not leave anyone behind in this town,\" she said. \"Not one single family.\"";
    let q = quotes(t);
    assert_eq!(q[0].1.as_deref(), Some("Helen Ortiz"));
    assert_eq!(q[0].2, Some("pronoun"));
    assert_eq!(q[1].1.as_deref(), Some("Helen Ortiz"));
    assert_eq!(q[1].2, Some("inherited"));
}

#[test]
fn multi_paragraph_quote_takes_the_speaker_named_at_its_start() {
    let t = "Helen Ortiz said: \"The first thing we did was open the school gym.\n\n\"Then we called every family on the list, one by one.\"\n\nThe rain stopped later.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert!(q[0].0.contains("gym.") && q[0].0.contains("one by one"));
    assert_eq!(q[0].1.as_deref(), Some("Helen Ortiz"));
}

#[test]
fn nested_single_quotes_keep_the_outer_speaker() {
    let t = "\"He looked at me and said 'we are not leaving the house' and closed the door,\" Helen Ortiz said.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert!(q[0].0.contains("'we are not leaving the house'"));
    assert_eq!(q[0].1.as_deref(), Some("Helen Ortiz"));
}

#[test]
fn transcript_answer_belongs_to_the_label() {
    let t = "Reporter: What happened that night?\nDaniel Brook: The water came up faster than anyone expected. We were ready.\nReporter: And then?\nDaniel Brook: We went out in the boats before dawn.";
    let q = quotes(t);
    let turn = q.iter().find(|q| q.0.contains("water came up")).unwrap();
    assert_eq!(turn.1.as_deref(), Some("Daniel Brook"));
    assert_eq!(turn.2, Some("label"));
}

#[test]
fn unattributed_quotes_are_kept() {
    let t =
        "The sign on the door read \"closed until further notice by order of the town\" all week.";
    let q = quotes(t);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].1, None);
}

#[test]
fn a_period_inside_the_quote_ends_its_attribution() {
    let t = "Helen Ortiz called it \"a terrible night for the whole town.\"\n\nSen. Mark Hale said the state would help.";
    assert_eq!(speaker_of(t, "terrible").as_deref(), Some("Helen Ortiz"));
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = factdiff().args(args).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn quotes_command_lists_speaker_and_position() {
    let v = json(&["quotes", STORY, "--format", "json"]);
    let qs = v["quotes"].as_array().unwrap();
    let q = qs
        .iter()
        .find(|q| q["source"] == "c" && q["text"].as_str().unwrap().contains("water"))
        .unwrap();
    assert_eq!(q["speaker"], "Daniel Brook");
    assert_eq!(
        (q["line"].as_u64(), q["column"].as_u64()),
        (Some(3), Some(31))
    );
    let out = factdiff().args(["quotes", STORY]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("3:31"), "{table}");
    assert!(table.contains("quotes"), "{table}");
}

fn quote_findings(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "quote")
        .cloned()
        .collect()
}

#[test]
fn misquote_misattribution_and_paraphrase_but_not_the_partial_quote() {
    let v = json(&["check", STORY, "--format", "json", "--fail-on", "never"]);
    let fs = quote_findings(&v);
    let rule = |r: &str| fs.iter().filter(|f| f["rule"] == r).collect::<Vec<_>>();
    // The misquote changes a number: an error, with a word diff.
    let w = rule("quote-wording");
    assert_eq!(w.len(), 1, "{fs:#?}");
    assert_eq!(w[0]["severity"], "error");
    assert!(
        w[0]["message"].as_str().unwrap().contains("[-12-] {+18+}"),
        "{}",
        w[0]["message"]
    );
    // The same words given to the mayor instead of the fire chief.
    let s = rule("quote-speaker");
    assert_eq!(s.len(), 1, "{fs:#?}");
    let m = s[0]["message"].as_str().unwrap();
    assert!(
        m.contains("Daniel Brook") && m.contains("Helen Ortiz"),
        "{m}"
    );
    // Quoted in a, reported speech in c.
    let p = rule("quote-paraphrase");
    assert_eq!(p.len(), 1, "{fs:#?}");
    assert_eq!(p[0]["severity"], "info");
    assert_eq!(p[0]["evidence"][1]["source"], "c");
    // The partial quote "the worst storm …" in b is contained in a's full quote.
    assert!(
        fs.iter()
            .all(|f| !f["message"].as_str().unwrap().contains("worst storm")),
        "{fs:#?}"
    );
}

#[test]
fn quote_findings_appear_in_every_format() {
    for (fmt, needle) in [
        ("table", "Findings: quote"),
        ("markdown", "[-12-] {+18+}"),
        ("csv", "quote-wording"),
        ("sarif", "quote-wording"),
        ("github", "quote-wording"),
        ("jsonl", "quote-wording"),
    ] {
        let out = factdiff()
            .args(["check", STORY, "--format", fmt, "--fail-on", "never"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(needle), "{fmt}: {text}");
    }
}

#[test]
fn a_quote_rule_is_validated() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("q.yaml"),
        "- id: q\n  kind: quote\n  check: wording\n  min_overlap: 1.5\n",
    )
    .unwrap();
    let out = factdiff()
        .args(["check", STORY, "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("min_overlap"), "{err}");
    std::fs::write(
        dir.path().join("q.yaml"),
        "- id: q\n  kind: quote\n  check: wording\n  tolerance: { absolute: 1 }\n",
    )
    .unwrap();
    let out = factdiff()
        .args(["check", STORY, "--rules"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("not allowed") && err.contains("trivial_words"),
        "{err}"
    );
}

/// One wording against another is one finding however many sources quote each: the
/// message names them all, in source order, and the word diff reads in that order too
/// (the first source's words struck, the others' inserted) (17 #11, #14).
#[test]
fn one_wording_against_another_from_three_sources_is_one_finding_in_source_order() {
    let dir = tempfile::TempDir::new().unwrap();
    let said = |w: &str| {
        format!("\"We saw {w} smoke rising over the harbour and we ran,\" Marta Quillon said.\n")
    };
    std::fs::write(dir.path().join("a.txt"), said("the")).unwrap();
    std::fs::write(dir.path().join("b.txt"), said("black")).unwrap();
    std::fs::write(dir.path().join("c.txt"), said("black")).unwrap();
    let out = assert_cmd::Command::cargo_bin("factdiff")
        .unwrap()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = quote_findings(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["subject"], "Marta Quillon's quote");
    assert_eq!(
        found[0]["message"],
        "… We saw [-the-] {+black+} smoke rising … (a vs b, c)"
    );
}
