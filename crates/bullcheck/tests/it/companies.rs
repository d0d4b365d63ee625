//! `bullcheck companies ingest` and `companies screen` on synthetic SEC archives whose answers
//! the generator (tools/synth-companyfacts) computed from its own plan: the screens must return
//! them exactly, damaged entries must be skipped with the right counts and nothing else lost.

use std::path::Path;

use serde_json::Value;
use synth_companyfacts::{Answers, Config, UniverseAnswers};

use crate::support::{bullcheck, run_ok};

fn generate(dir: &Path, config: &Config) -> (std::path::PathBuf, Answers) {
    let archive = dir.join(format!("companyfacts-{}.zip", config.seed));
    let answers = synth_companyfacts::generate(config, &archive).expect("archive generated");
    (archive, answers)
}

fn ingest(home: &Path, path: &Path) -> Value {
    let output = bullcheck(home)
        .args(["companies", "ingest", "--format", "json"])
        .arg(path)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "ingest failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON summary")
}

fn screen(home: &Path, name: &str, as_of: &str, universe: &str) -> Value {
    let output = bullcheck(home)
        .args([
            "companies",
            "screen",
            name,
            "--as-of",
            as_of,
            "--universe",
            universe,
            "--format",
            "json",
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "screen failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON screen")
}

/// Shares are count ÷ companies, both asserted exactly; serde_json's default float parsing can
/// be one unit in the last place off, so the share itself is compared to within one ulp.
fn assert_share(actual: &Value, expected: Option<f64>, what: &str) {
    match (actual.as_f64(), expected) {
        (None, None) => assert!(actual.is_null(), "{what}: {actual}"),
        (Some(a), Some(e)) => assert!(
            (a - e).abs() <= e.abs() * f64::EPSILON,
            "{what}: {a} != {e}"
        ),
        _ => panic!("{what}: {actual} != {expected:?}"),
    }
}

/// Every screen, every as-of date and universe of the answers.
fn assert_screens_match(home: &Path, answers: &Answers) {
    for at in &answers.as_of {
        for (universe, expected) in [("all", &at.all), ("small", &at.small)] {
            assert_universe(home, &at.as_of, universe, expected);
        }
    }
}

fn assert_universe(home: &Path, as_of: &str, universe: &str, expected: &UniverseAnswers) {
    let context = format!("as of {as_of}, universe {universe}");
    let unprofitable = screen(home, "unprofitable", as_of, universe);
    assert_eq!(unprofitable["screen"], "unprofitable");
    assert_eq!(unprofitable["as_of"], as_of);
    assert_eq!(unprofitable["universe"], universe);
    assert_eq!(
        unprofitable["companies"], expected.unprofitable.companies,
        "unprofitable companies, {context}"
    );
    assert_eq!(
        unprofitable["count"], expected.unprofitable.count,
        "unprofitable count, {context}"
    );
    assert_share(
        &unprofitable["share"],
        expected.unprofitable.share,
        &format!("unprofitable share, {context}"),
    );

    let zombies = screen(home, "zombies", as_of, universe);
    assert_eq!(
        zombies["companies"], expected.zombies.companies,
        "zombie companies, {context}"
    );
    assert_eq!(
        zombies["count"], expected.zombies.count,
        "zombie count, {context}"
    );
    assert_share(
        &zombies["share"],
        expected.zombies.share,
        &format!("zombie share, {context}"),
    );
    let ciks: Vec<u64> = zombies["zombies"]
        .as_array()
        .expect("list")
        .iter()
        .map(|z| z["cik"].as_u64().expect("cik"))
        .collect();
    assert_eq!(ciks, expected.zombies.ciks, "zombie list, {context}");

    let wall = screen(home, "maturity-wall", as_of, universe);
    assert_eq!(
        wall["companies"], expected.maturity_wall.companies,
        "wall companies, {context}"
    );
    let by_year: Vec<(i64, f64, u64)> = wall["by_year"]
        .as_array()
        .expect("by_year")
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["usd"].as_f64().unwrap(),
                y["companies"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected_years: Vec<(i64, f64, u64)> = expected
        .maturity_wall
        .by_year
        .iter()
        .map(|y| (i64::from(y.year), y.usd, y.companies as u64))
        .collect();
    assert_eq!(by_year, expected_years, "wall by year, {context}");
    assert_eq!(
        wall["after_year_five"]["usd"].as_f64(),
        Some(expected.maturity_wall.after_year_five_usd)
    );
    assert_eq!(
        wall["after_year_five"]["companies"],
        expected.maturity_wall.after_year_five_companies
    );
    assert_eq!(
        wall["total_usd"].as_f64(),
        Some(expected.maturity_wall.total_usd),
        "wall total, {context}"
    );

    let refinancing = screen(home, "refinancing", as_of, universe);
    assert_eq!(
        refinancing["companies"], expected.refinancing.companies,
        "refinancing companies, {context}"
    );
    assert_eq!(
        refinancing["below_before"], expected.refinancing.below_before,
        "below before, {context}"
    );
    assert_eq!(
        refinancing["pushed_below"], expected.refinancing.pushed_below,
        "pushed below, {context}"
    );
    assert_share(
        &refinancing["share"],
        expected.refinancing.share,
        &format!("refinancing share, {context}"),
    );
}

#[test]
fn screens_return_the_generator_answers_on_a_realistic_archive() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(120, 11);
    config.target_bytes = Some(120 * 400_000);
    let (archive, answers) = generate(dir.path(), &config);
    let home = dir.path().join("home");
    let summary = ingest(&home, &archive);
    assert_eq!(summary["companies"], 120);
    assert_eq!(summary["skipped_total"], 0);
    // The generator's plan must exercise the screens, or this test proves little.
    let all = &answers.as_of[0].all;
    assert!(all.zombies.count > 0 && all.unprofitable.count > 0 && all.maturity_wall.companies > 0);
    assert_screens_match(&home, &answers);

    // Re-ingesting replaces each company's facts: same counts, same answers.
    let again = ingest(&home, &archive);
    assert_eq!(again["facts"], summary["facts"]);
    assert_screens_match(&home, &answers);
}

#[test]
fn small_universe_ranks_by_public_float_on_a_large_archive() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(1_500, 12);
    config.target_bytes = Some(1_500 * 20_000);
    let (archive, answers) = generate(dir.path(), &config);
    let home = dir.path().join("home");
    ingest(&home, &archive);
    let latest = &answers.as_of[0];
    assert!(
        latest.small.members > 100,
        "the small universe must not be empty: {}",
        latest.small.members
    );
    assert!(latest.all.refinancing.pushed_below > 0);
    assert_screens_match(&home, &answers);
    let small = screen(&home, "unprofitable", &latest.as_of, "small");
    assert!(
        small["universe_note"]
            .as_str()
            .unwrap()
            .contains("proxy for the Russell 2000")
    );
}

