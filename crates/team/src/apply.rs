//! Merging: every entity with revisions its local row is not at has its heads folded into one
//! revision (fast-forward, the same content, or a three-way merge from the nearest common
//! revision; a conflict keeps the other version beside the current one), and that revision is
//! written to the local store.

use std::collections::{HashMap, HashSet};

use masthead_store::{
    Kind, Site, apply_synced, apply_synced_publish, apply_synced_settings, apply_synced_targets,
    record_synced_revision, synced_state,
};
use rusqlite::Connection;
use serde_json::Value;

use crate::collect::collect_one;
use crate::db;
use crate::db::now;
use crate::error::store_err;
use crate::error::{Result, TeamError};
use crate::key::TeamKey;
use crate::merge::{Merged, merge_data};
use crate::report::SyncReport;
use crate::wire::Rev;

/// Every revision `rev` was made from, itself included.
pub(crate) fn ancestors(graph: &HashMap<String, (Vec<String>, i64)>, rev: &str) -> HashSet<String> {
    let mut seen = HashSet::new();
    let mut todo = vec![rev.to_string()];
    while let Some(r) = todo.pop() {
        if seen.insert(r.clone())
            && let Some((parents, _)) = graph.get(&r)
        {
            todo.extend(parents.iter().cloned());
        }
    }
    seen
}

/// Brings one entity's heads together into one revision and writes it to the local store.
pub(crate) fn merge_entity(
    tx: &Connection,
    site: &Site,
    key: &TeamKey,
    uid: &str,
    author: &str,
    report: &mut SyncReport,
) -> masthead_store::Result<()> {
    merge_entity_inner(tx, site, key, uid, author, report).map_err(store_err)
}

