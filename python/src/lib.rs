//! The native half of the `bullcheck` Python package: bullcheck's library called in-process
//! (never the executable). One function, `call(op, request_json) -> str`: the request and
//! the answer are JSON text that `pysrc/bullcheck/__init__.py` turns into pandas objects or
//! dicts; every failure raises `bullcheck.BullcheckError` with the message the command line
//! prints after `error: `. Operations: `run` (any command line, stdout captured), `audit`
//! (`load::audit` with the JSON contract and one row per check) and `series` (the wide table
//! of `data export --wide`).
//!
//! Written without pyo3's `macros` feature (its proc-macros would change the features of
//! `syn` the whole workspace shares and so rebuild most of it): the function is a
//! `PyCFunction` closure and the module is made in `PyInit__native` by hand.

use clap::Parser as _;
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyCFunction, PyDict, PyTuple};
use serde_json::Value;

use bullcheck::cli::Cli;
use bullcheck::settings::Settings;

create_exception!(
    _native,
    BullcheckError,
    PyException,
    "A bullcheck error: the message the command line prints after `error: `."
);

fn fail(err: &anyhow::Error) -> PyErr {
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

fn text(request: &Value, key: &str) -> Option<String> {
    request[key].as_str().map(str::to_string)
}

/// The strings of the array at `key` (none when absent).
fn strings(request: &Value, key: &str) -> Vec<String> {
    request[key]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `run`: `{"args": [...], "home": H?, "lang": L?}` -> what the command printed.
fn run(request: &Value) -> anyhow::Result<String> {
    let args = strings(request, "args");
    let cli = parse(
        text(request, "home").as_deref(),
        text(request, "lang").as_deref(),
        &args,
    )?;
    let (result, printed, errors) = bullcheck::output::capture(|| bullcheck::commands::run(cli));
    if result? == bullcheck::exit::ExitStatus::Error {
        // The command reported its reasons as error lines (e.g. each refused file of an
        // import, with file, line and field) and exits 2 on the command line: an exception
        // here with those lines, then what it printed.
        anyhow::bail!(
            "bullcheck {} failed (exit code 2):\n{}{}",
            args.first().map_or("", String::as_str),
            errors.trim_end(),
            if printed.is_empty() {
                String::new()
            } else {
                format!("\n{printed}")
            }
        );
    }
    Ok(printed)
}

/// `audit`: `{"home"?, "as_of"?, "lang"?}` -> `{"report": <audit --format json>, "rows": [one
/// object per check]}`.
fn audit(request: &Value) -> anyhow::Result<String> {
    let lang = text(request, "lang").unwrap_or_else(|| "en".to_string());
    let cli = parse(
        text(request, "home").as_deref(),
        Some(&lang),
        &["audit".to_string()],
    )?;
    let settings = Settings::from_cli(&cli)?;
    let options = bullcheck::load::AuditOptions {
        as_of: bullcheck::load::as_of(&settings, text(request, "as_of").as_deref())?,
        modules: Vec::new(),
        real_time: false,
    };
    let result = bullcheck::load::audit(&settings, &options)?;
    let rendered = bullcheck_core::report::json::render(&result, bullcheck::load::lang(&settings));
    let report: Value = serde_json::from_str(&rendered)?;
    /// The audit for Python: the JSON report and one row per check.
    #[derive(serde::Serialize)]
    struct AuditOut {
        report: Value,
        rows: Vec<bullcheck::export::AuditRow>,
    }
    let rows = bullcheck::export::audit_rows(&report);
    Ok(serde_json::to_string(&AuditOut { report, rows })?)
}

/// `series`: `{"ids": [...], "home"?, "start"?, "end"?}` -> `{"meta": [...], "dates": [...],
/// "columns": {id: [value or null]}}`.
fn series(request: &Value) -> anyhow::Result<String> {
    let ids = strings(request, "ids");
    let cli = parse(
        text(request, "home").as_deref(),
        None,
        &["data".to_string(), "list".to_string()],
    )?;
    let settings = Settings::from_cli(&cli)?;
    let day = |key: &str| -> anyhow::Result<Option<bullcheck_core::series::Date>> {
        text(request, key)
            .map(|t| {
                t.parse()
                    .map_err(|_| anyhow::anyhow!("invalid {key} `{t}`: expected YYYY-MM-DD"))
            })
            .transpose()
    };
    let range = bullcheck::export::Range {
        from: day("start")?,
        to: day("end")?,
    };
    let path = settings.store_path();
    if !path.exists() {
        anyhow::bail!(
            "no store at {} yet\nhint: run `bullcheck data import FILE...` or `bullcheck data update`",
            path.display()
        );
    }
    let store = bullcheck::store::Store::open(&path)?;
    let exported = bullcheck::export::load(&store, &ids, range)?;
    let (dates, columns) = bullcheck::export::wide(&exported);
    let columns: serde_json::Map<String, Value> = exported
        .iter()
        .zip(columns)
        .map(|(s, c)| Ok((s.info.meta.id.clone(), serde_json::to_value(c)?)))
        .collect::<anyhow::Result<_>>()?;
    /// The series for Python: metadata, the dates and one column of values per id.
    #[derive(serde::Serialize)]
    struct SeriesOut {
        meta: Value,
        dates: Vec<String>,
        columns: serde_json::Map<String, Value>,
    }
    let meta: Value = serde_json::from_str(&bullcheck::export::metadata_json(&exported))?;
    let dates: Vec<String> = dates.iter().map(ToString::to_string).collect();
    Ok(serde_json::to_string(&SeriesOut {
        meta,
        dates,
        columns,
    })?)
}

/// `call(op, request_json)`: dispatches to [`run`], [`audit`] or [`series`].
fn call(args: &Bound<'_, PyTuple>, _kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
    let op: String = args.get_item(0)?.extract()?;
    let request: String = args.get_item(1)?.extract()?;
    let request: Value = serde_json::from_str(&request)
        .map_err(|e| BullcheckError::new_err(format!("bad request: {e}")))?;
    let answer = match op.as_str() {
        "run" => run(&request),
        "audit" => audit(&request),
        "series" => series(&request),
        other => Err(anyhow::anyhow!("unknown operation `{other}`")),
    };
    answer.map_err(|e| fail(&e))
}

/// The module's definition: CPython requires an extension module made from one (a module
/// from `PyModule_New` is refused: "did not return an extension module").
static mut MODULE_DEF: pyo3::ffi::PyModuleDef = pyo3::ffi::PyModuleDef {
    m_base: pyo3::ffi::PyModuleDef_HEAD_INIT,
    m_name: c"_native".as_ptr(),
    m_doc: c"bullcheck's library, called in-process (see the bullcheck package).".as_ptr(),
    m_size: -1,
    m_methods: std::ptr::null_mut(),
    m_slots: std::ptr::null_mut(),
    m_traverse: None,
    m_clear: None,
    m_free: None,
};

#[allow(unsafe_code)]
fn module(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    // SAFETY: called once per interpreter by `PyInit__native` with the GIL held; the
    // definition is static and never written from Rust.
    let m = unsafe {
        let raw = pyo3::ffi::PyModule_Create(&raw mut MODULE_DEF);
        Bound::from_owned_ptr_or_err(py, raw)?
    };
    let m = m.cast_into::<PyModule>()?;
    m.add("BullcheckError", py.get_type::<BullcheckError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let function = PyCFunction::new_closure(
        py,
        Some(c"call"),
        Some(c"call(op, request_json) -> str: one bullcheck operation, JSON in and out."),
        call,
    )?;
    m.add("call", function)?;
    Ok(m)
}

/// The module's entry point, as `#[pymodule]` would write it.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
pub extern "C" fn PyInit__native() -> *mut pyo3::ffi::PyObject {
    Python::attach(|py| match module(py) {
        Ok(m) => m.into_ptr(),
        Err(err) => {
            err.restore(py);
            std::ptr::null_mut()
        }
    })
}
