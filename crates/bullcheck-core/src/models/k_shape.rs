//! M10: the K-shape wealth index from the Fed's Distributional Financial Accounts (docs/catalogue.md
//! §2 M10; seed 001's chart of the top-10% net-worth index, 2019 = 100).
//!
//! What: `TopIdx_t = 100 · Top10_t / Top10_base` with Top10 = TopPt1 + RemainingTop1 + Next9
//! net worth (the DFA groups that make up the top 10%), `BotIdx_t = 100 · Bottom50_t /
//! Bottom50_base`, and the divergence `TopIdx_t − BotIdx_t`, with base 2019Q4.
//!
//! Why: the seeds say the top owns the assets and the bottom lives on wages, so that asset
//! prices split the two (a "K"). An index that rises much faster for the top than for the
//! bottom is that split; the reverse contradicts it.
//!
//! How: groups are matched on identical dates; the base is the last observation dated in the
//! base quarter.
//!
//! Limits: an index of levels, not of shares: a group starting from a small base (the bottom
//! 50% held about 2% of net worth in 2019Q4) can rise fast in percent while gaining little
//! in dollars. The dollar gains and the top-10% share are reported beside it. Nominal values.

use crate::series::Date;

/// One quarter of the index.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KShapePoint {
    pub date: Date,
    pub top_index: f64,
    pub bottom_index: f64,
}

impl KShapePoint {
    /// `TopIdx − BotIdx`, index points.
    pub fn divergence(&self) -> f64 {
        self.top_index - self.bottom_index
    }
}

/// The sum of several groups at the dates where all of them have a value.
pub fn sum_on_common_dates(groups: &[&[(Date, f64)]]) -> Vec<(Date, f64)> {
    let Some((first, rest)) = groups.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter_map(|&(d, v)| {
            rest.iter()
                .try_fold(v, |acc, g| {
                    g.binary_search_by(|p| p.0.cmp(&d))
                        .ok()
                        .map(|i| acc + g[i].1)
                })
                .map(|total| (d, total))
        })
        .collect()
}

/// The last value dated within `[quarter_start, quarter_start + 3 months)`.
fn base_value(points: &[(Date, f64)], quarter_start: Date) -> Option<f64> {
    let end = quarter_start
        .checked_add(jiff::Span::new().months(3))
        .ok()?;
    points
        .iter()
        .rev()
        .find(|p| p.0 >= quarter_start && p.0 < end)
        .map(|p| p.1)
        .filter(|v| *v != 0.0)
}

/// The K-shape index: top and bottom groups indexed to 100 in the quarter starting
/// `base_quarter_start` (2019-10-01 for 2019Q4), at the dates both have. `None` when either
/// group has no value in the base quarter.
pub fn k_shape_index(
    top: &[(Date, f64)],
    bottom: &[(Date, f64)],
    base_quarter_start: Date,
) -> Option<Vec<KShapePoint>> {
    let top_base = base_value(top, base_quarter_start)?;
    let bottom_base = base_value(bottom, base_quarter_start)?;
    Some(
        top.iter()
            .filter_map(|&(d, t)| {
                let i = bottom.binary_search_by(|p| p.0.cmp(&d)).ok()?;
                Some(KShapePoint {
                    date: d,
                    top_index: 100.0 * t / top_base,
                    bottom_index: 100.0 * bottom[i].1 / bottom_base,
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    //! Oracles: hand arithmetic on small inputs. The real-file oracle (indices computed with
    //! python from `fed_dfa/dfa-networth-levels.csv`) is in the audit integration test.
    use super::*;
    use jiff::civil::date;

    #[test]
    fn indexes_to_the_base_quarter() {
        let top = vec![
            (date(2019, 7, 1), 90.0),
            (date(2019, 10, 1), 100.0),
            (date(2020, 1, 1), 130.0),
        ];
        let bottom = vec![(date(2019, 10, 1), 4.0), (date(2020, 1, 1), 5.0)];
        let idx = k_shape_index(&top, &bottom, date(2019, 10, 1)).unwrap();
        assert_eq!(idx.len(), 2);
        assert_eq!(idx[1].top_index, 130.0);
        assert_eq!(idx[1].bottom_index, 125.0);
        assert_eq!(idx[1].divergence(), 5.0);
        assert!(k_shape_index(&top, &bottom, date(2018, 1, 1)).is_none());
    }

    #[test]
    fn sums_only_common_dates() {
        let a = vec![(date(2020, 1, 1), 1.0), (date(2020, 4, 1), 2.0)];
        let b = vec![(date(2020, 4, 1), 10.0)];
        assert_eq!(
            sum_on_common_dates(&[&a, &b]),
            vec![(date(2020, 4, 1), 12.0)]
        );
    }
}
