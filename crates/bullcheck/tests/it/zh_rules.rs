//! Chinese as a native analyst writes it, one test per rule, on the Chinese outputs of a
//! fresh home (bundled snapshot: every check, the audit in three formats, the HTML report, the
//! stress scenarios): the analyses are 原文 (not 种子); dollar amounts count in 亿/万亿 (not
//! 十亿); no English month name or `$650M` inside a Chinese sentence; the level between
//! guarded and high is 偏高 (not 升高); stale data are 数据陈旧 and only an outdated claim is
//! 已过时; the report's fonts fall back to the common CJK fonts of every OS.

use std::sync::OnceLock;

use crate::support::run_ok;

/// (command, text) of every Chinese output of a fresh home, made once for all the tests.
fn zh_outputs() -> &'static Vec<(String, String)> {
    static OUTPUTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        let home = tempfile::tempdir().unwrap();
        let h = home.path();
        let mut outputs = Vec::new();
        let mut capture = |args: Vec<String>| {
            let mut all = vec!["--lang".to_string(), "zh".to_string()];
            all.extend(args.iter().cloned());
            let out = run_ok(h, &all);
            outputs.push((
                args.join(" "),
                String::from_utf8_lossy(&out.stdout).to_string(),
            ));
        };
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        capture(s(&["audit"]));
        capture(s(&["audit", "--format", "markdown"]));
        capture(s(&["checks"]));
        capture(s(&["stress", "list"]));
        capture(s(&["network", "show"]));
        capture(s(&["network", "show", "--format", "svg"]));
        capture(s(&["network", "contagion", "--default", "OPENAI"]));
        for def in bullcheck_core::checks::def::builtin_defs() {
            capture(vec!["checks".to_string(), def.id.clone()]);
        }
        let file = h.join("report.html");
        run_ok(
            h,
            &["--lang", "zh", "report", "--out", file.to_str().unwrap()],
        );
        outputs.push((
            "report".to_string(),
            std::fs::read_to_string(&file).unwrap(),
        ));
        outputs
    })
}

/// Lines of the Chinese outputs that contain Chinese and match `bad`.
fn chinese_lines_where(bad: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (command, text) in zh_outputs() {
        for line in text.lines() {
            let chinese = line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if chinese && bad(line) {
                found.push(format!(
                    "{command}: {}",
                    line.trim().chars().take(160).collect::<String>()
                ));
            }
        }
    }
    found
}

#[test]
fn the_analyses_are_yuanwen_never_zhongzi() {
    let bad = chinese_lines_where(|l| l.replace("随机种子", "").contains("种子"));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let one = zh_outputs()
        .iter()
        .find(|(c, _)| c == "checks fiscal_10y_5pct")
        .unwrap();
    assert!(one.1.contains("原文观点"), "{}", one.1);
}

#[test]
fn dollar_amounts_count_in_yi_and_wan_yi() {
    // An amount is never a number of 十亿美元; 十亿美元 may still name the unit a publisher
    // issues a series in (FRED GDP is published in billions).
    let bad = chinese_lines_where(|l| {
        l.match_indices("十亿美元").any(|(i, _)| {
            l[..i]
                .trim_end()
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit())
        }) || l.contains("单位: 十亿美元")
            || l.contains("单位：十亿美元 ")
    });
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    // The hyperscalers' capex on the bundled cited figure (USD bn in the definition).
    let one = zh_outputs()
        .iter()
        .find(|(c, _)| c == "checks ai_hyperscaler_capex_2025")
        .unwrap();
    assert!(one.1.contains("亿美元"), "{}", one.1);
    // The network's tables and drawing count in 亿美元 too, with every figure ×10 of the
    // registry's USD bn (1 十亿 = 10 亿 by definition of the units).
    let bad: Vec<String> = zh_outputs()
        .iter()
        .filter(|(command, _)| command.starts_with("network"))
        .flat_map(|(command, text)| {
            text.lines()
                .filter(|l| l.contains("十亿美元") || l.contains(" bn"))
                .map(move |l| format!("{command}: {l}"))
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let home = tempfile::tempdir().unwrap();
    let json = crate::support::run_json(home.path(), &["network", "show", "--format", "json"]);
    let table = &zh_outputs()
        .iter()
        .find(|(c, _)| c == "network show")
        .unwrap()
        .1;
    assert!(table.contains("节点（亿美元）"), "{table}");
    let mut checked = 0;
    for e in json["exposures"].as_array().unwrap() {
        let Some(bn) = e["amount"].as_f64() else {
            continue;
        };
        let (creditor, debtor) = (
            e["creditor"].as_str().unwrap(),
            e["debtor"].as_str().unwrap(),
        );
        let yi = format!("{:.0}", bn * 10.0);
        let line = table.lines().find(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            cells.len() > 2 && cells[0] == creditor && cells[1] == debtor && cells[2] == yi
        });
        assert!(
            line.is_some(),
            "{creditor} → {debtor} {bn} bn not shown as {yi}亿: {table}"
        );
        checked += 1;
    }
    assert!(checked > 3, "{checked} exposures with amounts");
}

