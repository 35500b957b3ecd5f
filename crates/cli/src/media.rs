use std::path::PathBuf;

use indicatif::{ProgressBar, ProgressStyle};
use masthead_store::{Added, Media, NewMedia, Site};
use serde_json::Value;

/// A media item as `--json` shows it: its fields plus `variants` and `used_by`.
pub(crate) fn media_json(site: &Site, m: &Media) -> anyhow::Result<Value> {
    Ok(masthead_render::media_details(site, m)?)
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
        let (Added { media, created, warnings }, set) =
            masthead_media::add(site, new).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        bar.suspend(|| {
            for warning in warnings.iter().chain(&set.note) {
                eprintln!("warning: {}: {warning}", file.display());
            }
            if !as_json {
                let how = if created { "Added" } else { "Already in the library as" };
                let variants = match set.variants.len() {
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

/// Makes the variants and covers of every library item that lacks them (after an import).
pub(crate) fn prepare_all(site: &Site) -> anyhow::Result<()> {
    let media = site.list::<Media>()?;
    let items: Vec<&Media> = media.iter().collect();
    for (name, result) in masthead_media::variants_of(site, &items) {
        match result {
            Ok(set) => set.note.iter().for_each(|note| eprintln!("warning: {name}: {note}")),
            Err(e) => eprintln!("warning: {name}: no smaller copies could be made: {e}"),
        }
    }
    Ok(())
}

pub(crate) fn rm(site: &Site, name: &str) -> anyhow::Result<()> {
    site.remove_media(name)?;
    println!("Moved {name} to the trash.");
    Ok(())
}
