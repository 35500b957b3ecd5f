use masthead_media::Pipeline;
use masthead_store::{Site, SiteLocation};

pub(crate) fn run(location: &SiteLocation, demo: bool) -> anyhow::Result<()> {
    let dir = &location.dir;
    if dir.join("site.db").exists() {
        Site::open(dir)?;
        println!("A site already exists at {}; it was left untouched.", dir.display());
        return Ok(());
    }
    if demo {
        let (site, report) = Site::create_demo(dir, &Pipeline)?;
        crate::media::prepare_all(&site)?;
        println!("Created the demo site at {} ({} items).", dir.display(), report.created);
    } else {
        Site::create(dir)?;
        println!("Created an empty site at {}.", dir.display());
    }
    Ok(())
}
