//! Judging a value: its status against thresholds, its percentile in its own history, and the
//! verdict on the seed's claim.

use super::def::{Direction, Thresholds, VerdictRule};
use crate::series::Date;
pub use crate::vocab::{Note, Status, Verdict};

/// The status of `value` against `thresholds`.
pub fn status(value: f64, thresholds: &Thresholds, direction: Direction) -> Status {
    let reached = |level: Option<f64>| match (level, direction) {
        (Some(t), Direction::HigherIsWorse) => value >= t,
        (Some(t), Direction::LowerIsWorse) => value <= t,
        (None, _) => false,
    };
    if reached(thresholds.critical) {
        Status::Critical
    } else if reached(thresholds.warning) {
        Status::Warning
    } else if reached(thresholds.watch) {
        Status::Watch
    } else {
        Status::Ok
    }
}

/// Minimum history for a percentile to mean anything.
pub const MIN_HISTORY: usize = 24;

/// The share (0-100) of the history at or below `value`: the plain empirical percentile rank
/// (ties count as at-or-below). `None` with fewer than [`MIN_HISTORY`] points.
pub fn raw_percentile(history: &[(Date, f64)], value: f64) -> Option<f64> {
    if history.len() < MIN_HISTORY {
        return None;
    }
    let at_or_below = history.iter().filter(|p| p.1 <= value).count();
    Some(100.0 * at_or_below as f64 / history.len() as f64)
}

/// The percentile oriented so that higher means more vulnerable.
pub fn percentile(history: &[(Date, f64)], value: f64, direction: Direction) -> Option<f64> {
    if history.len() < MIN_HISTORY {
        return None;
    }
    let n = history.len() as f64;
    let count = match direction {
        Direction::HigherIsWorse => history.iter().filter(|p| p.1 <= value).count(),
        Direction::LowerIsWorse => history.iter().filter(|p| p.1 >= value).count(),
    };
    Some(100.0 * count as f64 / n)
}

