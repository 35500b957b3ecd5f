use std::path::Path;

use masthead_store::Site;

pub(crate) fn import(site: &Site, dir: &Path) -> anyhow::Result<()> {
    let masthead_api::sites::Imported { report, warnings } = masthead_api::sites::import_folder(site, dir)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
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
