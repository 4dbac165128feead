//! `factdiff init`: a commented starter config and rules folder.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use factdiff::Error;

#[derive(Args, Debug)]
pub(crate) struct InitArgs {
    /// Folder to write into.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Overwrite an existing factdiff.yaml.
    #[arg(long)]
    force: bool,
}

const STARTER_RULES: &str = "\
# Your newsroom's own rules. Same format as factdiff's shipped rules/ files
# (run `factdiff rules list` to see them); a rule with the id of a shipped one
# replaces it. Validate with `factdiff rules check factdiff-rules`.
#
# - id: casualty-count
#   kind: numeric
#   message: \"sources disagree on {subject}: {values}\"
#   severity: error
#   match: { verbs: [kill, wound] }
#   tolerance: { absolute: 0, relative: 0.0 }
[]
";

const STARTER_ALIASES: &str = "\
# Style book: the spelling you prefer, and the variants that should be written that
# way; and pairs of names that must never be taken for one entity.
aliases: []
#  - {prefer: Kyiv, variants: [Kiev]}
never_merge: []
#  - [Ed Miliband, David Miliband]
";

pub(crate) fn run(args: &InitArgs) -> Result<ExitCode, Error> {
    let cfg = args.dir.join(factdiff::config::FILE_NAME);
    if cfg.exists() && !args.force {
        return Err(Error::usage(format!(
            "{} exists already (use --force to overwrite)",
            cfg.display()
        )));
    }
    let rules = args.dir.join("factdiff-rules");
    std::fs::create_dir_all(&rules).map_err(|e| Error::io(&rules, "create", e))?;
    for (path, text) in [
        (cfg.clone(), factdiff::config::STARTER),
        (rules.join("rules.yaml"), STARTER_RULES),
        (rules.join("aliases.yaml"), STARTER_ALIASES),
    ] {
        if path.exists() && path != cfg {
            continue;
        }
        factdiff::output::write(&path, text.as_bytes())?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
