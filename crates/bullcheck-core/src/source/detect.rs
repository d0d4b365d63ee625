//! Format detection: which of the [`Kind`]s a file is, from its name and first bytes, or why
//! it is not one bullcheck reads (the reason a directory import prints when it skips it).

use super::{
    Kind, common, damodaran, ebp, fred, histret, known, nyfed, own_layout, shiller, workbook,
};

/// Recognises the format of a file from its name and first bytes. `Err` carries the reason a
/// file is not supported (shown when a directory import skips it).
///
/// JSON is told apart by its keys (`observations` → FRED API, `facts` (or `cik`+`entityName`) → SEC companyfacts,
/// `taxonomy`+`tag` → SEC companyconcept, `records` → record files, `data` with
/// `tot_pub_debt_out_amt` / `classification_desc` → Treasury); CSV by its BOM-stripped header
/// line (see each parser's doc) and, for two-column `date,value` files, by the path: a file
/// under a `fred` directory or with a header naming the series is FRED, a leading `ACMTP`/
/// `ACMY`/`ACMRNY` id is the NY Fed ACM copy, anything else is a generic CSV. Excel
/// workbooks (`.xls`/`.xlsx` name and an OLE2 or zip signature, see [`workbook::container`])
/// by the header of their sheets.
pub fn detect(file_name: &str, bytes: &[u8]) -> Result<Kind, String> {
    let base = common::base_name(file_name);
    let lower = base.to_ascii_lowercase();
    if lower == "ghalam_manifest.json" {
        return Err(
            "unsupported: metadata file (the carrier's list of its series, no observations)"
                .to_string(),
        );
    }
    if lower.starts_with("allmonth") && workbook::container(file_name, bytes).is_some() {
        return Err(
            "unsupported: the NY Fed's allmonth.xls workbook is not read directly (no copy of \
             its sheet was available to check how Rec_prob is stored). Save its sheet as CSV \
             with Rec_prob shown as a percent (e.g. 56.29%), header `Date,10 Year Treasury \
             Yield,3 Month Treasury Yield,...,Rec_prob,NBER_Rec`, and import the CSV"
                .to_string(),
        );
    }
    if lower.ends_with(".zip") {
        return Err(
            "a zip archive: import it by name (`bullcheck data import FILE.zip` reads the \
             tables inside, as Ken French serves them) or unzip it first"
                .to_string(),
        );
    }
    if let Some(container) = workbook::container(file_name, bytes) {
        return container.and_then(|_| detect_workbook(file_name, bytes));
    }
    if [".md", ".txt", ".pdf", ".html", ".png"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return Err("not a data file bullcheck reads".to_string());
    }
    let body = common::strip_bom(bytes);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let body = &body[start..];
    if body.is_empty() {
        return Err("empty file".to_string());
    }
    if body[0] == b'{' || body[0] == b'[' {
        return detect_json(body);
    }
    detect_csv(file_name, body)
}

