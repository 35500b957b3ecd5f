//! The team key and the sealing of every file in the team space.
//!
//! Sealing is XChaCha20-Poly1305 (RustCrypto `chacha20poly1305`) with a random 24-byte nonce,
//! under a key derived from the team key with blake3's key derivation; the file's path in the
//! space is authenticated with it, so a file moved to another name is refused like a changed
//! one. Object names are blake3 keyed hashes of the content under a second derived key: equal
//! content gets the same name (a media file is sent once), and a name says nothing to whoever
//! lacks the key.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

use masthead_publish::secret;
use masthead_store::Site;

use crate::error::{Result, TeamError};

/// The name the team key is kept under, beside the targets' secrets.
const KEY_NAME: &str = "team-key";
/// The key of a re-key under way (see [`TeamKey::keep_pending`]).
const PENDING_NAME: &str = "team-key-pending";

/// What every sealed file starts with: the format, readable without the key.
const MAGIC: &[u8; 4] = b"MTS1";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;

/// The secret every member holds. Never written to the host, logs or the site database.
#[derive(Clone, PartialEq, Eq)]
pub struct TeamKey([u8; 32]);

impl std::fmt::Debug for TeamKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TeamKey(…)")
    }
}

/// Random bytes from the operating system.
pub(crate) fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| TeamError::Invalid(format!("The system gave no random numbers ({e}); try again.")))?;
    Ok(bytes)
}

/// A random id as hex (member ids, entity ids, team ids).
pub(crate) fn random_id() -> Result<String> {
    Ok(hex(&random::<16>()?))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}

impl TeamKey {
    /// A new random key.
    pub fn generate() -> Result<TeamKey> {
        Ok(TeamKey(random()?))
    }

