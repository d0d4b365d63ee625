//! `bullcheck stress validate` as text: the model against replays and DFAST paths.

use std::fmt::{self, Write as _};

use crate::stress::validate::Validation;
use crate::vocab::{Lang, Note, pad, pad_left, tr};

/// `stress validate` as text in `lang`: one row per scenario, the error summary, directions,
/// skipped scenarios, the method and how long it took (`seconds`, measured by the caller).
pub fn validation_text(v: &Validation, seconds: f64, lang: Lang) -> String {
    let mut out = String::new();
    let _ = write_validation(&mut out, v, seconds, lang);
    out
}

fn write_validation(out: &mut String, v: &Validation, seconds: f64, lang: Lang) -> fmt::Result {
    let t = |en, zh| tr(lang, en, zh);
    writeln!(
        out,
        "{} {} {} {} {} {} {} {}  {}",
        pad(t("scenario", "情景"), 30),
        pad(t("kind", "类型"), 7),
        pad_left(t("model %", "模型 %"), 9),
        pad_left(t("realised", "实际 %"), 9),
        pad_left(t("error pp", "误差 pp"), 9),
        pad_left(t("sign", "方向"), 5),
        pad_left(t("earn %", "盈利 %"), 9),
        pad_left(t("mult %", "倍数 %"), 9),
        t("left out", "剔除区间"),
    )?;
    for r in &v.rows {
        writeln!(
            out,
            "{:<30} {} {:>+9.1} {:>+9.1} {:>+9.1} {} {:>+9.1} {:>+9.1}  {}",
            r.scenario,
            pad(
                match r.kind.as_str() {
                    "replay" => t("replay", "重演"),
                    "dfast" => t("dfast", "DFAST"),
                    kind => kind,
                },
                7
            ),
            r.model_change_pct,
            r.realised_change_pct,
            r.error_pp,
            pad_left(
                if r.sign_hit {
                    t("yes", "是")
                } else {
                    t("NO", "否")
                },
                5
            ),
            r.earnings_pct,
            r.multiple_pct,
            r.left_out.as_deref().unwrap_or("—")
        )?;
    }
    let mae = |m: Option<f64>| m.map_or("—".into(), |m| format!("{m:.1}"));
    let (replay, hits, n, dfast) = (
        mae(v.replay_mae_pp),
        v.replay_sign_hits,
        v.replays,
        mae(v.dfast_mae_pp),
    );
    writeln!(out, "{}", Note::new(format!("\nreplays: mean absolute error {replay} pp, signs right {hits}/{n}; DFAST severely adverse: mean absolute error {dfast} pp"
        ), format!("\n重演：平均绝对误差 {replay} pp，方向正确 {hits}/{n}；DFAST严重不利情景：平均绝对误差 {dfast} pp"
        )).text(lang))?;
    for d in &v.directions {
        writeln!(
            out,
            "{}",
            Note::new(
                format!(
                    "direction: {} model {:+.1}%",
                    d.scenario, d.model_change_pct
                ),
                format!("方向：{} 模型 {:+.1}%", d.scenario, d.model_change_pct)
            )
            .text(lang)
        )?;
    }
    for s in &v.skipped {
        writeln!(out, "{}{}", t("skipped: ", "跳过："), s.text(lang))?;
    }
    writeln!(
        out,
        "{}",
        Note::new(
            format!("method: {}\n(computed in {seconds:.2} s)", v.method.en),
            format!("方法：{}\n（计算用时 {seconds:.2} 秒）", v.method.zh)
        )
        .text(lang)
    )
}
