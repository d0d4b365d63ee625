//! The hyperscalers table (work in progress).
