//! Kenneth French data-library CSVs ([`Kind::French`]): factor files and industry-portfolio
//! files, possibly with several tables stacked in one file.
//!
//! Format: optional preamble lines (`This file was created by CMPT_IND_RETS ...`), then one or
//! more sections. A section is an optional title line (`  Average Value Weighted Returns --
//! Monthly`), a header line whose first cell is empty or `date` (`,NoDur,Durbl,...` /
//! `,Mkt-RF,SMB,HML,RMW,CMA,RF`), and data rows whose first cell is `YYYYMM` (monthly) or
//! `YYYY` (annual). Sections end at a blank line; a copyright line closes the file.
//!
//! Traps: cells padded with spaces (`192607   ,2.36   ,...`, header names like `Food `);
//! missing values written `-99.99` or `-999` (kept as missing); the same file mixes monthly and
//! annual sections; a copy may have its preamble removed and its first header renamed `date`
//! (that first, untitled section is the value-weighted monthly one in industry files).
//!
//! Every section is read. Ids: `<PREFIX>[_<SECTION>]_<COLUMN>`:
//! - PREFIX from the file name: `FF5` (`..._5_Factors...`), `FF3` (`F-F_Research_Data_Factors`),
//!   `FF<n>` (`<n>_Industry_Portfolios`), else `FF_<STEM upper-snake>`;
//! - SECTION from the title: `VW` (Average Value Weighted Returns -- Monthly), `EW` (Equal
//!   Weighted, Monthly), `VW_ANNUAL`, `EW_ANNUAL`, `NFIRMS` (Number of Firms in Portfolios),
//!   `AVG_SIZE` (Average Firm Size), `BEME_SUM` (Sum of BE / Sum of ME), `BEME_VW`
//!   (Value-Weighted Average of BE/ME), `ANNUAL` (Annual Factors: January-December), other
//!   titles upper-snake; an untitled first section is `VW` in industry files and has no
//!   section part in factor files (so `FF5_MKT_RF`, `FF12_VW_NODUR`, `FF49_EW_AGRIC`);
//! - a title is **every** text line between the blank line and the header, joined with single
//!   spaces: the momentum file's annual title is split over `Annual Factors:` /
//!   `January-December` (→ `ANNUAL`), and the 25-portfolio files' value-weighted
//!   characteristics have four- or five-line titles whose last line is the same for
//!   operating profitability and investment. Those are named by their defining line:
//!   `BEME_VW_DEC` (BE/ME with ME of December t-1), `BEME_VW_JUN` (ME of June t), `OP_VW`,
//!   `INV_VW`. Any other title longer than 40 characters in upper-snake form is cut to its
//!   first words plus 8 hex digits of a hash (FNV-1a) of the whole title, so two titles that
//!   differ anywhere get different ids, and the same title always the same id;
//! - should two tables of one file still get the same section code (identical titles), the
//!   later one gets `_T<n>` (its table number) appended: a table never overwrites another;
//! - COLUMN is the header cell in upper-snake form (`Mkt-RF` → `MKT_RF`).
//!
//! Daily files (`..._daily.CSV`, rows `YYYYMMDD`) add `_DAILY` to the prefix
//! (`FF3_DAILY_MKT_RF`), so they never mix with the monthly series of the same columns.
//!
//! Dates: `YYYYMMDD` → that day; `YYYYMM` → the first day of the month; `YYYY` → January 1 of the year (returns are
//! flows over the period, dated at its start). Units: returns `percent`; `NFIRMS` firms;
//! `AVG_SIZE` and `BEME_*` as published.
//!
//! [`Kind::French`]: super::Kind::French

use std::collections::BTreeMap;

use super::ParseError;
use super::common::{self, MetaSpec, bad_date};
use crate::series::{Date, Observation, ParsedSeries};

const SOURCE: &str = "Kenneth R. French data library";

