//! Reading and saving entities.

use rusqlite::Connection;
use serde_json::Value;

use crate::article::Article;
use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::meta::Meta;
use crate::record::{self, Record, Stamp};
use crate::revision::{SaveMode, record_revision};
use crate::settings::{self, Settings};

use crate::site::Site;
use crate::slug::{slugify, unique_slug, validate_slug};
use crate::time::{parse_date, time_zone};

impl Site {
    /// Loads an entity by id; trashed ones are not found.
    pub fn get<T: Record>(&self, id: i64) -> Result<T> {
        let found: Option<T> = record::get(&self.conn, id)?;
        let trashed = self.is_trashed(T::KIND, id)?;
        found.filter(|_| !trashed).ok_or_else(|| StoreError::NotFound { kind: T::KIND.label(), key: format!("#{id}") })
    }

    /// Loads an entity by slug (name for media); trashed ones are not found.
    pub fn find<T: Record>(&self, key: &str) -> Result<Option<T>> {
        find_in(&self.conn, key)
    }

    /// Every entity of a kind that is not in the trash, in its natural order: articles newest
    /// first, slides by position, pages by title, media by name.
    pub fn list<T: Record>(&self) -> Result<Vec<T>> {
        record::select(&self.conn, "deleted_at IS NULL", natural_order(T::KIND))
    }

    /// As [`Site::list`], with large fields (an article's body) left empty: for builds that
    /// only need the bodies of what changed (see [`Site::bodies`]).
    pub fn list_light<T: Record>(&self) -> Result<Vec<T>> {
        record::select_light(&self.conn, "deleted_at IS NULL", natural_order(T::KIND))
    }

    /// As [`Site::list_light`], only the entities with these ids (in list order).
    pub fn list_light_by_ids<T: Record>(&self, ids: &[i64]) -> Result<Vec<T>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
        let filter = format!("deleted_at IS NULL AND id IN ({})", ids.join(","));
        record::select_light(&self.conn, &filter, natural_order(T::KIND))
    }

    /// What tells one saved state of each article not in the trash from another, in list
    /// order: for caches of articles, which then re-read only those that changed.
    pub fn article_stamps(&self) -> Result<Vec<Stamp>> {
        record::stamps(&self.conn, Kind::Article, "deleted_at IS NULL", natural_order(Kind::Article))
    }

    /// The bodies of the articles or pages with these ids.
    pub fn bodies(&self, kind: Kind, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
        record::bodies(&self.conn, kind, ids)
    }

    /// Saves an entity: inserts it when its id is 0, else updates it if it is still at the
    /// version it carries. Returns it as stored (with its slug, id and new version).
    pub fn save<T: Record>(&self, item: &T, mode: SaveMode) -> Result<T> {
        self.write(|tx| save_in(tx, self, item.clone(), mode))
    }

    pub(crate) fn is_trashed(&self, kind: Kind, id: i64) -> Result<bool> {
        Ok(record::trashed(&self.conn, kind, id)?.unwrap_or(false))
    }
}

fn natural_order(kind: Kind) -> &'static str {
    match kind {
        Kind::Article => "date_utc IS NULL, date_utc DESC, id DESC",
        Kind::Slide => "position, id",
        Kind::Page => "title COLLATE NOCASE, id",
        Kind::Media => "name",
    }
}

pub(crate) fn find_in<T: Record>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let filter = format!("{} = '{}' AND deleted_at IS NULL", T::KIND.key_column(), key.replace('\'', "''"));
    Ok(record::select(conn, &filter, "id")?.into_iter().next())
}

/// Whether `key` is used by another entity of the kinds that share `kind`'s namespace
/// (articles and pages share one, because both are served from the site root down).
pub(crate) fn key_taken(conn: &Connection, kind: Kind, key: &str, except_id: i64) -> Result<Option<Kind>> {
    let scope: &[Kind] = match kind {
        Kind::Article | Kind::Page => &[Kind::Article, Kind::Page],
        other => std::slice::from_ref(match other {
            Kind::Slide => &Kind::Slide,
            _ => &Kind::Media,
        }),
    };
    for &k in scope {
        // Ids are 1 and up: 0 excepts nothing.
        let except = if k == kind { except_id } else { 0 };
        if record::key_used(conn, k, key, except)? {
            return Ok(Some(k));
        }
    }
    Ok(None)
}

