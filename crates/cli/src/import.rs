use std::path::PathBuf;

use masthead_api::sites::WebsiteImport;
use masthead_import::{Report, SourceKind};
use masthead_store::Site;

pub(crate) fn run(
    site: &Site,
    from: &str,
    source: PathBuf,
    media_from: Option<PathBuf>,
    dry_run: bool,
    json: bool,
) -> anyhow::Result<()> {
    let kind = SourceKind::parse(from).ok_or_else(|| anyhow::anyhow!("unknown source kind {from}"))?;
    let import = WebsiteImport { kind, source, media_from, dry_run };
    let report = masthead_api::sites::import_website(site, import, &|_| {})?;
    if json {
        // The report's own field order (articles, pages, …, ms), as documented.
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_text(&report, dry_run);
    }
    Ok(())
}

fn print_text(r: &Report, dry_run: bool) {
    let verb = if dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb} {} articles, {} pages, {} slides, {} media files and {} redirects in {} ms.",
        r.articles, r.pages, r.slides, r.media, r.redirects, r.ms
    );
    if !r.skipped.is_empty() {
        println!("\nNot imported ({}):", r.skipped.len());
        for s in &r.skipped {
            println!("  {}: {}", s.source, s.reason);
        }
    }
    if !r.warnings.is_empty() {
        println!("\nTo look at ({}):", r.warnings.len());
        for w in &r.warnings {
            println!("  {} ({}): {}", w.entity, w.source, w.message);
        }
    }
}
