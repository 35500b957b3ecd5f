//! Sending: a segment a killed sync sealed but may not have written goes first, then the media
//! files new revisions name, then the revisions, in segments of [`PER_SEGMENT`].

use masthead_store::Site;

use crate::collect::media_bytes;
use crate::db;
use crate::error::Result;
use crate::error::store_err;
use crate::space::{Space, object_path, segment_path};
use crate::wire::{FORMAT, Segment};

/// Revisions per segment: a joining member reads a 10,000-article site in 50 files.
const PER_SEGMENT: usize = 200;

/// Sends what is waiting: a segment a killed sync sealed but may not have written, the media
/// files new revisions name, then the revisions, in segments. Returns how many revisions went.
pub(crate) fn push(site: &Site, space: &Space, me: &db::Me) -> Result<u64> {
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
                let older =
                    db::count(conn, &format!("SELECT count(*) FROM team_edges WHERE parent = '{}'", rev.rev))? > 0;
                let bytes = match media_bytes(site, &rev.data) {
                    Ok(bytes) => bytes,
                    // An earlier version sent again after a re-key, whose file is no longer
                    // kept here (the re-keying member copied the files it had).
                    Err(e) if older => {
                        tracing::warn!("team sync: {blob} not sent again: {e}");
                        continue;
                    }
                    Err(e) => return Err(e),
                };
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
