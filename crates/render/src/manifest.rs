//! The output folder's manifest: what the last build wrote there (each output's hash, size and
//! input fingerprint), for the next incremental build.
//!
//! It is plain text, one line per output (`path TAB hash TAB size TAB fingerprint`) after a
//! header. A large site has tens of thousands of outputs and an edit changes a handful, so a
//! build that knows the file (it read or wrote it) appends its changes as a block instead of
//! writing it whole: a line `TAB + TAB count TAB hash` (the blake3 of the block's lines), then
//! the changed entries, and `TAB - TAB path` for each output removed. Paths never start with,
//! nor contain, a tab. A block that was cut short (a crash while appending) or does not match
//! its hash ends the manifest there: the builds before it stand. The file is written whole
//! again once its blocks grow to a quarter of its entries.

use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use crate::error::{RenderError, Result};
use crate::plan::{Entry, Outputs};

const MANIFEST: &str = ".masthead-build";
/// The manifest's name before it became plain text; removed when found.
const LEGACY_MANIFEST: &str = ".masthead-build.json";
const MANIFEST_HEADER: &str = "masthead-build 2";

/// A manifest as this process last read or wrote it: what identifies its text (for a snapshot:
/// the snapshot a build leaves names it), how long the file is, and how many lines were appended since it
/// was last written whole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ManifestAt {
    pub(crate) id: blake3::Hash,
    len: u64,
    appended: usize,
}

/// The changes a build makes to the outputs, as manifest lines.
#[derive(Default)]
pub(crate) struct Changes {
    text: String,
    lines: usize,
}

impl Changes {
    pub(crate) fn set(&mut self, path: &str, e: &Entry) {
        let _ = writeln!(self.text, "{path}\t{}\t{}\t{}", e.hash, e.size, e.fp);
        self.lines += 1;
    }

    pub(crate) fn remove(&mut self, path: &str) {
        let _ = writeln!(self.text, "\t-\t{path}");
        self.lines += 1;
    }
}

/// The identity of a manifest after one more block (whose lines hash to `block`).
fn chain(id: blake3::Hash, block: &blake3::Hash) -> blake3::Hash {
    blake3::Hasher::new().update(id.as_bytes()).update(block.as_bytes()).finalize()
}

fn entry(line: &str) -> Option<(String, Entry)> {
    let mut f = line.split('\t');
    let (path, hash, size, fp) = (f.next()?, f.next()?, f.next()?.parse().ok()?, f.next()?);
    (!path.is_empty() && f.next().is_none())
        .then(|| (path.to_string(), Entry { hash: hash.into(), size, fp: fp.into() }))
}

/// One line of a block: an output's entry, or `None` for an output removed.
fn change(line: &str) -> Option<(String, Option<Entry>)> {
    match line.strip_prefix("\t-\t") {
        Some(path) => (!path.is_empty()).then(|| (path.to_string(), None)),
        None => entry(line).map(|(path, e)| (path, Some(e))),
    }
}

/// The manifest: see the module's documentation.
pub(crate) struct BuildManifest;

impl BuildManifest {
    /// The folder's manifest, and where it stands; empty when there is none or it cannot be
    /// read.
    pub(crate) fn read(out: &Path) -> (Outputs, Option<ManifestAt>) {
        let text = std::fs::read_to_string(out.join(MANIFEST)).unwrap_or_default();
        BuildManifest::parse(&text).map_or_else(|| (Outputs::default(), None), |(o, at)| (o, Some(at)))
    }

    fn parse(text: &str) -> Option<(Outputs, ManifestAt)> {
        let body = text.strip_prefix(MANIFEST_HEADER)?.strip_prefix('\n')?;
        // The entries written whole, up to the first block.
        let whole = if body.starts_with('\t') { 0 } else { body.find("\n\t").map_or(body.len(), |i| i + 1) };
        let mut outputs = body[..whole].lines().map(entry).collect::<Option<Outputs>>()?;
        let mut rest = &body[whole..];
        let consumed = |rest: &str| (text.len() - rest.len()) as u64;
        let base = &text[..text.len() - rest.len()];
        let mut at = ManifestAt { id: blake3::hash(base.as_bytes()), len: consumed(rest), appended: 0 };
        while let Some((count, hash, lines, after)) = BuildManifest::block(rest) {
            let Some(changes) = lines.lines().map(change).collect::<Option<Vec<_>>>() else { break };
            for (path, e) in changes {
                match e {
                    Some(e) => outputs.insert(path, e),
                    None => outputs.remove(&path),
                };
            }
            rest = after;
            at = ManifestAt { id: chain(at.id, &hash), len: consumed(rest), appended: at.appended + count };
        }
        Some((outputs, at))
    }