/// Section title → section code.
const SECTIONS: [(&str, &str); 9] = [
    ("Average Value Weighted Returns -- Monthly", "VW"),
    ("Average Equal Weighted Returns -- Monthly", "EW"),
    ("Average Value Weighted Returns -- Annual", "VW_ANNUAL"),
    ("Average Equal Weighted Returns -- Annual", "EW_ANNUAL"),
    ("Number of Firms in Portfolios", "NFIRMS"),
    ("Average Firm Size", "AVG_SIZE"),
    ("Sum of BE / Sum of ME", "BEME_SUM"),
    ("Value-Weighted Average of BE/ME", "BEME_VW"),
    ("Annual Factors: January-December", "ANNUAL"),
];

/// A line that names a multi-line title (the 25- and 100-portfolio files' value-weighted
/// characteristics) → section code. Matched against each line of the title.
const DEFINING_LINES: [(&str, &str); 4] = [
    (
        "Value Weight Average of BE/ME Calculated for June of t to June of t+1 as:",
        "BEME_VW_DEC",
    ),
    (
        "Value Weight Average of BE_FYt-1/ME_June t Calculated for June of t to June of t+1 as:",
        "BEME_VW_JUN",
    ),
    ("Value Weight Average of OP Calculated as:", "OP_VW"),
    (
        "Value Weight Average of investment (rate of growth of assets) Calculated as:",
        "INV_VW",
    ),
];

/// Most text lines kept as one title (the longest real title has five).
const MAX_TITLE_LINES: usize = 64;

/// Longest section code made from an unknown title before it is shortened with a hash.
const MAX_TITLE_CODE: usize = 40;

/// The id prefix and whether the file is an industry-portfolio file.
fn prefix_of(file: &str) -> (String, bool) {
    let stem = common::file_stem(file);
    if stem.contains("5_Factors") {
        return ("FF5".to_string(), false);
    }
    if stem.contains("Research_Data_Factors") {
        return ("FF3".to_string(), false);
    }
    if let Some(at) = stem.find("_Industry_Portfolios") {
        let digits: String = stem[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let digits: String = digits.chars().rev().collect();
        if !digits.is_empty() {
            return (format!("FF{digits}"), true);
        }
    }
    (format!("FF_{}", common::upper_snake(stem)), false)
}

/// Collapses runs of whitespace to one space and trims.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 32-bit FNV-1a: a small stable hash (the same on every platform and run).
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// The section code of a title (its lines in file order), see the module doc.
fn section_code(title: &[String], is_industry_file: bool) -> String {
    if title.is_empty() {
        return if is_industry_file {
            "VW".to_string()
        } else {
            String::new()
        };
    }
    let lines: Vec<String> = title.iter().map(|line| normalise(line)).collect();
    let whole = lines.join(" ");
    if let Some((_, code)) = SECTIONS
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(&whole))
    {
        return code.to_string();
    }
    let defined: Vec<&str> = DEFINING_LINES
        .iter()
        .filter(|(line, _)| lines.iter().any(|l| l.eq_ignore_ascii_case(line)))
        .map(|(_, code)| *code)
        .collect();
    if let [code] = defined.as_slice() {
        return code.to_string();
    }
    let snake = common::upper_snake(&whole);
    if snake.len() <= MAX_TITLE_CODE {
        return snake;
    }
    // Cut at a word boundary (the snake is ASCII), then add the hash of the whole title.
    let cut = snake[..=MAX_TITLE_CODE - 10]
        .rfind('_')
        .unwrap_or(MAX_TITLE_CODE - 10);
    format!(
        "{}_{:08X}",
        &snake[..cut],
        fnv1a(&whole.to_ascii_lowercase())
    )
}

fn units_of(code: &str) -> &'static str {
    match code {
        "NFIRMS" => "firms",
        "AVG_SIZE" | "BEME_SUM" | "BEME_VW" => "",
        _ => "percent",
    }
}

/// `YYYYMMDD` (daily files) → that day, `YYYYMM` → first of month, `YYYY` → January 1.
fn parse_period(text: &str) -> Option<Date> {
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match text.len() {
        8 => Date::new(
            text[..4].parse().ok()?,
            text[4..6].parse().ok()?,
            text[6..].parse().ok()?,
        )
        .ok(),
        6 => common::first_of_month(text[..4].parse().ok()?, text[4..].parse().ok()?),
        4 => common::first_of_month(text.parse().ok()?, 1),
        _ => None,
    }
}

