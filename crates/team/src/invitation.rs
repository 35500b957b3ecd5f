//! The invitation: one line of text a member sends a colleague, holding where the team space is
//! and the team key, never the host's credential.

use serde::{Deserialize, Serialize};

use crate::error::{Result, TeamError};
use crate::key::TeamKey;
use masthead_store::{Target, without_credentials};

const PREFIX: &str = "masthead-team:";

/// The invitation to the team `team` whose space is on `target`, with `key`.
pub(crate) fn invitation_for(team: &str, target: &Target, key: &TeamKey) -> Invitation {
    Invitation {
        v: 1,
        team: team.to_string(),
        target: target.name.clone(),
        url: without_credentials(&target.url),
        insecure: target.insecure,
        key: key.to_text(),
    }
}

/// What an invitation holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    /// Format version.
    pub v: u32,
    /// The team's id (checked against the space).
    pub team: String,
    /// The target's name on the inviting member's site; the joining site names it the same.
    pub target: String,
    /// The target's URL, without any user name or password.
    pub url: String,
    /// Plain HTTP or FTP to another machine was accepted for this target.
    #[serde(default)]
    pub insecure: bool,
    /// The team key (hex).
    pub key: String,
}

impl Invitation {
    /// The one-line text form.
    pub fn to_text(&self) -> String {
        let json = serde_json::to_vec(self).expect("invitations serialise");
        format!("{PREFIX}{}", data_encoding::BASE64URL_NOPAD.encode(&json))
    }

    /// Reads an invitation as pasted (surrounding spaces and line breaks are ignored).
    pub fn parse(text: &str) -> Result<Invitation> {
        let bad = || {
            TeamError::Invalid(
                "This is not a Masthead team invitation (it starts with `masthead-team:`); copy the whole line again."
                    .into(),
            )
        };
        let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let body = text.strip_prefix(PREFIX).ok_or_else(bad)?;
        let json = data_encoding::BASE64URL_NOPAD.decode(body.as_bytes()).map_err(|_| bad())?;
        let inv: Invitation = serde_json::from_slice(&json).map_err(|_| bad())?;
        if inv.v != 1 {
            return Err(TeamError::Invalid(format!(
                "This invitation is of a newer format ({}); update Masthead to join.",
                inv.v
            )));
        }
        TeamKey::from_text(&inv.key)?;
        Ok(inv)
    }

    /// The team key it holds.
    pub fn team_key(&self) -> Result<TeamKey> {
        TeamKey::from_text(&self.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_round_trips_and_never_carries_a_credential() {
        assert_eq!(without_credentials("sftp://ann@host:22/www/"), "sftp://host:22/www/");
        assert_eq!(without_credentials("webdavs://ann:pw@dav.example.org/x"), "webdavs://dav.example.org/x");
        assert_eq!(without_credentials("s3://bucket/p?endpoint=http://a@b"), "s3://bucket/p?endpoint=http://a@b");
        assert_eq!(without_credentials("file:///tmp/team"), "file:///tmp/team");
        let inv = Invitation {
            v: 1,
            team: "t".into(),
            target: "live".into(),
            url: "file:///tmp/x".into(),
            insecure: false,
            key: TeamKey::generate().unwrap().to_text(),
        };
        let text = inv.to_text();
        assert!(text.starts_with("masthead-team:") && !text.contains(char::is_whitespace));
        assert_eq!(Invitation::parse(&format!("  {text}\n")).unwrap(), inv);
        assert!(Invitation::parse("hello").is_err());
        assert!(Invitation::parse(&text[..text.len() - 5]).is_err());
    }
}
