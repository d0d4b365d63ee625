//! `bullcheck bubbles`: Greenwood–Shleifer–You industry run-ups on Ken French's industry
//! portfolios, and the Phillips–Shi–Yu GSADF test on Shiller's price–dividend ratio. Data
//! come from the store (`bullcheck data import`); the computation is
//! `bullcheck_core::bubbles`.

use anyhow::Context as _;
use bullcheck_core::bubbles::{self, gsy, render};
use bullcheck_core::series::{Dataset, Date};
use bullcheck_core::vocab::tr;

use crate::cli::TableOrJson;
use crate::cli::bubbles::{BubblesCommand, GsadfArgs, IndustriesArgs};
use crate::exit::ExitStatus;
use crate::output::print;
use crate::settings::Settings;
use crate::store::Store;

/// Largest replication count accepted (bounded work).
const MAX_REPS: usize = 100_000;

pub fn run(settings: &Settings, cmd: BubblesCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        BubblesCommand::Industries(args) => industries(settings, &args),
        BubblesCommand::Gsadf(args) => gsadf(settings, &args),
    }
}

fn industries(settings: &Settings, args: &IndustriesArgs) -> anyhow::Result<ExitStatus> {
    let from = args
        .from
        .as_deref()
        .map(|t| month("--from", t))
        .transpose()?;
    let to = args.to.as_deref().map(|t| month("--to", t)).transpose()?;
    let store = open_store(settings)?;
    let prefix = args.set.trim().to_uppercase();
    let ids: Vec<String> = store
        .series_ids()?
        .into_iter()
        .filter(|id| id.starts_with(&format!("{prefix}_")))
        .collect();
    let ds = store.load_series(&ids)?;
    let panel = bubbles::french_panel(&ds, &prefix).map_err(|e| {
        anyhow::anyhow!("{e}\nhint: bullcheck data import 49_Industry_Portfolios.CSV")
    })?;
    if !(args.min_firms.is_finite() && args.min_firms >= 0.0) {
        anyhow::bail!(
            "--min-firms {}: give a number of firms, 0 or more",
            args.min_firms
        );
    }
    let rule = gsy::Rule {
        min_firms: args.min_firms,
        ..gsy::Rule::default()
    };
    let result = gsy::analyse(&panel, &rule, from, to);
    let span = (
        from.unwrap_or(panel.months[0]).max(panel.months[0]),
        to.unwrap_or(*panel.months.last().expect("non-empty"))
            .min(*panel.months.last().expect("non-empty")),
    );
    let text = match args.format {
        TableOrJson::Table => render::industries_table(&result, span, crate::load::lang(settings)),
        TableOrJson::Json => {
            serde_json::to_string_pretty(&render::industries_json(&result, &rule, span))? + "\n"
        }
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

fn gsadf(settings: &Settings, args: &GsadfArgs) -> anyhow::Result<ExitStatus> {
    let _progress = crate::progress::spinner("GSADF test and its Monte Carlo critical values");
    let from = args
        .from
        .as_deref()
        .map(|t| month("--from", t))
        .transpose()?;
    let to = args.to.as_deref().map(|t| month("--to", t)).transpose()?;
    if !(10..=MAX_REPS).contains(&args.reps) {
        anyhow::bail!("--reps {}: give 10 to {MAX_REPS}", args.reps);
    }
    if args.lag > 24 {
        anyhow::bail!("--lag {}: give 0 to 24", args.lag);
    }
    let store = open_store(settings)?;
    let ds: Dataset = store.load_series(&["SHILLER_P".to_string(), "SHILLER_D".to_string()])?;
    let series: Vec<(Date, f64)> = bubbles::price_dividend(&ds)
        .map_err(|e| anyhow::anyhow!("{e}\nhint: bullcheck data import ie_data.xls"))?
        .into_iter()
        .filter(|(d, _)| from.is_none_or(|f| *d >= f) && to.is_none_or(|t| *d <= t))
        .collect();
    // The critical values depend only on (T, window, lag, reps, seed): cached in the home.
    let report = bubbles::gsadf_report_with(&series, args.lag, |t, window| {
        crate::load::critical_values_cached(
            settings,
            (t, args.lag, window),
            args.reps,
            args.seed,
            &bubbles::GSADF_LEVELS,
        )
    })
    .map_err(anyhow::Error::msg)?;
    let name = "S&P 500 price-dividend ratio (Shiller SHILLER_P / SHILLER_D)";
    let text = match args.format {
        TableOrJson::Table => render::gsadf_table(
            &report,
            tr(
                crate::load::lang(settings),
                name,
                "标普500价格股息比（Shiller SHILLER_P / SHILLER_D）",
            ),
            crate::load::lang(settings),
        ),
        TableOrJson::Json => {
            serde_json::to_string_pretty(&render::gsadf_json(&report, name))? + "\n"
        }
    };
    print(&text)?;
    Ok(ExitStatus::Success)
}

fn open_store(settings: &Settings) -> anyhow::Result<Store> {
    let path = settings.store_path();
    if !path.exists() {
        anyhow::bail!(
            "no stored data at {}\nhint: bullcheck data import DIR",
            path.display()
        );
    }
    Store::open(&path).with_context(|| format!("cannot open the store {}", path.display()))
}

/// `YYYY-MM` as the first of that month.
pub fn month(flag: &str, text: &str) -> anyhow::Result<Date> {
    let t = text.trim();
    let parsed = t
        .split_once('-')
        .filter(|(y, m)| y.len() == 4 && m.len() == 2)
        .and_then(|(y, m)| Date::new(y.parse().ok()?, m.parse().ok()?, 1).ok());
    parsed.with_context(|| format!("{flag} {text:?}: expected YYYY-MM (e.g. 2014-12)"))
}
