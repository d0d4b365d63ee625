//! Hand-written SVG for a stress scenario (issue 23 item 5): the **waterfall** of the index's
//! change by channel (earnings, multiple, valuation gap, AI, small caps, interaction — the
//! model's own decomposition, `stress::transmission::equity_decomposition`, whose parts add up
//! to the total exactly) and the **Monte Carlo histogram** of the index's change with the
//! deterministic point marked. No scripts; the SVG is complete on its own.

use std::fmt::Write as _;

use super::chart::{nice_step, tick_label, ticks};
use super::escape;
use crate::report::Lang;
use crate::stress::montecarlo::Histogram1;
use crate::stress::transmission::EquityDecomposition;
use crate::vocab::tr;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 34.0;

/// The waterfall's bars: (key, English, Chinese, change in % or pp of the total).
pub fn waterfall_parts(
    d: &EquityDecomposition,
) -> Vec<(&'static str, &'static str, &'static str, f64)> {
    vec![
        ("earnings", "earnings", "盈利", d.earnings_pct),
        ("multiple", "multiple", "估值倍数", d.multiple_pct),
        (
            "valuation_gap",
            "valuation gap",
            "估值缺口",
            d.valuation_gap_pct,
        ),
        ("ai", "AI", "AI", d.ai_pct),
        ("small_caps", "small caps", "小盘股", d.small_cap_credit_pct),
        ("interaction", "interaction", "交互项", d.interaction_pct),
    ]
}

/// Vertical scale: value → y.
fn y_of(v: f64, lo: f64, hi: f64) -> f64 {
    TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM)
}

/// The value axis: grid lines and tick labels from `lo` to `hi`.
fn value_axis(out: &mut String, lo: f64, hi: f64, unit: &str) {
    let step = nice_step(hi - lo, 5);
    for t in ticks(lo, hi, step) {
        let y = y_of(t, lo, hi);
        let _ = write!(
            out,
            r#"<line class="grid" x1="{LEFT}" x2="{x2}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{x:.1}" y="{ty:.1}" text-anchor="end">{label}</text>"#,
            x2 = WIDTH - RIGHT,
            x = LEFT - 4.0,
            ty = y + 3.5,
            label = tick_label(t, step)
        );
    }
    let _ = write!(
        out,
        r#"<text class="unit" x="4" y="10">{}</text>"#,
        escape(unit)
    );
}

/// The waterfall of `d` (`None` when the total is not finite). Each bar carries
/// `data-part` and `data-value`; the total bar `data-part="total"`.
pub fn waterfall_svg(d: &EquityDecomposition, element_id: &str, lang: Lang) -> Option<String> {
    if !d.total_pct.is_finite() {
        return None;
    }
    let parts = waterfall_parts(d);
    if parts.iter().any(|p| !p.3.is_finite()) {
        return None;
    }
    // Running sums give each bar's ends; the axis covers every end and 0.
    let mut ends = vec![0.0];
    let mut running = 0.0;
    for p in &parts {
        running += p.3;
        ends.push(running);
    }
    ends.push(d.total_pct);
    let lo = ends.iter().copied().fold(0.0, f64::min);
    let hi = ends.iter().copied().fold(0.0, f64::max);
    let pad = ((hi - lo) * 0.08).max(0.5);
    let (lo, hi) = (lo - pad, hi + pad);
    let title = tr(
        lang,
        "Index change by channel (waterfall)",
        "指数变动按渠道分解（瀑布图）",
    );
    let mut out = format!(
        r#"<svg class="chart waterfall" id="{id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{t}" data-total="{total:.6}"><title>{t}</title>"#,
        id = escape(element_id),
        t = escape(title),
        total = d.total_pct
    );
    value_axis(&mut out, lo, hi, tr(lang, "% change", "%（变动）"));
    let n = parts.len() + 1;
    let slot = (WIDTH - LEFT - RIGHT) / n as f64;
    let bar = |out: &mut String,
               i: usize,
               from: f64,
               to: f64,
               key: &str,
               label: &str,
               class: &str,
               value: f64| {
        let x = LEFT + slot * i as f64 + slot * 0.15;
        let (y0, y1) = (y_of(from.max(to), lo, hi), y_of(from.min(to), lo, hi));
        let _ = write!(
            out,
            r#"<rect class="bar {class}" data-part="{key}" data-value="{value:.6}" x="{x:.1}" y="{y0:.1}" width="{w:.1}" height="{h:.1}"><title>{label}: {value:+.2}</title></rect><text class="tick" x="{cx:.1}" y="{ly:.1}" text-anchor="middle">{label}</text><text class="tick" x="{cx:.1}" y="{vy:.1}" text-anchor="middle">{value:+.1}</text>"#,
            w = slot * 0.7,
            h = (y1 - y0).max(0.5),
            cx = x + slot * 0.35,
            ly = HEIGHT - BOTTOM + 14.0,
            vy = (y0 - 3.0).max(TOP - 2.0),
            label = escape(label)
        );
    };
    let mut running = 0.0;
    for (i, (key, en, zh, value)) in parts.iter().enumerate() {
        let class = if *value < 0.0 { "down" } else { "up" };
        bar(
            &mut out,
            i,
            running,
            running + value,
            key,
            tr(lang, en, zh),
            class,
            *value,
        );
        running += value;
    }
    bar(
        &mut out,
        n - 1,
        0.0,
        d.total_pct,
        "total",
        tr(lang, "total", "合计"),
        "total",
        d.total_pct,
    );
    let zero = y_of(0.0, lo, hi);
    let _ = write!(
        out,
        r#"<line class="frame" x1="{LEFT}" x2="{x2}" y1="{zero:.1}" y2="{zero:.1}"/></svg>"#,
        x2 = WIDTH - RIGHT
    );
    Some(out)
}

