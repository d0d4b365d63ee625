//! Issue 15: every output a user reads exists in Chinese. On the whole shared data set, every
//! command's Chinese output (terminal and Markdown audits, `checks`, the HTML report, every
//! dashboard page, the models' tables: stress, events, network, bubbles, history, company screens,
//! portfolio, data …) is searched for English words; a word left in English
//! (a label renamed, a renderer that forgot its Chinese) fails here. The computations' own
//! details and missing-data reasons are checked word by word in
//! `crates/bullcheck-core/tests/zh_details.rs`; the literal pairs of `tr` in
//! `crates/bullcheck-core/tests/zh_everywhere.rs`.
//!
//! What may stay in Latin letters (see [`english_words`]): names (a capitalised word:
//! companies, publishers, people, products, months of dates quoted from a source), ids and
//! codes (words with a digit or `_`, all-capital words), URLs and file or domain names,
//! `bullcheck …` commands and `--flags`, citations (a source's own words: what follows a
//! `来源`/`数据来源` label, the `source`/`note` texts of the AI-network registry, which
//! has no Chinese, and the publisher of each stored series), scenario and built-in event
//! study names (ids), titles of works in 《》, and the short list [`ALLOWED`].

use std::collections::BTreeMap;
use std::path::Path;

use crate::serve::{http, start_server};
use crate::support::{bullcheck, run_json, shared_home};

/// Lower-case words allowed in a Chinese output, each with why.
#[rustfmt::skip]
const ALLOWED: &[&str] = &[
    // Units and the names of statistics and functions.
    "pp", "bp", "bn", "tn", "yoy", "kW", "min", "max", "vs", "exp", "ln",
    // Patch specs (the values of `portfolio run --patch`: `put-otm`, `diversify`) and import
    // kinds (`fred-csv`, the values of `data import --kind`), shown as ids.
    "put", "otm", "diversify", "fred", "csv",
    // Module ids (the values of `--module`), shown in `checks` as ids; computation names
    // (`计算: latest`); an XBRL field (`fp = FY`).
    "ai", "fiscal", "valuation", "zombie", "consumer", "dollar", "market", "network",
    "latest", "fp",
    // Ids shown as ids on the pages: the transmission model's variables and outputs, the
    // track record's signals and model, the portfolio's asset classes (values of the
    // holdings file).
    "vix", "unemployment", "usdjpy", "erp", "rating", "nfci", "stlfsi", "ridge", "logit", "ebp",
    "lambda", "tbills", "gold", "copper", "oil", "quality", "series", "asset", "weight",
    "value",
    // English originals quoted in the Chinese definition and snapshot texts (in brackets
    // after their translation, or the name of a package or a database field).
    "and", "of", "when", "issued", "token", "misallocation", "benzinga", "akshare",
    "release", "tables", "eid", "companyfacts", "china", "us", "gaap", "dei",
    // A column of a file the user supplies (the MLF CSV's header `month,net_injection_bn_cny`).
    "month",
];

/// `data list` without the title and units columns' texts: the publisher's own words for its
/// series (FRED's titles are English in every language), whole or cut to the column's width
/// less one character and `…` (40 for titles, 20 for units).
fn without_publisher_titles(home: &Path, text: &str) -> String {
    let list = run_json(home, &["data", "list", "--format", "json"]);
    let mut words: Vec<String> = Vec::new();
    for item in list.as_array().unwrap() {
        for (key, width) in [("title", 40), ("units", 20)] {
            if let Some(s) = item[key].as_str() {
                if s.chars().count() > width {
                    words.push(s.chars().take(width - 1).chain(['…']).collect());
                }
                words.push(s.to_string());
            }
        }
    }
    words.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    text.lines()
        .map(|line| {
            let mut cells: Vec<String> = line.split("  ").map(str::to_string).collect();
            for cell in &mut cells {
                if words.iter().any(|w| w == cell.trim()) {
                    cell.clear();
                }
            }
            cells.join("  ") + "\n"
        })
        .collect()
}

