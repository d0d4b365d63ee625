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

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64 (Steele, Lea and Flood 2014; Vigna's reference C code): seeded with state 0,
    /// its first outputs are 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F.
    /// `Rng::new` xors the seed with the increment, so this seed gives state 0.
    #[test]
    fn rng_is_splitmix64() {
        let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    fn archive(config: &Config) -> (tempfile::TempDir, std::path::PathBuf, Answers) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("cf.zip");
        let answers = generate(config, &out).unwrap();
        (dir, out, answers)
    }

    #[test]
    fn the_same_seed_gives_the_same_archive_and_another_seed_another() {
        let mut config = Config::new(30, 11);
        config.target_bytes = Some(30 * 20_000);
        let (_a, first, _) = archive(&config);
        let (_b, again, _) = archive(&config);
        config.seed = 12;
        let (_c, other, _) = archive(&config);
        let bytes = |p: &std::path::Path| std::fs::read(p).unwrap();
        assert_eq!(bytes(&first), bytes(&again));
        assert_ne!(bytes(&first), bytes(&other));
    }

    /// Every intact entry is SEC-shaped JSON named after its own CIK; each kind of damage is
    /// present as often as asked and the answers list exactly the damaged CIKs.
    #[test]
    fn entries_are_sec_shaped_and_damage_is_as_asked() {
        let mut config = Config::new(40, 5);
        config.target_bytes = Some(40 * 20_000);
        config.damage = 1;
        let (_dir, out, answers) = archive(&config);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        assert_eq!(zip.len(), 40);
        let (mut intact, mut broken) = (0, 0);
        for index in 0..zip.len() {
            let mut entry = zip.by_index(index).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut text = String::new();
            let read = std::io::Read::read_to_string(&mut entry, &mut text);
            let Some(doc) = read
                .ok()
                .and_then(|_| serde_json::from_str::<serde_json::Value>(&text).ok())
                .filter(|doc| {
                    doc["facts"]["us-gaap"]["NetIncomeLoss"]["units"]["USD"][0]["val"].is_number()
                })
            else {
                broken += 1;
                continue;
            };
            intact += 1;
            let cik = doc["cik"].as_u64().unwrap();
            assert_eq!(name, format!("CIK{cik:010}.json"));
            assert!(doc["entityName"].is_string());
            let fact = &doc["facts"]["us-gaap"]["NetIncomeLoss"]["units"]["USD"][0];
            for field in ["end", "accn", "form", "filed"] {
                assert!(fact[field].is_string(), "{name}: {field}");
            }
        }
        assert_eq!(broken, Damage::ALL.len(), "one entry per kind of damage");
        assert_eq!(intact + broken, 40);
        assert_eq!(answers.entries, 40);
        assert_eq!(answers.skipped_ciks.len(), Damage::ALL.len());
    }
}
