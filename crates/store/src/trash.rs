//! The trash: deleted entities stay restorable until it is emptied.

use serde::Serialize;

use crate::article::Article;
use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::page::Page;
use crate::record;
use crate::save::index;
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
            let sql = format!("UPDATE {} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", kind.table());
            if tx.execute(&sql, (self.now_string(), id))? == 0 {
                return Err(StoreError::NotFound { kind: kind.label(), key: format!("#{id}") });
            }
            if let Some(rowid) = crate::save::search_rowid(kind, id) {
                tx.execute("DELETE FROM search WHERE rowid = ?", [rowid])?;
            }
            Ok(())
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
            let table = kind.table();
            let sql = format!("DELETE FROM {table} WHERE id = ? AND version = 1 AND deleted_at IS NULL");
            if tx.execute(&sql, [id])? == 0 {
                return Ok(false);
            }
            for history in ["revisions", "old_addresses", "media_uses"] {
                tx.execute(&format!("DELETE FROM {history} WHERE kind = ? AND entity_id = ?"), (kind.as_str(), id))?;
            }
            if let Some(rowid) = crate::save::search_rowid(kind, id) {
                tx.execute("DELETE FROM search WHERE rowid = ?", [rowid])?;
            }
            Ok(true)
        })
    }

    /// Takes an entity out of the trash.
    pub fn restore_from_trash(&self, kind: Kind, id: i64) -> Result<()> {
        self.write(|tx| {
            let sql = format!("UPDATE {} SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL", kind.table());
            if tx.execute(&sql, [id])? == 0 {
                return Err(StoreError::NotFound { kind: kind.label(), key: format!("#{id} in the trash") });
            }
            match kind {
                Kind::Article => index(tx, &record::get::<Article>(tx, id)?.expect("row exists"))?,
                Kind::Page => index(tx, &record::get::<Page>(tx, id)?.expect("row exists"))?,
                Kind::Slide | Kind::Media => {}
            }
            Ok(())
        })
    }

    /// What is in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<TrashItem>> {
        let mut items = Vec::new();
        for kind in Kind::ALL {
            let sql = format!(
                "SELECT id, {}, deleted_at FROM {} WHERE deleted_at IS NOT NULL",
                kind.key_column(),
                kind.table()
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let rows =
                stmt.query_map([], |r| Ok(TrashItem { kind, id: r.get(0)?, key: r.get(1)?, deleted_at: r.get(2)? }))?;
            items.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
        Ok(items)
    }

    /// Deletes everything in the trash for good, with its history and unused media files.
    /// Returns how many entities were removed.
    pub fn empty_trash(&self) -> Result<usize> {
        let released = crate::record::select::<crate::media::Media>(&self.conn, "deleted_at IS NOT NULL", "id")?
            .iter()
            .filter_map(|m| m.blob_path().ok())
            .collect::<Vec<_>>();
        let removed = self.write(|tx| {
            let mut removed = 0;
            for kind in Kind::ALL {
                let table = kind.table();
                for history in ["revisions", "old_addresses", "media_uses"] {
                    tx.execute(
                        &format!("DELETE FROM {history} WHERE kind = ? AND entity_id IN (SELECT id FROM {table} WHERE deleted_at IS NOT NULL)"),
                        [kind.as_str()],
                    )?;
                }
                removed += tx.execute(&format!("DELETE FROM {table} WHERE deleted_at IS NOT NULL"), [])?;
            }
            Ok(removed)
        })?;
        self.remove_unused_blobs(&released)?;
        Ok(removed)
    }
}