/// Text that a citation quotes (see the module comment), removed before the search.
fn citations(home: &Path) -> Vec<String> {
    fn collect(v: &serde_json::Value, keys: &[&str], out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        serde_json::Value::String(s) if keys.contains(&k.as_str()) => {
                            out.push(s.clone())
                        }
                        _ => collect(v, keys, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, keys, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    // The registry's citations, and the publisher of every stored series (the data page).
    for (args, keys) in [
        (
            ["network", "show", "--format", "json"],
            &["source", "note"][..],
        ),
        (
            ["data", "list", "--format", "json"],
            &["source", "note"][..],
        ),
    ] {
        collect(&run_json(home, &args), keys, &mut out);
    }
    // `data list` cuts a long publisher to 31 characters and `…` (its source column).
    let cut: Vec<String> = out
        .iter()
        .filter(|s| s.chars().count() > 32)
        .map(|s| s.chars().take(31).chain(['…']).collect())
        .collect();
    out.extend(cut);
    // Longest first, so that a citation containing another is removed whole.
    out.sort_by_key(|s| std::cmp::Reverse(s.len()));
    out
}

/// The text a reader sees in a page: no head, script or style, no tags, entities decoded.
fn visible_text(html: &str) -> String {
    let mut html = html.split("</head>").last().unwrap_or(html).to_string();
    for tag in ["script", "style"] {
        while let Some(start) = html.find(&format!("<{tag}")) {
            let end = html[start..]
                .find(&format!("</{tag}>"))
                .map_or(html.len(), |e| start + e + tag.len() + 3);
            html.replace_range(start..end, " ");
        }
    }
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The English words of a Chinese output: lower-case words of two letters or more that are
/// not in a name, id (`ids`: whole tokens), code, URL, command or citation (see the module
/// comment), each with the line it was found on.
fn english_words(text: &str, citations: &[String], ids: &[String]) -> BTreeMap<String, String> {
    let mut text = text.to_string();
    for c in citations {
        text = text.replace(c.as_str(), " ");
    }
    // Titles of works in 《》 keep their original words.
    while let (Some(start), Some(end)) = (text.find('《'), text.find('》')) {
        if end < start {
            text.replace_range(end..end + '》'.len_utf8(), " ");
            continue;
        }
        text.replace_range(start..end + '》'.len_utf8(), " ");
    }
    let mut words = BTreeMap::new();
    for line in text.lines() {
        // A citation after its label runs to the end of the line.
        let shown = ["来源:", "来源：", "数据来源"]
            .iter()
            .filter_map(|label| line.find(label))
            .min()
            .map_or(line, |i| &line[..i]);
        let mut tokens = shown.split(|c: char| {
            c.is_whitespace() || !c.is_ascii() || ",;:()[]{}<>\"'`|=*".contains(c)
        });
        while let Some(token) = tokens.next() {
            if token == "bullcheck" {
                // A command: its subcommand words and flags.
                for next in tokens.by_ref() {
                    if next.is_empty() {
                        continue;
                    }
                    if !next.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                        break;
                    }
                }
                continue;
            }
            let code = token.chars().any(|c| c.is_ascii_digit() || c == '_')
                || token.starts_with("http")
                || token.starts_with("--")
                || token.split('.').filter(|p| !p.is_empty()).count().gt(&1)
                || ids.iter().any(|id| id == token);
            if code {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
                let lower = word.len() >= 2 && word.chars().all(|c| c.is_ascii_lowercase());
                if lower && !ALLOWED.contains(&word) {
                    words
                        .entry(word.to_string())
                        .or_insert_with(|| around(line, token));
                }
            }
        }
    }
    words
}

/// About 60 characters either side of `token` in `line`.
fn around(line: &str, token: &str) -> String {
    let at = line.find(token).unwrap_or(0);
    let chars: Vec<char> = line.chars().collect();
    let at = line[..at].chars().count();
    let from = at.saturating_sub(60);
    let to = (at + token.chars().count() + 60).min(chars.len());
    chars[from..to]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

fn run_text(home: &Path, args: &[&str]) -> String {
    let out = bullcheck(home)
        .args(["--lang", "zh"])
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "bullcheck {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// What is wrong with a Chinese output: no Chinese at all, or English words (with a line
/// each); empty when it is fine.
fn not_chinese(name: &str, text: &str, citations: &[String], ids: &[String]) -> String {
    if !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
        return format!("{name}: no Chinese\n");
    }
    english_words(text, citations, ids)
        .iter()
        .map(|(w, line)| format!("{name}: `{w}` in {line}\n"))
        .collect()
}

#[test]
fn the_word_search_finds_a_label_left_in_english() {
    let text = "bullcheck 审计 — 评估日 2026-12-02\n  数值 5.0  as shown 2026-01-01  来源: FRED (Federal Reserve Bank of St. Louis)\n  运行 bullcheck data update DGS10 --offline；见 docs/rating.md、https://example.com/a_b；Shiller、AUROC、usd_reserve_share";
    let words = english_words(text, &[], &[]);
    assert_eq!(words.keys().collect::<Vec<_>>(), ["as", "shown"]);
    assert!(english_words("数值（5.0 pp）", &[], &[]).is_empty());
    // An id is skipped as a whole token only.
    let ids = ["vix-low".to_string()];
    assert!(english_words("事件研究 vix-low：", &[], &ids).is_empty());
    assert_eq!(
        english_words("事件研究 vix-lower", &[], &ids)
            .keys()
            .collect::<Vec<_>>(),
        ["lower"]
    );
}

#[test]
fn every_output_a_user_reads_is_in_chinese() {
    let Some(home) = shared_home(&["."]) else {
        return;
    };
    let home = home.path();
    let mut citations = citations(home);
    // Scenario names are ids (`stress run NAME`).
    let list = bullcheck(home)
        .args(["stress", "list"])
        .output()
        .expect("run");
    let list = String::from_utf8(list.stdout).expect("UTF-8");
    citations.extend(
        list.lines()
            .filter_map(|l| l.split_whitespace().next())
            .map(str::to_string),
    );
    // So are the built-in event studies' names (`events study --builtin NAME`), as whole
    // tokens (`mlf` is also part of `--mlf-file`).
    let study_ids: Vec<String> = bullcheck_core::events::render::builtins(10, 1)
        .iter()
        .map(|b| b.name.to_string())
        .collect();
    citations.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let audit = run_json(home, &["audit", "--format", "json"]);
    let checks = audit["checks"].as_array().expect("checks");
    let ids: Vec<String> = checks
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_string())
        .collect();
    assert!(ids.len() > 50, "{} checks", ids.len());

    let mut outputs: Vec<(String, String)> = Vec::new();
    let holdings = tempfile::tempdir().unwrap();
    let holdings_file = holdings.path().join("holdings.csv");
    std::fs::write(
        &holdings_file,
        "asset,weight\nus_large_cap,50\ntreasuries_10y,30\ngold,10\nus_small_cap,10\n",
    )
    .unwrap();
    let holdings_file = holdings_file.to_str().unwrap();
    for args in [
        &["audit"][..],
        &["audit", "--format", "markdown"],
        &["checks"],
        &["checks", "fiscal_10y_5pct"],
        &["checks", "cons_sahm_rule"],
        &["checks", "cn_mlf_event_rule"],
        &["checks", "ai_hyperscaler_capex_2025"],
        &["stress", "list"],
        &["network", "show"],
        &["network", "contagion", "--shock", "NVDA=0.3"],
        &["bubbles", "industries"],
        &["bubbles", "gsadf", "--reps", "20"],
        &["history"],
        &["companies", "screen", "unprofitable"],
        &["companies", "screen", "zombies"],
        &["companies", "screen", "maturity-wall"],
        &["companies", "screen", "refinancing"],
        &["companies", "screen", "hyperscalers"],
        &["portfolio", "run", holdings_file, "--paths", "200"],
        &[
            "portfolio",
            "put-price",
            "--spot",
            "49",
            "--strike",
            "50",
            "--rate",
            "5",
            "--vol",
            "20",
            "--years",
            "0.3846",
        ],
        &["data", "list"],
        &["data", "show", "DGS10"],
        &["stress", "show", "bond-vigilantes"],
        &["stress", "show", "dotcom-2000"],
        &["stress", "show", "dfast-2024-severely-adverse"],
        &["stress", "run", "core-dump", "--paths", "500"],
        &["stress", "run", "dotcom-2000", "--paths", "500"],
        &[
            "stress",
            "run",
            "dfast-2024-severely-adverse",
            "--paths",
            "500",
        ],
        &["stress", "table", "fair-pe"],
        &["stress", "table", "depreciation"],
        &["stress", "table", "refinancing"],
        &["stress", "validate"],
        &[
            "stress",
            "reverse",
            "--target",
            "index_fair_value",
            "--change",
            "-20",
            "--shock",
            "erp",
        ],
        &[
            "stress",
            "reverse",
            "--target",
            "index_fair_value",
            "--change",
            "-90",
            "--shock",
            "erp",
        ],
        &["events", "study", "--builtin", "ten-year-5pct"],
        &["events", "study", "--builtin", "vix-low"],
        &["events", "study", "--builtin", "mlf"],
        &[
            "events",
            "study",
            "--event-series",
            "BAMLH0A0HYM2",
            "--change-months",
            "3",
            "--change-threshold",
            "1.5",
            "--outcome-series",
            "SP500_LONG",
            "--horizons",
            "3,6,12",
        ],
    ] {
        let text = run_text(home, args);
        // Markdown carries HTML anchors.
        let text = if args.contains(&"markdown") {
            visible_text(&text)
        } else if args == ["data", "list"] {
            without_publisher_titles(home, &text)
        } else {
            text
        };
        outputs.push((args.join(" "), text));
    }
    let report = tempfile::tempdir().unwrap();
    let file = report.path().join("report.html");
    run_text(home, &["report", "--out", file.to_str().unwrap()]);
    outputs.push((
        "report".into(),
        visible_text(&std::fs::read_to_string(&file).unwrap()),
    ));

    // Every page of the dashboard, in Chinese.
    let server = start_server(home, &[]);
    let modules: std::collections::BTreeSet<String> = checks
        .iter()
        .filter_map(|c| c["module"].as_str().map(str::to_string))
        .collect();
    let mut paths: Vec<String> = [
        "/",
        "/scenario",
        "/portfolio",
        "/network",
        "/bubbles",
        "/events",
        "/history",
        "/data",
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    paths.extend(modules.iter().map(|m| format!("/module/{m}")));
    paths.extend(ids.iter().map(|id| format!("/check/{id}")));
    for path in paths {
        let (status, _, body) = http(server.addr, "GET", &format!("{path}?lang=zh"));
        assert_eq!(status, 200, "{path}");
        outputs.push((format!("page {path}"), visible_text(&body)));
    }

    let problems: String = outputs
        .iter()
        .map(|(name, text)| not_chinese(name, text, &citations, &study_ids))
        .collect();
    assert!(
        problems.is_empty(),
        "English in Chinese outputs:\n{problems}"
    );
}
