//! Release dates: when each observation became public, so that a verdict "at publication" and
//! `audit --as-of D --real-time` use only what was released by D.
//!
//! What: [`released_on`] gives the day an observation dated `date` of series `id` was
//! published: an exact date from [`CALENDAR`] where one is recorded (releases moved by the
//! 2025 federal shutdown, a company's own earnings day), else the end of the period the
//! observation covers plus the publisher's documented lag ([`LAGS`], each with the page that
//! documents the schedule), else a default by frequency (labelled as such, [`Lag::documented`]).
//! [`known_by`] keeps, in a [`Dataset`], the observations released on or before a day.
//!
//! Why: dating a value by the period it covers is not the same as knowing it: November 2025
//! unemployment (dated 2025-11-01) was released on 16 December 2025, after a seed dated 26
//! November 2025 (issue 22).
//!
//! How: periods are read from the series' frequency (a monthly value dated the 1st covers the
//! month; a quarterly value its quarter; daily and weekly values are dated by their last day).
//! A lag in business days skips Saturdays and Sundays (not holidays). Lags are upper ends of
//! the documented schedules: a value may be counted as released a few days late, never early.
//!
//! Limits: not vintages. The value kept is the latest stored one (revised), not the one first
//! published; FRED's `realtime_start` in the shared files is the day of retrieval (a one-day
//! real-time window), not a release date, so it is not used here (ARCHITECTURE.md). Holidays
//! are not in the calendar.

use crate::series::{Dataset, Date, Series};

/// Where a lag is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// The observation's own date (daily and weekly data, dated by their last day; a
    /// point-in-time figure such as Damodaran's 1 January estimate).
    Date,
    /// The end of the period the observation covers (from the series' frequency).
    PeriodEnd,
}

/// A publisher's lag between the end of what an observation covers and its release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lag {
    pub from: From,
    /// Calendar days, or business days when `business`.
    pub days: i32,
    pub business: bool,
    /// Who publishes the series and where the schedule is documented (`""` for a default).
    pub publisher: &'static str,
    pub url: &'static str,
}

impl Lag {
    /// Whether the lag is the publisher's documented one (else a default by frequency).
    pub fn documented(&self) -> bool {
        !self.url.is_empty()
    }
}

const fn lag(
    from: From,
    days: i32,
    business: bool,
    publisher: &'static str,
    url: &'static str,
) -> Lag {
    Lag {
        from,
        days,
        business,
        publisher,
        url,
    }
}

const H15: &str = "https://www.federalreserve.gov/releases/h15/";
const BLS_EMPSIT: &str = "https://www.bls.gov/schedule/news_release/empsit.htm";
const BEA: &str = "https://www.bea.gov/news/schedule";
const MARKET: &str = "https://fred.stlouisfed.org/releases/calendar";
const SEC_10Q: &str = "https://www.sec.gov/files/form10-q.pdf";

