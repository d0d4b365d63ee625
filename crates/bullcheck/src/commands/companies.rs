//! `bullcheck companies ingest PATH` and `bullcheck companies screen NAME`: SEC XBRL company
//! facts into the store, and the screens over them (definitions in
//! `bullcheck_core::companies::screens` and `::annual`).

use std::fmt::Write as _;

use bullcheck_core::companies::screens::{self, RefinancingParams, Universe};
use bullcheck_core::companies::{hyperscalers, render};
use bullcheck_core::series::Date;
use bullcheck_core::vocab::Lang;

use crate::cli::companies::{
    CompaniesCommand, IngestArgs, ScreenArgs, ScreenFormat, ScreenName, SummaryFormat, UniverseArg,
};
use crate::companies;
use crate::exit::ExitStatus;
use crate::output;
use crate::settings::Settings;

pub fn run(settings: &Settings, cmd: CompaniesCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        CompaniesCommand::Ingest(args) => ingest(settings, &args),
        CompaniesCommand::Screen(args) => screen(settings, &args),
    }
}

fn ingest(settings: &Settings, args: &IngestArgs) -> anyhow::Result<ExitStatus> {
    let show_progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let limits = companies::Limits {
        max_entry_bytes: args.max_entry_mb << 20,
        max_total_bytes: args.max_total_mb << 20,
    };
    let summary =
        companies::ingest_with_limits(&settings.store_path(), &args.path, show_progress, limits)?;
    let text = match args.format {
        SummaryFormat::Json => serde_json::to_string_pretty(&summary)? + "\n",
        SummaryFormat::Table => {
            let mut text = String::new();
            writeln!(
                text,
                "Ingested {} companies ({} facts) from {} in {:.1} s",
                summary.companies, summary.facts, summary.source, summary.seconds
            )?;
            writeln!(
                text,
                "  read {:.1} MB of JSON ({:.1} MB on disk): {:.0} MB/s",
                summary.bytes as f64 / 1e6,
                summary.input_bytes as f64 / 1e6,
                summary.mb_per_second
            )?;
            if summary.skipped_total > 0 {
                let reasons: Vec<String> = summary
                    .skipped
                    .iter()
                    .map(|(r, n)| format!("{r} {n}"))
                    .collect();
                writeln!(
                    text,
                    "  skipped {}: {}",
                    summary.skipped_total,
                    reasons.join(", ")
                )?;
            } else {
                writeln!(text, "  skipped 0")?;
            }
            text
        }
    };
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

fn screen(settings: &Settings, args: &ScreenArgs) -> anyhow::Result<ExitStatus> {
    let as_of = crate::load::as_of(settings, args.as_of.as_deref())?;
    let universe = match args.universe {
        UniverseArg::All => Universe::All,
        UniverseArg::Small => Universe::Small,
    };
    if let Some(share) = args.repriced_share
        && !(0.0..=1.0).contains(&share)
    {
        anyhow::bail!("--repriced-share must be between 0 and 1, got {share}");
    }
    if args.name == ScreenName::Hyperscalers {
        return hyperscaler_screen(settings, as_of, args.format);
    }
    let companies = companies::load(&settings.store_path(), as_of)?;
    let text = match args.name {
        ScreenName::Unprofitable => {
            let result = screens::unprofitable(&companies, as_of, universe);
            render(
                args.format,
                &result,
                crate::load::lang(settings),
                render::unprofitable_table,
                render::unprofitable_csv,
            )?
        }
        ScreenName::Zombies => {
            let result = screens::zombies(&companies, as_of, universe);
            render(
                args.format,
                &result,
                crate::load::lang(settings),
                render::zombies_table,
                render::zombies_csv,
            )?
        }
        ScreenName::MaturityWall => {
            let result = screens::maturity_wall(&companies, as_of, universe);
            render(
                args.format,
                &result,
                crate::load::lang(settings),
                render::maturity_wall_table,
                render::maturity_wall_csv,
            )?
        }
        ScreenName::Refinancing => {
            let params = RefinancingParams {
                old_rate: args.old_rate,
                new_rate: args.new_rate,
                repriced_share: args.repriced_share,
            };
            let result = screens::refinancing(&companies, as_of, universe, params);
            render(
                args.format,
                &result,
                crate::load::lang(settings),
                render::refinancing_table,
                render::refinancing_csv,
            )?
        }
        ScreenName::Hyperscalers => unreachable!("handled above"),
    };
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

fn hyperscaler_screen(
    settings: &Settings,
    as_of: Date,
    format: ScreenFormat,
) -> anyhow::Result<ExitStatus> {
    let ciks: Vec<u64> = hyperscalers::HYPERSCALERS.iter().map(|h| h.cik).collect();
    let companies = companies::load_full(&settings.store_path(), as_of, &ciks)?;
    let result = hyperscalers::table(&companies, as_of);
    let text = render(
        format,
        &result,
        crate::load::lang(settings),
        render::hyperscalers_table,
        render::hyperscalers_csv,
    )?;
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

/// The result as JSON (its `Serialize`), or through the core's table or CSV renderer.
fn render<T: serde::Serialize>(
    format: ScreenFormat,
    result: &T,
    lang: Lang,
    table: impl FnOnce(&T, Lang) -> String,
    csv: impl FnOnce(&T) -> String,
) -> anyhow::Result<String> {
    Ok(match format {
        ScreenFormat::Json => serde_json::to_string_pretty(result)? + "\n",
        ScreenFormat::Table => table(result, lang),
        ScreenFormat::Csv => csv(result),
    })
}
