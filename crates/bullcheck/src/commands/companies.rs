//! `bullcheck companies ingest PATH` and `bullcheck companies screen NAME`: SEC XBRL company
//! facts into the store, and the screens over them (definitions in
//! `bullcheck_core::companies::screens` and `::annual`).

use std::fmt::Write as _;

use bullcheck_core::companies::hyperscalers;
use bullcheck_core::companies::screens::{self, RefinancingParams, Universe};
use bullcheck_core::series::Date;

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
                || {
                    share_table(
                        &result.header,
                        result.count,
                        result.share,
                        "with latest annual NetIncomeLoss < 0",
                    )
                },
                || {
                    format!(
                        "screen,as_of,universe,companies,count,share\n{},{},{},{},{},{}\n",
                        result.header.screen,
                        result.header.as_of,
                        result.header.universe,
                        result.header.companies,
                        result.count,
                        opt(result.share)
                    )
                },
            )?
        }
        ScreenName::Zombies => {
            let result = screens::zombies(&companies, as_of, universe);
            render(
                args.format,
                &result,
                || {
                    let mut text =
                        share_table(&result.header, result.count, result.share, "zombies");
                    let _ = writeln!(text, "{}", result.definition);
                    for row in &result.zombies {
                        let coverage: Vec<String> = row
                            .years
                            .iter()
                            .map(|y| format!("{:.2}", y.coverage))
                            .collect();
                        let _ = writeln!(
                            text,
                            "  CIK {:>10}  {:<40}  coverage {}",
                            row.cik,
                            row.name,
                            coverage.join(" / ")
                        );
                    }
                    text
                },
                || {
                    let mut text = String::from(
                        "cik,name,first_annual_report,coverage_1,coverage_2,coverage_3\n",
                    );
                    for row in &result.zombies {
                        let coverage: Vec<String> =
                            row.years.iter().map(|y| y.coverage.to_string()).collect();
                        let _ = writeln!(
                            text,
                            "{},{},{},{}",
                            row.cik,
                            csv_field(&row.name),
                            row.first_annual_report,
                            coverage.join(",")
                        );
                    }
                    text
                },
            )?
        }
        ScreenName::MaturityWall => {
            let result = screens::maturity_wall(&companies, as_of, universe);
            render(
                args.format,
                &result,
                || {
                    let mut text = header_table(&result.header);
                    let _ = writeln!(text, "{:>6}  {:>20}  {:>9}", "year", "usd", "companies");
                    for year in &result.by_year {
                        let _ = writeln!(
                            text,
                            "{:>6}  {:>20.0}  {:>9}",
                            year.year, year.usd, year.companies
                        );
                    }
                    let _ = writeln!(
                        text,
                        "{:>6}  {:>20.0}  {:>9}",
                        "after5", result.after_year_five.usd, result.after_year_five.companies
                    );
                    let _ = writeln!(
                        text,
                        "total {:.0} USD; due within 24 months: {}",
                        result.total_usd,
                        percent(result.due_within_24_months_share)
                    );
                    text
                },
                || {
                    let mut text = String::from("year,usd,companies\n");
                    for year in &result.by_year {
                        let _ = writeln!(text, "{},{},{}", year.year, year.usd, year.companies);
                    }
                    let _ = writeln!(
                        text,
                        "after_year_five,{},{}",
                        result.after_year_five.usd, result.after_year_five.companies
                    );
                    text
                },
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
                || {
                    let mut text = header_table(&result.header);
                    let _ = writeln!(
                        text,
                        "repricing {:.2}% -> {:.2}% on {}",
                        params.old_rate * 100.0,
                        params.new_rate * 100.0,
                        params.repriced_share.map_or(
                            "debt maturing within 24 months".to_string(),
                            |s| format!("{:.0}% of debt", s * 100.0)
                        )
                    );
                    let _ = writeln!(text, "coverage already below 1: {}", result.below_before);
                    let _ = writeln!(
                        text,
                        "pushed below 1: {} ({})",
                        result.pushed_below,
                        percent(result.share)
                    );
                    let _ = writeln!(text, "below 1 after: {}", result.below_after);
                    text
                },
                || {
                    format!(
                        "screen,as_of,universe,companies,below_before,pushed_below,share,below_after\n{},{},{},{},{},{},{},{}\n",
                        result.header.screen,
                        result.header.as_of,
                        result.header.universe,
                        result.header.companies,
                        result.below_before,
                        result.pushed_below,
                        opt(result.share),
                        result.below_after
                    )
                },
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
        || hyperscalers::render_table(&result),
        || hyperscalers::render_csv(&result),
    )?;
    output::print(&text)?;
    Ok(ExitStatus::Success)
}

fn render<T: serde::Serialize>(
    format: ScreenFormat,
    result: &T,
    table: impl FnOnce() -> String,
    csv: impl FnOnce() -> String,
) -> anyhow::Result<String> {
    Ok(match format {
        ScreenFormat::Json => serde_json::to_string_pretty(result)? + "\n",
        ScreenFormat::Table => table(),
        ScreenFormat::Csv => csv(),
    })
}

fn header_table(header: &screens::ScreenHeader) -> String {
    format!(
        "{} as of {} — universe {} ({})\ncompanies assessed: {}\n",
        header.screen, header.as_of, header.universe, header.universe_note, header.companies
    )
}

fn share_table(
    header: &screens::ScreenHeader,
    count: usize,
    share: Option<f64>,
    what: &str,
) -> String {
    let mut text = header_table(header);
    let _ = writeln!(text, "{what}: {count} ({})", percent(share));
    text
}

fn percent(share: Option<f64>) -> String {
    share.map_or("n/a".to_string(), |s| format!("{:.1}%", s * 100.0))
}

fn opt(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