/// Documented lags by series id, or by id prefix when the id ends in `*`. The first match wins.
#[rustfmt::skip]
pub const LAGS: &[(&str, Lag)] = &[
    // Daily market data: published the next business day at the latest.
    ("DGS*", lag(From::Date, 1, true, "Federal Reserve H.15", H15)),
    ("GHALAM_DGS*", lag(From::Date, 1, true, "Federal Reserve H.15", H15)),
    ("DFII*", lag(From::Date, 1, true, "Federal Reserve H.15", H15)),
    ("T10Y*", lag(From::Date, 1, true, "FRED (from H.15)", MARKET)),
    ("VIXCLS", lag(From::Date, 1, true, "Cboe via FRED", MARKET)),
    ("SKEW", lag(From::Date, 1, true, "Cboe", "https://www.cboe.com/us/indices/dashboard/skew/")),
    ("MOVE", lag(From::Date, 1, true, "ICE BofA", MARKET)),
    ("BAML*", lag(From::Date, 1, true, "ICE BofA via FRED", MARKET)),
    ("SP500*", lag(From::Date, 1, true, "S&P Dow Jones Indices via FRED", MARKET)),
    ("IWM_SPY_RATIO", lag(From::Date, 1, true, "ETF closes", MARKET)),
    ("SSE_COMPOSITE_CLOSE", lag(From::Date, 1, true, "Shanghai Stock Exchange", "https://english.sse.com.cn/markets/indices/overview/")),
    ("GOLD_LBMA*", lag(From::Date, 1, true, "LBMA", "https://www.lbma.org.uk/prices-and-data/precious-metal-prices")),
    ("RRPONTSYD", lag(From::Date, 1, true, "NY Fed reverse repo operations", "https://www.newyorkfed.org/markets/desk-operations/reverse-repo")),
    ("DEBT_TO_PENNY", lag(From::Date, 1, true, "US Treasury, Debt to the Penny", "https://fiscaldata.treasury.gov/datasets/debt-to-the-penny/")),
    // H.10 exchange rates are released weekly, on Monday for the week before.
    ("DTWEXBGS", lag(From::Date, 7, false, "Federal Reserve H.10", "https://www.federalreserve.gov/releases/h10/")),
    ("DEXCHUS", lag(From::Date, 7, false, "Federal Reserve H.10", "https://www.federalreserve.gov/releases/h10/")),
    ("GHALAM_DEXCHUS", lag(From::Date, 7, false, "Federal Reserve H.10", "https://www.federalreserve.gov/releases/h10/")),
    ("ACM*", lag(From::Date, 7, false, "NY Fed, ACM term premia", "https://www.newyorkfed.org/research/data_indicators/term-premia-tabs")),
    // Weekly.
    ("ICSA", lag(From::Date, 5, false, "US Department of Labor (Thursday after the week ending Saturday)", "https://www.dol.gov/ui/data.pdf")),
    ("WALCL", lag(From::Date, 1, false, "Federal Reserve H.4.1 (Thursday, for Wednesday)", "https://www.federalreserve.gov/releases/h41/")),
    ("NFCI", lag(From::Date, 5, false, "Chicago Fed (Wednesday after the week ending Friday)", "https://www.chicagofed.org/research/data/nfci/current-data")),
    ("ANFCI", lag(From::Date, 5, false, "Chicago Fed (Wednesday after the week ending Friday)", "https://www.chicagofed.org/research/data/nfci/current-data")),
    ("STLFSI*", lag(From::Date, 6, false, "St. Louis Fed (Thursday after the week ending Friday)", "https://fred.stlouisfed.org/series/STLFSI4")),
    // Monthly.
    ("UNRATE", lag(From::PeriodEnd, 10, false, "BLS Employment Situation", BLS_EMPSIT)),
    ("PAYEMS", lag(From::PeriodEnd, 10, false, "BLS Employment Situation", BLS_EMPSIT)),
    ("SAHM*", lag(From::PeriodEnd, 10, false, "FRED, from the BLS Employment Situation", BLS_EMPSIT)),
    ("GHALAM_UNRATE", lag(From::PeriodEnd, 10, false, "BLS Employment Situation", BLS_EMPSIT)),
    ("CPIAUCSL", lag(From::PeriodEnd, 20, false, "BLS CPI", "https://www.bls.gov/schedule/news_release/cpi.htm")),
    ("INDPRO", lag(From::PeriodEnd, 20, false, "Federal Reserve G.17", "https://www.federalreserve.gov/releases/g17/")),
    ("PSAVERT", lag(From::PeriodEnd, 31, false, "BEA Personal Income and Outlays", BEA)),
    ("M2SL", lag(From::PeriodEnd, 28, false, "Federal Reserve H.6", "https://www.federalreserve.gov/releases/h6/")),
    ("RECPROUSM156N", lag(From::PeriodEnd, 62, false, "Chauvet-Piger via FRED (two months)", "https://fred.stlouisfed.org/series/RECPROUSM156N")),
    ("MTS*", lag(From::PeriodEnd, 14, false, "Monthly Treasury Statement (eighth business day)", "https://fiscaldata.treasury.gov/datasets/monthly-treasury-statement/")),
    ("TREASURY_INTEREST_EXPENSE_MONTHLY", lag(From::PeriodEnd, 14, false, "US Treasury Fiscal Data", "https://fiscaldata.treasury.gov/datasets/interest-expense-debt-outstanding/")),
    ("FINRA_MARGIN*", lag(From::PeriodEnd, 25, false, "FINRA margin statistics", "https://www.finra.org/rules-guidance/key-topics/margin-accounts/margin-statistics")),
    ("SHILLER_P", lag(From::PeriodEnd, 31, false, "Robert Shiller, ie_data (monthly update)", "http://www.econ.yale.edu/~shiller/data.htm")),
    ("SHILLER_CPI", lag(From::PeriodEnd, 20, false, "BLS CPI via Shiller", "https://www.bls.gov/schedule/news_release/cpi.htm")),
    ("SHILLER_*", lag(From::PeriodEnd, 95, false, "S&P earnings (quarterly, about three months) via Shiller", "http://www.econ.yale.edu/~shiller/data.htm")),
    ("PBOC_MLF_NET", lag(From::Date, 1, true, "People's Bank of China open-market announcements", "http://www.pbc.gov.cn/en/3688229/3688311/index.html")),
    // Quarterly.
    ("GDP", lag(From::PeriodEnd, 31, false, "BEA advance estimate", BEA)),
    ("GDPC1", lag(From::PeriodEnd, 31, false, "BEA advance estimate", BEA)),
    ("GHALAM_GDP", lag(From::PeriodEnd, 31, false, "BEA advance estimate", BEA)),
    ("DEBT_TO_GDP_PCT", lag(From::PeriodEnd, 31, false, "BEA advance estimate (GDP)", BEA)),
    ("A091RC1Q027SBEA", lag(From::PeriodEnd, 60, false, "BEA NIPA (second estimate)", BEA)),
    ("B087RC1Q027SBEA", lag(From::PeriodEnd, 60, false, "BEA NIPA (second estimate)", BEA)),
    ("W006RC1Q027SBEA", lag(From::PeriodEnd, 60, false, "BEA NIPA (second estimate)", BEA)),
    ("W068RCQ027SBEA", lag(From::PeriodEnd, 60, false, "BEA NIPA (second estimate)", BEA)),
    ("GFDEBTN", lag(From::PeriodEnd, 60, false, "US Treasury via FRED", "https://fred.stlouisfed.org/series/GFDEBTN")),
    ("DRCLACBS", lag(From::PeriodEnd, 60, false, "Federal Reserve charge-off and delinquency rates", "https://www.federalreserve.gov/releases/chargeoff/")),
    ("DRBLACBS", lag(From::PeriodEnd, 60, false, "Federal Reserve charge-off and delinquency rates", "https://www.federalreserve.gov/releases/chargeoff/")),
    ("TDSP", lag(From::PeriodEnd, 95, false, "Federal Reserve household debt service ratio", "https://www.federalreserve.gov/releases/housedebt/")),
    ("MSPUS", lag(From::PeriodEnd, 30, false, "US Census new residential sales", "https://www.census.gov/construction/nrs/index.html")),
    ("DFA_*", lag(From::PeriodEnd, 80, false, "Federal Reserve DFA (with the Z.1)", "https://www.federalreserve.gov/releases/z1/dataviz/dfa/")),
    ("COFER_*", lag(From::PeriodEnd, 95, false, "IMF COFER (about one quarter)", "https://data.imf.org/en/datasets/IMF.STA:COFER")),
    // Company filings: a 10-Q is due 40 days after the quarter for large accelerated filers.
    ("SEC_*", lag(From::Date, 40, false, "SEC Form 10-Q deadline", SEC_10Q)),
    ("HYPERSCALER_*", lag(From::Date, 40, false, "SEC Form 10-Q deadline", SEC_10Q)),
    // Annual, dated by the day it describes.
    ("DAMODARAN_*", lag(From::Date, 15, false, "Damodaran's January update", "https://pages.stern.nyu.edu/~adamodar/New_Home_Page/datafile/implpr.html")),
];