#[test]
fn damaged_archive_skips_exactly_the_damaged_entries() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(150, 13);
    config.target_bytes = Some(150 * 60_000);
    config.damage = 2;
    let (archive, answers) = generate(dir.path(), &config);
    let home = dir.path().join("home");
    let output = bullcheck(&home)
        .args(["companies", "ingest", "--format", "json"])
        .arg(&archive)
        .output()
        .unwrap();
    assert!(output.status.success());
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    let skipped: std::collections::BTreeMap<String, usize> =
        serde_json::from_value(summary["skipped"].clone()).unwrap();
    assert_eq!(skipped, answers.skipped);
    assert_eq!(skipped.values().sum::<usize>(), 12);
    assert_eq!(summary["companies"], 150 - 12);
    assert_eq!(summary["entries"], 150);
    // Each skipped entry is named on stderr with its reason.
    let stderr = String::from_utf8_lossy(&output.stderr);
    for cik in &answers.skipped_ciks {
        assert!(
            stderr.contains(&format!("CIK{cik:010}.json")),
            "no warning for {cik}: {stderr}"
        );
    }
    assert_screens_match(&home, &answers);
}

#[test]
fn ingests_a_directory_and_a_single_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(30, 14);
    config.target_bytes = Some(30 * 30_000);
    let (archive, answers) = generate(dir.path(), &config);
    // Unpack the archive into a directory of CIK##########.json files.
    let files = dir.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&archive).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut out = std::fs::File::create(files.join(entry.name().unwrap().as_ref())).unwrap();
        std::io::copy(&mut entry, &mut out).unwrap();
    }
    let home = dir.path().join("home");
    let summary = ingest(&home, &files);
    assert_eq!(summary["companies"], 30);
    assert_screens_match(&home, &answers);

    let single_home = dir.path().join("single");
    let first = std::fs::read_dir(&files)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let summary = ingest(&single_home, &first);
    assert_eq!(
        (summary["entries"].as_u64(), summary["companies"].as_u64()),
        (Some(1), Some(1))
    );
}

/// One stored fact: cik, taxonomy:concept:unit, filing key, start, end, value, filed.
type StoredFact = (i64, String, String, Option<String>, String, f64, String);

