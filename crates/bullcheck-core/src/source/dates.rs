//! Dates written with slashes or dots (`9/1/1997`, `01.09.1997`), where the order of day and
//! month is not written down: it is decided once per file, from what the file proves.
//!
//! What: [`SlashOrder::resolve`] reads every date cell of a column and answers month-first
//! (US, `M/D/YYYY`: the Fed's own `ebp_csv.csv`, Bloomberg exports) or day-first
//! (`D/M/YYYY`: the same files re-saved by a European spreadsheet).
//! Why: reading `1/9/1997` the wrong way stores 1 September 1997 as 9 January 1997; a whole
//! monthly file then lands in January with nothing said.
//! How: a first number above 12 proves day-first, a second number above 12 proves
//! month-first; when neither does, monthly data on the 1st decides (one reading puts every
//! date on day 1, the other does not). Otherwise the order is ambiguous and the caller refuses
//! the file, asking for `--date-format`.
//! Limits: two-digit years are refused (`1/9/97` could be 1897 or 1997).

use crate::series::Date;

/// Day and month order of slash dates in one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashOrder {
    /// `M/D/YYYY`.
    MonthFirst,
    /// `D/M/YYYY`.
    DayFirst,
}

/// The three numbers of `a/b/YYYY` (or `a.b.YYYY`, `a-b-YYYY`), when the cell has that shape.
pub fn slash_parts(text: &str) -> Option<(u32, u32, i16)> {
    let text = text.trim();
    // A time of day after the date (`01/02/2024 12:00`) is allowed and ignored.
    let day_part = text.split([' ', 'T']).next()?;
    let sep = day_part.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = day_part.split(sep);
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|c| c.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(a, 2) || !digits(b, 2) || y.len() != 4 || !digits(y, 4) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

impl SlashOrder {
    /// Decides the order from every date cell of a column (cells that are not slash dates are
    /// ignored). `Err` says why the file does not prove an order.
    pub fn resolve<'a>(cells: impl IntoIterator<Item = &'a str>) -> Result<SlashOrder, String> {
        let parts: Vec<(u32, u32, i16)> = cells.into_iter().filter_map(slash_parts).collect();
        let first_over_12 = parts.iter().any(|p| p.0 > 12);
        let second_over_12 = parts.iter().any(|p| p.1 > 12);
        match (first_over_12, second_over_12) {
            (true, true) => {
                return Err("some dates have a first number above 12 and others a second number above 12: not one date order".to_string());
            }
            (true, false) => return Ok(SlashOrder::DayFirst),
            (false, true) => return Ok(SlashOrder::MonthFirst),
            (false, false) => {}
        }
        let first_all_one = parts.iter().all(|p| p.0 == 1);
        let second_all_one = parts.iter().all(|p| p.1 == 1);
        // Monthly (or quarterly) data is dated on the 1st: the number that is always 1 is the
        // day, provided that reading gives evenly spaced dates and the other does not (daily
        // data of one January, `01/02/2024`, `01/03/2024`, …, reads as monthly too).
        let candidate = match (first_all_one, second_all_one) {
            (false, true) => Some(SlashOrder::MonthFirst),
            (true, false) => Some(SlashOrder::DayFirst),
            _ => None,
        };
        if let Some(order) = candidate
            && parts.len() > 1
        {
            let other = match order {
                SlashOrder::MonthFirst => SlashOrder::DayFirst,
                SlashOrder::DayFirst => SlashOrder::MonthFirst,
            };
            if evenly_spaced(order, &parts) && !evenly_spaced(other, &parts) {
                return Ok(order);
            }
        }
        Err("no date has a day above 12, and the dates are not monthly on the 1st in one reading only, so the file does not say whether they are month/day/year or day/month/year".to_string())
    }

    /// [`SlashOrder::resolve`] for a file known to be monthly on the 1st (the Fed's EBP file):
    /// the reading that puts every date on day 1 is the order, however short the file.
    pub fn resolve_monthly<'a>(
        cells: impl IntoIterator<Item = &'a str>,
    ) -> Result<SlashOrder, String> {
        let parts: Vec<(u32, u32, i16)> = cells.into_iter().filter_map(slash_parts).collect();
        match (parts.iter().all(|p| p.1 == 1), parts.iter().all(|p| p.0 == 1)) {
            (true, false) => Ok(SlashOrder::MonthFirst),
            (false, true) => Ok(SlashOrder::DayFirst),
            (true, true) if parts.len() == 1 => Ok(SlashOrder::MonthFirst),
            _ => Err("the slash dates of this monthly file are not all on the 1st in one reading (month/day/year or day/month/year)".to_string()),
        }
    }

    /// The date of a cell under this order.
    pub fn date(self, text: &str) -> Option<Date> {
        let (a, b, y) = slash_parts(text)?;
        let (m, d) = match self {
            SlashOrder::MonthFirst => (a, b),
            SlashOrder::DayFirst => (b, a),
        };
        Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
    }
}

