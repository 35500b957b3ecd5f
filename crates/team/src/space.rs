//! The team space on the host, in the folder [`SPACE_DIR`] of a target:
//!
//! ```text
//! _masthead_team/space                       the team's id (sealed): proves the key on joining
//! _masthead_team/members/<member>/<seq>.seg  each member's log, written only by that member
//! _masthead_team/objects/<keyed hash>        media files, named by content, written once
//! ```
//!
//! No file is ever written by two members, and none is ever changed once written, so hosts
//! without compare-and-swap (WebDAV, FTP, SFTP) are safe. Every file is sealed (see `key.rs`).

use masthead_publish::{Endpoint, Host};
use masthead_store::{Prefs, Site, Target};
use serde::{Deserialize, Serialize};

use crate::error::{Result, TeamError};
use crate::key::TeamKey;
use crate::wire::{FORMAT, Segment};

/// The team space's folder under a target's root. `_` cannot begin a slug, a media name or a
/// theme file, so a site published to the same host never writes or deletes anything in it.
pub const SPACE_DIR: &str = "_masthead_team";

const MARKER: &str = "space";

/// What the `space` file holds.
#[derive(Serialize, Deserialize)]
struct Marker {
    format: u32,
    team: String,
    /// A new one each time the team key changes (`team rekey`); the first has no folder of its
    /// own, every later one its folder `g<N>/` (members, objects), sealed with its own key.
    #[serde(default = "first_generation")]
    generation: u64,
}

fn first_generation() -> u64 {
    1
}

/// A connected team space.
pub struct Space {
    host: Host,
    rt: tokio::runtime::Runtime,
    key: TeamKey,
    /// Where the generation's files are: empty for the first, `g<N>/` after.
    prefix: String,
}

/// The folder of a generation's files.
fn prefix_of(generation: u64) -> String {
    if generation <= 1 { String::new() } else { format!("g{generation}/") }
}

fn member_dir_ok(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub(crate) fn segment_path(member: &str, seq: u64) -> String {
    format!("members/{member}/{seq}.seg")
}

pub(crate) fn object_path(name: &str) -> String {
    format!("objects/{name}")
}

/// The endpoint of the space: the target's with [`SPACE_DIR`] added to its root.
fn space_endpoint(endpoint: Endpoint) -> Endpoint {
    let sub = |root: String| {
        let root = if root.ends_with('/') { root } else { format!("{root}/") };
        format!("{root}{SPACE_DIR}/")
    };
    match endpoint {
        Endpoint::File { root } => Endpoint::File { root: sub(root) },
        Endpoint::Webdav { endpoint, root } => Endpoint::Webdav { endpoint, root: sub(root) },
        Endpoint::S3 { bucket, root, endpoint, region, virtual_host } => {
            Endpoint::S3 { bucket, root: sub(root), endpoint, region, virtual_host }
        }
        Endpoint::Ftp { endpoint, root, tls } => Endpoint::Ftp { endpoint, root: sub(root), tls },
        Endpoint::Sftp { host, port, root } => Endpoint::Sftp { host, port, root: sub(root) },
    }
}

impl Space {
    /// Connects to the space on `target`, with the target's stored secret.
    pub fn connect(site: &Site, target: &Target, key: TeamKey) -> Result<Space> {
        let parsed = masthead_publish::parse(&target.url, target.user.as_deref())?;
        if parsed.plain_remote && !target.insecure {
            return Err(TeamError::Invalid(format!(
                "{} would send the team's files unencrypted over the network; use an encrypted address.",
                target.url
            )));
        }
        let secret = masthead_publish::secret::get(site.dir(), &target.name);
        let known_hosts = Prefs::path().with_file_name("known_hosts");
        let key_file = target.key_file.as_deref().map(std::path::Path::new);
        let endpoint = space_endpoint(parsed.endpoint);
        let host = Host::connect(&endpoint, parsed.user.as_deref(), secret.as_deref(), key_file, &known_hosts)?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| TeamError::Invalid(format!("Could not start the network client: {e}")))?;
        Ok(Space { host, rt, key, prefix: String::new() })
    }

    /// The team key.
    pub fn key(&self) -> &TeamKey {
        &self.key
    }

    /// Works with the files of `generation` (see [`Marker`]) from now on.
    pub(crate) fn use_generation(&mut self, generation: u64) {
        self.prefix = prefix_of(generation);
    }

    /// Reads and opens a file of the generation; `None` when it is not there.
    pub fn read(&self, path: &str) -> Result<Option<Vec<u8>>> {
        let got = self.rt.block_on(self.host.read(&format!("{}{path}", self.prefix)))?;
        got.map(|(bytes, _)| self.key.open(path, &bytes)).transpose()
    }

    /// Writes already sealed bytes into the generation.
    pub(crate) fn write_sealed(&self, path: &str, sealed: Vec<u8>) -> Result<()> {
        Ok(self.rt.block_on(self.host.write(&format!("{}{path}", self.prefix), sealed))?)
    }

    /// Seals and writes a file.
    pub fn write(&self, path: &str, plain: &[u8]) -> Result<()> {
        let sealed = self.key.seal(path, plain)?;
        self.write_sealed(path, sealed)
    }

    /// The team's id and the space's generation, read from the space; `None` when there is no
    /// space there yet.
    pub fn team(&self) -> Result<Option<(String, u64)>> {
        let Some((sealed, _)) = self.rt.block_on(self.host.read(MARKER))? else { return Ok(None) };
        let plain = self.key.open(MARKER, &sealed)?;
        let marker: Marker = serde_json::from_slice(&plain)
            .map_err(|e| TeamError::Refused { path: MARKER.into(), why: format!("it cannot be read ({e})") })?;
        Ok(Some((marker.team, marker.generation)))
    }

    /// The team's id, read from the space; `None` when there is no space there yet.
    pub fn team_id(&self) -> Result<Option<String>> {
        Ok(self.team()?.map(|(team, _)| team))
    }

    /// Writes the `space` file: of a new team, or of a new generation (written last, once its
    /// files are all there).
    pub(crate) fn write_marker(&self, team: &str, generation: u64) -> Result<()> {
        let marker = Marker { format: FORMAT, team: team.to_string(), generation };
        let plain = serde_json::to_vec(&marker).expect("JSON serialises");
        let sealed = self.key.seal(MARKER, &plain)?;
        Ok(self.rt.block_on(self.host.write(MARKER, sealed))?)
    }

    /// The members that have a log in the generation (one listing of one folder).
    pub fn members(&self) -> Result<Vec<String>> {
        let names = self.rt.block_on(self.host.list_dir(&format!("{}members", self.prefix)))?;
        Ok(names.into_iter().filter(|n| member_dir_ok(n)).collect())
    }

    /// A member's segment, checked; `None` when the log does not reach that far yet.
    pub fn segment(&self, member: &str, seq: u64) -> Result<Option<Segment>> {
        let path = segment_path(member, seq);
        let Some(plain) = self.read(&path)? else { return Ok(None) };
        Segment::read(&path, &plain, member, seq).map(Some)
    }

    /// Whether there is a `space` file (of any team) here.
    pub(crate) fn read_raw_exists(&self) -> Result<bool> {
        Ok(self.rt.block_on(self.host.read(MARKER))?.is_some())
    }
}