    /// The block at the start of `text`: its count, its hash, its lines and the text after it,
    /// when it is whole and its lines match its hash.
    fn block(text: &str) -> Option<(usize, blake3::Hash, &str, &str)> {
        let (head, lines) = text.strip_prefix("\t+\t")?.split_once('\n')?;
        let (count, hash) = head.split_once('\t')?;
        let (count, hash) = (count.parse::<usize>().ok()?, blake3::Hash::from_hex(hash).ok()?);
        // `count` lines, each ending in a newline.
        let end = lines.match_indices('\n').nth(count.checked_sub(1)?)?.0 + 1;
        (blake3::hash(&lines.as_bytes()[..end]) == hash).then_some((count, hash, &lines[..end], &lines[end..]))
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

    /// Records `changes` to the manifest that stands `at` (appending them when it can) so that
    /// it says `outputs`.
    pub(crate) fn update(
        out: &Path,
        at: Option<ManifestAt>,
        outputs: &Outputs,
        changes: Changes,
    ) -> Result<ManifestAt> {
        let Some(at) = at else { return BuildManifest::write(out, outputs) };
        if changes.lines == 0 {
            return Ok(at);
        }
        if at.appended + changes.lines > outputs.len() / 4 {
            return BuildManifest::write(out, outputs);
        }
        match BuildManifest::append(out, at, &changes) {
            Some(at) => Ok(at),
            None => BuildManifest::write(out, outputs),
        }
    }

    /// Appends a block of `changes`, when the file is still as long as this process left it
    /// (else someone else wrote it, or a block was cut short: it is written whole).
    fn append(out: &Path, at: ManifestAt, changes: &Changes) -> Option<ManifestAt> {
        let mut file = std::fs::OpenOptions::new().append(true).open(out.join(MANIFEST)).ok()?;
        if file.metadata().ok()?.len() != at.len {
            return None;
        }
        let hash = blake3::hash(changes.text.as_bytes());
        let block = format!("\t+\t{}\t{}\n{}", changes.lines, hash.to_hex(), changes.text);
        // One write: a crash leaves the block whole or cut short, and one cut short is ignored.
        file.write_all(block.as_bytes()).ok()?;
        Some(ManifestAt {
            id: chain(at.id, &hash),
            len: at.len + block.len() as u64,
            appended: at.appended + changes.lines,
        })
    }

    /// Writes the manifest whole.
    fn write(out: &Path, outputs: &Outputs) -> Result<ManifestAt> {
        let mut text = String::with_capacity(outputs.len() * 160);
        text.push_str(MANIFEST_HEADER);
        text.push('\n');
        for (path, e) in outputs {
            let _ = writeln!(text, "{path}\t{}\t{}\t{}", e.hash, e.size, e.fp);
        }
        write_file(&out.join(MANIFEST), text.as_bytes())?;
        let _ = std::fs::remove_file(out.join(LEGACY_MANIFEST));
        Ok(ManifestAt { id: blake3::hash(text.as_bytes()), len: text.len() as u64, appended: 0 })
    }
}

/// Writes a file atomically (a reader sees the old file or the new one, never a part).
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |p: &Path| RenderError::io(format!("Could not write {}", p.display()));
    let dir = path.parent().expect("output files are inside the output folder");
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io(dir))?;
    tmp.write_all(bytes).map_err(io(path))?;
    tmp.persist(path)
        .map_err(|e| RenderError::Io { context: format!("Could not write {}", path.display()), source: e.error })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{BuildManifest, Changes, MANIFEST, ManifestAt};
    use crate::plan::{Entry, Outputs};

    fn outputs(n: usize) -> Outputs {
        let e = |i: usize| Entry { hash: format!("{i:064x}"), size: i as u64, fp: format!("fp{i}") };
        (0..n).map(|i| (format!("a{i}/index.html"), e(i))).collect()
    }

    /// Changes `outputs` as a build would: one entry changed, one added, one removed.
    fn edit(outputs: &mut Outputs, round: u64) -> Changes {
        let mut changes = Changes::default();
        let e = Entry { hash: "f".repeat(64), size: round, fp: format!("new {round}") };
        for path in ["a1/index.html".to_string(), format!("new{round}/index.html")] {
            changes.set(&path, &e);
            outputs.insert(path, e.clone());
        }
        let gone = format!("a{}/index.html", round + 2);
        outputs.remove(&gone);
        changes.remove(&gone);
        changes
    }

    #[test]
    fn changes_are_appended_and_read_back_as_the_whole_manifest_would_be() {
        let dir = tempfile::tempdir().unwrap();
        let mut o = outputs(100);
        let mut at = BuildManifest::update(dir.path(), None, &o, Changes::default()).unwrap();
        assert_eq!(BuildManifest::read(dir.path()), (o.clone(), Some(at)));
        let whole = std::fs::metadata(dir.path().join(MANIFEST)).unwrap().len();
        for round in 0..3 {
            let changes = edit(&mut o, round);
            at = BuildManifest::update(dir.path(), Some(at), &o, changes).unwrap();
            assert_eq!(BuildManifest::read(dir.path()), (o.clone(), Some(at)), "round {round}");
        }
        let len = std::fs::metadata(dir.path().join(MANIFEST)).unwrap().len();
        assert!(len > whole && len < whole + 1000, "appended, not written whole: {whole} → {len}");
        // Nothing changed: nothing written, and the manifest still stands where it did.
        assert_eq!(BuildManifest::update(dir.path(), Some(at), &o, Changes::default()).unwrap(), at);
    }

    #[test]
    fn a_block_cut_short_or_altered_ends_the_manifest_before_it_and_the_next_write_is_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MANIFEST);
        let mut o = outputs(100);
        let at0 = BuildManifest::update(dir.path(), None, &o, Changes::default()).unwrap();
        let before = o.clone();
        let changes = edit(&mut o, 0);
        BuildManifest::update(dir.path(), Some(at0), &o, changes).unwrap();
        let full = std::fs::read(&path).unwrap();
        // Cut anywhere inside the block (as a crash while appending would): the build before stands.
        for cut in (at0.len as usize + 1)..full.len() {
            std::fs::write(&path, &full[..cut]).unwrap();
            assert_eq!(BuildManifest::read(dir.path()), (before.clone(), Some(at0)), "cut at {cut}");
        }
        // A block whose lines do not match its hash is not believed either.
        let altered = String::from_utf8(full.clone()).unwrap().replace("new 0", "new 9");
        std::fs::write(&path, altered).unwrap();
        let (read, at) = BuildManifest::read(dir.path());
        assert_eq!((&read, at), (&before, Some(at0)));
        // The file is longer than where it stands: the next build writes it whole.
        let mut o = read;
        let changes = edit(&mut o, 1);
        let at = BuildManifest::update(dir.path(), at, &o, changes).unwrap();
        assert_eq!(at, ManifestAt { id: blake3::hash(&std::fs::read(&path).unwrap()), len: at.len, appended: 0 });
        assert_eq!(BuildManifest::read(dir.path()), (o, Some(at)));
    }

    #[test]
    fn a_manifest_whose_blocks_grow_to_a_quarter_of_its_entries_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut o = outputs(40);
        let mut at = BuildManifest::update(dir.path(), None, &o, Changes::default()).unwrap();
        let mut appended = vec![];
        for round in 0..6 {
            let changes = edit(&mut o, round);
            at = BuildManifest::update(dir.path(), Some(at), &o, changes).unwrap();
            appended.push(at.appended);
        }
        assert_eq!(appended, [3, 6, 9, 0, 3, 6]);
        assert_eq!(BuildManifest::read(dir.path()), (o, Some(at)));
    }
}
