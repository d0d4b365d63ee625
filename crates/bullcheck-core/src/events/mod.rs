//! Event studies ("when X then Y"): the generic engine ([`study`]), the monthly MLF CSV
//! parser ([`mlf_csv`]) and the renderers ([`render`]).

pub mod claim;
pub mod mlf_csv;
pub mod render;
pub mod study;
