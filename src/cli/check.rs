//! `factdiff check`: compare the sources, then apply suppressions, new-file mode and
//! the baseline, print the report and turn the findings into an exit code.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use factdiff::report::{self, table};
use factdiff::triage;
use factdiff::vocab::Severity;

use super::{
    config, emit, fail, load_sources, parse_enum, rule_set, table_style, write_atomic, Cli,
    CommonArgs, Format,
};

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Lowest severity that makes the run fail with exit code 1 [default: error, or the
    /// config's fail_on].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record the current findings in FILE as the accepted baseline.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// New or changed sources: report only findings that involve one of them.
    #[arg(long, value_name = "FILE", num_args = 1..)]
    changed: Vec<PathBuf>,
    /// Read the changed sources' paths from FILE (one per line; `-` is standard input).
    #[arg(long, value_name = "FILE")]
    changed_from: Option<PathBuf>,
    /// The sources to compare the changed ones against (in addition to PATHS).
    #[arg(long, value_name = "DIR")]
    against: Vec<PathBuf>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The changed files named with --changed and --changed-from.
fn changed_paths(args: &CheckArgs) -> Result<Vec<PathBuf>, ExitCode> {
    let mut out = args.changed.clone();
    if let Some(from) = &args.changed_from {
        let mut text = String::new();
        let read = if from.as_os_str() == "-" {
            std::io::stdin().read_to_string(&mut text).map(|_| ())
        } else {
            std::fs::read_to_string(from).map(|t| text = t)
        };
        read.map_err(|e| fail(format!("{}: cannot read: {e}", from.display())))?;
        out.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from),
        );
    }
    Ok(out)
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

pub(crate) fn run(cli: &Cli, args: &CheckArgs) -> Result<ExitCode, ExitCode> {
    let cfg = config(args.common.config.as_ref())?;
    let rules = rule_set(&cfg, &args.common.rules)?;
    let changed = changed_paths(args)?;
    for c in &changed {
        if !c.exists() {
            return Err(fail(format!(
                "{}: no such file (given with --changed)",
                c.display()
            )));
        }
    }
    let mut paths: Vec<PathBuf> = args.common.paths.clone();
    paths.extend(args.against.iter().cloned());
    paths.extend(changed.iter().cloned());
    let docs = load_sources(cli, &paths, &args.common.load_options())?;
    let baseline = match &args.baseline {
        Some(p) => Some(triage::parse_baseline(
            &std::fs::read_to_string(p)
                .map_err(|e| fail(format!("{}: cannot read baseline: {e}", p.display())))?,
        )),
        None => None,
    };

    let progress = super::progress(cli, docs.len());
    let mut a = factdiff::story::analyze(docs, &rules);
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    triage::apply_source_suppressions(&mut a);
    if !changed.is_empty() {
        let wanted: BTreeSet<PathBuf> = changed.iter().map(|p| canonical(p)).collect();
        let idx: BTreeSet<usize> = a
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| wanted.contains(&canonical(Path::new(&d.source.path))))
            .map(|(i, _)| i)
            .collect();
        triage::keep_changed(&mut a, &idx);
    }
    if let Some(p) = &args.write_baseline {
        write_atomic(p, &triage::render_baseline(&a.findings))
            .map_err(|e| fail(format!("{}: cannot write baseline: {e}", p.display())))?;
        if !cli.quiet {
            eprintln!(
                "factdiff: wrote {} findings to the baseline {}",
                a.findings.len(),
                p.display()
            );
        }
    }
    if let Some(b) = &baseline {
        let outcome = triage::apply_baseline(&mut a, b);
        a.baselined = outcome.known;
        if !cli.quiet && !outcome.stale.is_empty() {
            eprintln!(
                "factdiff: note: {} baseline entries no longer occur: {}",
                outcome.stale.len(),
                outcome.stale.join(", ")
            );
        }
    }

    let format = args
        .common
        .format
        .or_else(|| cfg.format.as_deref().and_then(parse_enum))
        .unwrap_or(Format::Table);
    let rep = report::view(&a, false);
    let text = match format {
        Format::Table => table::render(
            &rep,
            table_style(cli, args.common.output.is_some()),
            cli.quiet,
        ),
        Format::Json => report::json::render(&rep),
        Format::Jsonl => report::json::render_lines(&rep),
        Format::Csv => report::csv::render(&rep),
        Format::Markdown => report::markdown::render(&rep),
        Format::Sarif => report::sarif::render(&rep, &rules),
        Format::Github => report::github::render(&rep),
        Format::Html => report::html::render(&a, &rep),
    };
    emit(&text, args.common.output.as_deref())?;
    // The run ends here: handing the memory back to the system at exit is far quicker
    // than freeing a large run's millions of small strings one by one.
    std::mem::forget(rep);
    std::mem::forget(text);

    let fail_on = args
        .fail_on
        .or_else(|| cfg.fail_on.as_deref().and_then(parse_enum))
        .unwrap_or(FailOn::Error);
    let failing = fail_on
        .threshold()
        .is_some_and(|t| a.findings.iter().any(|f| f.severity >= t));
    std::mem::forget(a);
    Ok(ExitCode::from(u8::from(failing)))
}
