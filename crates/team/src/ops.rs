//! What a member does: start a team, join one, look at it, and settle conflicts.

use std::path::Path;

use masthead_store::{
    Kind, Site, Target, all_ids, apply_synced, apply_synced_settings, apply_synced_targets, local_id_of,
};
use serde::Serialize;

use crate::apply::ancestors;
use crate::db;
use crate::error::not_in_team;
use crate::error::{Result, TeamError};
use crate::failures::{self, Failure, entity_name};
use crate::invitation::{Invitation, invitation_for};
use crate::key::{TeamKey, random_id};
use crate::merge::merge_text_keeping_both;
use crate::report::SyncReport;
use crate::space::Space;
use crate::sync::sync_with;
use crate::wire::Rev;

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// Starts a team on the site's target `target_name`: writes the team space there, sends the
/// whole site, and returns the invitation for colleagues.
pub fn create(site: &Site, target_name: &str) -> Result<(Invitation, SyncReport)> {
    if let Some(me) = db::me(site.team_conn())? {
        if me.target != target_name {
            return Err(TeamError::Invalid("This site is already in a team (see `masthead team status`).".into()));
        }
        // Run again after it was stopped part-way: the rest is a sync, and the invitation is
        // the one the first run would have shown.
        let report = crate::sync::sync(site)?;
        let target = site.target(Some(target_name))?;
        return Ok((invitation_for(&me.team_id, &target, &TeamKey::load(site)?), report));
    }
    let target = site.target(Some(target_name))?;
    let mut key = TeamKey::generate()?;
    let space = Space::connect(site, &target, key.clone())?;
    let team = if space.read_raw_exists()? {
        // A space this site's key opens is its own, from a start stopped before the site
        // joined it: carry on with it.
        let mine = TeamKey::load(site).ok().and_then(|k| {
            let space = Space::connect(site, &target, k.clone()).ok()?;
            space.team().ok().flatten().filter(|(_, generation)| *generation == 1).map(|(team, _)| (team, k))
        });
        let Some((team, kept)) = mine else {
            return Err(TeamError::Invalid(format!(
                "There is a team space on {} already; join that team from an invitation instead, or use another target.",
                target.url
            )));
        };
        key = kept;
        team
    } else {
        let team = random_id()?;
        // The key is kept before the space is sealed with it: a start stopped in between is
        // carried on by running it again (above), never left with a key nobody has.
        key.keep(site)?;
        space.write_marker(&team, 1)?;
        crate::die_at("create-space");
        team
    };
    let space = Space::connect(site, &target, key.clone())?;
    let member = random_id()?;
    site.team_write(|tx| {
        db::insert_me(tx, &team, &member, &target.name, &now(), 1).map_err(|e| match e {
            TeamError::Store(e) => e,
            other => masthead_store::StoreError::Invalid(other.to_string()),
        })?;
        tx.execute("INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('settings', 1), ('targets', 1)", [])?;
        tx.execute("INSERT OR IGNORE INTO team_pending (kind, entity_id) SELECT 'publish', rowid FROM publishes", [])?;
        // The history goes too: every editing session, oldest first.
        tx.execute("INSERT OR IGNORE INTO team_pending_revs (rev_id) SELECT id FROM revisions", [])?;
        for kind in Kind::ALL {
            for id in all_ids(tx, kind)? {
                tx.execute("INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES (?, ?)", (kind.as_str(), id))?;
            }
        }
        Ok(())
    })?;
    let report = sync_with(site, &space)?;
    Ok((invitation_for(&team, &target, &key), report))
}

/// The mark of a join under way in its new site folder (see [`join`]).
const JOINING: &str = ".team-joining";