/// Whether the dates under `order` are evenly spaced: every gap between successive distinct
/// dates in one band (days, a week, a month, a quarter, a year).
fn evenly_spaced(order: SlashOrder, parts: &[(u32, u32, i16)]) -> bool {
    let mut dates: Vec<Date> = parts
        .iter()
        .filter_map(|&(a, b, y)| {
            let (m, d) = match order {
                SlashOrder::MonthFirst => (a, b),
                SlashOrder::DayFirst => (b, a),
            };
            Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
        })
        .collect();
    if dates.len() != parts.len() {
        return false;
    }
    dates.sort();
    dates.dedup();
    let band = |days: i64| match days {
        1..=5 => 1,
        6..=8 => 2,
        28..=31 => 3,
        89..=92 => 4,
        365..=366 => 5,
        _ => 0,
    };
    let bands: Vec<u8> = dates
        .windows(2)
        .filter_map(|w| w[0].until(w[1]).ok().map(|s| band(i64::from(s.get_days()))))
        .collect();
    !bands.is_empty() && bands[0] != 0 && bands.iter().all(|&b| b == bands[0])
}

/// A user's `--date-format`: `YYYY-MM-DD`, `MM/DD/YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY`,
/// `YYYYMMDD`, `YYYY-MM`, `YYYYMM`, `YYYY` (other separators in the same places are accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    Iso,
    Slash(SlashOrder),
    Compact,
    YearMonth,
    CompactYearMonth,
    Year,
}

impl DateFormat {
    /// The formats `--date-format` accepts, for messages.
    pub const NAMES: &'static str =
        "YYYY-MM-DD, MM/DD/YYYY, DD/MM/YYYY, DD.MM.YYYY, YYYYMMDD, YYYY-MM, YYYYMM, YYYY";

    pub fn from_name(name: &str) -> Option<DateFormat> {
        let upper = name.trim().to_ascii_uppercase();
        let shape: String = upper
            .chars()
            .map(|c| if c.is_ascii_alphabetic() { c } else { '/' })
            .collect();
        match shape.as_str() {
            "YYYY/MM/DD" => Some(DateFormat::Iso),
            "MM/DD/YYYY" | "M/D/YYYY" => Some(DateFormat::Slash(SlashOrder::MonthFirst)),
            "DD/MM/YYYY" | "D/M/YYYY" => Some(DateFormat::Slash(SlashOrder::DayFirst)),
            "YYYYMMDD" => Some(DateFormat::Compact),
            "YYYY/MM" => Some(DateFormat::YearMonth),
            "YYYYMM" => Some(DateFormat::CompactYearMonth),
            "YYYY" => Some(DateFormat::Year),
            _ => None,
        }
    }