    /// The key from its text form (64 hex digits).
    pub fn from_text(text: &str) -> Result<TeamKey> {
        let bytes = data_encoding::HEXLOWER_PERMISSIVE
            .decode(text.trim().as_bytes())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| TeamError::Key("The team key is damaged: it must be 64 hexadecimal digits.".into()))?;
        Ok(TeamKey(bytes))
    }

    /// The text form, for the invitation and the keychain.
    pub fn to_text(&self) -> String {
        hex(&self.0)
    }

    /// The site's team key, from the keychain (or the secrets file, or `MASTHEAD_SECRET_TEAM_KEY`).
    pub fn load(site: &Site) -> Result<TeamKey> {
        let text = secret::get(site.dir(), KEY_NAME).ok_or_else(|| {
            TeamError::Key(
                "The team key of this site is not on this computer (keychain or secrets file); join the team again from an invitation."
                    .into(),
            )
        })?;
        TeamKey::from_text(&text)
    }

    /// Keeps the key for the site like a host's secret: the keychain, else a file only the
    /// user can read.
    pub fn keep(&self, site: &Site) -> Result<()> {
        secret::set(site.dir(), KEY_NAME, &self.to_text())?;
        Ok(())
    }

    /// Keeps a key a re-key is about to seal the space with, before it does: a re-key killed
    /// after the switch finds it again (`switch::finish_pending`), so no member is locked out
    /// by a key nobody kept. `note` is what the re-key needs to finish (its generation…).
    pub(crate) fn keep_pending(&self, site: &Site, note: &str) -> Result<()> {
        secret::set(site.dir(), PENDING_NAME, &format!("{note} {}", self.to_text()))?;
        Ok(())
    }

    /// The pending key of a re-key not finished, with its note.
    pub(crate) fn pending(site: &Site) -> Result<Option<(String, TeamKey)>> {
        let Some(text) = secret::get(site.dir(), PENDING_NAME) else { return Ok(None) };
        let (note, key) = text.rsplit_once(' ').unwrap_or(("", &text));
        Ok(Some((note.to_string(), TeamKey::from_text(key)?)))
    }

    pub(crate) fn clear_pending(site: &Site) -> Result<()> {
        secret::set(site.dir(), PENDING_NAME, "")?;
        Ok(())
    }

    fn derived(&self, purpose: &str) -> [u8; 32] {
        blake3::derive_key(purpose, &self.0)
    }

    /// The name of an object with this content: a keyed hash, 64 hex digits.
    pub fn object_name(&self, content: &[u8]) -> String {
        let key = self.derived("Masthead team sync 2026-12 object names");
        blake3::keyed_hash(&key, content).to_hex().to_string()
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        let key = self.derived("Masthead team sync 2026-12 file encryption");
        XChaCha20Poly1305::new(&key.into())
    }

    /// Encrypts and authenticates `plain` as the file at `path` in the team space.
    pub fn seal(&self, path: &str, plain: &[u8]) -> Result<Vec<u8>> {
        let nonce_bytes: [u8; NONCE_LEN] = random()?;
        let nonce = XNonce::from(nonce_bytes);
        let aad = [&MAGIC[..], path.as_bytes()].concat();
        let sealed = self
            .cipher()
            .encrypt(&nonce, Payload { msg: plain, aad: &aad })
            .map_err(|_| TeamError::Invalid(format!("{path} could not be encrypted.")))?;
        let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// Checks and decrypts the file at `path`; anything changed, moved or sealed with another
    /// key is refused.
    pub fn open(&self, path: &str, sealed: &[u8]) -> Result<Vec<u8>> {
        let refused = |why: &str| TeamError::Refused { path: path.to_string(), why: why.to_string() };
        if sealed.len() < MAGIC.len() + NONCE_LEN + TAG_LEN || &sealed[..MAGIC.len()] != MAGIC {
            return Err(refused("it is not a Masthead team file"));
        }
        let nonce_bytes: [u8; NONCE_LEN] =
            sealed[MAGIC.len()..MAGIC.len() + NONCE_LEN].try_into().expect("length checked");
        let aad = [&MAGIC[..], path.as_bytes()].concat();
        self.cipher()
            .decrypt(&XNonce::from(nonce_bytes), Payload { msg: &sealed[MAGIC.len() + NONCE_LEN..], aad: &aad })
            .map_err(|_| refused("it does not open with this team's key"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_file_opens_only_unchanged_at_its_path_with_its_key() {
        let key = TeamKey::generate().unwrap();
        let plain = b"Embargoed until Monday: the annual report".to_vec();
        let sealed = key.seal("members/a/1.seg", &plain).unwrap();
        assert_eq!(key.open("members/a/1.seg", &sealed).unwrap(), plain);
        assert!(!sealed.windows(9).any(|w| w == b"Embargoed"), "the text is not readable in the file");
        // Every single flipped byte is refused, header, nonce, text and tag alike.
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x01;
            let e = key.open("members/a/1.seg", &bad).unwrap_err();
            assert!(matches!(e, TeamError::Refused { .. }), "byte {i}: {e}");
        }
        let e = key.open("members/b/1.seg", &sealed).unwrap_err();
        assert!(e.to_string().contains("refused"), "{e}");
        let other = TeamKey::generate().unwrap();
        let e = other.open("members/a/1.seg", &sealed).unwrap_err();
        assert!(e.to_string().contains("another team key"), "{e}");
        assert!(key.open("x", &sealed[..20]).is_err(), "a cut file is refused");
        assert!(key.open("x", b"").is_err());
    }

    #[test]
    fn sealing_twice_gives_different_files_and_names_depend_on_the_key() {
        let key = TeamKey::generate().unwrap();
        assert_ne!(key.seal("p", b"same").unwrap(), key.seal("p", b"same").unwrap(), "fresh nonce each time");
        assert_eq!(key.object_name(b"photo"), key.object_name(b"photo"));
        assert_ne!(key.object_name(b"photo"), TeamKey::generate().unwrap().object_name(b"photo"));
        assert_ne!(key.object_name(b"photo"), blake3::hash(b"photo").to_hex().to_string());
    }

    #[test]
    fn the_key_reads_back_from_its_text_and_never_shows_in_debug() {
        let key = TeamKey::generate().unwrap();
        assert_eq!(TeamKey::from_text(&key.to_text()).unwrap(), key);
        assert!(!format!("{key:?}").contains(&key.to_text()));
        assert!(TeamKey::from_text("abc").is_err());
        assert!(TeamKey::from_text(&"zz".repeat(32)).is_err());
    }
}
