//! The dashboard's `/portfolio`: the saved holdings (`$BULLCHECK_HOME/portfolio.csv`, next to
//! the store) run through every built-in scenario and patch, and a form that replaces them.
//!
//! GET renders the page (the editor, then the report when holdings are saved). POST takes a
//! form body `holdings=<CSV>`, validates it with the same parser as `portfolio run` (a refused
//! edit is a 400 page naming the line and field, and nothing is saved), writes the file
//! atomically and redirects to the page (303). A save writes its own temporary file (unique
//! name, created exclusively), syncs it, renames it over `portfolio.csv` and syncs the folder,
//! all under one lock: concurrent saves never share a temporary file, and a kill at any
//! point leaves either the old or the new holdings, never an empty file (issue 28).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use bullcheck_core::portfolio::holdings::parse_holdings;
use bullcheck_core::portfolio::html::{Editor, portfolio_page};
use bullcheck_core::report::Lang;

use super::query::{self, HoldingsForm, LangParam, Params};
use super::{AppState, page_lang, server_error};

/// Where the dashboard keeps the holdings.
pub fn holdings_path(state: &AppState) -> PathBuf {
    state.0.settings.home.join("portfolio.csv")
}

fn page_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

pub async fn show(State(state): State<AppState>, Params(q): Params<LangParam>) -> Response {
    let lang = page_lang(&state, &q);
    let path = holdings_path(&state);
    let csv = std::fs::read_to_string(&path).unwrap_or_default();
    if csv.is_empty() {
        let editor = Editor {
            csv: "asset,weight\nus_large_cap,60\ntreasuries_10y,40\n",
            error: None,
        };
        return page_response(StatusCode::OK, portfolio_page(None, lang, Some(&editor)));
    }
    let settings = state.0.settings.clone();
    let built = tokio::task::spawn_blocking(move || {
        crate::load::build_portfolio(&settings, &path, &[], &[], 0, 1)
    })
    .await;
    match built {
        Ok(Ok(report)) => page_response(
            StatusCode::OK,
            portfolio_page(
                Some(&report),
                lang,
                Some(&Editor {
                    csv: &csv,
                    error: None,
                }),
            ),
        ),
        Ok(Err(err)) => server_error(&err),
        Err(err) => server_error(&anyhow::anyhow!("portfolio task failed: {err}")),
    }
}

pub async fn save(
    State(state): State<AppState>,
    Params(q): Params<LangParam>,
    body: Bytes,
) -> Response {
    let lang: Lang = page_lang(&state, &q);
    let text = match std::str::from_utf8(&body) {
        Ok(t) => t,
        Err(_) => return super::json_error(StatusCode::BAD_REQUEST, "the form body is not UTF-8"),
    };
    let csv = match query::from_text::<HoldingsForm>(text) {
        Ok(form) => form.holdings,
        Err(e) => return super::json_error(StatusCode::BAD_REQUEST, e.0),
    };
    if let Err(err) = parse_holdings("holdings", csv.as_bytes()) {
        let message = err.to_string();
        let editor = Editor {
            csv: &csv,
            error: Some(&message),
        };
        return page_response(
            StatusCode::BAD_REQUEST,
            portfolio_page(None, lang, Some(&editor)),
        );
    }
    let path = holdings_path(&state);
    let saved = tokio::task::spawn_blocking({
        let path = path.clone();
        move || save_holdings(&path, csv.as_bytes())
    })
    .await;
    match saved {
        Ok(Ok(())) => {}
        Ok(Err(err)) => {
            return server_error(&anyhow::anyhow!("cannot save {}: {err}", path.display()));
        }
        Err(err) => return server_error(&anyhow::anyhow!("save task failed: {err}")),
    }
    (
        StatusCode::SEE_OTHER,
        [(
            header::LOCATION,
            format!(
                "/portfolio{}",
                bullcheck_core::report::html::lang_query(lang, '?')
            ),
        )],
    )
        .into_response()
}

/// Serialises saves of this process (each save replaces the whole file).
static SAVE_LOCK: Mutex<()> = Mutex::new(());
/// Numbers the temporary files of this process.
static SAVE_SEQ: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `bytes`: a uniquely named temporary file next to it (created
/// exclusively, synced), renamed over it, the folder synced; the temporary file is removed
/// when anything fails (a full disk leaves no 0-byte file behind).
fn save_holdings(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let _guard = SAVE_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".portfolio.csv.{}.{}.tmp",
        std::process::id(),
        SAVE_SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable (best effort: not every platform opens folders).
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
