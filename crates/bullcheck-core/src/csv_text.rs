//! CSV output: every CSV bullcheck prints is written here, through `csv::Writer` (fields quoted
//! when they hold a comma, a quote or a line break; `\n` line ends), never joined by hand.

/// Writes `records` (a header first, if any) as CSV text. Records may differ in length (a
/// screen's row can carry fewer yearly values than its header names).
pub fn from_records<R, F>(records: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        writer
            .write_record(record.into_iter().map(|f| f.as_ref().to_owned()))
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    // Every field came in as UTF-8 text, so the bytes are UTF-8.
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_where_needed_and_keeps_ragged_rows() {
        let text = from_records([
            vec!["cik", "name", "a", "b"],
            vec!["1", "Acme, Inc.", "0.5", ""],
            vec!["2", "Say \"hi\"", "1"],
            vec!["3", "two\nlines", "", "2"],
        ]);
        assert_eq!(
            text,
            "cik,name,a,b\n1,\"Acme, Inc.\",0.5,\n2,\"Say \"\"hi\"\"\",1\n3,\"two\nlines\",,2\n"
        );
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert_eq!(from_records(Vec::<Vec<&str>>::new()), "");
    }
}
