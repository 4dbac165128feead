//! `factdiff names` and `factdiff claims`: what the pipeline read, as tables or JSON.

use std::process::ExitCode;

use factdiff::report::{self, table};

use super::{
    config, emit, load_sources, parse_enum, rule_set, table_style, Cli, CommonArgs, Format,
};

/// Config, rules and sources, analysed: what every listing command starts from.
pub(crate) fn analyze(
    cli: &Cli,
    args: &CommonArgs,
) -> Result<(factdiff::Analysis, Format), ExitCode> {
    let cfg = config(args.config.as_ref())?;
    let rules = rule_set(&cfg, &args.rules)?;
    let docs = load_sources(cli, &args.paths, &args.load_options())?;
    let format = args
        .format
        .or_else(|| cfg.format.as_deref().and_then(parse_enum))
        .unwrap_or(Format::Table);
    Ok((factdiff::story::analyze(docs, &rules), format))
}

pub(crate) fn names(cli: &Cli, args: &CommonArgs) -> Result<ExitCode, ExitCode> {
    let (a, format) = analyze(cli, args)?;
    let mut rep = report::view(&a, false);
    // Each entity's attributes per source, after the entities.
    rep.attributes = Some(report::attribute_views(&a));
    let text = match format {
        Format::Table => {
            let style = table_style(cli, args.output.is_some());
            let mut text = table::render_entities(&rep, style);
            text.push_str(&table::render_attributes(&rep, style));
            text
        }
        _ => report::json::render(&rep),
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn claims(cli: &Cli, args: &CommonArgs) -> Result<ExitCode, ExitCode> {
    let (a, format) = analyze(cli, args)?;
    let rep = report::view(&a, true);
    let text = match format {
        Format::Table => table::render_claims(&rep, table_style(cli, args.output.is_some())),
        _ => report::json::render(&rep),
    };
    emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
