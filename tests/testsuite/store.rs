//! Site folders, migrations, entity round trips, slugs, conflicts and the trash.

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::new_site;

fn full_article() -> Article {
    Article {
        title: "Ça déménage: Zürich élargit l’accès".into(),
        summary: Some("A summary.".into()),
        body: "## Heading\n\nText with **bold**.\n\n```callout\ntone: info\ntext: Hi\n```".into(),
        section: Some("events".into()),
        tags: vec!["integration".into(), "MIPEX 2015".into()],
        author: Some("Anna Author".into()),
        status: Status::Published,
        date: Some("2015-06-30".into()),
        image: Some("media:photo.jpg".into()),
        image_alt: Some("Speakers on a stage".into()),
        seo_title: Some("SEO title".into()),
        seo_description: Some("SEO description".into()),
        lang: Some("fr".into()),
        event_start: Some("2015-06-30T10:00:00+02:00".into()),
        event_end: Some("2015-06-30T17:00".into()),
        location: Some("Brussels".into()),
        ..Default::default()
    }
}

#[test]
fn migrations_run_from_empty_and_refuse_newer_databases() {
    let dir = tempfile::tempdir().unwrap();
    // An empty SQLite file (user_version 0) is migrated when opened as a site.
    let path = dir.path().join("s");
    std::fs::create_dir_all(&path).unwrap();
    rusqlite::Connection::open(path.join("site.db")).unwrap();
    let site = Site::open(&path).unwrap();
    assert!(site.list::<Article>().unwrap().is_empty());
    assert_eq!(site.integrity_check().unwrap(), "ok");
    drop(site);
    let conn = rusqlite::Connection::open(path.join("site.db")).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert!(version >= 1);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Site::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 999, .. }), "{err}");
    assert!(err.to_string().contains("Update Masthead"));

    let err = Site::open(dir.path().join("nowhere")).unwrap_err();
    assert!(err.to_string().contains("masthead --site"), "{err}");
    let err = Site::create(&path).unwrap_err();
    assert!(matches!(err, StoreError::SiteExists(_)));
    for sub in ["media", "cache"] {
        let fresh = dir.path().join("fresh");
        Site::create(&fresh).ok();
        assert!(fresh.join(sub).is_dir());
    }
}

#[test]
fn every_entity_round_trips() {
    let (_d, site) = new_site();
    let mut settings = site.settings().unwrap();
    settings.timezone = "Europe/Brussels".into();
    settings.sections.push(Section { slug: "events".into(), title: "Events".into(), home: true });
    settings.accent_color = Some("#0b6e4f".into());
    settings.partners.push(Partner { name: "EPAM".into(), url: Some("https://epam.example/".into()), logo: None });
    site.save_settings(&settings).unwrap();
    assert_eq!(site.settings().unwrap(), settings);

    let saved = site.save(&full_article(), SaveMode::Explicit).unwrap();
    assert_eq!(saved.slug, "ca-demenage-zurich-elargit-l-acces");
    assert_eq!(saved.meta.version, 1);
    let loaded: Article = site.get(saved.meta.id).unwrap();
    assert_eq!(loaded, saved);
    let expected = Article { slug: saved.slug.clone(), meta: saved.meta.clone(), ..full_article() };
    assert_eq!(loaded, expected);

    let slide = Slide {
        headline: "MPG is 20 years old!".into(),
        blurb: "Read our new Biennial Report.".into(),
        cta: Some("Read more".into()),
        link: Some("article:ca-demenage-zurich-elargit-l-acces".into()),
        position: 1,
        show_from: Some("2015-01-01".into()),
        show_until: Some("2015-12-31".into()),
        status: Status::Published,
        ..Default::default()
    };
    let s = site.save(&slide, SaveMode::Explicit).unwrap();
    assert_eq!(s.slug, "mpg-is-20-years-old");
    assert_eq!(site.get::<Slide>(s.meta.id).unwrap(), s);

    let page = Page { title: "About us".into(), body: "We are…".into(), status: Status::Ready, ..Default::default() };
    let p = site.save(&page, SaveMode::Explicit).unwrap();
    assert_eq!(site.find::<Page>("about-us").unwrap().unwrap(), p);

    let png = tiny_png();
    let Added { media: m, created, .. } = site
        .add_media(
            NewMedia { bytes: &png, original_name: "My Photo.PNG", alt: Some("A dot".into()), ..Default::default() },
            &Pipeline,
        )
        .unwrap();
    assert!(created);
    assert_eq!((m.name.as_str(), m.mime.as_str(), m.width, m.height), ("my-photo.png", "image/png", Some(1), Some(1)));
    assert_eq!(std::fs::read(site.media_path(&m)).unwrap(), png);
    let Added { media: again, created, .. } =
        site.add_media(NewMedia { bytes: &png, original_name: "other.png", ..Default::default() }, &Pipeline).unwrap();
    assert!(!created, "the same bytes are the same item");
    assert_eq!(again.meta.id, m.meta.id);
    assert_eq!(site.list::<Media>().unwrap(), vec![m]);
}

