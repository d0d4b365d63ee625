//! `bullcheck stress table`: the sensitivity grids of [`crate::stress::grids`] at the points
//! the command prints, with their formulas and notes, as an aligned table, JSON
//! (`{"meta", "rows"}`) or CSV.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::stress::grids::{
    self, FAIR_PE_FORMULAS, FAIR_PE_FORMULAS_ZH, FAIR_PE_NOTE, FAIR_PE_NOTE_ZH,
};
use crate::vocab::{Lang, tr};

/// The 10-year yields (%) and ERPs (%) of the fair-P/E grid (seed 001's table has 3.5, 4.5
/// and 5.5 at ERP 5).
pub const FAIR_PE_YIELDS: [f64; 7] = [3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0];
pub const FAIR_PE_ERPS: [f64; 4] = [3.0, 4.0, 5.0, 6.0];
/// Capex growth rates (%) of the depreciation grid (docs/catalogue.md M2's oracle: 10, 30, 50).
pub const CAPEX_GROWTHS: [f64; 7] = [0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0];
/// New rates (%) and refinanced shares of the refinancing grid, from an old rate of 3.5%.
pub const NEW_RATES: [f64; 5] = [6.0, 7.0, 8.0, 9.0, 10.0];
pub const REFINANCED_SHARES: [f64; 5] = [0.25, 0.5, 0.75, 0.852, 1.0];
pub const OLD_RATE: f64 = 3.5;

/// The three grids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grid {
    FairPe,
    Depreciation,
    Refinancing,
}

/// One grid ready to print: metadata (for JSON), the columns in order, the lines above the
/// column header and the line below the rows (for text).
#[derive(Debug, Clone, PartialEq)]
pub struct GridTable {
    pub meta: Value,
    pub columns: &'static [&'static str],
    pub header: String,
    /// [`GridTable::header`] in Chinese.
    pub header_zh: String,
    pub footer: &'static str,
    /// [`GridTable::footer`] in Chinese.
    pub footer_zh: &'static str,
    pub rows: Vec<Map<String, Value>>,
}

fn objects<T: Serialize>(rows: &[T]) -> Vec<Map<String, Value>> {
    rows.iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        })
        .collect()
}

