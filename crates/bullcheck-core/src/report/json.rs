//! The JSON report: the stable contract (`schema_version` 1). Keys are only
//! ever added, never renamed.

use serde_json::{Value, json};

use crate::scoring::skill::MeasuredSkill;

use super::{Lang, claim_text, details, missing_text, title};
use crate::audit::Audit;

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(audit: &Audit, lang: Lang) -> String {
    let checks: Vec<Value> = audit
        .checks
        .iter()
        .map(|r| {
            let def = audit.def(&r.id);
            let thresholds = def.map_or(Value::Null, |d| {
                json!({
                    "watch": d.thresholds.watch,
                    "warning": d.thresholds.warning,
                    "critical": d.thresholds.critical,
                    "direction": match d.direction {
                        crate::checks::Direction::HigherIsWorse => "higher_is_worse",
                        crate::checks::Direction::LowerIsWorse => "lower_is_worse",
                    },
                    "origin": super::threshold_origin(d, lang),
                })
            });
            json!({
                "id": r.id,
                "module": r.module,
                "scored": r.scored,
                "title": def.map(|d| title(d, lang)),
                "status": r.status.name(),
                "value": r.value.map(round6),
                "unit": r.unit,
                "as_of": r.as_of.map(|d| d.to_string()),
                "data_through": r.data_through.map(|d| d.to_string()),
                "stale": r.stale,
                "thresholds": thresholds,
                "percentile": r.percentile.map(|p| (p * 10.0).round() / 10.0),
                "data": r.data.name(),
                "sources": r.sources.iter().map(|s| json!({
                    "id": s.id,
                    "publisher": s.publisher,
                    "title": s.title,
                    "url": s.url,
                    "as_of": s.as_of.map(|d| d.to_string()),
                })).collect::<Vec<_>>(),
                "claim": {
                    "seed": def.map(|d| d.claim.seed.clone()),
                    "text": def.map(|d| claim_text(d, lang)),
                    "verdict": r.verdict.name(),
                    "note": r.verdict_note.text(lang),
                    "trigger_reached": r.trigger_reached,
                    "at_publication": r.at_publication.as_ref().map(|p| json!({
                        "seed": p.seed,
                        "date": p.date.to_string(),
                        "date_assumed": p.date_assumed,
                        "value": p.value.map(round6),
                        "data_through": p.data_through.map(|d| d.to_string()),
                        "verdict": p.verdict.name(),
                        "note": p.note.text(lang),
                        "trigger_reached": p.trigger_reached,
                    })),
                },
                "details": details(r).map(|d| json!({"label": d.label.en, "value": d.value.text(lang)})).collect::<Vec<_>>(),
                "missing": r.missing.as_ref().map(|m| missing_text(m, lang)),
            })
        })
        .collect();
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "as_of": audit.as_of.to_string(),
        "data_through": audit.data_through.map(|d| d.to_string()),
        "rating": {
            "level": audit.level.map(|l| l.name()),
            "score": audit.score.map(|s| (s * 10.0).round() / 10.0),
            "coverage": coverage_json(&audit.coverage),
            "stored_only_score": audit.stored_only_score.map(|s| (s * 10.0).round() / 10.0),
            "skill": skills_json(&audit.skill.rating),
            "vulnerability": gauge_json(&audit.vulnerability, &audit.skill.vulnerability),
            "stress": gauge_json(&audit.stress, &audit.skill.stress),
            "drivers": audit.drivers.iter().map(|d| {
                let r = audit.checks.iter().find(|r| r.id == d.id);
                json!({
                    "id": d.id,
                    "contribution": round4(d.contribution),
                    "check_score": round4(d.check_score),
                    "value": r.and_then(|r| r.value).map(round6),
                    "unit": r.map(|r| r.unit.clone()),
                    "status": r.map(|r| r.status.name()),
                })
            }).collect::<Vec<_>>(),
            "freshness": {
                "data_through": audit.data_through.map(|d| d.to_string()),
                "days_before_as_of": audit.data_through.and_then(|d| d.until(audit.as_of).ok()).map(|s| s.get_days()),
                "values": audit.checks.iter().filter(|r| r.data != crate::checks::DataOrigin::None).count(),
                "stale_values": audit.checks.iter().filter(|r| r.data != crate::checks::DataOrigin::None && r.stale).count(),
            },
        },
        "forecasts": audit.forecasts.iter().map(|f| json!({
            "event": f.event,
            "probability": f.probability.map(|p| (p * 1e4).round() / 1e4),
            "as_of": f.as_of.map(|d| d.to_string()),
            "status": if f.probability.is_none() { "none" } else if f.current { "current" } else { "expired" },
            "outcome_in_window": f.outcome,
            "model": f.model,
            "choice": f.choice.en,
            "fallback": f.fallback.as_ref().map(|n| n.en.clone()),
            "skill_from_1990": {
                "auroc": f.auroc.map(round4),
                "auroc_ci95": f.auroc_ci.map(|(lo, hi)| [round4(lo), round4(hi)]),
                "reading": f.reading().name(),
                "brier": f.brier.map(round4),
                "brier_base_rate": f.brier_base_rate.map(round4),
                "n_months": f.n_months,
            },
        })).collect::<Vec<_>>(),
        "modules": audit.modules.iter().map(|m| json!({
            "id": m.id,
            "level": m.level.map(|l| l.name()),
            "score": m.score.map(|s| (s * 10.0).round() / 10.0),
            "checks": m.checks,
            "with_data": m.with_data,
            "scored": m.scored,
            "facts": m.facts,
        })).collect::<Vec<_>>(),
        "checks": checks,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn coverage_json(c: &crate::audit::Coverage) -> Value {
    json!({
        "scored_checks": c.scored,
        "with_data": c.with_data,
        "oldest": c.oldest.map(|d| d.to_string()),
        "median_age_days": c.median_age_days,
    })
}

fn gauge_json(g: &crate::audit::Gauge, skill: &[MeasuredSkill]) -> Value {
    json!({
        "level": g.level.map(|l| l.name()),
        "score": g.score.map(|s| (s * 10.0).round() / 10.0),
        "coverage": coverage_json(&g.coverage),
        "skill": skills_json(skill),
    })
}

/// `[{target, metric, value, ci95, reading, months, positive_months, from, to, events,
/// hits}]`; empty when not measured (docs/rating.md §8a).
fn skills_json(skills: &[MeasuredSkill]) -> Value {
    skills
        .iter()
        .map(|s| {
            json!({
                "target": s.target.name(),
                "metric": s.metric,
                "value": s.value.map(round4),
                "ci95": s.ci.map(|(lo, hi)| [round4(lo), round4(hi)]),
                "reading": s.reading().name(),
                "months": s.months,
                "positive_months": s.positive_months,
                "from": s.from.map(|d| d.to_string()),
                "to": s.to.map(|d| d.to_string()),
                "events": s.events,
                "hits": s.hits,
                "method": "AUROC; 95% moving-block bootstrap interval (blocks of twice the target window, 1000 resamples, seed 20261207); docs/rating.md section 8a",
            })
        })
        .collect()
}

fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}
