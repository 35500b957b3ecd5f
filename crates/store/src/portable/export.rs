//! Exporting a site to the portable folder format.

use std::collections::HashMap;
use std::path::Path;

use super::files::{article_file, media_sidecar, page_file, slide_file};
use super::tree::Tree;
use super::yaml::{Y, write_map};
use crate::article::Article;
use crate::error::{Result, StoreError};
use crate::kind::Kind;
use crate::media::Media;
use crate::page::Page;
use crate::settings::Settings;
use crate::site::Site;
use crate::slide::Slide;

impl Site {
    /// The site as portable files (trash and `cache/` are left out).
    pub fn export_tree(&self) -> Result<Tree> {
        let mut tree = Tree::default();
        let mut put = |path: String, bytes: Vec<u8>| tree.0.insert(path, bytes);
        put("site.yml".into(), settings_file(&self.settings()?).into_bytes());
        // Old addresses (renames, an imported website's permalinks) go along as `aliases`, so
        // their redirects survive an export and an import.
        let mut aliases: HashMap<(Kind, i64), Vec<String>> = HashMap::new();
        for old in self.old_addresses()? {
            let path = old.path();
            let list = aliases.entry((old.kind, old.entity_id)).or_default();
            if !list.contains(&path) {
                list.push(path);
            }
        }
        let aliases_of = |kind: Kind, id: i64| aliases.get(&(kind, id)).map(Vec::as_slice).unwrap_or_default();
        for a in self.list::<Article>()? {
            put(format!("articles/{}.md", a.slug), article_file(&a, aliases_of(Kind::Article, a.meta.id)).into_bytes());
        }
        for s in self.list::<Slide>()? {
            put(format!("slides/{:02}-{}.md", s.position, s.slug), slide_file(&s).into_bytes());
        }
        for p in self.list::<Page>()? {
            put(format!("pages/{}.md", p.slug), page_file(&p, aliases_of(Kind::Page, p.meta.id)).into_bytes());
        }
        for m in self.list::<Media>()? {
            let path = self.media_file(&m)?;
            let bytes = std::fs::read(&path).map_err(|e| StoreError::Io {
                context: format!("The file of media item {} is missing from {}", m.name, path.display()),
                source: e,
            })?;
            put(format!("media/{}", m.name), bytes);
            if let Some(sidecar) = media_sidecar(&m) {
                put(format!("media/{}.yml", m.name), sidecar.into_bytes());
            }
        }
        Ok(tree)
    }

    /// Writes the site as a portable folder into `dir` (empty, or an earlier export).
    pub fn export_dir(&self, dir: &Path) -> Result<usize> {
        let tree = self.export_tree()?;
        tree.write_dir(dir)?;
        Ok(tree.0.len())
    }
}

fn settings_file(s: &Settings) -> String {
    fn opt(v: &Option<String>) -> Option<Y<'_>> {
        v.as_deref().map(Y::Str)
    }
    let mut out = String::new();
    write_map(
        &mut out,
        "",
        &[
            ("title", Some(Y::Str(&s.title))),
            ("tagline", opt(&s.tagline)),
            ("base_url", opt(&s.base_url)),
            ("language", Some(Y::Str(&s.language))),
            ("timezone", Some(Y::Str(&s.timezone))),
            (
                "sections",
                Some(Y::Maps(
                    s.sections
                        .iter()
                        .map(|x| {
                            vec![("slug", Y::Str(&x.slug)), ("title", Y::Str(&x.title)), ("home", Y::Bool(x.home))]
                        })
                        .collect(),
                )),
            ),
            (
                "navigation",
                Some(Y::Maps(
                    s.navigation.iter().map(|n| vec![("label", Y::Str(&n.label)), ("link", Y::Str(&n.link))]).collect(),
                )),
            ),
            (
                "social",
                Some(Y::Maps(
                    s.social.iter().map(|n| vec![("label", Y::Str(&n.label)), ("url", Y::Str(&n.url))]).collect(),
                )),
            ),
            ("newsletter_url", opt(&s.newsletter_url)),
            (
                "partners",
                Some(Y::Maps(
                    s.partners
                        .iter()
                        .map(|p| {
                            let mut m = vec![("name", Y::Str(&p.name))];
                            m.extend(p.url.as_deref().map(|u| ("url", Y::Str(u))));
                            m.extend(p.logo.as_deref().map(|l| ("logo", Y::Str(l))));
                            m
                        })
                        .collect(),
                )),
            ),
            ("logo", opt(&s.logo)),
            ("accent_color", opt(&s.accent_color)),
            ("favicon", opt(&s.favicon)),
            ("social_image", opt(&s.social_image)),
            ("footer", opt(&s.footer)),
            (
                "redirects",
                (!s.redirects.is_empty()).then(|| {
                    Y::Maps(
                        s.redirects.iter().map(|r| vec![("from", Y::Str(&r.from)), ("to", Y::Str(&r.to))]).collect(),
                    )
                }),
            ),
        ],
    );
    out
}
