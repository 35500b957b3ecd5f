//! Keeping media files: content-addressed blobs in `media/`, described by `media` rows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Result, StoreError};
use crate::fsutil::write_atomic;
use crate::kind::Kind;
use crate::media::{Media, MediaProbe, blob_path, is_blob_file_name, media_name};
use crate::record;
use crate::revision::SaveMode;
use crate::save::{key_taken, save_in};
use crate::site::Site;
use crate::slug::unique_slug;

/// The largest file accepted into the library, in bytes.
pub const MAX_MEDIA_BYTES: usize = 50 * 1024 * 1024;

/// What adding a file did.
#[derive(Clone, Debug, PartialEq)]
pub struct Added {
    pub media: Media,
    /// False when the same bytes were already in the library.
    pub created: bool,
    /// Accepted, but worth telling the person who added it.
    pub warnings: Vec<String>,
}

/// A file to add to the library.
#[derive(Clone, Debug, Default)]
pub struct NewMedia<'a> {
    pub bytes: &'a [u8],
    /// The name it had on the user's disk.
    pub original_name: &'a str,
    pub alt: Option<String>,
    /// Decorative pictures need no alt text (see [`Media::decorative`]).
    pub decorative: bool,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

impl Site {
    /// The path of a media item's file, or an error naming the item when its record is
    /// damaged (see [`Media::blob_path`]).
    pub fn media_file(&self, media: &Media) -> Result<PathBuf> {
        let path = self.dir().join(media.blob_path()?);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(StoreError::Invalid(format!(
                "The file of media item `{}` is a link to somewhere else ({}); Masthead does not follow \
                 links in media/. Add the file again to replace the link.",
                media.name,
                path.display()
            )));
        }
        Ok(path)
    }

    /// The path of a media item's file. Items read from the site are checked as they are read;
    /// one made up with a hash or name Masthead does not make gets a path inside `media/` that
    /// is never a file, so it reads as missing and nothing outside `media/` is ever named.
    pub fn media_path(&self, media: &Media) -> PathBuf {
        self.media_file(media).unwrap_or_else(|_| self.dir().join("media").join(DAMAGED))
    }

    /// Adds a file to the library. Bytes already in the library return the existing item
    /// (checked when it was added, so not probed again).
    pub fn add_media(&self, new: NewMedia<'_>, probe: &dyn MediaProbe) -> Result<Added> {
        check_size(new.bytes.len())?;
        let hash = blake3::hash(new.bytes).to_hex().to_string();
        let existing: Option<Media> =
            record::select(&self.conn, &format!("hash = '{hash}' AND deleted_at IS NULL"), "id")?.into_iter().next();
        if let Some(media) = existing {
            return Ok(Added { media, created: false, warnings: vec![] });
        }
        let info = probe.probe(new.bytes)?;
        let wanted = media_name(new.original_name, &info.ext);
        self.write_blob(&hash, &wanted, new.bytes)?;
        let media = self.write(|tx| {
            let (stem, ext) = wanted.rsplit_once('.').expect("media names have an extension");
            let stem = unique_slug(stem, |s| Ok(key_taken(tx, Kind::Media, &format!("{s}.{ext}"), 0)?.is_some()))?;
            let media = Media {
                name: format!("{stem}.{ext}"),
                hash: hash.clone(),
                original_name: clean_original(new.original_name),
                mime: info.mime.clone(),
                bytes: new.bytes.len() as i64,
                alt: new.alt.clone(),
                decorative: new.decorative,
                caption: new.caption.clone(),
                credit: new.credit.clone(),
                width: info.width,
                height: info.height,
                title: info.title.clone(),
                pages: info.pages,
                author: info.author.clone(),
                ..Default::default()
            };
            save_in(tx, self, media, SaveMode::Explicit)
        })?;
        Ok(Added { media, created: true, warnings: info.warnings })
    }

    /// Puts new bytes behind an existing item, keeping its name, alt text, caption, credit and
    /// focal point, so that everything using it shows the new file. The new file must be of
    /// the same type (a JPEG for a `.jpg`), since the name's extension is in its address.
    pub fn replace_media(
        &self,
        name: &str,
        bytes: &[u8],
        original_name: &str,
        probe: &dyn MediaProbe,
    ) -> Result<Added> {
        check_size(bytes.len())?;
        let mut media: Media = self
            .find(name)?
            .ok_or_else(|| StoreError::NotFound { kind: Kind::Media.label(), key: name.to_string() })?;
        let info = probe.probe(bytes)?;
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let same =
            ext == info.ext || (matches!(ext.as_str(), "jpg" | "jpeg") && matches!(info.ext.as_str(), "jpg" | "jpeg"));
        if !same {
            return Err(StoreError::Invalid(format!(
                "{name} is a .{ext} file and the new one is a .{}; replace it with a .{ext} file, or add the new one as a file of its own.",
                info.ext
            )));
        }
        let hash = blake3::hash(bytes).to_hex().to_string();
        self.write_blob(&hash, name, bytes)?;
        let released = media.blob_path()?;
        media.hash = hash;
        media.original_name = clean_original(original_name);
        media.mime = info.mime.clone();
        media.bytes = bytes.len() as i64;
        (media.width, media.height, media.title, media.pages, media.author) =
            (info.width, info.height, info.title.clone(), info.pages, info.author.clone());
        let media = self.save(&media, SaveMode::Explicit)?;
        self.remove_unused_blobs(&[released])?;
        Ok(Added { media, created: false, warnings: info.warnings })
    }

    /// Stores bytes under their hash unless they are there already.
    pub(crate) fn write_blob(&self, hash: &str, name: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir().join(blob_path(hash, name));
        // A link in its place is replaced, never written through.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
            return Ok(());
        }
        write_atomic(&path, bytes)
    }

    /// Removes the files in `media/` that Masthead stored and no media row (trashed or not)
    /// uses any more. Only files Masthead wrote go: regular files named `<hash>.<ext>` whose
    /// bytes have that hash. Anything else someone put in `media/` (`notes.txt`, a photo, a
    /// folder, a link) is never touched. `released` are the files (`media/<hash>.<ext>`) of
    /// rows this process just deleted or replaced; any other unused file must have been left
    /// alone for [`BLOB_GRACE`], since it may be another process's add in progress.
    pub(crate) fn remove_unused_blobs(&self, released: &[String]) -> Result<()> {
        let used: HashSet<String> =
            record::select::<Media>(&self.conn, "1", "id")?.iter().map(Media::blob_path).collect::<Result<_>>()?;
        let dir = self.dir().join("media");
        let entries = std::fs::read_dir(&dir).map_err(StoreError::io(format!("Could not read {}", dir.display())))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if used.contains(&format!("media/{name}")) || !is_blob_file_name(&name) {
                continue;
            }
            let path = entry.path();
            // `file_type` does not follow links: a link named like a blob is not ours.
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            // A file this new may belong to an add in another process (the app and the CLI on
            // one site) that has written it and not yet committed its row.
            let settled = released.contains(&format!("media/{name}"))
                || entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|t| t.elapsed().is_ok_and(|age| age >= BLOB_GRACE));
            if regular && settled && is_blob_of(&path, &name) {
                let _ = std::fs::remove_file(&path);
            }
        }
        Ok(())
    }
}

/// How old an unused media file must be before it is collected.
const BLOB_GRACE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// The file name [`Site::media_path`] gives an item whose record is damaged.
const DAMAGED: &str = "(damaged record: restore from a backup)";

/// Whether the file holds the bytes its `<hash>.<ext>` name says.
fn is_blob_of(path: &Path, name: &str) -> bool {
    let Some((hash, _)) = name.split_once('.') else { return false };
    let mut hasher = blake3::Hasher::new();
    std::fs::File::open(path).and_then(|mut f| std::io::copy(&mut f, &mut hasher)).is_ok()
        && hasher.finalize().to_hex().as_str() == hash
}

pub(crate) fn check_size(len: usize) -> Result<()> {
    if len > MAX_MEDIA_BYTES {
        return Err(StoreError::Invalid(format!(
            "The file is {:.1} MB; the limit is {} MB. Make it smaller (export images at a lower resolution, compress PDFs) and try again.",
            len as f64 / 1e6,
            MAX_MEDIA_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Keeps the last path component of an uploaded name, without control characters.
pub(crate) fn clean_original(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.is_empty() || clean == "." || clean == ".." { "file".into() } else { clean }
}
