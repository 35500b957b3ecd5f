//! One sync: local saves become revisions, colleagues' logs are read, every entity with new
//! revisions is merged three-way and written to the local store, and what was made here is
//! appended to this member's log.
//!
//! Order matters for interruptions: a received segment is applied in one transaction with the
//! record of having read it; a segment to send is sealed and kept in `team_outbox` (in the same
//! transaction that marks its revisions sent) before it is written, and written again, byte for
//! byte, by the next sync if this one is killed; media files go up before the segment that
//! names them.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use masthead_store::{
    Kind, Media, Site, apply_synced, apply_synced_settings, record_synced_revision, synced_settings, synced_state,
};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use crate::db;
use crate::error::{Result, TeamError};
use crate::key::{TeamKey, random_id};
use crate::merge::{Merged, merge_data};
use crate::space::{Space, object_path, segment_path};
use crate::wire::{FORMAT, Rev, Segment};

/// Revisions per segment: a joining member reads a 10,000-article site in 50 files.
const PER_SEGMENT: usize = 200;

/// Entities merged per transaction.
const MERGE_BATCH: usize = 500;

/// What a sync did (the CLI's `sync --json`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct SyncReport {
    /// Revisions this member sent.
    pub sent: u64,
    /// Revisions received from colleagues.
    pub received: u64,
    /// Entities whose versions were merged without a conflict.
    pub merged: u64,
    /// New conflicts: two versions kept, the local one current.
    pub conflicts: u64,
    pub ms: u64,
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// The order entities are applied in: what others refer to first.
fn kind_rank(kind: &str) -> u8 {
    match kind {
        "settings" => 0,
        "media" => 1,
        "page" => 2,
        "article" => 3,
        _ => 4,
    }
}

/// Syncs the site with its team's space.
pub fn sync(site: &Site) -> Result<SyncReport> {
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    let target = site.target(Some(&me.target))?;
    let space = Space::connect(site, &target, TeamKey::load(site)?)?;
    sync_with(site, &space)
}

/// [`sync`] through a space already connected: a process keeps one connection (its HTTP
/// client's pooled connections belong to the runtime that opened them).
pub(crate) fn sync_with(site: &Site, space: &Space) -> Result<SyncReport> {
    let started = Instant::now();
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    let target = site.target(Some(&me.target))?;
    let key = space.key().clone();
    match space.team_id()? {
        Some(team) if team == me.team_id => {}
        Some(_) => {
            return Err(TeamError::Key(format!(
                "The team space on {} belongs to another team; this site's team is not there any more.",
                target.url
            )));
        }
        None => {
            return Err(TeamError::Key(format!(
                "There is no team space on {} (it was deleted or moved); nothing was synced.",
                target.url
            )));
        }
    }
    let mut report = SyncReport::default();
    let author = site.author().to_string();
    site.team_write(|tx| collect_all(tx, site, &key, &author))?;
    // Whatever fails while reading colleagues' logs, what was saved here still goes out.
    let pulled = pull(site, space, &me, &mut report);
    // Every entity with a revision not yet in its local row, whether it came now or in a sync
    // that was killed before it merged.
    // In batches: one transaction (one flush to disk) per entity is a flush per article when a
    // member joins a large site.
    for batch in unmerged(site.team_conn())?.chunks(MERGE_BATCH) {
        site.team_write(|tx| {
            for uid in batch {
                merge_entity(tx, site, &key, uid, &author, &mut report)?;
            }
            Ok(())
        })?;
    }
    report.sent = push(site, space, &me)?;
    pulled?;
    site.team_write(|tx| {
        tx.execute("UPDATE team_self SET last_sync = ? WHERE id = 1", [now()])?;
        Ok(())
    })?;
    report.ms = started.elapsed().as_millis() as u64;
    Ok(report)
}

pub(crate) fn not_in_team() -> TeamError {
    TeamError::Invalid("This site is not in a team. Start one with `masthead team create TARGET`.".into())
}

/// Turns every local save since the last sync into a revision.
fn collect_all(tx: &Connection, site: &Site, key: &TeamKey, author: &str) -> masthead_store::Result<()> {
    for (kind, id) in db::pending(tx).map_err(store_err)? {
        collect_one(tx, site, key, &kind, id, author).map_err(store_err)?;
    }
    Ok(())
}

