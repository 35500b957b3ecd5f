//! SSH host keys pinned in Masthead's own known_hosts file, one set per host and port.
//!
//! Stricter than `ssh`'s own check, which russh copies: there, a server that offers a key of
//! another algorithm than the pinned one is simply "not known yet", learnt and accepted. Here
//! any key that is not a pinned one, of whatever algorithm, is a changed key; a known_hosts file
//! that cannot be read or parsed is an error (never "nothing pinned"), and so is a key that
//! cannot be recorded: a connection is only accepted with its key pinned.

use std::path::Path;

use russh::keys::known_hosts::{known_host_keys_path, learn_known_hosts_path};
use russh::keys::{HashAlg, PublicKey};

/// What a host's offered key is, against the pins.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Pin {
    /// One of the pinned keys.
    Known,
    /// First contact: now pinned; its SHA-256 fingerprint, to show the user.
    Learnt(String),
    /// Not a pinned key: refuse.
    Changed,
    /// The pins cannot be read or written: refuse, with what went wrong.
    Unusable(String),
}

/// Checks `key` offered by `host:port` against the pins in `known_hosts`, pinning it on first
/// contact.
pub(crate) fn check(host: &str, port: u16, key: &PublicKey, known_hosts: &Path) -> Pin {
    match std::fs::metadata(known_hosts) {
        Ok(m) if !m.is_file() => {
            return Pin::Unusable(format!("{} is not a file", known_hosts.display()));
        }
        Ok(_) => {
            if let Err(e) = std::fs::File::open(known_hosts) {
                return Pin::Unusable(format!("{} cannot be read: {e}", known_hosts.display()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Pin::Unusable(format!("{} cannot be read: {e}", known_hosts.display())),
    }
    let pinned = match known_host_keys_path(host, port, known_hosts) {
        Ok(pinned) => pinned,
        Err(e) => return Pin::Unusable(format!("{} cannot be read: {e}", known_hosts.display())),
    };
    if !pinned.is_empty() {
        return if pinned.iter().any(|(_, k)| k == key) { Pin::Known } else { Pin::Changed };
    }
    match learn_known_hosts_path(host, port, key, known_hosts) {
        Ok(()) => Pin::Learnt(key.fingerprint(HashAlg::Sha256).to_string()),
        Err(e) => Pin::Unusable(format!("the host's key could not be recorded in {}: {e}", known_hosts.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use russh::keys::parse_public_key_base64;

    const ED_A: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIBh2kD9AvGR+0/Wj8hBXsM0G6xJ1IsbidtbC9COD7sEI";
    const ED_B: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIEWiIm6LcndJUntTrDZAu+UPNFwctsVLnuwziXR/MYA0";
    const ECDSA: &str = "AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOsMiHrz8NJsZnwMz8OP0NcVBJr/07U0xfLrhGGqgLaEOkClgbWCvogf3L5/zvQcEacPlXYbr3AARBnClepAzbE=";

    fn key(b64: &str) -> PublicKey {
        parse_public_key_base64(b64).unwrap()
    }

    #[test]
    fn a_key_is_pinned_on_first_contact_and_any_other_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config/known_hosts");
        let learnt = check("sftp.example", 2222, &key(ED_A), &file);
        assert!(matches!(learnt, Pin::Learnt(ref f) if f.starts_with("SHA256:")), "{learnt:?}");
        assert_eq!(check("sftp.example", 2222, &key(ED_A), &file), Pin::Known);
        assert_eq!(check("sftp.example", 2222, &key(ED_B), &file), Pin::Changed);
        // Another algorithm is a change too. russh's own check, which the connection used
        // before, calls it "not known" (not changed), so the key was learnt and accepted.
        let russh_says = russh::keys::known_hosts::check_known_hosts_path("sftp.example", 2222, &key(ECDSA), &file);
        assert!(matches!(russh_says, Ok(false)), "{russh_says:?}");
        assert_eq!(check("sftp.example", 2222, &key(ECDSA), &file), Pin::Changed);
        let lines = std::fs::read_to_string(&file).unwrap();
        assert_eq!(lines.lines().filter(|l| !l.trim().is_empty()).count(), 1, "nothing was appended: {lines}");
        // Pins are per host and port.
        assert!(matches!(check("sftp.example", 22, &key(ECDSA), &file), Pin::Learnt(_)));
        assert!(matches!(check("other.example", 2222, &key(ED_B), &file), Pin::Learnt(_)));
    }

    #[test]
    fn pins_that_cannot_be_read_or_written_refuse_the_connection() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be: unreadable, not "nothing pinned".
        let folder = dir.path().join("known_hosts");
        std::fs::create_dir(&folder).unwrap();
        assert!(matches!(check("h", 22, &key(ED_A), &folder), Pin::Unusable(_)));
        // A damaged file.
        let damaged = dir.path().join("damaged");
        std::fs::write(&damaged, "h ssh-ed25519 !!!notbase64!!!\n").unwrap();
        assert!(matches!(check("h", 22, &key(ED_A), &damaged), Pin::Unusable(_)));
        // A file that cannot be written: the key could not be pinned.
        let blocked = dir.path().join("blocked/known_hosts");
        std::fs::write(dir.path().join("blocked"), "a file, not a folder").unwrap();
        assert!(matches!(check("h", 22, &key(ED_A), &blocked), Pin::Unusable(_)));
    }
}