/// Exact release days that differ from the usual lag: (series id or `prefix*`, observation
/// date, release day, source).
#[rustfmt::skip]
pub const CALENDAR: &[(&str, Date, Date, &str)] = &[
    // The 2025 federal shutdown: September's Employment Situation came out on 20 November,
    // October's household survey was never collected, November's came out on 16 December.
    ("UNRATE", Date::constant(2025, 9, 1), Date::constant(2025, 11, 20), BLS_EMPSIT),
    ("UNRATE", Date::constant(2025, 11, 1), Date::constant(2025, 12, 16), BLS_EMPSIT),
    ("PAYEMS", Date::constant(2025, 9, 1), Date::constant(2025, 11, 20), BLS_EMPSIT),
    ("PAYEMS", Date::constant(2025, 10, 1), Date::constant(2025, 12, 16), BLS_EMPSIT),
    ("PAYEMS", Date::constant(2025, 11, 1), Date::constant(2025, 12, 16), BLS_EMPSIT),
    ("SAHM*", Date::constant(2025, 9, 1), Date::constant(2025, 11, 20), BLS_EMPSIT),
    ("SAHM*", Date::constant(2025, 11, 1), Date::constant(2025, 12, 16), BLS_EMPSIT),
    // Nvidia's fiscal 2026 third quarter (ended 26 October 2025), reported 19 November 2025.
    ("SEC_NVDA_*", Date::constant(2025, 10, 26), Date::constant(2025, 11, 19), "https://nvidianews.nvidia.com/news/nvidia-announces-financial-results-for-third-quarter-fiscal-2026"),
];

