//! The ground truth: for every synthetic company, its fiscal years, filings and the value each
//! filing reports. The writer renders it as SEC JSON; the answers are computed from it.

use jiff::ToSpan as _;
use jiff::civil::{Date, Weekday};

use crate::Rng;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Config {
    pub companies: usize,
    pub seed: u64,
    /// Approximate total uncompressed JSON bytes (default: 800 kB per company).
    pub target_bytes: Option<u64>,
    /// How many entries to damage in each way of [`Damage::ALL`].
    pub damage: usize,
    /// The as-of dates to compute answers for.
    pub as_ofs: Vec<Date>,
    /// Deflate level of the entries.
    pub compression_level: i64,
}

impl Config {
    pub fn new(companies: usize, seed: u64) -> Config {
        Config {
            companies,
            seed,
            target_bytes: None,
            damage: 0,
            as_ofs: crate::default_as_ofs(),
            compression_level: 6,
        }
    }

    pub fn average_company_bytes(&self) -> f64 {
        match self.target_bytes {
            Some(total) => total as f64 / self.companies.max(1) as f64,
            None => 800_000.0,
        }
    }
}

/// Ways an entry is damaged on purpose, each with the skip reason ingest must report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Damage {
    /// Bytes flipped inside the stored entry: the CRC check fails.
    CorruptEntry,
    /// JSON cut in half.
    TruncatedJson,
    /// A control byte in the middle of the JSON.
    CorruptJson,
    /// No `facts` object.
    MissingFacts,
    /// `NetIncomeLoss` in EUR.
    UnexpectedUnit,
    /// A `NetIncomeLoss` value written as a string.
    BadValue,
}

impl Damage {
    pub const ALL: [Damage; 6] = [
        Damage::CorruptEntry,
        Damage::TruncatedJson,
        Damage::CorruptJson,
        Damage::MissingFacts,
        Damage::UnexpectedUnit,
        Damage::BadValue,
    ];

    /// The skip reason bullcheck names for it.
    pub fn reason(self) -> &'static str {
        match self {
            Damage::CorruptEntry => "corrupt-entry",
            Damage::TruncatedJson | Damage::CorruptJson => "invalid-json",
            Damage::MissingFacts => "missing-facts",
            Damage::UnexpectedUnit => "unexpected-unit",
            Damage::BadValue => "bad-value",
        }
    }
}

/// A value as first reported and as reported by later annual reports (a restatement when
/// they differ).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported {
    pub original: i64,
    pub restated: i64,
}

/// The four interest-expense tags, in bullcheck's order of preference.
pub const INTEREST_TAGS: [&str; 4] = [
    "InterestExpense",
    "InterestExpenseNonoperating",
    "InterestExpenseDebt",
    "InterestPaidNet",
];

#[derive(Debug, Clone)]
pub struct Quarter {
    pub start: Date,
    pub end: Date,
    pub filed: Date,
    pub accn: String,
}

/// One fiscal year of one company and its annual report.
#[derive(Debug, Clone)]
pub struct YearPlan {
    pub fiscal_year: i16,
    pub start: Date,
    pub end: Date,
    /// Filing date and accession number of the 10-K for this year.
    pub filed: Date,
    pub accn: String,
    pub quarters: Vec<Quarter>,
    pub net_income: Reported,
    pub operating_income: Reported,
    /// Index into [`INTEREST_TAGS`] and the value, when the company pays interest.
    pub interest: Option<(usize, Reported)>,
    /// Cash interest paid, also tagged, when another tag carries the expense.
    pub interest_paid_extra: Option<i64>,
    /// Buckets 1-5 and after year five, at this year's end.
    pub maturities: Option<([Option<i64>; 5], Option<i64>)>,
    pub long_term_debt: i64,
    /// Public float date and value (cover page of this 10-K).
    pub public_float: Option<(Date, i64)>,
    pub revenue: i64,
    pub capex: i64,
    pub depreciation: i64,
    pub operating_cash_flow: i64,
}

