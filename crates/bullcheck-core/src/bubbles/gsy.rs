//! Greenwood, Shleifer and You (2019), "Bubbles for Fama" (JFE 131(1)): industry run-ups and
//! whether they crashed (docs/methods.md B8).
//!
//! What: a run-up is a month in which an industry's value-weighted return over the past two
//! years is above 100%, both raw and net of the market (industry minus market, both
//! compounded over the 24 months), and its raw return over the past five years is above 50%.
//! A crash is a 40% drawdown (from the running peak, starting at the run-up month's close)
//! at some point within the next 24 months.
//!
//! Why: seed 003 and the "AI bubble" claims say run-ups like today's end in crashes. GSY
//! measured it: 40 run-ups in 48 US industries 1928–2014, of which 21 crashed, against a far
//! lower unconditional crash rate.
//!
//! How: an episode starts at the first run-up month of an industry; the same industry can
//! start a new episode only 24 months later (so episodes do not overlap their crash
//! windows). The unconditional rate is the share of every industry-month with 24 months of
//! future data that is followed by a 40% drawdown. Months with a missing return break a
//! window (nothing is filled in). Returns are fractions (0.05 = 5%).
//!
//! Limits: the paper's exact episode rules (overlap, the market index: CRSP value-weighted)
//! are approximated; with Ken French's 49 industries and a later vintage the counts differ
//! somewhat (see docs/network.md). An episode less than 24 months before the end of the data
//! that has not yet fallen 40% is `crashed: None` (pending).

use crate::series::Date;

/// Thresholds of the definition (the paper's values by default).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Raw and net-of-market two-year return above this (1.0 = 100%).
    pub two_year: f64,
    /// Raw five-year return above this (0.5 = 50%).
    pub five_year: f64,
    /// Drawdown that counts as a crash (0.4 = 40%).
    pub crash: f64,
    /// Months ahead in which the crash must happen.
    pub horizon: usize,
    /// Industries with fewer firms than this in the run-up month are skipped (0: no filter;
    /// needs [`Panel::firms`]).
    pub min_firms: f64,
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            two_year: 1.0,
            five_year: 0.5,
            crash: 0.4,
            horizon: 24,
            min_firms: 0.0,
        }
    }
}

/// Monthly returns on one consecutive grid of months.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// First day of each month, consecutive.
    pub months: Vec<Date>,
    pub industries: Vec<String>,
    /// `returns[i][t]`: industry i in month t (fraction), `None` when missing.
    pub returns: Vec<Vec<Option<f64>>>,
    /// The market's return in month t.
    pub market: Vec<Option<f64>>,
    /// `firms[i][t]`: the number of firms in industry i in month t, when known.
    pub firms: Option<Vec<Vec<Option<f64>>>>,
}

/// One run-up episode.
#[derive(Debug, Clone, PartialEq)]
pub struct Episode {
    pub industry: String,
    /// The first run-up month.
    pub start: Date,
    pub return_2y: f64,
    pub net_return_2y: f64,
    pub return_5y: f64,
    /// `Some(true)`: a 40% drawdown within the horizon; `Some(false)`: none over a full
    /// horizon; `None`: fewer months of data than the horizon and no crash yet.
    pub crashed: Option<bool>,
    /// Largest drawdown within the months seen (fraction).
    pub max_drawdown: f64,
    /// The month of the deepest point.
    pub trough: Option<Date>,
    /// The raw return over the next `horizon` months, when all are present.
    pub return_next: Option<f64>,
}

/// An industry's latest reading.
#[derive(Debug, Clone, PartialEq)]
pub struct Current {
    pub industry: String,
    pub month: Date,
    pub return_2y: Option<f64>,
    pub net_return_2y: Option<f64>,
    pub return_5y: Option<f64>,
    pub in_run_up: bool,
}

/// The whole result.
#[derive(Debug, Clone, PartialEq)]
pub struct Result {
    pub episodes: Vec<Episode>,
    /// Industry-months with a full horizon ahead.
    pub months_tested: usize,
    /// Of those, the share followed by a crash.
    pub unconditional_crash_share: Option<f64>,
    pub current: Vec<Current>,
}

impl Result {
    /// Episodes whose outcome is decided (crashed or survived a full horizon).
    pub fn decided(&self) -> usize {
        self.episodes.iter().filter(|e| e.crashed.is_some()).count()
    }

