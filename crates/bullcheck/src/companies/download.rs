//! Download of the SEC's nightly bulk archive `companyfacts.zip` to a file (the archive must be
//! seekable to be read, so it is never streamed straight into ingest).

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

/// The SEC's nightly bulk archive of every filer's company facts.
pub const BULK_URL: &str = "https://www.sec.gov/Archives/edgar/daily-index/xbrl/companyfacts.zip";

/// The largest bulk archive accepted (8 GiB; the real one is about 1.3 GB).
const MAX_BULK_BYTES: u64 = 8 << 30;

/// Downloads `url` (normally [`BULK_URL`]) to `dest` with the SEC's required User-Agent
/// (`"Name email@example.com"`, from BULLCHECK_SEC_USER_AGENT). Writes to `dest.part` and
/// renames when complete, so an interrupted download never leaves a truncated archive.
/// Returns the bytes written.
pub fn download_bulk(url: &str, user_agent: &str, dest: &Path) -> anyhow::Result<u64> {
    if user_agent.trim().is_empty() {
        anyhow::bail!("SEC downloads need BULLCHECK_SEC_USER_AGENT (\"Name email@example.com\")");
    }
    let partial = dest.with_extension("zip.part");
    let response = ureq::get(url)
        .header("User-Agent", user_agent)
        .call()
        .with_context(|| format!("cannot download {url}"))?;
    // A server that never stops must not fill the disk: the real archive is about 1.3 GB.
    let mut reader = std::io::Read::take(response.into_body().into_reader(), MAX_BULK_BYTES + 1);
    let mut file = std::fs::File::create(&partial)
        .with_context(|| format!("cannot create {}", partial.display()))?;
    let bytes = std::io::copy(&mut reader, &mut file)
        .with_context(|| format!("download of {url} failed"))?;
    if bytes > MAX_BULK_BYTES {
        drop(file);
        let _ = std::fs::remove_file(&partial);
        anyhow::bail!("download of {url} passed {MAX_BULK_BYTES} bytes: refused");
    }
    file.flush()?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, dest)
        .with_context(|| format!("cannot move the download to {}", dest.display()))?;
    Ok(bytes)
}
