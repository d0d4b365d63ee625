//! Renderers for `bullcheck companies screen`: each screen's result as a plain-text table or
//! CSV (written by [`crate::csv_text`]). JSON is the results' own `Serialize`.

use std::fmt::Write as _;

use super::hyperscalers::{HyperscalerTable, PeriodRow};
use super::screens::{
    MaturityWallResult, RefinancingResult, ScreenHeader, UnprofitableResult, ZombieResult,
};
use crate::csv_text::from_records;
use crate::vocab::{Lang, Note, bn_in_yi, pad, pad_left, tr};

/// A screen's name for people: its id in English, in words in Chinese.
fn screen_label(screen: &str, lang: Lang) -> &str {
    match screen {
        "unprofitable" => tr(lang, "unprofitable", "亏损公司"),
        "zombies" => tr(lang, "zombies", "僵尸企业"),
        "maturity-wall" => tr(lang, "maturity-wall", "债务到期墙"),
        "refinancing" => tr(lang, "refinancing", "再融资"),
        "hyperscalers" => tr(lang, "hyperscalers", "超大规模云厂商"),
        other => other,
    }
}

fn header_table(header: &ScreenHeader, lang: Lang) -> String {
    let (screen, as_of, n) = (
        screen_label(header.screen, lang),
        &header.as_of,
        header.companies,
    );
    Note::new(
        format!(
            "{screen} as of {as_of} — universe {} ({})\ncompanies assessed: {n}\n",
            header.universe, header.universe_note
        ),
        format!(
            "{screen}，截至 {as_of} — 样本：{}\n评估公司数：{n}\n",
            header.universe_note_zh
        ),
    )
    .text(lang)
    .to_string()
}

fn share_table(
    header: &ScreenHeader,
    count: usize,
    share: Option<f64>,
    what: &str,
    lang: Lang,
) -> String {
    let mut text = header_table(header, lang);
    let share = percent(share, lang);
    let line = Note::new(
        format!("{what}: {count} ({share})"),
        format!("{what}：{count}（{share}）"),
    );
    let _ = writeln!(text, "{}", line.text(lang));
    text
}

fn percent(share: Option<f64>, lang: Lang) -> String {
    share.map_or(tr(lang, "n/a", "无").to_string(), |s| {
        format!("{:.1}%", s * 100.0)
    })
}