fn matches(pattern: &str, id: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => id.starts_with(prefix),
        None => pattern == id,
    }
}

/// The lag of series `id` (frequency code `frequency`, e.g. `M`): the documented one, else a
/// default by frequency.
pub fn lag_for(id: &str, frequency: &str) -> Lag {
    if let Some((_, l)) = LAGS.iter().find(|(p, _)| matches(p, id)) {
        return *l;
    }
    match frequency.chars().next() {
        Some('D') => lag(From::Date, 1, true, "", ""),
        Some('W') => lag(From::Date, 7, false, "", ""),
        Some('M') => lag(From::PeriodEnd, 31, false, "", ""),
        Some('Q') => lag(From::PeriodEnd, 95, false, "", ""),
        Some('A') | Some('Y') => lag(From::PeriodEnd, 120, false, "", ""),
        _ => lag(From::PeriodEnd, 31, false, "", ""),
    }
}

/// The last day of the period an observation dated `date` covers, for frequency `frequency`
/// (`freq` as the series gives it; unknown → the month).
pub fn period_end(date: Date, frequency: &str) -> Date {
    let months = match frequency.chars().next() {
        Some('D') | Some('W') => return date,
        Some('Q') => 3,
        Some('A') | Some('Y') => 12,
        _ => 1,
    };
    let first = date.first_of_month();
    first
        .checked_add(jiff::Span::new().months(months))
        .and_then(|d| d.checked_sub(jiff::Span::new().days(1)))
        .unwrap_or(date)
}

fn add_business_days(mut date: Date, n: i32) -> Date {
    let mut left = n;
    while left > 0 {
        date = date.tomorrow().unwrap_or(date);
        if !matches!(
            date.weekday(),
            jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
        ) {
            left -= 1;
        }
    }
    date
}

/// The day the observation of `id` dated `date` was released.
pub fn released_on(id: &str, frequency: &str, date: Date) -> Date {
    if let Some((_, _, day, _)) = CALENDAR
        .iter()
        .find(|(p, d, _, _)| *d == date && matches(p, id))
    {
        return *day;
    }
    let l = lag_for(id, frequency);
    let start = match l.from {
        From::Date => date,
        From::PeriodEnd => period_end(date, frequency),
    };
    if l.business {
        add_business_days(start, l.days)
    } else {
        start
            .checked_add(jiff::Span::new().days(l.days))
            .unwrap_or(Date::MAX)
    }
}

