//! Revision history: one revision per editing session, restore, and authorship.

use masthead_store::*;

use crate::common::{ManualClock, new_site};

fn edit(site: &Site, a: &Article, body: &str, mode: SaveMode) -> Article {
    let mut a = a.clone();
    a.body = body.into();
    site.save(&a, mode).unwrap()
}

#[test]
fn autosaves_in_one_session_share_a_revision() {
    let (_d, mut site) = new_site();
    let clock = ManualClock::install(&mut site);
    let mut a = site.save(&Article { title: "Draft".into(), ..Default::default() }, SaveMode::Autosave).unwrap();
    for i in 0..5 {
        clock.advance(2);
        a = edit(&site, &a, &format!("typing {i}"), SaveMode::Autosave);
    }
    let revs = site.revisions(Kind::Article, a.meta.id).unwrap();
    assert_eq!(revs.len(), 1, "five autosaves two minutes apart are one session");
    assert_eq!(revs[0].snapshot["body"], "typing 4");
    assert_eq!(revs[0].author, "Tester");

    // Ten minutes idle ends the session.
    clock.advance(11);
    a = edit(&site, &a, "after lunch", SaveMode::Autosave);
    assert_eq!(site.revisions(Kind::Article, a.meta.id).unwrap().len(), 2);

    // An explicit save ends it too: it lands in the current session, the next edit starts anew.
    clock.advance(1);
    a = edit(&site, &a, "saved on purpose", SaveMode::Explicit);
    assert_eq!(site.revisions(Kind::Article, a.meta.id).unwrap().len(), 2);
    clock.advance(1);
    a = edit(&site, &a, "more typing", SaveMode::Autosave);
    let revs = site.revisions(Kind::Article, a.meta.id).unwrap();
    assert_eq!(revs.len(), 3);
    assert_eq!(revs[1].snapshot["body"], "saved on purpose");

    // Another author starts their own revision.
    site.set_author("Colleague");
    clock.advance(1);
    a = edit(&site, &a, "colleague's edit", SaveMode::Autosave);
    let revs = site.revisions(Kind::Article, a.meta.id).unwrap();
    assert_eq!(revs.len(), 4);
    assert_eq!(revs[0].author, "Colleague");

    // Saving without changes adds nothing.
    let same = site.save(&a, SaveMode::Autosave).unwrap();
    assert_eq!(same.meta.version, a.meta.version);
    assert_eq!(site.revisions(Kind::Article, a.meta.id).unwrap().len(), 4);
}

#[test]
fn restoring_a_revision_keeps_history() {
    let (_d, mut site) = new_site();
    let clock = ManualClock::install(&mut site);
    let mut a = site
        .save(&Article { title: "Report".into(), body: "first".into(), ..Default::default() }, SaveMode::Explicit)
        .unwrap();
    clock.advance(1);
    a = edit(&site, &a, "second", SaveMode::Explicit);
    clock.advance(1);
    a = edit(&site, &a, "third", SaveMode::Explicit);
    let revs = site.revisions(Kind::Article, a.meta.id).unwrap();
    assert_eq!(
        revs.iter().map(|r| r.snapshot["body"].as_str().unwrap()).collect::<Vec<_>>(),
        ["third", "second", "first"]
    );

    let first = revs.last().unwrap().id;
    let restored: Article = site.restore_revision(a.meta.id, first, a.meta.version).unwrap();
    assert_eq!(restored.body, "first");
    assert_eq!(site.get::<Article>(a.meta.id).unwrap().body, "first");
    assert_eq!(site.revisions(Kind::Article, a.meta.id).unwrap().len(), 4, "the restore is a revision of its own");

    // Restoring from a stale view is a conflict, like any save.
    let err = site.restore_revision::<Article>(a.meta.id, first, a.meta.version).unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    // Slides and pages have histories too.
    let s = site.save(&Slide { headline: "One".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    let p = site.save(&Page { title: "About".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    assert_eq!(site.revisions(Kind::Slide, s.meta.id).unwrap().len(), 1);
    assert_eq!(site.revisions(Kind::Page, p.meta.id).unwrap().len(), 1);
}

#[test]
fn the_store_reads_no_preference_and_the_cli_names_this_computers_editor() {
    let dir = tempfile::tempdir().unwrap();
    let site_dir = dir.path().join("site");
    let config = site_dir.join("config");
    let run = |args: &[&str]| {
        let out = crate::common::masthead_on(&site_dir, args).env("USER", "login-name").output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["init"]);
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("prefs.json"), r#"{"editor_name": "Ann Smith"}"#).unwrap();
    let src = dir.path().join("src/articles");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("a.md"), "---\ntitle: A\nslug: a\n---\nBody\n").unwrap();
    run(&["import", dir.path().join("src").to_str().unwrap()]);

    let site = Site::open(&site_dir).unwrap();
    assert_eq!(site.author(), "", "opening a site reads no per-machine preference");
    let a: Article = site.find("a").unwrap().unwrap();
    let revs = site.revisions(Kind::Article, a.meta.id).unwrap();
    assert_eq!(revs[0].author, "Ann Smith", "the CLI saves as the editor named in this computer's preferences");
    assert_eq!(a.meta.updated_by, "Ann Smith");
}
