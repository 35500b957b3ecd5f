//! Which paths Masthead may touch on a host. Paths come from the local build, but also from the
//! host's manifest and the local journal, which anyone with access to the host (or a bug) may
//! have changed: a path read from them is checked before anything is deleted, and the host
//! refuses every other path where it joins one onto its root.

use crate::error::{PublishError, Result};

/// Where the manifest and the lock live on the host.
pub const MANIFEST: &str = ".masthead/manifest.json";
pub const LOCK: &str = ".masthead/lock.json";

/// The file a connection test writes, reads back and deletes.
pub(crate) const CONNECTION_TEST: &str = ".masthead/connection-test";

/// Masthead's own files on a host: the only paths under `.masthead/` it touches.
const OWN: [&str; 3] = [MANIFEST, LOCK, CONNECTION_TEST];

/// Why `path` is not the path of a file of a built site, or `None` when it is one: relative,
/// `/`-separated, with no empty, `.` or `..` part, no backslash and no control character. No
/// part may start with a dot either: a build never makes such a file (slugs, media names and
/// theme files cannot), so `.htaccess`, `.git/…` or `.masthead/…` on a host are never Masthead's.
pub(crate) fn site_path_problem(path: &str) -> Option<&'static str> {
    if path.is_empty() {
        return Some("it is empty");
    }
    if path.starts_with('/') {
        return Some("it is absolute (starts with `/`)");
    }
    if path.contains('\\') {
        return Some("it holds a backslash");
    }
    if path.chars().any(char::is_control) {
        return Some("it holds a control character");
    }
    for part in path.split('/') {
        match part {
            "" => return Some("it has an empty part (`//` or a `/` at the end)"),
            "." | ".." => return Some("it has a `.` or `..` part"),
            p if p.starts_with('.') => {
                return Some("it has a part starting with a dot, which Masthead never publishes");
            }
            _ => {}
        }
    }
    None
}

/// Checks a path before a host reads, writes or deletes it: a site file or one of Masthead's own.
pub(crate) fn allowed_on_host(path: &str) -> Result<()> {
    match site_path_problem(path) {
        Some(why) if !OWN.contains(&path) => Err(PublishError::Invalid(format!(
            "Masthead refused to touch `{}` on the host: {why}.",
            path.escape_debug()
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_site_paths_pass() {
        for ok in ["index.html", "news/a-b/index.html", "media/960/photo.jpg.webp", "assets/site.v2.css", "x..y"] {
            assert_eq!(site_path_problem(ok), None, "{ok}");
            allowed_on_host(ok).unwrap();
        }
        for bad in [
            "",
            "../outside.txt",
            "/etc/x",
            "a/../../b",
            "a/./b",
            ".",
            "..",
            "a//b",
            "a/",
            "a\\..\\..\\b",
            "..\\x",
            "a\0b",
            "a\nb",
            "a\u{7f}b",
            ".htaccess",
            ".git/config",
            "news/.hidden",
            ".masthead/manifest.json",
            ".masthead/other",
        ] {
            assert!(site_path_problem(bad).is_some(), "{bad:?} passed");
        }
    }

    #[test]
    fn the_host_touches_its_own_files_and_site_files_only() {
        for own in [MANIFEST, LOCK, CONNECTION_TEST] {
            allowed_on_host(own).unwrap();
        }
        for bad in ["../outside.txt", "/etc/x", "a/../../b", ".masthead/../../x", ".masthead/keys", ".htaccess"] {
            let e = allowed_on_host(bad).unwrap_err().to_string();
            assert!(e.contains("refused") && e.contains(bad), "{e}");
        }
    }
}
