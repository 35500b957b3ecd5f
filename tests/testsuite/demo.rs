//! The demo site built from the seed homepage.

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::{new_site, repo};

/// The carousel of the seed homepage: (headline, blurb, call to action) in order.
pub(crate) fn seed_carousel() -> Vec<(String, String, String)> {
    let path = repo().join("tests/fixtures/seed/homepage.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let start = text.find("Go to Top").unwrap() + "Go to Top".len();
    let end = text.find("Welcome to the Migration Policy Group").unwrap();
    let lines: Vec<&str> = text[start..end].lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len() % 3, 0, "the seed carousel is headline, blurb, call to action");
    lines.chunks(3).map(|c| (c[0].to_string(), c[1].to_string(), c[2].to_string())).collect()
}

#[test]
fn every_featured_item_of_the_seed_is_a_slide() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let slides = site.list::<Slide>().unwrap();
    let seed = seed_carousel();
    assert_eq!(slides.len(), seed.len());
    for (slide, (headline, _, cta)) in slides.iter().zip(&seed) {
        assert_eq!(&slide.headline, headline);
        assert_eq!(slide.cta.as_deref(), Some(cta.as_str()), "{headline}");
        assert!(!slide.blurb.is_empty() && slide.link.is_some(), "{headline}");
    }
    let report = slides.iter().find(|s| {
        s.cta.as_deref() == Some("Download the report") && s.link.as_deref().is_some_and(|l| l.ends_with(".pdf"))
    });
    assert!(report.is_some(), "a 'Download the report' slide links to the report PDF");
}

#[test]
fn demo_references_resolve() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let settings = site.settings().unwrap();
    let resolves = |r: &str| match Reference::parse(r).unwrap() {
        Reference::Article(s) => site.find::<Article>(s).unwrap().is_some_and(|a| a.status == Status::Published),
        Reference::Page(s) => site.find::<Page>(s).unwrap().is_some(),
        Reference::Media(n) => site.find::<Media>(n).unwrap().is_some(),
        Reference::Url(_) => true,
        Reference::Path(p) => settings.sections.iter().any(|s| p == format!("/{}/", s.slug)) || p == "/",
    };
    let mut refs: Vec<String> = vec![];
    for a in site.list::<Article>().unwrap() {
        assert!(settings.section(a.section.as_deref().unwrap_or("")).is_some(), "{}: unknown section", a.slug);
        refs.extend(a.image);
        for cap in a.body.split(|c: char| c == '(' || c == ')' || c.is_whitespace()) {
            if cap.starts_with("article:") || cap.starts_with("page:") || cap.starts_with("media:") {
                refs.push(cap.trim_end_matches(['.', ',']).to_string());
            }
        }
    }
    for s in site.list::<Slide>().unwrap() {
        refs.extend(s.link);
        refs.extend(s.image);
    }
    refs.extend(settings.navigation.iter().map(|n| n.link.clone()));
    refs.extend([settings.logo.clone(), settings.favicon.clone(), settings.social_image.clone()].into_iter().flatten());
    assert!(refs.len() > 40);
    for r in refs {
        assert!(resolves(&r), "{r} does not resolve in the demo site");
    }
    let events: Vec<Article> =
        site.list::<Article>().unwrap().into_iter().filter(|a| a.section.as_deref() == Some("events")).collect();
    assert!(events.len() >= 3 && events.iter().all(|e| e.event_start.is_some() && e.location.is_some()));
    assert!(site.find::<Media>("sirius-final-conference-report.pdf").unwrap().is_some());
    assert!(site.list::<Media>().unwrap().iter().filter(|m| m.mime == "image/jpeg").count() >= 3);
}
