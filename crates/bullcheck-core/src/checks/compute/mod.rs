//! Check computations, one file each, chosen by a definition's `compute` key ([`Compute`],
//! with its typed `params`). Each takes the definition (for its series), its parameters, the
//! dataset and the as-of date, and returns a [`Computed`] or why it could not ([`Missing`]).

mod buffett;
mod cape;
mod change_over;
mod damodaran_erp;
mod debt_pace;
mod drawdown;
mod earnings_yield_gap;
mod excess_savings;
mod fair_pe_gap;
mod high_since;
mod interest_vs_defense;
mod k_shape;
mod latest;
mod mlf_event;
mod moving_average;
mod pe_ratio;
mod ratio;
mod recession_probability;
mod refinancing;
mod rise_over_low;
mod rolling_sum_ratio;
mod sahm_rule;
mod sequoia_required;

pub use change_over::{Lookback, change_history};
pub use drawdown::{drawdown_history, fall_and_recovery};
pub use ratio::ratio_history;
pub use recession_probability::{nyfed_probability, recession_probability_series};
pub use sahm_rule::sahm_series;

use serde::Deserialize as _;
use serde::de::{self, DeserializeOwned, Visitor};

use super::reason::Missing;
use super::{CheckDef, Computed};
use crate::series::{Dataset, Date, Series};

/// Declares the computations once: the [`Compute`] enum (one variant per computation, holding
/// its module's typed `Params`), the `compute` name of each, the fewest `series` it needs
/// (checked when definitions are parsed) and the series it reads by id whatever the
/// definition lists (the audit loads them, `data update` fetches them).
macro_rules! computations {
    ($( $variant:ident($module:ident) = $name:literal, series >= $min:literal,
        reads [$($id:literal),* $(,)?]; )*) => {
        /// A definition's computation with its typed parameters: the TOML keys `compute` and
        /// `params`, parsed when definitions are parsed ([`Compute::parse`]).
        #[derive(Debug, Clone, PartialEq)]
        pub enum Compute {
            $( $variant($module::Params), )*
        }

        impl Compute {
            /// Every `compute` name.
            pub const NAMES: &[&str] = &[$($name),*];

            /// The `compute` name.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Compute::$variant(_) => $name, )*
                }
            }

            /// The computation `name` with its `params` table: unknown names and keys, values
            /// of the wrong type and values out of range are refused, naming the key.
            pub fn parse(name: &str, params: &toml::Table) -> Result<Compute, ParamError> {
                match name {
                    $( $name => parse_params::<$module::Params>(params).map(Compute::$variant), )*
                    other => Err(ParamError::UnknownCompute(other.to_string())),
                }
            }

            /// The fewest entries of `series` the computation needs.
            pub fn min_series(&self) -> usize {
                match self {
                    $( Compute::$variant(_) => $min, )*
                }
            }

            /// The series the computation reads by id, besides the definition's `series`.
            pub fn reads_by_id(&self) -> &'static [&'static str] {
                match self {
                    $( Compute::$variant(_) => &[$($id),*], )*
                }
            }
        }
    };
}

computations! {
    Latest(latest) = "latest", series >= 1, reads [];
    RiseOverLow(rise_over_low) = "rise_over_low", series >= 1, reads [];
    RecessionProbability(recession_probability) = "recession_probability", series >= 0,
        reads ["NYFED_SPREAD", "T10Y3M", "T10Y3MM", "NYFED_RECPROB"];
    SahmRule(sahm_rule) = "sahm_rule", series >= 0,
        reads ["UNRATE", "SAHMCURRENT", "SAHMREALTIME"];
    DebtPace(debt_pace) = "debt_pace", series >= 1, reads [];
    InterestVsDefense(interest_vs_defense) = "interest_vs_defense", series >= 0,
        reads [
            "MTS9_NET_INTEREST_FYTD",
            "MTS9_NATIONAL_DEFENSE_FYTD",
            "MTS9_MEDICARE_FYTD",
            "MTS9_SOCIAL_SECURITY_FYTD",
        ];
    ChangeOver(change_over) = "change_over", series >= 1, reads [];
    Ratio(ratio) = "ratio", series >= 2, reads [];
    Drawdown(drawdown) = "drawdown", series >= 1, reads [];
    MovingAverage(moving_average) = "moving_average", series >= 1, reads [];
    RollingSumRatio(rolling_sum_ratio) = "rolling_sum_ratio", series >= 2, reads [];
    ExcessSavings(excess_savings) = "excess_savings", series >= 1, reads [];
    KShape(k_shape) = "k_shape", series >= 4, reads [];
    Refinancing(refinancing) = "refinancing", series >= 3, reads [];
    MlfEvent(mlf_event) = "mlf_event", series >= 2, reads [];
    HighSince(high_since) = "high_since", series >= 1, reads [];
    Buffett(buffett) = "buffett", series >= 2, reads [];
    Cape(cape) = "cape", series >= 3, reads [];
    DamodaranErp(damodaran_erp) = "damodaran_erp", series >= 4, reads [];
    EarningsYieldGap(earnings_yield_gap) = "earnings_yield_gap", series >= 3, reads [];
    FairPeGap(fair_pe_gap) = "fair_pe_gap", series >= 3, reads [];
    PeRatio(pe_ratio) = "pe_ratio", series >= 2, reads [];
    SequoiaRequired(sequoia_required) = "sequoia_required", series >= 1, reads [];
}