/// The histogram of the Monte Carlo paths (`point`: the deterministic change, marked).
/// Each bar carries `data-count`; the SVG carries `data-paths`, `data-below`, `data-above`
/// (paths outside the drawn p1–p99 range).
pub fn histogram_svg(
    h: &Histogram1,
    point: Option<f64>,
    element_id: &str,
    lang: Lang,
) -> Option<String> {
    let bins = h.counts.len();
    if bins == 0 || h.high.is_nan() || h.low.is_nan() || h.high <= h.low {
        return None;
    }
    let max = *h.counts.iter().max()? as f64;
    if max <= 0.0 {
        return None;
    }
    let paths: u64 = h.counts.iter().sum::<u64>() + h.below + h.above;
    let title = tr(
        lang,
        "Monte Carlo paths: index change",
        "蒙特卡洛路径：指数变动",
    );
    let mut out = format!(
        r#"<svg class="chart histogram" id="{id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{t}" data-paths="{paths}" data-below="{below}" data-above="{above}"><title>{t}</title>"#,
        id = escape(element_id),
        t = escape(title),
        below = h.below,
        above = h.above
    );
    value_axis(&mut out, 0.0, max, tr(lang, "paths", "路径数"));
    let x_of = |v: f64| LEFT + (v - h.low) / (h.high - h.low) * (WIDTH - LEFT - RIGHT);
    let width = (h.high - h.low) / bins as f64;
    for (i, &c) in h.counts.iter().enumerate() {
        let (a, b) = (h.low + width * i as f64, h.low + width * (i + 1) as f64);
        let y = y_of(c as f64, 0.0, max);
        let _ = write!(
            out,
            r#"<rect class="bar hist" data-count="{c}" x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{hh:.1}"><title>{a:.1} .. {b:.1}: {c}</title></rect>"#,
            x = x_of(a),
            w = (x_of(b) - x_of(a) - 0.5).max(0.5),
            hh = (HEIGHT - BOTTOM - y).max(0.0)
        );
    }
    let step = nice_step(h.high - h.low, 8);
    for t in ticks(h.low, h.high, step) {
        let _ = write!(
            out,
            r#"<text class="tick" x="{x:.1}" y="{y:.1}" text-anchor="middle">{label}</text>"#,
            x = x_of(t),
            y = HEIGHT - BOTTOM + 14.0,
            label = tick_label(t, step)
        );
    }
    if let Some(p) = point.filter(|p| *p >= h.low && *p <= h.high) {
        let x = x_of(p);
        let _ = write!(
            out,
            r#"<line class="point" data-point="{p:.6}" x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{y2}"/><text class="latest-label" x="{x:.1}" y="{ty}" text-anchor="middle">{label} {p:+.1}</text>"#,
            y2 = HEIGHT - BOTTOM,
            ty = TOP - 4.0,
            label = escape(tr(lang, "point", "点估计"))
        );
    }
    let _ = write!(
        out,
        r#"<text class="unit" x="{x}" y="{y}" text-anchor="end">{u}</text></svg>"#,
        x = WIDTH - RIGHT,
        y = HEIGHT - 4.0,
        u = escape(&format!(
            "{} · {paths} {} · {} {} / {} {}",
            tr(lang, "% change", "%（变动）"),
            tr(lang, "paths", "条路径"),
            h.below,
            tr(lang, "below p1", "低于p1"),
            h.above,
            tr(lang, "above p99", "高于p99")
        ))
    );
    Some(out)
}