    pub fn crashes(&self) -> usize {
        self.episodes
            .iter()
            .filter(|e| e.crashed == Some(true))
            .count()
    }

    /// Crashes ÷ decided episodes.
    pub fn crash_share(&self) -> Option<f64> {
        let decided = self.decided();
        (decided > 0).then(|| self.crashes() as f64 / decided as f64)
    }
}

/// Compounded return over months `t+1-len ..= t`; `None` if any is missing or t is too early.
fn compounded(returns: &[Option<f64>], t: usize, len: usize) -> Option<f64> {
    if t + 1 < len {
        return None;
    }
    returns[t + 1 - len..=t]
        .iter()
        .try_fold(1.0, |acc, r| r.map(|r| acc * (1.0 + r)))
        .map(|g| g - 1.0)
}

/// (max drawdown, trough index, months seen) of the path after month t.
fn drawdown_after(
    returns: &[Option<f64>],
    t: usize,
    horizon: usize,
) -> (f64, Option<usize>, usize) {
    let mut level = 1.0_f64;
    let mut peak = 1.0_f64;
    let mut worst = 0.0_f64;
    let mut trough = None;
    let mut seen = 0;
    for (s, r) in returns.iter().enumerate().skip(t + 1).take(horizon) {
        let Some(r) = r else { break };
        level *= 1.0 + r;
        peak = peak.max(level);
        let dd = 1.0 - level / peak;
        if dd > worst {
            worst = dd;
            trough = Some(s);
        }
        seen += 1;
    }
    (worst, trough, seen)
}

/// The market's value-weighted return from industry returns and weights (market values at
/// the start of each month, e.g. firms × average firm size). A month where no industry has
/// both is missing.
pub fn value_weighted_market(
    returns: &[Vec<Option<f64>>],
    weights: &[Vec<Option<f64>>],
) -> Vec<Option<f64>> {
    let months = returns.first().map_or(0, Vec::len);
    (0..months)
        .map(|t| {
            let (mut num, mut den) = (0.0, 0.0);
            for (r, w) in returns.iter().zip(weights) {
                if let (Some(r), Some(w)) = (r[t], w[t])
                    && w > 0.0
                {
                    num += w * r;
                    den += w;
                }
            }
            (den > 0.0).then(|| num / den)
        })
        .collect()
}

/// Runs the GSY definitions on `panel`. Episodes are kept when they start within
/// `[from, to]` (inclusive; `None` = open); the unconditional rate uses the same months.
pub fn analyse(panel: &Panel, rule: &Rule, from: Option<Date>, to: Option<Date>) -> Result {
    let n = panel.months.len();
    let in_range = |t: usize| {
        let d = panel.months[t];
        from.is_none_or(|f| d >= f) && to.is_none_or(|e| d <= e)
    };
    let mut episodes = Vec::new();
    let mut months_tested = 0usize;
    let mut months_crashed = 0usize;
    let mut current = Vec::new();
    for (i, name) in panel.industries.iter().enumerate() {
        let r = &panel.returns[i];
        let mut next_allowed = 0usize;
        for t in 0..n {
            if in_range(t) {
                let (dd, _, seen) = drawdown_after(r, t, rule.horizon);
                if r[t].is_some() && (seen == rule.horizon || dd >= rule.crash) {
                    months_tested += 1;
                    if dd >= rule.crash {
                        months_crashed += 1;
                    }
                }
            }
            let (Some(r2), Some(m2), Some(r5)) = (
                compounded(r, t, 24),
                compounded(&panel.market, t, 24),
                compounded(r, t, 60),
            ) else {
                continue;
            };
            let enough_firms = rule.min_firms <= 0.0
                || panel
                    .firms
                    .as_ref()
                    .and_then(|f| f[i][t])
                    .is_some_and(|f| f >= rule.min_firms);
            let run_up = r2 > rule.two_year
                && r2 - m2 > rule.two_year
                && r5 > rule.five_year
                && enough_firms;
            if !run_up || t < next_allowed {
                continue;
            }
            next_allowed = t + rule.horizon;
            if !in_range(t) {
                continue;
            }
            let (dd, trough, seen) = drawdown_after(r, t, rule.horizon);
            let crashed = if dd >= rule.crash {
                Some(true)
            } else if seen == rule.horizon {
                Some(false)
            } else {
                None
            };
            let return_next = (t + rule.horizon < n)
                .then(|| compounded(r, t + rule.horizon, rule.horizon))
                .flatten();
            episodes.push(Episode {
                industry: name.clone(),
                start: panel.months[t],
                return_2y: r2,
                net_return_2y: r2 - m2,
                return_5y: r5,
                crashed,
                max_drawdown: dd,
                trough: trough.map(|s| panel.months[s]),
                return_next,
            });
        }
        if let Some(last) = (0..n).rev().find(|&t| r[t].is_some()) {
            let r2 = compounded(r, last, 24);
            let m2 = compounded(&panel.market, last, 24);
            let r5 = compounded(r, last, 60);
            let net = r2.zip(m2).map(|(a, b)| a - b);
            current.push(Current {
                industry: name.clone(),
                month: panel.months[last],
                return_2y: r2,
                net_return_2y: net,
                return_5y: r5,
                in_run_up: matches!((r2, net, r5), (Some(a), Some(b), Some(c))
                    if a > rule.two_year && b > rule.two_year && c > rule.five_year),
            });
        }
    }
    episodes.sort_by(|a, b| a.start.cmp(&b.start).then(a.industry.cmp(&b.industry)));
    Result {
        episodes,
        months_tested,
        unconditional_crash_share: (months_tested > 0)
            .then(|| months_crashed as f64 / months_tested as f64),
        current,
    }
}