impl Compute {
    /// Whether the computation carries a documented tripwire of its own (a status floor), so
    /// that a definition using it is a check even without level thresholds: `debt_pace`
    /// (adding $1T of debt in under 100 days is a warning).
    pub fn has_tripwire(&self) -> bool {
        matches!(self, Compute::DebtPace(_))
    }
}

impl Default for Compute {
    /// A placeholder until the definition's own `compute` is parsed (`def::parse_defs`).
    fn default() -> Compute {
        Compute::Latest(latest::Params::default())
    }
}

/// Why a definition's `compute` / `params` were refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamError {
    UnknownCompute(String),
    /// A key the computation does not read, with the keys it reads.
    UnknownKey {
        key: String,
        reads: &'static [&'static str],
    },
    /// A value of the wrong type or out of range.
    Invalid {
        key: String,
        message: String,
    },
}

/// A computation's parameters: every field has a documented default, unknown keys are
/// refused, and `check` tests the ranges the types cannot state.
pub trait Params: DeserializeOwned + Default {
    /// `Err((key, problem))` for a value out of range.
    fn check(&self) -> Result<(), (&'static str, String)> {
        Ok(())
    }
}

/// The parameters of a computation that has none.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

impl Params for NoParams {}

fn parse_params<P: Params>(table: &toml::Table) -> Result<P, ParamError> {
    let reads = field_names::<P>();
    if let Some(key) = table.keys().find(|k| !reads.contains(&k.as_str())) {
        return Err(ParamError::UnknownKey {
            key: key.clone(),
            reads,
        });
    }
    let params = P::deserialize(toml::Value::Table(table.clone())).map_err(|e| {
        // Every field has a default: the key whose value alone does not parse is the culprit.
        let key = table
            .iter()
            .find(|(k, v)| {
                let one = toml::Table::from_iter([((*k).clone(), (*v).clone())]);
                P::deserialize(toml::Value::Table(one)).is_err()
            })
            .map_or_else(String::new, |(k, _)| k.clone());
        ParamError::Invalid {
            key,
            message: e.message().trim().to_string(),
        }
    })?;
    params
        .check()
        .map_err(|(key, message)| ParamError::Invalid {
            key: key.to_string(),
            message,
        })?;
    Ok(params)
}

/// The field names of a derived `Deserialize` struct (what `deserialize_struct` is told).
fn field_names<P: DeserializeOwned>() -> &'static [&'static str] {
    struct Fields<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Fields<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("fields read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = P::deserialize(Fields(&mut fields));
    fields
}

/// A whole number of at least 1 (months, weeks, periods, days), written `12` or `12.0`.
fn count<'de, D: de::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = f64::deserialize(d)?;
    if v.fract() == 0.0 && (1.0..=100_000.0).contains(&v) {
        Ok(v as u32)
    } else {
        Err(de::Error::custom(format!(
            "{v} is not a whole number from 1 to 100000"
        )))
    }
}

/// An optional [`count`].
fn count_opt<'de, D: de::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    count(d).map(Some)
}

/// A date written `YYYY-MM-DD`.
fn date<'de, D: de::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    let text = String::deserialize(d)?;
    text.parse::<Date>()
        .map_err(|e| de::Error::custom(format!("`{text}` is not a date (YYYY-MM-DD): {e}")))
}

/// The `params` of the computations that read only `scale` (`latest`, `ratio`,
/// `sequoia_required`).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ScaleParams {
    /// Multiplies every value (default 1): finite, non-zero.
    pub scale: f64,
}

impl Default for ScaleParams {
    fn default() -> ScaleParams {
        ScaleParams { scale: 1.0 }
    }
}

impl Params for ScaleParams {
    fn check(&self) -> Result<(), (&'static str, String)> {
        nonzero("scale", self.scale)
    }
}

/// `Err` naming `key` unless `value` is finite and non-zero (a scale).
fn nonzero(key: &'static str, value: f64) -> Result<(), (&'static str, String)> {
    if value.is_finite() && value != 0.0 {
        Ok(())
    } else {
        Err((key, format!("is {value}: must be finite and non-zero")))
    }
}

/// `Err` naming `key` unless `value` is finite and above zero.
fn positive(key: &'static str, value: f64) -> Result<(), (&'static str, String)> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err((key, format!("is {value}: must be finite and above 0")))
    }
}