/// Every stored fact, in a fixed order, read with rusqlite directly.
fn stored_facts(home: &Path) -> Vec<StoredFact> {
    let conn = rusqlite::Connection::open(home.join("bullcheck.sqlite")).unwrap();
    let mut statement = conn
        .prepare(
            "SELECT cik, taxonomy || ':' || concept || ':' || unit, coalesce(fy, '') || coalesce(fp, '') || form \
             || accn || coalesce(frame, ''), start, end, val, filed FROM company_facts \
             ORDER BY cik, concept, end, start, filed, accn, val",
        )
        .unwrap();
    statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The real companyfacts of Apple and Nvidia (`real_formats/sec`) stored by `data import` and
/// by `companies ingest` (one parser, one write path): the same rows, and the facts read off
/// the JSON by hand are among them.
#[test]
fn data_import_and_companies_ingest_store_the_same_real_facts() {
    let Some(data) = crate::support::shared_data() else {
        return;
    };
    let sec = data.join("real_formats/sec");
    let dir = tempfile::tempdir().unwrap();
    let (imported, ingested) = (dir.path().join("import"), dir.path().join("ingest"));
    let output = bullcheck(&imported)
        .args(["data", "import"])
        .arg(&sec)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = ingest(&ingested, &sec);
    assert_eq!(summary["companies"], 2);
    let facts = stored_facts(&imported);
    assert_eq!(facts, stored_facts(&ingested));
    // Counted in the JSON with Python: the facts of the 25 kept concepts (all in USD) are
    // 1,864 for Apple and 1,740 for Nvidia.
    assert_eq!(facts.len(), 1_864 + 1_740);
    assert_eq!(summary["facts"].as_u64(), Some(facts.len() as u64));
    // Nvidia's fiscal 2026 revenue (10-K filed 2026-02-25) and Apple's fiscal 2024 net
    // income, as the JSON files hold them.
    let has = |cik: i64, concept: &str, end: &str, val: f64| {
        facts.iter().any(|f| {
            f.0 == cik && f.1 == format!("us-gaap:{concept}:USD") && f.4 == end && f.5 == val
        })
    };
    assert!(has(1_045_810, "Revenues", "2026-01-25", 215_938_000_000.0));
    assert!(has(
        320_193,
        "NetIncomeLoss",
        "2024-09-28",
        93_736_000_000.0
    ));
}

#[test]
fn unreadable_input_and_empty_store_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    bullcheck(dir.path())
        .args(["companies", "ingest"])
        .arg(dir.path().join("missing.zip"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.zip"));
    bullcheck(dir.path())
        .args(["companies", "screen", "zombies", "--as-of", "2026-06-30"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("companies ingest"));
    bullcheck(dir.path())
        .args(["companies", "screen", "zombies", "--as-of", "2026-13-01"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--as-of"));
}

/// With company facts stored, the zombie checks of the audit read them (derived series
/// `SEC_R2K_*`) instead of cited figures, and agree with the generator's answers.
#[test]
fn audit_zombie_checks_use_stored_company_facts() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::new(1_500, 21);
    config.target_bytes = Some(1_500 * 20_000);
    let (archive, answers) = generate(dir.path(), &config);
    let home = dir.path().join("home");
    ingest(&home, &archive);
    let latest = &answers.as_of[0];
    let output = bullcheck(&home)
        .args([
            "audit",
            "--module",
            "zombie",
            "--format",
            "json",
            "--as-of",
            &latest.as_of,
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let check = |id: &str| {
        doc["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let unprofitable = check("zombie_r2k_unprofitable");
    assert_eq!(unprofitable["data"], "stored", "{unprofitable}");
    assert_eq!(unprofitable["as_of"], latest.as_of.as_str());
    let expected = 100.0 * latest.small.unprofitable.share.expect("share");
    assert!(
        (unprofitable["value"].as_f64().unwrap() - expected).abs() < 1e-6,
        "{unprofitable} vs {expected}"
    );
    let zombies = check("zombie_icr_lt1");
    assert_eq!(zombies["data"], "stored", "{zombies}");
    let expected = 100.0 * latest.small.zombies.share.expect("share");
    assert!(
        (zombies["value"].as_f64().unwrap() - expected).abs() < 1e-6,
        "{zombies} vs {expected}"
    );
    assert_eq!(check("zombie_maturity_wall")["data"], "stored");

    // The report (and the dashboard, built by the same function) audits the same data: each
    // company check has the audit's status and is drawn from the stored series. Before, the
    // report read no derived series and showed these checks as no_data.
    let report = home.join("report.html");
    let out = report.to_str().expect("a UTF-8 temporary path");
    run_ok(&home, &["report", "--as-of", &latest.as_of, "--out", out]);
    let page = std::fs::read_to_string(&report).unwrap();
    for id in [
        "zombie_r2k_unprofitable",
        "zombie_r2k_baseline",
        "zombie_icr_lt1",
        "zombie_maturity_wall",
    ] {
        let status = check(id)["status"].as_str().unwrap().to_string();
        assert_ne!(status, "no_data", "{id}");
        assert!(
            page.contains(&format!(r#"data-check="{id}" data-status="{status}""#)),
            "{id}: the report does not show the audit's status {status}"
        );
        let section_start = page
            .find(&format!(r#"id="check-{id}""#))
            .unwrap_or_else(|| panic!("no section for {id}"));
        let section = &page[section_start..];
        let section = &section[..section.find("</section>").unwrap()];
        assert!(
            section.contains("<b>Data</b>stored series"),
            "{id}: {section}"
        );
    }
}

/// `bullcheck data update companies` downloads the bulk archive with the SEC User-Agent,
/// retries a server error, and ingests it; without a User-Agent it refuses before any request.
#[test]
fn data_update_companies_downloads_and_ingests_the_bulk_archive() {
    use crate::http_server::{Reply, Server};
    let dir = tempfile::tempdir().unwrap();
    let (archive, answers) = generate(dir.path(), &Config::new(30, 5));
    let bytes = std::fs::read(&archive).unwrap();
    let server = Server::start(vec![(
        "/Archives/edgar/daily-index/xbrl/companyfacts.zip",
        vec![Reply::status(503), Reply::ok(bytes)],
    )]);
    let url = format!(
        "{}/Archives/edgar/daily-index/xbrl/companyfacts.zip",
        server.url()
    );
    let home = dir.path().join("home");

    let refused = bullcheck(&home)
        .args(["data", "update", "companies"])
        .env("BULLCHECK_SEC_BULK_URL", &url)
        .env_remove("BULLCHECK_SEC_USER_AGENT")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("BULLCHECK_SEC_USER_AGENT"));
    assert!(server.requests().is_empty());

    let output = bullcheck(&home)
        .args(["data", "update", "companies"])
        .env("BULLCHECK_SEC_BULK_URL", &url)
        .env(
            "BULLCHECK_SEC_USER_AGENT",
            "bullcheck tests tests@example.com",
        )
        .env("BULLCHECK_HTTP_RETRY_BASE_MS", "10")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "one 503, then the archive");
    assert_eq!(
        requests[1].header("user-agent"),
        Some("bullcheck tests tests@example.com")
    );
    // The stored facts answer the screens exactly as the generator says.
    assert_universe(&home, &answers.as_of[0].as_of, "all", &answers.as_of[0].all);
}

/// The bulk download goes through the HTTP client with its retries and timeouts: a truncated
/// archive is retried (the first retry after the base wait, 10 ms here), a stalled server fails
/// within the timeout instead of hanging, and a failed download leaves neither a partial file
/// nor a changed store.
#[test]
fn bulk_download_retries_truncation_and_a_stall_fails_leaving_nothing_behind() {
    use crate::http_server::{Reply, Server};
    const PATH: &str = "/Archives/edgar/daily-index/xbrl/companyfacts.zip";
    let dir = tempfile::tempdir().unwrap();
    let (archive, answers) = generate(dir.path(), &Config::new(20, 6));
    let bytes = std::fs::read(&archive).unwrap();
    let home = dir.path().join("home");
    let update = |server: &Server| {
        let mut cmd = bullcheck(&home);
        cmd.args(["data", "update", "companies"])
            .env("BULLCHECK_SEC_BULK_URL", format!("{}{PATH}", server.url()))
            .env(
                "BULLCHECK_SEC_USER_AGENT",
                "bullcheck tests tests@example.com",
            )
            .env("BULLCHECK_HTTP_RETRY_BASE_MS", "10")
            .env("BULLCHECK_HTTP_TIMEOUT_MS", "400")
            .env("BULLCHECK_HTTP_MAX_ATTEMPTS", "3");
        cmd.output().unwrap()
    };

    let truncated = Server::start(vec![(
        PATH,
        vec![
            Reply::ok(bytes.clone()).truncated(bytes.len() / 2),
            Reply::ok(bytes.clone()),
        ],
    )]);
    let output = update(&truncated);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(truncated.requests().len(), 2, "{stderr}");
    assert!(stderr.contains("truncated body"), "{stderr}");
    assert!(stderr.contains("retry 1 of 2 in 10 ms"), "{stderr}");
    assert_universe(&home, &answers.as_of[0].as_of, "all", &answers.as_of[0].all);

    // A server that sends nothing for longer than the timeout: every attempt times out.
    let stalled = Server::start(vec![(
        PATH,
        vec![Reply::ok(bytes.clone()).delay(std::time::Duration::from_secs(3))],
    )]);
    let output = update(&stalled);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("failed after 3 attempts"), "{stderr}");
    let cache = home.join("cache");
    assert!(!cache.join("companyfacts.zip.part").exists());
    // The earlier archive and the stored facts are untouched.
    assert_eq!(
        std::fs::read(cache.join("companyfacts.zip")).unwrap(),
        bytes
    );
    assert_universe(&home, &answers.as_of[0].as_of, "all", &answers.as_of[0].all);
}
