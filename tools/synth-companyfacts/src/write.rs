//! Rendering the plan as SEC `companyfacts` JSON and writing the zip archive.

use std::fmt::Write as _;
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};

use jiff::civil::Date;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::Rng;
use crate::plan::{CompanyPlan, Config, Damage, INTEREST_TAGS, Reported, YearPlan};

/// Writes the archive; returns the CIKs of the damaged entries.
pub fn write_archive(
    config: &Config,
    companies: &[CompanyPlan],
    out: &std::path::Path,
) -> anyhow::Result<Vec<u64>> {
    let file = std::fs::File::create(out)?;
    let mut zip = ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, file));
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(config.compression_level))
        .large_file(false);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut corrupt_names = Vec::new();
    let mut damaged = Vec::new();
    let mut json = String::new();
    for company in companies {
        json.clear();
        render_company(company, &mut json);
        let name = format!("CIK{:010}.json", company.cik);
        match company.damage {
            Some(Damage::TruncatedJson) => json.truncate(json.len() / 2),
            Some(Damage::CorruptJson) => {
                let middle = json.len() / 3;
                json.replace_range(middle..middle + 1, "\u{1}");
            }
            _ => {}
        }
        if company.damage.is_some() {
            damaged.push(company.cik);
        }
        if company.damage == Some(Damage::CorruptEntry) {
            zip.start_file(name.as_str(), stored)?;
            corrupt_names.push(name);
        } else {
            zip.start_file(name.as_str(), deflated)?;
        }
        zip.write_all(json.as_bytes())?;
    }
    zip.finish()?.flush()?;
    // Flip bytes inside the stored data of the corrupt entries: the CRC check then fails.
    if !corrupt_names.is_empty() {
        let mut offsets = Vec::new();
        {
            let mut archive = zip::ZipArchive::new(std::fs::File::open(out)?)?;
            for name in &corrupt_names {
                let index = archive
                    .index_for_name(name)
                    .ok_or_else(|| anyhow::anyhow!("{name} missing"))?;
                let entry = archive.by_index_raw(index)?;
                let start = entry
                    .data_start()
                    .ok_or_else(|| anyhow::anyhow!("no data start"))?;
                offsets.push(start + entry.compressed_size() / 2);
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(out)?;
        for offset in offsets {
            let mut byte = [0u8; 1];
            file.seek(SeekFrom::Start(offset))?;
            file.read_exact(&mut byte)?;
            byte[0] = if byte[0] == b'7' { b'8' } else { b'7' };
            file.seek(SeekFrom::Start(offset))?;
            file.write_all(&byte)?;
        }
    }
    Ok(damaged)
}

/// One fact row.
struct Row<'a> {
    start: Option<Date>,
    end: Date,
    val: Val,
    accn: &'a str,
    fy: i16,
    fp: &'a str,
    form: &'a str,
    filed: Date,
    frame: Option<String>,
}

#[derive(Clone, Copy)]
enum Val {
    Int(i64),
    Decimal(f64),
    /// A number written as a JSON string (damage).
    Text(i64),
}

fn push_row(out: &mut String, row: &Row<'_>) {
    out.push('{');
    if let Some(start) = row.start {
        let _ = write!(out, "\"start\":\"{start}\",");
    }
    let _ = write!(out, "\"end\":\"{}\",\"val\":", row.end);
    let _ = match row.val {
        Val::Int(v) => write!(out, "{v}"),
        Val::Decimal(v) => write!(out, "{v:.2}"),
        Val::Text(v) => write!(out, "\"{v}\""),
    };
    let _ = write!(
        out,
        ",\"accn\":\"{}\",\"fy\":{},\"fp\":\"{}\",\"form\":\"{}\",\"filed\":\"{}\"",
        row.accn, row.fy, row.fp, row.form, row.filed
    );
    if let Some(frame) = &row.frame {
        let _ = write!(out, ",\"frame\":\"{frame}\"");
    }
    out.push('}');
}

fn push_concept(out: &mut String, name: &str, unit: &str, rows: &[Row<'_>]) {
    let _ = write!(
        out,
        "\"{name}\":{{\"label\":\"{}\",\"description\":\"{}\",\"units\":{{\"{unit}\":[",
        label(name),
        DESCRIPTION
    );
    for (i, row) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_row(out, row);
    }
    out.push_str("]}}");
}

const DESCRIPTION: &str = "Amount, after tax and before adjustments attributable to noncontrolling \
interest, of income (loss) and other items reported in the period, as defined in the taxonomy; \
synthetic text standing in for the SEC's element description.";

