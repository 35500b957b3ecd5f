use std::path::PathBuf;

use masthead_media::Pipeline;
use masthead_store::{Added, Media, NewMedia, Site, public_json};
use serde_json::{Value, json};

/// A media item as `--json` shows it: its fields plus `variants` and `used_by`.
pub(crate) fn media_json(site: &Site, m: &Media) -> anyhow::Result<Value> {
    let mut v = public_json(m);
    v["variants"] = json!([]);
    let users = site.media_users(&m.name)?;
    v["used_by"] = users.iter().map(|(entity, field)| json!({"entity": entity, "field": field})).collect();
    Ok(v)
}

pub(crate) fn add(site: &Site, files: &[PathBuf], alt: Option<String>, as_json: bool) -> anyhow::Result<()> {
    let mut added = vec![];
    let many = files.len() > 1 && !as_json;
    for (i, file) in files.iter().enumerate() {
        let bytes = std::fs::read(file).map_err(|e| anyhow::anyhow!("Could not read {}: {e}", file.display()))?;
        let original = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let new = NewMedia { bytes: &bytes, original_name: &original, alt: alt.clone(), ..Default::default() };
        let Added { media, created, warnings } =
            site.add_media(new, &Pipeline).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        for warning in &warnings {
            eprintln!("warning: {}: {warning}", file.display());
        }
        if many {
            eprintln!("[{}/{}] {}", i + 1, files.len(), file.display());
        }
        if !as_json {
            let how = if created { "Added" } else { "Already in the library as" };
            println!("{how} {} ({}, {} KB)", media.name, media.mime, (media.bytes + 1023) / 1024);
        }
        added.push(media);
    }
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
