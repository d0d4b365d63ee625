//! The titles and units FRED publishes for the FRED series bullcheck reads, for `data list`
//! and `data show` when the stored copy carries none: FRED's CSV downloads (`DATE,DGS10`,
//! `fredgraph.csv`) hold only dates and values, so a series imported from one has no title.
//!
//! Each row is what the series page `https://fred.stlouisfed.org/series/ID` shows (title,
//! units, frequency), transcribed in December 2026 and compared with public copies of FRED's
//! metadata. FRED retitles series now and then (the Treasury yields gained "Market Yield on
//! U.S. Treasury Securities…" in 2025), so the page is the authority; a title stored from
//! the publisher's own file always wins over this table. An id not here stays without a title
//! (shown as missing, never guessed): B087RC1Q027SBEA and W068RCQ027SBEA, whose titles were
//! not confirmed, are left out on purpose.

/// FRED's title, units and frequency of one series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FredTitle {
    pub id: &'static str,
    pub title: &'static str,
    pub units: &'static str,
    pub frequency: &'static str,
}

/// The page a row of [`FRED_TITLES`] is read from.
pub fn fred_series_url(id: &str) -> String {
    format!("https://fred.stlouisfed.org/series/{id}")
}

/// FRED's title and units of `id`, when the table has it.
pub fn fred_title(id: &str) -> Option<&'static FredTitle> {
    FRED_TITLES.iter().find(|t| t.id == id)
}

const fn row(
    id: &'static str,
    title: &'static str,
    units: &'static str,
    frequency: &'static str,
) -> FredTitle {
    FredTitle {
        id,
        title,
        units,
        frequency,
    }
}

const PCT: &str = "Percent";
const BN: &str = "Billions of Dollars";