#[cfg(test)]
mod tests {
    //! Hand-made return series: every number below is worked out from the definitions.
    use super::*;
    use jiff::civil::date;

    fn months(n: usize) -> Vec<Date> {
        (0..n)
            .map(|k| {
                date(2000, 1, 1)
                    .checked_add(jiff::Span::new().months(k as i64))
                    .unwrap()
            })
            .collect()
    }

    fn panel(industries: Vec<Vec<f64>>, market: Vec<f64>) -> Panel {
        let n = market.len();
        Panel {
            months: months(n),
            industries: (0..industries.len()).map(|i| format!("I{i}")).collect(),
            returns: industries
                .into_iter()
                .map(|r| r.into_iter().map(Some).collect())
                .collect(),
            market: market.into_iter().map(Some).collect(),
            firms: None,
        }
    }

    /// 36 flat months, 24 months at `g` a month, then `after`.
    fn run_up_path(g: f64, after: &[f64]) -> Vec<f64> {
        let mut r = vec![0.0; 36];
        r.extend(std::iter::repeat_n(g, 24));
        r.extend_from_slice(after);
        r
    }

    #[test]
    fn three_percent_a_month_is_a_run_up_and_a_45_percent_fall_a_crash() {
        // 1.03^24 = 2.0328: +103% over two years (market flat → net +103%); five years also
        // +103% > 50%. Then −45% in one month, then flat: a crash in month 61.
        let mut after = vec![-0.45];
        after.extend(vec![0.0; 30]);
        let r = run_up_path(0.03, &after);
        let n = r.len();
        let p = panel(vec![r], vec![0.0; n]);
        let out = analyse(&p, &Rule::default(), None, None);
        assert_eq!(out.episodes.len(), 1, "{:?}", out.episodes);
        let e = &out.episodes[0];
        assert_eq!(e.start, months(n)[59]); // the 24th month of growth
        assert!((e.return_2y - (1.03f64.powi(24) - 1.0)).abs() < 1e-12);
        assert_eq!(e.crashed, Some(true));
        assert!((e.max_drawdown - 0.45).abs() < 1e-12);
        assert_eq!(e.trough, Some(months(n)[60]));
        assert_eq!(out.crash_share(), Some(1.0));
    }

    #[test]
    fn just_below_100_percent_is_not_a_run_up() {
        // 1.029^24 = 1.985: +98.5%.
        let r = run_up_path(0.029, &[0.0; 30]);
        let n = r.len();
        let out = analyse(&panel(vec![r], vec![0.0; n]), &Rule::default(), None, None);
        assert!(out.episodes.is_empty());
    }

    #[test]
    fn the_market_rising_as_fast_rules_it_out() {
        // Industry +103% but the market +103% too: net 0.
        let r = run_up_path(0.03, &[0.0; 30]);
        let m = r.clone();
        let out = analyse(&panel(vec![r], m), &Rule::default(), None, None);
        assert!(out.episodes.is_empty());
    }

