//! The sitemap: every HTML page of a build (but the 404 page and redirects), with the date it
//! last changed.

use serde_json::Value;

use crate::FastMap;
use crate::error::Result;
use crate::html::escape_into;
use crate::keys::Keys;
use crate::memo::Memo;
use crate::plan::Produced;
use crate::theme::Theme;
use crate::views::Views;

/// One entry of the sitemap, as its template sees it.
#[derive(serde::Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: String,
}

/// The fingerprint of `sitemap.xml` for `paths` (every output path of the build, sorted), and
/// its bytes unless the last build's are still right.
pub(crate) fn sitemap(views: &Views<'_>, theme: &Theme, memo: &Memo, keys: &Keys, paths: &[&str]) -> Result<Produced> {
    let path = "sitemap.xml".to_string();
    let dates = Dates::new(views, keys);
    // (Each page's folder, as its URL without the leading slash.)
    let pages = || paths.iter().filter_map(|p| p.strip_suffix("index.html")).map(|dir| (dir, dates.of(dir)));
    if theme.is_default("sitemap.xml") {
        // Written here rather than through the template: a large site's sitemap has tens of
        // thousands of entries, and the template took ~20 ms for 13,500 (a test checks that
        // both make the same bytes). The bytes are its fingerprint: making them is as quick as
        // any key that would say whether they changed.
        let xml = default_sitemap(views.base(), pages());
        let fp = memo.fingerprint(&[b"sitemap", blake3::hash(xml.as_bytes()).as_bytes()]);
        let bytes = memo.reusable(&path, &fp).is_none().then(|| xml.into_bytes());
        return Ok(Produced { path, fp, bytes });
    }
    let urls: Vec<SitemapUrl> = pages()
        .map(|(dir, lastmod)| SitemapUrl { loc: format!("{}/{dir}", views.base()), lastmod: lastmod.into() })
        .collect();
    let mut key = String::new();
    for u in &urls {
        key.extend([u.loc.as_str(), " ", &u.lastmod, "\n"]);
    }
    let fp = memo.fingerprint(&[b"sitemap", key.as_bytes()]);
    let bytes = match memo.reusable(&path, &fp) {
        Some(_) => None,
        None => Some(from_template(views, theme, &urls)?.into_bytes()),
    };
    Ok(Produced { path, fp, bytes })
}

/// The date each page last changed: an article's is the day of its last save (or its date);
/// every other page shows articles, and takes the newest article's date.
struct Dates<'a> {
    articles: FastMap<&'a str, &'a str>,
    newest: String,
}

impl<'a> Dates<'a> {
    fn new(views: &Views<'_>, keys: &'a Keys) -> Dates<'a> {
        let content = views.content;
        let d = &content.dates;
        let newest = content.articles.iter().find_map(|a| a.date).unwrap_or(content.now);
        let articles = keys.articles().map(|k| (k.url.trim_start_matches('/'), k.lastmod.as_str())).collect();
        Dates { articles, newest: d.ymd(newest) }
    }

    fn of(&self, dir: &str) -> &str {
        self.articles.get(dir).copied().unwrap_or(&self.newest)
    }
}

/// What `themes/default/templates/sitemap.xml` makes of these pages (folder, date) of the site
/// at `base`.
fn default_sitemap<'a>(base: &str, pages: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut base_escaped = String::new();
    escape_into(&mut base_escaped, base);
    let mut xml = String::with_capacity(120 + pages.size_hint().0 * 110);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">",
    );
    for (dir, lastmod) in pages {
        xml.push_str("<url>\n<loc>");
        xml.push_str(&base_escaped);
        xml.push('/');
        escape_into(&mut xml, dir);
        xml.push_str("</loc>");
        if !lastmod.is_empty() {
            xml.push_str("<lastmod>");
            escape_into(&mut xml, lastmod);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>");
    }
    xml.push_str("</urlset>");
    xml
}

fn from_template(views: &Views<'_>, theme: &Theme, urls: &[SitemapUrl]) -> Result<String> {
    // Handed to the template as it is (not through a JSON value first): a large site's sitemap
    // has tens of thousands of entries.
    #[derive(serde::Serialize)]
    struct Context<'a> {
        site: Value,
        urls: &'a [SitemapUrl],
    }
    theme.render("sitemap.xml", Context { site: views.site("/"), urls })
}

#[cfg(test)]
mod tests {
    use super::{SitemapUrl, default_sitemap};
    use crate::theme::Theme;

    #[test]
    fn the_default_sitemap_is_what_its_template_makes() {
        let theme = Theme::load(None).unwrap();
        let cases: [(&str, Vec<(&str, &str)>); 4] = [
            ("https://example.org", vec![]),
            ("https://example.org", vec![("", "2026-01-02")]),
            (
                "https://example.org",
                vec![("", "2026-01-02"), ("news/a&b-\"quoted\"-'it'-<x>-été/", "2025-12-31"), ("no-date/", "")],
            ),
            ("", vec![("", "2026-01-02"), ("news/a/", "2025-12-31")]),
        ];
        for (base, pages) in cases {
            let urls: Vec<SitemapUrl> = pages
                .iter()
                .map(|(dir, lastmod)| SitemapUrl { loc: format!("{base}/{dir}"), lastmod: lastmod.to_string() })
                .collect();
            let by_template = theme.render("sitemap.xml", serde_json::json!({ "site": {}, "urls": urls })).unwrap();
            assert_eq!(default_sitemap(base, pages.into_iter()), by_template);
        }
    }

    #[test]
    fn a_site_that_replaces_the_sitemap_template_gets_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let default = Theme::load(None).unwrap();
        assert!(default.is_default("sitemap.xml"));
        // The same bytes as the default's are the default.
        let ours = include_str!("../../../themes/default/templates/sitemap.xml");
        std::fs::write(dir.path().join("templates/sitemap.xml"), ours).unwrap();
        assert!(Theme::load(Some(dir.path())).unwrap().is_default("sitemap.xml"));
        std::fs::write(dir.path().join("templates/sitemap.xml"), "{% for u in urls %}{{ u.loc }}\n{% endfor %}")
            .unwrap();
        let theirs = Theme::load(Some(dir.path())).unwrap();
        assert!(!theirs.is_default("sitemap.xml"));
        assert!(theirs.is_default("rss.xml"));
    }
}
