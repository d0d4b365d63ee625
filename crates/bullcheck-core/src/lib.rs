//! bullcheck-core: the pure middle of bullcheck.
//!
//! ```text
//! bytes ─► source::parse ─► (store, in the binary) ─► Dataset ─► checks::evaluate ─► Audit ─► report::render_*
//! ```
//!
//! Nothing in this crate touches the network, the file system, the clock or an ambient random
//! number generator: every function is a function of its arguments. The binary crate does
//! all I/O.

pub mod audit;
pub mod checks;
pub mod companies;
pub mod history;
pub mod models;
pub mod report;
pub mod series;
pub mod snapshot;
pub mod source;
pub mod stress;
