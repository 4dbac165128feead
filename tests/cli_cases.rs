//! The command line, case by case (trycmd). Every `tests/cmd/NAME.trycmd` is a
//! console session run in `NAME.in/`: each `$ factdiff …` line, its `? CODE` exit code
//! (0 when absent) and the stdout and stderr that follow. A `NAME.toml` case (with
//! `NAME.stdin`, `NAME.stdout`, `NAME.stderr`, and `fs.sandbox = true` when it writes
//! files) is used where a case needs standard input or writes. A case folder reads as
//! what a user types and sees; `TRYCMD=overwrite cargo test --test cli_cases` rewrites
//! the expected output (review it like a snapshot).

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
}
