//! Writing to stdout: data goes to stdout, messages to stderr. A closed pipe surfaces as an
//! `io::Error` of kind `BrokenPipe`, which `main` treats as success.

use std::io::Write as _;

/// Writes `text` to stdout in one go.
pub fn print(text: &str) -> anyhow::Result<()> {
    crate::progress::clear();
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
