//! `data show ID --vintages`: the copies of a series (each file or download that brought it,
//! with its vintage, precision and whether it is the publisher's own) and every date where
//! copies disagree beyond rounding, the stored value first. The rule that chooses the stored
//! value is `store::copies`'s.

use bullcheck_core::vocab::{Lang, Note};

use crate::store::Store;
use crate::store::copies::Copy;

pub(super) fn render(store: &Store, id: &str, lang: Lang) -> anyhow::Result<String> {
    let (copies, disagreements) = store.vintages(id)?;
    let mut text = String::new();
    let n = copies.len();
    text.push_str(
        Note::new(
            format!(
                "\ncopies ({n}; each date's stored value: the newest vintage, then the more \
                 precise, then the publisher's own file):\n"
            ),
            format!("\n副本（{n} 个；每个日期的存储值：最新版本优先，其次更精确者，其次发布者原文件）：\n"),
        )
        .text(lang),
    );
    for c in &copies {
        let (origin, vintage, precision, rows, chosen) =
            (&c.origin, &c.vintage, c.precision, c.rows, c.chosen);
        let role = if c.primary {
            Note::new("publisher", "发布者")
        } else {
            Note::new("copy", "副本")
        };
        let role = role.text(lang);
        text.push_str(
            Note::new(
                format!(
                    "  {origin}\n      {role}  vintage {vintage}  {precision} decimals  {rows} rows  stored on {chosen}\n"
                ),
                format!(
                    "  {origin}\n      {role}  版本 {vintage}  {precision} 位小数  {rows} 行  其中 {chosen} 行为存储值\n"
                ),
            )
            .text(lang),
        );
    }
    let n = disagreements.len();
    text.push_str(
        Note::new(
            format!("\ndates where copies disagree beyond rounding ({n}):\n"),
            format!("\n副本不一致（超出舍入）的日期（{n} 个）：\n"),
        )
        .text(lang),
    );
    let show = |c: &Copy| {
        let value = c
            .value
            .map_or_else(|| "missing".to_string(), |v| v.to_string());
        format!("{value} ({}, {})", c.origin, c.vintage)
    };
    for d in &disagreements {
        let vintage = if d.realtime_start.is_empty() {
            String::new()
        } else {
            format!(" [{}]", d.realtime_start)
        };
        let others: Vec<String> = d.others.iter().map(show).collect();
        text.push_str(
            Note::new(
                format!(
                    "  {}{vintage}  stored {}  other {}\n",
                    d.date,
                    show(&d.chosen),
                    others.join("; ")
                ),
                format!(
                    "  {}{vintage}  存储 {}  其他 {}\n",
                    d.date,
                    show(&d.chosen),
                    others.join("; ")
                ),
            )
            .text(lang),
        );
    }
    Ok(text)
}