fn merge_entity_inner(
    tx: &Connection,
    site: &Site,
    key: &TeamKey,
    uid: &str,
    author: &str,
    report: &mut SyncReport,
) -> Result<()> {
    let mut entity = db::entity_by_uid(tx, uid)?;
    // Saved here since this sync began: that save becomes a revision first, and takes part.
    if let Some((kind, local, _)) = &entity
        && db::is_pending(tx, kind, *local)?
    {
        collect_one(tx, site, key, kind, *local, author)?;
        entity = db::entity_by_uid(tx, uid)?;
    }
    let base = entity.as_ref().and_then(|(_, _, b)| b.clone());
    let mut graph = db::graph(tx, uid)?;
    // A revision whose parent is not here yet (a colleague's merge read before the versions it
    // merged, when a read of their writer's log failed or raced): merging now would pass over
    // those versions for good, and they would never reach this member's history. The entity
    // waits for the sync that brings them.
    if graph.values().flat_map(|(parents, _)| parents).any(|p| !graph.contains_key(p)) {
        tracing::info!("team sync: {uid} waits for revisions it was made from");
        return Ok(());
    }
    let mut heads = db::heads(tx, uid)?;
    heads.sort_by_key(|h| (Some(h) != base.as_ref(), std::cmp::Reverse(graph.get(h).map_or(0, |g| g.1)), h.clone()));
    let Some(mut current) = heads.first().cloned() else { return Ok(()) };
    for head in &heads[1..] {
        current = merge_two(tx, &mut graph, &current, head, base.as_deref(), author, report)?;
    }
    if Some(&current) == base.as_ref() {
        return Ok(());
    }
    let rev = db::get_rev(tx, &current)?.expect("a head is stored");
    let local = entity.as_ref().map(|(_, id, _)| *id);
    // The settings, the targets and the publish history: no row of a record, no history.
    let shared = match rev.kind.as_str() {
        "settings" => Some(apply_synced_settings(tx, &rev.data, &rev.at).map(|()| 1)?),
        "targets" => {
            let team_target = db::me(tx)?.map(|m| m.target).unwrap_or_default();
            Some(apply_synced_targets(tx, &rev.data, &team_target, &rev.at).map(|()| 1)?)
        }
        "publish" => Some(apply_synced_publish(tx, &rev.data)?),
        _ => None,
    };
    if let Some(id) = shared {
        db::set_entity(tx, uid, &rev.kind, id, &rev.rev)?;
        return db::clear_pending(tx, &rev.kind, id);
    }
    let kind = Kind::parse(&rev.kind).ok_or_else(|| {
        TeamError::Invalid(format!(
            "It is a kind of item this Masthead does not know (“{}”), from a colleague's newer Masthead; update Masthead on this computer and the next sync brings it in.",
            rev.kind
        ))
    })?;
    let (data, renamed) = settle_key(tx, kind, uid, local, &rev.data, author)?;
    // Colleagues' versions passed over on the way (several saves since the last sync, the
    // version kept beside a conflict) go into the local history too: nothing is lost.
    let before = base.as_deref().map(|b| ancestors(&graph, b)).unwrap_or_default();
    let mut passed: Vec<Rev> = vec![];
    for id in ancestors(&graph, &current).difference(&before) {
        if let Some(r) = db::get_rev(tx, id)?
            && r.rev != rev.rev
            && !db::is_mine(tx, &r.rev)?
            && (r.data != rev.data || r.trashed != rev.trashed)
        {
            passed.push(r);
        }
    }
    passed.sort_by_key(|r| (graph.get(&r.rev).map_or(0, |g| g.1), r.at.clone(), r.rev.clone()));
    passed.dedup_by(|a, b| a.data == b.data);
    if let Some(id) = local {
        for r in &passed {
            record_synced_revision(tx, kind, id, &r.data, &r.author, &r.at)?;
        }
    }
    let applied = apply_synced(tx, kind, local, &data, rev.trashed, &rev.author, &rev.at)?;
    if local.is_none() && !passed.is_empty() {
        for r in &passed {
            record_synced_revision(tx, kind, applied.id, &r.data, &r.author, &r.at)?;
        }
        // The current version stays the newest entry of the history.
        record_synced_revision(tx, kind, applied.id, &rev.data, &rev.author, &rev.at)?;
    }
    db::set_entity(tx, uid, &rev.kind, applied.id, &rev.rev)?;
    if !applied.renamed && !renamed {
        // The write above is the colleague's, not a local edit to send back.
        db::clear_pending(tx, &rev.kind, applied.id)?;
    }
    db::clear_sessions(tx, &rev.kind, applied.id)?;
    Ok(())
}

/// The slug (media: name) with a part of the uid added, the same on every member.
fn key_with_uid(kind: Kind, key: &str, uid: &str) -> String {
    let tag = &uid[..uid.len().min(6)];
    match (kind, key.rsplit_once('.')) {
        (Kind::Media, Some((stem, ext))) => format!("{stem}-{tag}.{ext}"),
        _ => format!("{key}-{tag}"),
    }
}

/// When a colleague's entity arrives with a slug (or media name) another entity here has — both
/// made "Contact" offline — the one with the larger uid gets the uid's start added to its key,
/// here and on every member alike, so that the renames agree. Returns the data to write, and
/// whether it was renamed (the rename then travels as a local edit).
fn settle_key(
    tx: &Connection,
    kind: Kind,
    uid: &str,
    local: Option<i64>,
    data: &Value,
    author: &str,
) -> Result<(Value, bool)> {
    let field = if kind == Kind::Media { "name" } else { "slug" };
    let Some(key) = data.get(field).and_then(Value::as_str) else { return Ok((data.clone(), false)) };
    let namespace: &[Kind] = match kind {
        Kind::Article | Kind::Page => &[Kind::Article, Kind::Page],
        _ => std::slice::from_ref(&kind),
    };
    for &other_kind in namespace {
        let Some(other_id) = masthead_store::local_id_of(tx, other_kind, key)? else { continue };
        if other_kind == kind && Some(other_id) == local {
            continue;
        }
        let other_uid = db::entity_by_local(tx, other_kind.as_str(), other_id)?.map(|(u, _)| u).unwrap_or_default();
        if uid > other_uid.as_str() {
            let mut data = data.clone();
            data[field] = Value::String(key_with_uid(kind, key, uid));
            return Ok((data, true));
        }
        // The entity here gives way: renamed here, and that travels with the next sync.
        if let Some(state) = synced_state(tx, other_kind, other_id)? {
            let mut moved = state.data;
            moved[field] = Value::String(key_with_uid(other_kind, key, &other_uid));
            apply_synced(tx, other_kind, Some(other_id), &moved, state.trashed, author, &now())?;
        }
    }
    Ok((data.clone(), false))
}

