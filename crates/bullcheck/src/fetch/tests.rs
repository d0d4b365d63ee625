use super::config::check_sec_user_agent;
use super::retry::parse_retry_after;
use super::*;

#[test]
fn backoff_doubles_from_the_base_without_jitter() {
    let base = Duration::from_millis(500);
    let delays: Vec<Duration> = (1..=4).map(|n| backoff_delay(base, n)).collect();
    assert_eq!(
        delays,
        [
            Duration::from_millis(500),
            Duration::from_secs(1),
            Duration::from_secs(2),
            Duration::from_secs(4)
        ]
    );
    // Deterministic: the same retry always waits the same.
    assert_eq!(backoff_delay(base, 3), backoff_delay(base, 3));
}

#[test]
fn redirects_stay_on_the_host_and_never_downgrade() {
    assert!(redirect_allowed(
        "https://fred.stlouisfed.org/a",
        "https://fred.stlouisfed.org/b"
    ));
    assert!(redirect_allowed(
        "http://127.0.0.1:5/a",
        "http://127.0.0.1:5/b"
    ));
    assert!(redirect_allowed("http://sec.gov/a", "https://sec.gov/b"));
    assert!(!redirect_allowed("https://sec.gov/a", "http://sec.gov/b"));
    assert!(!redirect_allowed(
        "https://sec.gov/a",
        "https://evil.example/b"
    ));
    assert!(!redirect_allowed(
        "https://sec.gov/a",
        "https://sec.gov@evil.example/b"
    ));
    assert_eq!(
        resolve_location("https://h.org/x?y", "/z").as_deref(),
        Some("https://h.org/z")
    );
    assert_eq!(resolve_location("https://h.org/x", "z"), None);
}

#[test]
fn rate_limiter_allows_ten_requests_per_second() {
    let start = Instant::now();
    let mut limiter = RateLimiter::new(SEC_MIN_INTERVAL);
    // Eleven requests at the same instant: the 11th waits a full second.
    let waits: Vec<Duration> = (0..11).map(|_| limiter.reserve(start)).collect();
    assert_eq!(waits[0], Duration::ZERO);
    assert_eq!(waits[1], Duration::from_millis(100));
    assert_eq!(waits[10], Duration::from_secs(1));
    // Slots booked within any one second of fake time: at most 10.
    let slots: Vec<Duration> = waits.clone();
    for window_start in &slots {
        let in_window = slots
            .iter()
            .filter(|s| **s >= *window_start && **s < *window_start + Duration::from_secs(1))
            .count();
        assert!(in_window <= 10, "{in_window} requests within one second");
    }
}

#[test]
fn rate_limiter_does_not_wait_after_a_pause() {
    let start = Instant::now();
    let mut limiter = RateLimiter::new(Duration::from_millis(100));
    assert_eq!(limiter.reserve(start), Duration::ZERO);
    // 250 ms later (fake clock) the next request may go at once ...
    let later = start + Duration::from_millis(250);
    assert_eq!(limiter.reserve(later), Duration::ZERO);
    // ... and one 30 ms after that waits the remaining 70 ms.
    assert_eq!(
        limiter.reserve(later + Duration::from_millis(30)),
        Duration::from_millis(70)
    );
}

#[test]
fn redact_hides_every_api_key() {
    let url = "https://api.stlouisfed.org/fred/series/observations?series_id=DGS10&api_key=abcdef0123456789abcdef0123456789&file_type=json";
    assert_eq!(
        redact(url),
        "https://api.stlouisfed.org/fred/series/observations?series_id=DGS10&api_key=REDACTED&file_type=json"
    );
    assert_eq!(redact("x?api_key=secret"), "x?api_key=REDACTED");
    assert_eq!(redact("no key here"), "no key here");
    assert!(!redact("a api_key=k1 b api_key=k2&c").contains("k1"));
    assert!(!redact("a api_key=k1 b api_key=k2&c").contains("k2"));
}

#[test]
fn host_of_urls() {
    assert_eq!(
        host_of("https://fred.stlouisfed.org/graph/fredgraph.csv?id=DGS10"),
        "fred.stlouisfed.org"
    );
    assert_eq!(host_of("http://127.0.0.1:4000/x"), "127.0.0.1:4000");
    assert_eq!(host_of("https://data.sec.gov"), "data.sec.gov");
}

#[test]
fn retry_after_seconds() {
    assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
}

#[test]
fn validator_cache_round_trips_atomically_and_redacts_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache/http.json");
    let mut cache = ValidatorCache::load(&path);
    assert!(cache.get("https://x/a").is_none());
    let v = Validators {
        etag: Some("\"abc\"".into()),
        last_modified: Some("Wed, 21 Oct 2015 07:28:00 GMT".into()),
    };
    cache.set("https://x/a?api_key=secret", v.clone());
    cache.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("secret"));
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["http.json"]);
    let reloaded = ValidatorCache::load(&path);
    assert_eq!(reloaded.get("https://x/a?api_key=other"), Some(&v));
}

#[test]
fn unreadable_validator_cache_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("http.json");
    std::fs::write(&path, "{not json").unwrap();
    assert!(ValidatorCache::load(&path).get("https://x/a").is_none());
}

#[test]
fn sec_user_agent_needs_a_name_and_an_email() {
    let missing = check_sec_user_agent("  ").unwrap_err().to_string();
    assert!(
        missing.contains("is not set") && missing.contains("hint"),
        "{missing}"
    );
    let no_email = check_sec_user_agent("bullcheck").unwrap_err().to_string();
    assert!(no_email.contains("Name email@example.com"), "{no_email}");
    assert_eq!(
        check_sec_user_agent(" Jane Doe jane@example.com ").unwrap(),
        "Jane Doe jane@example.com"
    );
}
