//! `data update`: live sources. (stub)
