//! Local saves become revisions: what changed since the last sync, every editing session in
//! order, compared with the revision the row was last synced at (a write that changed nothing
//! sends nothing).

use masthead_store::{Kind, Media, Site, synced_publish, synced_settings, synced_state, synced_targets};
use rusqlite::Connection;
use serde_json::Value;

use crate::db;
use crate::db::now;
use crate::error::store_err;
use crate::error::{Result, TeamError};
use crate::key::{TeamKey, random_id};
use crate::wire::Rev;

/// Turns every local save since the last sync into a revision.
pub(crate) fn collect_all(tx: &Connection, site: &Site, key: &TeamKey, author: &str) -> masthead_store::Result<()> {
    for (kind, id) in db::pending(tx).map_err(store_err)? {
        collect_one(tx, site, key, &kind, id, author).map_err(store_err)?;
    }
    Ok(())
}

/// The local state of one entity as a revision, if it changed since its last one.
pub(crate) fn collect_one(
    tx: &Connection,
    site: &Site,
    key: &TeamKey,
    kind: &str,
    id: i64,
    author: &str,
) -> Result<()> {
    let state = match kind {
        "settings" => Some((synced_settings(tx)?, false)),
        "targets" => Some((synced_targets(tx)?, false)),
        "publish" => synced_publish(tx, id)?.map(|data| (data, false)),
        _ => {
            let k = Kind::parse(kind).ok_or_else(|| TeamError::Invalid(format!("Unknown kind {kind}.")))?;
            synced_state(tx, k, id)?.map(|s| (s.data, s.trashed))
        }
    };
    let entity = db::entity_by_local(tx, kind, id)?;
    let base = match entity.as_ref().and_then(|(_, b)| b.as_deref()) {
        Some(b) => db::get_rev(tx, b)?,
        None => None,
    };
    // Deleted for good (the trash was emptied): to colleagues it stays in the trash.
    let (data, trashed) = match (state, &base) {
        (Some(state), _) => state,
        (None, Some(b)) => (b.data.clone(), true),
        (None, None) => return db::clear_pending(tx, kind, id),
    };
    if base.as_ref().is_some_and(|b| b.data == data && b.trashed == trashed) {
        return db::clear_pending(tx, kind, id);
    }
    let uid = match entity {
        Some((uid, _)) => uid,
        // One entity each, the same on every member.
        None if kind == "settings" || kind == "targets" => kind.to_string(),
        None => random_id()?,
    };
    // Every editing session saved since the last sync travels, in order, not only the last.
    let mut parent = base.as_ref().map(|b| b.rev.clone());
    let mut last_data = base.as_ref().map(|b| b.data.clone());
    let other = base.as_ref().and_then(|b| b.other.clone());
    for (snapshot, by, at) in db::sessions_since_sync(tx, kind, id)? {
        if Some(&snapshot) == last_data.as_ref() || snapshot == data {
            continue;
        }
        let blob = if kind == "media" { media_object(site, key, &snapshot) } else { None };
        let rev = Rev {
            uid: uid.clone(),
            kind: kind.into(),
            parents: parent.take().into_iter().collect(),
            data: snapshot.clone(),
            trashed: false,
            other: other.clone(),
            author: by,
            at,
            blob,
            rev: String::new(),
        }
        .with_id();
        db::insert_rev(tx, &rev, true)?;
        parent = Some(rev.rev);
        last_data = Some(snapshot);
    }
    let blob = if kind == "media" { Some(key.object_name(&media_bytes(site, &data)?)) } else { None };
    let parents = parent.into_iter().collect();
    let (author, at) = (author.to_string(), now());
    let rev = Rev {
        uid: uid.clone(),
        kind: kind.into(),
        parents,
        data,
        trashed,
        other,
        author,
        at,
        blob,
        rev: String::new(),
    }
    .with_id();
    db::insert_rev(tx, &rev, true)?;
    db::set_entity(tx, &uid, kind, id, &rev.rev)?;
    db::clear_pending(tx, kind, id)
}

/// The object name of an earlier version's media file, when that file is still here.
fn media_object(site: &Site, key: &TeamKey, data: &Value) -> Option<String> {
    media_bytes(site, data).ok().map(|bytes| key.object_name(&bytes))
}

/// The file of a media item, from its synced data.
pub(crate) fn media_bytes(site: &Site, data: &Value) -> Result<Vec<u8>> {
    let media: Media = serde_json::from_value(data.clone())
        .map_err(|e| TeamError::Invalid(format!("A media item cannot be read: {e}")))?;
    let path = site.media_file(&media)?;
    std::fs::read(&path).map_err(|e| {
        TeamError::Invalid(format!("The file of media item {} cannot be read ({}): {e}", media.name, path.display()))
    })
}
