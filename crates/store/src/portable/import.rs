//! Importing a portable folder: everything is read and checked first, then written in one
//! transaction, so a bad file changes nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use super::files::{ArticleFront, MediaSidecar, PageFront, SlideFront, toml_aliases};
use super::front_matter::{parse_yaml_file, split};
use super::tree::Tree;
use crate::address::split_old_address;
use crate::article::Article;
use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::media::{Media, MediaInfo, MediaProbe};
use crate::media_store::{check_size, clean_original};
use crate::page::Page;
use crate::record::{self, Record};
use crate::reference::validate_media_name;
use crate::revision::SaveMode;
use crate::save::save_in;
use crate::settings::{self, Settings};

use crate::site::Site;
use crate::slide::Slide;
use crate::slug::validate_slug;

/// What an import did, per entity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

struct MediaFile<'a> {
    file: &'a str,
    name: &'a str,
    bytes: &'a [u8],
    info: MediaInfo,
    hash: String,
    sidecar: MediaSidecar,
}

fn err(file: &str, message: impl Into<String>) -> StoreError {
    StoreError::Import { file: file.to_string(), line: None, message: message.into() }
}

/// Names the file in errors that come from checking or saving an entity.
fn in_file(file: &str) -> impl Fn(StoreError) -> StoreError + '_ {
    move |e| match e {
        StoreError::Invalid(m) => err(file, m),
        StoreError::Import { .. } => e,
        other => err(file, other.to_string()),
    }
}

fn stem<'a>(file: &'a str, dir: &str) -> &'a str {
    file.strip_prefix(dir).unwrap_or(file).trim_end_matches(".md")
}

impl Site {
    /// Imports a portable folder (see [`Tree::read_dir`]).
    pub fn import_dir(&self, dir: &Path, probe: &dyn MediaProbe) -> Result<ImportReport> {
        self.import_tree(&Tree::read_dir(dir)?, probe)
    }

    /// Imports files: upserts by slug (name for media), records a revision for each entity it
    /// changes, and is all-or-nothing.
    pub fn import_tree(&self, tree: &Tree, probe: &dyn MediaProbe) -> Result<ImportReport> {
        let mut settings = None;
        let (mut articles, mut slides, mut pages, mut media) = (vec![], vec![], vec![], vec![]);
        let mut sidecars = std::collections::BTreeMap::new();
        for (file, bytes) in &tree.0 {
            let file = file.as_str();
            if file == "site.yml" {
                let s: Settings = parse_yaml_file(file, bytes)?;
                s.validate().map_err(in_file(file))?;
                settings = Some(s);
            } else if let Some(name) = file.strip_prefix("media/") {
                if let Some(media_name) = name.strip_suffix(".yml") {
                    sidecars.insert(media_name, (file, parse_yaml_file::<MediaSidecar>(file, bytes)?));
                } else {
                    check_size(bytes.len()).map_err(in_file(file))?;
                    validate_media_name(name).map_err(in_file(file))?;
                    let info = probe.probe(bytes).map_err(in_file(file))?;
                    if !name.ends_with(&format!(".{}", info.ext)) {
                        return Err(err(
                            file,
                            format!(
                                "the file is {}, which does not match its extension; rename it to end in .{}",
                                info.mime, info.ext
                            ),
                        ));
                    }
                    let hash = blake3::hash(bytes).to_hex().to_string();
                    media.push(MediaFile { file, name, bytes, info, hash, sidecar: MediaSidecar::default() });
                }
            } else if !file.ends_with(".md") {
                continue;
            } else {
                let doc = split(file, bytes)?;
                if file.starts_with("articles/") {
                    articles.push((file, doc.parse::<ArticleFront>(file, toml_aliases)?, doc.body));
                } else if file.starts_with("slides/") {
                    slides.push((file, doc.parse::<SlideFront>(file, toml_aliases)?, doc.body));
                } else if file.starts_with("pages/") {
                    pages.push((file, doc.parse::<PageFront>(file, toml_aliases)?, doc.body));
                }
            }
        }
        for (name, (file, sidecar)) in sidecars {
            let m = media
                .iter_mut()
                .find(|m| m.name == name)
                .ok_or_else(|| err(file, format!("there is no media/{name} for this description")))?;
            m.sidecar = sidecar;
        }

        // The files written here are removed again if anything fails, and only those.
        let mut written = vec![];
        if let Err(e) = self.write_blobs(&media, &mut written) {
            remove_files(written);
            return Err(e);
        }
        let result = self.write(|tx| {
            let mut report = ImportReport::default();
            if let Some(s) = &settings {
                settings::store(tx, s, &self.now_string())?;
            }
            for m in media {
                let file = m.file;
                let mut item: Media = find_any(tx, m.name)?.unwrap_or_default();
                let fresh = item.meta.id == 0;
                item.name = m.name.to_string();
                if item.hash != m.hash {
                    item.original_name = clean_original(m.name);
                }
                item.hash = m.hash;
                item.mime = m.info.mime;
                item.bytes = m.bytes.len() as i64;
                item.width = m.info.width;
                item.height = m.info.height;
                item.title = m.sidecar.title.or(m.info.title);
                item.pages = m.info.pages;
                item.author = m.info.author;
                item.focal = m.sidecar.focal;
                item.alt = m.sidecar.alt;
                item.decorative = m.sidecar.decorative;
                item.caption = m.sidecar.caption;
                item.credit = m.sidecar.credit;
                upsert(tx, self, item, fresh, &mut report).map_err(in_file(file))?;
            }
            let mut seen = HashSet::new();
            let mut claim = |file: &str, slug: &str| -> Result<()> {
                validate_slug(slug).map_err(in_file(file))?;
                if !seen.insert(slug.to_string()) {
                    return Err(err(file, format!("the slug `{slug}` is used by another file in this import")));
                }
                Ok(())
            };
            for (file, front, body) in articles {
                let slug = front.slug().unwrap_or(stem(file, "articles/")).to_string();
                claim(file, &slug)?;
                let mut item: Article = find_any(tx, &slug)?.unwrap_or_default();
                let fresh = item.meta.id == 0;
                let aliases = front.aliases().to_vec();
                front.apply(&mut item, slug, body);
                let id = upsert(tx, self, item, fresh, &mut report).map_err(in_file(file))?;
                record_aliases(tx, Kind::Article, id, &aliases, &self.now_string()).map_err(in_file(file))?;
            }
            for (file, front, body) in pages {
                let slug = front.slug().unwrap_or(stem(file, "pages/")).to_string();
                claim(file, &slug)?;
                let mut item: Page = find_any(tx, &slug)?.unwrap_or_default();
                let fresh = item.meta.id == 0;
                let aliases = front.aliases().to_vec();
                front.apply(&mut item, slug, body);
                let id = upsert(tx, self, item, fresh, &mut report).map_err(in_file(file))?;
                record_aliases(tx, Kind::Page, id, &aliases, &self.now_string()).map_err(in_file(file))?;
            }
            let mut slide_slugs = HashSet::new();
            for (i, (file, front, blurb)) in slides.into_iter().enumerate() {
                let base = stem(file, "slides/");
                let (number, rest) = base.split_once('-').unwrap_or(("", base));
                let number = number.parse::<i64>().ok();
                let slug = front.slug().unwrap_or(if number.is_some() { rest } else { base }).to_string();
                validate_slug(&slug).map_err(in_file(file))?;
                if !slide_slugs.insert(slug.clone()) {
                    return Err(err(file, format!("the slug `{slug}` is used by another slide in this import")));
                }
                let position = front.position.or(number).unwrap_or(i as i64 + 1);
                let mut item: Slide = find_any(tx, &slug)?.unwrap_or_default();
                let fresh = item.meta.id == 0;
                front.apply(&mut item, slug, blurb, position);
                upsert(tx, self, item, fresh, &mut report).map_err(in_file(file))?;
            }
            Ok(report)
        });
        if result.is_err() {
            remove_files(written);
        }
        result
    }

