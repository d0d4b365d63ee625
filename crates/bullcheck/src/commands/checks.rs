//! `bullcheck checks [ID]`: the catalogue, or one check explained in full (with its current
//! value on the stored data or the snapshot); `--format markdown`, the claims catalogue of
//! `docs/claims.md`.

use bullcheck_core::checks;
use bullcheck_core::report::explain;

use crate::cli::{ChecksArgs, ChecksFormat};
use crate::exit::ExitStatus;
use crate::load::{lang, load_data_for, load_defs};
use crate::settings::Settings;

pub fn run(settings: &Settings, args: &ChecksArgs) -> anyhow::Result<ExitStatus> {
    let defs = load_defs(settings)?;
    if args.format == ChecksFormat::Markdown {
        if args.id.is_some() {
            anyhow::bail!("--format markdown prints the whole catalogue: drop the check id");
        }
        let snapshot = bullcheck_core::snapshot::bundled();
        let text =
            bullcheck_core::report::claims::render_markdown(&defs, &snapshot, lang(settings));
        crate::output::print(&text)?;
        return Ok(ExitStatus::Success);
    }
    let as_of = settings.today;
    let data = load_data_for(settings, &defs, as_of)?;
    let snapshot = bullcheck_core::snapshot::bundled();
    let lang = lang(settings);
    let text = match &args.id {
        None => {
            let results = checks::evaluate(&defs, &data, &snapshot, as_of);
            explain::render_list(&defs, &results, lang)
        }
        Some(id) => {
            let Some(def) = defs.iter().find(|d| &d.id == id) else {
                anyhow::bail!("unknown check `{id}`\nhint: run `bullcheck checks` to list them");
            };
            let mut results = [checks::evaluate_one(def, &data, &snapshot, as_of)];
            checks::judge_at_publication(
                &mut results,
                std::slice::from_ref(def),
                &data,
                &snapshot,
                as_of,
            );
            explain::render_one(def, Some(&results[0]), lang)
        }
    };
    crate::output::print(&text)?;
    Ok(ExitStatus::Success)
}
