use super::*;
use jiff::civil::date;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/../../testdata/own/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(name: &str, spec: &OwnSpec) -> Result<Vec<ParsedSeries>, ParseError> {
    parse(name, &fixture(name), spec)
}

#[test]
fn two_users_date_close_files_are_two_series_named_after_the_files() {
    let aapl = read("AAPL.csv", &OwnSpec::default()).unwrap();
    let nvda = parse("NVDA.csv", &fixture("nvda_close.csv"), &OwnSpec::default()).unwrap();
    assert_eq!(aapl[0].meta.id, "AAPL");
    assert_eq!(nvda[0].meta.id, "NVDA");
    assert_eq!(aapl[0].meta.source, "your file AAPL.csv");
    assert_ne!(aapl[0].meta.source, "FRED");
    assert_eq!(aapl[0].meta.title, "Close, from AAPL.csv");
    assert_eq!(aapl[0].observations[0].value, Some(670.23));
    assert_eq!(nvda[0].observations[4].value, Some(6.009500026702881));
}

#[test]
fn a_generic_file_name_is_refused_with_the_command() {
    let err = parse(
        "downloads/data.csv",
        &fixture("AAPL.csv"),
        &OwnSpec::default(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("`Close` is a generic column name"), "{text}");
    assert!(
        text.contains("bullcheck data import downloads/data.csv --id MY_SERIES"),
        "{text}"
    );
}

#[test]
fn yahoo_download_asks_which_column_then_reads_it() {
    let err = read("NVDA.csv", &OwnSpec::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("a Yahoo Finance download"), "{err}");
    assert!(
        err.contains("bullcheck data import NVDA.csv --value-col 'Adj Close' --id NVDA"),
        "{err}"
    );
    let spec = OwnSpec {
        value_col: Some("Adj Close".into()),
        id: Some("NVDA".into()),
        ..OwnSpec::default()
    };
    let s = read("NVDA.csv", &spec).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].meta.id, "NVDA");
    assert_eq!(s[0].observations[0].date, date(2020, 1, 2));
    assert_eq!(s[0].observations[0].value, Some(5.973121643066406));
    assert_eq!(s[0].meta.notes, "Yahoo Finance download layout");
}

#[test]
fn several_columns_with_col() {
    let spec = OwnSpec {
        cols: vec![
            ("Close".into(), "NVDA_CLOSE".into()),
            ("volume".into(), "NVDA_VOLUME".into()),
        ],
        ..OwnSpec::default()
    };
    let s = read("NVDA.csv", &spec).unwrap();
    assert_eq!(s[0].meta.id, "NVDA_CLOSE");
    assert_eq!(s[1].meta.id, "NVDA_VOLUME");
    assert_eq!(s[1].observations[1].value, Some(205_384_000.0));
    let bad = OwnSpec {
        cols: vec![("Closing".into(), "X".into())],
        ..OwnSpec::default()
    };
    assert!(
        read("NVDA.csv", &bad)
            .unwrap_err()
            .to_string()
            .contains("--col: no such column")
    );
}

#[test]
fn bloomberg_export_us_dates_proved_by_a_day_above_12() {
    let s = read("USGG10YR.csv", &OwnSpec::default()).unwrap();
    assert_eq!(s[0].meta.id, "USGG10YR");
    assert_eq!(s[0].observations[0].date, date(2024, 1, 2));
    assert_eq!(s[0].observations[9].date, date(2024, 1, 16));
    assert_eq!(s[0].observations[9].value, Some(4.07));
    assert_eq!(s[0].meta.frequency, "D");
    // Without the 16th, nothing proves the order: refused, with both commands.
    let cut: String = String::from_utf8(fixture("USGG10YR.csv"))
        .unwrap()
        .lines()
        .take(10)
        .map(|l| format!("{l}\n"))
        .collect();
    let err = parse("USGG10YR.csv", cut.as_bytes(), &OwnSpec::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("--date-format MM/DD/YYYY"), "{err}");
    let spec = OwnSpec {
        date_format: Some("MM/DD/YYYY".into()),
        ..OwnSpec::default()
    };
    let s = parse("USGG10YR.csv", cut.as_bytes(), &spec).unwrap();
    assert_eq!(s[0].observations[8].date, date(2024, 1, 12));
}

