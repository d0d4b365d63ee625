//! Definitions: the checks (built-in plus `$BULLCHECK_HOME/checks/*.toml`), user TOML files
//! read under a size cap, and stress scenarios found by name or file.

use std::path::Path;

use anyhow::Context as _;
use bullcheck_core::checks::{self, CheckDef};
use bullcheck_core::series::Dataset;
use bullcheck_core::stress::scenario::{
    Scenario, built_in_scenarios, dfast_scenarios, parse_scenario,
};

use crate::settings::Settings;

/// Built-in definitions plus every `*.toml` in the user's checks directory (sorted by name).
/// A user check with the id of a built-in one replaces it.
pub fn load_defs(settings: &Settings) -> anyhow::Result<Vec<CheckDef>> {
    let mut defs = checks::builtin_defs();
    let dir = settings.user_checks_dir();
    if !dir.is_dir() {
        return Ok(defs);
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    // Which file defined each user check, to name both when one id appears twice.
    let mut user_ids: std::collections::BTreeMap<String, String> = Default::default();
    for file in files {
        let text = read_user_file(&file)?;
        let user = checks::parse_defs(&file.display().to_string(), &text)?;
        for def in user {
            if defs.iter().any(|d| d.id == def.id) && !user_ids.contains_key(&def.id) {
                anyhow::bail!(
                    "{}: check `{}` has the id of a built-in check; a user check cannot \
                     replace one silently\nhint: give it another id (e.g. `my_{}`)",
                    file.display(),
                    def.id,
                    def.id
                );
            }
            if let Some(first) = user_ids.get(&def.id) {
                anyhow::bail!(
                    "{}: check `{}` is already defined in {first}",
                    file.display(),
                    def.id
                );
            }
            user_ids.insert(def.id.clone(), file.display().to_string());
            defs.push(def);
        }
    }
    defs.sort_by_key(|d| checks::def::MODULES.iter().position(|m| *m == d.module));
    Ok(defs)
}

/// The largest user check file read (a definition file is a few kilobytes).
const MAX_USER_FILE_BYTES: u64 = 1 << 20;

/// Reads a user TOML file: a regular file of at most [`MAX_USER_FILE_BYTES`].
pub fn read_user_file(path: &std::path::Path) -> anyhow::Result<String> {
    use std::io::Read as _;
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    anyhow::ensure!(meta.is_file(), "{}: not a regular file", path.display());
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_USER_FILE_BYTES + 1).read_to_string(&mut text))
        .with_context(|| format!("cannot read {} (UTF-8 text expected)", path.display()))?;
    anyhow::ensure!(
        text.len() as u64 <= MAX_USER_FILE_BYTES,
        "{}: larger than {MAX_USER_FILE_BYTES} bytes; a definition file is a few kilobytes",
        path.display()
    );
    Ok(text)
}

/// A built-in scenario, a DFAST scenario from the store, or a scenario file (read under the
/// user-file size cap); an unknown name lists the known ones.
pub fn find_scenario(name_or_path: &str, data: &Dataset) -> anyhow::Result<Scenario> {
    if let Some(s) = built_in_scenarios()
        .into_iter()
        .find(|s| s.name == name_or_path)
    {
        return Ok(s);
    }
    if let Some(s) = dfast_scenarios(data)
        .into_iter()
        .find(|s| s.name == name_or_path)
    {
        return Ok(s);
    }
    let path = Path::new(name_or_path);
    if path.exists() || name_or_path.ends_with(".toml") {
        let text = read_user_file(path)
            .with_context(|| format!("cannot read scenario file {}", path.display()))?;
        return Ok(parse_scenario(&path.display().to_string(), &text)?);
    }
    let mut known: Vec<String> = built_in_scenarios().into_iter().map(|s| s.name).collect();
    known.extend(dfast_scenarios(data).into_iter().map(|s| s.name));
    anyhow::bail!(
        "unknown scenario `{}`; known: {} (or a path to a .toml file)",
        crate::cli_values::excerpt(name_or_path),
        known.join(", ")
    )
}