/// The frequency code of a series: its own, else from the spacing of its points.
fn frequency_of(series: &Series) -> String {
    if !series.meta.frequency.is_empty() {
        return series.meta.frequency.clone();
    }
    let p = &series.points;
    let n = p.len();
    if n < 2 {
        return String::new();
    }
    let mut gaps: Vec<i32> = p.windows(2).map(|w| (w[1].0 - w[0].0).get_days()).collect();
    gaps.sort_unstable();
    match gaps[gaps.len() / 2] {
        0..=4 => "D",
        5..=10 => "W",
        11..=45 => "M",
        46..=120 => "Q",
        _ => "A",
    }
    .to_string()
}

/// The dataset as it was public on `day`: each series keeps the observations released on or
/// before it (see [`released_on`]).
pub fn known_by(data: &Dataset, day: Date) -> Dataset {
    let mut out = Dataset::default();
    for series in data.series.values() {
        let frequency = frequency_of(series);
        let id = &series.meta.id;
        let points = series
            .up_to(day)
            .iter()
            .copied()
            .filter(|(d, _)| released_on(id, &frequency, *d) <= day)
            .collect();
        out.insert(Series {
            meta: series.meta.clone(),
            points,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::SeriesMeta;
    use jiff::civil::date;

    fn series(id: &str, freq: &str, points: &[(Date, f64)]) -> Series {
        Series::new(
            SeriesMeta {
                id: id.into(),
                frequency: freq.into(),
                ..SeriesMeta::default()
            },
            points.to_vec(),
        )
    }

    #[test]
    fn november_2025_unemployment_was_not_known_on_26_november() {
        // BLS: September 2025 released 20 November, November released 16 December.
        assert_eq!(
            released_on("UNRATE", "M", date(2025, 9, 1)),
            date(2025, 11, 20)
        );
        assert_eq!(
            released_on("UNRATE", "M", date(2025, 11, 1)),
            date(2025, 12, 16)
        );
        // An ordinary month: the end of the month plus ten days.
        assert_eq!(
            released_on("UNRATE", "M", date(2024, 6, 1)),
            date(2024, 7, 10)
        );
        let mut data = Dataset::default();
        data.insert(series(
            "UNRATE",
            "M",
            &[
                (date(2025, 8, 1), 4.3),
                (date(2025, 9, 1), 4.4),
                (date(2025, 11, 1), 4.6),
            ],
        ));
        let known = known_by(&data, date(2025, 11, 26));
        assert_eq!(
            known.get("UNRATE").unwrap().last(),
            Some((date(2025, 9, 1), 4.4))
        );
        let known = known_by(&data, date(2025, 11, 19));
        assert_eq!(
            known.get("UNRATE").unwrap().last(),
            Some((date(2025, 8, 1), 4.3))
        );
    }

    #[test]
    fn periods_and_business_days() {
        assert_eq!(period_end(date(2025, 7, 1), "Q"), date(2025, 9, 30));
        assert_eq!(period_end(date(2024, 2, 1), "M"), date(2024, 2, 29));
        assert_eq!(period_end(date(2024, 2, 7), "D"), date(2024, 2, 7));
        // Friday's yield is out on Monday.
        assert_eq!(
            released_on("DGS10", "D", date(2025, 11, 21)),
            date(2025, 11, 24)
        );
        // A company quarter is dated by its last day: its 10-Q is due 40 days later.
        assert_eq!(
            released_on("SEC_NVDA_REVENUE_QTR", "Q", date(2025, 7, 27)),
            date(2025, 9, 5)
        );
        // GDP for 2025Q3: quarter end + 31 days.
        assert_eq!(
            released_on("GDP", "Q", date(2025, 7, 1)),
            date(2025, 10, 31)
        );
        // An unknown monthly series: the default, not documented.
        assert!(!lag_for("MYSERIES", "M").documented());
        assert!(lag_for("UNRATE", "M").documented());
    }

    #[test]
    fn every_documented_lag_cites_a_full_url() {
        for (id, l) in LAGS {
            assert!(
                l.url.starts_with("http") && l.url.matches('/').count() >= 3,
                "{id}"
            );
            assert!(!l.publisher.is_empty(), "{id}");
        }
        for (id, _, _, url) in CALENDAR {
            assert!(url.starts_with("https://"), "{id}");
        }
    }
}
