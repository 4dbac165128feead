//! `factdiff check`: compare the sources, then apply suppressions, new-file mode and
//! the baseline, print the report and turn the findings into an exit code.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use factdiff::config::{FailOn, Format};
use factdiff::report::{self, focus::Focus, table};
use factdiff::{triage, Error, Keep};

use super::{emit, emit_with, say, settings, Cli, CommonArgs, Settings};

#[derive(Args, Debug)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Lowest severity that makes the run fail with exit code 1 [default: error, or the
    /// config's fail_on].
    #[arg(long, value_parser = settings::fail_on_parser())]
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
    /// Print the style book's rewrites of rejected spellings as a unified diff (apply it
    /// with `git apply` or `patch -p1`) instead of the report; no file is written.
    #[arg(long, conflicts_with_all = ["write_baseline", "format"])]
    diff: bool,
    /// Handle only shard K of N (K from 1 to N): the stories whose key hashes to K
    /// (FNV-1a then fmix64 of the story name, mod N). N processes over the same inputs
    /// split the stories between them; `factdiff merge` joins their JSON reports.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<factdiff::story::shard::Shard>,
}

fn parse_shard(s: &str) -> Result<factdiff::story::shard::Shard, String> {
    s.parse()
}

/// The changed files named with --changed and --changed-from.
fn changed_paths(args: &CheckArgs) -> Result<Vec<PathBuf>, Error> {
    let mut out = args.changed.clone();
    if let Some(from) = &args.changed_from {
        let mut text = String::new();
        let read = if from.as_os_str() == "-" {
            std::io::stdin().read_to_string(&mut text).map(|_| ())
        } else {
            std::fs::read_to_string(from).map(|t| text = t)
        };
        read.map_err(|e| Error::io(from, "read", e))?;
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

/// Refuses, before any work, outputs that would overwrite an input or each other.
fn check_outputs(args: &CheckArgs) -> Result<(), Error> {
    use factdiff::output;
    if let Some(from) = &args.changed_from {
        output::protect([from.as_path()]);
    }
    let report = args.common.output.as_deref();
    let baseline_out = args.write_baseline.as_deref();
    for target in report.iter().chain(baseline_out.iter()) {
        output::check_target(target)?;
    }
    if let (Some(r), Some(b)) = (report, baseline_out) {
        output::check_distinct(r, b)?;
    }
    // The baseline read may be rewritten by --write-baseline, never by the report.
    if let (Some(r), Some(b)) = (report, args.baseline.as_deref()) {
        if output::check_distinct(r, b).is_err() {
            return Err(Error::usage(format!(
                "{}: refusing to write the report over the baseline being read",
                r.display()
            )));
        }
    }
    Ok(())
}

/// New-file mode's inputs, checked: `None` when neither --changed nor --changed-from
/// was given (check everything).
fn changed_sources(args: &CheckArgs) -> Result<Option<Vec<PathBuf>>, Error> {
    if args.changed.is_empty() && args.changed_from.is_none() {
        return Ok(None);
    }
    let changed = changed_paths(args)?;
    for c in &changed {
        if !c.exists() {
            return Err(Error::usage(format!(
                "{}: no such file (given with --changed)",
                c.display()
            )));
        }
    }
    // Without anything to compare against, a changed file would only meet itself.
    if !changed.is_empty() && args.against.is_empty() && args.common.paths.is_empty() {
        return Err(Error::usage(
            "--changed needs the sources to compare against: add --against DIR (or PATHS)",
        ));
    }
    Ok(Some(changed))
}

pub(crate) fn run(cli: &Cli, args: &CheckArgs) -> Result<ExitCode, Error> {
    let set = Settings::resolve(cli, &args.common, args.fail_on)?;
    let changed = changed_sources(args)?;
    if changed.as_ref().is_some_and(Vec::is_empty) {
        // A commit or pull request that touches no source: nothing to check. Hooks and
        // CI steps pass an empty list then, which must not mean "the whole folder".
        if !set.quiet {
            say(format_args!(
                "factdiff: note: no changed sources given: nothing to check"
            ));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let changed = changed.unwrap_or_default();
    let mut extra: Vec<PathBuf> = args.against.clone();
    extra.extend(changed.iter().cloned());
    let docs = set.load_sources(&extra)?;
    check_outputs(args)?;
    // A shard keeps its stories after loading every input, so that source ids (made
    // unique over the whole run) and the order of stories are those of a single run.
    let (docs, sharded) = match args.shard {
        Some(shard) => {
            let run = report::merge::fingerprint(&docs, &set.rules);
            let (kept, sel) = factdiff::story::shard::select(docs, shard);
            (kept, Some((shard, sel, run)))
        }
        None => (docs, None),
    };
    let baseline = match &args.baseline {
        Some(p) => Some(triage::read_baseline(p).map_err(Error::Input)?),
        None => None,
    };

    let progress = super::progress(set.quiet, &docs);
    // Only the HTML page reads more of a story than its findings, names and sources.
    let keep = match set.format {
        Format::Html => Keep::All,
        _ => Keep::Findings,
    };
    let mut a = factdiff::story::analyze_with_progress(docs, &set.rules, keep, &|n| {
        if let Some(p) = &progress {
            p.inc(n as u64);
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    triage::apply_source_suppressions(&mut a);
    triage::apply_line_suppressions(&mut a);
    let mut changed_ids: BTreeSet<String> = BTreeSet::new();
    if !changed.is_empty() {
        let wanted: BTreeSet<PathBuf> = changed.iter().map(|p| canonical(p)).collect();
        let idx: BTreeSet<usize> = a
            .docs
            .iter()
            .enumerate()
            // The file itself, not its displayed path: a non-UTF-8 name survives.
            .filter(|(_, d)| {
                d.file
                    .as_deref()
                    .is_some_and(|f| wanted.contains(&canonical(f)))
            })
            .map(|(i, _)| i)
            .collect();
        changed_ids = idx.iter().map(|&i| a.docs[i].source.id.clone()).collect();
        if args.diff {
            return print_diff(&a, &set, Some(&idx));
        }
        triage::keep_changed(&mut a, &idx);
    }
    if args.diff {
        return print_diff(&a, &set, None);
    }
    if let Some(p) = &args.write_baseline {
        factdiff::output::write(p, triage::render_baseline(&a.findings).as_bytes())?;
        if !set.quiet {
            say(format_args!(
                "factdiff: wrote {} findings to the baseline {}",
                a.findings.len(),
                report::sanitize(&p.display().to_string())
            ));
        }
    }
    if let Some(b) = &baseline {
        let outcome = triage::apply_baseline(&mut a, b);
        a.baselined = outcome.known;
        if !set.quiet && !outcome.stale.is_empty() {
            say(format_args!(
                "factdiff: note: {} baseline entries no longer occur: {}",
                outcome.stale.len(),
                report::sanitize(&report::few(&outcome.stale, 10))
            ));
        }
    }

    let mut rep = report::view(&a, false);
    if let Some((shard, sel, run)) = sharded {
        rep.shard = Some(report::merge::shard_view(&a, shard, &sel, run));
    }
    // Annotations land on what differs, in the changed sources (17 #2): read only by
    // the formats that annotate (SARIF, GitHub), so made only for them.
    let focus = || {
        let lexicon = factdiff::resolve::Lexicon::new(&set.rules);
        Focus::new(
            &rep,
            |t| lexicon.style_variant(&set.rules.words, t),
            &changed_ids,
        )
    };
    let text = match set.format {
        Format::Table => Some(table::render(&rep, set.style, set.quiet)),
        // Written as it is made: an archive's report is tens of megabytes, which held
        // whole (and grown by doubling) set the run's peak memory.
        Format::Json => None,
        Format::Jsonl => Some(report::json::render_lines(&rep)),
        Format::Csv => Some(report::csv::render(&rep)),
        Format::Markdown => Some(report::markdown::render(&rep)),
        Format::Sarif => Some(report::sarif::render_with(&rep, &set.rules, &focus())),
        Format::Github => Some(report::github::render_with(&rep, &focus())),
        Format::Html => Some(report::html::render(&a, &rep)),
    };
    match &text {
        Some(text) => emit(text, set.output.as_deref())?,
        None => emit_with(set.output.as_deref(), &mut |w| {
            report::json::render_to(&rep, w)
        })?,
    }
    if let (Some(p), false) = (&set.output, set.quiet) {
        // The report went to a file: say where, and what it holds, on stderr.
        say(format_args!(
            "factdiff: wrote {}: {}",
            report::sanitize(&p.display().to_string()),
            rep.summary.line()
        ));
    }
    // The run ends here: handing the memory back to the system at exit is far quicker
    // than freeing a large run's millions of small strings one by one.
    std::mem::forget(rep);
    std::mem::forget(text);

    // With --write-baseline, recording the findings is what was asked: the run
    // succeeded whatever they are.
    let failing = args.write_baseline.is_none()
        && set
            .fail_on
            .threshold()
            .is_some_and(|t| a.findings.iter().any(|f| f.severity >= t));
    std::mem::forget(a);
    // The rules and word lists too (their tables of many small strings).
    std::mem::forget(set);
    Ok(ExitCode::from(u8::from(failing)))
}

/// `--diff`: the style book's rewrites as a patch on stdout (or `-o FILE`), what was
/// left out and how to apply it on stderr. Exit 0: printing the patch is what was asked.
fn print_diff(
    a: &factdiff::Analysis,
    set: &Settings,
    only: Option<&BTreeSet<usize>>,
) -> Result<ExitCode, Error> {
    let d = factdiff::fix::style_book_diff(a, &set.rules, only);
    emit(&d.patch, set.output.as_deref())?;
    if !set.quiet {
        for s in &d.skipped {
            say(format_args!("factdiff: warning: {}", report::sanitize(s)));
        }
        say(format_args!(
            "factdiff: {} style-book rewrite{}{}",
            d.rewrites,
            if d.rewrites == 1 { "" } else { "s" },
            if d.rewrites > 0 {
                "; review the diff, then apply it with `git apply` or `patch -p1`"
            } else {
                ""
            }
        ));
    }
    Ok(ExitCode::SUCCESS)
}
