//! Writing a build to its output folder: each file atomically, only when it changed, and files
//! that left the site removed — but never a file the build did not write. The folder's
//! manifest records each output's hash and input fingerprint for the next incremental build.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Component, Path};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{RenderError, Result};
use crate::plan::{Entry, Outputs, SiteFiles};

const MANIFEST: &str = ".masthead-build";
/// The manifest's name before it became plain text; removed when found.
const LEGACY_MANIFEST: &str = ".masthead-build.json";
const MANIFEST_HEADER: &str = "masthead-build 2";

/// What writing a build did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Total size of the build.
    pub bytes: u64,
}

/// The manifest: one line per output, `path TAB hash TAB size TAB fingerprint`.
pub(crate) struct BuildManifest;

impl BuildManifest {
    /// The folder's manifest, with the hash of its text; empty when there is none or it
    /// cannot be read.
    pub(crate) fn read(out: &Path) -> (Outputs, Option<blake3::Hash>) {
        let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap_or_default();
        let mut lines = text.lines();
        if lines.next() != Some(MANIFEST_HEADER) {
            return (Outputs::default(), None);
        }
        let entry = |line: &str| {
            let mut f = line.split('\t');
            let (path, hash, size, fp) = (f.next()?, f.next()?, f.next()?.parse().ok()?, f.next()?);
            Some((path.to_string(), Entry { hash: hash.into(), size, fp: fp.into() }))
        };
        match lines.map(entry).collect::<Option<Outputs>>() {
            Some(outputs) => (outputs, Some(blake3::hash(text.as_bytes()))),
            None => (Outputs::default(), None),
        }
    }

    /// What the last build into `out` recorded, for the outputs still there (someone may have
    /// deleted some).
    pub(crate) fn present(out: &Path) -> Outputs {
        BuildManifest::read(out).0.into_par_iter().filter(|(rel, _)| out.join(rel).is_file()).collect()
    }

    /// Those of `paths` that are not files in `out` (one by one: it runs beside a build).
    pub(crate) fn missing(out: &Path, paths: Vec<String>) -> Vec<String> {
        #[cfg(unix)]
        if let Ok(dir) = std::fs::File::open(out) {
            // Each looked up from the folder, not from `/`: a new process checks every output
            // of the last build, and walking the folder's own path each time was half the work.
            use rustix::fs::{AtFlags, FileType, statat};
            let file = |rel: &String| {
                statat(&dir, rel.as_str(), AtFlags::empty())
                    .is_ok_and(|s| FileType::from_raw_mode(s.st_mode) == FileType::RegularFile)
            };
            return paths.into_iter().filter(|rel| !file(rel)).collect();
        }
        paths.into_iter().filter(|rel| !out.join(rel).is_file()).collect()
    }

    fn write(out: &Path, outputs: &Outputs) -> Result<blake3::Hash> {
        let mut text = String::with_capacity(outputs.len() * 160);
        text.push_str(MANIFEST_HEADER);
        text.push('\n');
        for (path, e) in outputs {
            let _ = writeln!(text, "{path}\t{}\t{}\t{}", e.hash, e.size, e.fp);
        }
        write_file(&out.join(MANIFEST), text.as_bytes())?;
        let _ = std::fs::remove_file(out.join(LEGACY_MANIFEST));
        Ok(blake3::hash(text.as_bytes()))
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
    let mut outputs = BuildManifest::present(out);
    let dropped: Vec<String> = outputs.keys().filter(|k| !site.fingerprints.contains_key(*k)).cloned().collect();
    apply(out, &mut outputs, site, &dropped).map(|(report, _)| report)
}

/// Writes `made` into `out`, where the last build left `outputs` (those still there), and
/// removes the `dropped` outputs of the last build; `outputs` and the folder's manifest
/// become this build's. Returns what it did and the hash of the new manifest.
pub(crate) fn apply(
    out: &Path,
    outputs: &mut Outputs,
    made: &SiteFiles,
    dropped: &[String],
) -> Result<(WriteReport, blake3::Hash)> {
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
    for (rel, bytes, hash) in hashed {
        outputs.insert(rel.clone(), Entry { hash, size: bytes.len() as u64, fp: fp(rel) });
    }
    for rel in made.kept.keys() {
        if let Some(e) = outputs.get_mut(rel) {
            e.fp = fp(rel);
        }
    }
    for rel in dropped.iter().filter(|k| safe(k)) {
        outputs.remove(rel);
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
    let manifest = BuildManifest::write(out, outputs)?;
    Ok((report, manifest))
}