/// An Excel workbook is told apart by its sheets: Shiller's stacked `Date, P, D, E, ...`
/// header, Damodaran's `Year, ..., Implied Premium ...` header, or the NY Fed's wide
/// `DATE, ACMY01, ...` header.
fn detect_workbook(file_name: &str, bytes: &[u8]) -> Result<Kind, String> {
    let sheets = workbook::sheets(file_name, bytes).map_err(|e| e.message)?;
    for sheet in &sheets {
        if shiller::find_header(&sheet.rows).is_some() {
            return Ok(Kind::Shiller);
        }
        if damodaran::find_header(&sheet.rows).is_some() {
            return Ok(Kind::Damodaran);
        }
        if nyfed::find_acm_header(&sheet.rows).is_some() {
            return Ok(Kind::NyfedAcm);
        }
        if histret::find_header(&sheet.rows).is_some() {
            return Ok(Kind::DamodaranHistret);
        }
        if fred::find_workbook_header(&sheet.rows).is_some() {
            return Ok(Kind::FredCsv);
        }
    }
    Err(format!(
        "unsupported: an Excel workbook (sheets: {}) with none of the layouts bullcheck reads \
         (Shiller ie_data, Damodaran histimpl, NY Fed ACM term premium)",
        sheets
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// How much of a JSON document [`detect`] looks at for its keys.
const JSON_PREFIX: usize = 64 * 1024;

fn detect_json(body: &[u8]) -> Result<Kind, String> {
    let prefix = String::from_utf8_lossy(&body[..body.len().min(JSON_PREFIX)]);
    let has = |key: &str| prefix.contains(&format!("\"{key}\""));
    if has("observations") {
        return Ok(Kind::FredApiJson);
    }
    if has("facts") && has("entityName") {
        return Ok(Kind::SecCompanyFacts);
    }
    if has("taxonomy") && has("tag") && has("units") {
        return Ok(Kind::SecCompanyConcept);
    }
    if has("cik") && has("entityName") {
        // A companyfacts body without `facts`: let the parser say what is missing.
        return Ok(Kind::SecCompanyFacts);
    }
    if has("records") {
        return Ok(Kind::JsonRecords);
    }
    if has("data") {
        if has("tot_pub_debt_out_amt") {
            return Ok(Kind::TreasuryDebtToPenny);
        }
        if has("classification_desc") && has("current_fytd_rcpt_outly_amt") {
            return Ok(Kind::TreasuryMts9);
        }
        return Err("unsupported: a Fiscal Data-style `data` response of an endpoint bullcheck does not read".to_string());
    }
    Err("unsupported JSON: none of the known layouts (FRED observations, SEC companyfacts/companyconcept, Treasury Fiscal Data, record files)".to_string())
}

fn detect_csv(file_name: &str, body: &[u8]) -> Result<Kind, String> {
    let first_kb = &body[..body.len().min(4096)];
    let text = String::from_utf8_lossy(first_kb);
    let mut lines = text.lines();
    // Header cells may be quoted (`"Date","Category",...` in the Fed's DFA downloads).
    let first_line = lines.next().unwrap_or("").trim();
    let unquoted: Vec<&str> = first_line
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    let unquoted = unquoted.join(",");
    let first = unquoted.as_str();
    let second = lines.next().unwrap_or("").trim();
    let cells: Vec<&str> = first.split(',').map(str::trim).collect();

    if first.starts_with("日期,") {
        return Ok(Kind::ShanghaiComposite);
    }
    if ebp::is_header(first) {
        return Ok(Kind::GzEbp);
    }
    if first.eq_ignore_ascii_case("peak,trough") {
        return Ok(Kind::NberPeaks);
    }
    if first.starts_with("Date,10 Year Treasury Yield") {
        return Ok(Kind::NyfedRecession);
    }
    if first.starts_with("Scenario Name,Date,") {
        return Ok(Kind::Dfast);
    }
    if first.starts_with("Date,Category,") {
        return Ok(Kind::FedDfa);
    }
    if cells[0].eq_ignore_ascii_case("Record Date") || cells[0] == "record_date" {
        return Err(format!(
            "unsupported: a US Treasury Fiscal Data CSV download (columns: {}). bullcheck reads \
             Fiscal Data as the API's JSON: run `bullcheck data update DEBT_TO_PENNY` (or \
             MTS9_NET_INTEREST_FYTD), or import this CSV as your own table, e.g. `bullcheck data \
             import {} --date-col '{}' --col '{}=MY_ID'`",
            truncate(&cells.join(", "), 120),
            own_layout::command_path(file_name),
            cells[0],
            cells.get(1).copied().unwrap_or("COLUMN")
        ));
    }
    if first.starts_with("Date,S&P Comp. P") {
        return Ok(Kind::Shiller);
    }
    // Excel's own "save as CSV" of the Shiller sheet: stacked header rows end `Date,P,D,E,`.
    if text.lines().take(16).any(|l| l.starts_with("Date,P,D,E,")) {
        return Ok(Kind::Shiller);
    }
    if first.starts_with("Year,") && first.contains("Implied") {
        return Ok(Kind::Damodaran);
    }
    if cells.len() > 2
        && cells[0].eq_ignore_ascii_case("DATE")
        && cells[1..].iter().any(|c| is_acm_id(c))
    {
        return Ok(Kind::NyfedAcm);
    }
    if first.starts_with("This file was created by") {
        return Ok(Kind::French);
    }
    let second_first_cell = second.split(',').next().unwrap_or("").trim();
    let french_period = matches!(second_first_cell.len(), 4 | 6 | 8)
        && second_first_cell.chars().all(|c| c.is_ascii_digit());
    if cells.len() > 2
        && (cells[0].is_empty() || cells[0].eq_ignore_ascii_case("date"))
        && french_period
    {
        return Ok(Kind::French);
    }
    if own_layout::is_own_csv(first, second) {
        return Ok(Kind::Own);
    }
    // A `fredgraph.csv` of several series, or an ALFRED download of several vintages.
    if cells.len() > 2
        && fred::is_date_header(cells[0])
        && cells[1..].iter().all(|c| fred::is_fred_id(c))
    {
        return Ok(Kind::FredCsv);
    }
    if cells.len() == 2 && fred::is_date_header(cells[0]) {
        if common::leading_id(file_name).is_some_and(|id| is_acm_id(&id)) || is_acm_id(cells[1]) {
            return Ok(Kind::NyfedAcm);
        }
        let header_names_series = !cells[1].eq_ignore_ascii_case("value");
        let under_fred_dir = file_name
            .split(['/', '\\'])
            .rev()
            .skip(1)
            .any(|dir| dir.eq_ignore_ascii_case("fred"));
        if known::known_file(file_name).is_some() {
            return Ok(Kind::GenericCsv);
        }
        if header_names_series || under_fred_dir {
            return Ok(Kind::FredCsv);
        }
        return Ok(Kind::GenericCsv);
    }
    Err(format!(
        "unrecognised layout: header {:?}",
        truncate(first, 80)
    ))
}

/// Whether `needle` occurs in `haystack`.
pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn is_acm_id(text: &str) -> bool {
    let upper = text.trim().to_ascii_uppercase();
    ["ACMTP", "ACMY", "ACMRNY"].iter().any(|p| {
        upper
            .strip_prefix(p)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
    })
}

pub(crate) fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::super::{ParseOptions, parse};
    use super::*;

    fn fixture(path: &str) -> Vec<u8> {
        let path = format!("{}/../../testdata/{path}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn users_files_and_several_fred_series_are_told_apart() {
        let yahoo = fixture("own/NVDA.csv");
        assert_eq!(detect("NVDA.csv", &yahoo), Ok(Kind::Own));
        assert_eq!(
            detect("AAPL.csv", b"Date,Close\n2024-01-02,1\n"),
            Ok(Kind::Own)
        );
        assert_eq!(detect("x.csv", &fixture("own/USGG10YR.csv")), Ok(Kind::Own));
        assert_eq!(
            detect("x.csv", &fixture("own/nvda_pandas.csv")),
            Ok(Kind::Own)
        );
        // Publishers' files are not.
        assert_eq!(
            detect("fred/DGS10.csv", b"date,value\n2024-01-02,1\n"),
            Ok(Kind::FredCsv)
        );
        assert_eq!(
            detect("DGS10.csv", b"DATE,DGS10\n2024-01-02,1\n"),
            Ok(Kind::FredCsv)
        );
        let multi = fixture("fred/fredgraph_FEDFUNDS_MORTGAGE30US.csv");
        assert_eq!(detect("fredgraph.csv", &multi), Ok(Kind::FredCsv));
        let alfred = fixture("fred/alfredgraph_USSTHPI.csv");
        assert_eq!(detect("alfredgraph.csv", &alfred), Ok(Kind::FredCsv));
    }

    #[test]
    fn dfa_with_quoted_header_cells_is_detected_and_read() {
        // The Fed's own DFA download quotes its header cells.
        let text = String::from_utf8(fixture("fed_dfa/dfa-networth-levels_sample.csv")).unwrap();
        let (head, rest) = text.split_once('\n').unwrap();
        let quoted: Vec<String> = head
            .trim_end_matches('\r')
            .split(',')
            .map(|c| format!("\"{c}\""))
            .collect();
        let bytes = format!("{}\r\n{rest}", quoted.join(","));
        assert_eq!(detect("dfa.csv", bytes.as_bytes()), Ok(Kind::FedDfa));
        let plain = parse(
            Kind::FedDfa,
            "dfa.csv",
            text.as_bytes(),
            &ParseOptions::default(),
        );
        let quoted = parse(
            Kind::FedDfa,
            "dfa.csv",
            bytes.as_bytes(),
            &ParseOptions::default(),
        );
        assert_eq!(plain.unwrap().series, quoted.unwrap().series);
    }

    #[test]
    fn downloads_not_read_are_refused_saying_what_to_do() {
        // A Fiscal Data CSV (API field names, as `format=csv` writes them).
        let err = detect(
            "debt.csv",
            b"record_date,debt_held_public_amt,intragov_hold_amt,tot_pub_debt_out_amt\n",
        )
        .unwrap_err();
        assert!(err.contains("Treasury Fiscal Data CSV download"), "{err}");
        assert!(err.contains("bullcheck data update DEBT_TO_PENNY"), "{err}");
        assert!(err.contains("--date-col 'record_date'"), "{err}");
        // Forced to a JSON kind, a CSV says so instead of a JSON syntax error.
        let err = parse(
            Kind::TreasuryDebtToPenny,
            "debt.csv",
            b"record_date,tot_pub_debt_out_amt\n2024-01-02,1\n",
            &ParseOptions::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("this file is not JSON"), "{err}");
        // The NY Fed's workbook, and a zip by another route than `data import FILE.zip`.
        let ole2 = [
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
            &[0u8; 504],
        ]
        .concat();
        let err = detect("nyfed/allmonth.xls", &ole2).unwrap_err();
        assert!(
            err.contains("allmonth.xls") && err.contains("Rec_prob"),
            "{err}"
        );
        let err = detect("F-F_Research_Data_Factors_daily_CSV.zip", b"PK\x03\x04").unwrap_err();
        assert!(err.contains("zip archive"), "{err}");
    }

    #[test]
    fn an_ifrs_filer_is_named_not_stored_with_zero_facts() {
        let doc = br#"{"cik":1234567,"entityName":"Example plc","facts":{"dei":{},"ifrs-full":{"Revenue":{"label":"Revenue","units":{"USD":[{"end":"2023-12-31","val":5,"accn":"a","fy":2023,"fp":"FY","form":"20-F","filed":"2024-03-01"}]}}}}}"#;
        let err = parse(
            Kind::SecCompanyFacts,
            "CIK0001234567.json",
            doc,
            &ParseOptions::default(),
        )
        .unwrap_err();
        assert!(err.message.contains("reports under IFRS"), "{err}");
        assert!(err.message.contains("Example plc (CIK 1234567)"), "{err}");
    }
}
