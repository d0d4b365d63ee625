//! Levels a scenario starts from: the latest stored levels, a replay's own start levels, the
//! Monte Carlo floors, the valuation jump-off (CAPE, trailing and fair P/E).

use super::scenario;
use super::scenario::Scenario;
use super::soft_floor::SoftFloor;
use super::transmission::BaseLevels;
use super::transmission::NUM_VARIABLES;
use super::variables::{self, VARIABLES};
use super::volatility;
use crate::series::{Dataset, Date};

/// The floor of each variable on Monte Carlo paths: for every variable with a spec floor (the
/// high-yield spread, the VIX, unemployment and delinquency cannot be negative), that floor
/// raised to the variable's lowest stored level (on the shared data: VIX 9.14 on 2017-11-03,
/// HY OAS 2.41 in 2007, unemployment 2.5 in 1953), so simulated levels stay in the historical
/// range: the Monte Carlo's falls approach a soft floor below it ([`soft_floors`]) and
/// `at_floor` reports how often a path ends at or below it (a new all-time low).
pub fn path_floors(data: &Dataset) -> [Option<f64>; NUM_VARIABLES] {
    let mut floors = [None; NUM_VARIABLES];
    for spec in VARIABLES.iter() {
        let mut floor = spec.level_floor;
        if floor.is_some()
            && let Some(min) = scenario::series_for(data, spec.variable).and_then(|s| {
                s.points
                    .iter()
                    .map(|p| p.1)
                    .filter(|v| v.is_finite())
                    .min_by(f64::total_cmp)
            })
        {
            floor = Some(floor.map_or(min, |f| f.max(min)));
        }
        floors[spec.variable.index()] = floor;
    }
    floors
}

/// The soft floor of every variable with a spec floor and enough stored falls
/// ([`super::soft_floor::estimate`]).
pub fn soft_floors(data: &Dataset) -> [Option<SoftFloor>; NUM_VARIABLES] {
    let mut floors = [None; NUM_VARIABLES];
    for spec in VARIABLES.iter().filter(|s| s.level_floor.is_some()) {
        floors[spec.variable.index()] = scenario::series_for(data, spec.variable)
            .and_then(|s| super::soft_floor::estimate(&s.points));
    }
    floors
}

/// Latest stored level of every statistical variable.
pub fn base_levels(data: &Dataset) -> BaseLevels {
    let mut levels = [None; NUM_VARIABLES];
    for spec in VARIABLES.iter() {
        levels[spec.variable.index()] = scenario::series_for(data, spec.variable)
            .and_then(|s| s.last())
            .map(|p| p.1);
    }
    BaseLevels { levels }
}

/// Every statistical variable's level at a replay's start: the last stored value on or before
/// it (at most a quarter old), for the VIX before 1990 its realised-volatility proxy, else the
/// latest stored level (a variable not stored then, which the replay does not give).
pub fn base_levels_at(data: &Dataset, at: Date) -> BaseLevels {
    let mut base = base_levels(data);
    for spec in VARIABLES.iter() {
        let stored = scenario::series_for(data, spec.variable)
            .and_then(|s| s.last_at(at))
            .filter(|(d, _)| (at - *d).get_days() <= 92)
            .map(|p| p.1);
        let level = stored.or_else(|| {
            (spec.variable == variables::Variable::Vix)
                .then(|| volatility::proxy_at(data, at))
                .flatten()
        });
        if let Some(level) = level {
            base.levels[spec.variable.index()] = Some(level);
        }
    }
    base
}

/// The date a scenario's valuation starts from: a replay's start, a DFAST scenario's jump-off
/// (the last day of the year before the test year), else `None` (the latest stored data).
pub fn jump_off(scenario: &Scenario) -> Option<Date> {
    if let Some(r) = &scenario.replay {
        return Some(r.start);
    }
    scenario
        .dfast
        .as_ref()
        .and_then(|d| Date::new(i16::try_from(d.year - 1).ok()?, 12, 31).ok())
}

/// The valuation at the jump-off: (CAPE, trailing P/E, the audit's fair P/E from the 10-year),
/// each `None` when not stored.
pub fn valuation_at(data: &Dataset, at: Option<Date>) -> (Option<f64>, Option<f64>, Option<f64>) {
    let value = |id: &str| {
        let s = data.get(id)?;
        match at {
            Some(d) => s.last_at(d),
            None => s.last(),
        }
        .map(|p| p.1)
        .filter(|v| v.is_finite() && *v > 0.0)
    };
    let cape = value("SHILLER_CAPE");
    let trailing = value("SHILLER_P")
        .zip(value("SHILLER_E"))
        .map(|(p, e)| p / e);
    let fair = value("DGS10").or_else(|| value("SHILLER_GS10")).map(|y| {
        crate::models::fair_pe::duration_pe(y / 100.0, crate::models::fair_pe::CATALOGUE_DURATION)
    });
    (cape, trailing, fair)
}