/// Makes a new site in `dir` (which must be empty or new) from a team invitation, and fills it
/// with everything the team has, as `author` (the member's name on the team and on revisions).
pub fn join(
    dir: &Path,
    author: &str,
    invitation: &Invitation,
    user: Option<&str>,
    key_file: Option<&Path>,
    host_secret: Option<&str>,
) -> Result<(Site, SyncReport)> {
    let key = invitation.team_key()?;
    let joining = dir.join(JOINING);
    if joining.is_file() && !Site::open(dir).map(|site| is_member(&site)).unwrap_or(Ok(false))? {
        // A join into this folder stopped before the site was in the team: all that is in the
        // folder is that join's making (it began with an empty folder); it starts again. The
        // mark goes last (it stays, in fact), so that a kill while emptying is known as well.
        empty_but(dir, JOINING).map_err(|e| {
            TeamError::Invalid(format!(
                "{} could not be emptied to join again ({e}); empty it and run the command again.",
                dir.display()
            ))
        })?;
    }
    // The mark goes in before site.db: a join killed at any point is known as one.
    let mut site = Site::create_marked(dir, JOINING)?;
    site.set_author(author);
    crate::die_at("join-site");
    let key_file = key_file.map(|k| k.canonicalize().unwrap_or_else(|_| k.to_path_buf()).display().to_string());
    let target = Target {
        name: invitation.target.clone(),
        url: invitation.url.clone(),
        user: user.map(str::to_string),
        key_file,
        insecure: invitation.insecure,
        last_publish: None,
    };
    site.save_target(&target)?;
    if let Some(s) = host_secret.filter(|s| !s.is_empty()) {
        masthead_publish::secret::set(site.dir(), &target.name, s)?;
    }
    let mut space = Space::connect(&site, &target, key.clone())?;
    let generation = match space.team()? {
        Some((team, generation)) if team == invitation.team => generation,
        Some(_) => {
            return Err(TeamError::Key("The team space there belongs to another team than the invitation's.".into()));
        }
        None => {
            return Err(TeamError::Key(format!(
                "There is no team space on {}; check the invitation, or ask for a new one.",
                target.url
            )));
        }
    };
    space.use_generation(generation);
    key.keep(&site)?;
    let member = random_id()?;
    site.team_write(|tx| {
        db::insert_me(tx, &invitation.team, &member, &target.name, &now(), generation).map_err(|e| match e {
            TeamError::Store(e) => e,
            other => masthead_store::StoreError::Invalid(other.to_string()),
        })
    })?;
    // In the team from here on: a join stopped now is finished by `sync` (or the same join).
    crate::die_at("join-member");
    let _ = std::fs::remove_file(&joining);
    let report = sync_with(&site, &space)?;
    Ok((site, report))
}

