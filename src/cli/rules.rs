//! `factdiff rules list` and `factdiff rules check`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use factdiff::report::table;
use factdiff::rules::RuleSet;
use factdiff::Error;

use super::settings::{find_config, rule_set, table_style};
use super::{emit, Cli};

#[derive(Subcommand, Debug)]
pub(crate) enum RulesCommand {
    /// Show the active rules (shipped, config and --rules) with where each comes from.
    List {
        /// Extra folders of rule files.
        #[arg(long = "rules", value_name = "DIR")]
        rules: Vec<PathBuf>,
        /// The config file to use instead of the nearest factdiff.yaml.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Validate rule files without running: exit 2 on the first error, with file,
    /// line, column and what was expected. Without DIR, checks the shipped rules.
    Check {
        /// Folders or files of rules to validate.
        dirs: Vec<PathBuf>,
    },
}

pub(crate) fn run(cli: &Cli, cmd: &RulesCommand) -> Result<ExitCode, Error> {
    match cmd {
        RulesCommand::List {
            rules,
            config: path,
        } => {
            let cfg = find_config(path.as_ref())?;
            let set = rule_set(&cfg, rules)?;
            emit(
                &table::render_rules(&set, table_style(cli.color, false)),
                None,
            )?;
        }
        RulesCommand::Check { dirs } => {
            let set = RuleSet::load(dirs)?;
            for (rule, by) in set.shadowed() {
                super::say(format_args!(
                    "factdiff: warning: rule `{}` ({}) never applies: `{}` ({}) is tried first and covers every claim it does",
                    rule.id, rule.origin, by.id, by.origin
                ));
            }
            let n = set
                .rules()
                .iter()
                .filter(|r| dirs.is_empty() || !r.origin.is_builtin())
                .count();
            let what = if dirs.is_empty() {
                "the shipped rules".to_string()
            } else {
                dirs.iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            // The style-book entries read, counted like the rules: the user's when
            // folders are named, the shipped ones otherwise.
            let a = &set.aliases;
            let entries = a
                .origins
                .iter()
                .filter(|o| dirs.is_empty() || !o.starts_with("shipped"))
                .count();
            emit(
                &format!(
                    "ok: {n} rule{} and {entries} style-book entr{} in {what}\n",
                    if n == 1 { "" } else { "s" },
                    if entries == 1 { "y" } else { "ies" }
                ),
                None,
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