/// The verdict on the claim and the reason, in plain words (English and Chinese).
/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `93rd` (a percentile rounded to an integer).
pub fn ordinal(value: f64) -> String {
    let n = value.round() as i64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub fn verdict(rule: &VerdictRule, value: f64, raw_pct: Option<f64>) -> (Verdict, Note) {
    let v = format_number(value);
    match rule {
        VerdictRule::Cited {
            verdict,
            note,
            note_zh,
        } => (*verdict, Note::new(note.clone(), note_zh.clone())),
        VerdictRule::AtLeast {
            claim,
            tolerance_pct,
        } => {
            let c = format_number(*claim);
            if value < *claim {
                (
                    Verdict::Wrong,
                    Note::new(
                        format!("the data say {v}, below the claimed {c}"),
                        format!("数据为{v}，低于所称的{c}"),
                    ),
                )
            } else if value <= claim * (1.0 + tolerance_pct / 100.0) {
                (
                    Verdict::Holds,
                    Note::new(
                        format!("the data say {v}, at or just above the claimed {c}"),
                        format!("数据为{v}，等于或略高于所称的{c}"),
                    ),
                )
            } else {
                (
                    Verdict::Outdated,
                    Note::new(
                        format!(
                            "the data say {v}: the claimed {c} was passed and the number has moved on"
                        ),
                        format!("数据为{v}：所称的{c}早已被突破，数字已经过时"),
                    ),
                )
            }
        }
        VerdictRule::Approx {
            claim,
            tolerance_pct,
            otherwise,
        } => {
            let c = format_number(*claim);
            let gap = 100.0 * (value - claim).abs() / claim.abs().max(f64::MIN_POSITIVE);
            if gap <= *tolerance_pct {
                (
                    Verdict::Holds,
                    Note::new(
                        format!("the data say {v}, within {tolerance_pct}% of the claimed {c}"),
                        format!("数据为{v}，与所称的{c}相差不超过{tolerance_pct}%"),
                    ),
                )
            } else {
                let verdict = if gap <= 2.0 * tolerance_pct {
                    Verdict::Approx
                } else {
                    otherwise.unwrap_or(Verdict::Wrong)
                };
                (
                    verdict,
                    Note::new(
                        format!("the data say {v}, {gap:.0}% away from the claimed {c}"),
                        format!("数据为{v}，与所称的{c}相差{gap:.0}%"),
                    ),
                )
            }
        }
        VerdictRule::Above { threshold } => {
            let t = format_number(*threshold);
            if value > *threshold {
                (
                    Verdict::Holds,
                    Note::new(
                        format!("the data say {v}, above {t}"),
                        format!("数据为{v}，高于{t}"),
                    ),
                )
            } else {
                (
                    Verdict::Wrong,
                    Note::new(
                        format!("the data say {v}, not above {t}"),
                        format!("数据为{v}，并未高于{t}"),
                    ),
                )
            }
        }
        VerdictRule::Below { threshold } => {
            let t = format_number(*threshold);
            if value < *threshold {
                (
                    Verdict::Holds,
                    Note::new(
                        format!("the data say {v}, below {t}"),
                        format!("数据为{v}，低于{t}"),
                    ),
                )
            } else {
                (
                    Verdict::Wrong,
                    Note::new(
                        format!("the data say {v}, not below {t}"),
                        format!("数据为{v}，并未低于{t}"),
                    ),
                )
            }
        }
        VerdictRule::BelowPercentile { pct } => match raw_pct {
            Some(p) if p < *pct => (
                Verdict::Holds,
                Note::new(
                    format!(
                        "{v} is at the {} percentile of its own levels, low to high (below the {})",
                        ordinal(p),
                        ordinal(*pct)
                    ),
                    format!("{v}处于自身历史水平由低到高的第{p:.0}百分位（低于第{pct:.0}百分位）"),
                ),
            ),
            Some(p) => (
                Verdict::Wrong,
                Note::new(
                    format!(
                        "{v} is at the {} percentile of its own levels, low to high: not a historic low",
                        ordinal(p)
                    ),
                    format!("{v}处于自身历史水平由低到高的第{p:.0}百分位，并非历史低位"),
                ),
            ),
            None => (
                Verdict::Unverified,
                Note::new(
                    "not enough history to rank the value",
                    "历史数据不足，无法排位",
                ),
            ),
        },
        VerdictRule::Forecast {
            trigger,
            consequence,
            consequence_zh,
            ..
        } => {
            let t = format_number(*trigger);
            let crossed = trigger_reached(rule, value) == Some(true);
            if crossed && !consequence.is_empty() {
                // A conditional claim: the trigger is not the claim; its consequence is not
                // in the check's data, so the claim stays a forecast (docs/verdicts.md).
                let c_zh = if consequence_zh.is_empty() {
                    consequence
                } else {
                    consequence_zh
                };
                (
                    Verdict::Forecast,
                    Note::new(
                        format!(
                            "forecast, trigger reached: {v} reached the trigger {t}; the consequence ({consequence}) is not seen in these data"
                        ),
                        format!(
                            "预测，触发值已达到：当前{v}已达到触发值{t}；其后果（{c_zh}）在这些数据中尚未出现"
                        ),
                    ),
                )
            } else if crossed {
                (
                    Verdict::Holds,
                    Note::new(
                        format!("the trigger {t} has been reached ({v})"),
                        format!("已达到触发值{t}（当前{v}）"),
                    ),
                )
            } else {
                (
                    Verdict::Forecast,
                    Note::new(
                        format!("not triggered: {v} vs the trigger {t}"),
                        format!("尚未触发：当前{v}，触发值{t}"),
                    ),
                )
            }
        }
        VerdictRule::Monitor { note, note_zh } => {
            (Verdict::Forecast, Note::new(note.clone(), note_zh.clone()))
        }
        // Decided by the study on the stored data (`checks::from_computed`); a lone value
        // cannot decide it.
        VerdictRule::EventStudy { study } => (
            Verdict::Unverified,
            Note::new(
                format!("decided by the event study {study}, which has no data here"),
                format!("由事件研究{study}判定，此处没有其所需数据"),
            ),
        ),
    }
}

/// For a `forecast` rule, whether `value` has reached its trigger in the claim's direction;
/// `None` for every other rule.
pub fn trigger_reached(rule: &VerdictRule, value: f64) -> Option<bool> {
    match rule {
        VerdictRule::Forecast {
            trigger, direction, ..
        } => Some(match direction {
            Direction::HigherIsWorse => value >= *trigger,
            Direction::LowerIsWorse => value <= *trigger,
        }),
        _ => None,
    }
}

/// Whether the data decide the rule's verdict (not a cited verdict, a monitor note or an
/// event study, which have their own deciders).
pub fn data_decided(rule: &VerdictRule) -> bool {
    !matches!(
        rule,
        VerdictRule::Cited { .. } | VerdictRule::Monitor { .. } | VerdictRule::EventStudy { .. }
    )
}

/// A number with sensible precision for reports.
pub fn format_number(v: f64) -> String {
    let a = v.abs();
    if a >= 1000.0 {
        format!("{v:.0}")
    } else if a >= 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn th(w: f64, wa: f64, c: f64) -> Thresholds {
        Thresholds {
            watch: Some(w),
            warning: Some(wa),
            critical: Some(c),
        }
    }

    #[test]
    fn status_levels_are_inclusive() {
        let t = th(4.5, 4.75, 5.0);
        assert_eq!(status(4.49, &t, Direction::HigherIsWorse), Status::Ok);
        assert_eq!(status(4.5, &t, Direction::HigherIsWorse), Status::Watch);
        assert_eq!(status(4.75, &t, Direction::HigherIsWorse), Status::Warning);
        assert_eq!(status(5.0, &t, Direction::HigherIsWorse), Status::Critical);
        let low = th(20.0, 15.0, 12.0);
        assert_eq!(status(25.0, &low, Direction::LowerIsWorse), Status::Ok);
        assert_eq!(
            status(12.0, &low, Direction::LowerIsWorse),
            Status::Critical
        );
    }

    #[test]
    fn percentile_is_oriented() {
        let hist: Vec<_> = (1..=100)
            .map(|i| (date(2000, 1, 1), f64::from(i)))
            .collect();
        assert_eq!(
            percentile(&hist, 90.0, Direction::HigherIsWorse),
            Some(90.0)
        );
        // 90 or more: 11 of 100 values.
        assert_eq!(percentile(&hist, 90.0, Direction::LowerIsWorse), Some(11.0));
        assert_eq!(percentile(&hist[..10], 5.0, Direction::HigherIsWorse), None);
    }

    #[test]
    fn debt_claim_is_outdated_once_passed_by_far() {
        let rule = VerdictRule::AtLeast {
            claim: 36.0,
            tolerance_pct: 3.0,
        };
        assert_eq!(verdict(&rule, 36.5, None).0, Verdict::Holds);
        assert_eq!(verdict(&rule, 38.02, None).0, Verdict::Outdated);
        assert_eq!(verdict(&rule, 35.0, None).0, Verdict::Wrong);
    }

    #[test]
    fn vix_at_historic_lows_is_judged_by_rank() {
        let rule = VerdictRule::BelowPercentile { pct: 20.0 };
        assert_eq!(verdict(&rule, 12.0, Some(8.0)).0, Verdict::Holds);
        assert_eq!(verdict(&rule, 25.0, Some(80.0)).0, Verdict::Wrong);
        assert_eq!(verdict(&rule, 25.0, None).0, Verdict::Unverified);
    }

    #[test]
    fn forecast_holds_once_triggered() {
        let rule = VerdictRule::Forecast {
            trigger: 5.0,
            direction: Direction::HigherIsWorse,
            consequence: String::new(),
            consequence_zh: String::new(),
        };
        assert_eq!(verdict(&rule, 4.2, None).0, Verdict::Forecast);
        assert_eq!(verdict(&rule, 5.0, None).0, Verdict::Holds);
    }

    /// Class "conditional claim judged on its trigger" (issue 22): generated triggers and
    /// values on both sides, both directions: a claim with a consequence never holds on its
    /// trigger alone, and says when the trigger is reached.
    #[test]
    fn a_conditional_claim_never_holds_on_its_trigger_alone() {
        for direction in [Direction::HigherIsWorse, Direction::LowerIsWorse] {
            for trigger in [-10.0, -1.0, 0.5, 5.0, 8.0] {
                let rule = VerdictRule::Forecast {
                    trigger,
                    direction,
                    consequence: "Y happens".into(),
                    consequence_zh: "Y发生".into(),
                };
                for step in [-3.0, -0.1, 0.0, 0.1, 3.0] {
                    let value = trigger + step;
                    let (v, note) = verdict(&rule, value, None);
                    assert_eq!(v, Verdict::Forecast, "{trigger} {value}");
                    let reached = trigger_reached(&rule, value).unwrap();
                    assert_eq!(note.en.starts_with("forecast, trigger reached"), reached);
                }
            }
        }
    }

    #[test]
    fn ordinals_in_english() {
        let got: Vec<String> = [
            1.0, 2.0, 3.0, 4.0, 11.0, 12.0, 13.0, 21.0, 39.4, 92.6, 100.0,
        ]
        .into_iter()
        .map(ordinal)
        .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "39th", "93rd", "100th"
            ]
        );
    }
}