#[derive(Debug, Clone)]
pub struct CompanyPlan {
    pub cik: u64,
    pub name: String,
    pub years: Vec<YearPlan>,
    pub reports_operating_income: bool,
    pub revenue_tag: &'static str,
    pub capex_tag: &'static str,
    pub target_bytes: usize,
    pub damage: Option<Damage>,
    /// Seed for the filler concepts of this company.
    pub filler_seed: u64,
}

#[derive(Debug, Clone, Copy)]
enum YearEnd {
    December,
    June,
    September,
    /// The last Saturday of September (52/53-week years).
    LastSaturdayOfSeptember,
}

fn year_end(kind: YearEnd, year: i16) -> Date {
    match kind {
        YearEnd::December => Date::constant(year, 12, 31),
        YearEnd::June => Date::constant(year, 6, 30),
        YearEnd::September => Date::constant(year, 9, 30),
        YearEnd::LastSaturdayOfSeptember => {
            let mut day = Date::constant(year, 9, 30);
            while day.weekday() != Weekday::Saturday {
                day = day.yesterday().expect("in range");
            }
            day
        }
    }
}

fn thousands(value: f64) -> i64 {
    (value / 1000.0).round() as i64 * 1000
}

/// The last day data is generated for: fiscal years ending after it do not exist yet.
pub const DATA_END: Date = Date::constant(2026, 6, 30);

pub fn plan_companies(config: &Config) -> Vec<CompanyPlan> {
    let mut rng = Rng::new(config.seed);
    let average = config.average_company_bytes();
    let mut companies: Vec<CompanyPlan> = (0..config.companies)
        .map(|index| plan_company(&mut rng, index, average))
        .collect();
    // Damage distinct companies, chosen at random.
    let mut order: Vec<usize> = (0..companies.len()).collect();
    for i in (1..order.len()).rev() {
        let j = rng.range(0, i as i64) as usize;
        order.swap(i, j);
    }
    let mut next = order.into_iter();
    for damage in Damage::ALL {
        for _ in 0..config.damage {
            if let Some(index) = next.next() {
                companies[index].damage = Some(damage);
            }
        }
    }
    companies
}