    #[test]
    fn a_rebound_after_a_crash_fails_the_five_year_test() {
        // −50% spread over the first 36 months, then +103%: five-year 0.5 × 2.0328 − 1 = +1.6%.
        let mut r: Vec<f64> = vec![0.5f64.powf(1.0 / 36.0) - 1.0; 36];
        r.extend(std::iter::repeat_n(0.03, 24));
        r.extend(vec![0.0; 30]);
        let n = r.len();
        let out = analyse(&panel(vec![r], vec![0.0; n]), &Rule::default(), None, None);
        assert!(out.episodes.is_empty());
    }

    #[test]
    fn no_crash_over_a_full_horizon_and_pending_at_the_end() {
        // A −30% drawdown is not a crash; an episode with 10 months left and no crash is
        // pending. The second industry's run-up continues: one episode, then 24 months
        // before another may start.
        let mut after = vec![-0.30];
        after.extend(vec![0.0; 23]);
        let survivor = run_up_path(0.03, &after);
        let n = survivor.len();
        let mut pending = vec![0.0; n - 60 - 10];
        pending.extend(std::iter::repeat_n(0.0, 36));
        pending.extend(std::iter::repeat_n(0.03, 24));
        pending.extend(vec![0.01; 10]);
        let pending = pending[pending.len() - n..].to_vec();
        let out = analyse(
            &panel(vec![survivor, pending], vec![0.0; n]),
            &Rule::default(),
            None,
            None,
        );
        assert_eq!(out.episodes.len(), 2, "{:?}", out.episodes);
        let survived = out.episodes.iter().find(|e| e.industry == "I0").unwrap();
        assert_eq!(survived.crashed, Some(false));
        assert!((survived.max_drawdown - 0.30).abs() < 1e-12);
        let open = out.episodes.iter().find(|e| e.industry == "I1").unwrap();
        assert_eq!(open.crashed, None);
        assert_eq!(out.crash_share(), Some(0.0));
        // I1's latest two years hold 14 months at 3% and 10 at 1%: 1.03^14·1.01^10 − 1 = 67%,
        // below 100%, so it is no longer in a run-up.
        let cur = out.current.iter().find(|c| c.industry == "I1").unwrap();
        let expected = 1.03f64.powi(14) * 1.01f64.powi(10) - 1.0;
        assert!((cur.return_2y.unwrap() - expected).abs() < 1e-12);
        assert!(!cur.in_run_up);
    }

    #[test]
    fn too_few_firms_rules_a_run_up_out() {
        let r = run_up_path(0.03, &[0.0; 30]);
        let n = r.len();
        let mut p = panel(vec![r], vec![0.0; n]);
        p.firms = Some(vec![vec![Some(5.0); n]]);
        let rule = Rule {
            min_firms: 10.0,
            ..Rule::default()
        };
        assert!(analyse(&p, &rule, None, None).episodes.is_empty());
        p.firms = Some(vec![vec![Some(10.0); n]]);
        assert_eq!(analyse(&p, &rule, None, None).episodes.len(), 1);
    }

    #[test]
    fn value_weights_by_market_value() {
        let r = vec![vec![Some(0.10), Some(0.0)], vec![Some(-0.10), None]];
        let w = vec![vec![Some(3.0), Some(1.0)], vec![Some(1.0), Some(1.0)]];
        let m = value_weighted_market(&r, &w);
        assert!((m[0].unwrap() - 0.05).abs() < 1e-12); // (3·0.1 − 1·0.1) / 4
        assert_eq!(m[1], Some(0.0));
    }

    #[test]
    fn unconditional_rate_counts_months_with_a_full_horizon() {
        // 30 months flat then −50% in month 30: months 6..=29 see the crash within 24 months
        // (24 of them); months 0..=5 do not and have full horizons; months after 30 with
        // fewer than 24 months ahead and no crash are not counted.
        let mut r = vec![0.0; 30];
        r.push(-0.5);
        r.extend(vec![0.0; 29]);
        let n = r.len(); // 60
        let out = analyse(&panel(vec![r], vec![0.0; n]), &Rule::default(), None, None);
        // Tested: months 0..=35 (t + 24 ≤ 59) = 36 months; crashed: 6..=29 = 24.
        assert_eq!(out.months_tested, 36);
        assert!((out.unconditional_crash_share.unwrap() - 24.0 / 36.0).abs() < 1e-12);
    }
}