/// A valid 1×1 PNG.
pub(crate) fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
        0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8, 0xCF, 0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF,
        0x56, 0xC7, 0x2F, 0x0D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

#[test]
fn slugs_are_made_from_titles_and_unique_across_articles_and_pages() {
    let (_d, site) = new_site();
    let a = |title: &str| Article { title: title.into(), ..Default::default() };
    assert_eq!(site.save(&a("Привет, мир"), SaveMode::Explicit).unwrap().slug, "privet-mir");
    assert_eq!(site.save(&a("Привет мир!"), SaveMode::Explicit).unwrap().slug, "privet-mir-2");
    assert_eq!(site.save(&a("北京"), SaveMode::Explicit).unwrap().slug, "bei-jing");
    assert_eq!(site.save(&a("*** !!!"), SaveMode::Explicit).unwrap().slug, "untitled");
    let page = Page { title: "Privet mir".into(), ..Default::default() };
    assert_eq!(site.save(&page, SaveMode::Explicit).unwrap().slug, "privet-mir-3", "pages share the namespace");

    // A slug chosen by hand must be valid and free.
    let err = site.save(&Article { slug: "bei-jing".into(), ..a("Other") }, SaveMode::Explicit).unwrap_err();
    assert!(err.to_string().contains("already used by another article"), "{err}");
    let err = site.save(&Page { slug: "privet-mir".into(), ..page.clone() }, SaveMode::Explicit).unwrap_err();
    assert!(err.to_string().contains("already used"), "{err}");
    for bad in ["../etc", "Has Caps", "a/b"] {
        let err = site.save(&Article { slug: bad.into(), ..a("Other") }, SaveMode::Explicit).unwrap_err();
        assert!(err.to_string().contains("is not allowed"), "{bad}: {err}");
    }
    // Renaming to a free slug works; the old one becomes free.
    let mut b: Article = site.find("bei-jing").unwrap().unwrap();
    b.slug = "beijing".into();
    site.save(&b, SaveMode::Explicit).unwrap();
    assert!(site.find::<Article>("bei-jing").unwrap().is_none());
    // Slides have their own namespace.
    let s = site.save(&Slide { headline: "Beijing".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    assert_eq!(s.slug, "beijing");
}

#[test]
fn stale_saves_are_conflicts_and_change_nothing() {
    let (_d, mut site) = new_site();
    let first = site.save(&Article { title: "Shared".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    let mut window_a = first.clone();
    let mut window_b = first.clone();
    site.set_author("Alice");
    window_a.body = "Alice's text".into();
    let saved_a = site.save(&window_a, SaveMode::Autosave).unwrap();
    assert_eq!(saved_a.meta.version, 2);
    site.set_author("Bob");
    window_b.body = "Bob's text".into();
    let err = site.save(&window_b, SaveMode::Autosave).unwrap_err();
    match &err {
        StoreError::Conflict { by, slug, .. } => assert_eq!((by.as_str(), slug.as_str()), ("Alice", "shared")),
        other => panic!("expected a conflict, got {other}"),
    }
    assert!(err.to_string().contains("Reload"), "{err}");
    assert_eq!(site.get::<Article>(first.meta.id).unwrap().body, "Alice's text");
    // Saving on top of the current version works.
    window_b.meta = saved_a.meta.clone();
    assert_eq!(site.save(&window_b, SaveMode::Autosave).unwrap().meta.version, 3);
}

#[test]
fn trash_hides_restores_and_empties() {
    let (_d, site) = new_site();
    let a = site
        .save(
            &Article { title: "Gone soon".into(), body: "unique zebra".into(), ..Default::default() },
            SaveMode::Explicit,
        )
        .unwrap();
    let Added { media: m, .. } = site
        .add_media(
            NewMedia { bytes: &crate::store::tiny_png(), original_name: "dot.png", ..Default::default() },
            &Pipeline,
        )
        .unwrap();
    site.trash(Kind::Article, a.meta.id).unwrap();
    site.trash(Kind::Media, m.meta.id).unwrap();
    assert!(site.list::<Article>().unwrap().is_empty());
    assert!(site.search("zebra", 10).unwrap().is_empty());
    assert!(site.get::<Article>(a.meta.id).is_err());
    assert_eq!(site.list_trash().unwrap().len(), 2);
    // The slug stays reserved while in the trash.
    let other = site.save(&Article { title: "Gone soon".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    assert_eq!(other.slug, "gone-soon-2");
    // Editing a trashed item is refused.
    assert!(site.save(&a, SaveMode::Explicit).unwrap_err().to_string().contains("trash"));

    site.restore_from_trash(Kind::Article, a.meta.id).unwrap();
    assert_eq!(site.search("zebra", 10).unwrap().len(), 1);
    assert_eq!(site.list::<Article>().unwrap().len(), 2);

    let blob = site.media_path(&m);
    assert!(blob.is_file());
    assert_eq!(site.empty_trash().unwrap(), 1);
    assert!(!blob.exists(), "an emptied media item's file is removed");
    assert!(site.list_trash().unwrap().is_empty());
    assert!(site.restore_from_trash(Kind::Media, m.meta.id).is_err());
}

#[test]
fn a_new_item_left_without_a_save_is_discarded_and_a_saved_one_is_kept() {
    let (_d, site) = new_site();
    let untouched =
        site.save(&Article { title: "Untitled article".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    let page = site.save(&Page { title: "Untitled page".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    let mut edited =
        site.save(&Article { title: "Untitled article".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    edited.body = "Typed".into();
    let edited = site.save(&edited, SaveMode::Autosave).unwrap();
    assert!(site.discard_untouched(Kind::Article, untouched.meta.id).unwrap());
    assert!(site.discard_untouched(Kind::Page, page.meta.id).unwrap());
    assert!(!site.discard_untouched(Kind::Article, edited.meta.id).unwrap(), "a saved edit is kept");
    assert!(!site.discard_untouched(Kind::Article, untouched.meta.id).unwrap(), "already gone");
    let titles: Vec<String> = site.list::<Article>().unwrap().into_iter().map(|a| a.body).collect();
    assert_eq!(titles, ["Typed"]);
    assert!(site.list::<Page>().unwrap().is_empty());
    assert!(site.list_trash().unwrap().is_empty(), "nothing left in the trash either");
    // The slug is free again.
    let again =
        site.save(&Article { title: "Untitled article".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    assert_eq!(again.slug, untouched.slug);
}

#[test]
fn dates_follow_the_site_time_zone() {
    let (_d, site) = new_site();
    let mut s = site.settings().unwrap();
    s.timezone = "Pacific/Auckland".into();
    site.save_settings(&s).unwrap();
    let old = site
        .save(
            &Article { title: "Old".into(), date: Some("2015-06-30".into()), ..Default::default() },
            SaveMode::Explicit,
        )
        .unwrap();
    let new = site
        .save(
            &Article { title: "New".into(), date: Some("2015-06-29T13:00:00Z".into()), ..Default::default() },
            SaveMode::Explicit,
        )
        .unwrap();
    // Midnight 30 June in Auckland is noon 29 June UTC: "Old" is the older one.
    let order: Vec<String> = site.list::<Article>().unwrap().into_iter().map(|a| a.slug).collect();
    assert_eq!(order, vec![new.slug.clone(), old.slug.clone()]);
    s.timezone = "UTC".into();
    site.save_settings(&s).unwrap();
    let order: Vec<String> = site.list::<Article>().unwrap().into_iter().map(|a| a.slug).collect();
    assert_eq!(order, vec![old.slug, new.slug]);
    let err = site
        .save(
            &Article { title: "Bad".into(), date: Some("next week".into()), ..Default::default() },
            SaveMode::Explicit,
        )
        .unwrap_err();
    assert!(err.to_string().starts_with("date:"), "{err}");
    s.timezone = "Mars/Base".into();
    assert!(site.save_settings(&s).unwrap_err().to_string().contains("timezone"));
}

#[test]
fn media_uses_follow_every_save() {
    let (_d, site) = new_site();
    let a = site
        .save(
            &Article {
                title: "With media".into(),
                image: Some("media:photo.jpg".into()),
                body: "![x](media:chart.png) and ```download\nfile: media:report.pdf\n```".into(),
                ..Default::default()
            },
            SaveMode::Explicit,
        )
        .unwrap();
    let s = site
        .save(
            &Slide { headline: "S".into(), link: Some("media:report.pdf".into()), ..Default::default() },
            SaveMode::Explicit,
        )
        .unwrap();
    let uses = |site: &Site| -> Vec<(String, Kind, String)> {
        let mut uses: Vec<_> = site.media_uses().unwrap().into_iter().map(|u| (u.name, u.kind, u.field)).collect();
        uses.sort_by(|a, b| (&a.0, a.1.as_str(), &a.2).cmp(&(&b.0, b.1.as_str(), &b.2)));
        uses
    };
    assert_eq!(
        uses(&site),
        [
            ("chart.png".to_string(), Kind::Article, "body".to_string()),
            ("photo.jpg".into(), Kind::Article, "image".into()),
            ("report.pdf".into(), Kind::Article, "body".into()),
            ("report.pdf".into(), Kind::Slide, "link".into()),
        ]
    );
    let mut edited = a.clone();
    edited.body = "No more media.".into();
    site.save(&edited, SaveMode::Explicit).unwrap();
    assert_eq!(uses(&site).len(), 2);
    site.trash(Kind::Slide, s.meta.id).unwrap();
    site.empty_trash().unwrap();
    assert_eq!(uses(&site), [("photo.jpg".to_string(), Kind::Article, "image".to_string())]);
}