fn plan_company(rng: &mut Rng, index: usize, average_bytes: f64) -> CompanyPlan {
    let cik = 1_000_000 + index as u64 * 13 + rng.range(0, 12) as u64;
    let kind = match rng.range(0, 19) {
        0..=11 => YearEnd::December,
        12..=14 => YearEnd::June,
        15..=16 => YearEnd::September,
        _ => YearEnd::LastSaturdayOfSeptember,
    };
    let first_year = rng.range(2009, 2021) as i16;
    let stale = rng.chance(0.15);
    let scale = 10f64.powf(6.0 + rng.unit() * 5.0); // revenue from $1M to $100B
    let has_debt = rng.chance(0.8);
    let health = rng.range(0, 9); // 0-1 zombie-like, 2-4 weak, 5-9 healthy
    let interest_base = scale * (0.005 + rng.unit() * 0.075);
    let primary_tag = match rng.range(0, 19) {
        0..=9 => 0,
        10..=14 => 1,
        15..=17 => 2,
        _ => 3,
    };
    let switch_tag_year = rng.chance(0.2).then(|| rng.range(2012, 2024) as i16);
    let extra_paid = primary_tag != 3 && rng.chance(0.3);
    let reports_maturities = has_debt && rng.chance(0.75);
    let reports_float = rng.chance(0.9);
    let float_multiple = 0.5 + rng.unit() * 4.0;

    let mut years = Vec::new();
    let mut previous_end = year_end(kind, first_year - 1);
    let last_allowed = if stale {
        rng.range(i64::from(first_year), 2021) as i16
    } else {
        2026
    };
    let mut seq = 0u32;
    let mut accn = |year: Date| {
        seq += 1;
        format!("{:010}-{:02}-{:06}", cik, year.year() % 100, seq)
    };
    for fiscal_year in first_year..=last_allowed {
        let end = year_end(kind, fiscal_year);
        if end > DATA_END {
            break;
        }
        let start = previous_end.tomorrow().expect("in range");
        previous_end = end;
        let filed = end.checked_add(rng.range(50, 88).days()).expect("in range");
        let quarters = (1..=3)
            .map(|q| {
                let q_end = match kind {
                    YearEnd::LastSaturdayOfSeptember => start.checked_add((13 * 7 * q - 1).days()),
                    _ => start
                        .checked_add((3 * q).months())
                        .and_then(|d| d.checked_sub(1.day())),
                }
                .expect("in range");
                let q_filed = q_end.checked_add(40.days()).expect("in range");
                Quarter {
                    start,
                    end: q_end,
                    filed: q_filed,
                    accn: accn(q_filed),
                }
            })
            .collect();
        let interest_value = thousands(interest_base * (0.8 + rng.unit() * 0.4)).max(1000);
        let multiple = match health {
            0..=1 => -2.0 + rng.unit() * 2.9,
            2..=4 => -1.0 + rng.unit() * 3.0,
            _ => 1.2 + rng.unit() * 8.0,
        };
        let operating = if has_debt {
            thousands(interest_value as f64 * multiple)
        } else {
            thousands(scale * (-0.3 + rng.unit() * 0.6))
        };
        let paid = if has_debt { interest_value } else { 0 };
        let net = operating - paid + thousands(scale * (-0.05 + rng.unit() * 0.1));
        let restate = |rng: &mut Rng, value: i64, p: f64| Reported {
            original: value,
            restated: if rng.chance(p) {
                value + thousands(scale * (-0.1 + rng.unit() * 0.2))
            } else {
                value
            },
        };
        let net_income = restate(rng, net, 0.12);
        let operating_income = restate(rng, operating, 0.12);
        let interest = has_debt.then(|| {
            let tag = match switch_tag_year {
                Some(switch) if fiscal_year >= switch => (primary_tag + 1) % 3,
                _ => primary_tag,
            };
            let mut reported = restate(rng, interest_value, 0.05);
            reported.restated = reported.restated.max(1000);
            (tag, reported)
        });
        let debt = thousands(interest_value as f64 / (0.03 + rng.unit() * 0.04));
        let maturities = reports_maturities.then(|| {
            let weights: Vec<f64> = (0..6).map(|_| rng.unit()).collect();
            let total: f64 = weights.iter().sum();
            let mut buckets = [None; 5];
            for (k, bucket) in buckets.iter_mut().enumerate() {
                if rng.chance(0.9) {
                    *bucket = Some(thousands(debt as f64 * weights[k] / total));
                }
            }
            let after = rng
                .chance(0.8)
                .then(|| thousands(debt as f64 * weights[5] / total));
            (buckets, after)
        });
        let float_date = end.checked_sub(6.months()).expect("in range");
        let public_float = reports_float.then(|| {
            let value =
                (scale * float_multiple * (0.7 + rng.unit() * 0.6) / 100_000.0).round() as i64;
            (float_date, value * 100_000 + index as i64 % 100_000)
        });
        years.push(YearPlan {
            fiscal_year,
            start,
            end,
            filed,
            accn: accn(filed),
            quarters,
            net_income,
            operating_income,
            interest,
            interest_paid_extra: (has_debt && extra_paid)
                .then(|| thousands(interest_value as f64 * 0.9)),
            maturities,
            long_term_debt: debt,
            public_float,
            revenue: thousands(scale),
            capex: thousands(scale * (0.02 + rng.unit() * 0.2)),
            depreciation: thousands(scale * (0.02 + rng.unit() * 0.1)),
            operating_cash_flow: thousands(scale * (-0.1 + rng.unit() * 0.4)),
        });
    }
    let size_weight = if rng.chance(0.03) {
        5.0 + rng.unit() * 7.0
    } else {
        0.4 + rng.unit() * 0.8
    };
    CompanyPlan {
        cik,
        name: format!("Synthetic Filer {index} Inc."),
        years,
        reports_operating_income: rng.chance(0.9),
        revenue_tag: if rng.chance(0.6) {
            "RevenueFromContractWithCustomerExcludingAssessedTax"
        } else {
            "Revenues"
        },
        capex_tag: if rng.chance(0.9) {
            "PaymentsToAcquirePropertyPlantAndEquipment"
        } else {
            "PaymentsToAcquireProductiveAssets"
        },
        target_bytes: (average_bytes * size_weight / 1.03) as usize,
        damage: None,
        filler_seed: rng.next_u64(),
    }
}
