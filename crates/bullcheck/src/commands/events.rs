//! `bullcheck events study`: "when X then Y" event studies on stored series (built-in rules
//! from the seeds or a rule given on the command line). The computation is
//! `bullcheck_core::events`; this file loads the series and prints.

use anyhow::Context as _;
use bullcheck_core::events::mlf_csv;
use bullcheck_core::events::render::{self, BuiltIn};
use bullcheck_core::events::study::{self, Measure, Rule, Spec};
use bullcheck_core::series::{Date, month_end};
use bullcheck_core::vocab::{Lang, Note, tr};
use serde_json::json;

use crate::cli::TableOrJson;
use crate::cli::events::{EventsCommand, MeasureArg, StudyArgs};
use crate::exit::ExitStatus;
use crate::output::print;
use crate::settings::Settings;
use crate::store::Store;

const MAX_REPS: usize = 200_000;
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

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
    let lang = crate::load::lang(settings);
    // The study's name as the table shows it, and what to import when data are missing.
    let (name, label, event_id, outcome_id, spec, fill_with, builtin) = match &args.builtin {
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
                found.name.to_string(),
                found.event_series.map(str::to_string),
                found.outcome_series.to_string(),
                spec,
                Note::new(found.fill_with, found.fill_with_zh),
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
            let outcome = &args.outcome_series;
            let fill = Note::new(
                format!("bullcheck data import (a file holding {id} and {outcome})"),
                format!("bullcheck data import（包含{id}和{outcome}的文件）"),
            );
            (
                format!("{id} rule"),
                format!("{id} {}", tr(lang, "rule", "规则")),
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
                missing.push(Note::same(id.clone()));
            }
            s
        }
        (None, Some("mlf")) => match &args.mlf_file {
            Some(file) => Some(read_mlf(file)?),
            None => {
                missing.push(Note::new(
                    "monthly MLF net injections (--mlf-file)",
                    "MLF月度净投放（--mlf-file）",
                ));
                None
            }
        },
        (None, _) => None,
    };
    let outcome = load(&outcome_id)?;
    if outcome.is_none() {
        missing.push(Note::same(outcome_id.clone()));
    }
    let (Some(events), Some(outcome)) = (events, outcome) else {
        let text = match args.format {
            TableOrJson::Json => {
                let missing: Vec<String> = missing.iter().map(|m| m.en.clone()).collect();
                serde_json::to_string_pretty(&render::no_data_json(&name, &missing, &fill_with.en))?
                    + "\n"
            }
            TableOrJson::Table => {
                let missing: Vec<&str> = missing.iter().map(|m| m.text(lang)).collect();
                Note::new(
                    format!(
                        "Event study {label}: no_data (missing: {})\nfill with: {}\n",
                        missing.join(", "),
                        fill_with.en
                    ),
                    format!(
                        "事件研究 {label}：no_data（缺失：{}）\n补齐方法：{}\n",
                        missing.join("，"),
                        fill_with.zh
                    ),
                )
                .text(lang)
                .to_string()
            }
        };
        print(&text)?;
        return Ok(ExitStatus::Success);
    };
    let result = study::run(&events, &outcome, &spec);
    let event_label = event_id
        .unwrap_or_else(|| tr(lang, "MLF net injection (¥ bn)", "MLF净投放（¥ bn）").to_string());
    let mut text = match args.format {
        TableOrJson::Table => {
            render::study_table(&label, &event_label, &outcome_id, &spec, &result, lang)
        }
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
        let claim = Note::new(
            format!("Claim (seeds {}): {}", b.seeds, b.claim),
            format!("观点（原文 {}）：{}", b.seeds, b.claim_zh),
        );
        text = format!("{}\n{text}", claim.text(lang));
        if let Some((verdict, note)) = render::verdict(b.name, &result) {
            let label = |lang| bullcheck_core::report::verdict_label(verdict, lang);
            let line = Note::new(
                format!("Verdict: {} ({})", label(Lang::En), note.en),
                format!("结论：{}（{}）", label(Lang::Zh), note.zh),
            );
            text.push_str(line.text(lang));
            text.push('\n');
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
