//! Files cut short: what a text file's last line brought, and the refusal when it would
//! change stored data. A download or copy cut mid-line ends `2024-09-01,4` where the full
//! file says `2024-09-01,4.1`; parsed, the cut value looks like any other.
//!
//! Rule: a last line without its line end whose values differ from the stored ones, or a last
//! line with a value that has fewer digits than the stored one and begins like it (`4` for a
//! stored `4.1`, `12` for `1234`), is refused naming file and line; nothing is stored. A cut
//! at a line end leaves whole rows: an older vintage, which the copy rule never lets overwrite
//! a newer one (see `copies.rs`). Limits: only the last line is examined (rows cut inside a
//! file are the parsers' to refuse); JSON and workbooks are not line-based (cut, they do not
//! parse).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use anyhow::bail;
use bullcheck_core::series::{Date, Observation, ParsedSeries};
use bullcheck_core::source::{self, Kind, ParseOptions};

/// (series id, date, realtime_start, value bits) of one parsed observation.
type ObservationKey = (String, Date, Option<Date>, Option<u64>);

fn key(id: &str, o: &Observation) -> ObservationKey {
    (
        id.to_string(),
        o.date,
        o.realtime_start,
        o.value.map(f64::to_bits),
    )
}

/// A text file's last line, and (parsed only when a suspect value needs it) what the file
/// without that line holds.
pub struct LastLine<'a> {
    /// The file as messages name it.
    pub file: String,
    /// 1-based line number of the last non-blank line.
    pub line: u64,
    /// Whether that line ends with a line end.
    pub terminated: bool,
    kind: Kind,
    prefix: &'a [u8],
    opts: ParseOptions<'a>,
    before: OnceCell<HashSet<ObservationKey>>,
}

impl<'a> LastLine<'a> {
    /// The last line of `bytes` (a file of `kind`). `None` for JSON, workbooks and files
    /// without content.
    pub fn of(
        kind: Kind,
        name: &str,
        bytes: &'a [u8],
        opts: &ParseOptions<'a>,
    ) -> Option<LastLine<'a>> {
        let first = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
        let binary = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) || bytes.starts_with(b"PK");
        if binary || matches!(first, b'{' | b'[') {
            return None;
        }
        let content_end = bytes.iter().rposition(|b| !b.is_ascii_whitespace())? + 1;
        let terminated = bytes[content_end..]
            .iter()
            .any(|&b| b == b'\n' || b == b'\r');
        let start = bytes[..content_end]
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(0, |i| i + 1);
        let line = bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Some(LastLine {
            file: name.to_string(),
            line,
            terminated,
            kind,
            prefix: &bytes[..start],
            opts: *opts,
            before: OnceCell::new(),
        })
    }

    /// Whether `o` of series `id` came from the last line (the file without it lacks it).
    fn on_last_line(&self, id: &str, o: &Observation) -> bool {
        let before = self.before.get_or_init(|| {
            source::parse(self.kind, &self.file, self.prefix, &self.opts)
                .map(|prefix| {
                    prefix
                        .series
                        .iter()
                        .flat_map(|s| s.observations.iter().map(|o| key(&s.meta.id, o)))
                        .collect()
                })
                .unwrap_or_default()
        });
        !before.contains(&key(id, o))
    }

    /// Refuses a series whose last-line values would change (an unterminated line) or
    /// truncate (fewer digits) the stored ones; `stored` maps (date, realtime_start) to the
    /// stored value.
    pub(super) fn check(
        &self,
        parsed: &ParsedSeries,
        stored: &HashMap<(String, String), Option<f64>>,
    ) -> anyhow::Result<()> {
        let show = |v: Option<f64>| v.map_or_else(|| "missing".to_string(), |v| v.to_string());
        let id = &parsed.meta.id;
        for o in &parsed.observations {
            let rt = o.realtime_start.map(|d| d.to_string()).unwrap_or_default();
            let Some(&old) = stored.get(&(o.date.to_string(), rt)) else {
                continue;
            };
            let new = o.value;
            let changes = old.map(f64::to_bits) != new.map(f64::to_bits);
            let cut = matches!((old, new), (Some(old), Some(new)) if truncates(old, new));
            if !(cut || (changes && !self.terminated)) || !self.on_last_line(id, o) {
                continue;
            }
            let (file, line, date) = (&self.file, self.line, o.date);
            if self.terminated {
                bail!(
                    "{file}:{line}: {id} on {date}: {} has fewer digits than the stored {} \
                     and begins like it: the file looks cut short (nothing was stored)\n\
                     hint: download or copy the file again",
                    show(new),
                    show(old)
                );
            }
            bail!(
                "{file}:{line}: the last line has no line end and would change {id} on \
                 {date} from {} to {}: the file looks cut short (nothing was stored)\n\
                 hint: download or copy the file again",
                show(old),
                show(new)
            );
        }
        Ok(())
    }
}

/// Whether `new` reads like `old` cut short: fewer digits, and `old` written begins with `new`
/// written (`4` for `4.1`, `12` for `1234`).
pub fn truncates(old: f64, new: f64) -> bool {
    super::copies::digits(new) < super::copies::digits(old)
        && old.to_string().starts_with(&new.to_string())
}
