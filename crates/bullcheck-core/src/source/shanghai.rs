//! Shanghai Composite (000001.SS) daily export with Chinese headers
//! ([`Kind::ShanghaiComposite`]).
//!
//! Format: `日期,开市,最高,最低,关盘,调整后的收市价,成交量` (date, open, high, low, close,
//! adjusted close, volume); dates `2025年08月13日`.
//!
//! Traps: UTF-8 BOM; rows are newest first (sorted ascending here); empty fields (volume is
//! blank in early years); volume appears to be on different scales between rows (kept as
//! given — see the series notes).
//!
//! Ids: `SSE_COMPOSITE_CLOSE` (关盘, index points) and `SSE_COMPOSITE_VOLUME` (成交量, as
//! published). Daily, dated as given.
//!
//! [`Kind::ShanghaiComposite`]: super::Kind::ShanghaiComposite

use super::ParseError;
use super::common::{self, MetaSpec, bad_date, csv_rows, header};
use crate::series::{Date, Observation, ParsedSeries};

const SOURCE: &str = "Shanghai Stock Exchange (Yahoo/Investing-style export)";
const DATE_FIELD: &str = "日期";
const CLOSE_FIELD: &str = "关盘";
const VOLUME_FIELD: &str = "成交量";

/// `2025年08月13日` → 2025-08-13.
pub fn parse_chinese_date(text: &str) -> Option<Date> {
    let (year, rest) = text.trim().split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let year: i16 = year.parse().ok()?;
    let month: i8 = month.parse().ok()?;
    let day: i8 = day.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// Parses the export; observations are returned oldest first.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<ParsedSeries>, ParseError> {
    let text = common::utf8_text(file, bytes)?;
    let rows = csv_rows(file, text)?;
    let head = header(file, &rows)?;
    let position = |name: &str| {
        head.cells.iter().position(|c| c == name).ok_or_else(|| {
            ParseError::new(
                file,
                Some(head.line),
                Some(name),
                format!("the header has no `{name}` column"),
            )
        })
    };
    let date_index = position(DATE_FIELD)?;
    let close_index = position(CLOSE_FIELD)?;
    let volume_index = position(VOLUME_FIELD)?;
    let mut close = Vec::with_capacity(rows.len());
    let mut volume = Vec::with_capacity(rows.len());
    for row in &rows[1..] {
        let date_text = common::cell(file, row, date_index, DATE_FIELD)?;
        let date = parse_chinese_date(date_text).ok_or_else(|| {
            bad_date(
                file,
                Some(row.line),
                DATE_FIELD,
                date_text,
                "YYYY年MM月DD日",
            )
        })?;
        common::check_row_width(file, &head.cells, row)?;
        let value = |index: usize, field: &str| common::value_cell(file, row, index, field);
        close.push(Observation::new(date, value(close_index, CLOSE_FIELD)?));
        volume.push(Observation::new(date, value(volume_index, VOLUME_FIELD)?));
    }
    close.sort_by_key(|o| o.date);
    volume.sort_by_key(|o| o.date);
    let close_spec = MetaSpec {
        source: SOURCE,
        title: "Shanghai Composite index, close",
        units: "index points",
        frequency: "D",
        notes: "",
    };
    let volume_spec = MetaSpec {
        source: SOURCE,
        title: "Shanghai Composite, volume",
        units: "as published",
        frequency: "D",
        notes: "volume is blank in early years and appears to be on different scales between rows",
    };
    Ok(vec![
        common::make_series("SSE_COMPOSITE_CLOSE", &close_spec, close),
        common::make_series("SSE_COMPOSITE_VOLUME", &volume_spec, volume),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn chinese_dates() {
        assert_eq!(
            parse_chinese_date("2025年08月13日"),
            Some(date(2025, 8, 13))
        );
        assert_eq!(parse_chinese_date("2025年02月30日"), None);
        assert_eq!(parse_chinese_date("2025-08-13"), None);
    }

    #[test]
    fn bom_newest_first_and_blank_volume() {
        let path = format!(
            "{}/../../testdata/shanghai/shanghai_composite_sample.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let all = parse("shanghai.csv", &std::fs::read(path).unwrap()).unwrap();
        let close = &all[0];
        assert_eq!(close.meta.id, "SSE_COMPOSITE_CLOSE");
        assert_eq!(
            (close.observations[0].date, close.observations[0].value),
            (date(2000, 1, 4), Some(1406.37))
        );
        let last = close.observations.last().unwrap();
        assert_eq!((last.date, last.value), (date(2025, 8, 13), Some(3683.46)));
        let volume = &all[1];
        assert_eq!(volume.observations[0].value, None);
        assert_eq!(
            volume.observations.last().unwrap().value,
            Some(1_223_346_256.0)
        );
    }
}
