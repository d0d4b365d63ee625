//! Hand-written SVG line charts: time on the x axis (year ticks, or month ticks for short
//! spans), a value axis with "nice" ticks and its unit, dashed threshold lines, shaded
//! recessions and the latest point marked with its value. No scripts, no external resources:
//! the SVG is complete on its own (the dashboard's script only adds hover and zoom on top).

use std::fmt::Write as _;

use super::escape;
use crate::series::Date;

/// Drawing area in SVG user units (the element scales to its container).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 26.0;

/// A horizontal reference line (e.g. a status threshold).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub label: String,
    pub value: f64,
    /// CSS class: `watch`, `warning`, `critical`.
    pub class: &'static str,
}

/// What one chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart<'a> {
    /// Used for the `aria-label` and the `<title>`.
    pub title: &'a str,
    /// The unit of the values, printed above the value axis.
    pub unit: &'a str,
    /// Oldest first.
    pub points: &'a [(Date, f64)],
    pub references: Vec<Reference>,
    /// Recession spans (first day, last day), shaded when they overlap the data.
    pub recessions: &'a [(Date, Date)],
    /// Text of the shading's legend, e.g. "NBER recessions (USREC)".
    pub recession_label: &'a str,
    /// `id` attribute of the `<svg>` (the dashboard's script finds the chart by it).
    pub element_id: &'a str,
}

/// Fractional year of a date (2024-07-01 → ≈ 2024.5), the x coordinate.
pub fn year_fraction(date: Date) -> f64 {
    let days_in_year = if date.in_leap_year() { 366.0 } else { 365.0 };
    f64::from(date.year()) + (f64::from(date.day_of_year()) - 1.0) / days_in_year
}

/// A "nice" step (1, 2, 2.5 or 5 × 10^k) that cuts `range` into at most `max_ticks` parts.
pub fn nice_step(range: f64, max_ticks: usize) -> f64 {
    if !range.is_finite() || range <= 0.0 {
        return 1.0;
    }
    let raw = range / max_ticks.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// The ticks from `lo` to `hi` (both included when they fall on the step).
///
/// At most [`MAX_TICKS`] ticks: a step too small for the range (or values that are not finite)
/// gives the two ends instead of an endless list.
pub fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let ends = || -> Vec<f64> { [lo, hi].into_iter().filter(|v| v.is_finite()).collect() };
    if !(lo.is_finite() && hi.is_finite() && step.is_finite() && step > 0.0) || lo > hi {
        return ends();
    }
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
    if !(first.is_finite() && last.is_finite()) || last - first > MAX_TICKS as f64 {
        return ends();
    }
    let first = first as i64;
    let last = last as i64;
    (first..=last)
        .map(|k| k as f64 * step)
        .filter(|v| v.is_finite())
        .collect()
}

/// The most ticks one axis gets.
pub const MAX_TICKS: usize = 100;

