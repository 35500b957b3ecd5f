use std::path::Path;

use masthead_media::Pipeline;
use masthead_store::Site;

pub(crate) fn import(site: &Site, dir: &Path) -> anyhow::Result<()> {
    let report = site.import_dir(dir, &Pipeline)?;
    crate::media::prepare_all(site)?;
    println!(
        "Imported {} into {}: {} new, {} updated, {} unchanged.",
        dir.display(),
        site.dir().display(),
        report.created,
        report.updated,
        report.unchanged
    );
    Ok(())
}

pub(crate) fn export(site: &Site, dir: &Path) -> anyhow::Result<()> {
    let files = site.export_dir(dir)?;
    println!("Exported {files} files to {}.", dir.display());
    Ok(())
}