fn is_data_line(first_cell: &str) -> bool {
    matches!(first_cell.len(), 4 | 6 | 8) && first_cell.chars().all(|c| c.is_ascii_digit())
}

fn is_header_line(cells: &[&str]) -> bool {
    cells.len() >= 2 && (cells[0].is_empty() || cells[0].eq_ignore_ascii_case("date"))
}

struct Section {
    code: String,
    columns: Vec<String>,
    header_line: u64,
}

/// Parses a French data-library CSV, every section.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let (mut prefix, is_industry_file) = prefix_of(file);
    // Daily files (`YYYYMMDD` rows) hold the same columns as the monthly ones: their series get
    // their own ids (`FF3_DAILY_MKT_RF`), never mixed into the monthly `FF3_MKT_RF`.
    let daily = text.lines().any(|l| {
        let first = l.split(',').next().unwrap_or("").trim();
        first.len() == 8 && first.bytes().all(|b| b.is_ascii_digit())
    });
    if daily && !prefix.ends_with("_DAILY") {
        prefix.push_str("_DAILY");
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, (String, &'static str, Vec<Observation>)> = BTreeMap::new();
    let mut title_lines: Vec<String> = Vec::new();
    let mut codes_used: Vec<String> = Vec::new();
    let mut section: Option<Section> = None;
    let mut sections_seen = 0usize;

    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            // A title sits directly above its header; text before a blank line is preamble.
            section = None;
            title_lines.clear();
            continue;
        }
        let cells: Vec<&str> = raw.split(',').map(str::trim).collect();
        if cells.len() > common::MAX_FIELDS {
            return Err(ParseError::new(
                file,
                Some(line),
                None,
                format!(
                    "the row has {} fields, more than the {} read",
                    cells.len(),
                    common::MAX_FIELDS
                ),
            ));
        }
        if let Some(current) = &section {
            if is_data_line(cells[0]) {
                let date = parse_period(cells[0]).ok_or_else(|| {
                    bad_date(
                        file,
                        Some(line),
                        "date",
                        cells[0],
                        "YYYYMMDD, YYYYMM or YYYY",
                    )
                })?;
                if cells.len() != current.columns.len() + 1 {
                    return Err(ParseError::new(
                        file,
                        Some(line),
                        None,
                        format!(
                            "expected {} fields as in the header on line {}, found {}",
                            current.columns.len() + 1,
                            current.header_line,
                            cells.len()
                        ),
                    ));
                }
                for (column, cell) in current.columns.iter().zip(&cells[1..]) {
                    let value = common::parse_value(cell)
                        .map_err(|msg| ParseError::new(file, Some(line), Some(column), msg))?
                        .filter(|v| *v != -99.99 && *v != -999.0);
                    let id = if current.code.is_empty() {
                        format!("{prefix}_{}", common::upper_snake(column))
                    } else {
                        format!("{prefix}_{}_{}", current.code, common::upper_snake(column))
                    };
                    let entry = by_id.entry(id.clone()).or_insert_with(|| {
                        order.push(id);
                        (
                            format!("{column} ({})", current.code),
                            units_of(&current.code),
                            Vec::new(),
                        )
                    });
                    entry.2.push(Observation::new(date, value));
                }
                continue;
            }
            // A text line inside a section ends it; it may be the next section's title.
            section = None;
        }
        if is_header_line(&cells) {
            let mut code = if title_lines.is_empty() && sections_seen > 0 {
                format!("SECTION{}", sections_seen + 1)
            } else {
                section_code(&title_lines, is_industry_file)
            };
            title_lines.clear();
            sections_seen += 1;
            if codes_used.contains(&code) {
                code = format!("{code}_T{sections_seen}");
            }
            codes_used.push(code.clone());
            let columns = cells[1..].iter().map(|c| c.to_string()).collect::<Vec<_>>();
            if columns.iter().any(String::is_empty) {
                return Err(ParseError::new(
                    file,
                    Some(line),
                    None,
                    "a header cell is empty",
                ));
            }
            section = Some(Section {
                code,
                columns,
                header_line: line,
            });
        } else if is_data_line(cells[0]) {
            return Err(ParseError::new(
                file,
                Some(line),
                Some("date"),
                "a data row before any header line",
            ));
        } else {
            // Keep the last lines only: a title is short; a long run of text is a preamble.
            if title_lines.len() == MAX_TITLE_LINES {
                title_lines.remove(0);
            }
            title_lines.push(trimmed.to_string());
        }
    }
    if order.is_empty() {
        return Err(ParseError::new(
            file,
            None,
            None,
            "no data section found (expected a header line and YYYYMM rows)",
        ));
    }
    Ok(order
        .iter()
        .filter_map(|id| {
            let (title, units, obs) = by_id.remove(id)?;
            let spec = MetaSpec {
                source: SOURCE,
                title: &title,
                units,
                frequency: "",
                notes: "",
            };
            Some(common::make_series(id, &spec, obs))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!(
            "{}/../../testdata/french/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn get<'a>(all: &'a [ParsedSeries], id: &str) -> &'a ParsedSeries {
        all.iter()
            .find(|s| s.meta.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    }

    #[test]
    fn daily_factors_get_their_own_ids() {
        let name = "F-F_Research_Data_Factors_daily.CSV";
        let bytes = fixture("F-F_Research_Data_Factors_daily_sample.CSV");
        assert_eq!(
            super::super::detect(name, &bytes),
            Ok(super::super::Kind::French)
        );
        let all = parse(name, &bytes).unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "FF3_DAILY_MKT_RF",
                "FF3_DAILY_SMB",
                "FF3_DAILY_HML",
                "FF3_DAILY_RF"
            ]
        );
        let mkt = get(&all, "FF3_DAILY_MKT_RF");
        assert_eq!(mkt.observations[0].date, date(1926, 7, 1));
        assert_eq!(mkt.observations[0].value, Some(0.10));
        assert_eq!(mkt.observations[4].date, date(2021, 10, 29));
        assert_eq!(mkt.observations[4].value, Some(0.22));
        assert_eq!(get(&all, "FF3_DAILY_RF").observations[2].value, Some(0.009));
        assert_eq!(mkt.meta.frequency, "D");
    }

    #[test]
    fn ff5_blank_first_header() {
        let all = parse(
            "F-F_Research_Data_5_Factors_2x3.csv",
            &fixture("F-F_Research_Data_5_Factors_2x3_sample.csv"),
        )
        .unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "FF5_MKT_RF",
                "FF5_SMB",
                "FF5_HML",
                "FF5_RMW",
                "FF5_CMA",
                "FF5_RF"
            ]
        );
        let mkt = get(&all, "FF5_MKT_RF");
        assert_eq!(
            (mkt.observations[0].date, mkt.observations[0].value),
            (date(1963, 7, 1), Some(-0.39))
        );
        assert_eq!(mkt.meta.frequency, "M");
    }

    #[test]
    fn stacked_sections_with_preamble_padding_and_missing_markers() {
        let all = parse(
            "12_Industry_Portfolios.CSV",
            &fixture("12_Industry_Portfolios_sample.csv"),
        )
        .unwrap();
        let vw = get(&all, "FF12_VW_NODUR");
        assert_eq!(
            (vw.observations[0].date, vw.observations[0].value),
            (date(1926, 7, 1), Some(1.45))
        );
        let ew = get(&all, "FF12_EW_NODUR");
        assert_eq!(ew.observations[0].date, date(1926, 7, 1));
        let annual = get(&all, "FF12_VW_ANNUAL_NODUR");
        assert_eq!(annual.observations[0].date, date(1927, 1, 1));
        let firms = get(&all, "FF12_NFIRMS_NODUR");
        assert_eq!(firms.meta.units, "firms");
        // -99.99 in the 49-industry style row is missing
        let all49 = parse(
            "49_Industry_Portfolios.csv",
            &fixture("49_Industry_Portfolios_sample.csv"),
        )
        .unwrap();
        let soda = get(&all49, "FF49_VW_SODA");
        assert_eq!(soda.observations[0].value, None);
        assert_eq!(
            get(&all49, "FF49_VW_FOOD").observations[0].value,
            Some(0.09)
        );
        assert_eq!(get(&all49, "FF49_EW_AGRIC").observations.len(), 1);
    }

    #[test]
    fn multi_line_titles_that_end_alike_get_distinct_ids() {
        // Lines of the real 25-portfolio file: the operating-profitability and investment
        // tables' titles both end "Where Mth is a month from June of t to June of t+1".
        let all = parse(
            "25_Portfolios_5x5.CSV",
            &fixture("25_Portfolios_5x5_sample.csv"),
        )
        .unwrap();
        let op = get(&all, "FF_25_PORTFOLIOS_5X5_OP_VW_SMALL_LOBM");
        let inv = get(&all, "FF_25_PORTFOLIOS_5X5_INV_VW_SMALL_LOBM");
        // 196307 row of each table: OP -0.9378, investment 0.1924 (read from the file).
        assert_eq!(op.observations[0].value, Some(-0.9378));
        assert_eq!(inv.observations[0].value, Some(0.1924));
        assert_eq!(op.observations.len(), 2);
        assert_eq!(inv.observations.len(), 2);
        // The first header is `DATE,...` after a preamble: still the value-weighted table.
        let vw = get(&all, "FF_25_PORTFOLIOS_5X5_VW_ME1_BM2");
        assert_eq!(vw.observations[0].value, Some(-0.4119));
        assert_eq!(
            get(&all, "FF_25_PORTFOLIOS_5X5_EW_BIG_HIBM")
                .observations
                .len(),
            1
        );
        // 4 tables x 25 portfolios, no id twice.
        let mut ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids.len(), 100);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 100);
    }

    #[test]
    fn two_line_annual_title_is_annual() {
        let all = parse(
            "F-F_Momentum_Factor.CSV",
            &fixture("F-F_Momentum_Factor_sample.csv"),
        )
        .unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "FF_F_F_MOMENTUM_FACTOR_MOM",
                "FF_F_F_MOMENTUM_FACTOR_ANNUAL_MOM"
            ]
        );
        let annual = get(&all, "FF_F_F_MOMENTUM_FACTOR_ANNUAL_MOM");
        assert_eq!(
            (annual.observations[0].date, annual.observations[0].value),
            (date(1927, 1, 1), Some(23.87))
        );
        let monthly = get(&all, "FF_F_F_MOMENTUM_FACTOR_MOM");
        assert_eq!(monthly.observations.len(), 3);
        assert_eq!(monthly.meta.units, "percent");
    }

    #[test]
    fn unknown_long_titles_are_distinct_and_stable() {
        let a = section_code(
            &[
                "For portfolios formed in June of year t".to_string(),
                "Some new characteristic A".to_string(),
            ],
            false,
        );
        let b = section_code(
            &[
                "For portfolios formed in June of year t".to_string(),
                "Some new characteristic B".to_string(),
            ],
            false,
        );
        assert_ne!(a, b);
        assert!(a.starts_with("FOR_PORTFOLIOS_FORMED_"), "{a}");
        assert!(a.len() <= MAX_TITLE_CODE, "{a}");
        // FNV-1a of "a" is 0xE40C292C (the published test vector).
        assert_eq!(fnv1a("a"), 0xE40C_292C);
        // Identical titles in one file: the second table is kept under `_T<n>`.
        let text = b"\n  Same Title\n,A\n192607,1.0\n\n  Same Title\n,A\n192607,2.0\n";
        let all = parse("x.csv", text).unwrap();
        let ids: Vec<&str> = all.iter().map(|s| s.meta.id.as_str()).collect();
        assert_eq!(ids, ["FF_X_SAME_TITLE_A", "FF_X_SAME_TITLE_T2_A"]);
    }

    #[test]
    fn wrong_width_is_located() {
        let err = parse(
            "F-F_Research_Data_5_Factors_2x3.csv",
            b",Mkt-RF,SMB\n196307,-0.39,-0.41\n196308,5.07\n",
        )
        .unwrap_err();
        assert_eq!(err.line, Some(3));
        let err = parse(
            "F-F_Research_Data_5_Factors_2x3.csv",
            b",Mkt-RF,SMB\n196307,-0.39,abc\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "F-F_Research_Data_5_Factors_2x3.csv:2: field `SMB`: invalid number \"abc\""
        );
    }
}
