use masthead_store::Site;

pub(crate) fn run(site: Site, port: u16) -> anyhow::Result<()> {
    let dir = site.dir().to_path_buf();
    drop(site);
    masthead_render::serve(&dir, port, |addr| {
        println!("Serving a preview of {} at http://{addr}/ (drafts included; press Ctrl+C to stop).", dir.display());
        use std::io::Write;
        let _ = std::io::stdout().flush();
    })?;
    Ok(())
}