/// A tick label with as many decimals as the step needs.
pub fn tick_label(value: f64, step: f64) -> String {
    let decimals = (0..6)
        .find(|d| {
            let scaled = step * 10f64.powi(*d);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(6) as usize;
    let text = format!("{value:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// The value as the latest-point label shows it (up to 4 significant digits).
pub fn value_label(value: f64) -> String {
    let magnitude = value.abs();
    let decimals = match magnitude {
        m if m >= 1000.0 => 0,
        m if m >= 100.0 => 1,
        m if m >= 1.0 => 2,
        _ => 3,
    };
    format!("{value:.decimals$}")
}

/// The SVG, or `None` with fewer than two points (nothing to draw).
pub fn render(chart: &LineChart<'_>) -> Option<String> {
    let points = chart.points;
    if points.len() < 2 {
        return None;
    }
    let xs: Vec<f64> = points.iter().map(|p| year_fraction(p.0)).collect();
    let (x_lo, x_hi) = (xs[0], xs[xs.len() - 1].max(xs[0] + 1.0 / 365.0));
    let (mut y_lo, mut y_hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.1), hi.max(p.1))
        });
    let data_range = (y_hi - y_lo).max(f64::EPSILON);
    // Thresholds widen the axis only when they are near the data (otherwise the line would
    // flatten); a far threshold is named in the text instead.
    let shown: Vec<&Reference> = chart
        .references
        .iter()
        .filter(|r| r.value >= y_lo - data_range && r.value <= y_hi + data_range)
        .collect();
    for r in &shown {
        y_lo = y_lo.min(r.value);
        y_hi = y_hi.max(r.value);
    }
    if (y_hi - y_lo).abs() < f64::EPSILON {
        let pad = if y_hi == 0.0 { 1.0 } else { y_hi.abs() * 0.05 };
        y_lo -= pad;
        y_hi += pad;
    }
    // Any finite values: a spread past f64::MAX (±1e308) is measured in halves.
    let y_step = if (y_hi - y_lo).is_finite() {
        nice_step(y_hi - y_lo, 5)
    } else {
        2.0 * nice_step(y_hi / 2.0 - y_lo / 2.0, 5)
    };
    let y_lo = ((y_lo / y_step).floor() * y_step).max(f64::MIN);
    let y_hi = ((y_hi / y_step).ceil() * y_step).min(f64::MAX);

    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let px = |x: f64| LEFT + (x - x_lo) / (x_hi - x_lo) * plot_w;
    let py = |y: f64| TOP + (y_hi / 2.0 - y / 2.0) / (y_hi / 2.0 - y_lo / 2.0) * plot_h;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" id="{id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" data-x-min="{x_lo:.4}" data-x-max="{x_hi:.4}" data-y-min="{y_lo}" data-y-max="{y_hi}" data-unit="{unit}" preserveAspectRatio="xMidYMid meet"><title>{title}</title>"#,
        id = escape(chart.element_id),
        title = escape(chart.title),
        unit = escape(chart.unit),
    );
    // Recessions.
    for &(start, end) in chart.recessions {
        let (a, b) = (year_fraction(start).max(x_lo), year_fraction(end).min(x_hi));
        if b > a {
            let _ = write!(
                svg,
                r#"<rect class="recession" x="{:.1}" y="{TOP}" width="{:.1}" height="{plot_h}"><title>{} {start} – {end}</title></rect>"#,
                px(a),
                (px(b) - px(a)).max(0.5),
                escape(chart.recession_label)
            );
        }
    }
    // Value axis: grid lines and labels.
    for tick in ticks(y_lo, y_hi, y_step) {
        let y = py(tick);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            tick_label(tick, y_step)
        );
    }
    let _ = write!(
        svg,
        r#"<text class="unit" x="{:.1}" y="{:.1}" text-anchor="start">{}</text>"#,
        4.0,
        TOP - 6.0,
        escape(chart.unit)
    );
    // Time axis.
    let span = x_hi - x_lo;
    if span >= 2.0 {
        let step = nice_step(span, 8).max(1.0).round();
        for tick in ticks(x_lo, x_hi, step) {
            let x = px(tick);
            let _ = write!(
                svg,
                r#"<line class="grid" x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                TOP + plot_h,
                HEIGHT - 8.0,
                tick as i64
            );
        }
    } else {
        // Short spans: month ticks every 1, 2 or 3 months.
        let months = (span * 12.0).ceil().max(1.0);
        let every = if months <= 6.0 {
            1
        } else if months <= 12.0 {
            2
        } else {
            3
        };
        let mut index = (x_lo * 12.0).ceil() as i64;
        while (index as f64) / 12.0 <= x_hi {
            if index.rem_euclid(every) == 0 {
                let x = px(index as f64 / 12.0);
                let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
                let _ = write!(
                    svg,
                    r#"<line class="grid" x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{year}-{month:02}</text>"#,
                    TOP + plot_h,
                    HEIGHT - 8.0
                );
            }
            index += 1;
        }
    }
    let _ = write!(
        svg,
        r#"<rect class="frame" x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}"/>"#
    );
    // Thresholds.
    for r in &shown {
        let y = py(r.value);
        let _ = write!(
            svg,
            r#"<line class="threshold {class}" x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/><text class="threshold-label {class}" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            WIDTH - RIGHT - 2.0,
            y - 3.0,
            escape(&r.label),
            class = r.class
        );
    }
    // The line.
    let mut d = String::with_capacity(points.len() * 14);
    for (i, (x, p)) in xs.iter().zip(points).enumerate() {
        let _ = write!(
            d,
            "{}{:.1} {:.1}",
            if i == 0 { "M" } else { " L" },
            px(*x),
            py(p.1)
        );
    }
    let _ = write!(
        svg,
        r#"<path class="line" data-points="{}" d="{d}"/>"#,
        points.len()
    );
    // Latest point.
    let (last_date, last_value) = points[points.len() - 1];
    let (lx, ly) = (px(xs[xs.len() - 1]), py(last_value));
    let _ = write!(
        svg,
        r#"<circle class="latest" cx="{lx:.1}" cy="{ly:.1}" r="4"><title>{last_date}: {}</title></circle><text class="latest-label" x="{:.1}" y="{:.1}" text-anchor="end">{last_date}: {} {}</text>"#,
        value_label(last_value),
        lx - 6.0,
        (ly - 8.0).max(TOP + 10.0),
        value_label(last_value),
        escape(chart.unit)
    );
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn nice_steps_are_1_2_25_5_times_a_power_of_ten() {
        assert_eq!(nice_step(10.0, 5), 2.0);
        assert_eq!(nice_step(4.3, 5), 1.0);
        assert_eq!(nice_step(0.9, 5), 0.2);
        assert_eq!(nice_step(12.0, 5), 2.5);
        assert_eq!(nice_step(64.0, 8), 10.0);
    }

    #[test]
    fn tick_labels_use_the_decimals_of_the_step() {
        assert_eq!(tick_label(4.0, 1.0), "4");
        assert_eq!(tick_label(0.2, 0.2), "0.2");
        assert_eq!(tick_label(0.25, 0.25), "0.25");
        assert_eq!(tick_label(-0.0, 0.5), "0.0");
        assert_eq!(tick_label(-0.0, 1.0), "0");
    }

    #[test]
    fn year_fraction_of_july_first_is_about_half() {
        // 2024 is a leap year: 1 July is day 183, (183 − 1)/366 = 0.497.
        assert!((year_fraction(date(2024, 7, 1)) - 2024.4973).abs() < 1e-4);
    }

    #[test]
    fn chart_has_one_path_vertex_per_point_and_marks_the_latest() {
        let points = [
            (date(2020, 1, 31), 1.0),
            (date(2021, 1, 31), 3.0),
            (date(2022, 1, 31), 2.0),
        ];
        let recessions = [(date(2020, 2, 1), date(2020, 4, 30))];
        let svg = render(&LineChart {
            title: "t",
            unit: "%",
            points: &points,
            references: vec![Reference {
                label: "watch 2.5".into(),
                value: 2.5,
                class: "watch",
            }],
            recessions: &recessions,
            recession_label: "NBER",
            element_id: "c",
        })
        .unwrap();
        assert!(svg.contains(r#"data-points="3""#));
        let path = svg
            .split(r#" d=""#)
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert_eq!(path.matches('M').count() + path.matches('L').count(), 3);
        assert!(svg.contains("2022-01-31: 2.00 %"));
        assert_eq!(svg.matches("class=\"recession\"").count(), 1);
        assert!(svg.contains("class=\"threshold watch\""));
    }

    #[test]
    fn one_point_draws_nothing() {
        let points = [(date(2020, 1, 31), 1.0)];
        let chart = LineChart {
            title: "t",
            unit: "",
            points: &points,
            references: vec![],
            recessions: &[],
            recession_label: "",
            element_id: "c",
        };
        assert_eq!(render(&chart), None);
    }
}
