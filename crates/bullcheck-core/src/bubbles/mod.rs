//! Bubble statistics: Greenwood–Shleifer–You industry run-ups and crashes ([`gsy`]) and the
//! Phillips–Shi–Yu GSADF explosive-root test with date-stamping ([`gsadf`]).

pub mod gsadf;
pub mod gsy;
