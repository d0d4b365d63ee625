//! Pure valuation and balance-sheet models from docs/catalogue.md §2 (M1 fair P/E, M2 depreciation
//! life, M3 refinancing shock).
//!
//! Each model is a set of plain functions over a named-field parameter struct, so the audit's
//! checks and the stress-test transmission model call the same code. Rates are decimal
//! fractions (0.045 = 4.5%) everywhere in this module; money is in whatever unit the caller
//! uses (the tests use $B).

pub mod cape;
pub mod circular_share;
pub mod depreciation;
pub mod fair_pe;
pub mod funding_gap;
pub mod implied_erp;
pub mod k_shape;
pub mod mlf_event;
pub mod refinancing;
pub mod sequoia;
pub mod wicksell;
