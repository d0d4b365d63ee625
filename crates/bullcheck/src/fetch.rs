//! HTTP fetching with retries. (stub)
