//! bullcheck-core: the pure middle of bullcheck.
//!
//! ```text
//! bytes ─► source::parse ─► (store, in the binary) ─► Dataset ─► checks::evaluate ─► Audit ─► report::render_*
//! ```
//!
//! Nothing in this crate touches the network, the file system, the clock or an ambient random
//! number generator: every function is a function of its arguments. The binary crate does
//! all I/O. `clippy.toml` beside `Cargo.toml` makes this a lint error (`disallowed-methods`,
//! `disallowed-types`) outside tests.
#![cfg_attr(test, allow(clippy::disallowed_methods, clippy::disallowed_types))]

pub mod audit;
pub mod bubbles;
pub mod checks;
pub mod companies;
pub mod csv_text;
pub mod events;
pub mod forecast;
pub mod history;
pub mod models;
pub mod network;
pub mod portfolio;
pub mod reason;
pub mod release;
pub mod report;
pub mod scoring;
pub mod series;
pub mod snapshot;
pub mod source;
pub mod stress;
pub mod vocab;

#[cfg(test)]
pub(crate) mod test_util {
    /// The runs of ASCII digits in `text`, sorted: a translation must carry the same numbers
    /// as its English source, in any order.
    pub fn digit_runs(text: &str) -> Vec<String> {
        let mut runs: Vec<String> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(str::to_string)
            .collect();
        runs.sort_unstable();
        runs
    }
}
