//! Synthetic SEC `companyfacts` archives with known screen answers.
//!
//! [`generate`] writes a zip of `CIK##########.json` entries in exactly the SEC bulk
//! structure — `{"cik","entityName","facts":{"dei":{..},"us-gaap":{concept:{"label",
//! "description","units":{"USD"|"shares"|"USD/shares":[{start?,end,val,accn,fy,fp,form,
//! filed,frame?}]}}}}}` — with 10-K and 10-Q facts mixed, restatements carried by later 10-Ks,
//! fourth-quarter values tagged `fp = FY`, 52/53-week fiscal years, several interest-expense
//! tags, `dei:EntityPublicFloat`, and many concepts the screens do not need (realistic sizes,
//! a few very large filers). Optionally some entries are damaged on purpose.
//!
//! The answers ([`Answers`]) are computed from the generator's own plan — which value each
//! filing reported for each fiscal year — by following the documented screen definitions
//! directly, never by calling bullcheck's screen code.

mod answers;
mod plan;
mod write;

pub use answers::{Answers, AsOfAnswers, UniverseAnswers};
pub use plan::{Config, Damage};

use jiff::civil::Date;

/// Generates the archive at `out` and returns the answers.
pub fn generate(config: &Config, out: &std::path::Path) -> anyhow::Result<Answers> {
    let companies = plan::plan_companies(config);
    let damaged = write::write_archive(config, &companies, out)?;
    Ok(answers::compute(config, &companies, &damaged))
}

/// The default as-of dates the answers are computed for.
pub fn default_as_ofs() -> Vec<Date> {
    vec![Date::constant(2026, 6, 30), Date::constant(2025, 12, 31)]
}

/// A small deterministic PRNG (SplitMix64): the same seed gives the same archive everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in `[low, high]`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        let span = (high - low + 1) as u64;
        low + (self.next_u64() % span) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}
