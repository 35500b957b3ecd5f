//! What a host's manifest and the local publish journal may make a publish delete.

use masthead_publish::fuzzing::{is_site_path, journal_deletions, manifest_deletions};

/// A manifest read from a host is refused, or every deletion it leads to is a site path
/// (relative, no `..`, no hidden or control characters), so a publish can never delete
/// anything outside the site's place on the host.
pub fn manifest(data: &[u8]) {
    match manifest_deletions(data) {
        Ok(deletions) => {
            for path in deletions {
                assert!(is_site_path(&path), "manifest path {path:?} would be deleted");
            }
        }
        Err(message) => assert!(message.contains("masthead publish --verify"), "an error without a way out: {message}"),
    }
}

/// Whatever the journal file holds, the deletions it resumes are site paths.
pub fn journal(data: &[u8]) {
    for host in [None, Some("m1")] {
        for path in journal_deletions(data, host) {
            assert!(is_site_path(&path), "journal path {path:?} would be deleted");
        }
    }
}
