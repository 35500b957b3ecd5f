//! The trash: deleted entities stay restorable until it is emptied.

use rusqlite::Connection;
use serde::Serialize;

use crate::article::Article;
use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::page::Page;
use crate::record;
use crate::search;
use crate::site::Site;

/// Something in the trash.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
pub struct TrashItem {
    pub kind: Kind,
    pub id: i64,
    /// Slug, or name for media.
    pub key: String,
    pub deleted_at: String,
}

impl Site {
    /// Moves an entity to the trash. Its slug stays reserved so that it can be restored.
    pub fn trash(&self, kind: Kind, id: i64) -> Result<()> {
        self.write(|tx| {
            if !record::set_trashed(tx, kind, id, Some(&self.now_string()))? {
                return Err(StoreError::NotFound { kind: kind.label(), key: format!("#{id}") });
            }
            search::remove(tx, kind, id)
        })
    }

    /// Deletes an article or page that nobody has saved since it was created (version 1), with
    /// its history: a "New article" left without typing leaves nothing behind. Returns whether it
    /// was deleted; an item saved since, or of another kind, is kept.
    pub fn discard_untouched(&self, kind: Kind, id: i64) -> Result<bool> {
        if !matches!(kind, Kind::Article | Kind::Page) {
            return Ok(false);
        }
        self.write(|tx| {
            if !record::delete_untouched(tx, kind, id)? {
                return Ok(false);
            }
            forget(tx, kind, id)?;
            search::remove(tx, kind, id)?;
            Ok(true)
        })
    }

    /// Takes an entity out of the trash.
    pub fn restore_from_trash(&self, kind: Kind, id: i64) -> Result<()> {
        self.write(|tx| {
            if !record::set_trashed(tx, kind, id, None)? {
                return Err(StoreError::NotFound { kind: kind.label(), key: format!("#{id} in the trash") });
            }
            match kind {
                Kind::Article => search::index(tx, &record::get::<Article>(tx, id)?.expect("row exists"))?,
                Kind::Page => search::index(tx, &record::get::<Page>(tx, id)?.expect("row exists"))?,
                Kind::Slide | Kind::Media => {}
            }
            Ok(())
        })
    }

    /// What is in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashItem>> {
        let mut items = Vec::new();
        for kind in Kind::ALL {
            let rows = record::in_trash(&self.conn, kind)?;
            items.extend(rows.into_iter().map(|(id, key, deleted_at)| TrashItem { kind, id, key, deleted_at }));
        }
        items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
        Ok(items)
    }

    /// Deletes everything in the trash for good, with its history and unused media files.
    /// Returns how many entities were removed.
    pub fn empty_trash(&self) -> Result<usize> {
        let released = record::select::<crate::media::Media>(&self.conn, "deleted_at IS NOT NULL", "id")?
            .iter()
            .filter_map(|m| m.blob_path().ok())
            .collect::<Vec<_>>();
        let removed = self.write(|tx| {
            let mut removed = 0;
            for kind in Kind::ALL {
                for (id, ..) in record::in_trash(tx, kind)? {
                    forget(tx, kind, id)?;
                    record::delete(tx, kind, id)?;
                    removed += 1;
                }
            }
            Ok(removed)
        })?;
        self.remove_unused_blobs(&released)?;
        Ok(removed)
    }
}

/// Deletes what other tables keep of an entity deleted for good.
fn forget(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    crate::revision::forget(conn, kind, id)?;
    crate::address::forget(conn, kind, id)?;
    crate::usage::forget(conn, kind, id)
}
