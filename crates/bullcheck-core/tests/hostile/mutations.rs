//! The hostile-input generator shared by the standing attack suite's two halves (in process:
//! `crates/bullcheck-core/tests/hostile_suite.rs`; through the executable and the dashboard:
//! `crates/bullcheck/tests/it/hostile_suite.rs`): the small real-format fixtures and
//! deterministic mutations of any input.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every small real-format fixture under `testdata/` (validation tables over 40 KB left out).
pub fn data_fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![root().join("testdata")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            if name.ends_with(".md") || bytes.len() > 40_000 {
                continue;
            }
            out.push((
                path.strip_prefix(root())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                bytes,
            ));
        }
    }
    out.sort();
    out
}

/// A deterministic generator (splitmix64), so every run tries the same cases.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

fn splice(bytes: &[u8], at: usize, len: usize, with: &[u8]) -> Vec<u8> {
    let mut out = bytes[..at].to_vec();
    out.extend_from_slice(with);
    out.extend_from_slice(&bytes[(at + len).min(bytes.len())..]);
    out
}

/// The first run of ASCII digits (a number or a date part): (start, length).
fn first_number(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let start = from + bytes[from..].iter().position(u8::is_ascii_digit)?;
    let len = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .count();
    Some((start, len))
}

/// The first `YYYY-MM-DD` date: its start.
fn first_date(bytes: &[u8]) -> Option<usize> {
    bytes.windows(10).position(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..].iter().all(u8::is_ascii_digit)
    })
}

/// Start of the second line (the first data row of most files), or 0.
fn second_line(bytes: &[u8]) -> usize {
    find(bytes, b"\n").map_or(0, |i| i + 1)
}

/// The generated variants of `base`: (mutation name, bytes). Same list for the same input.
pub fn mutations(base: &[u8], seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng(seed);
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let len = base.len();
    out.push(("empty".into(), Vec::new()));
    out.push(("bom only".into(), b"\xEF\xBB\xBF".to_vec()));
    for k in 1..=8 {
        let at = len * k / 9;
        out.push((format!("cut at {k}/9"), base[..at].to_vec()));
    }
    for k in 0..8 {
        let mut flipped = base.to_vec();
        if !flipped.is_empty() {
            let at = rng.below(len);
            flipped[at] ^= 1 << (rng.next() % 8);
        }
        out.push((format!("bit flip {k}"), flipped));
    }
    let mut scrambled = base.to_vec();
    for _ in 0..16 {
        if !scrambled.is_empty() {
            let at = rng.below(len);
            scrambled[at] = rng.next() as u8;
        }
    }
    out.push(("16 random bytes".into(), scrambled));
    let row = second_line(base);
    if let Some((at, n)) = first_number(base, row) {
        out.push((
            "oversize number".into(),
            splice(base, at, n, &vec![b'9'; 200_000]),
        ));
        for (name, text) in [
            ("NaN", "NaN"),
            ("inf", "inf"),
            ("-inf", "-Infinity"),
            ("1e999", "1e999"),
        ] {
            out.push((
                format!("non-finite {name}"),
                splice(base, at, n, text.as_bytes()),
            ));
        }
    }
    if let Some(at) = base[row..]
        .iter()
        .position(u8::is_ascii_alphabetic)
        .map(|i| row + i)
    {
        out.push((
            "oversize text".into(),
            splice(base, at, 0, &vec![b'A'; 300_000]),
        ));
        out.push((
            "control characters".into(),
            splice(base, at, 0, b"\x1b]0;pwned\x07\x1b[2J\0\r\x08"),
        ));
    }
    out.push((
        "terminal escape row".into(),
        splice(base, row, 0, b"\x1b[31m\x1b]0;title\x07,\x1b[2J\n"),
    ));
    if let Some(at) = first_date(base) {
        for bad in ["2024-13-45", "2024-02-30", "9999-12-31", "0000-00-00"] {
            out.push((format!("date {bad}"), splice(base, at, 10, bad.as_bytes())));
        }
        out.push((
            "date with hour 25".into(),
            splice(base, at + 10, 0, b"T25:61:00"),
        ));
    }
    // A repeated row (a duplicate date) and a repeated key.
    let row_end = find(&base[row..], b"\n").map_or(len, |i| row + i + 1);
    if row < row_end {
        let mut doubled = base[..row_end].to_vec();
        doubled.extend_from_slice(&base[row..]);
        out.push(("duplicate row".into(), doubled));
    }
    if let Some(brace) = find(base, b"{\"") {
        let body = &base[brace + 1..];
        if let Some(comma) = body.iter().position(|b| *b == b',') {
            let pair = &body[..comma];
            if !pair.contains(&b'{') && !pair.contains(&b'[') {
                let mut dup = pair.to_vec();
                dup.push(b',');
                out.push((
                    "duplicate JSON key".into(),
                    splice(base, brace + 1, 0, &dup),
                ));
            }
        }
    }
    // A header 10,000 names wider.
    let header_end = find(base, b"\n").unwrap_or(len);
    let extra: Vec<u8> = (0..10_000)
        .flat_map(|i| format!(",x{i}").into_bytes())
        .collect();
    out.push((
        "header 10,000 names wider".into(),
        splice(base, header_end, 0, &extra),
    ));
    out.push((
        "2 MB line".into(),
        splice(base, row, 0, &vec![b','; 2 << 20]),
    ));
    out.push((
        "not UTF-8".into(),
        splice(base, row, 0, b"\xff\xfe\xc3\x28"),
    ));
    out
}