/// The waterfall and, when the run has one, the histogram, in one block.
pub fn stress_charts(
    d: Option<&EquityDecomposition>,
    histogram: Option<&Histogram1>,
    name: &str,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if let Some(svg) = d.and_then(|d| waterfall_svg(d, &format!("waterfall-{name}"), lang)) {
        out.push_str(&svg);
    }
    match histogram.and_then(|h| {
        histogram_svg(
            h,
            d.map(|d| d.total_pct),
            &format!("histogram-{name}"),
            lang,
        )
    }) {
        Some(svg) => out.push_str(&svg),
        None => {
            let _ = write!(
                out,
                r#"<p class="small muted">{}</p>"#,
                tr(
                    lang,
                    "No Monte Carlo histogram: the scenario gives every variable (a replay is deterministic) or no path was run.",
                    "无蒙特卡洛直方图：情景给定了所有变量（历史重演是确定性的），或未运行路径。"
                )
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decomposition(earnings: f64, multiple: f64, ai: f64, small: f64) -> EquityDecomposition {
        // The model's combination: 1 + total = Π (1 + part); interaction is the rest.
        let total = 100.0
            * ((1.0 + earnings / 100.0)
                * (1.0 + multiple / 100.0)
                * (1.0 + ai / 100.0)
                * (1.0 + small / 100.0)
                - 1.0);
        EquityDecomposition {
            earnings_pct: earnings,
            multiple_pct: multiple,
            valuation_gap_pct: 0.0,
            ai_pct: ai,
            small_cap_credit_pct: small,
            interaction_pct: total - earnings - multiple - ai - small,
            total_pct: total,
            earnings_yield_pct: 2.5,
            earnings_yield_change_pp: 0.0,
        }
    }

    fn values(svg: &str, attribute: &str) -> Vec<(String, f64)> {
        svg.split("data-part=\"")
            .skip(1)
            .map(|rest| {
                let key = rest.split('"').next().unwrap().to_string();
                let value = rest
                    .split(&format!("{attribute}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                (key, value)
            })
            .collect()
    }

    #[test]
    fn the_waterfall_bars_add_up_to_the_total_bar() {
        // Hand-checked: earnings −10%, multiple −20%: 0.9 × 0.8 = 0.72, total −28%,
        // interaction +2 pp (−28 − (−10) − (−20)).
        let svg = waterfall_svg(&decomposition(-10.0, -20.0, 0.0, 0.0), "w", Lang::En).unwrap();
        let bars = values(&svg, "data-value");
        let get = |k: &str| bars.iter().find(|b| b.0 == k).unwrap().1;
        assert!((get("total") + 28.0).abs() < 1e-6, "{bars:?}");
        assert!((get("interaction") - 2.0).abs() < 1e-6, "{bars:?}");
        // Generated variants: the printed parts always add up to the printed total.
        for k in 0..50 {
            let f = f64::from(k);
            let d = decomposition(-f * 0.7, 12.0 - f, (f * 0.37).sin() * 9.0, -f * 0.05);
            let svg = waterfall_svg(&d, "w", Lang::Zh).unwrap();
            let bars = values(&svg, "data-value");
            assert_eq!(bars.len(), 7);
            let parts: f64 = bars.iter().filter(|b| b.0 != "total").map(|b| b.1).sum();
            assert!((parts - get_total(&bars)).abs() < 1e-5, "{bars:?}");
        }
        fn get_total(bars: &[(String, f64)]) -> f64 {
            bars.iter().find(|b| b.0 == "total").unwrap().1
        }
    }

    #[test]
    fn the_histogram_counts_every_path_and_marks_the_point() {
        let h = Histogram1 {
            low: -20.0,
            high: 10.0,
            counts: vec![1, 4, 10, 4, 1],
            below: 2,
            above: 3,
        };
        let svg = histogram_svg(&h, Some(-6.5), "h", Lang::En).unwrap();
        assert!(svg.contains(r#"data-paths="25""#), "{svg}");
        assert_eq!(svg.matches(r#"class="bar hist""#).count(), 5);
        assert!(svg.contains(r#"data-point="-6.500000""#));
        assert!(
            histogram_svg(
                &Histogram1 {
                    counts: vec![],
                    ..h.clone()
                },
                None,
                "h",
                Lang::En
            )
            .is_none()
        );
    }
}
