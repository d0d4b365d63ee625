use super::*;
use crate::series::{Series, SeriesMeta};
use jiff::civil::date;

/// A deterministic pseudo-random stream in [-1, 1) (no ambient RNG).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    }
}

fn put(data: &mut Dataset, id: &str, points: Vec<(Date, f64)>) {
    data.insert(Series::new(
        SeriesMeta {
            id: id.to_string(),
            ..Default::default()
        },
        points,
    ));
}

/// 1960–2020, recessions starting every eight years, the spread inverted in the year before
/// each start, the EBP high before it, an index that falls 30% in every recession.
fn synthetic(seed: u64) -> Dataset {
    let mut rng = Lcg(seed);
    let first = month_index(date(1960, 1, 1));
    let last = month_index(date(2020, 12, 1));
    let starts: Vec<i32> = (0..8).map(|k| first + 60 + 96 * k).collect();
    let ahead = |m: i32| starts.iter().any(|&s| m < s && m >= s - 12);
    let inside = |m: i32| starts.iter().any(|&s| m >= s && m < s + 10);
    let (mut spread, mut ebp, mut usrec, mut sp, mut cape) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut price = 100.0;
    for m in first..=last {
        let d = month_end_of(m).first_of_month();
        let signal = if ahead(m) { 1.0 } else { 0.0 };
        spread.push((month_end_of(m), 1.5 - 2.0 * signal + rng.next()));
        ebp.push((d, -0.2 + 0.8 * signal + 0.5 * rng.next()));
        usrec.push((d, if inside(m) { 1.0 } else { 0.0 }));
        price *= if inside(m) { 0.96 } else { 1.01 };
        sp.push((d, price));
        cape.push((d, 20.0 + 5.0 * rng.next()));
    }
    let mut data = Dataset::default();
    put(&mut data, "NYFED_SPREAD", spread);
    put(&mut data, "GZ_EBP", ebp);
    put(&mut data, "USREC", usrec);
    put(&mut data, "SP500_LONG", sp);
    put(&mut data, "SHILLER_CAPE", cape);
    data
}

/// Every observation dated after `t` is replaced by a different value.
fn perturbed_after(data: &Dataset, t: Date, seed: u64) -> Dataset {
    let mut rng = Lcg(seed);
    let mut out = Dataset::default();
    for series in data.series.values() {
        let points = series
            .points
            .iter()
            .map(|&(d, v)| {
                if d > t {
                    (d, v * 3.0 + 7.0 * rng.next())
                } else {
                    (d, v)
                }
            })
            .collect();
        out.insert(Series::new(series.meta.clone(), points));
    }
    out
}

/// No look-ahead: the forecast at month t (and at every month before it) is unchanged when
/// every observation dated after t — inputs, recession indicator and index alike — is
/// perturbed.
#[test]
fn a_forecast_at_t_ignores_every_observation_after_t() {
    let data = synthetic(7);
    let until = month_index(date(2020, 12, 1));
    let base = record(&data, until);
    for t in [date(1985, 6, 30), date(1999, 12, 31), date(2008, 9, 30)] {
        let changed = record(&perturbed_after(&data, t, 99), until);
        for event in EventKind::ALL {
            let a = &base.get(event).unwrap().path;
            let b = &changed.get(event).unwrap().path;
            let upto: Vec<_> = a.range(..=month_index(t)).collect();
            assert!(!upto.is_empty(), "{event:?} has no forecast by {t}");
            assert_eq!(
                upto,
                b.range(..=month_index(t)).collect::<Vec<_>>(),
                "{event:?} at {t}"
            );
            // ...while later forecasts do change (the perturbation is real).
            assert_ne!(
                a.range(month_index(t) + 1..).collect::<Vec<_>>(),
                b.range(month_index(t) + 1..).collect::<Vec<_>>()
            );
        }
    }
}

/// On the synthetic record the signals lead every recession, so the out-of-sample recession
/// forecast must rank months well and beat the base rate's Brier score.
#[test]
fn a_leading_signal_gives_skill_out_of_sample() {
    let data = synthetic(11);
    let rec = record(&data, month_index(date(2020, 12, 1)))
        .recession
        .unwrap();
    assert!(
        rec.from_1990.auroc.unwrap() > 0.9,
        "{:?}",
        rec.from_1990.auroc
    );
    assert!(rec.from_1990.brier.unwrap() < rec.from_1990.brier_base_rate.unwrap());
    // First fit: the second start (1973-01, peak 1972-12, not among the NBER's dated
    // announcements) is known seven months after its peak, in 1973-07 (docs/rating.md
    // §8b); only then do the training labels hold the two events a fit needs.
    let first = *rec.path.keys().next().unwrap();
    assert_eq!(month_end_of(first), date(1973, 7, 31));
}

/// Hand computation: forecasts 0.1 (no event), 0.9 (event), 0.9 (no event).
/// Brier = (0.01 + 0.01 + 0.81) / 3; base rate 1/3 → 2/9; bins 0 and 9.
#[test]
fn brier_and_reliability_by_hand() {
    let s = skill(&[(0.1, false), (0.9, true), (0.9, false)]);
    assert!((s.brier.unwrap() - 0.83 / 3.0).abs() < 1e-12);
    assert!((s.brier_base_rate.unwrap() - 2.0 / 9.0).abs() < 1e-12);
    assert_eq!(s.reliability[1].n, 1);
    assert_eq!(s.reliability[9].n, 2);
    assert_eq!(s.reliability[9].observed, Some(0.5));
    assert_eq!(s.auroc, Some(0.75));
}

#[test]
fn the_latest_forecast_uses_complete_months_only() {
    let data = synthetic(3);
    let rec = record(&data, month_index(date(2020, 12, 1)))
        .recession
        .unwrap();
    let (d, _) = rec.latest(date(2010, 5, 15)).unwrap();
    assert_eq!(d, date(2010, 4, 30));
    let (d, _) = rec.latest(date(2010, 5, 31)).unwrap();
    assert_eq!(d, date(2010, 5, 31));
}