/// Every series id a definition's computation may read: its `series` plus the ids some
/// computations read by name ([`Compute::reads_by_id`]) and those of its claim's event
/// study. The binary loads only these for an audit.
pub fn series_read(def: &CheckDef) -> Vec<String> {
    let mut ids = def.series.clone();
    let study = match &def.claim.rule {
        super::VerdictRule::EventStudy { study } => crate::events::claim::series_read(study),
        _ => Vec::new(),
    };
    for id in def
        .compute
        .reads_by_id()
        .iter()
        .copied()
        .chain(study.iter().map(String::as_str))
    {
        if !ids.iter().any(|s| s == id) {
            ids.push(id.to_string());
        }
    }
    for alt in &def.alternatives {
        for id in series_read(&def.with_alternative(alt)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// Runs the definition's computation.
pub fn run(def: &CheckDef, data: &Dataset, as_of: Date) -> Result<Computed, Missing> {
    let needs = def.compute.min_series();
    if def.series.len() < needs {
        // `parse_defs` refuses such a definition; one changed in code after parsing lands here.
        return Err(Missing::NoValue(super::Note::new(
            format!("check {} needs at least {needs} series", def.id),
            format!("检查{}至少需要{needs}个序列", def.id),
        )));
    }
    match &def.compute {
        Compute::Latest(p) => latest::compute(def, p, data, as_of),
        Compute::ChangeOver(p) => change_over::compute(def, p, data, as_of),
        Compute::Ratio(p) => ratio::compute(def, p, data, as_of),
        Compute::Drawdown(p) => drawdown::compute(def, p, data, as_of),
        Compute::RiseOverLow(p) => rise_over_low::compute(def, p, data, as_of),
        Compute::RecessionProbability(_) => recession_probability::compute(data, as_of),
        Compute::SahmRule(_) => sahm_rule::compute(def, data, as_of),
        Compute::DebtPace(p) => debt_pace::compute(def, p, data, as_of),
        Compute::InterestVsDefense(_) => interest_vs_defense::compute(data, as_of),
        Compute::MovingAverage(p) => moving_average::compute(def, p, data, as_of),
        Compute::RollingSumRatio(p) => rolling_sum_ratio::compute(def, p, data, as_of),
        Compute::ExcessSavings(p) => excess_savings::compute(def, p, data, as_of),
        Compute::KShape(p) => k_shape::compute(def, p, data, as_of),
        Compute::Refinancing(p) => refinancing::compute(def, p, data, as_of),
        Compute::MlfEvent(p) => mlf_event::compute(def, p, data, as_of),
        Compute::Buffett(_) => buffett::compute(def, data, as_of),
        Compute::Cape(_) => cape::compute(def, data, as_of),
        Compute::DamodaranErp(_) => damodaran_erp::compute(def, data, as_of),
        Compute::EarningsYieldGap(_) => earnings_yield_gap::compute(def, data, as_of),
        Compute::FairPeGap(_) => fair_pe_gap::compute(def, data, as_of),
        Compute::PeRatio(_) => pe_ratio::compute(def, data, as_of),
        Compute::SequoiaRequired(p) => sequoia_required::compute(def, p, data, as_of),
        Compute::HighSince(_) => high_since::compute(def, data, as_of),
    }
}

/// The stored series `id`.
fn stored<'a>(data: &'a Dataset, id: &str) -> Result<&'a Series, Missing> {
    data.get(id).ok_or_else(|| Missing::not_stored(id))
}

/// Of `ids` (copies of one series from different carriers), the one with the newest value on
/// or before `as_of`; the first listed on a tie.
fn first_available<'a>(
    ids: &[String],
    data: &'a Dataset,
    as_of: Date,
) -> Result<&'a Series, Missing> {
    let mut best: Option<(Date, &Series)> = None;
    for series in ids.iter().filter_map(|id| data.get(id)) {
        if let Some((d, _)) = series.last_at(as_of)
            && best.is_none_or(|(b, _)| d > b)
        {
            best = Some((d, series));
        }
    }
    best.map(|(_, s)| s)
        .ok_or_else(|| Missing::no_observation(ids, as_of))
}

/// The median number of days between consecutive observations (1 for daily business data,
/// 7 weekly, about 30 monthly, 91 quarterly); 1 when there are fewer than two points.
pub fn typical_spacing_days(points: &[(Date, f64)]) -> i64 {
    let mut gaps: Vec<i64> = points
        .windows(2)
        .map(|w| i64::from((w[1].0 - w[0].0).get_days()))
        .collect();
    if gaps.is_empty() {
        return 1;
    }
    let mid = gaps.len() / 2;
    *gaps.select_nth_unstable(mid).1
}

#[cfg(test)]
pub(crate) mod test_util;