/// A number as Rust prints it (shortest round trip); empty when missing.
fn opt(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// `unprofitable` as text in `lang`.
pub fn unprofitable_table(result: &UnprofitableResult, lang: Lang) -> String {
    share_table(
        &result.header,
        result.count,
        result.share,
        tr(
            lang,
            "with latest annual NetIncomeLoss < 0",
            "最新年度 NetIncomeLoss < 0 的公司",
        ),
        lang,
    )
}

/// `unprofitable` as CSV: one header line, one line of figures.
pub fn unprofitable_csv(result: &UnprofitableResult) -> String {
    let h = &result.header;
    from_records([
        ["screen", "as_of", "universe", "companies", "count", "share"].map(String::from),
        [
            h.screen.to_string(),
            h.as_of.clone(),
            h.universe.to_string(),
            h.companies.to_string(),
            result.count.to_string(),
            opt(result.share),
        ],
    ])
}

/// `zombies` as text: the share, the definition, then one line per zombie with its coverage
/// in the three fiscal years.
pub fn zombies_table(result: &ZombieResult, lang: Lang) -> String {
    let mut text = share_table(
        &result.header,
        result.count,
        result.share,
        tr(lang, "zombies", "僵尸企业"),
        lang,
    );
    let _ = writeln!(
        text,
        "{}",
        tr(lang, result.definition, result.definition_zh)
    );
    for row in &result.zombies {
        let coverage: Vec<String> = row
            .years
            .iter()
            .map(|y| format!("{:.2}", y.coverage))
            .collect();
        let _ = writeln!(
            text,
            "  CIK {:>10}  {:<40}  {} {}",
            row.cik,
            row.name,
            tr(lang, "coverage", "利息覆盖率"),
            coverage.join(" / ")
        );
    }
    text
}

/// `zombies` as CSV: one line per zombie (name quoted when it holds a comma or a quote).
pub fn zombies_csv(result: &ZombieResult) -> String {
    let header: Vec<String> = [
        "cik",
        "name",
        "first_annual_report",
        "coverage_1",
        "coverage_2",
        "coverage_3",
    ]
    .map(String::from)
    .to_vec();
    let rows = result.zombies.iter().map(|row| {
        let mut record = vec![
            row.cik.to_string(),
            row.name.clone(),
            row.first_annual_report.clone(),
        ];
        record.extend(row.years.iter().map(|y| y.coverage.to_string()));
        record
    });
    from_records(std::iter::once(header).chain(rows))
}

/// `maturity-wall` as text: debt due by year, after year five, the total and the share due
/// within 24 months.
pub fn maturity_wall_table(result: &MaturityWallResult, lang: Lang) -> String {
    let mut text = header_table(&result.header, lang);
    let _ = writeln!(
        text,
        "{}  {}  {}",
        pad_left(tr(lang, "year", "年份"), 6),
        pad_left(tr(lang, "usd", "美元"), 20),
        pad_left(tr(lang, "companies", "公司数"), 9)
    );
    for year in &result.by_year {
        let _ = writeln!(
            text,
            "{:>6}  {:>20.0}  {:>9}",
            year.year, year.usd, year.companies
        );
    }
    let _ = writeln!(
        text,
        "{}  {:>20.0}  {:>9}",
        pad_left(tr(lang, "after5", "五年后"), 6),
        result.after_year_five.usd,
        result.after_year_five.companies
    );
    let (total, due) = (
        result.total_usd,
        percent(result.due_within_24_months_share, lang),
    );
    let _ = writeln!(
        text,
        "{}",
        Note::new(
            format!("total {total:.0} USD; due within 24 months: {due}"),
            format!("合计 {total:.0} 美元；24个月内到期：{due}"),
        )
        .text(lang)
    );
    text
}

/// `maturity-wall` as CSV: one line per year, then `after_year_five`.
pub fn maturity_wall_csv(result: &MaturityWallResult) -> String {
    let header = ["year", "usd", "companies"].map(String::from);
    let rows = result.by_year.iter().map(|y| {
        [
            y.year.to_string(),
            y.usd.to_string(),
            y.companies.to_string(),
        ]
    });
    let rest = [
        "after_year_five".to_string(),
        result.after_year_five.usd.to_string(),
        result.after_year_five.companies.to_string(),
    ];
    from_records(
        std::iter::once(header)
            .chain(rows)
            .chain(std::iter::once(rest)),
    )
}

/// `refinancing` as text: the repricing, and how many companies' coverage falls below 1.
pub fn refinancing_table(result: &RefinancingResult, lang: Lang) -> String {
    let params = &result.params;
    let mut text = header_table(&result.header, lang);
    let (old, new) = (params.old_rate * 100.0, params.new_rate * 100.0);
    let on = match params.repriced_share {
        None => tr(lang, "debt maturing within 24 months", "24个月内到期的债务").to_string(),
        Some(s) => Note::new(
            format!("{:.0}% of debt", s * 100.0),
            format!("{:.0}%的债务", s * 100.0),
        )
        .text(lang)
        .to_string(),
    };
    let (before, pushed, share, after) = (
        result.below_before,
        result.pushed_below,
        percent(result.share, lang),
        result.below_after,
    );
    let lines = Note::new(
        format!(
            "repricing {old:.2}% -> {new:.2}% on {on}\ncoverage already below 1: {before}\n\
             pushed below 1: {pushed} ({share})\nbelow 1 after: {after}\n"
        ),
        format!(
            "重新定价 {old:.2}% -> {new:.2}%，适用于{on}\n利息覆盖率已低于1：{before}\n\
             被推至低于1：{pushed}（{share}）\n重新定价后低于1：{after}\n"
        ),
    );
    text.push_str(lines.text(lang));
    text
}

/// `refinancing` as CSV: one header line, one line of figures.
pub fn refinancing_csv(result: &RefinancingResult) -> String {
    let h = &result.header;
    from_records([
        [
            "screen",
            "as_of",
            "universe",
            "companies",
            "below_before",
            "pushed_below",
            "share",
            "below_after",
        ]
        .map(String::from),
        [
            h.screen.to_string(),
            h.as_of.clone(),
            h.universe.to_string(),
            h.companies.to_string(),
            result.below_before.to_string(),
            result.pushed_below.to_string(),
            opt(result.share),
            result.below_after.to_string(),
        ],
    ])
}

/// Dollars in $ billions in English, in 亿 (10^8) in Chinese, as the table's title says.
fn billions(value: Option<f64>, lang: Lang) -> String {
    value.map_or("-".to_string(), |v| match lang {
        Lang::En => format!("{:.1}", v / 1e9),
        Lang::Zh => bn_in_yi(v / 1e9),
    })
}

fn ratio(value: Option<f64>) -> String {
    value.map_or("-".to_string(), |v| format!("{v:.2}"))
}

fn period_line(row: &PeriodRow, lang: Lang) -> String {
    let m = &row.measures;
    format!(
        "  {:<12} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>8}\n",
        row.period,
        billions(m.capex, lang),
        billions(m.revenue, lang),
        billions(m.operating_cash_flow, lang),
        billions(m.depreciation_amortization, lang),
        billions(m.net_income, lang),
        ratio(m.capex_to_ocf),
        ratio(m.capex_to_da)
    )
}

/// `companies screen hyperscalers` as a plain-text table in `lang`.
pub fn hyperscalers_table(table: &HyperscalerTable, lang: Lang) -> String {
    let mut text = Note::new(
        format!("hyperscalers as of {} ($ billions)\n", table.as_of),
        format!("超大规模云厂商，截至 {}（亿美元）\n", table.as_of),
    )
    .text(lang)
    .to_string();
    text.push_str(tr(lang, table.note, table.note_zh));
    text.push('\n');
    if table.rows.is_empty() {
        text.push_str(tr(
            lang,
            "none of MSFT, GOOGL, AMZN, META, ORCL is stored (ingest their companyfacts first)\n",
            "MSFT、GOOGL、AMZN、META、ORCL 均未存储（请先导入它们的 companyfacts）\n",
        ));
    }
    for row in &table.rows {
        text.push_str(&format!(
            "\n{} ({}, CIK {})\n",
            row.name, row.ticker, row.cik
        ));
        text.push_str(&format!(
            "  {} {} {} {:>9} {:>9} {} {} {}\n",
            pad(tr(lang, "period", "期间"), 12),
            pad_left(tr(lang, "capex", "资本开支"), 9),
            pad_left(tr(lang, "revenue", "营收"), 9),
            "OCF",
            "D&A",
            pad_left(tr(lang, "NI", "净利润"), 9),
            pad_left(tr(lang, "cpx/OCF", "开支/OCF"), 8),
            pad_left(tr(lang, "cpx/D&A", "开支/D&A"), 8),
        ));
        for period in row.fiscal_years.iter().rev().take(5).rev() {
            text.push_str(&period_line(period, lang));
        }
        for period in row.calendar_years.iter().rev().take(3).rev() {
            text.push_str(&period_line(
                &PeriodRow {
                    period: format!("CY{}", period.period),
                    measures: period.measures.clone(),
                },
                lang,
            ));
        }
        if let Some(ttm) = &row.trailing_four_quarters {
            text.push_str(&period_line(
                &PeriodRow {
                    period: "TTM".to_string(),
                    measures: ttm.measures.clone(),
                },
                lang,
            ));
        }
        if let Some(life) = &row.life_sensitivity {
            let (d6, d3, extra) = (
                life.depreciation_6y / 1e9,
                life.depreciation_3y / 1e9,
                life.extra_depreciation / 1e9,
            );
            text.push_str(
                Note::new(
                    format!("  M2: D(6y) {d6:.1}, D(3y) {d3:.1}, extra depreciation {extra:.1}\n"),
                    format!(
                        "  M2：D(6年) {}，D(3年) {}，额外折旧 {}\n",
                        bn_in_yi(d6),
                        bn_in_yi(d3),
                        bn_in_yi(extra)
                    ),
                )
                .text(lang),
            );
        }
    }
    text
}

/// `companies screen hyperscalers` as CSV: one line per company and period.
pub fn hyperscalers_csv(table: &HyperscalerTable) -> String {
    let value = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut records: Vec<Vec<String>> = vec![
        [
            "ticker",
            "kind",
            "period",
            "capex",
            "revenue",
            "operating_cash_flow",
            "depreciation_amortization",
            "net_income",
            "capex_to_ocf",
            "capex_to_da",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for row in &table.rows {
        let mut line = |kind: &str, period: &PeriodRow| {
            let m = &period.measures;
            records.push(vec![
                row.ticker.to_string(),
                kind.to_string(),
                period.period.clone(),
                value(m.capex),
                value(m.revenue),
                value(m.operating_cash_flow),
                value(m.depreciation_amortization),
                value(m.net_income),
                value(m.capex_to_ocf),
                value(m.capex_to_da),
            ]);
        };
        for period in &row.fiscal_years {
            line("fiscal_year", period);
        }
        for period in &row.calendar_years {
            line("calendar_year", period);
        }
        if let Some(ttm) = &row.trailing_four_quarters {
            line("ttm", ttm);
        }
    }
    from_records(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::companies::hyperscalers::{HyperscalerRow, Measures};
    use crate::companies::screens::{
        CoverageYear, RefinancingParams, WallRest, WallYear, ZombieRow,
    };

    fn header(screen: &'static str) -> ScreenHeader {
        ScreenHeader {
            screen,
            as_of: "2025-06-30".into(),
            universe: "all",
            universe_note: "every current filer",
            universe_note_zh: "全部当前申报公司",
            companies: 4,
        }
    }

    fn year(end: &str, coverage: f64) -> CoverageYear {
        CoverageYear {
            fiscal_year_end: end.into(),
            operating_income: coverage,
            interest_expense: 1.0,
            coverage,
        }
    }

    #[test]
    fn zombies_table_and_csv_quote_names_with_commas() {
        let result = ZombieResult {
            header: header("zombies"),
            definition: "BIS broad",
            definition_zh: "BIS 宽口径",
            count: 1,
            share: Some(0.25),
            zombies: vec![ZombieRow {
                cik: 320193,
                name: "Acme, Inc.".into(),
                first_annual_report: "2001-03-01".into(),
                years: vec![
                    year("2022-12-31", 0.5),
                    year("2023-12-31", -0.25),
                    year("2024-12-31", 0.126),
                ],
            }],
        };
        let text = zombies_table(&result, Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "zombies as of 2025-06-30 — universe all (every current filer)",
                "companies assessed: 4",
                "zombies: 1 (25.0%)",
                "BIS broad",
                "  CIK     320193  Acme, Inc.                                coverage 0.50 / -0.25 / 0.13",
            ]
        );
        assert_eq!(
            zombies_csv(&result),
            "cik,name,first_annual_report,coverage_1,coverage_2,coverage_3\n\
             320193,\"Acme, Inc.\",2001-03-01,0.5,-0.25,0.126\n"
        );
    }

    #[test]
    fn share_screens_show_missing_shares_as_n_a_and_empty() {
        let result = UnprofitableResult {
            header: ScreenHeader {
                companies: 0,
                ..header("unprofitable")
            },
            count: 0,
            share: None,
        };
        assert!(
            unprofitable_table(&result, Lang::En)
                .ends_with("with latest annual NetIncomeLoss < 0: 0 (n/a)\n")
        );
        assert_eq!(
            unprofitable_csv(&result),
            "screen,as_of,universe,companies,count,share\nunprofitable,2025-06-30,all,0,0,\n"
        );
        let refi = RefinancingResult {
            header: header("refinancing"),
            definition: "M3",
            params: RefinancingParams {
                old_rate: 0.035,
                new_rate: 0.09,
                repriced_share: Some(0.5),
            },
            below_before: 1,
            pushed_below: 2,
            share: Some(0.5),
            below_after: 3,
        };
        let text = refinancing_table(&refi, Lang::En);
        assert!(text.contains("repricing 3.50% -> 9.00% on 50% of debt\n"));
        assert!(text.contains("pushed below 1: 2 (50.0%)\n"));
        assert!(refinancing_csv(&refi).ends_with("\nrefinancing,2025-06-30,all,4,1,2,0.5,3\n"));
    }

    #[test]
    fn maturity_wall_rows_then_the_rest() {
        let result = MaturityWallResult {
            header: header("maturity-wall"),
            definition: "buckets",
            by_year: vec![WallYear {
                year: 2026,
                usd: 1.5e9,
                companies: 3,
            }],
            after_year_five: WallRest {
                usd: 2.0e9,
                companies: 2,
            },
            total_usd: 3.5e9,
            due_within_24_months_share: Some(1.5 / 3.5),
        };
        let text = maturity_wall_table(&result, Lang::En);
        assert!(text.contains("\n  2026            1500000000          3\n"));
        assert!(text.contains("\nafter5            2000000000          2\n"));
        assert!(text.ends_with("total 3500000000 USD; due within 24 months: 42.9%\n"));
        assert_eq!(
            maturity_wall_csv(&result),
            "year,usd,companies\n2026,1500000000,3\nafter_year_five,2000000000,2\n"
        );
    }

    #[test]
    fn hyperscalers_in_billions_and_csv_in_dollars() {
        let measures = Measures {
            capex: Some(55.7e9),
            revenue: Some(245.1e9),
            operating_cash_flow: Some(118.5e9),
            capex_to_ocf: Some(55.7 / 118.5),
            ..Measures::default()
        };
        let table = HyperscalerTable {
            screen: "hyperscalers",
            as_of: "2025-06-30".into(),
            universe: "hyperscalers",
            companies: 1,
            note: "note",
            note_zh: "说明",
            rows: vec![HyperscalerRow {
                cik: 789019,
                ticker: "MSFT",
                name: "Microsoft",
                fiscal_years: vec![PeriodRow {
                    period: "2024-06-30".into(),
                    measures,
                }],
                calendar_years: vec![],
                trailing_four_quarters: None,
                life_sensitivity: None,
            }],
        };
        let text = hyperscalers_table(&table, Lang::En);
        assert!(text.starts_with("hyperscalers as of 2025-06-30 ($ billions)\nnote\n"));
        assert!(text.contains("\nMicrosoft (MSFT, CIK 789019)\n"));
        assert!(text.contains(
            "  2024-06-30        55.7     245.1     118.5         -         -     0.47        -\n"
        ));
        // In Chinese the same dollars count in 亿 (1 十亿 = 10 亿).
        let zh = hyperscalers_table(&table, Lang::Zh);
        assert!(
            zh.starts_with("超大规模云厂商，截至 2025-06-30（亿美元）\n"),
            "{zh}"
        );
        assert!(
            zh.contains("  2024-06-30         557      2451      1185         -         -     0.47        -\n"),
            "{zh}"
        );
        let csv = hyperscalers_csv(&table);
        assert_eq!(
            csv.lines().nth(1),
            Some(
                "MSFT,fiscal_year,2024-06-30,55700000000,245100000000,118500000000,,,0.47004219409282705,"
            )
        );
        let empty = HyperscalerTable {
            rows: vec![],
            ..table
        };
        assert!(
            hyperscalers_table(&empty, Lang::En)
                .contains("none of MSFT, GOOGL, AMZN, META, ORCL is stored")
        );
    }
}