/// The grid `grid` at the command's points.
pub fn grid_table(grid: Grid) -> GridTable {
    match grid {
        Grid::FairPe => GridTable {
            meta: json!({
                "table": "fair-pe",
                "formulas": FAIR_PE_FORMULAS.iter().map(|(k, v)| json!({"column": k, "formula": v})).collect::<Vec<_>>(),
                "note": FAIR_PE_NOTE,
                "seed_source": "seed 001 (22 Jan 2026) section 3.2 table; docs/catalogue.md M1",
            }),
            columns: &[
                "ten_year_yield",
                "erp",
                "term_premium_seed_identity",
                "seed_pe",
                "seed_implied_erp",
                "duration_pe",
                "gordon_pe",
                "term_premium_pe",
                "earnings_yield_pe",
            ],
            header: format!(
                "Fair P/E by 10-year yield and ERP (seed_pe = seed 001's table, ERP 5%; see docs/catalogue.md M1)\n{}\n",
                FAIR_PE_FORMULAS
                    .iter()
                    .map(|(k, v)| format!("  {k}: {v}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            header_zh: format!(
                "按10年期收益率和ERP计算的合理P/E（seed_pe = 原文001的表格，ERP 5%；见docs/catalogue.md M1）\n{}\n",
                FAIR_PE_FORMULAS_ZH
                    .iter()
                    .map(|(k, v)| format!("  {k}: {v}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            footer: FAIR_PE_NOTE,
            footer_zh: FAIR_PE_NOTE_ZH,
            rows: objects(&grids::fair_pe_grid(&FAIR_PE_YIELDS, &FAIR_PE_ERPS)),
        },
        Grid::Depreciation => GridTable {
            meta: json!({
                "table": "depreciation",
                "formula": "D(L)/C_t = (1/L)·Σ_{k<L} (1+g)^−k; extra = D(3) − D(6) per unit of year-t capex (docs/catalogue.md M2)",
                "note": "With flat capex the hit is zero in steady state; it is a growth effect. docs/catalogue.md M2 oracle: ratio 1.14/1.37/1.54 at g = 10/30/50%.",
            }),
            columns: &[
                "capex_growth",
                "depreciation_6y_per_capex",
                "depreciation_3y_per_capex",
                "ratio_3y_over_6y",
                "extra_pre_tax_per_capex",
            ],
            header: "Depreciation per unit of year-t capex, 6-year vs 3-year life, by capex growth g (%) (docs/catalogue.md M2)\n".to_string(),
            header_zh: "每单位第t年资本开支的折旧：6年与3年使用寿命对比，按资本开支增速g（%）列示（docs/catalogue.md M2）\n".to_string(),
            footer: "With flat capex the hit is zero in steady state: it is a growth effect (docs/catalogue.md M2).",
            footer_zh: "资本开支持平时，稳态下的冲击为零：这是增长效应（docs/catalogue.md M2）。",
            rows: objects(&grids::depreciation_grid(&CAPEX_GROWTHS)),
        },
        Grid::Refinancing => GridTable {
            meta: json!({
                "table": "refinancing",
                "formula": "ICR_1/ICR_0 = r0/((1−s)·r0 + s·r1), r0 = 3.5% (docs/catalogue.md M3; seeds 000/001: 3–4% → 8–10%)",
                "note": "s = 0.852 is $709B due 2026–27 over ≈ $832B R2K debt (docs/catalogue.md zombie_maturity_wall).",
            }),
            columns: &[
                "old_rate",
                "new_rate",
                "refinanced_share",
                "coverage_multiplier",
                "coverage_of_firm_at_2",
            ],
            header: "Interest-coverage multiplier after repricing from 3.5% (rates in %) (docs/catalogue.md M3)\n".to_string(),
            header_zh: "自3.5%重新定价后的利息覆盖倍数乘数（利率单位为%）（docs/catalogue.md M3）\n".to_string(),
            footer: "s = 0.852 is $709B due 2026-27 over ~$832B R2K debt (docs/catalogue.md zombie_maturity_wall).",
            footer_zh: "s = 0.852即2026-27年到期的$709B除以约$832B的R2K债务（docs/catalogue.md zombie_maturity_wall）。",
            rows: objects(&grids::refinancing_grid(OLD_RATE, &NEW_RATES, &REFINANCED_SHARES)),
        },
    }
}

/// A number with at most four decimals and no trailing zeros; empty when missing.
fn cell(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => n
            .as_f64()
            .map(|x| {
                format!("{x:.4}")
                    .trim_end_matches('0')
                    .trim_end_matches('.')
                    .to_string()
            })
            .unwrap_or_default(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

impl GridTable {
    /// `{"meta": …, "rows": […]}`.
    pub fn json(&self) -> Value {
        json!({"meta": self.meta, "rows": self.rows})
    }

    /// A header line of the column names, then one line per row; missing cells empty.
    pub fn csv(&self) -> String {
        let rows = self
            .rows
            .iter()
            .map(|m| self.columns.iter().map(|c| cell(m.get(*c))).collect());
        crate::csv_text::from_records(
            std::iter::once(
                self.columns
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>(),
            )
            .chain(rows),
        )
    }

    /// The header, right-aligned columns (at least 8 wide; missing cells "—"), the footer, in
    /// `lang` (the column names are ids).
    pub fn text(&self, lang: Lang) -> String {
        let mut out = tr(lang, &self.header, &self.header_zh).to_string();
        let width = |c: &str| c.len().max(8);
        out.push_str(
            &self
                .columns
                .iter()
                .map(|c| format!("{:>w$}", c, w = width(c)))
                .collect::<Vec<_>>()
                .join(" "),
        );
        out.push('\n');
        for m in &self.rows {
            let line: Vec<String> = self
                .columns
                .iter()
                .map(|c| {
                    let text = cell(m.get(*c));
                    let text = if text.is_empty() {
                        "—".to_string()
                    } else {
                        text
                    };
                    format!("{:>w$}", text, w = width(c))
                })
                .collect();
            out.push_str(&line.join(" "));
            out.push('\n');
        }
        out.push_str(tr(lang, self.footer, self.footer_zh));
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinancing_csv_carries_the_hand_computed_multiplier() {
        // ICR₁/ICR₀ = r0/((1−s)·r0 + s·r1): at s = 1, r1 = 8%: 3.5/8 = 0.4375; at s = 0.5,
        // r1 = 6%: 3.5/4.75 = 0.736842… → 0.7368.
        let csv = grid_table(Grid::Refinancing).csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines[0],
            "old_rate,new_rate,refinanced_share,coverage_multiplier,coverage_of_firm_at_2"
        );
        assert_eq!(lines.len(), 1 + NEW_RATES.len() * REFINANCED_SHARES.len());
        assert!(lines.contains(&"3.5,8,1,0.4375,0.875"), "{csv}");
        assert!(lines.contains(&"3.5,6,0.5,0.7368,1.4737"), "{csv}");
    }

    #[test]
    fn depreciation_text_matches_the_catalogue_oracle() {
        // docs/catalogue.md M2: the 3-year/6-year depreciation ratio is 1.14 / 1.37 / 1.54 at capex
        // growth 10 / 30 / 50%.
        let table = grid_table(Grid::Depreciation);
        let text = table.text(Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("Depreciation per unit of year-t capex"));
        assert_eq!(
            lines[1],
            "capex_growth depreciation_6y_per_capex depreciation_3y_per_capex ratio_3y_over_6y extra_pre_tax_per_capex"
        );
        for (g, ratio) in [("10", 1.14), ("30", 1.37), ("50", 1.54)] {
            let row = lines
                .iter()
                .find(|l| l.split_whitespace().next() == Some(g))
                .unwrap();
            let printed: f64 = row.split_whitespace().nth(3).unwrap().parse().unwrap();
            assert!((printed - ratio).abs() < 0.005, "g = {g}: {printed}");
        }
        assert_eq!(*lines.last().unwrap(), table.footer);
    }

    #[test]
    fn fair_pe_json_and_missing_cells() {
        let table = grid_table(Grid::FairPe);
        let json = table.json();
        assert_eq!(json["meta"]["table"], "fair-pe");
        assert_eq!(
            json["rows"].as_array().unwrap().len(),
            FAIR_PE_YIELDS.len() * FAIR_PE_ERPS.len()
        );
        // seed_pe exists only on the seed's rows: elsewhere the text shows "—" and CSV nothing.
        let text = table.text(Lang::En);
        assert!(text.contains(" — "));
        let csv = table.csv();
        assert!(csv.lines().nth(1).unwrap().contains(",,"));
        // Seed 001: 20.0 at 3.5% and ERP 5%.
        assert!(
            csv.lines()
                .any(|l| l.starts_with("3.5,5,") && l.contains(",20,")),
            "{csv}"
        );
    }
}
