//! The native half of the `bullcheck` Python package: bullcheck's library called in-process
//! (never the executable). Each function returns JSON text that `pysrc/bullcheck/__init__.py`
//! turns into pandas objects or dicts; every failure raises `bullcheck.BullcheckError` with
//! the message the command line prints after `error: `.

use clap::Parser as _;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

use bullcheck::cli::Cli;
use bullcheck::settings::Settings;

create_exception!(
    _native,
    BullcheckError,
    PyException,
    "A bullcheck error: the message the command line prints after `error: `."
);

fn fail(err: anyhow::Error) -> PyErr {
    BullcheckError::new_err(format!("{err:#}"))
}

/// The command line `bullcheck [--home H] [--lang L] ARGS...`, parsed as the executable does
/// (a usage error becomes a `BullcheckError` with clap's message).
fn parse(home: Option<&str>, lang: Option<&str>, args: &[String]) -> anyhow::Result<Cli> {
    let mut all = vec!["bullcheck".to_string()];
    if let Some(home) = home {
        all.extend(["--home".to_string(), home.to_string()]);
    }
    if let Some(lang) = lang {
        all.extend(["--lang".to_string(), lang.to_string()]);
    }
    all.extend(args.iter().cloned());
    Cli::try_parse_from(&all).map_err(|e| anyhow::anyhow!("{}", e.render().to_string().trim()))
}

/// Runs one command in-process and returns what it printed on stdout.
#[pyfunction]
#[pyo3(signature = (args, home=None, lang=None))]
fn run(args: Vec<String>, home: Option<String>, lang: Option<String>) -> PyResult<String> {
    let cli = parse(home.as_deref(), lang.as_deref(), &args).map_err(fail)?;
    let (result, text) = bullcheck::output::capture(|| bullcheck::commands::run(cli));
    result.map_err(fail)?;
    Ok(text)
}

/// The audit (`bullcheck::load::audit`) as `{"report": <audit --format json>, "rows":
/// [one object per check]}`.
#[pyfunction]
#[pyo3(signature = (home=None, as_of=None, lang="en"))]
fn audit(home: Option<String>, as_of: Option<String>, lang: &str) -> PyResult<String> {
    let go = || -> anyhow::Result<String> {
        let cli = parse(home.as_deref(), Some(lang), &["audit".to_string()])?;
        let settings = Settings::from_cli(&cli)?;
        let options = bullcheck::load::AuditOptions {
            as_of: bullcheck::load::as_of(&settings, as_of.as_deref())?,
            modules: Vec::new(),
            real_time: false,
        };
        let result = bullcheck::load::audit(&settings, &options)?;
        let text = bullcheck_core::report::json::render(&result, bullcheck::load::lang(&settings));
        let report: serde_json::Value = serde_json::from_str(&text)?;
        let rows: Vec<serde_json::Value> = bullcheck::export::audit_rows(&report)
            .into_iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id, "module": r.module, "title": r.title, "value": r.value,
                    "unit": r.unit, "status": r.status, "percentile": r.percentile,
                    "as_of": r.as_of, "data": r.data, "stale": r.stale, "verdict": r.verdict,
                    "source": r.source, "url": r.url,
                })
            })
            .collect();
        Ok(serde_json::json!({ "report": report, "rows": rows }).to_string())
    };
    go().map_err(fail)
}

/// Stored series within `[start, end]` as `{"meta": [...], "dates": [...], "columns":
/// {id: [values or null]}}` (the wide table of `data export --wide`).
#[pyfunction]
#[pyo3(signature = (ids, home=None, start=None, end=None))]
fn series(
    ids: Vec<String>,
    home: Option<String>,
    start: Option<String>,
    end: Option<String>,
) -> PyResult<String> {
    let go = || -> anyhow::Result<String> {
        let cli = parse(home.as_deref(), None, &["data".into(), "list".into()])?;
        let settings = Settings::from_cli(&cli)?;
        let day = |flag: &str, t: Option<&str>| -> anyhow::Result<Option<_>> {
            t.map(|t| {
                t.parse()
                    .map_err(|_| anyhow::anyhow!("invalid {flag} `{t}`: expected YYYY-MM-DD"))
            })
            .transpose()
        };
        let range = bullcheck::export::Range {
            from: day("start", start.as_deref())?,
            to: day("end", end.as_deref())?,
        };
        let path = settings.store_path();
        if !path.exists() {
            anyhow::bail!(
                "no store at {} yet\nhint: run `bullcheck data import FILE...` or \
                 `bullcheck data update`",
                path.display()
            );
        }
        let store = bullcheck::store::Store::open(&path)?;
        let exported = bullcheck::export::load(&store, &ids, range)?;
        let (dates, columns) = bullcheck::export::wide(&exported);
        let columns: serde_json::Map<String, serde_json::Value> = exported
            .iter()
            .zip(columns)
            .map(|(s, c)| (s.info.meta.id.clone(), serde_json::json!(c)))
            .collect();
        let meta: serde_json::Value =
            serde_json::from_str(&bullcheck::export::metadata_json(&exported))?;
        let dates: Vec<String> = dates.iter().map(ToString::to_string).collect();
        Ok(serde_json::json!({ "meta": meta, "dates": dates, "columns": columns }).to_string())
    };
    go().map_err(fail)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BullcheckError", m.py().get_type::<BullcheckError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(audit, m)?)?;
    m.add_function(wrap_pyfunction!(series, m)?)?;
    Ok(())
}
