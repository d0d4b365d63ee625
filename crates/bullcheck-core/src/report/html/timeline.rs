//! The bubble episodes chart: one vertical bar per industry run-up at its start month, as high
//! as its two-year return, coloured by what followed (crashed 40% within two years, did not,
//! or still pending), with the run-up threshold (100%) as a dashed line. Drawn by hand with
//! the axis helpers of [`super::chart`] (nice steps, ticks, fractional years); no scripts.

use std::fmt::Write as _;

use super::chart::{nice_step, tick_label, ticks, year_fraction};
use super::escape;
use crate::series::Date;

/// Drawing area in SVG user units (as the line charts).
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 26.0;
/// Width of one bar.
pub const BAR_WIDTH: f64 = 4.0;

/// One episode to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    pub start: Date,
    /// Two-year return in percent (150 = +150%).
    pub return_pct: f64,
    /// `Some(true)` crashed, `Some(false)` did not, `None` pending.
    pub crashed: Option<bool>,
    /// The bar's tooltip.
    pub label: String,
}

/// A bar's rectangle in SVG user units and its CSS class.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub class: &'static str,
}

/// The axes: years `[x_lo, x_hi]` (whole years around the starts), percent `[0, y_hi]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub x_lo: f64,
    pub x_hi: f64,
    pub y_hi: f64,
    pub y_step: f64,
}

/// The axes for `episodes` (`None` when there is nothing to draw): x from the first start's
/// year to the year after the last start's; y from 0 to the largest return, rounded up to a
/// nice step, and never below the 100% threshold.
pub fn axes(episodes: &[Episode]) -> Option<Axes> {
    let xs: Vec<f64> = episodes.iter().map(|e| year_fraction(e.start)).collect();
    let x_lo = xs.iter().copied().fold(f64::INFINITY, f64::min).floor();
    let x_hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max).floor() + 1.0;
    if !(x_lo.is_finite() && x_hi.is_finite()) {
        return None;
    }
    let top = episodes
        .iter()
        .map(|e| e.return_pct)
        .filter(|v| v.is_finite())
        .fold(100.0_f64, f64::max);
    let y_step = nice_step(top, 5);
    Some(Axes {
        x_lo,
        x_hi,
        y_hi: (top / y_step).ceil() * y_step,
        y_step,
    })
}

fn plot_size() -> (f64, f64) {
    (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM)
}

/// The x coordinate of fractional year `x`.
fn px(a: &Axes, x: f64) -> f64 {
    LEFT + (x - a.x_lo) / (a.x_hi - a.x_lo) * plot_size().0
}

/// The y coordinate of `v` percent.
fn py(a: &Axes, v: f64) -> f64 {
    TOP + (a.y_hi - v.clamp(0.0, a.y_hi)) / a.y_hi * plot_size().1
}

/// The bars of `episodes` on `axes`: centred on the start month, from 0 up to the return.
pub fn bars(episodes: &[Episode], a: &Axes) -> Vec<Bar> {
    episodes
        .iter()
        .map(|e| {
            let top = py(a, e.return_pct);
            Bar {
                x: px(a, year_fraction(e.start)) - BAR_WIDTH / 2.0,
                y: top,
                width: BAR_WIDTH,
                height: py(a, 0.0) - top,
                class: match e.crashed {
                    Some(true) => "crashed",
                    Some(false) => "survived",
                    None => "pending",
                },
            }
        })
        .collect()
}

/// Texts of the chart in the page's language.
pub struct Labels<'a> {
    pub title: &'a str,
    pub unit: &'a str,
    pub threshold: &'a str,
    pub crashed: &'a str,
    pub survived: &'a str,
    pub pending: &'a str,
}