/// The entity's content without its bookkeeping, to tell whether a save changes anything.
pub(crate) fn content_of<T: Record>(item: &T) -> Value {
    let mut copy = item.clone();
    *copy.meta_mut() = Meta::default();
    serde_json::to_value(copy).expect("records serialise")
}

pub(crate) fn save_in<T: Record>(conn: &Connection, site: &Site, mut item: T, mode: SaveMode) -> Result<T> {
    let settings = settings::stored(conn)?;
    let tz = time_zone(&settings.timezone)?;
    let derived = item.validate(&tz)?;
    let kind = T::KIND;
    let id = item.meta().id;
    let now = site.now_string();
    let current: Option<T> = if id == 0 { None } else { record::get(conn, id)? };
    let taken_error = |key: &str, by: Kind| {
        StoreError::Invalid(format!(
            "The {} “{key}” is already used by another {}. Choose a different one.",
            if kind == Kind::Media { "name" } else { "slug" },
            by.as_str()
        ))
    };
    let new_meta = match &current {
        None if id != 0 => return Err(StoreError::NotFound { kind: kind.label(), key: format!("#{id}") }),
        None => {
            if item.key().is_empty() {
                let base = slugify(item.key_source());
                let key = unique_slug(&base, |s| Ok(key_taken(conn, kind, s, 0)?.is_some()))?;
                item.set_key(key);
            } else {
                if kind != Kind::Media {
                    validate_slug(item.key())?;
                }
                if let Some(by) = key_taken(conn, kind, item.key(), 0)? {
                    return Err(taken_error(item.key(), by));
                }
            }
            Meta { id: 0, version: 1, created_at: now.clone(), updated_at: now, updated_by: site.author.clone() }
        }
        Some(current) => {
            if record::trashed(conn, kind, id)? == Some(true) {
                return Err(StoreError::Invalid(format!(
                    "{} “{}” is in the trash; restore it before editing it.",
                    kind.label(),
                    current.key()
                )));
            }
            let cm = current.meta();
            if cm.version != item.meta().version {
                return Err(StoreError::Conflict {
                    kind: kind.label(),
                    slug: current.key().to_string(),
                    by: cm.updated_by.clone(),
                    at: cm.updated_at.clone(),
                });
            }
            if item.key().is_empty() {
                item.set_key(current.key().to_string());
            } else if item.key() != current.key() {
                if kind != Kind::Media {
                    validate_slug(item.key())?;
                }
                if let Some(by) = key_taken(conn, kind, item.key(), id)? {
                    return Err(taken_error(item.key(), by));
                }
            }
            if content_of(&item) == content_of(current) {
                if mode == SaveMode::Explicit {
                    crate::revision::close_session(conn, kind, id)?;
                }
                return Ok(current.clone());
            }
            Meta {
                id,
                version: cm.version + 1,
                created_at: cm.created_at.clone(),
                updated_at: now,
                updated_by: site.author.clone(),
            }
        }
    };
    if let Some((slug, section)) = current.as_ref().and_then(|c| c.address())
        && item.address().is_none_or(|new| new != (slug, section))
    {
        crate::address::keep(conn, kind, id, slug, section, &new_meta.updated_at)?;
    }
    *item.meta_mut() = new_meta;
    let cols = record::columns(&item, derived)?;
    if id == 0 {
        item.meta_mut().id = record::insert(conn, kind, &cols)?;
    } else {
        record::update(conn, kind, id, &cols)?;
    }
    record_revision(conn, site, &item, mode)?;
    crate::search::index(conn, &item)?;
    crate::usage::record_uses(conn, &item)?;
    Ok(item)
}

/// Recomputes the stored sort dates after the site's time zone changed.
pub(crate) fn refresh_dates(conn: &Connection, settings: &Settings) -> Result<()> {
    let tz = time_zone(&settings.timezone)?;
    let articles: Vec<Article> = record::select(conn, "date IS NOT NULL", "id")?;
    for a in articles {
        let ts = parse_date(a.date.as_deref().unwrap_or_default(), &tz)?;
        record::update(conn, Kind::Article, a.meta.id, &[("date_utc".into(), ts.as_second().into())])?;
    }
    Ok(())
}
