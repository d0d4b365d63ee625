//! `synth-companyfacts --companies N --seed S --out archive.zip [--target-bytes B]
//! [--damage K] [--level L]`: writes a synthetic SEC `companyfacts.zip` and its known answers
//! next to it (`archive.zip.answers.json`).

use std::path::PathBuf;

use anyhow::Context as _;

fn main() -> anyhow::Result<()> {
    let mut config = synth_companyfacts::Config::new(100, 1);
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().with_context(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--companies" => config.companies = value()?.parse()?,
            "--seed" => config.seed = value()?.parse()?,
            "--target-bytes" => config.target_bytes = Some(value()?.parse()?),
            "--damage" => config.damage = value()?.parse()?,
            "--level" => config.compression_level = value()?.parse()?,
            "--out" => out = Some(PathBuf::from(value()?)),
            other => anyhow::bail!(
                "unknown argument {other}; usage: synth-companyfacts --companies N --seed S --out FILE.zip \
                 [--target-bytes B] [--damage K] [--level L]"
            ),
        }
    }
    let out = out.context("--out FILE.zip is required")?;
    let answers = synth_companyfacts::generate(&config, &out)?;
    let sidecar = PathBuf::from(format!("{}.answers.json", out.display()));
    std::fs::write(&sidecar, serde_json::to_string_pretty(&answers)?)?;
    eprintln!("wrote {} and {}", out.display(), sidecar.display());
    Ok(())
}
