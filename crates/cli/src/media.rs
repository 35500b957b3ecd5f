use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use masthead_api::library::{self, AddedMedia};
use masthead_store::{Media, NewMedia, Site, public_value};
use serde_json::Value;

/// A media item as `--json` shows it: its fields plus `variants` and `used_by`.
pub(crate) fn media_json(site: &Site, m: &Media) -> anyhow::Result<Value> {
    Ok(public_value(serde_json::to_value(masthead_render::media_details(site, m)?)?))
}

/// How the images added are described: one alt text for all, or decorative.
pub(crate) struct Describe {
    pub(crate) alt: Option<String>,
    pub(crate) decorative: bool,
}

pub(crate) fn add(site: &Site, files: &[PathBuf], describe: Describe, as_json: bool) -> anyhow::Result<()> {
    let mut added = vec![];
    // A bar on a terminal for several files (indicatif draws nothing when stderr is not one).
    let bar = if files.len() > 1 { ProgressBar::new(files.len() as u64) } else { ProgressBar::hidden() };
    bar.set_style(ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}").expect("valid template"));
    for file in files {
        bar.set_message(file.display().to_string());
        let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("Could not read {}: {e}", file.display()))?;
        let original = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let new = NewMedia {
            bytes: &bytes,
            original_name: &original,
            alt: describe.alt.clone(),
            decorative: describe.decorative,
            ..Default::default()
        };
        let AddedMedia { media, created, variants, warnings } =
            library::add_media(site, new).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        bar.suspend(|| {
            for warning in &warnings {
                eprintln!("warning: {}: {warning}", file.display());
            }
            if !as_json {
                let how = if created { "Added" } else { "Already in the library as" };
                let variants = match variants {
                    0 => String::new(),
                    n => format!(", {n} variants"),
                };
                println!("{how} {} ({}, {} KB{variants})", media.name, media.mime, (media.bytes + 1023) / 1024);
            }
        });
        bar.inc(1);
        added.push(media);
    }
    bar.finish_and_clear();
    if as_json {
        let items = added.iter().map(|m| media_json(site, m)).collect::<anyhow::Result<Vec<_>>>()?;
        crate::print_json(&Value::Array(items));
    }
    Ok(())
}

pub(crate) fn rm(site: &Site, name: &str) -> anyhow::Result<()> {
    site.remove_media(name)?;
    println!("Moved {name} to the trash.");
    Ok(())
}
