//! The skill of a warning signal against a monthly event label: AUROC (Mann-Whitney), hit
//! rate, false-alarm rate and median lead time.
//!
//! Months are plain integers (`year * 12 + month - 1`, see [`crate::series::month_index`]) so that
//! "twelve months before" is a subtraction.

/// One month of a signal: its value (`None` when the signal has no value that month), whether
/// it is at its alarm level, and the event label (`None` when the data cannot tell yet).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignalMonth {
    pub month: i32,
    pub value: Option<f64>,
    pub alarm: bool,
    pub label: Option<bool>,
}

/// How a signal fared against a set of events.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSkill {
    /// Events with at least one month of signal in the twelve months before their start.
    pub scorable: usize,
    /// Of those, events with at least one alarm month in those twelve months.
    pub hits: usize,
    /// For each hit, months from the first alarm in the window to the event's start.
    pub leads: Vec<i32>,
}

/// The window before an event in which an alarm counts as a warning, in months.
pub const WARNING_WINDOW: i32 = 12;

/// Hits and lead times of `months` against events starting in `event_starts` (month
/// indexes). An event starting in month `s` is hit when some month in `[s − 12, s − 1]` is at
/// its alarm level; the lead is `s` minus the first such month.
pub fn event_skill(months: &[SignalMonth], event_starts: &[i32]) -> EventSkill {
    let mut skill = EventSkill {
        scorable: 0,
        hits: 0,
        leads: Vec::new(),
    };
    for &start in event_starts {
        let window: Vec<&SignalMonth> = months
            .iter()
            .filter(|m| m.value.is_some())
            .filter(|m| m.month >= start - WARNING_WINDOW && m.month < start)
            .collect();
        if window.is_empty() {
            continue;
        }
        skill.scorable += 1;
        if let Some(first_alarm) = window.iter().filter(|m| m.alarm).map(|m| m.month).min() {
            skill.hits += 1;
            skill.leads.push(start - first_alarm);
        }
    }
    skill
}

/// The share of alarm months (with a value and a known label) not followed by an event:
/// `None` when the signal never alarmed.
pub fn false_alarm_rate(months: &[SignalMonth]) -> Option<f64> {
    let alarm_labels: Vec<bool> = months
        .iter()
        .filter(|m| m.value.is_some() && m.alarm)
        .filter_map(|m| m.label)
        .collect();
    if alarm_labels.is_empty() {
        return None;
    }
    let false_alarms = alarm_labels.iter().filter(|l| !**l).count();
    Some(false_alarms as f64 / alarm_labels.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::classify::auroc;

    fn month(month: i32, value: f64, alarm: bool, label: bool) -> SignalMonth {
        SignalMonth {
            month,
            value: Some(value),
            alarm,
            label: Some(label),
        }
    }

    #[test]
    fn perfect_reversed_and_tied_rankings() {
        let perfect = [(0.9, true), (0.8, true), (0.3, false), (0.1, false)];
        assert_eq!(auroc(&perfect), Some(1.0));
        let reversed = [(0.1, true), (0.2, true), (0.8, false), (0.9, false)];
        assert_eq!(auroc(&reversed), Some(0.0));
        let all_tied = [(5.0, true), (5.0, false), (5.0, false), (5.0, true)];
        assert_eq!(auroc(&all_tied), Some(0.5));
    }

    /// Hand count: positives {3, 5, 7}, negatives {1, 3, 4, 6}. Pairs where the positive is
    /// higher: 3 beats 1 (1) and ties 3 (½); 5 beats 1, 3, 4 (3); 7 beats all four (4).
    /// U = 1 + ½ + 3 + 4 = 8.5; AUROC = 8.5 / (3 · 4) = 0.708333…
    #[test]
    fn small_sample_matches_the_hand_computed_mann_whitney_u() {
        let sample = [
            (3.0, true),
            (5.0, true),
            (7.0, true),
            (1.0, false),
            (3.0, false),
            (4.0, false),
            (6.0, false),
        ];
        let got = auroc(&sample).unwrap();
        assert!((got - 8.5 / 12.0).abs() < 1e-12, "{got}");
    }

    #[test]
    fn auroc_needs_both_classes() {
        assert_eq!(auroc(&[(1.0, true), (2.0, true)]), None);
        assert_eq!(auroc(&[]), None);
    }

    /// Events start in months 20 and 40. Alarms at 7 (too early for 20: window is 8..=19),
    /// 15 and 17: event 20 is hit with lead 20 − 15 = 5. Nothing alarms in 28..=39: event 40
    /// is missed. Event 100 has no signal months in its window: not scorable.
    #[test]
    fn hits_and_leads_follow_the_twelve_month_window() {
        let months: Vec<SignalMonth> = (0..50)
            .map(|m| month(m, 0.0, matches!(m, 7 | 15 | 17), false))
            .collect();
        let skill = event_skill(&months, &[20, 40, 100]);
        assert_eq!(skill.scorable, 2);
        assert_eq!(skill.hits, 1);
        assert_eq!(skill.leads, vec![5]);
    }

    #[test]
    fn an_alarm_in_the_start_month_is_too_late() {
        let months = [month(19, 0.0, false, true), month(20, 1.0, true, false)];
        let skill = event_skill(&months, &[20]);
        assert_eq!((skill.scorable, skill.hits), (1, 0));
    }

    #[test]
    fn false_alarms_are_alarm_months_without_an_event_ahead() {
        let months = [
            month(0, 1.0, true, true),
            month(1, 1.0, true, false),
            month(2, 1.0, true, false),
            month(3, 1.0, true, false),
            month(4, 0.0, false, false),
            SignalMonth {
                month: 5,
                value: Some(1.0),
                alarm: true,
                label: None,
            },
        ];
        assert_eq!(false_alarm_rate(&months), Some(0.75));
        assert_eq!(false_alarm_rate(&months[4..5]), None);
    }
}