#[test]
fn pandas_range_index_is_skipped() {
    let s = parse("NVDA.csv", &fixture("nvda_pandas.csv"), &OwnSpec::default()).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].meta.id, "NVDA");
    assert_eq!(s[0].observations.len(), 5);
    assert_eq!(s[0].observations[0].value, Some(5.9977498054504395));
}

#[test]
fn pandas_unnamed_date_index_and_wide_tickers() {
    let s = parse(
        "closes.csv",
        b",AAPL,MSFT\n2024-01-02,185.64,370.87\n2024-01-03,184.25,370.6\n",
        &OwnSpec::default(),
    )
    .unwrap();
    let ids: Vec<&str> = s.iter().map(|s| s.meta.id.as_str()).collect();
    assert_eq!(ids, ["AAPL", "MSFT"]);
}

#[test]
fn yfinance_three_row_header() {
    let text = "Price,Close,High,Low,Open,Volume\nTicker,NVDA,NVDA,NVDA,NVDA,NVDA\nDate,,,,,\n\
                2024-01-02,48.17,49.10,47.50,48.00,411254000\n2024-01-03,47.58,48.20,47.10,47.90,320896000\n";
    let err = parse("NVDA.csv", text.as_bytes(), &OwnSpec::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("yfinance"), "{err}");
    let spec = OwnSpec {
        value_col: Some("Close".into()),
        ..OwnSpec::default()
    };
    let s = parse("NVDA.csv", text.as_bytes(), &spec).unwrap();
    assert_eq!(s[0].meta.id, "NVDA");
    assert_eq!(s[0].observations[1].value, Some(47.58));
    assert_eq!(s[0].observations[1].date, date(2024, 1, 3));
}

#[test]
fn percent_and_thousands_cells() {
    let text = "Date,Return\n2024-01-01,-1.05%\n2024-02-01,\"1,234.5%\"\n2024-03-01,\n";
    let s = parse("MYFUND.csv", text.as_bytes(), &OwnSpec::default()).unwrap();
    let v: Vec<Option<f64>> = s[0].observations.iter().map(|o| o.value).collect();
    assert_eq!(v, [Some(-1.05), Some(1234.5), None]);
    assert_eq!(s[0].meta.units, "percent");
    let mixed = "Date,Return\n2024-01-01,-1.05%\n2024-02-01,0.5\n";
    assert!(parse("MYFUND.csv", mixed.as_bytes(), &OwnSpec::default()).is_err());
    assert_eq!(user_number("1,23").map(|x| x.0).ok(), None);
    assert_eq!(user_number("12,345,678").unwrap().0, Some(12_345_678.0));
}

#[test]
fn options_label_the_series() {
    let spec = OwnSpec {
        id: Some("MY_AAPL".into()),
        source: Some("Yahoo Finance".into()),
        units: Some("USD".into()),
        frequency: Some("D".into()),
        ..OwnSpec::default()
    };
    let s = read("AAPL.csv", &spec).unwrap();
    assert_eq!(s[0].meta.id, "MY_AAPL");
    assert_eq!(s[0].meta.source, "Yahoo Finance");
    assert_eq!(s[0].meta.units, "USD");
    assert_eq!(s[0].meta.frequency, "D");
    let bad = OwnSpec {
        frequency: Some("daily".into()),
        ..OwnSpec::default()
    };
    assert!(
        read("AAPL.csv", &bad)
            .unwrap_err()
            .to_string()
            .contains("D, W, M, Q, A")
    );
    let bad = OwnSpec {
        date_col: Some("When".into()),
        ..OwnSpec::default()
    };
    assert!(
        read("AAPL.csv", &bad)
            .unwrap_err()
            .to_string()
            .contains("--date-col: no such column")
    );
}

#[test]
fn day_first_monthly_file_on_the_first_is_not_all_january() {
    // The Fed's EBP layout re-saved day-first: 1 September 1997 written 1/9/1997.
    let mut text = String::from("date,gz_spread\n");
    for i in 0..16 {
        text.push_str(&format!(
            "1/{}/{},1.{i}\n",
            (i + 8) % 12 + 1,
            1996 + (i + 8) / 12
        ));
    }
    let s = parse("GZ.csv", text.as_bytes(), &OwnSpec::default()).unwrap();
    let dates: Vec<Date> = s[0].observations.iter().map(|o| o.date).collect();
    assert_eq!(dates[0], date(1996, 9, 1));
    assert_eq!(dates[4], date(1997, 1, 1));
    assert_eq!(dates[15], date(1997, 12, 1));
    assert_eq!(s[0].meta.frequency, "M");
}
