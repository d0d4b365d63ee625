//! The verdict rules that sit above a rule's verdict on one value (docs/verdicts.md, issue 22):
//!
//! - **Period**: a claim about a period ([`super::def::Claim::period`]) is judged on the value
//!   dated within that period, never on a later one; before the period is reported it is a
//!   forecast; a forecast whose period ended without reaching its trigger is wrong.
//! - **Basis of the threshold**: a claim stated on another basis than the data's
//!   ([`super::def::Claim::basis`]) cannot be decided by them: `unverified`, saying why.
//! - **Stale data and a cited fallback**: the cited verdict is used only where it does not
//!   contradict what the check's own rule says on the value shown; otherwise `unverified`
//!   with both.
//! - **Basis between then and now**: [`same_basis`] tells whether a claim was judged on the
//!   same series at publication and today (copies of one series count as the same).

use super::def::{CheckDef, Claim, VerdictRule};
use super::judge::{self, Note, Verdict};
use super::{CheckResult, DataOrigin, compute_freshest};
use crate::series::{Dataset, Date};
use crate::snapshot::Snapshot;

impl Claim {
    /// The first and last day of [`Claim::period`] (checked when definitions are parsed).
    pub fn period(&self) -> Option<(Date, Date)> {
        let [a, b] = self.period.as_ref()?;
        Some((crate::series::parse_date(a)?, crate::series::parse_date(b)?))
    }
}

/// Judges a stored result's claim on its period, if the claim names one.
pub fn apply_period(
    def: &CheckDef,
    data: &Dataset,
    snapshot: &Snapshot,
    as_of: Date,
    result: &mut CheckResult,
) {
    let Some((start, end)) = def.claim.period() else {
        return;
    };
    if result.data != DataOrigin::Stored || !judge::data_decided(&def.claim.rule) {
        return;
    }
    let at = end.min(as_of);
    // The stored value dated in the period, else the cited figure for it.
    let within = compute_freshest(def, data, at)
        .ok()
        .map(|(c, _)| (c.date, c.value, judge::raw_percentile(&c.history, c.value)))
        .filter(|c| c.0 >= start)
        .or_else(|| {
            super::snapshot_fact(def, snapshot)
                .filter(|f| f.as_of >= start && f.as_of <= at)
                .map(|f| (f.as_of, f.value, None))
        });
    let Some((c_date, c_value, c_pct)) = within else {
        (result.verdict, result.verdict_note) = if as_of < end {
            (
                Verdict::Forecast,
                Note::new(
                    format!("the claim is about {start} to {end}, not yet reported"),
                    format!("该观点针对{start}至{end}，相关数据尚未发布"),
                ),
            )
        } else {
            (
                Verdict::Unverified,
                Note::new(
                    format!(
                        "no value dated within {start} to {end}, the period the claim is about"
                    ),
                    format!("没有{start}至{end}（观点所指期间）内的数据"),
                ),
            )
        };
        result.trigger_reached = None;
        return;
    };
    let (mut verdict, note) = judge::verdict(&def.claim.rule, c_value, c_pct);
    let reached = judge::trigger_reached(&def.claim.rule, c_value);
    let mut note = Note::new(
        format!(
            "on {c_date} (the claim is about {start} to {end}): {}",
            note.en
        ),
        format!("按{c_date}的数据（观点针对{start}至{end}）：{}", note.zh),
    );
    if let VerdictRule::Forecast { consequence, .. } = &def.claim.rule
        && reached == Some(false)
        && as_of >= end
    {
        (verdict, note) = if consequence.is_empty() {
            (
                Verdict::Wrong,
                Note::new(
                    format!("{}; the period ended without reaching the trigger", note.en),
                    format!("{}；该期间结束时仍未达到触发值", note.zh),
                ),
            )
        } else {
            // "If X, then Y" with no X in the period: the claim was not put to the test.
            (
                Verdict::Unverified,
                Note::new(
                    format!(
                        "{}; the trigger was not reached in the period, so the claim was not tested",
                        note.en
                    ),
                    format!("{}；该期间内未达到触发值，观点未经检验", note.zh),
                ),
            )
        };
    }
    result.verdict = verdict;
    result.verdict_note = note;
    result.trigger_reached = reached;
}

