//! Writing to stdout: data goes to stdout, messages to stderr. A closed pipe surfaces as an
//! `io::Error` of kind `BrokenPipe`, which `main` treats as success.

use std::io::Write as _;

/// While [`capture`] runs, what the commands print goes here instead of stdout.
static CAPTURE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// One capture at a time (the Python package runs commands from any thread).
static CAPTURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `f` with stdout captured: returns its result and what it printed (for the Python
/// package, which calls the commands in-process and returns their JSON).
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, String) {
    let _one = CAPTURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    *CAPTURE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(String::new());
    let result = f();
    let text = CAPTURE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .unwrap_or_default();
    (result, text)
}

/// Writes `text` to stdout in one go (or to the running [`capture`]).
pub fn print(text: &str) -> anyhow::Result<()> {
    crate::progress::clear();
    if let Some(buffer) = CAPTURE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_mut()
    {
        buffer.push_str(text);
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
