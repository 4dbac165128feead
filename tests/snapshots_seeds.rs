//! Snapshot tests (insta) of the reports on the seeds: any change to what an editor
//! or a tool reads is reviewed like code (`cargo insta review`).

use assert_cmd::Command;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .env_remove("NO_COLOR")
        .env("COLUMNS", "120")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn seeds_table() {
    insta::assert_snapshot!(run(&["check", "seeds/", "--color", "never"]));
}

#[test]
fn seeds_json() {
    insta::assert_snapshot!(run(&["check", "seeds/", "--format", "json"]));
}

#[test]
fn seeds_markdown() {
    insta::assert_snapshot!(run(&["check", "seeds/", "--format", "markdown"]));
}
