//! Writing a build to its output folder: each file atomically, only when it changed, and files
//! that left the site removed — but never a file this build did not write before.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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

/// Writes `files` into `out`.
pub fn write_output(out: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<WriteReport> {
    let io = |p: &Path| RenderError::io(format!("Could not write {}", p.display()));
    std::fs::create_dir_all(out).map_err(io(out))?;
    let manifest_path = out.join(MANIFEST);
    let old: BTreeMap<String, String> =
        std::fs::read(&manifest_path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    let mut report = WriteReport::default();
    let hashed: Vec<(&String, &Vec<u8>, String)> =
        files.par_iter().map(|(rel, bytes)| (rel, bytes, blake3::hash(bytes).to_hex().to_string())).collect();
    let changed: Vec<&(&String, &Vec<u8>, String)> = hashed
        .iter()
        .filter(|(rel, _, hash)| {
            assert!(safe(rel), "the renderer made an unsafe output path: {rel}");
            old.get(*rel) != Some(hash) || !out.join(rel).is_file()
        })
        .collect();
    changed.par_iter().try_for_each(|(rel, bytes, _)| write_file(&out.join(rel), bytes))?;
    report.written = changed.len();
    report.unchanged = files.len() - changed.len();
    for (rel, bytes, hash) in hashed {
        report.bytes += bytes.len() as u64;
        report.hashes.insert(rel.clone(), hash);
    }
    for rel in old.keys().filter(|k| !files.contains_key(*k) && safe(k)) {
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
    let manifest = serde_json::to_vec_pretty(&report.hashes).expect("JSON serialises");
    let mut tmp = tempfile::NamedTempFile::new_in(out).map_err(io(out))?;
    tmp.write_all(&manifest).map_err(io(&manifest_path))?;
    tmp.persist(&manifest_path)
        .map_err(|e| RenderError::Io { context: "Could not write the build manifest".into(), source: e.error })?;
    Ok(report)
}
