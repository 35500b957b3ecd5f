//! What travels through the team space: revisions of entities, bundled in segments of a
//! member's log. Both are JSON inside the sealed files (see `key.rs`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Result, TeamError};

/// The format of segments this build writes and reads.
pub(crate) const FORMAT: u32 = 1;

/// One saved state of one entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rev {
    /// A hash of everything below but the author and time (see [`Rev::compute_id`]): two
    /// members who make the same merge of the same versions make the same revision.
    pub rev: String,
    /// The entity's id in the team (the same on every member; `settings` for the settings).
    pub uid: String,
    /// `article`, `slide`, `page`, `media` or `settings`.
    pub kind: String,
    /// The revisions this one was made from: none for a new entity, two for a merge.
    pub parents: Vec<String>,
    /// The entity's fields (no local ids, versions or save times).
    pub data: Value,
    /// In the trash.
    #[serde(default)]
    pub trashed: bool,
    /// When two versions could not be merged: the revision kept beside this one, until
    /// someone resolves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    /// Who saved it (the member's name).
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
    /// A media item's file: the name of its object in the space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blob: Option<String>,
}

/// A value with its object keys sorted at every level, so that its JSON is the same on every
/// computer, whatever order the fields were made in.
pub(crate) fn canonical(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            Value::Object(keys.into_iter().map(|k| (k.clone(), canonical(&map[k]))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}

impl Rev {
    /// This revision with its id (see [`Rev::compute_id`]).
    pub fn with_id(mut self) -> Rev {
        self.rev = self.compute_id();
        self
    }

    /// The id this revision's content gives.
    pub fn compute_id(&self) -> String {
        let mut parents = self.parents.clone();
        parents.sort();
        let identity = serde_json::json!([
            FORMAT,
            self.uid,
            self.kind,
            parents,
            canonical(&self.data),
            self.trashed,
            self.other,
            self.blob
        ]);
        let hash = blake3::hash(serde_json::to_string(&identity).expect("JSON serialises").as_bytes());
        hash.to_hex()[..32].to_string()
    }
}

/// One file of a member's log: `members/<member>/<seq>.seg`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub format: u32,
    /// The member who wrote it, and their name then.
    pub member: String,
    pub name: String,
    /// Its place in the member's log, from 1.
    pub seq: u64,
    pub revs: Vec<Rev>,
}

impl Segment {
    /// Reads a segment that opened with the team key, and checks that it is the one expected
    /// at that place and that every revision's id matches its content.
    pub(crate) fn read(path: &str, plain: &[u8], member: &str, seq: u64) -> Result<Segment> {
        let refused = |why: String| TeamError::Refused { path: path.to_string(), why };
        let seg: Segment = serde_json::from_slice(plain).map_err(|e| refused(format!("it cannot be read ({e})")))?;
        if seg.format != FORMAT {
            return Err(TeamError::Invalid(format!(
                "{path} is of a newer format ({}); update Masthead on this computer to sync.",
                seg.format
            )));
        }
        if seg.member != member || seg.seq != seq {
            return Err(refused("it names another member or place in the log".into()));
        }
        for rev in &seg.revs {
            if rev.compute_id() != rev.rev {
                return Err(refused(format!("revision {} does not match its content", rev.rev)));
            }
            // A kind this build does not know (a colleague's newer Masthead) is kept and
            // reported as not written here (see `failures.rs`), not refused: the file is
            // authentic, and the rest of it goes in.
            if rev.kind.is_empty() || rev.kind.len() > 20 || !rev.kind.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(refused(format!("revision {} is of no kind of item", rev.rev)));
            }
            // An object's name becomes a path on the host: 64 hex digits, nothing else.
            if rev.blob.as_ref().is_some_and(|b| b.len() != 64 || !b.bytes().all(|c| c.is_ascii_hexdigit())) {
                return Err(refused(format!("revision {} names a media object that is not a hash", rev.rev)));
            }
        }
        Ok(seg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rev(data: Value) -> Rev {
        let mut r = Rev {
            rev: String::new(),
            uid: "u".into(),
            kind: "article".into(),
            parents: vec!["b".into(), "a".into()],
            data,
            trashed: false,
            other: None,
            author: "Ann".into(),
            at: "2026-12-07T09:00:00Z".into(),
            blob: None,
        };
        r.rev = r.compute_id();
        r
    }

    #[test]
    fn a_revision_id_depends_on_content_not_on_field_order_or_author() {
        let a = rev(json!({"title": "T", "body": "x"}));
        let mut b = rev(serde_json::from_str(r#"{"body": "x", "title": "T"}"#).unwrap());
        assert_eq!(a.rev, b.rev);
        b.author = "Bob".into();
        b.parents.reverse();
        assert_eq!(b.compute_id(), a.rev);
        assert_ne!(rev(json!({"title": "T", "body": "y"})).rev, a.rev);
    }

    #[test]
    fn a_segment_with_a_changed_revision_is_refused() {
        let seg =
            Segment { format: FORMAT, member: "m".into(), name: "Ann".into(), seq: 3, revs: vec![rev(json!({}))] };
        let bytes = serde_json::to_vec(&seg).unwrap();
        assert_eq!(Segment::read("p", &bytes, "m", 3).unwrap(), seg);
        assert!(Segment::read("p", &bytes, "m", 4).is_err(), "another place");
        assert!(Segment::read("p", &bytes, "n", 3).is_err(), "another member");
        let mut bad = seg.clone();
        bad.revs[0].data = json!({"title": "changed"});
        assert!(Segment::read("p", &serde_json::to_vec(&bad).unwrap(), "m", 3).is_err());
        let mut bad = seg.clone();
        bad.revs[0].blob = Some("../../index.html".into());
        bad.revs[0].rev = bad.revs[0].compute_id();
        let e = Segment::read("p", &serde_json::to_vec(&bad).unwrap(), "m", 3).unwrap_err();
        assert!(e.to_string().contains("not a hash"), "{e}");
    }
}
