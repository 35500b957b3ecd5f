//! Writing a build to its output folder: each file atomically, only when it changed, and files
//! that left the site removed — but never a file the build did not write. The folder's
//! manifest records each output's hash and input fingerprint for the next incremental build.

use std::path::{Component, Path};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{RenderError, Result};
use crate::manifest::{BuildManifest, Changes, ManifestAt, write_file};
use crate::plan::{Entry, Outputs, SiteFiles};

/// What writing a build did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Total size of the build.
    pub bytes: u64,
}

fn safe(rel: &str) -> bool {
    !rel.is_empty() && Path::new(rel).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes a build into `out`.
pub fn write_output(out: &Path, site: &SiteFiles) -> Result<WriteReport> {
    let mut outputs = BuildManifest::present(out);
    let dropped: Vec<String> = outputs.keys().filter(|k| !site.fingerprints.contains_key(*k)).cloned().collect();
    apply(out, &mut outputs, site, &dropped, None).map(|(report, _)| report)
}

/// Writes `made` into `out`, where the last build left `outputs` (those still there), and
/// removes the `dropped` outputs of the last build; `outputs` and the folder's manifest
/// become this build's. The manifest is written whole unless it is known to stand `at`
/// `outputs` (then this build's changes are appended). Returns what it did and where the
/// manifest stands.
pub(crate) fn apply(
    out: &Path,
    outputs: &mut Outputs,
    made: &SiteFiles,
    dropped: &[String],
    at: Option<ManifestAt>,
) -> Result<(WriteReport, ManifestAt)> {
    std::fs::create_dir_all(out).map_err(RenderError::io(format!("Could not create {}", out.display())))?;
    let hashed: Vec<(&String, &Vec<u8>, String)> =
        made.files.par_iter().map(|(rel, bytes)| (rel, bytes, blake3::hash(bytes).to_hex().to_string())).collect();
    let changed: Vec<&(&String, &Vec<u8>, String)> = hashed
        .iter()
        .filter(|(rel, _, hash)| {
            assert!(safe(rel) && !rel.contains(['\t', '\n']), "the renderer made an unsafe output path: {rel}");
            outputs.get(*rel).is_none_or(|e| &e.hash != hash)
        })
        .collect();
    changed.par_iter().try_for_each(|(rel, bytes, _)| write_file(&out.join(rel), bytes))?;
    let fp = |rel: &str| made.fingerprints.get(rel).cloned().unwrap_or_default();
    let mut report = WriteReport { written: changed.len(), ..Default::default() };
    let mut changes = Changes::default();
    for (rel, bytes, hash) in hashed {
        let e = Entry { hash, size: bytes.len() as u64, fp: fp(rel) };
        if outputs.get(rel) != Some(&e) {
            changes.set(rel, &e);
            outputs.insert(rel.clone(), e);
        }
    }
    for rel in made.kept.keys() {
        let new = fp(rel);
        if let Some(e) = outputs.get_mut(rel)
            && e.fp != new
        {
            e.fp = new;
            changes.set(rel, e);
        }
    }
    for rel in dropped.iter().filter(|k| safe(k)) {
        if outputs.remove(rel).is_some() {
            changes.remove(rel);
        }
        let path = out.join(rel);
        if std::fs::remove_file(&path).is_ok() {
            report.removed += 1;
            // Remove folders the build emptied.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != out) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
    }
    report.unchanged = outputs.len() - report.written;
    report.bytes = outputs.values().map(|e| e.size).sum();
    let manifest = BuildManifest::update(out, at, outputs, changes)?;
    Ok((report, manifest))
}