/// Sorted by id.
pub const FRED_TITLES: &[FredTitle] = &[
    row(
        "A091RC1Q027SBEA",
        "Federal government current expenditures: Interest payments",
        BN,
        "Quarterly",
    ),
    row(
        "ANFCI",
        "Chicago Fed Adjusted National Financial Conditions Index",
        "Index",
        "Weekly",
    ),
    row(
        "BAMLC0A0CM",
        "ICE BofA US Corporate Index Option-Adjusted Spread",
        PCT,
        "Daily",
    ),
    row(
        "BAMLH0A0HYM2",
        "ICE BofA US High Yield Index Option-Adjusted Spread",
        PCT,
        "Daily",
    ),
    row(
        "BAMLH0A0HYM2EY",
        "ICE BofA US High Yield Index Effective Yield",
        PCT,
        "Daily",
    ),
    row(
        "BAMLH0A3HYCEY",
        "ICE BofA CCC & Lower US High Yield Index Effective Yield",
        PCT,
        "Daily",
    ),
    row(
        "CES0500000003",
        "Average Hourly Earnings of All Employees, Total Private",
        "Dollars per Hour",
        "Monthly",
    ),
    row(
        "CPIAUCSL",
        "Consumer Price Index for All Urban Consumers: All Items in U.S. City Average",
        "Index 1982-1984=100",
        "Monthly",
    ),
    row(
        "DCOILWTICO",
        "Crude Oil Prices: West Texas Intermediate (WTI) - Cushing, Oklahoma",
        "Dollars per Barrel",
        "Daily",
    ),
    row(
        "DEXCHUS",
        "Chinese Yuan Renminbi to U.S. Dollar Spot Exchange Rate",
        "Chinese Yuan Renminbi to One U.S. Dollar",
        "Daily",
    ),
    row(
        "DEXJPUS",
        "Japanese Yen to U.S. Dollar Spot Exchange Rate",
        "Japanese Yen to One U.S. Dollar",
        "Daily",
    ),
    row(
        "DFII10",
        "Market Yield on U.S. Treasury Securities at 10-Year Constant Maturity, Quoted on an \
         Investment Basis, Inflation-Indexed",
        PCT,
        "Daily",
    ),
    row(
        "DGS10",
        "Market Yield on U.S. Treasury Securities at 10-Year Constant Maturity, Quoted on an \
         Investment Basis",
        PCT,
        "Daily",
    ),
    row(
        "DGS2",
        "Market Yield on U.S. Treasury Securities at 2-Year Constant Maturity, Quoted on an \
         Investment Basis",
        PCT,
        "Daily",
    ),
    row(
        "DGS30",
        "Market Yield on U.S. Treasury Securities at 30-Year Constant Maturity, Quoted on an \
         Investment Basis",
        PCT,
        "Daily",
    ),
    row(
        "DRBLACBS",
        "Delinquency Rate on Business Loans, All Commercial Banks",
        PCT,
        "Quarterly",
    ),
    row(
        "DRCCLACBS",
        "Delinquency Rate on Credit Card Loans, All Commercial Banks",
        PCT,
        "Quarterly",
    ),
    row(
        "DRCLACBS",
        "Delinquency Rate on Consumer Loans, All Commercial Banks",
        PCT,
        "Quarterly",
    ),
    row(
        "DRCRELEXFACBS",
        "Delinquency Rate on Commercial Real Estate Loans (Excluding Farmland), Booked in \
         Domestic Offices, All Commercial Banks",
        PCT,
        "Quarterly",
    ),
    row(
        "DTWEXBGS",
        "Nominal Broad U.S. Dollar Index",
        "Index Jan 2006=100",
        "Daily",
    ),
    row(
        "FDEFX",
        "Federal Government: National Defense Consumption Expenditures and Gross Investment",
        BN,
        "Quarterly",
    ),
    row("FEDFUNDS", "Federal Funds Effective Rate", PCT, "Monthly"),
    row(
        "FYOINT",
        "Federal Outlays: Interest",
        "Millions of Dollars",
        "Annual",
    ),
    row("GDP", "Gross Domestic Product", BN, "Quarterly"),
    row(
        "GDPC1",
        "Real Gross Domestic Product",
        "Billions of Chained 2017 Dollars",
        "Quarterly",
    ),
    row(
        "GFDEBTN",
        "Federal Debt: Total Public Debt",
        "Millions of Dollars",
        "Quarterly",
    ),
    row("ICSA", "Initial Claims", "Number", "Weekly"),
    row(
        "INDPRO",
        "Industrial Production: Total Index",
        "Index 2017=100",
        "Monthly",
    ),
    row("M2SL", "M2", BN, "Monthly"),
    row(
        "MSPUS",
        "Median Sales Price of Houses Sold for the United States",
        "Dollars",
        "Quarterly",
    ),
    row(
        "NASDAQCOM",
        "NASDAQ Composite Index",
        "Index Feb 5, 1971=100",
        "Daily",
    ),
    row(
        "NCBEILQ027S",
        "Nonfinancial Corporate Business; Corporate Equities; Liability, Level",
        "Millions of Dollars",
        "Quarterly",
    ),
    row(
        "NFCI",
        "Chicago Fed National Financial Conditions Index",
        "Index",
        "Weekly",
    ),
    row(
        "PAYEMS",
        "All Employees, Total Nonfarm",
        "Thousands of Persons",
        "Monthly",
    ),
    row(
        "PCOPPUSDM",
        "Global price of Copper",
        "U.S. Dollars per Metric Ton",
        "Monthly",
    ),
    row("PSAVERT", "Personal Saving Rate", PCT, "Monthly"),
    row(
        "RECPROUSM156N",
        "Smoothed U.S. Recession Probabilities",
        PCT,
        "Monthly",
    ),
    row(
        "RRPONTSYD",
        "Overnight Reverse Repurchase Agreements: Treasury Securities Sold by the Federal \
         Reserve in the Temporary Open Market Operations",
        "Billions of US Dollars",
        "Daily",
    ),
    row(
        "SAHMCURRENT",
        "Sahm Rule Recession Indicator",
        "Percentage Points",
        "Monthly",
    ),
    row(
        "SAHMREALTIME",
        "Real-time Sahm Rule Recession Indicator",
        "Percentage Points",
        "Monthly",
    ),
    row("SP500", "S&P 500", "Index", "Daily"),
    row(
        "STLFSI4",
        "St. Louis Fed Financial Stress Index",
        "Index",
        "Weekly",
    ),
    row(
        "T10Y2Y",
        "10-Year Treasury Constant Maturity Minus 2-Year Treasury Constant Maturity",
        PCT,
        "Daily",
    ),
    row(
        "T10Y2YM",
        "10-Year Treasury Constant Maturity Minus 2-Year Treasury Constant Maturity",
        PCT,
        "Monthly",
    ),
    row(
        "T10Y3M",
        "10-Year Treasury Constant Maturity Minus 3-Month Treasury Constant Maturity",
        PCT,
        "Daily",
    ),
    row(
        "T10Y3MM",
        "10-Year Treasury Constant Maturity Minus 3-Month Treasury Constant Maturity",
        PCT,
        "Monthly",
    ),
    row("T10YIE", "10-Year Breakeven Inflation Rate", PCT, "Daily"),
    row(
        "TDSP",
        "Household Debt Service Payments as a Percent of Disposable Personal Income",
        PCT,
        "Quarterly",
    ),
    row(
        "THREEFYTP10",
        "Term Premium on a 10 Year Zero Coupon Bond",
        PCT,
        "Daily",
    ),
    row("UNRATE", "Unemployment Rate", PCT, "Monthly"),
    row(
        "USREC",
        "NBER based Recession Indicators for the United States from the Period following the \
         Peak through the Trough",
        "+1 or 0",
        "Monthly",
    ),
    row("VIXCLS", "CBOE Volatility Index: VIX", "Index", "Daily"),
    row(
        "W006RC1Q027SBEA",
        "Federal government current tax receipts",
        BN,
        "Quarterly",
    ),
    row(
        "WALCL",
        "Assets: Total Assets: Total Assets (Less Eliminations from Consolidation): Wednesday \
         Level",
        "Millions of U.S. Dollars",
        "Weekly",
    ),
    row(
        "WFRBLB50107",
        "Total Net Worth Held by the Bottom 50% (1st to 50th Wealth Percentiles)",
        "Millions of Dollars",
        "Quarterly",
    ),
    row(
        "WFRBLN09053",
        "Total Net Worth Held by the 90th to 99th Wealth Percentiles",
        "Millions of Dollars",
        "Quarterly",
    ),
    row(
        "WFRBLN40080",
        "Total Net Worth Held by the 50th to 90th Wealth Percentiles",
        "Millions of Dollars",
        "Quarterly",
    ),
    row(
        "WFRBLT01026",
        "Total Net Worth Held by the Top 1% (99th to 100th Wealth Percentiles)",
        "Millions of Dollars",
        "Quarterly",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every FRED id a bare `data update` fetches and the checks read has FRED's title, but
    /// for the two left out on purpose; the table stays sorted and free of repeats.
    #[test]
    fn table_is_sorted_unique_and_every_title_has_units() {
        let ids: Vec<&str> = FRED_TITLES.iter().map(|t| t.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for t in FRED_TITLES {
            assert!(!t.title.is_empty() && !t.units.is_empty(), "{t:?}");
            assert!(!t.title.contains("  "), "{t:?}");
        }
        assert_eq!(fred_title("UNRATE").map(|t| t.units), Some("Percent"));
        assert_eq!(fred_title("B087RC1Q027SBEA"), None);
        assert_eq!(
            fred_series_url("DGS10"),
            "https://fred.stlouisfed.org/series/DGS10"
        );
    }
}
