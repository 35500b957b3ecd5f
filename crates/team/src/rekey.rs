//! Leaving a team: a member is removed by making a new team key. The whole space is written
//! again, sealed with the new key, as a new generation (`g<N>/`, see `space.rs`), and the
//! `space` file is then sealed with the new key: from then on the old key opens nothing new.
//! Members who stay take the new key from a new invitation (`team join` on their site); the
//! removed member's copy of the site stays theirs, and the files of the old generation stay on
//! the host (they were readable by that member anyway).

use masthead_store::Site;

use crate::collect::media_bytes;
use crate::db;
use crate::error::not_in_team;
use crate::error::{Result, TeamError};
use crate::invitation::Invitation;
use crate::key::TeamKey;
use crate::report::SyncReport;
use crate::space::{Space, object_path, segment_path};
use crate::switch::{finish_pending, switch};
use crate::sync::sync_with;
use crate::wire::{FORMAT, Rev, Segment};

/// Revisions per segment of the copy.
const PER_SEGMENT: usize = 200;

/// Makes a new team key and writes the space again with it; returns the new invitation for
/// the members who stay. Syncs first, so that everything colleagues sent so far is kept.
///
/// The new key is kept (as pending) before the space is sealed with it, and becomes the site's
/// key after: a re-key killed anywhere leaves either the old space with the old key, or the
/// new space and the pending key, which [`finish_pending`](crate::switch::finish_pending) (run by the next sync or re-key)
/// makes the site's key. A re-key run again after a kill past the switch gives that
/// generation's invitation rather than making another.
pub fn rekey(site: &Site) -> Result<Invitation> {
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    if let Some(invitation) = finish_pending(site)? {
        return Ok(invitation);
    }
    crate::sync::sync(site)?;
    let target = site.target(Some(&me.target))?;
    let key = TeamKey::generate()?;
    let generation = me.generation + 1;
    let mut space = Space::connect(site, &target, key.clone())?;
    space.use_generation(generation);
    let revs: Vec<Rev> = db::all_revs(site.team_conn())?;
    let next_seq = revs.chunks(PER_SEGMENT).count() as u64 + 1;
    key.keep_pending(site, &format!("{generation} {next_seq}"))?;
    // Media files first (under the names revisions give them), then every revision known here,
    // in this member's log of the new generation, parents before children.
    let blobs: Vec<(String, String)> = {
        let mut stmt = site.team_conn().prepare(
            "SELECT blob, data FROM team_revs WHERE blob IS NOT NULL AND trashed = 0 GROUP BY blob ORDER BY blob",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?
    };
    let mut copied = vec![];
    for (blob, data) in blobs {
        let data: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
        match media_bytes(site, &data) {
            Ok(bytes) => {
                space.write(&object_path(&blob), &bytes)?;
                copied.push(blob);
            }
            // An earlier version's file no longer kept here: its record still travels.
            Err(e) => tracing::warn!("team rekey: {blob} not copied: {e}"),
        }
    }
    for (i, chunk) in revs.chunks(PER_SEGMENT).enumerate() {
        let seq = i as u64 + 1;
        let seg = Segment {
            format: FORMAT,
            member: me.member_id.clone(),
            name: site.author().to_string(),
            seq,
            revs: chunk.to_vec(),
        };
        space.write(&segment_path(&me.member_id, seq), &serde_json::to_vec(&seg).expect("JSON serialises"))?;
    }
    // The switch: from here on the space opens with the new key only.
    space.write_marker(&me.team_id, generation)?;
    crate::die_at("rekey-sealed");
    switch(site, &key, generation, next_seq, &copied)?;
    Ok(crate::invitation::invitation_for(&me.team_id, &target, &key))
}

/// A member who stays takes the new key from the new invitation: this site then works in the
/// new generation, reads colleagues' logs there from the start and sends every revision it
/// knows again (any the re-keying member had not received), then syncs.
pub fn adopt(site: &Site, invitation: &Invitation) -> Result<SyncReport> {
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    if invitation.team != me.team_id {
        return Err(TeamError::Invalid(
            "This site is in another team than the invitation's; join it into a new, empty folder instead.".into(),
        ));
    }
    let target = site.target(Some(&me.target))?;
    let key = invitation.team_key()?;
    let mut space = Space::connect(site, &target, key.clone())?;
    let found = space.team().map_err(|e| match e {
        TeamError::Refused { .. } => TeamError::Key(
            "This invitation's key does not open the team space (the key was changed again since?); ask for the newest invitation.".into(),
        ),
        other => other,
    })?;
    let Some((_, generation)) = found else {
        return Err(TeamError::Key(format!("There is no team space on {} any more.", target.url)));
    };
    if generation == me.generation && TeamKey::load(site).ok().as_ref() == Some(&key) {
        // The same invitation again (a join killed while it synced): finish it with a sync.
        space.use_generation(generation);
        return sync_with(site, &space);
    }
    if generation <= me.generation {
        return Err(TeamError::Invalid(
            "This site already has that team key (or a newer one); nothing was changed.".into(),
        ));
    }
    space.use_generation(generation);
    key.keep(site)?;
    site.team_write(|tx| {
        tx.execute("UPDATE team_self SET generation = ?, next_seq = 1 WHERE id = 1", [generation as i64])?;
        tx.execute("UPDATE team_members SET seen_seq = 0", [])?;
        // Every revision known here, colleagues' too (-1: to send again): a merge made here
        // names them as parents, and the new generation must hold them for a member to merge it.
        tx.execute("UPDATE team_revs SET sent_seq = CASE mine WHEN 1 THEN NULL ELSE -1 END", [])?;
        tx.execute("DELETE FROM team_outbox", [])?;
        tx.execute("DELETE FROM team_blobs", [])?;
        Ok(())
    })?;
    sync_with(site, &space)
}
