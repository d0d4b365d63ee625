//! Synthetic SEC `companyfacts` archives with known screen answers (work in progress).
