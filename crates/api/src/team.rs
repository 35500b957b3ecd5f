//! Team sync (crates/team) as the CLI and the app both call it: starting a team on a target,
//! joining one from an invitation into a new site folder, where the site is in its team,
//! syncing, and settling the items with two versions.

use std::path::Path;

use masthead_store::Site;
use masthead_team::{Invitation, Resolution, TeamError};
use serde::Serialize;

pub use masthead_team::{Conflict, Failure, MemberStatus, Side, Status, SyncReport};

use crate::error::Result;

/// A team started by [`create`].
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct TeamStarted {
    /// The line to send colleagues: where the team space is and the team key, never the host's
    /// password.
    pub invitation: String,
    /// The target the team space is on.
    pub target: String,
    /// Items of the site sent to the space.
    pub sent: u64,
}

/// Starts a team on the site's target `target`: writes the team space there and sends the
/// whole site.
pub fn create(site: &Site, target: &str) -> Result<TeamStarted> {
    let (invitation, report) = masthead_team::create(site, target)?;
    Ok(TeamStarted { invitation: invitation.to_text(), target: target.to_string(), sent: report.sent })
}

/// How a joining member reaches the host: their own credential, never in the invitation.
#[derive(Clone, Debug, Default)]
pub struct HostCredential {
    pub user: Option<String>,
    /// An SSH private key file (SFTP).
    pub key_file: Option<std::path::PathBuf>,
    /// The password or secret key; empty or none keeps no secret.
    pub secret: Option<String>,
}

/// A site made by [`join`].
pub struct Joined {
    pub site: Site,
    /// Revisions received from the team.
    pub received: u64,
    pub ms: u64,
}

/// Checks an invitation as pasted, before anything else is asked for.
pub fn check_invitation(invitation: &str) -> Result<()> {
    Invitation::parse(invitation)?;
    Ok(())
}

/// Makes a new site in `dir` (new or empty) from a team invitation as pasted, and fills it
/// with everything the team has.
pub fn join(dir: &Path, invitation: &str, credential: HostCredential) -> Result<Joined> {
    let invitation = Invitation::parse(invitation)?;
    let user = credential.user.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let key_file = credential.key_file.as_deref().filter(|k| !k.as_os_str().is_empty());
    let (site, report) =
        masthead_team::join(dir, &crate::sites::author(), &invitation, user, key_file, credential.secret.as_deref())?;
    Ok(Joined { site, received: report.received, ms: report.ms })
}

/// Removes a member: makes a new team key and writes the team space again with it (a sync
/// comes first). Returns the new invitation, for the members who stay.
pub fn rekey(site: &Site) -> Result<String> {
    Ok(masthead_team::rekey(site)?.to_text())
}

/// A member who stays after a re-key takes the new key from the new invitation, and syncs.
pub fn take_new_key(site: &Site, invitation: &str) -> Result<SyncReport> {
    let invitation = Invitation::parse(invitation)?;
    Ok(masthead_team::adopt(site, &invitation)?)
}

/// Where the site is in its team (an error when it is in none).
pub fn status(site: &Site) -> Result<Status> {
    Ok(masthead_team::status(site)?)
}

/// Where the site is in its team, or `None` when it is in none (a site on its own).
pub fn current(site: &Site) -> Result<Option<Status>> {
    if !masthead_team::is_member(site)? {
        return Ok(None);
    }
    status(site).map(Some)
}

/// Sends this site's saves to the team and receives colleagues'.
pub fn sync(site: &Site) -> Result<SyncReport> {
    Ok(masthead_team::sync(site)?)
}

/// What a publish does first: in a team, brings in colleagues' saved work (and sends this
/// member's), so the published site always includes it. Outside a team it does nothing. When the
/// team's host cannot be reached the publish does not go ahead: it would leave out colleagues'
/// work (and the host's record would then refuse it as a conflict anyway).
pub fn sync_before_publish(site: &Site) -> Result<Option<SyncReport>> {
    if !masthead_team::is_member(site)? {
        return Ok(None);
    }
    masthead_team::sync(site).map(Some).map_err(|e| {
        let e = crate::ApiError::from(e);
        let message = format!(
            "Nothing was published: your colleagues' work could not be brought in first. {} Publish again when the team's host answers.",
            e.message
        );
        crate::ApiError::new(e.code, message)
    })
}

