//! What a build into a folder leaves in `SITE/cache/builds/`, so that the next build into it,
//! in a new process, can start where it stopped (see [`crate::delta`]): the articles without
//! their texts, and what the build's outputs shared.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use masthead_store::{Article, Meta, Site, Status};
use serde::{Deserialize, Serialize};

use crate::content::{ArticleCache, Content, Rest, Saved};
use crate::delta::{Last, same_place};
use crate::error::Result;
use crate::keys::Keys;
use crate::memo::Memo;
use crate::plan::BuildOptions;
use crate::plan::Outputs;
use crate::views::Views;

/// Bumped whenever the snapshot's layout changes.
const FORMAT: u32 = 2;

/// An article without its body, as the snapshot keeps it.
#[derive(Serialize, Deserialize)]
struct Stored {
    id: i64,
    version: i64,
    created_at: String,
    updated_at: String,
    updated_by: String,
    title: String,
    slug: String,
    summary: Option<String>,
    section: Option<String>,
    tags: Vec<String>,
    author: Option<String>,
    status: Status,
    date: Option<String>,
    image: Option<String>,
    image_alt: Option<String>,
    seo_title: Option<String>,
    seo_description: Option<String>,
    lang: Option<String>,
    event_start: Option<String>,
    event_end: Option<String>,
    location: Option<String>,
}

impl From<Article> for Stored {
    fn from(a: Article) -> Stored {
        // Every field named, so that a new one cannot be forgotten here.
        let Article {
            meta: Meta { id, version, created_at, updated_at, updated_by },
            title,
            slug,
            summary,
            body: _,
            section,
            tags,
            author,
            status,
            date,
            image,
            image_alt,
            seo_title,
            seo_description,
            lang,
            event_start,
            event_end,
            location,
        } = a;
        Stored {
            id,
            version,
            created_at,
            updated_at,
            updated_by,
            title,
            slug,
            summary,
            section,
            tags,
            author,
            status,
            date,
            image,
            image_alt,
            seo_title,
            seo_description,
            lang,
            event_start,
            event_end,
            location,
        }
    }
}

impl From<Stored> for Article {
    fn from(s: Stored) -> Article {
        let meta = Meta {
            id: s.id,
            version: s.version,
            created_at: s.created_at,
            updated_at: s.updated_at,
            updated_by: s.updated_by,
        };
        Article {
            meta,
            title: s.title,
            slug: s.slug,
            summary: s.summary,
            body: String::new(),
            section: s.section,
            tags: s.tags,
            author: s.author,
            status: s.status,
            date: s.date,
            image: s.image,
            image_alt: s.image_alt,
            seo_title: s.seo_title,
            seo_description: s.seo_description,
            lang: s.lang,
            event_start: s.event_start,
            event_end: s.event_end,
            location: s.location,
        }
    }
}

/// The snapshot of one build into one folder. On disk: the format (4 bytes), the manifest's
/// hash (32), the articles, then the rest ([`Tail`]), so that the articles can be encoded
/// while the build runs.
pub(crate) struct Snapshot {
    /// The hash of the folder's manifest after the build: a snapshot is good only for the
    /// folder as that build left it.
    manifest: [u8; 32],
    /// Every article not in the trash, in list order.
    articles: Vec<Stored>,
    tail: Tail,
}

#[derive(Serialize, Deserialize)]
struct Tail {
    now: i128,
    drafts: bool,
    global: [u8; 32],
    rest: [u8; 32],
    /// The media names each article of the build used.
    uses: Vec<(i64, Vec<String>)>,
}

/// The articles of a cache, encoded for a snapshot.
pub(crate) struct Encoded(Vec<u8>);

impl Snapshot {
    /// Where the snapshot of builds into `out` lives.
    pub(crate) fn path(site: &Site, out: &Path) -> PathBuf {
        let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
        let name = blake3::hash(out.as_os_str().as_encoded_bytes()).to_hex();
        site.cache_dir().join("builds").join(format!("{}.bin", &name[..16]))
    }

