//! Which articles, pages and slides use which media items, kept up to date on every save so
//! that a media item in use is never deleted silently and the build knows what to publish.
//! The `media_uses` table is this module's.

use rusqlite::Connection;
use serde::Serialize;

use crate::article::Article;
use crate::error::Result;
use crate::kind::Kind;
use crate::page::Page;
use crate::record::{self, Record};
use crate::reference::validate_media_name;
use crate::site::Site;
use crate::slide::Slide;

/// One use of a media item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MediaUse {
    pub kind: Kind,
    pub entity_id: i64,
    /// The media item's name.
    pub name: String,
    /// Where: `image`, `body`, `link`.
    pub field: String,
}

/// The media names referenced in a text (`media:name` anywhere: links, images, blocks).
pub fn media_names_in(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .match_indices("media:")
        .filter_map(|(i, _)| {
            let rest = &text[i + 6..];
            let end = rest
                .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'))
                .unwrap_or(rest.len());
            let name = rest[..end].trim_end_matches('.');
            validate_media_name(name).is_ok().then_some(name)
        })
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Replaces the recorded uses of one entity.
pub(crate) fn record_uses<T: Record>(conn: &Connection, item: &T) -> Result<()> {
    let (kind, id) = (T::KIND.as_str(), item.meta().id);
    conn.execute("DELETE FROM media_uses WHERE kind = ? AND entity_id = ?", (kind, id))?;
    let mut insert =
        conn.prepare_cached("INSERT OR IGNORE INTO media_uses (kind, entity_id, name, field) VALUES (?, ?, ?, ?)")?;
    for (field, text) in item.media_fields() {
        for name in media_names_in(text) {
            insert.execute((kind, id, name, field))?;
        }
    }
    Ok(())
}

/// Deletes the recorded uses of an entity (it is deleted for good).
pub(crate) fn forget(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    conn.execute("DELETE FROM media_uses WHERE kind = ? AND entity_id = ?", (kind.as_str(), id))?;
    Ok(())
}

/// Fills the table for a database made before it existed.
pub(crate) fn backfill_uses(conn: &Connection) -> Result<()> {
    fn all<T: Record>(conn: &Connection) -> Result<()> {
        for item in record::select::<T>(conn, "1", "id")? {
            record_uses(conn, &item)?;
        }
        Ok(())
    }
    all::<Article>(conn)?;
    all::<Page>(conn)?;
    all::<Slide>(conn)
}

impl Site {
    /// Every recorded use of a media item, by articles, pages and slides (trashed ones too),
    /// by entity (the table's own order, so no sorting).
    pub fn media_uses(&self) -> Result<Vec<MediaUse>> {
        self.uses_where("1", &[])
    }

    /// [`Site::media_uses`] by every kind but `kind` (a build that knows its articles' uses
    /// reads only the few others).
    pub fn media_uses_besides(&self, kind: Kind) -> Result<Vec<MediaUse>> {
        // (`IN` walks only those kinds' part of the table's key; `!=` would walk all of it.)
        let others: Vec<&str> = Kind::ALL.into_iter().filter(|k| *k != kind).map(Kind::as_str).collect();
        self.uses_where(&format!("kind IN ({})", vec!["?"; others.len()].join(", ")), &others)
    }

    fn uses_where(&self, filter: &str, params: &[&str]) -> Result<Vec<MediaUse>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT kind, entity_id, name, field FROM media_uses WHERE {filter} ORDER BY kind, entity_id, name, field"
        ))?;
        let params = rusqlite::params_from_iter(params);
        let rows = stmt.query_map(params, |r| {
            let kind: String = r.get(0)?;
            Ok(MediaUse {
                kind: Kind::parse(&kind).unwrap_or(Kind::Article),
                entity_id: r.get(1)?,
                name: r.get(2)?,
                field: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The media names that each of these entities uses, by id (sorted, once each).
    pub fn media_uses_of(&self, kind: Kind, ids: &[i64]) -> Result<std::collections::HashMap<i64, Vec<String>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT name FROM media_uses WHERE kind = ? AND entity_id = ? ORDER BY name")?;
        let mut uses = std::collections::HashMap::with_capacity(ids.len());
        for id in ids {
            let names = stmt.query_map((kind.as_str(), id), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            uses.insert(*id, names);
        }
        Ok(uses)
    }
}

impl Site {
    /// Who uses a media item now (trashed entities do not count): (`kind:slug`, field), and
    /// (`site`, field) for the site settings' pictures.
    pub fn media_users(&self, name: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, entity_id, field FROM media_uses WHERE name = ? ORDER BY kind, field")?;
        let rows =
            stmt.query_map([name], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?)))?;
        let mut users = vec![];
        for row in rows {
            let (kind, id, field) = row?;
            // Trashed entities (and any kind without a table) do not count.
            let Some(k) = Kind::parse(&kind) else { continue };
            if record::trashed(&self.conn, k, id)? == Some(false)
                && let Some(slug) = record::key_of(&self.conn, k, id)?
            {
                users.push((kind, slug, field));
            }
        }
        users.sort();
        let mut users: Vec<(String, String)> =
            users.into_iter().map(|(kind, slug, field)| (format!("{kind}:{slug}"), field)).collect();
        // The site settings' pictures (logo, favicon, social image, partner logos).
        let st = self.settings()?;
        let partners = st.partners.iter().filter_map(|p| p.logo.as_ref().map(|l| ("partners", l)));
        let fields = [("logo", &st.logo), ("favicon", &st.favicon), ("social_image", &st.social_image)];
        for (field, value) in fields.into_iter().filter_map(|(f, v)| v.as_ref().map(|v| (f, v))).chain(partners) {
            if media_names_in(value).contains(&name) && !users.iter().any(|(e, f)| e == "site" && f == field) {
                users.push(("site".into(), field.into()));
            }
        }
        Ok(users)
    }

    /// Moves a media item to the trash, unless something still uses it.
    pub fn remove_media(&self, name: &str) -> Result<()> {
        let media: crate::media::Media = self
            .find(name)?
            .ok_or_else(|| crate::error::StoreError::NotFound { kind: Kind::Media.label(), key: name.to_string() })?;
        let users = self.media_users(name)?;
        if !users.is_empty() {
            return Err(crate::error::StoreError::Invalid(format!(
                "“{name}” is still used by {}. Remove it from those first.",
                users.iter().map(|(who, field)| format!("{who} ({field})")).collect::<Vec<_>>().join(", ")
            )));
        }
        self.trash(Kind::Media, media.meta.id)
    }
}

#[cfg(test)]
mod tests {
    use super::media_names_in;

    #[test]
    fn finds_references_in_any_text() {
        let text = "![a](media:photo.jpg) and [b](media:report.pdf).\n```download\nfile: media:report.pdf\n```\nmedia:../x media:Bad.PNG";
        assert_eq!(media_names_in(text), ["photo.jpg", "report.pdf"]);
    }
}
