//! `bullcheck stress reverse` as text and JSON: the shock that moves a target, or why none
//! within the stored historical range does.

use crate::stress::reverse::ReverseResult;
use crate::stress::variables::Variable;
use crate::vocab::{Lang, Note, tr};

/// `stress reverse` as one line in `lang`: the shock that moves the target, and the feasible
/// range.
pub fn reverse_text(result: &ReverseResult, lang: Lang) -> String {
    let (variable, change, unit) = (
        &result.shock_variable,
        result.shock_change,
        result.shock_unit.text(lang),
    );
    let (target, achieved, target_unit, wanted) = (
        &result.target,
        result.achieved_change,
        result.target_unit.text(lang),
        result.target_change,
    );
    let bounds = result
        .bounds
        .map(|(l, h)| {
            Note::new(
                format!("; feasible range {l:+.3} .. {h:+.3} {unit}"),
                format!("；可行范围 {l:+.3} .. {h:+.3} {unit}"),
            )
            .text(lang)
            .to_string()
        })
        .unwrap_or_default();
    Note::new(format!(
            "{variable} {change:+.4} {unit} moves {target} by {achieved:+.4} {target_unit} (target {wanted:+}){bounds}\n"
        ), format!(
            "{variable} {change:+.4} {unit} 使 {target} 变动 {achieved:+.4} {target_unit}（目标 {wanted:+}）{bounds}\n"
        )).text(lang).to_string()
}

/// `stress reverse` when no shock within the variable's stored historical range reaches the
/// target.
#[derive(Debug, Clone, PartialEq)]
pub struct Infeasible<'a> {
    pub target: &'a str,
    pub target_change: f64,
    pub variable: Variable,
    /// The bound that binds, in the shock's unit.
    pub bound: f64,
    pub unit: &'a str,
    pub bounds: Option<(f64, f64)>,
    /// How far the target moves at that bound.
    pub best_change: f64,
}

/// [`Infeasible`] as one line of text in `lang`.
pub fn infeasible_text(i: &Infeasible, lang: Lang) -> String {
    let (name, bound, target, best) = (i.variable.name(), i.bound, i.target, i.best_change);
    let unit = tr(lang, i.unit, i.variable.spec().change_unit_label_zh);
    Note::new(format!(
            "infeasible within bounds: {name} would have to move beyond {bound:+.4} {unit} (its stored \
             historical range from today's level); at that bound {target} moves by {best:+.4}\n"
        ), format!(
            "在可行范围内无解：{name}需要超出 {bound:+.4} {unit}（相对当前水平的存储历史范围）；\
             在该边界上 {target} 变动 {best:+.4}\n"
        )).text(lang).to_string()
}

/// [`Infeasible`] as JSON.
pub fn infeasible_json(i: &Infeasible) -> serde_json::Value {
    serde_json::json!({
        "status": "infeasible within bounds",
        "target": i.target,
        "target_change": i.target_change,
        "shock_variable": i.variable.name(),
        "binding_bound": i.bound,
        "shock_unit": i.unit,
        "bounds": i.bounds,
        "change_at_bound": i.best_change,
    })
}