/// One revision that holds both `x` and `y`: one of them when it already holds the other,
/// else a new merge revision (clean, or a conflict keeping the other version beside it).
fn merge_two(
    tx: &Connection,
    graph: &mut HashMap<String, (Vec<String>, i64)>,
    x: &str,
    y: &str,
    local_base: Option<&str>,
    author: &str,
    report: &mut SyncReport,
) -> Result<String> {
    let (ax, ay) = (ancestors(graph, x), ancestors(graph, y));
    if ay.contains(x) {
        return Ok(y.to_string());
    }
    if ax.contains(y) {
        return Ok(x.to_string());
    }
    let rx = db::get_rev(tx, x)?.expect("stored");
    let ry = db::get_rev(tx, y)?.expect("stored");
    if rx.data == ry.data && rx.trashed == ry.trashed && rx.other == ry.other {
        // The same content reached two ways: every member picks the same one.
        return Ok(x.max(y).to_string());
    }
    // The nearest common revision (most generations from the start; ties by id, so that every
    // member picks the same).
    let lca =
        ax.intersection(&ay).filter(|r| graph.contains_key(*r)).max_by_key(|r| (graph[*r].1, (*r).clone())).cloned();
    let base = match &lca {
        Some(b) => db::get_rev(tx, b)?,
        None => None,
    };
    let mut parents = vec![x.to_string(), y.to_string()];
    parents.sort();
    let merged =
        merge_data(base.as_ref().map(|b| (&b.data, b.trashed)), (&rx.data, rx.trashed), (&ry.data, ry.trashed));
    let mut rev = match merged {
        Merged::Clean { data, trashed } => {
            report.merged += 1;
            let blob = if rx.data.get("hash") == data.get("hash") { rx.blob.clone() } else { ry.blob.clone() };
            Rev {
                rev: String::new(),
                uid: rx.uid.clone(),
                kind: rx.kind.clone(),
                parents,
                data,
                trashed,
                other: rx.other.clone().or_else(|| ry.other.clone()),
                author: author.to_string(),
                at: now(),
                blob,
            }
        }
        Merged::Conflict => {
            report.conflicts += 1;
            // The local edit stays current here; between two versions that came from elsewhere
            // every member keeps the same one current, so that their merges agree.
            let own_edit = |r: &Rev| -> Result<bool> {
                Ok(Some(r.rev.as_str()) == local_base && r.parents.len() <= 1 && db::is_mine(tx, &r.rev)?)
            };
            let (current, kept) = if own_edit(&rx)? {
                (&rx, &ry)
            } else if own_edit(&ry)? {
                (&ry, &rx)
            } else if rx.rev > ry.rev {
                (&rx, &ry)
            } else {
                (&ry, &rx)
            };
            Rev {
                rev: String::new(),
                uid: rx.uid.clone(),
                kind: rx.kind.clone(),
                parents,
                data: current.data.clone(),
                trashed: current.trashed,
                other: Some(kept.rev.clone()),
                author: author.to_string(),
                at: now(),
                blob: current.blob.clone(),
            }
        }
    };
    rev.rev = rev.compute_id();
    db::insert_rev(tx, &rev, true)?;
    let generation = graph.get(x).map_or(0, |g| g.1).max(graph.get(y).map_or(0, |g| g.1)) + 1;
    graph.insert(rev.rev.clone(), (rev.parents.clone(), generation));
    Ok(rev.rev)
}