fn label(name: &str) -> String {
    let mut label = String::with_capacity(name.len() + 8);
    for (i, c) in name.chars().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            label.push(' ');
        }
        label.push(c);
    }
    label
}

fn frame_of(year: &YearPlan, december: bool) -> Option<String> {
    december.then(|| format!("CY{}", year.fiscal_year))
}

/// Annual rows of a duration concept: each 10-K reports its year (original value) and the two
/// prior years as comparatives (restated values).
fn annual_rows<'a>(
    years: &'a [YearPlan],
    value: impl Fn(&YearPlan) -> Option<Reported>,
    from: usize,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for (i, report) in years.iter().enumerate().skip(from) {
        for back in 0..3usize {
            let Some(j) = i.checked_sub(back) else { break };
            if j < from {
                break;
            }
            let year = &years[j];
            let Some(reported) = value(year) else {
                continue;
            };
            let december = year.end.month() == 12 && year.end.day() == 31;
            rows.push(Row {
                start: Some(year.start),
                end: year.end,
                val: Val::Int(if back == 0 {
                    reported.original
                } else {
                    reported.restated
                }),
                accn: &report.accn,
                fy: report.fiscal_year,
                fp: "FY",
                form: "10-K",
                filed: report.filed,
                frame: if back == 0 {
                    frame_of(year, december)
                } else {
                    None
                },
            });
        }
    }
    rows
}

/// Quarterly rows of the last three years: three-month values and year-to-date values in the
/// 10-Qs, and the fourth quarter tagged `fp = FY` in the 10-K.
fn quarterly_rows<'a>(
    years: &'a [YearPlan],
    annual: impl Fn(&YearPlan) -> Option<i64>,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    for year in years.iter().skip(years.len().saturating_sub(3)) {
        let Some(total) = annual(year) else { continue };
        let quarter_value = total / 4 / 1000 * 1000;
        let mut previous_end = year.start.yesterday().expect("in range");
        for (q, quarter) in year.quarters.iter().enumerate() {
            let fp = ["Q1", "Q2", "Q3"][q];
            rows.push(Row {
                start: Some(previous_end.tomorrow().expect("in range")),
                end: quarter.end,
                val: Val::Int(quarter_value + 1000 * q as i64),
                accn: &quarter.accn,
                fy: year.fiscal_year,
                fp,
                form: "10-Q",
                filed: quarter.filed,
                frame: None,
            });
            if q > 0 {
                rows.push(Row {
                    start: Some(quarter.start),
                    end: quarter.end,
                    val: Val::Int(quarter_value * (q as i64 + 1)),
                    accn: &quarter.accn,
                    fy: year.fiscal_year,
                    fp,
                    form: "10-Q",
                    filed: quarter.filed,
                    frame: None,
                });
            }
            previous_end = quarter.end;
        }
        rows.push(Row {
            start: Some(previous_end.tomorrow().expect("in range")),
            end: year.end,
            val: Val::Int(total - 3 * quarter_value),
            accn: &year.accn,
            fy: year.fiscal_year,
            fp: "FY",
            form: "10-K",
            filed: year.filed,
            frame: None,
        });
    }
    rows
}

/// An instant row at `year`'s end; callers set the reporting filing's fields.
fn instant(year: &YearPlan, _report: &YearPlan, val: i64) -> Row<'static> {
    Row {
        start: None,
        end: year.end,
        val: Val::Int(val),
        accn: "",
        fy: 0,
        fp: "FY",
        form: "10-K",
        filed: year.filed,
        frame: None,
    }
}