/// A claim stated on another basis than the data's: the data do not decide it.
pub fn apply_basis(def: &CheckDef, result: &mut CheckResult) {
    let Some(basis) = &def.claim.basis else {
        return;
    };
    if result.value.is_none() || !judge::data_decided(&def.claim.rule) {
        return;
    }
    let zh = |zh: &str, en: &str| {
        if zh.is_empty() {
            en.to_string()
        } else {
            zh.to_string()
        }
    };
    result.verdict = Verdict::Unverified;
    result.verdict_note = Note::new(
        format!(
            "the claim's threshold is stated {}, the data are {}: they cannot decide it (on the data's basis: {})",
            basis.claim, basis.data, result.verdict_note.en
        ),
        format!(
            "观点的阈值基于{}，而数据基于{}：数据无法判定（按数据口径：{}）",
            zh(&basis.claim_zh, &basis.claim),
            zh(&basis.data_zh, &basis.data),
            result.verdict_note.zh
        ),
    );
}

/// Stale data with a cited fallback verdict: the fallback stands where it agrees with the
/// rule's verdict on the value shown (or the rule is not decided by data); otherwise the
/// claim is `unverified` and both are said.
pub fn apply_fallback(def: &CheckDef, result: &mut CheckResult, as_of: Date) {
    let (true, Some(fallback)) = (result.stale, &def.claim.fallback) else {
        return;
    };
    let through = result.data_through.map_or(String::new(), |d| d.to_string());
    let contradicts = judge::data_decided(&def.claim.rule)
        && result.value.is_some()
        && fallback.verdict != result.verdict;
    if contradicts {
        let (rule_en, rule_zh) = (
            result.verdict_note.en.clone(),
            result.verdict_note.zh.clone(),
        );
        let rule_verdict = result.verdict.name();
        result.verdict = Verdict::Unverified;
        result.verdict_note = Note::new(
            format!(
                "the data used (through {through}) say: {rule_en}, which the rule judges {}; too old to judge the claim on {as_of}; a newer cited figure on another measure: {}",
                rule_verdict, fallback.note
            ),
            format!(
                "所用数据（截至{through}）显示：{rule_zh}；过于陈旧，无法判定{as_of}时的观点；较新的引用数据（另一口径）：{}",
                fallback.note_zh
            ),
        );
        return;
    }
    result.verdict = fallback.verdict;
    result.verdict_note = Note::new(
        format!(
            "{} (the data used end {through}, too old to judge the claim on {as_of})",
            fallback.note
        ),
        format!(
            "{}（所用数据截至{through}，过于陈旧，无法判定{as_of}时的观点）",
            fallback.note_zh
        ),
    );
}

/// A series id without a carrier's prefix: copies of one series are one basis.
fn base_id(id: &str) -> &str {
    id.strip_prefix("GHALAM_").unwrap_or(id)
}

/// Whether two results of one check were computed on the same basis: the same series (up to
/// copies), or sources the definition declares equivalent (`[[check.alternative]]`).
pub fn same_basis(def: &CheckDef, then: &CheckResult, now: &CheckResult) -> bool {
    if then.data != DataOrigin::Stored || now.data != DataOrigin::Stored {
        return true;
    }
    fn ids(r: &CheckResult) -> Vec<&str> {
        let mut v: Vec<&str> = r.sources.iter().map(|s| base_id(&s.id)).collect();
        v.sort_unstable();
        v
    }
    if ids(then) == ids(now) {
        return true;
    }
    let declared = |r: &CheckResult| {
        r.sources
            .iter()
            .all(|s| def.alternatives.iter().any(|a| a.series.contains(&s.id)))
    };
    declared(then) || declared(now)
}

