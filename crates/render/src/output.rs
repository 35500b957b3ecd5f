//! Writing a build to its output folder: each file atomically, only when it changed, and files
//! that left the site removed — but never a file the build did not write. The folder's
//! manifest records each output's hash and input fingerprint for the next incremental build.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Component, Path};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::builder::SiteFiles;
use crate::error::{RenderError, Result};

const MANIFEST: &str = ".masthead-build.json";

/// What writing a build did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Total size of the build.
    pub bytes: u64,
    /// blake3 (hex) of every output file, by path.
    pub hashes: BTreeMap<String, String>,
}

/// One output as the manifest remembers it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub(crate) hash: String,
    pub(crate) size: u64,
    pub(crate) fp: String,
}

/// The record of the last build into a folder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    pub(crate) files: BTreeMap<String, Entry>,
}

impl Manifest {
    /// The folder's manifest; empty when there is none or it cannot be read.
    pub(crate) fn read(out: &Path) -> Manifest {
        std::fs::read(out.join(MANIFEST)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
    }

    /// What the last build into `out` recorded, for the outputs still there (someone may have
    /// deleted some).
    pub(crate) fn present(out: &Path) -> HashMap<String, Entry> {
        Manifest::read(out).files.into_par_iter().filter(|(rel, _)| out.join(rel).is_file()).collect()
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |p: &Path| RenderError::io(format!("Could not write {}", p.display()));
    let dir = path.parent().expect("output files are inside the output folder");
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(dir))?;
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.persist(path)
        .map_err(|e| RenderError::Io { context: format!("Could not write {}", path.display()), source: e.error })?;
    Ok(())
}

fn safe(rel: &str) -> bool {
    !rel.is_empty() && Path::new(rel).components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes a build into `out`.
pub fn write_output(out: &Path, site: &SiteFiles) -> Result<WriteReport> {
    write_over(out, site, &Manifest::present(out)).map(|(report, _)| report)
}

/// Writes a build into `out`, where the previous build left the outputs `old` (those of its
/// manifest that are still there). Returns what it did and the new manifest.
pub(crate) fn write_over(
    out: &Path,
    site: &SiteFiles,
    old: &HashMap<String, Entry>,
) -> Result<(WriteReport, Manifest)> {
    std::fs::create_dir_all(out).map_err(RenderError::io(format!("Could not create {}", out.display())))?;
    let hashed: Vec<(&String, &Vec<u8>, String)> =
        site.files.par_iter().map(|(rel, bytes)| (rel, bytes, blake3::hash(bytes).to_hex().to_string())).collect();
    let changed: Vec<&(&String, &Vec<u8>, String)> = hashed
        .iter()
        .filter(|(rel, _, hash)| {
            assert!(safe(rel), "the renderer made an unsafe output path: {rel}");
            old.get(*rel).is_none_or(|e| &e.hash != hash)
        })
        .collect();
    changed.par_iter().try_for_each(|(rel, bytes, _)| write_file(&out.join(rel), bytes))?;
    let mut manifest = Manifest::default();
    let fp = |rel: &str| site.fingerprints.get(rel).cloned().unwrap_or_default();
    let written = changed.len();
    for (rel, bytes, hash) in hashed {
        manifest.files.insert(rel.clone(), Entry { hash, size: bytes.len() as u64, fp: fp(rel) });
    }
    for (rel, hash) in &site.kept {
        let size = old.get(rel).map(|e| e.size).unwrap_or_default();
        manifest.files.insert(rel.clone(), Entry { hash: hash.clone(), size, fp: fp(rel) });
    }
    let mut report = WriteReport {
        written,
        unchanged: manifest.files.len() - written,
        bytes: manifest.files.values().map(|e| e.size).sum(),
        hashes: manifest.files.iter().map(|(k, e)| (k.clone(), e.hash.clone())).collect(),
        ..Default::default()
    };
    for rel in old.keys().filter(|k| !manifest.files.contains_key(*k) && safe(k)) {
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
    write_file(&out.join(MANIFEST), &serde_json::to_vec(&manifest).expect("JSON serialises"))?;
    Ok((report, manifest))
}
