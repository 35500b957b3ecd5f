use std::path::PathBuf;
use std::time::Instant;

use jiff::Timestamp;
use masthead_render::{BuildOptions, Builder};
use masthead_store::{Site, parse_date, time_zone};
use serde_json::json;

/// `--now` as typed: RFC 3339, or a date in the site's time zone; default the clock.
pub(crate) fn parse_now(site: &Site, now: Option<&str>) -> anyhow::Result<Timestamp> {
    match now {
        None => Ok(Timestamp::now()),
        Some(text) => {
            let tz = time_zone(&site.settings()?.timezone)?;
            Ok(parse_date(text, &tz).map_err(|e| anyhow::anyhow!("--now: {e}"))?)
        }
    }
}

pub(crate) fn run(
    site: &Site,
    out: Option<PathBuf>,
    now: Option<&str>,
    drafts: bool,
    as_json: bool,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let now = parse_now(site, now)?;
    let out = out.unwrap_or_else(|| site.dir().join("build"));
    let mut builder = Builder::open(site, &out);
    let built = builder.build(site, &BuildOptions { now, drafts })?;
    // The process ends soon: what the builder holds goes back to the system at once, rather
    // than article by article.
    std::mem::forget(builder);
    let ms = started.elapsed().as_millis();
    let (files, rendered, report) = (built.outputs, built.rendered.len(), &built.report);
    if as_json {
        crate::print_json(&json!({
            "pages": built.pages,
            "files": files,
            "bytes": report.bytes,
            "rendered": rendered,
            "skipped": files - rendered,
            "ms": ms,
        }));
    } else {
        println!(
            "Built {} pages ({files} files, {:.1} MB) into {} in {ms} ms: {} rendered, {} reused; {} written, {} unchanged, {} removed.",
            built.pages,
            report.bytes as f64 / 1e6,
            out.display(),
            rendered,
            files - rendered,
            report.written,
            report.unchanged,
            report.removed
        );
    }
    Ok(())
}
