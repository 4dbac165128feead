//! `factdiff merge`: shard reports (`check --shard K/N --format json`) joined into the
//! report a single run over every input prints, byte for byte.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use factdiff::report;
use factdiff::Error;

use super::emit_with;

#[derive(Args, Debug)]
pub(crate) struct MergeArgs {
    /// The JSON reports of every shard of one run, in any order.
    #[arg(value_name = "REPORT.json", required = true)]
    reports: Vec<PathBuf>,
    /// Write the merged report to FILE (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &MergeArgs) -> Result<ExitCode, Error> {
    factdiff::output::protect(args.reports.iter().map(PathBuf::as_path));
    if let Some(o) = &args.output {
        factdiff::output::check_target(o)?;
    }
    let mut inputs = Vec::with_capacity(args.reports.len());
    for p in &args.reports {
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, "read", e))?;
        inputs.push((p.display().to_string(), text));
    }
    let merged = report::merge::merge(&inputs).map_err(Error::Input)?;
    drop(inputs);
    emit_with(args.output.as_deref(), &mut |w| {
        report::json::render_to(&merged, w)
    })?;
    Ok(ExitCode::SUCCESS)
}
