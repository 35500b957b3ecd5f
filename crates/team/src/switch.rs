//! The switch of a re-key (issue 19): the site takes the new key and generation; and finishing
//! a re-key that was killed part-way, which the next sync or re-key does first. Apart from
//! `rekey` so that `sync` can finish a killed one without importing the re-key itself.

use masthead_store::Site;

use crate::db;
use crate::error::not_in_team;
use crate::error::{Result, TeamError};
use crate::invitation::Invitation;
use crate::key::TeamKey;
use crate::space::Space;

/// After the space was sealed with the new key: it becomes the site's key, the site works in
/// the new generation, and the pending key goes (last, so a kill before is finished again).
pub(crate) fn switch(site: &Site, key: &TeamKey, generation: u64, next_seq: u64, copied: &[String]) -> Result<()> {
    key.keep(site)?;
    crate::die_at("rekey-kept");
    site.team_write(|tx| {
        tx.execute(
            "UPDATE team_self SET generation = ?, next_seq = ? WHERE id = 1",
            (generation as i64, next_seq as i64),
        )?;
        tx.execute("UPDATE team_members SET seen_seq = 0", [])?;
        tx.execute("UPDATE team_revs SET sent_seq = 0 WHERE sent_seq IS NULL OR sent_seq = -1", [])?;
        tx.execute("DELETE FROM team_outbox", [])?;
        tx.execute("DELETE FROM team_blobs", [])?;
        let mut known = tx.prepare("INSERT OR IGNORE INTO team_blobs (hash) VALUES (?)")?;
        for blob in copied {
            known.execute([blob])?;
        }
        Ok(())
    })?;
    crate::die_at("rekey-switched");
    TeamKey::clear_pending(site)
}

/// Finishes a re-key of this site that was killed: when the space already opens with its
/// pending key (the switch was made), that key becomes the site's and its invitation is
/// returned; when it does not (killed before the switch), the pending key is dropped and the
/// site goes on with its key.
pub(crate) fn finish_pending(site: &Site) -> Result<Option<Invitation>> {
    let Some((note, key)) = TeamKey::pending(site)? else { return Ok(None) };
    let me = db::me(site.team_conn())?.ok_or_else(not_in_team)?;
    let mut parts = note.split(' ').map(|n| n.parse::<u64>().ok());
    let (Some(Some(generation)), Some(Some(next_seq))) = (parts.next(), parts.next()) else {
        TeamKey::clear_pending(site)?;
        return Ok(None);
    };
    let target = site.target(Some(&me.target))?;
    if me.generation >= generation {
        // Switched already; only the pending key was left.
        TeamKey::clear_pending(site)?;
        return Ok(None);
    }
    let space = Space::connect(site, &target, key.clone())?;
    match space.team() {
        Ok(Some((team, g))) if team == me.team_id && g == generation => {
            switch(site, &key, generation, next_seq, &[])?;
            Ok(Some(crate::invitation::invitation_for(&me.team_id, &target, &key)))
        }
        Ok(_) | Err(TeamError::Refused { .. }) => {
            TeamKey::clear_pending(site)?;
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