/// Removes everything in `dir` but the file `keep`.
fn empty_but(dir: &Path, keep: &str) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name() == keep {
            continue;
        }
        if entry.file_type()?.is_dir() {
            std::fs::remove_dir_all(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Whether the site is in a team (started or joined one).
pub fn is_member(site: &Site) -> Result<bool> {
    Ok(db::me(site.team_conn())?.is_some())
}

/// A member as this site knows it.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename = "TeamMember")]
pub struct MemberStatus {
    pub member: String,
    pub name: String,
    /// This member (the site it is asked on).
    pub me: bool,
    /// How many of its log's segments this site has read (or, for itself, written).
    pub seq: u64,
    /// When this site last read something of theirs.
    pub seen_at: Option<String>,
}

/// `team status`.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename = "TeamStatus")]
pub struct Status {
    pub team: String,
    pub target: String,
    pub members: Vec<MemberStatus>,
    pub last_sync: Option<String>,
    /// Saves not yet sent (entities changed since the last sync, and revisions made and not sent).
    pub pending: u64,
    /// Conflicts not yet resolved.
    pub conflicts: u64,
    /// Items received that could not be written here yet (each sync tries them again).
    pub failed: Vec<Failure>,
}

/// Where the site is in its team.
pub fn status(site: &Site) -> Result<Status> {
    let conn = site.team_conn();
    let me = db::me(conn)?.ok_or_else(not_in_team)?;
    let mut members = vec![MemberStatus {
        member: me.member_id.clone(),
        name: site.author().to_string(),
        me: true,
        seq: me.next_seq - 1,
        seen_at: me.last_sync.clone(),
    }];
    let mut stmt =
        conn.prepare("SELECT member_id, name, seen_seq, seen_at FROM team_members ORDER BY name, member_id")?;
    let rows = stmt.query_map([], |r| {
        Ok(MemberStatus {
            member: r.get(0)?,
            name: r.get(1)?,
            me: false,
            seq: r.get::<_, i64>(2)? as u64,
            seen_at: r.get(3)?,
        })
    })?;
    members.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    let pending = db::count(conn, "SELECT count(*) FROM team_pending")?
        + db::count(
            conn,
            "SELECT count(*) FROM team_revs WHERE (mine = 1 AND sent_seq IS NULL) OR (mine = 0 AND sent_seq = -1)",
        )?
        + db::count(conn, "SELECT count(*) FROM team_outbox")?;
    Ok(Status {
        team: me.team_id,
        target: me.target,
        members,
        last_sync: me.last_sync,
        pending,
        conflicts: conflicts(site)?.len() as u64,
        failed: failures::all(conn)?,
    })
}

/// Who saved a version, and when.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename = "ConflictSide")]
pub struct Side {
    pub author: String,
    pub at: String,
}

/// Two versions of one entity that could not be merged.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename = "TeamConflict")]
pub struct Conflict {
    /// `article:slug`, `page:slug`, `slide:slug`, `media:name` or `settings`.
    pub entity: String,
    /// The current version.
    pub mine: Side,
    /// The version kept beside it.
    pub theirs: Side,
    /// The other version's text (body, or blurb for a slide; its fields as JSON otherwise).
    pub theirs_body: String,
    /// The current version's text, likewise.
    pub mine_body: String,
    /// For an item with a text (an article's or page's body, a slide's blurb): where "edit a
    /// merged text" starts — both sides' changes, the paragraphs both changed one after the
    /// other, no conflict markers. None for settings and media.
    pub merged_body: Option<String>,
}

/// The field holding an item's text, if it has one.
fn text_field(data: &serde_json::Value) -> Option<&'static str> {
    ["body", "blurb"].into_iter().find(|f| data.get(*f).is_some_and(|v| v.is_string()))
}

fn text_of(rev: &Rev) -> String {
    match text_field(&rev.data) {
        Some(field) => rev.data[field].as_str().expect("a string").to_string(),
        None => serde_json::to_string_pretty(&rev.data).expect("JSON serialises"),
    }
}

/// The text to start a hand-made merge from: the two versions' texts merged from the newest
/// version both were made from.
fn merged_text(conn: &rusqlite::Connection, mine: &Rev, other: &Rev) -> Result<Option<String>> {
    let Some(field) = text_field(&mine.data) else { return Ok(None) };
    let graph = db::graph(conn, &mine.uid)?;
    let (a, b) = (ancestors(&graph, &mine.rev), ancestors(&graph, &other.rev));
    let lca = a.intersection(&b).filter(|r| graph.contains_key(*r)).max_by_key(|r| (graph[*r].1, (*r).clone()));
    let base = match lca {
        Some(r) => db::get_rev(conn, r)?,
        None => None,
    };
    let text = |r: Option<&Rev>| r.and_then(|r| r.data.get(field)).and_then(|v| v.as_str()).unwrap_or("").to_string();
    Ok(Some(merge_text_keeping_both(&text(base.as_ref()), &text(Some(mine)), &text(Some(other)))))
}

/// The revision whose text `rev` carries: the parent it took its content from, for a conflict.
fn source_of(conn: &rusqlite::Connection, rev: &Rev) -> Result<Rev> {
    for p in &rev.parents {
        if let Some(parent) = db::get_rev(conn, p)?
            && parent.data == rev.data
            && parent.trashed == rev.trashed
        {
            return Ok(parent);
        }
    }
    Ok(rev.clone())
}

/// The conflicts not yet resolved, by entity.
pub fn conflicts(site: &Site) -> Result<Vec<Conflict>> {
    let conn = site.team_conn();
    let mut stmt = conn.prepare(
        "SELECT e.kind, e.local_id, e.base_rev FROM team_entities e JOIN team_revs r ON r.rev = e.base_rev
         WHERE r.other IS NOT NULL ORDER BY e.kind, e.local_id",
    )?;
    let rows: Vec<(String, i64, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut out = vec![];
    for (kind, local_id, base) in rows {
        let rev = db::get_rev(conn, &base)?.expect("joined");
        let Some(other) = db::get_rev(conn, rev.other.as_deref().expect("filtered"))? else { continue };
        let mine = source_of(conn, &rev)?;
        out.push(Conflict {
            entity: entity_name(conn, &kind, local_id)?,
            mine: Side { author: mine.author.clone(), at: mine.at.clone() },
            theirs: Side { author: other.author.clone(), at: other.at.clone() },
            theirs_body: text_of(&other),
            mine_body: text_of(&rev),
            merged_body: merged_text(conn, &mine, &other)?,
        });
    }
    Ok(out)
}

/// How a conflict is settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The current version, made here.
    Mine,
    /// The other version, a colleague's.
    Theirs,
    /// A text merged by hand (the item's body, or a slide's blurb); its other fields are the
    /// current version's, and it is taken out of the trash if one side had put it there.
    Text(String),
}

/// Settles the conflict of `entity` (`article:slug` …). The choice is a new revision, sent
/// with the next sync; the versions not kept stay in the history.
pub fn resolve(site: &Site, entity: &str, choice: &Resolution) -> Result<()> {
    let conn = site.team_conn();
    let target = db::me(conn)?.ok_or_else(not_in_team)?.target;
    let (kind, local_id) = if entity == "settings" || entity == "targets" {
        (entity.to_string(), 1)
    } else {
        let (kind, key) = entity.split_once(':').ok_or_else(|| {
            TeamError::Invalid(format!(
                "“{entity}” is not an item; write it as article:SLUG, page:SLUG, slide:SLUG or media:NAME."
            ))
        })?;
        let k = Kind::parse(kind).ok_or_else(|| TeamError::Invalid(format!("“{kind}” is not a kind of item.")))?;
        let id = local_id_of(conn, k, key)?
            .ok_or_else(|| TeamError::Invalid(format!("There is no {kind} “{key}” on this site.")))?;
        (k.as_str().to_string(), id)
    };
    let (uid, base) = db::entity_by_local(conn, &kind, local_id)?
        .ok_or_else(|| TeamError::Invalid(format!("{entity} has no conflict.")))?;
    let base = base.and_then(|b| db::get_rev(conn, &b).ok().flatten());
    let Some(base) = base.filter(|b| b.other.is_some()) else {
        return Err(TeamError::Invalid(format!("{entity} has no conflict to resolve.")));
    };
    if db::is_pending(conn, &kind, local_id)? {
        return Err(TeamError::Invalid(format!(
            "{entity} was changed here since the last sync; run `masthead sync` first, then resolve."
        )));
    }
    let chosen = match choice {
        Resolution::Theirs => db::get_rev(conn, base.other.as_deref().expect("checked"))?
            .ok_or_else(|| TeamError::Invalid("The other version is missing from this site.".into()))?,
        Resolution::Mine => base.clone(),
        Resolution::Text(text) => {
            let field = text_field(&base.data).ok_or_else(|| {
                TeamError::Invalid(format!("{entity} has no text to merge by hand; keep mine or theirs instead."))
            })?;
            let mut edited = base.clone();
            edited.data[field] = serde_json::Value::String(text.clone());
            edited.trashed = false;
            edited
        }
    };
    let mut rev = Rev {
        rev: String::new(),
        uid: uid.clone(),
        kind: kind.clone(),
        parents: vec![base.rev.clone()],
        data: chosen.data.clone(),
        trashed: chosen.trashed,
        other: None,
        author: site.author().to_string(),
        at: now(),
        blob: chosen.blob.clone(),
    };
    rev.rev = rev.compute_id();
    site.team_write(|tx| {
        let fail = |e: TeamError| match e {
            TeamError::Store(e) => e,
            other => masthead_store::StoreError::Invalid(other.to_string()),
        };
        db::insert_rev(tx, &rev, true).map_err(fail)?;
        if kind == "settings" {
            apply_synced_settings(tx, &rev.data, &rev.at)?;
        } else if kind == "targets" {
            apply_synced_targets(tx, &rev.data, &target, &rev.at)?;
        } else {
            let k = Kind::parse(&kind).expect("checked");
            apply_synced(tx, k, Some(local_id), &rev.data, rev.trashed, &rev.author, &rev.at)?;
        }
        db::set_entity(tx, &uid, &kind, local_id, &rev.rev).map_err(fail)?;
        db::clear_sessions(tx, &kind, local_id).map_err(fail)?;
        db::clear_pending(tx, &kind, local_id).map_err(fail)
    })?;
    Ok(())
}
