use masthead_store::{Site, SiteLocation};

pub(crate) fn run(location: &SiteLocation, demo: bool) -> anyhow::Result<()> {
    let dir = &location.dir;
    if SiteLocation::has_site(dir) {
        Site::open(dir)?;
        println!("A site already exists at {}; it was left untouched.", dir.display());
        return Ok(());
    }
    let created = masthead_api::sites::create_site(dir, demo)?;
    for warning in &created.warnings {
        eprintln!("warning: {warning}");
    }
    if demo {
        println!("Created the demo site at {} ({} items).", dir.display(), created.items);
    } else {
        println!("Created an empty site at {}.", dir.display());
    }
    Ok(())
}
