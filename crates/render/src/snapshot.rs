//! What a build into a folder leaves in `SITE/cache/builds/`, so that the next build into it,
//! in a new process, can start where it stopped (see [`crate::delta`]): the articles without
//! their texts, and what the build's outputs shared.
//!
//! Two files: `NAME.base` holds every article as some build saw them (a few MB on a large
//! site) and is written again only when many have been saved since; `NAME.bin` is small and
//! written after every build: the base it goes with, the articles saved since the base, the
//! list order and what the build's outputs shared. A build after one edit so writes a few KB.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use masthead_store::{Article, Meta, Site, Status};
use serde::{Deserialize, Serialize};

use crate::FastMap;
use crate::content::{ArticleCache, Content, Rest, Saved};
use crate::delta::{Last, same_place};
use crate::error::Result;
use crate::keys::Keys;
use crate::memo::Memo;
use crate::plan::BuildOptions;
use crate::plan::Outputs;
use crate::views::Views;

/// Bumped whenever the snapshot's layout changes.
const FORMAT: u32 = 3;

/// More articles saved since the base than this and the base is written again.
const MAX_DELTA: usize = 256;

/// An article without its body, as the snapshot keeps it.
#[derive(Default, Serialize, Deserialize)]
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

/// The base's articles, read into a vector made at its full length at once (serde's own
/// reading grows it step by step, moving every article each time). The length it states is
/// trusted up to 65,536 articles (about 30 MB) only: the base is checked against the hash in
/// the small file, but both are files anyone could have written.
struct AllStored(Vec<Stored>);

impl<'de> Deserialize<'de> for AllStored {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<AllStored, D::Error> {
        struct Seq;
        impl<'de> serde::de::Visitor<'de> for Seq {
            type Value = AllStored;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("articles")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<AllStored, A::Error> {
                let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
                while let Some(a) = seq.next_element()? {
                    all.push(a);
                }
                Ok(AllStored(all))
            }
        }
        d.deserialize_seq(Seq)
    }
}

/// The snapshot of one build into one folder.
pub(crate) struct Snapshot {
    /// The hash of the folder's manifest after the build: a snapshot is good only for the
    /// folder as that build left it.
    manifest: [u8; 32],
    /// Every article not in the trash, in list order.
    articles: Vec<Article>,
    /// Their ids, in the list order of the build (later saves may have moved some).
    order: Vec<i64>,
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

/// The small file: everything but the base's articles.
#[derive(Serialize, Deserialize)]
struct Head {
    /// The hash of the base's articles (see [`Base`]).
    base: [u8; 32],
    /// The articles' ids in list order.
    order: Vec<i64>,
    /// The articles saved since the base was written, as the build saw them.
    delta: Vec<Stored>,
    tail: Tail,
}

/// The base a builder's snapshots go with, and what was saved since it was written.
#[derive(Default)]
pub(crate) struct Base {
    id: [u8; 32],
    /// The ids of the articles saved since (their current version goes in the small file).
    pub(crate) saved: HashSet<i64>,
    /// The small file as read or last written (it is not written again unchanged).
    head: Vec<u8>,
}

fn base_path(path: &Path) -> PathBuf {
    path.with_extension("base")
}

/// Writes `parts` to `path` through a temporary file, so that a reader sees the old file or the
/// new one, never a part.
fn write_whole(path: &Path, parts: &[&[u8]]) -> Option<()> {
    let dir = path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).ok()?;
    for part in parts {
        std::io::Write::write_all(&mut tmp, part).ok()?;
    }
    tmp.persist(path).ok().map(|_| ())
}

impl Snapshot {
    /// Where the snapshot of builds into `out` lives.
    pub(crate) fn path(site: &Site, out: &Path) -> PathBuf {
        let out = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
        let name = blake3::hash(out.as_os_str().as_encoded_bytes()).to_hex();
        site.cache_dir().join("builds").join(format!("{}.bin", &name[..16]))
    }