/// Team errors inside a store transaction travel as store errors.
fn store_err(e: TeamError) -> masthead_store::StoreError {
    match e {
        TeamError::Store(e) => e,
        other => masthead_store::StoreError::Invalid(other.to_string()),
    }
}

/// The local state of one entity as a revision, if it changed since its last one.
fn collect_one(tx: &Connection, site: &Site, key: &TeamKey, kind: &str, id: i64, author: &str) -> Result<()> {
    let state = if kind == "settings" {
        Some((synced_settings(tx)?, false))
    } else {
        let k = Kind::parse(kind).ok_or_else(|| TeamError::Invalid(format!("Unknown kind {kind}.")))?;
        synced_state(tx, k, id)?.map(|s| (s.data, s.trashed))
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
        None if kind == "settings" => "settings".to_string(),
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
        let rev = new_rev(&uid, kind, parent.take(), snapshot.clone(), false, other.clone(), &by, &at, blob);
        db::insert_rev(tx, &rev, true)?;
        parent = Some(rev.rev);
        last_data = Some(snapshot);
    }
    let blob = if kind == "media" { Some(key.object_name(&media_bytes(site, &data)?)) } else { None };
    let rev = new_rev(&uid, kind, parent, data, trashed, other, author, &now(), blob);
    db::insert_rev(tx, &rev, true)?;
    db::set_entity(tx, &uid, kind, id, &rev.rev)?;
    db::clear_pending(tx, kind, id)
}

/// A revision made here, with its id.
#[allow(clippy::too_many_arguments)]
fn new_rev(
    uid: &str,
    kind: &str,
    parent: Option<String>,
    data: Value,
    trashed: bool,
    other: Option<String>,
    author: &str,
    at: &str,
    blob: Option<String>,
) -> Rev {
    let mut rev = Rev {
        rev: String::new(),
        uid: uid.to_string(),
        kind: kind.to_string(),
        parents: parent.into_iter().collect(),
        data,
        trashed,
        other,
        author: author.to_string(),
        at: at.to_string(),
        blob,
    };
    rev.rev = rev.compute_id();
    rev
}

/// The object name of an earlier version's media file, when that file is still here.
fn media_object(site: &Site, key: &TeamKey, data: &Value) -> Option<String> {
    media_bytes(site, data).ok().map(|bytes| key.object_name(&bytes))
}

/// The file of a media item, from its synced data.
fn media_bytes(site: &Site, data: &Value) -> Result<Vec<u8>> {
    let media: Media = serde_json::from_value(data.clone())
        .map_err(|e| TeamError::Invalid(format!("A media item cannot be read: {e}")))?;
    let path = site.media_file(&media)?;
    std::fs::read(&path).map_err(|e| {
        TeamError::Invalid(format!("The file of media item {} cannot be read ({}): {e}", media.name, path.display()))
    })
}

/// Reads every colleague's log from where this site stopped.
fn pull(site: &Site, space: &Space, me: &db::Me, report: &mut SyncReport) -> Result<()> {
    for member in space.members()? {
        if member == me.member_id {
            continue;
        }
        let mut seq = db::seen_seq(site.team_conn(), &member)?;
        while let Some(seg) = space.segment(&member, seq + 1)? {
            seq += 1;
            fetch_blobs(site, space, &seg)?;
            site.team_write(|tx| {
                for rev in &seg.revs {
                    if db::insert_rev(tx, rev, false).map_err(store_err)? {
                        report.received += 1;
                    }
                    if let Some(blob) = &rev.blob {
                        tx.execute("INSERT OR IGNORE INTO team_blobs (hash) VALUES (?)", [blob])?;
                    }
                }
                db::saw(tx, &member, &seg.name, seq, &now()).map_err(store_err)
            })?;
        }
    }
    Ok(())
}

/// The entities with a head revision that is not the one their local row is at, in the order
/// they are applied (what others refer to first).
fn unmerged(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT r.uid, r.kind FROM team_revs r LEFT JOIN team_entities e ON e.uid = r.uid
         WHERE NOT EXISTS (SELECT 1 FROM team_edges x WHERE x.parent = r.rev)
           AND (e.base_rev IS NULL OR e.base_rev <> r.rev)",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut found: Vec<(u8, String)> =
        rows.map(|row| row.map(|(uid, kind)| (kind_rank(&kind), uid))).collect::<rusqlite::Result<_>>()?;
    found.sort();
    found.dedup();
    Ok(found.into_iter().map(|(_, uid)| uid).collect())
}