fn render_company(company: &CompanyPlan, out: &mut String) {
    let _ = write!(
        out,
        "{{\"cik\":{},\"entityName\":\"{}\"",
        company.cik, company.name
    );
    if company.damage == Some(Damage::MissingFacts) {
        out.push('}');
        return;
    }
    let years = &company.years;
    let recent = years.len().saturating_sub(6);
    let mut needed: Vec<String> = Vec::new();
    let mut concept = |name: &str, unit: &str, rows: Vec<Row<'_>>| {
        if !rows.is_empty() {
            let mut text = String::new();
            push_concept(&mut text, name, unit, &rows);
            needed.push(text);
        }
    };

    let mut net_income = annual_rows(years, |y| Some(y.net_income), 0);
    net_income.extend(quarterly_rows(years, |y| Some(y.net_income.restated)));
    if company.damage == Some(Damage::BadValue)
        && let Some(first) = net_income.first_mut()
        && let Val::Int(v) = first.val
    {
        first.val = Val::Text(v);
    }
    let unit = if company.damage == Some(Damage::UnexpectedUnit) {
        "EUR"
    } else {
        "USD"
    };
    concept("NetIncomeLoss", unit, net_income);
    if company.reports_operating_income {
        let mut rows = annual_rows(years, |y| Some(y.operating_income), 0);
        rows.extend(quarterly_rows(years, |y| Some(y.operating_income.restated)));
        concept("OperatingIncomeLoss", "USD", rows);
    }
    for (tag_index, tag) in INTEREST_TAGS.iter().enumerate() {
        let mut rows = annual_rows(
            years,
            |y| match y.interest {
                Some((t, reported)) if t == tag_index => Some(reported),
                _ => None,
            },
            0,
        );
        if tag_index == 3 {
            rows.extend(annual_rows(
                years,
                |y| {
                    y.interest_paid_extra.map(|v| Reported {
                        original: v,
                        restated: v,
                    })
                },
                0,
            ));
        }
        concept(tag, "USD", rows);
    }
    let plain = |v: i64| {
        Some(Reported {
            original: v,
            restated: v,
        })
    };
    concept(
        company.revenue_tag,
        "USD",
        annual_rows(years, |y| plain(y.revenue), recent),
    );
    concept(
        company.capex_tag,
        "USD",
        annual_rows(years, |y| plain(y.capex), recent),
    );
    concept(
        "DepreciationDepletionAndAmortization",
        "USD",
        annual_rows(years, |y| plain(y.depreciation), recent),
    );
    concept(
        "NetCashProvidedByUsedInOperatingActivities",
        "USD",
        annual_rows(years, |y| plain(y.operating_cash_flow), recent),
    );

    // Instants: long-term debt at this and the prior year end (10-K), and at the prior year
    // end again in the next first-quarter 10-Q; maturities at this year end only.
    let mut debt_rows = Vec::new();
    for (i, year) in years.iter().enumerate() {
        for reported in &years[i.saturating_sub(1)..=i] {
            let mut row = instant(reported, year, reported.long_term_debt);
            row.accn = &year.accn;
            row.fy = year.fiscal_year;
            row.filed = year.filed;
            debt_rows.push(row);
        }
        if let Some(next) = years.get(i + 1) {
            let quarter = &next.quarters[0];
            let mut row = instant(year, year, year.long_term_debt + 1000);
            row.accn = &quarter.accn;
            row.fy = next.fiscal_year;
            row.fp = "Q1";
            row.form = "10-Q";
            row.filed = quarter.filed;
            debt_rows.push(row);
        }
    }
    concept("LongTermDebt", "USD", debt_rows);
    const BUCKETS: [&str; 6] = [
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInNextTwelveMonths",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearTwo",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearThree",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearFour",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalInYearFive",
        "LongTermDebtMaturitiesRepaymentsOfPrincipalAfterYearFive",
    ];
    for (k, name) in BUCKETS.iter().enumerate() {
        let mut rows = Vec::new();
        for year in years {
            let Some((buckets, after)) = year.maturities else {
                continue;
            };
            let value = if k < 5 { buckets[k] } else { after };
            if let Some(value) = value {
                let mut row = instant(year, year, value);
                row.accn = &year.accn;
                row.fy = year.fiscal_year;
                rows.push(row);
            }
        }
        concept(name, "USD", rows);
    }

    // dei first, then us-gaap with the needed concepts spread among the filler.
    out.push_str(",\"facts\":{\"dei\":{");
    let shares: Vec<Row<'_>> = years
        .iter()
        .map(|y| Row {
            start: None,
            end: y.filed,
            val: Val::Int(1_000_000 + (company.cik as i64 % 977) * 10_000),
            accn: &y.accn,
            fy: y.fiscal_year,
            fp: "FY",
            form: "10-K",
            filed: y.filed,
            frame: None,
        })
        .collect();
    push_concept(out, "EntityCommonStockSharesOutstanding", "shares", &shares);
    let floats: Vec<Row<'_>> = years
        .iter()
        .filter_map(|y| {
            y.public_float.map(|(date, value)| Row {
                start: None,
                end: date,
                val: Val::Int(value),
                accn: &y.accn,
                fy: y.fiscal_year,
                fp: "FY",
                form: "10-K",
                filed: y.filed,
                frame: None,
            })
        })
        .collect();
    if !floats.is_empty() {
        out.push(',');
        push_concept(out, "EntityPublicFloat", "USD", &floats);
    }
    out.push_str("},\"us-gaap\":{");
    let mut rng = Rng::new(company.filler_seed);
    let mut first = true;
    let mut pending = needed.into_iter().peekable();
    let mut filler_index = 0usize;
    while out.len() < company.target_bytes || pending.peek().is_some() {
        if !first {
            out.push(',');
        }
        first = false;
        let place_needed =
            pending.peek().is_some() && (out.len() >= company.target_bytes || rng.chance(0.15));
        if place_needed {
            out.push_str(&pending.next().expect("peeked"));
        } else {
            push_filler(out, years, filler_index, &mut rng);
            filler_index += 1;
        }
    }
    out.push_str("}}}");
}

