//! Old addresses given by hand or by an import (`aliases`): the site paths of a previous
//! website that should redirect to an article or page, and those a published article or page
//! had before a rename. The `old_addresses` table is this module's.

use rusqlite::Connection;

use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::site::Site;

/// An address a published article or page had before it was renamed or moved.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, specta::Type)]
pub struct OldAddress {
    pub kind: Kind,
    pub entity_id: i64,
    pub slug: String,
    pub section: Option<String>,
}

impl OldAddress {
    /// Its site path: `/2019/05/old-name/`, or `/2019/05/old-name.html` for a page file.
    pub fn path(&self) -> String {
        old_address_path(self.section.as_deref(), &self.slug)
    }
}

impl Site {
    /// Every old address, oldest first.
    pub fn old_addresses(&self) -> Result<Vec<OldAddress>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT kind, entity_id, slug, section FROM old_addresses ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(0)?;
            Ok(OldAddress {
                kind: Kind::parse(&kind).unwrap_or(Kind::Article),
                entity_id: r.get(1)?,
                slug: r.get(2)?,
                section: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Keeps `section/slug` as an old address of the entity (once).
pub(crate) fn keep(conn: &Connection, kind: Kind, id: i64, slug: &str, section: Option<&str>, at: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO old_addresses (kind, entity_id, slug, section, created_at) VALUES (?, ?, ?, ?, ?)",
        (kind.as_str(), id, slug, section, at),
    )?;
    Ok(())
}

/// Deletes the entity's old addresses (it is deleted for good).
pub(crate) fn forget(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    conn.execute("DELETE FROM old_addresses WHERE kind = ? AND entity_id = ?", (kind.as_str(), id))?;
    Ok(())
}

/// Splits a site path such as `/2019/05/old-name/` into the section part (`2019/05`) and the
/// last part (`old-name`), the way `old_addresses` keeps them. Only paths made of letters,
/// digits, `-`, `_`, `.` and `~` are accepted: folder-like ones, whose redirect is written as
/// `<path>/index.html` in the built site, and pages ending in `.html` or `.htm` (Jekyll's and
/// many older sites' addresses), whose redirect is that very file.
pub fn split_old_address(path: &str) -> Result<(Option<String>, String)> {
    let bad = |why: &str| {
        StoreError::Invalid(format!(
            "“{}” cannot become a redirect: {why}. Use a site path such as /2019/05/old-name/.",
            path.escape_debug()
        ))
    };
    let Some(rest) = path.strip_prefix('/') else { return Err(bad("it does not start with /")) };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments: Vec<&str> = rest.split('/').collect();
    if rest.is_empty() || segments.len() > 8 {
        return Err(bad("it is the home page or too deep"));
    }
    for seg in &segments {
        let ok_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        if seg.is_empty() || *seg == "." || *seg == ".." || seg.len() > 200 || !seg.bytes().all(ok_char) {
            return Err(bad("it holds characters or parts a file name cannot"));
        }
    }
    if segments.last().is_some_and(|s| s.contains('.') && !is_html_file(s)) {
        return Err(bad("it names a file that is not a web page (only .html and .htm addresses can redirect)"));
    }
    if segments.last().is_some_and(|s| is_html_file(s) && s.len() <= 5) {
        return Err(bad("it has no name before its extension"));
    }
    let (slug, section) = segments.split_last().expect("at least one segment");
    let section = (!section.is_empty()).then(|| section.join("/"));
    Ok((section, slug.to_string()))
}

/// `title.html`, `old.htm`: an address that is a page file rather than a folder.
pub fn is_html_file(last: &str) -> bool {
    let lower = last.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// The site path of an old address: `/section/slug/`, or `/section/slug.html` for a page file.
pub fn old_address_path(section: Option<&str>, slug: &str) -> String {
    let tail = if is_html_file(slug) { "" } else { "/" };
    match section {
        Some(section) => format!("/{section}/{slug}{tail}"),
        None => format!("/{slug}{tail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_into_section_and_slug() {
        assert_eq!(split_old_address("/about/").unwrap(), (None, "about".into()));
        assert_eq!(split_old_address("/2019/05/old-name/").unwrap(), (Some("2019/05".into()), "old-name".into()));
        assert_eq!(split_old_address("/news/x").unwrap(), (Some("news".into()), "x".into()));
        assert_eq!(
            split_old_address("/news/2024/01/31/hello.html").unwrap(),
            (Some("news/2024/01/31".into()), "hello.html".into())
        );
        assert_eq!(split_old_address("/old.htm").unwrap(), (None, "old.htm".into()));
        for path in ["/about/", "/news/x/", "/news/2024/hello.html", "/old.HTM"] {
            let (section, slug) = split_old_address(path).unwrap();
            assert_eq!(old_address_path(section.as_deref(), &slug), path);
        }
        for bad in
            ["", "/", "about/", "/../etc/", "/a//b/", "/a b/", "/old.php", "/.html", "/%2e%2e/", "/é/", "/a/../b.html"]
        {
            assert!(split_old_address(bad).is_err(), "{bad}");
        }
    }
}