    /// Stores the files of `media` that are not in the library yet, noting each one written.
    fn write_blobs(&self, media: &[MediaFile<'_>], written: &mut Vec<PathBuf>) -> Result<()> {
        for m in media {
            let path = self.dir().join(crate::media::blob_path(&m.hash, m.name));
            if std::fs::symlink_metadata(&path).is_err() {
                self.write_blob(&m.hash, m.name, m.bytes)?;
                written.push(path);
            }
        }
        Ok(())
    }
}

fn remove_files(paths: Vec<PathBuf>) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

/// Finds an entity by key, in the trash or not; a trashed one is taken out of the trash.
fn find_any<T: Record>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let filter = format!("{} = '{}'", T::KIND.key_column(), key.replace('\'', "''"));
    let found: Option<T> = record::select(conn, &filter, "id")?.into_iter().next();
    if let Some(item) = &found {
        record::set_trashed(conn, T::KIND, item.meta().id, None)?;
    }
    Ok(found)
}

/// Keeps the old addresses a file lists, so that the build writes a redirect from each.
fn record_aliases(conn: &Connection, kind: Kind, id: i64, aliases: &[String], now: &str) -> Result<()> {
    for alias in aliases {
        let (section, slug) = split_old_address(alias)?;
        crate::address::keep(conn, kind, id, &slug, section.as_deref(), now)?;
    }
    Ok(())
}

/// Saves an entity and counts it; returns its id.
fn upsert<T: Record>(conn: &Connection, site: &Site, item: T, fresh: bool, report: &mut ImportReport) -> Result<i64> {
    let before = item.meta().version;
    let saved = save_in(conn, site, item, SaveMode::Explicit)?;
    if fresh {
        report.created += 1;
    } else if saved.meta().version != before {
        report.updated += 1;
    } else {
        report.unchanged += 1;
        crate::search::index(conn, &saved)?;
    }
    Ok(saved.meta().id)
}
