//! `bullcheck events study`: "when X then Y" event studies on stored series (built-in rules
//! from the seeds or a rule given on the command line). The computation is
//! `bullcheck_core::events`; this file loads the series and prints.

use std::path::PathBuf;

use anyhow::Context as _;
use bullcheck_core::events::mlf_csv;
use bullcheck_core::events::render::{self, BuiltIn};
use bullcheck_core::events::study::{self, Measure, Rule, Spec};
use bullcheck_core::series::{Date, month_end};
use clap::{Args, Subcommand, ValueEnum};
use serde_json::json;

use super::ExitStatus;
use super::network::TableOrJson;
use crate::output::print;
use crate::settings::Settings;
use crate::store::Store;

const MAX_REPS: usize = 200_000;
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Subcommand)]
pub enum EventsCommand {
    /// Run an event study: per-event outcomes, the conditional mean and hit rate against
    /// every month-end of the sample, a bootstrap 95% interval and a random-date p-value.
    ///
    /// Built-ins (--builtin): `ten-year-5pct` (DGS10 crosses above 5% → S&P 500 returns over
    /// 1, 3, 6, 12 months; seeds 000, 001), `vix-low` (VIX in its bottom decile → the next 3
    /// months' S&P 500 drawdown; the "cheap insurance" claim), `mlf` (net MLF injection
    /// above ¥300B → next month's Shanghai Composite return; seed 003; needs --mlf-file).
    /// Or a rule of your own with --event-series and one of --cross-above, --cross-below,
    /// --above, --bottom-quantile, --change-months with --change-threshold.
    ///
    /// Examples:
    ///   bullcheck events study --builtin ten-year-5pct
    ///   bullcheck events study --builtin vix-low --format json
    ///   bullcheck events study --builtin mlf --mlf-file mlf_monthly.csv
    ///   bullcheck events study --event-series BAMLH0A0HYM2 --change-months 3 \
    ///       --change-threshold 1.5 --outcome-series SP500_LONG --horizons 3,6,12
    #[command(verbatim_doc_comment)]
    Study(StudyArgs),
}

#[derive(Debug, Args)]
pub struct StudyArgs {
    /// A built-in study: ten-year-5pct, vix-low or mlf.
    #[arg(long, value_name = "NAME")]
    pub builtin: Option<String>,
    /// The monthly MLF CSV for `--builtin mlf` (`month,net_injection_bn_cny`, see
    /// docs/network.md).
    #[arg(long, value_name = "FILE")]
    pub mlf_file: Option<PathBuf>,
    /// The stored series that picks the events (your own rule).
    #[arg(long, value_name = "ID")]
    pub event_series: Option<String>,
    /// Event: the series goes from at or below LEVEL to above it.
    #[arg(long, value_name = "LEVEL")]
    pub cross_above: Option<f64>,
    /// Event: the series goes from at or above LEVEL to below it.
    #[arg(long, value_name = "LEVEL")]
    pub cross_below: Option<f64>,
    /// Event: every observation above LEVEL (de-clustered by --gap-months).
    #[arg(long, value_name = "LEVEL")]
    pub above: Option<f64>,
    /// Event: the value is below this quantile of the whole series (0.1 = bottom decile).
    #[arg(long, value_name = "Q")]
    pub bottom_quantile: Option<f64>,
    /// Event: the change over this many months is beyond --change-threshold.
    #[arg(long, value_name = "MONTHS", requires = "change_threshold")]
    pub change_months: Option<i64>,
    /// The change threshold (above it if positive, below it if negative).
    #[arg(long, value_name = "X", allow_hyphen_values = true)]
    pub change_threshold: Option<f64>,
    /// The stored price series whose outcome is measured.
    #[arg(long, value_name = "ID", default_value = "SP500_LONG")]
    pub outcome_series: String,
    /// What is measured after each event.
    #[arg(long, value_enum, default_value = "return")]
    pub measure: MeasureArg,
    /// Horizons in months, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1,3,6,12")]
    pub horizons: Vec<i64>,
    /// Months after an event in which no new event counts. Default: the longest horizon
    /// (built-ins: their own).
    #[arg(long, value_name = "MONTHS")]
    pub gap_months: Option<i64>,
    /// Bootstrap and random-date replications.
    #[arg(long, default_value_t = 10_000)]
    pub reps: usize,
    /// Seed of the replications.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MeasureArg {
    Return,
    Drawdown,
}