/// The dataset restricted to the series a result read: its basis.
pub fn basis_data(data: &Dataset, result: &CheckResult) -> Dataset {
    let mut out = Dataset::default();
    for s in &result.sources {
        if let Some(series) = data.get(&s.id) {
            out.insert(series.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    //! One test per class of issue 22, each over every built-in definition where the class can
    //! occur, with generated values on both sides of each rule.
    use super::*;
    use crate::checks::def::{builtin_defs, parse_defs};
    use crate::checks::{Missing, evaluate_one, judge_at_publication};
    use crate::series::{Series, SeriesMeta};
    use jiff::civil::date;

    /// Values around a rule's number: on both sides, near and far.
    fn around(rule: &VerdictRule) -> Vec<f64> {
        let x = match rule {
            VerdictRule::AtLeast { claim, .. } | VerdictRule::Approx { claim, .. } => *claim,
            VerdictRule::Above { threshold } | VerdictRule::Below { threshold } => *threshold,
            VerdictRule::Forecast { trigger, .. } => *trigger,
            _ => 0.0,
        };
        [
            -3.0, -1.2, -1.0, -0.5, -0.01, 0.0, 0.01, 0.05, 0.5, 1.0, 3.0,
        ]
        .iter()
        .map(|f| x + f * x.abs().max(1.0))
        .collect()
    }

    fn stored(def: &CheckDef, value: f64) -> CheckResult {
        let mut r = super::super::no_data(def, Missing::EmptySeries);
        let (verdict, note) = judge::verdict(&def.claim.rule, value, None);
        r.value = Some(value);
        r.data = DataOrigin::Stored;
        r.data_through = Some(date(2023, 4, 1));
        r.verdict = verdict;
        r.verdict_note = note;
        r
    }

    fn opposite(a: Verdict, b: Verdict) -> bool {
        let bad = |v| matches!(v, Verdict::Wrong | Verdict::Outdated);
        (a == Verdict::Holds && bad(b)) || (bad(a) && b == Verdict::Holds)
    }

    /// Class 1: a verdict contradicting its own rule (`cons_k_shape_wealth` −42.2 yet
    /// "holds"). Every built-in definition with a data-decided rule, with its own fallback
    /// or either cited fallback, stale data, values on both sides: the verdict shown is never
    /// the opposite of what the rule says on the value shown.
    #[test]
    fn a_verdict_never_contradicts_its_own_rule_on_the_value_shown() {
        let mut fallbacks_seen = 0;
        for def in builtin_defs()
            .into_iter()
            .filter(|d| judge::data_decided(&d.claim.rule))
        {
            let mut variants = vec![def.clone()];
            for verdict in [Verdict::Holds, Verdict::Wrong] {
                let mut d = def.clone();
                d.claim.fallback = Some(super::super::def::CitedVerdict {
                    verdict,
                    note: "a cited figure".into(),
                    note_zh: "引用数据".into(),
                });
                variants.push(d);
            }
            fallbacks_seen += usize::from(def.claim.fallback.is_some());
            for d in &variants {
                for value in around(&d.claim.rule) {
                    let rule_says = judge::verdict(&d.claim.rule, value, None).0;
                    let mut r = stored(d, value);
                    r.stale = true;
                    apply_fallback(d, &mut r, date(2026, 12, 7));
                    assert!(
                        !opposite(rule_says, r.verdict),
                        "{}: {value} gives {rule_says:?} by the rule, shown {:?}",
                        d.id,
                        r.verdict
                    );
                }
            }
        }
        assert!(fallbacks_seen >= 1, "the built-in fallbacks were tested");
        // The named instance.
        let k = builtin_defs()
            .into_iter()
            .find(|d| d.id == "cons_k_shape_wealth")
            .unwrap();
        let mut r = stored(&k, -42.2);
        r.stale = true;
        apply_fallback(&k, &mut r, date(2026, 12, 7));
        assert_eq!(r.verdict, Verdict::Unverified, "{}", r.verdict_note.en);
        assert!(
            r.verdict_note.en.contains("not above 0"),
            "{}",
            r.verdict_note.en
        );
    }

    /// Forecast rules whose trigger *is* the claim (a level forecast), reviewed one by one;
    /// every other forecast rule must name its consequence (class 3).
    const LEVEL_FORECASTS: [(&str, &str); 4] = [
        (
            "fiscal_inflation_path",
            "'markets expect inflation': the breakeven level is the expectation",
        ),
        (
            "zombie_hy_yield",
            "'financing will cost 8% or more in 2026': the yield is the cost",
        ),
        (
            "mkt_small_vs_large",
            "'small caps will be the first casualties': their fall against large caps is the claim",
        ),
        (
            "usd_reserve_share",
            "'the dollar is losing its premium': the share's fall is the claim (on another basis: class 6)",
        ),
    ];

    /// Class 3: conditional claims judged "holds" on their trigger alone. Every built-in
    /// forecast rule either is a reviewed level forecast or names its consequence, and a
    /// claim with a consequence never holds on any generated value.
    #[test]
    fn conditional_claims_never_hold_on_their_trigger() {
        let mut conditional = 0;
        for def in builtin_defs() {
            let VerdictRule::Forecast { consequence, .. } = &def.claim.rule else {
                continue;
            };
            if consequence.is_empty() {
                assert!(
                    LEVEL_FORECASTS.iter().any(|(id, _)| *id == def.id),
                    "{}: a forecast rule without a consequence must be reviewed as a level forecast",
                    def.id
                );
                continue;
            }
            conditional += 1;
            for value in around(&def.claim.rule) {
                let (v, note) = judge::verdict(&def.claim.rule, value, None);
                assert_eq!(v, Verdict::Forecast, "{} at {value}: {}", def.id, note.en);
                if judge::trigger_reached(&def.claim.rule, value) == Some(true) {
                    assert!(
                        note.en.starts_with("forecast, trigger reached"),
                        "{}",
                        note.en
                    );
                }
            }
        }
        assert!(
            conditional >= 3,
            "cons_unemployment, cons_sahm_rule, fiscal_30y_5pct"
        );
    }

    /// Whether a claim's text names a period: a quarter, a year or a month.
    fn names_a_period(text: &str) -> bool {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May ",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let words: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words.iter().any(|w| {
            matches!(*w, "Q1" | "Q2" | "Q3" | "Q4")
                || (w.len() == 4 && w.starts_with("20") && w.chars().all(|c| c.is_ascii_digit()))
        }) || MONTHS.iter().any(|m| text.contains(m))
    }

    /// Claims whose text names a period but that are not about the value in it, reviewed.
    const PERIOD_EXEMPT: [(&str, &str); 10] = [
        (
            "ai_hsbc_funding_gap",
            "a cited projection to 2030, judged as the projection it is",
        ),
        (
            "ai_oracle_2030",
            "a cited target for 2030, judged as the target it is",
        ),
        (
            "cons_k_shape_wealth",
            "2019 is the index base, not the period judged",
        ),
        ("mkt_small_vs_large", "Russell 2000 is an index's name"),
        (
            "ai_global_spend",
            "the series is itself Gartner's figure for 2026, published before it",
        ),
        (
            "zombie_refi_shock",
            "a model on today's yields of what refinancing costs when the debt matures in 2026",
        ),
        (
            "zombie_r2k_unprofitable",
            "2008 and 2020 are comparisons, not the period judged",
        ),
        ("cons_delinquency", "'highest since 2012' is a comparison"),
        (
            "ai_oracle_mcap_loss",
            "a cited loss from 10 September to the seed's date",
        ),
        (
            "ai_nvda_openai_100b",
            "a cited commitment announced in September",
        ),
    ];

    /// Class 4: a claim about one period judged on a later one. Every built-in claim whose
    /// text names a period declares it (or is reviewed as exempt); and a generated claim
    /// about a quarter is judged on that quarter's value, however much later the audit runs.
    #[test]
    fn a_claim_about_a_period_is_judged_on_that_period() {
        for def in builtin_defs()
            .into_iter()
            .filter(|d| judge::data_decided(&d.claim.rule))
        {
            if names_a_period(&def.claim.text) && def.claim.period.is_none() {
                assert!(
                    PERIOD_EXEMPT.iter().any(|(id, _)| *id == def.id),
                    "{}: the claim names a period ({:?}) but declares none",
                    def.id,
                    def.claim.text
                );
            }
        }
        let toml = |period: &str| {
            format!(
                r#"[[check]]
id = "q3"
module = "ai"
title = "t"
unit = "USD bn"
compute = "latest"
series = ["REV"]
direction = "higher_is_worse"
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "003"
text = "Q3 revenue was 57"
rule = {{ kind = "approx", claim = 57.0, tolerance_pct = 2.0, otherwise = "outdated" }}
{period}
"#
            )
        };
        let def = parse_defs("t.toml", &toml(r#"period = ["2025-07-28", "2025-10-26"]"#))
            .unwrap()
            .remove(0);
        for later in [60.0, 81.6, 120.0, 20.0] {
            let mut data = Dataset::default();
            data.insert(Series::new(
                SeriesMeta {
                    id: "REV".into(),
                    ..SeriesMeta::default()
                },
                vec![
                    (date(2025, 4, 27), 44.1),
                    (date(2025, 10, 26), 57.0),
                    (date(2026, 1, 25), later),
                ],
            ));
            let r = evaluate_one(&def, &data, &Snapshot::default(), date(2026, 12, 7));
            assert_eq!(r.value, Some(later), "the check's value stays the latest");
            assert_eq!(r.verdict, Verdict::Holds, "{later}: {}", r.verdict_note.en);
            // Before the quarter is reported: a forecast, not a verdict on the quarter before.
            let r = evaluate_one(&def, &data, &Snapshot::default(), date(2025, 9, 1));
            assert_eq!(r.verdict, Verdict::Forecast, "{}", r.verdict_note.en);
            // The same claim without its period is judged on the later quarter.
            let loose = parse_defs("t.toml", &toml("")).unwrap().remove(0);
            let r = evaluate_one(&loose, &data, &Snapshot::default(), date(2026, 12, 7));
            assert_ne!(r.verdict, Verdict::Holds);
        }
    }

    /// Class 6: a threshold stated on one basis applied to data on another. Every built-in
    /// claim whose definition says its threshold is at constant exchange rates (or another
    /// basis the data lack) declares `claim.basis`, and the data then never decide it.
    #[test]
    fn a_threshold_on_another_basis_does_not_decide_the_claim() {
        let mut declared = 0;
        for def in builtin_defs()
            .into_iter()
            .filter(|d| judge::data_decided(&d.claim.rule))
        {
            let text = format!("{} {} {}", def.threshold_origin, def.limits, def.claim.text)
                .to_lowercase();
            let other_basis = ["constant fx", "constant-fx", "constant exchange"]
                .iter()
                .any(|k| text.contains(k));
            if other_basis {
                assert!(def.claim.basis.is_some(), "{}: declare claim.basis", def.id);
            }
            if def.claim.basis.is_some() {
                declared += 1;
                for value in around(&def.claim.rule) {
                    let mut r = stored(&def, value);
                    apply_basis(&def, &mut r);
                    assert_eq!(r.verdict, Verdict::Unverified, "{} at {value}", def.id);
                }
            }
        }
        assert!(declared >= 1, "usd_reserve_share");
    }

    /// Class 5: a verdict changing basis between then and now. A generated check over two
    /// series that are not copies (A, then B fresher): today's claim is judged on the series
    /// the claim was judged on at publication.
    #[test]
    fn the_basis_judged_at_publication_is_kept_today() {
        let defs = parse_defs(
            "t.toml",
            r#"[[check]]
id = "two"
module = "fiscal"
title = "t"
unit = "%"
compute = "latest"
series = ["A", "B"]
direction = "higher_is_worse"
what = "w"
why = "w"
how = "h"
limits = "l"
[check.claim]
seed = "003"
text = "above 1"
rule = { kind = "above", threshold = 1.0 }
"#,
        )
        .unwrap();
        for (a_now, b_now) in [(2.0, 0.5), (0.5, 2.0), (3.0, 3.0)] {
            let mut data = Dataset::default();
            let series = |id: &str, points: Vec<(Date, f64)>| {
                let meta = SeriesMeta {
                    id: id.into(),
                    frequency: "D".into(),
                    ..SeriesMeta::default()
                };
                Series::new(meta, points)
            };
            // A is fresher at the seed's date (26 Nov 2025), B today.
            data.insert(series(
                "A",
                vec![(date(2025, 11, 10), 2.0), (date(2026, 3, 2), a_now)],
            ));
            data.insert(series(
                "B",
                vec![(date(2025, 6, 2), 2.0), (date(2026, 11, 2), b_now)],
            ));
            let as_of = date(2026, 12, 7);
            let mut results = vec![evaluate_one(&defs[0], &data, &Snapshot::default(), as_of)];
            assert_eq!(results[0].sources[0].id, "B");
            judge_at_publication(&mut results, &defs, &data, &Snapshot::default(), as_of);
            let r = &results[0];
            assert_eq!(r.at_publication.as_ref().unwrap().verdict, Verdict::Holds);
            let on_a = if a_now > 1.0 {
                Verdict::Holds
            } else {
                Verdict::Outdated
            };
            assert_eq!(
                r.verdict, on_a,
                "A {a_now}, B {b_now}: {}",
                r.verdict_note.en
            );
            assert!(
                r.verdict_note
                    .en
                    .contains("on the basis judged at publication (A")
            );
        }
    }
}