    /// The snapshot at `path`, when there is one this version can read.
    pub(crate) fn read(path: &Path) -> Option<Snapshot> {
        let bytes = std::fs::read(path).ok()?;
        let (format, rest) = bytes.split_first_chunk::<4>()?;
        let (manifest, rest) = rest.split_first_chunk::<32>()?;
        if u32::from_le_bytes(*format) != FORMAT {
            return None;
        }
        let (articles, rest) = postcard::take_from_bytes::<Vec<Stored>>(rest).ok()?;
        let tail = postcard::from_bytes::<Tail>(rest).ok()?;
        Some(Snapshot { manifest: *manifest, articles, tail })
    }

    /// The articles as the build saw them.
    pub(crate) fn article_cache(&mut self) -> ArticleCache {
        ArticleCache::from_articles(std::mem::take(&mut self.articles).into_iter().map(Article::from).collect())
    }

    /// Whether the next build can start from this snapshot: nothing but some articles changed
    /// (`saved`), in place, and the folder's manifest is the one the build left.
    pub(crate) fn usable(&self, saved: &Saved, rest: blake3::Hash, manifest: Option<blake3::Hash>) -> bool {
        let in_place = saved.removed.is_empty()
            && saved.changed.iter().all(|(old, new)| old.as_ref().is_some_and(|o| same_place(o, new)));
        in_place
            && self.tail.rest == *rest.as_bytes()
            && manifest.is_some_and(|m| *m.as_bytes() == self.manifest)
            && jiff::Timestamp::from_nanosecond(self.tail.now).is_ok()
    }

    /// What the build knew (see [`Snapshot::usable`]), rebuilt around the articles as it saw
    /// them, and the `outputs` of its manifest.
    pub(crate) fn restore(
        self,
        site: &Site,
        articles: &ArticleCache,
        saved: &Saved,
        rest: (&Rest, blake3::Hash),
        outputs: Outputs,
    ) -> Result<Last> {
        let mut before: HashMap<i64, &Article> =
            saved.changed.iter().filter_map(|(old, _)| old.as_ref().map(|o| (o.meta.id, o))).collect();
        let previous = articles.articles_with(|a| before.remove(&a.meta.id).cloned());
        let tail = self.tail;
        let now = jiff::Timestamp::from_nanosecond(tail.now).unwrap_or_default();
        let mut content = Content::load_with(site, now, tail.drafts, previous, rest.0.clone())?;
        content.article_uses = tail.uses.into_iter().collect();
        let global = blake3::Hash::from_bytes(tail.global);
        let keys = Keys::new(&Views::new(&content), &Memo::known(global, HashMap::new()));
        Ok(Last { content, keys, global, rest: rest.1, outputs })
    }

    /// The articles of `cache`, encoded (the bulk of a snapshot; it can be done beside a build).
    pub(crate) fn encode(cache: &ArticleCache) -> Encoded {
        let articles: Vec<Stored> = cache.articles_with(|_| None).into_iter().map(Stored::from).collect();
        Encoded(postcard::to_stdvec(&articles).unwrap_or_default())
    }

    /// Writes the snapshot of a build that left `last`, the `articles` and the manifest
    /// hashing to `manifest`.
    pub(crate) fn write(path: &Path, last: &Last, articles: Encoded, opts: &BuildOptions, manifest: blake3::Hash) {
        let tail = Tail {
            now: opts.now.as_nanosecond(),
            drafts: opts.drafts,
            global: *last.global.as_bytes(),
            rest: *last.rest.as_bytes(),
            uses: last.content.article_uses.iter().map(|(id, names)| (*id, names.clone())).collect(),
        };
        // A snapshot that cannot be written only makes the next build slower.
        let written = postcard::to_stdvec(&tail).ok().filter(|_| !articles.0.is_empty()).and_then(|tail| {
            let dir = path.parent()?;
            std::fs::create_dir_all(dir).ok()?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir).ok()?;
            for part in [&FORMAT.to_le_bytes()[..], manifest.as_bytes(), &articles.0, &tail] {
                std::io::Write::write_all(&mut tmp, part).ok()?;
            }
            tmp.persist(path).ok()
        });
        if written.is_none() {
            tracing::warn!(path = %path.display(), "could not write the build's snapshot");
        }
    }
}