/// Downloads the media files a segment's revisions name, unless they are here already.
fn fetch_blobs(site: &Site, space: &Space, seg: &Segment) -> Result<()> {
    for rev in &seg.revs {
        let Some(blob) = &rev.blob else { continue };
        let (Some(hash), Some(name)) = (rev.data["hash"].as_str(), rev.data["name"].as_str()) else { continue };
        if site.has_blob(hash, name) {
            continue;
        }
        let path = object_path(blob);
        let bytes = space.read(&path)?.ok_or_else(|| TeamError::Refused {
            path: path.clone(),
            why: "it is missing from the space, though a colleague's log names it".into(),
        })?;
        if space.key().object_name(&bytes) != *blob {
            return Err(TeamError::Refused { path, why: "its content does not match its name".into() });
        }
        site.store_synced_blob(hash, name, &bytes).map_err(|e| TeamError::Refused { path, why: e.to_string() })?;
    }
    Ok(())
}

/// Every revision `rev` was made from, itself included.
fn ancestors(graph: &HashMap<String, (Vec<String>, i64)>, rev: &str) -> HashSet<String> {
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
fn merge_entity(
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
    if rev.kind == "settings" {
        apply_synced_settings(tx, &rev.data, &rev.at)?;
        db::set_entity(tx, uid, "settings", 1, &rev.rev)?;
        return db::clear_pending(tx, "settings", 1);
    }
    let kind = Kind::parse(&rev.kind).ok_or_else(|| TeamError::Invalid(format!("Unknown kind {}.", rev.kind)))?;
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

/// Sends what is waiting: a segment a killed sync sealed but may not have written, the media
/// files new revisions name, then the revisions, in segments. Returns how many revisions went.
fn push(site: &Site, space: &Space, me: &db::Me) -> Result<u64> {
    let conn = site.team_conn();
    let waiting: Vec<(i64, Vec<u8>)> = {
        let mut stmt = conn.prepare("SELECT seq, sealed FROM team_outbox ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut sent = 0;
    for (seq, sealed) in waiting {
        space.write_sealed(&segment_path(&me.member_id, seq as u64), sealed)?;
        sent += db::count(conn, &format!("SELECT count(*) FROM team_revs WHERE sent_seq = {seq}"))?;
        site.team_write(|tx| {
            tx.execute("DELETE FROM team_outbox WHERE seq = ?", [seq])?;
            Ok(())
        })?;
    }
    loop {
        let revs = db::unsent(conn, PER_SEGMENT)?;
        if revs.is_empty() {
            return Ok(sent);
        }
        for rev in &revs {
            let Some(blob) = &rev.blob else { continue };
            let known = db::count(conn, &format!("SELECT count(*) FROM team_blobs WHERE hash = '{blob}'"))? > 0;
            if !known && !rev.trashed {
                let bytes = media_bytes(site, &rev.data)?;
                space.write(&object_path(blob), &bytes)?;
                site.team_write(|tx| {
                    tx.execute("INSERT OR IGNORE INTO team_blobs (hash) VALUES (?)", [blob])?;
                    Ok(())
                })?;
            }
        }
        let name = site.author().to_string();
        let (seq, sealed) = site.team_write(|tx| {
            let seq = db::me(tx).map_err(store_err)?.expect("in a team").next_seq;
            let seg = Segment { format: FORMAT, member: me.member_id.clone(), name, seq, revs: revs.clone() };
            let plain = serde_json::to_vec(&seg).expect("JSON serialises");
            let sealed = space.key().seal(&segment_path(&me.member_id, seq), &plain).map_err(store_err)?;
            tx.execute("INSERT INTO team_outbox (seq, sealed) VALUES (?, ?)", (seq as i64, &sealed))?;
            let mut mark = tx.prepare_cached("UPDATE team_revs SET sent_seq = ? WHERE rev = ?")?;
            for rev in &revs {
                mark.execute((seq as i64, &rev.rev))?;
            }
            tx.execute("UPDATE team_self SET next_seq = next_seq + 1 WHERE id = 1", [])?;
            Ok((seq, sealed))
        })?;
        space.write_sealed(&segment_path(&me.member_id, seq), sealed)?;
        site.team_write(|tx| {
            tx.execute("DELETE FROM team_outbox WHERE seq = ?", [seq as i64])?;
            Ok(())
        })?;
        sent += revs.len() as u64;
    }
}