    /// The snapshot at `path` and the base it goes with, when there is one this version can
    /// read and its two files belong together.
    pub(crate) fn read(path: &Path) -> Option<(Snapshot, Base)> {
        let bytes = std::fs::read(path).ok()?;
        let (format, rest) = bytes.split_first_chunk::<4>()?;
        let (manifest, rest) = rest.split_first_chunk::<32>()?;
        if u32::from_le_bytes(*format) != FORMAT {
            return None;
        }
        let head: Head = postcard::from_bytes(rest).ok()?;
        let based = std::fs::read(base_path(path)).ok()?;
        let (format, stored) = based.split_first_chunk::<4>()?;
        if u32::from_le_bytes(*format) != FORMAT || *blake3::hash(stored).as_bytes() != head.base {
            return None;
        }
        // The base's articles and the delta's, each moved once into its place in list order
        // (an article is a few hundred bytes, and there are thousands: every vector made at
        // its length, none through a map).
        let saved: HashSet<i64> = head.delta.iter().map(|a| a.id).collect();
        let (mut all, mut delta) = (postcard::from_bytes::<AllStored>(stored).ok()?.0, head.delta);
        let mut at: FastMap<i64, usize> =
            HashMap::with_capacity_and_hasher(all.len() + delta.len(), Default::default());
        for (i, a) in all.iter().chain(&delta).enumerate() {
            // (Later entries win: the delta's version of an article.)
            at.insert(a.id, i);
        }
        let mut articles = Vec::with_capacity(head.order.len().min(all.len() + delta.len()));
        for id in &head.order {
            let i = *at.get(id)?;
            let a = std::mem::take(if i < all.len() { &mut all[i] } else { delta.get_mut(i - all.len())? });
            // (Taken already, so left empty: the order names an article twice.)
            if a.id != *id {
                return None;
            }
            articles.push(Article::from(a));
        }
        let manifest = *manifest;
        let base = Base { id: head.base, saved, head: bytes };
        Some((Snapshot { manifest, articles, order: head.order, tail: head.tail }, base))
    }
    /// The articles as the build saw them.
    pub(crate) fn article_cache(&mut self) -> ArticleCache {
        ArticleCache::from_articles(std::mem::take(&mut self.articles))
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
        let started = std::time::Instant::now();
        let lap = |what: &str| tracing::trace!(ms = started.elapsed().as_secs_f64() * 1000.0, "restore: {what}");
        let before: HashMap<i64, &Article> =
            saved.changed.iter().filter_map(|(old, _)| old.as_ref().map(|o| (o.meta.id, o))).collect();
        let mut previous = articles.articles_with(|a| before.get(&a.meta.id).map(|o| (*o).clone()));
        // In the order the build saw them: a date saved since may have moved one.
        let place: FastMap<i64, usize> = self.order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        previous.sort_by_cached_key(|a| place.get(&a.meta.id).copied().unwrap_or(usize::MAX));
        let tail = self.tail;
        let now = jiff::Timestamp::from_nanosecond(tail.now).unwrap_or_default();
        lap("articles");
        let content = Content::load_with(
            site,
            now,
            tail.drafts,
            previous,
            rest.0.clone(),
            Some(tail.uses.into_iter().collect()),
        )?;
        lap("content");
        let global = blake3::Hash::from_bytes(tail.global);
        let keys = Keys::new(&Views::new(&content), &Memo::known(global, Default::default()));
        lap("keys");
        Ok(Last { content, keys, global, rest: rest.1, outputs })
    }

    /// Writes the snapshot of a build that left `last`, the articles of `cache` and the
    /// manifest hashing to `manifest`; and the base first, when there is none or many articles
    /// were saved since it was written.
    pub(crate) fn write(
        path: &Path,
        last: &Last,
        cache: &ArticleCache,
        base: &mut Option<Base>,
        opts: &BuildOptions,
        manifest: blake3::Hash,
    ) {
        let written = Snapshot::write_parts(path, last, cache, base, opts, manifest);
        if written.is_none() {
            // A snapshot that cannot be written only makes the next build slower.
            tracing::warn!(path = %path.display(), "could not write the build's snapshot");
            *base = None;
        }
    }

    fn write_parts(
        path: &Path,
        last: &Last,
        cache: &ArticleCache,
        base: &mut Option<Base>,
        opts: &BuildOptions,
        manifest: blake3::Hash,
    ) -> Option<()> {
        let stored = |id: &i64| cache.get(*id).cloned().map(Stored::from);
        if base.as_ref().is_none_or(|b| b.saved.len() > MAX_DELTA) {
            let articles: Vec<Stored> = cache.order().iter().filter_map(stored).collect();
            let bytes = postcard::to_stdvec(&articles).ok()?;
            let id = *blake3::hash(&bytes).as_bytes();
            write_whole(&base_path(path), &[&FORMAT.to_le_bytes(), &bytes])?;
            *base = Some(Base { id, ..Base::default() });
        }
        let base = base.as_mut()?;
        let mut saved: Vec<&i64> = base.saved.iter().collect();
        saved.sort_unstable();
        let mut tail = Tail {
            now: opts.now.as_nanosecond(),
            drafts: opts.drafts,
            global: *last.global.as_bytes(),
            rest: *last.rest.as_bytes(),
            uses: last.content.article_uses.iter().map(|(id, names)| (*id, names.clone())).collect(),
        };
        tail.uses.sort_unstable();
        let head = Head {
            base: base.id,
            order: cache.order().to_vec(),
            delta: saved.into_iter().filter_map(stored).collect(),
            tail,
        };
        let mut bytes = FORMAT.to_le_bytes().to_vec();
        bytes.extend_from_slice(manifest.as_bytes());
        bytes.extend_from_slice(&postcard::to_stdvec(&head).ok()?);
        if bytes != base.head {
            write_whole(path, &[&bytes])?;
            base.head = bytes;
        }
        Some(())
    }
}