pub fn run(settings: &Settings, cmd: EventsCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        EventsCommand::Study(args) => study_command(settings, &args),
    }
}

fn study_command(settings: &Settings, args: &StudyArgs) -> anyhow::Result<ExitStatus> {
    if !(10..=MAX_REPS).contains(&args.reps) {
        anyhow::bail!("--reps {}: give 10 to {MAX_REPS}", args.reps);
    }
    if args.horizons.is_empty() || args.horizons.iter().any(|h| !(1..=120).contains(h)) {
        anyhow::bail!("--horizons: give months from 1 to 120 (e.g. 1,3,6,12)");
    }
    let (name, event_id, outcome_id, spec, fill_with, builtin) = match &args.builtin {
        Some(b) => {
            let all = render::builtins(args.reps, args.seed);
            let found: BuiltIn = all.iter().find(|x| x.name == b).cloned().with_context(|| {
                format!(
                    "--builtin {b}: unknown (known: {})",
                    all.iter().map(|x| x.name).collect::<Vec<_>>().join(", ")
                )
            })?;
            let mut spec = found.spec.clone();
            if let Some(g) = args.gap_months {
                spec.gap_months = g;
            }
            (
                found.name.to_string(),
                found.event_series.map(str::to_string),
                found.outcome_series.to_string(),
                spec,
                found.fill_with.to_string(),
                Some(found),
            )
        }
        None => {
            let id = args
                .event_series
                .clone()
                .context("give --builtin NAME, or --event-series ID with a rule (see --help)")?;
            let rule = own_rule(args)?;
            let gap = args
                .gap_months
                .unwrap_or_else(|| *args.horizons.iter().max().expect("non-empty"));
            let spec = Spec {
                rule,
                measure: match args.measure {
                    MeasureArg::Return => Measure::Return,
                    MeasureArg::Drawdown => Measure::Drawdown,
                },
                horizons: args.horizons.clone(),
                gap_months: gap,
                reps: args.reps,
                seed: args.seed,
            };
            let fill = format!(
                "bullcheck data import (a file holding {id} and {})",
                args.outcome_series
            );
            (
                format!("{id} rule"),
                Some(id),
                args.outcome_series.clone(),
                spec,
                fill,
                None,
            )
        }
    };
    if !(0..=240).contains(&spec.gap_months) {
        anyhow::bail!("--gap-months {}: give 0 to 240", spec.gap_months);
    }

    let path = settings.store_path();
    let store = if path.exists() {
        Some(
            Store::open(&path)
                .with_context(|| format!("cannot open the store {}", path.display()))?,
        )
    } else {
        None
    };
    let load = |id: &str| -> anyhow::Result<Option<Vec<(Date, f64)>>> {
        let Some(store) = &store else { return Ok(None) };
        let ds = store.load_series(&[id.to_string()])?;
        Ok(ds
            .get(id)
            .map(|s| s.points.clone())
            .filter(|p| !p.is_empty()))
    };
    let mut missing = Vec::new();
    let events: Option<Vec<(Date, f64)>> = match (&event_id, builtin.as_ref().map(|b| b.name)) {
        (Some(id), _) => {
            let s = load(id)?;
            if s.is_none() {
                missing.push(id.clone());
            }
            s
        }
        (None, Some("mlf")) => match &args.mlf_file {
            Some(file) => Some(read_mlf(file)?),
            None => {
                missing.push("monthly MLF net injections (--mlf-file)".to_string());
                None
            }
        },
        (None, _) => None,
    };
    let outcome = load(&outcome_id)?;
    if outcome.is_none() {
        missing.push(outcome_id.clone());
    }
    let (Some(events), Some(outcome)) = (events, outcome) else {
        let text = match args.format {
            TableOrJson::Json => {
                serde_json::to_string_pretty(&render::no_data_json(&name, &missing, &fill_with))?
                    + "\n"
            }
            TableOrJson::Table => format!(
                "Event study {name}: no_data (missing: {})\nfill with: {fill_with}\n",
                missing.join(", ")
            ),
        };
        print(&text)?;
        return Ok(ExitStatus::Success);
    };
    let result = study::run(&events, &outcome, &spec);
    let event_label = event_id.unwrap_or_else(|| "MLF net injection (¥ bn)".to_string());
    let mut text = match args.format {
        TableOrJson::Table => render::study_table(&name, &event_label, &outcome_id, &spec, &result),
        TableOrJson::Json => {
            let mut v = render::study_json(&name, &event_label, &outcome_id, &spec, &result);
            if let Some(b) = &builtin {
                v["claim"] = b.claim.into();
                v["claim_zh"] = b.claim_zh.into();
                v["seeds"] = b.seeds.into();
                v["check"] = b.check.into();
                if let Some((verdict, note)) = render::verdict(b.name, &result) {
                    v["verdict"] =
                        json!({"verdict": verdict.name(), "note": note.en, "note_zh": note.zh});
                }
            }
            serde_json::to_string_pretty(&v)? + "\n"
        }
    };
    if let (Some(b), TableOrJson::Table) = (&builtin, args.format) {
        let zh = settings.lang == crate::cli::Lang::Zh;
        text = format!(
            "{} ({} {}): {}\n{text}",
            if zh { "观点" } else { "Claim" },
            if zh { "种子文章" } else { "seeds" },
            b.seeds,
            if zh { b.claim_zh } else { b.claim }
        );
        if let Some((verdict, note)) = render::verdict(b.name, &result) {
            text.push_str(&format!(
                "{}: {} ({})\n",
                if zh { "结论" } else { "Verdict" },
                verdict.name(),
                note.text(zh)
            ));
        }
    }
    print(&text)?;
    Ok(ExitStatus::Success)
}

