//! A spinner on stderr for commands that can take more than a second (`history`, `bubbles
//! gsadf`, `report`, `stress validate`): what is being done and for how long, so a terminal
//! never sits silent. Drawn only when stderr is a terminal (nothing when piped or redirected,
//! so outputs and logs stay clean) and cleared when the work ends (the guard is dropped).
//! Commands with a known amount of work (`data import` of a folder, `companies ingest`) show
//! a bar of files or bytes instead, in their own modules. `output::print` clears a running
//! spinner first, so the result never shares a line with it.

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// The running spinner; dropping it clears the line.
pub struct Spinner(ProgressBar);

/// The spinner on screen, for [`clear`].
static ACTIVE: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Clears the spinner on screen, if any (before a command prints its result).
pub fn clear() {
    if let Ok(mut active) = ACTIVE.lock()
        && let Some(bar) = active.take()
    {
        bar.finish_and_clear();
    }
}

/// Starts a spinner with `message` when stderr is a terminal; else a hidden one.
pub fn spinner(message: &str) -> Spinner {
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return Spinner(ProgressBar::hidden());
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    if let Ok(mut active) = ACTIVE.lock() {
        *active = Some(bar.clone());
    }
    Spinner(bar)
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
        clear();
    }
}