/// What a publish does last: in a team, sends its record (the shared publish history) right
/// away, so that a colleague who publishes next knows of it and is not stopped by a conflict.
/// Best effort: if the host does not answer, the next sync sends it.
pub fn share_publish(site: &Site) {
    if !masthead_team::is_member(site).unwrap_or(false) {
        return;
    }
    if let Err(e) = masthead_team::sync(site) {
        tracing::warn!("team sync after a publish: {e}");
    }
}

/// The items with two versions not yet settled.
pub fn conflicts(site: &Site) -> Result<Vec<Conflict>> {
    Ok(masthead_team::conflicts(site)?)
}

/// Which version of an item with two versions to keep.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    /// The current version, made here.
    Mine,
    /// The other version, a colleague's.
    Theirs,
}

impl From<Keep> for Resolution {
    fn from(keep: Keep) -> Resolution {
        match keep {
            Keep::Mine => Resolution::Mine,
            Keep::Theirs => Resolution::Theirs,
        }
    }
}

/// Settles the conflict of `entity` (`article:slug` …), keeping one version; the other stays
/// in the history. The choice goes to the team with the next sync.
pub fn resolve(site: &Site, entity: &str, keep: Keep) -> Result<()> {
    Ok(masthead_team::resolve(site, entity, &keep.into())?)
}

/// Settles the conflict of `entity` with a text merged by hand (its body, or a slide's blurb);
/// both versions stay in the history.
pub fn resolve_text(site: &Site, entity: &str, text: &str) -> Result<()> {
    Ok(masthead_team::resolve(site, entity, &Resolution::Text(text.to_string()))?)
}

/// [`resolve`] as the app does it, in one step: a sync first (an edit made here since the
/// last one must be sent before choosing), then the choice, then a sync that sends it. Being
/// offline does not stop the choice: it is then sent by the next sync.
pub fn resolve_and_send(site: &Site, entity: &str, keep: Keep) -> Result<()> {
    settle_and_send(site, entity, &keep.into())
}

/// [`resolve_text`] in one step, like [`resolve_and_send`].
pub fn resolve_text_and_send(site: &Site, entity: &str, text: &str) -> Result<()> {
    settle_and_send(site, entity, &Resolution::Text(text.to_string()))
}

fn settle_and_send(site: &Site, entity: &str, choice: &Resolution) -> Result<()> {
    let sync = |site: &Site| match masthead_team::sync(site) {
        Err(e @ TeamError::Host(_)) => {
            tracing::warn!("team sync around a resolve: {e}");
            Ok(())
        }
        other => other.map(|_| ()),
    };
    sync(site)?;
    masthead_team::resolve(site, entity, choice)?;
    Ok(sync(site)?)
}

#[cfg(test)]
mod tests {
    //! The whole flow (create, join, sync, conflicts, resolve) is tested through the CLI, which
    //! calls these operations, in tests/testsuite/team.rs: each member there has a config folder
    //! of its own for the team key, which tests in this process would write to the user's.
    use super::*;
    use crate::Code;

    #[test]
    fn a_site_on_its_own_is_in_no_team_and_says_how_to_start_one() {
        let dir = tempfile::tempdir().unwrap();
        let site = Site::create(dir.path().join("site")).unwrap();
        assert!(current(&site).unwrap().is_none());
        let e = status(&site).unwrap_err();
        assert_eq!(e.code, Code::Invalid);
        assert!(e.message.contains("team create"), "{}", e.message);
        assert_eq!(sync(&site).unwrap_err().code, Code::Invalid);
        let e = resolve(&site, "article:x", Keep::Mine).unwrap_err();
        assert_eq!(e.code, Code::Invalid);
        assert!(conflicts(&site).unwrap().is_empty());
        let e = create(&site, "nowhere").unwrap_err();
        assert!(e.message.contains("nowhere"), "{}", e.message);
    }

    #[test]
    fn a_pasted_text_that_is_no_invitation_is_refused_and_nothing_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let e = check_invitation("hello Ann, here is the link").unwrap_err();
        assert_eq!(e.code, Code::Invalid);
        assert!(e.message.contains("copy the whole line"), "{}", e.message);
        let Err(e) = join(&dir.path().join("team-site"), "masthead-team:AAAA", HostCredential::default()) else {
            panic!("joined from a bad invitation");
        };
        assert_eq!(e.code, Code::Invalid);
        assert!(!dir.path().join("team-site").exists(), "no folder is made for a bad invitation");
    }

    #[test]
    fn keep_is_mine_or_theirs() {
        assert_eq!(serde_json::to_value(Keep::Mine).unwrap(), "mine");
        assert_eq!(serde_json::from_value::<Keep>("theirs".into()).unwrap(), Keep::Theirs);
    }
}