fn own_rule(args: &StudyArgs) -> anyhow::Result<Rule> {
    let mut rules = Vec::new();
    if let Some(l) = args.cross_above {
        rules.push(Rule::CrossAbove(l));
    }
    if let Some(l) = args.cross_below {
        rules.push(Rule::CrossBelow(l));
    }
    if let Some(l) = args.above {
        rules.push(Rule::Above(l));
    }
    if let Some(q) = args.bottom_quantile {
        if !(q > 0.0 && q < 1.0) {
            anyhow::bail!("--bottom-quantile {q}: give a number between 0 and 1");
        }
        rules.push(Rule::BottomQuantile(q));
    }
    if let (Some(m), Some(t)) = (args.change_months, args.change_threshold) {
        if !(1..=120).contains(&m) {
            anyhow::bail!("--change-months {m}: give 1 to 120");
        }
        rules.push(Rule::ChangeOver {
            months: m,
            threshold: t,
        });
    }
    for r in &rules {
        let v = match r {
            Rule::CrossAbove(x) | Rule::CrossBelow(x) | Rule::Above(x) => *x,
            Rule::ChangeOver { threshold, .. } => *threshold,
            Rule::BottomQuantile(q) => *q,
        };
        if !v.is_finite() {
            anyhow::bail!("the rule's level must be a finite number");
        }
    }
    match rules.len() {
        1 => Ok(rules.remove(0)),
        0 => anyhow::bail!(
            "give one rule: --cross-above, --cross-below, --above, --bottom-quantile or --change-months with --change-threshold"
        ),
        _ => anyhow::bail!("give only one rule"),
    }
}

/// The MLF CSV, dated at each month's last day (the rule looks at the month after).
fn read_mlf(path: &std::path::Path) -> anyhow::Result<Vec<(Date, f64)>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        anyhow::bail!("{}: larger than {MAX_FILE_BYTES} bytes", path.display());
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
    let rows = mlf_csv::parse(&path.display().to_string(), &text).map_err(anyhow::Error::msg)?;
    Ok(rows.into_iter().map(|(d, v)| (month_end(d), v)).collect())
}
