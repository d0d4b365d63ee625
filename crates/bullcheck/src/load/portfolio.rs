//! A holdings file run through the stress scenarios and the seeds' patches: `portfolio run`
//! and the dashboard's `/portfolio` build the same report here.

use std::path::Path;

use anyhow::Context as _;
use bullcheck_core::portfolio::adapter::{ModelMoves, scenario_moves};
use bullcheck_core::portfolio::holdings::parse_holdings;
use bullcheck_core::portfolio::patches::{Patch, default_patches, parse_patch};
use bullcheck_core::portfolio::{self, Report};
use bullcheck_core::stress::montecarlo::Innovations;
use bullcheck_core::stress::scenario::{Scenario, built_in_scenarios};
use bullcheck_core::stress::{self, RunOptions};
use bullcheck_core::vocab::Note;

// The dataset and scenarios are found exactly as `stress run` finds them.
use super::{find_scenario, load_dataset};
use crate::settings::Settings;

/// Largest holdings file read: 100,000 rows (the parser's cap) of generous width.
const MAX_HOLDINGS_FILE_BYTES: u64 = 16 << 20;

/// The holdings file's bytes: a regular file of at most [`MAX_HOLDINGS_FILE_BYTES`] (a device
/// or a huge file is refused before it is read whole).
fn read_holdings_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let shown = path.display();
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read holdings file {shown}"))?;
    anyhow::ensure!(meta.is_file(), "holdings file {shown}: not a regular file");
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_HOLDINGS_FILE_BYTES + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read holdings file {shown}"))?;
    anyhow::ensure!(
        bytes.len() as u64 <= MAX_HOLDINGS_FILE_BYTES,
        "holdings file {shown}: larger than {MAX_HOLDINGS_FILE_BYTES} bytes"
    );
    Ok(bytes)
}

/// Reads and validates the holdings, runs every scenario and patch.
pub fn build_portfolio(
    settings: &Settings,
    holdings_path: &Path,
    scenario_names: &[String],
    patch_specs: &[String],
    paths: u64,
    seed: u64,
) -> anyhow::Result<Report> {
    let bytes = read_holdings_file(holdings_path)?;
    let holdings = parse_holdings(&holdings_path.display().to_string(), &bytes)?;
    let patches: Vec<(String, Patch)> = if patch_specs.is_empty() {
        default_patches()
    } else {
        patch_specs
            .iter()
            .map(|s| parse_patch(s).map(|p| (s.clone(), p)))
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("--patch: {e}"))?
    };
    let data = load_dataset(settings)?;
    let scenarios: Vec<Scenario> = if scenario_names.is_empty() {
        built_in_scenarios()
    } else {
        scenario_names
            .iter()
            .map(|n| find_scenario(n, &data))
            .collect::<anyhow::Result<_>>()?
    };
    let options = RunOptions {
        paths,
        seed,
        innovations: Innovations::Normal,
        window: Default::default(),
    };
    let mut moves: Vec<ModelMoves> = Vec::new();
    let mut skipped = Vec::new();
    for s in &scenarios {
        match stress::run(s, &data, options) {
            Ok(report) => moves.push(scenario_moves(s, &report)),
            Err(no_data) => skipped.push(Note::new(
                format!("{}: skipped: {no_data}", s.name),
                format!(
                    "{}：已跳过（缺少数据：{}）",
                    s.name,
                    no_data.missing_series.join(", ")
                ),
            )),
        }
    }
    let mut report = portfolio::run(&holdings, &moves, &patches, &data);
    report.notes.extend(skipped);
    Ok(report)
}