/// Real us-gaap element names the screens do not use.
const FILLER_NAMES: [&str; 40] = [
    "AccountsPayableCurrent",
    "AccountsReceivableNetCurrent",
    "AccruedLiabilitiesCurrent",
    "AccumulatedOtherComprehensiveIncomeLossNetOfTax",
    "AdditionalPaidInCapital",
    "AllocatedShareBasedCompensationExpense",
    "AmortizationOfIntangibleAssets",
    "Assets",
    "AssetsCurrent",
    "CashAndCashEquivalentsAtCarryingValue",
    "CommonStockSharesIssued",
    "CommonStockValue",
    "CostOfRevenue",
    "DeferredIncomeTaxExpenseBenefit",
    "DeferredRevenueCurrent",
    "EarningsPerShareBasic",
    "EarningsPerShareDiluted",
    "Goodwill",
    "GrossProfit",
    "IncomeTaxExpenseBenefit",
    "IncreaseDecreaseInAccountsPayable",
    "IncreaseDecreaseInAccountsReceivable",
    "IncreaseDecreaseInInventories",
    "IntangibleAssetsNetExcludingGoodwill",
    "InventoryNet",
    "Liabilities",
    "LiabilitiesAndStockholdersEquity",
    "LiabilitiesCurrent",
    "NetCashProvidedByUsedInFinancingActivities",
    "NetCashProvidedByUsedInInvestingActivities",
    "OperatingExpenses",
    "PaymentsForRepurchaseOfCommonStock",
    "PaymentsOfDividends",
    "PropertyPlantAndEquipmentNet",
    "ResearchAndDevelopmentExpense",
    "RetainedEarningsAccumulatedDeficit",
    "SellingGeneralAndAdministrativeExpense",
    "ShareBasedCompensation",
    "StockholdersEquity",
    "WeightedAverageNumberOfSharesOutstandingBasic",
];

fn push_filler(out: &mut String, years: &[YearPlan], index: usize, rng: &mut Rng) {
    let base = FILLER_NAMES[index % FILLER_NAMES.len()];
    let name = match index / FILLER_NAMES.len() {
        0 => base.to_string(),
        round => format!("{base}Segment{round}"),
    };
    let (unit, per_share) = match base {
        "EarningsPerShareBasic" | "EarningsPerShareDiluted" => ("USD/shares", true),
        "CommonStockSharesIssued" | "WeightedAverageNumberOfSharesOutstandingBasic" => {
            ("shares", false)
        }
        _ => ("USD", false),
    };
    let mut rows = Vec::new();
    for (i, report) in years.iter().enumerate() {
        for back in 0..3usize.min(i + 1) {
            let year = &years[i - back];
            let val = if per_share {
                Val::Decimal(rng.unit() * 20.0 - 5.0)
            } else {
                Val::Int(rng.range(-5_000_000, 900_000_000) * 1000)
            };
            rows.push(Row {
                start: Some(year.start),
                end: year.end,
                val,
                accn: &report.accn,
                fy: report.fiscal_year,
                fp: "FY",
                form: "10-K",
                filed: report.filed,
                frame: (back == 0).then(|| format!("CY{}", year.fiscal_year)),
            });
        }
        for (q, quarter) in report.quarters.iter().enumerate() {
            rows.push(Row {
                start: Some(quarter.start),
                end: quarter.end,
                val: Val::Int(rng.range(0, 90_000_000) * 1000),
                accn: &quarter.accn,
                fy: report.fiscal_year,
                fp: ["Q1", "Q2", "Q3"][q],
                form: "10-Q",
                filed: quarter.filed,
                frame: None,
            });
        }
    }
    push_concept(out, &name, unit, &rows);
}
