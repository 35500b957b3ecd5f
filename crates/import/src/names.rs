//! Slugs and media names for imported items: the source's own where free, `-2`, `-3` … where
//! the site (or an earlier item of the same import) already uses them.

use std::collections::{HashMap, HashSet};

use masthead_store::{Kind, Media, Page, Site, Slide, slugify, validate_slug};

/// Paths the built site uses itself, which no page or section-less article may take.
const RESERVED: [&str; 8] = ["media", "assets", "search", "tags", "tag", "feed", "p", "page-id"];

/// The names in use, and the ones this import has claimed.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Articles and pages share one set of slugs (both may live at `/<slug>/`).
    slugs: HashSet<String>,
    slides: HashSet<String>,
    /// Media names, with the hash of their file.
    media: HashMap<String, String>,
    /// The hashes of the library's files, with their names.
    hashes: HashMap<String, String>,
}

impl Names {
    /// The names the site uses, trash included (an import must not overwrite a trashed item).
    pub(crate) fn of_site(site: &Site) -> masthead_store::Result<Names> {
        let mut names = Names::default();
        for a in site.list_light::<masthead_store::Article>()? {
            names.slugs.insert(a.slug);
        }
        for p in site.list_light::<Page>()? {
            names.slugs.insert(p.slug);
        }
        for s in site.list_light::<Slide>()? {
            names.slides.insert(s.slug);
        }
        for m in site.list_light::<Media>()? {
            names.hashes.insert(m.hash.clone(), m.name.clone());
            names.media.insert(m.name, m.hash);
        }
        for t in site.list_trash()? {
            match t.kind {
                Kind::Slide => names.slides.insert(t.key),
                Kind::Media => names.media.insert(t.key, String::new()).is_some(),
                _ => names.slugs.insert(t.key),
            };
        }
        for s in site.settings()?.sections {
            names.slugs.insert(s.slug);
        }
        names.slugs.extend(RESERVED.iter().map(|s| s.to_string()));
        Ok(names)
    }

    /// Claims a slug for an article or page made from `wanted` (a slug or a title): the
    /// result, and whether it had to be changed because the name was taken.
    pub(crate) fn slug(&mut self, wanted: &str) -> (String, bool) {
        claim(&mut self.slugs, wanted)
    }

    /// Claims a section slug (sections and pages share the site's top-level addresses).
    pub(crate) fn section(&mut self, wanted: &str) {
        self.slugs.insert(wanted.to_string());
    }

    /// Whether a slug is in use (by the site or by this import).
    pub(crate) fn is_taken(&self, slug: &str) -> bool {
        self.slugs.contains(slug)
    }

    /// Claims a slide slug.
    pub(crate) fn slide(&mut self, wanted: &str) -> String {
        claim(&mut self.slides, wanted).0
    }

    /// The name a file gets: the library's own name when the very same file is there already,
    /// else `wanted` or `wanted-2.ext` …; and whether the file is new to the library.
    pub(crate) fn media(&mut self, wanted: &str, hash: &str) -> (String, bool) {
        if let Some(name) = self.hashes.get(hash) {
            return (name.clone(), false);
        }
        let (stem, ext) = wanted.rsplit_once('.').unwrap_or((wanted, "bin"));
        let mut name = wanted.to_string();
        for n in 2.. {
            if !self.media.contains_key(&name) {
                break;
            }
            name = format!("{stem}-{n}.{ext}");
        }
        self.media.insert(name.clone(), hash.to_string());
        self.hashes.insert(hash.to_string(), name.clone());
        (name, true)
    }
}

fn claim(set: &mut HashSet<String>, wanted: &str) -> (String, bool) {
    let base = if validate_slug(wanted).is_ok() { wanted.to_string() } else { slugify(wanted) };
    let mut slug = base.clone();
    for n in 2.. {
        if !set.contains(&slug) {
            break;
        }
        slug = format!("{base}-{n}");
    }
    set.insert(slug.clone());
    let changed = slug != base;
    (slug, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taken_names_get_a_number() {
        let mut names = Names::default();
        assert_eq!(names.slug("about"), ("about".into(), false));
        assert_eq!(names.slug("about"), ("about-2".into(), true));
        assert_eq!(names.slug("Über uns!"), ("uber-uns".into(), false));
        assert_eq!(names.media("a.jpg", "h1"), ("a.jpg".into(), true));
        assert_eq!(names.media("a.jpg", "h2"), ("a-2.jpg".into(), true));
        assert_eq!(names.media("b.jpg", "h1"), ("a.jpg".into(), false), "the same file is not added twice");
    }
}