    /// The date of a cell in this format (a time of day after it is ignored).
    pub fn date(self, text: &str) -> Option<Date> {
        let text = text.trim();
        let num = |s: &str| -> Option<i64> {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        match self {
            DateFormat::Iso => {
                let day = text.split([' ', 'T']).next()?;
                let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
                let [y, m, d] = parts.as_slice() else {
                    return None;
                };
                if y.len() != 4 {
                    return None;
                }
                Date::new(
                    i16::try_from(num(y)?).ok()?,
                    i8::try_from(num(m)?).ok()?,
                    i8::try_from(num(d)?).ok()?,
                )
                .ok()
            }
            DateFormat::Slash(order) => order.date(text),
            DateFormat::Compact => {
                if text.len() != 8 {
                    return None;
                }
                let (y, m, d) = (num(&text[..4])?, num(&text[4..6])?, num(&text[6..])?);
                Date::new(
                    i16::try_from(y).ok()?,
                    i8::try_from(m).ok()?,
                    i8::try_from(d).ok()?,
                )
                .ok()
            }
            DateFormat::YearMonth => {
                let (y, m) = text.split_once(['-', '/', '.'])?;
                if y.len() != 4 {
                    return None;
                }
                super::common::first_of_month(num(y)?, num(m)?)
            }
            DateFormat::CompactYearMonth => {
                if text.len() != 6 {
                    return None;
                }
                super::common::first_of_month(num(&text[..4])?, num(&text[4..])?)
            }
            DateFormat::Year => {
                if text.len() != 4 {
                    return None;
                }
                super::common::first_of_month(num(text)?, 1)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_day_above_12_proves_the_order() {
        assert_eq!(
            SlashOrder::resolve(["01/02/2024", "01/31/2024"]),
            Ok(SlashOrder::MonthFirst)
        );
        assert_eq!(
            SlashOrder::resolve(["02/01/2024", "31/01/2024"]),
            Ok(SlashOrder::DayFirst)
        );
        assert!(SlashOrder::resolve(["13/01/2024", "01/13/2024"]).is_err());
    }

    #[test]
    fn monthly_data_on_the_first_decides() {
        // The Fed's EBP file (M/D/YYYY) and the same file re-saved day-first, 1996-1997.
        let months: Vec<(u32, i16)> = (0..24)
            .map(|i| (i % 12 + 1, 1996 + i as i16 / 12))
            .collect();
        let us: Vec<String> = months.iter().map(|(m, y)| format!("{m}/1/{y}")).collect();
        let eu: Vec<String> = months.iter().map(|(m, y)| format!("1/{m}/{y}")).collect();
        assert_eq!(
            SlashOrder::resolve(us.iter().map(String::as_str)),
            Ok(SlashOrder::MonthFirst)
        );
        assert_eq!(
            SlashOrder::resolve(eu.iter().map(String::as_str)),
            Ok(SlashOrder::DayFirst)
        );
        assert_eq!(
            SlashOrder::DayFirst.date("1/9/1997"),
            Some(date(1997, 9, 1))
        );
        assert_eq!(
            SlashOrder::MonthFirst.date("9/1/1997"),
            Some(date(1997, 9, 1))
        );
        // Four months only: Jan 1-4 daily reads as well as Jan-Apr monthly: not proof.
        assert!(SlashOrder::resolve(["1/1/1973", "1/2/1973", "1/3/1973", "1/4/1973"]).is_err());
    }

    /// Generated variants: monthly files on the 1st (13 to 40 months from every start month)
    /// and daily files (3 weeks from every start day of a year), each written month-first and
    /// day-first, resolve to the order they were written in and read back to their dates.
    #[test]
    fn generated_files_read_back_in_either_order() {
        let write = |dates: &[Date], order: SlashOrder| -> Vec<String> {
            dates
                .iter()
                .map(|d| match order {
                    SlashOrder::MonthFirst => format!("{}/{}/{}", d.month(), d.day(), d.year()),
                    SlashOrder::DayFirst => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
                })
                .collect()
        };
        let mut files: Vec<Vec<Date>> = Vec::new();
        for start in 0..12 {
            for len in [13, 24, 40] {
                files.push(
                    (0..len)
                        .map(|i| {
                            let m = start + i;
                            date(1990 + (m / 12) as i16, (m % 12 + 1) as i8, 1)
                        })
                        .collect(),
                );
            }
        }
        let mut day = date(2023, 1, 1);
        while day.year() == 2023 {
            let window: Vec<Date> = (0..21)
                .map(|i| day.checked_add(jiff::Span::new().days(i)).unwrap())
                .filter(|d| {
                    !matches!(
                        d.weekday(),
                        jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
                    )
                })
                .collect();
            files.push(window);
            day = day.checked_add(jiff::Span::new().days(5)).unwrap();
        }
        for dates in &files {
            for order in [SlashOrder::MonthFirst, SlashOrder::DayFirst] {
                let cells = write(dates, order);
                let got = SlashOrder::resolve(cells.iter().map(String::as_str));
                assert_eq!(got, Ok(order), "{cells:?}");
                let back: Vec<Date> = cells.iter().map(|c| order.date(c).unwrap()).collect();
                assert_eq!(&back, dates);
            }
        }
    }

    #[test]
    fn unproven_order_is_refused() {
        assert!(SlashOrder::resolve(["01/02/2024", "01/03/2024", "02/03/2024"]).is_err());
        assert!(SlashOrder::resolve(["1/1/2024"]).is_err());
        // Daily data of one January reads as monthly on the 1st too: not proof.
        let jan = [
            "01/02/2024",
            "01/03/2024",
            "01/04/2024",
            "01/05/2024",
            "01/08/2024",
        ];
        assert!(SlashOrder::resolve(jan).is_err());
        assert_eq!(slash_parts("1/9/97"), None);
    }

    #[test]
    fn named_formats() {
        let f = |n: &str, t: &str| DateFormat::from_name(n).unwrap().date(t);
        assert_eq!(f("DD/MM/YYYY", "01/09/1997"), Some(date(1997, 9, 1)));
        assert_eq!(f("MM/DD/YYYY", "09/01/1997 12:00"), Some(date(1997, 9, 1)));
        assert_eq!(f("DD.MM.YYYY", "01.09.1997"), Some(date(1997, 9, 1)));
        assert_eq!(f("YYYYMMDD", "19970901"), Some(date(1997, 9, 1)));
        assert_eq!(f("YYYY-MM", "1997-09"), Some(date(1997, 9, 1)));
        assert_eq!(f("YYYYMM", "199709"), Some(date(1997, 9, 1)));
        assert_eq!(f("YYYY-MM-DD", "1997-09-01"), Some(date(1997, 9, 1)));
        assert_eq!(f("YYYY-MM-DD", "1997-13-01"), None);
        assert!(DateFormat::from_name("%Y").is_none());
    }
}