/// The SVG, or `None` without episodes.
pub fn render(episodes: &[Episode], labels: &Labels<'_>, element_id: &str) -> Option<String> {
    let a = axes(episodes)?;
    let (plot_w, plot_h) = plot_size();
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart episodes" id="{id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{title}" data-episodes="{n}" preserveAspectRatio="xMidYMid meet"><title>{title}</title>"#,
        id = escape(element_id),
        title = escape(labels.title),
        n = episodes.len(),
    );
    for tick in ticks(0.0, a.y_hi, a.y_step) {
        let y = py(&a, tick);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{LEFT}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            tick_label(tick, a.y_step)
        );
    }
    let _ = write!(
        svg,
        r#"<text class="unit" x="4" y="{:.1}" text-anchor="start">{}</text>"#,
        TOP - 6.0,
        escape(labels.unit)
    );
    let year_step = nice_step(a.x_hi - a.x_lo, 8).max(1.0).round();
    for tick in ticks(a.x_lo, a.x_hi, year_step) {
        let x = px(&a, tick);
        let _ = write!(
            svg,
            r#"<line class="grid" x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{:.1}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            TOP + plot_h,
            HEIGHT - 8.0,
            tick as i64
        );
    }
    let _ = write!(
        svg,
        r#"<rect class="frame" x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}"/>"#
    );
    let y100 = py(&a, 100.0);
    let _ = write!(
        svg,
        r#"<line class="threshold warning" x1="{LEFT}" x2="{:.1}" y1="{y100:.1}" y2="{y100:.1}"/><text class="threshold-label warning" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
        WIDTH - RIGHT,
        WIDTH - RIGHT - 2.0,
        y100 - 3.0,
        escape(labels.threshold)
    );
    for (bar, e) in bars(episodes, &a).iter().zip(episodes) {
        let outcome = match bar.class {
            "crashed" => labels.crashed,
            "survived" => labels.survived,
            _ => labels.pending,
        };
        let _ = write!(
            svg,
            r#"<rect class="bar {class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}</title></rect>"#,
            bar.x,
            bar.y,
            bar.width,
            bar.height,
            escape(&format!("{} — {outcome}", e.label)),
            class = bar.class,
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn episode(y: i16, ret: f64, crashed: Option<bool>) -> Episode {
        Episode {
            start: date(y, 1, 1),
            return_pct: ret,
            crashed,
            label: format!("{y}"),
        }
    }

    #[test]
    fn bars_match_a_hand_computed_layout() {
        // Starts 2000-01, 2001-01, 2002-01 → years [2000, 2003]; plot 644 × 196 units from
        // (60, 18). Largest return 300% → step nice_step(300, 5) = 100, top 300.
        // x(2001) = 60 + 644/3 = 274.67, bar from 272.67; y(150) = 18 + 150/300·196 = 116,
        // height 98; y(300) = 18, height 196; y(120) = 18 + 180/300·196 = 135.6, height 78.4.
        let eps = [
            episode(2000, 120.0, Some(false)),
            episode(2001, 150.0, Some(true)),
            episode(2002, 300.0, None),
        ];
        let a = axes(&eps).unwrap();
        assert_eq!(
            a,
            Axes {
                x_lo: 2000.0,
                x_hi: 2003.0,
                y_hi: 300.0,
                y_step: 100.0
            }
        );
        let b = bars(&eps, &a);
        let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
        assert!(close(b[0].x, 58.0) && close(b[0].y, 135.6) && close(b[0].height, 78.4));
        assert!(close(b[1].x, 60.0 + 644.0 / 3.0 - 2.0));
        assert!(close(b[1].y, 116.0) && close(b[1].height, 98.0));
        assert!(close(b[2].y, 18.0) && close(b[2].height, 196.0));
        assert_eq!(
            b.iter().map(|b| b.class).collect::<Vec<_>>(),
            ["survived", "crashed", "pending"]
        );
    }

    #[test]
    fn the_axis_reaches_the_threshold_and_nothing_draws_without_episodes() {
        let a = axes(&[episode(1999, 40.0, Some(false))]).unwrap();
        assert_eq!((a.x_lo, a.x_hi, a.y_hi), (1999.0, 2000.0, 100.0));
        let labels = Labels {
            title: "t",
            unit: "%",
            threshold: "100%",
            crashed: "c",
            survived: "s",
            pending: "p",
        };
        assert_eq!(render(&[], &labels, "x"), None);
        let svg = render(&[episode(1999, 140.0, Some(true))], &labels, "x").unwrap();
        assert_eq!(svg.matches(r#"<rect class="bar crashed""#).count(), 1);
        assert!(svg.contains(r#"data-episodes="1""#) && svg.contains("<title>1999 — c</title>"));
    }
}
