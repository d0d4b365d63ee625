//! The dashboard's scenario page: the sliders (a plain GET form) and the result table.

use std::fmt::Write as _;

use super::super::scenario::{HOLDABLE, SLIDERS, ScenarioResult, SliderValues};
use super::super::{Links, Shell, escape, page};
use super::opt_number;
use crate::report::Lang;
use crate::vocab::{tr, yi_scaled};

/// Dashboard: the scenario sliders (a plain GET form without JavaScript) and the result.
pub fn scenario_page(values: &SliderValues, result: &ScenarioResult, lang: Lang) -> String {
    let mut body = format!(
        r#"<h1>{}</h1><p class="small muted">{}</p><form method="get" action="/scenario" id="scenario-form" data-api="/api/scenarios/sliders">"#,
        tr(lang, "Scenario: move the inputs", "情景：调整输入"),
        tr(
            lang,
            "The stress-test transmission model (docs/transmission.md), recomputed on the server at each change. Unshocked market variables move with their conditional expectation under the historical covariance of the stored data.",
            "压力测试传导模型（docs/transmission.md），每次调整都在服务器上重新计算。未冲击的市场变量按存储数据的历史协方差取条件期望。"
        )
    );
    if lang == Lang::Zh {
        body.push_str(r#"<input type="hidden" name="lang" value="zh">"#);
    }
    body.push_str(r#"<div class="sliders">"#);
    for (slider, value) in SLIDERS.iter().zip(values.0) {
        let _ = write!(
            body,
            r#"<label for="s-{name}">{label} ({unit}): <output id="o-{name}" for="s-{name}">{value}</output><input type="range" id="s-{name}" name="{name}" min="{min}" max="{max}" step="{step}" value="{value}"></label>"#,
            name = slider.name,
            label = tr(lang, slider.label_en, slider.label_zh),
            unit = tr(lang, slider.unit, slider.unit_zh),
            min = slider.min,
            max = slider.max,
            step = slider.step,
        );
    }
    body.push_str(r#"</div><div class="holds">"#);
    for ((name, _), held) in HOLDABLE.iter().zip(values.1) {
        let _ = write!(
            body,
            r#"<label><input type="checkbox" id="h-{name}" name="hold_{name}" value="1"{checked}> {label} <code>{name}</code></label> "#,
            checked = if held { " checked" } else { "" },
            label = tr(lang, "hold at its current level:", "保持当前水平："),
        );
    }
    let _ = write!(
        body,
        r#"</div><button type="submit" class="no-js-submit">{}</button></form>"#,
        tr(lang, "Recompute", "重新计算")
    );
    body.push_str(&scenario_result_table(result, lang));
    let _ = write!(
        body,
        r#"<div id="scenario-charts">{}</div>"#,
        scenario_charts(result, lang)
    );
    page(&Shell {
        title: tr(lang, "Scenario", "情景"),
        lang,
        links: Links::Dashboard,
        path: crate::report::html::Page::Scenarios.path(),
        body: &body,
    })
}

/// The waterfall of the index change by channel and the Monte Carlo histogram (the API sends
/// the same HTML as `charts_html`, which the page's script swaps in).
pub fn scenario_charts(result: &ScenarioResult, lang: Lang) -> String {
    super::super::stress_charts::stress_charts(
        result.decomposition.as_ref(),
        result.histogram.as_ref(),
        "scenario",
        lang,
    )
}

/// The outputs table (the page's script rebuilds the same table from the JSON API).
pub fn scenario_result_table(result: &ScenarioResult, lang: Lang) -> String {
    let index = result
        .outputs
        .iter()
        .find(|o| o.name == "index_fair_value")
        .and_then(|o| o.shocked);
    let mut out = format!(
        r#"<div id="scenario-result" data-index-fair-value="{}"><h2>{}</h2><p class="small muted">{}</p><div class="table-wrap"><table><thead><tr><th>{}</th><th>{}</th><th class="num">{}</th><th class="num">{}</th></tr></thead><tbody id="scenario-outputs">"#,
        index.map_or(String::new(), |v| format!("{v:.4}")),
        tr(lang, "Result", "结果"),
        match result.covariance_quarters {
            Some(q) => format!(
                "{} {q} {}",
                tr(lang, "Covariance estimated on", "协方差估计样本："),
                tr(lang, "quarters of stored data.", "个季度的存储数据。")
            ),
            None => tr(
                lang,
                "No covariance (fewer than two statistical series with 12 common quarters stored): unshocked variables stay unchanged.",
                "无协方差（存储的统计序列不足）：未冲击的变量保持不变。"
            )
            .to_string(),
        },
        tr(lang, "Output", "输出"),
        tr(lang, "Unit", "单位"),
        tr(lang, "Base", "基准"),
        tr(lang, "Shocked", "冲击后"),
    );
    for o in &result.outputs {
        // Chinese counts dollars in 亿: a row in 十亿美元 is shown ×10 in 亿美元.
        let (factor, unit) = match lang {
            Lang::Zh => yi_scaled(&o.unit_zh),
            Lang::En => (1.0, o.unit.clone()),
        };
        let _ = write!(
            out,
            r#"<tr data-output="{}"><td>{}</td><td>{}</td><td class="num">{}</td><td class="num">{}</td></tr>"#,
            escape(&o.name),
            escape(&o.name),
            escape(&unit),
            opt_number(o.base.map(|v| v * factor), 3),
            opt_number(o.shocked.map(|v| v * factor), 3)
        );
    }
    out.push_str("</tbody></table></div></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::super::scenario::{evaluate_sliders, model_inputs};
    use super::*;

    #[test]
    fn scenario_page_has_one_slider_each_and_a_no_script_form() {
        let values = SliderValues::default();
        let result = evaluate_sliders(&values, &model_inputs(&Default::default()));
        let html = scenario_page(&values, &result, Lang::En);
        assert_eq!(
            html.matches(r#"<input type="range""#).count(),
            SLIDERS.len()
        );
        assert!(html.contains(r#"action="/scenario""#) && html.contains("Recompute"));
        assert!(!html.contains(r#"name="lang""#));
        let zh = scenario_page(&values, &result, Lang::Zh);
        assert!(zh.contains(r#"<input type="hidden" name="lang" value="zh">"#));
        assert!(zh.contains("重新计算"));
        // The waterfall is drawn (no data: no covariance, so no histogram, said so).
        assert!(html.contains(r#"id="waterfall-scenario""#), "{html}");
        assert!(
            html.contains(r#"id="scenario-charts""#) && html.contains("No Monte Carlo histogram")
        );
    }
}
