//! The one integration-test binary: runs the real `bullcheck` executable against temp homes,
//! fixture files, `../shared/data` and a local HTTP server.
//!
//! Tests read their own environment (CI, opt-in live tests, the shared data folder) and the
//! clock (dates relative to the run); the binary's rule of one reader does not bind them.
#![allow(clippy::disallowed_methods)]

mod audit;
mod audit_ai_val;
mod audit_macro;
mod browser;
mod companies;
mod contagion_bubbles;
mod dashboard_attacks;
mod data_truth;
mod history;
mod hostile;
mod hostile_suite;
mod http_server;
mod import;
mod layers;
mod network;
mod own_data;
mod portfolio;
mod public_docs;
mod rating;
mod report;
mod serve;
mod store;
mod stress;
mod support;
mod terminal;
mod tidy;
mod verdicts;
mod vintages;
mod zh_outputs;
mod zh_rules;
