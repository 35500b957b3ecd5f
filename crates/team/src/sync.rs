//! One sync: local saves become revisions, colleagues' logs are read, every entity with new
//! revisions is merged three-way and written to the local store, and what was made here is
//! appended to this member's log.
//!
//! Order matters for interruptions: a received segment is applied in one transaction with the
//! record of having read it; a segment to send is sealed and kept in `team_outbox` (in the same
//! transaction that marks its revisions sent) before it is written, and written again, byte for
//! byte, by the next sync if this one is killed; media files go up before the segment that
//! names them.

use std::time::Instant;

use masthead_store::Site;
use rusqlite::Connection;

use crate::apply::merge_entity;
use crate::collect::collect_all;
use crate::db::{self, now};
use crate::error::{Result, TeamError};
use crate::error::{not_in_team, store_err};
use crate::failures;
use crate::key::TeamKey;
use crate::push::push;
use crate::report::SyncReport;
use crate::space::{Space, object_path};
use crate::wire::Segment;

/// Entities merged per transaction.
const MERGE_BATCH: usize = 500;

/// The order entities are applied in: what others refer to first.
fn kind_rank(kind: &str) -> u8 {
    match kind {
        "settings" | "targets" => 0,
        "media" => 1,
        "page" => 2,
        "article" => 3,
        _ => 4,
    }
}

/// Syncs the site with its team's space.
pub fn sync(site: &Site) -> Result<SyncReport> {
    db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    // A re-key of this site killed part-way is finished (or dropped) first.
    crate::switch::finish_pending(site)?;
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    let target = site.target(Some(&me.target))?;
    let mut space = Space::connect(site, &target, TeamKey::load(site)?)?;
    space.use_generation(me.generation);
    sync_with(site, &space)
}

/// [`sync`] through a space already connected: a process keeps one connection (its HTTP
/// client's pooled connections belong to the runtime that opened them).
pub(crate) fn sync_with(site: &Site, space: &Space) -> Result<SyncReport> {
    let started = Instant::now();
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    let target = site.target(Some(&me.target))?;
    let key = space.key().clone();
    let found = space.team().map_err(|e| match e {
        TeamError::Refused { path, .. } if path == "space" => rekeyed(),
        other => other,
    })?;
    match found {
        Some((team, generation)) if team == me.team_id && generation == me.generation => {}
        Some((team, _)) if team == me.team_id => return Err(rekeyed()),
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
    // An item that cannot be written here does not stop the others: its part of the batch is
    // undone (a savepoint), it is noted and reported, and the next sync tries it again.
    for batch in unmerged(site.team_conn())?.chunks(MERGE_BATCH) {
        site.team_write(|tx| {
            for uid in batch {
                tx.execute_batch("SAVEPOINT team_entity")?;
                let mut one = SyncReport::default();
                match merge_entity(tx, site, &key, uid, &author, &mut one) {
                    Ok(()) => {
                        tx.execute_batch("RELEASE team_entity")?;
                        failures::clear(tx, uid).map_err(store_err)?;
                        report.merged += one.merged;
                        report.conflicts += one.conflicts;
                    }
                    Err(e) => {
                        tx.execute_batch("ROLLBACK TO team_entity; RELEASE team_entity")?;
                        tracing::warn!("team sync: {uid} could not be written here: {e}");
                        report.failed.push(failures::note(tx, uid, &e.to_string(), &now()).map_err(store_err)?);
                    }
                }
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

/// The space no longer opens with this site's key: a member made a new one.
fn rekeyed() -> TeamError {
    TeamError::Key(
        "The team space no longer opens with this site's team key: a member made a new team key (`masthead team rekey`). Ask them for the new invitation and run `masthead --site THIS_SITE team join INVITATION`; nothing saved here is lost meanwhile."
            .into(),
    )
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
        // Opened with the team key (so written by a member), and checked against the hash the
        // (authenticated) revision gives. Its name is not checked: after a re-key, files keep
        // the names the earlier key gave them.
        site.store_synced_blob(hash, name, &bytes).map_err(|e| TeamError::Refused { path, why: e.to_string() })?;
    }
    Ok(())
}
