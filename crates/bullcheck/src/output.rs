//! Writing to stdout: data goes to stdout, messages to stderr. A closed pipe surfaces as an
//! `io::Error` of kind `BrokenPipe`, which `main` treats as success.

use std::io::Write as _;

/// While [`capture`] runs, what the commands print goes here instead of stdout.
static CAPTURE: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// One capture at a time (the Python package runs commands from any thread).
static CAPTURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// While [`capture`] runs, the error lines of [`error_line`] go here instead of stderr.
static CAPTURE_ERRORS: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Runs `f` with stdout and the commands' error lines captured: returns its result, what it
/// printed and the error lines (for the Python package, which calls the commands in-process,
/// returns their JSON and raises their errors).
pub fn capture<R>(f: impl FnOnce() -> R) -> (R, String, String) {
    let _one = CAPTURING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for buffer in [&CAPTURE, &CAPTURE_ERRORS] {
        *buffer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(String::new());
    }
    let result = f();
    let [text, errors] = [&CAPTURE, &CAPTURE_ERRORS].map(|buffer| {
        buffer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
            .unwrap_or_default()
    });
    (result, text, errors)
}

/// Writes one error line to stderr (or to the running [`capture`]), e.g. a file an import
/// refused, where the command goes on and exits 2 at the end.
pub fn error_line(text: &str) {
    if let Some(buffer) = CAPTURE_ERRORS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .as_mut()
    {
        buffer.push_str(text);
        buffer.push('\n');
        return;
    }
    eprintln!("{text}");
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