#[test]
fn no_english_month_names_or_dollar_abbreviations_in_chinese_sentences() {
    const MONTHS: [&str; 21] = [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan ",
        "Feb ",
        "Mar ",
        "Apr ",
        "Jun ",
        "Jul ",
        "Aug ",
        "Sep ",
        "Oct ",
        "Nov ",
    ];
    let dollar_abbrev = |l: &str| {
        let b = l.as_bytes();
        (0..b.len()).any(|i| {
            b[i] == b'$' && {
                let digits = b[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b',')
                    .count();
                digits > 0 && matches!(b.get(i + 1 + digits), Some(b'M' | b'B' | b'T' | b'K'))
            }
        })
    };
    let bad = chinese_lines_where(|l| {
        // A citation is not a sentence: URLs and parenthesised texts without Chinese (a
        // publisher's title, `(Deloitte (June 2025), via qz.com)`) stay as published.
        let l = without_citations(l.split("http").next().unwrap_or(l));
        MONTHS.iter().any(|m| l.contains(m)) || dollar_abbrev(&l)
    });
    assert!(bad.is_empty(), "{} lines:\n{}", bad.len(), bad.join("\n"));
}

/// `line` without its parenthesised texts that hold no Chinese, innermost first.
fn without_citations(line: &str) -> String {
    let mut text = line.to_string();
    while let Some(close) = text.find(')') {
        let Some(open) = text[..close].rfind('(') else {
            break;
        };
        let inner = &text[open + 1..close];
        let cjk = inner
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let keep = if cjk {
            format!("［{inner}］")
        } else {
            String::new()
        };
        text = format!("{}{keep}{}", &text[..open], &text[close + 1..]);
    }
    text
}

#[test]
fn the_level_between_guarded_and_high_is_piangao() {
    use bullcheck_core::report::{Lang, level_label};
    assert_eq!(
        level_label(Some(bullcheck_core::audit::Level::Elevated), Lang::Zh),
        "偏高"
    );
    let bad = chinese_lines_where(|l| l.contains("升高"));
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Stale data and an outdated claim are different things: 数据陈旧 for the first, 已过时
/// (the verdict) for the second, in every renderer's source.
#[test]
fn stale_data_and_outdated_claims_have_one_term_each() {
    use bullcheck_core::report::{Lang, verdict_label};
    assert_eq!(
        verdict_label(bullcheck_core::checks::Verdict::Outdated, Lang::Zh),
        "已过时"
    );
    let src = crate::support::workspace_root().join("crates/bullcheck-core/src/report");
    let mut files = Vec::new();
    let mut dirs = vec![src];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut stale_pairs = 0;
    for file in files {
        // Every `tr(lang, "EN", "ZH")` whose English speaks of stale data, across line breaks.
        let text = std::fs::read_to_string(&file).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, _) in flat
            .match_indices("tr( lang, \"")
            .chain(flat.match_indices("tr(lang, \""))
        {
            let rest = &flat[i..];
            let literals: Vec<&str> = rest.split('"').skip(1).step_by(2).take(2).collect();
            if let [en, zh] = literals[..]
                && en.contains("stale")
            {
                stale_pairs += 1;
                assert!(
                    zh.contains("陈旧") && !zh.contains("过时"),
                    "{}: {en} / {zh}",
                    file.display()
                );
            }
        }
    }
    // The terminal's per-value "(stale)" flag became one freshness line (issue 22), a
    // formatted pair held to its Chinese by report::headline's tests.
    assert!(stale_pairs >= 2, "found {stale_pairs} stale labels");
}

#[test]
fn report_fonts_fall_back_to_common_cjk_fonts_on_every_os() {
    let (_, html) = zh_outputs().iter().find(|(c, _)| c == "report").unwrap();
    let family = html
        .split("font-family:")
        .nth(1)
        .and_then(|f| f.split(';').next())
        .expect("a font-family");
    for font in [
        "PingFang SC",         // macOS, iOS
        "Hiragino Sans GB",    // older macOS
        "Microsoft YaHei",     // Windows
        "Noto Sans CJK SC",    // Linux, Android
        "Source Han Sans SC",  // Adobe's name of the same
        "WenQuanYi Micro Hei", // Debian's fonts-wqy-microhei
    ] {
        assert!(family.contains(font), "{font} missing from {family}");
    }
    assert!(family.trim_end().ends_with("sans-serif"), "{family}");
}
