//! Publishing as a team (issue 19): a publish brings in colleagues' saved work first, so the
//! site always includes it; when the team's host cannot be reached, nothing is published.

use masthead_store::{Article, SaveMode, Status};

use crate::team::{Space, founder, join};

#[test]
fn a_publish_brings_in_colleagues_work_first_and_waits_when_the_team_host_is_away() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");
    // Ann publishes a story and sends it; Bob has not synced since.
    ann.open()
        .save(
            &Article {
                title: "Ann's field report".into(),
                slug: "anns-field-report".into(),
                section: Some("news".into()),
                status: Status::Published,
                date: Some("2024-05-01".into()),
                body: "Written by Ann.".into(),
                ..Article::default()
            },
            SaveMode::Explicit,
        )
        .unwrap();
    ann.sync();

    let web = tempfile::tempdir().unwrap();
    let url = format!("file://{}", web.path().join("www").display());
    let added = bob.run(&["target", "add", "web", &url], None);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let published = bob.run(&["publish", "--target", "web", "--json"], None);
    assert!(published.status.success(), "{}", String::from_utf8_lossy(&published.stderr));
    let page = web.path().join("www/news/anns-field-report/index.html");
    assert!(page.is_file(), "Bob's publish includes Ann's story, brought in first");
    assert!(bob.open().find::<Article>("anns-field-report").unwrap().is_some());

    // The team's host goes away: the publish does not go ahead without colleagues' work.
    let root = space.root.clone().unwrap();
    let away = root.with_file_name("away");
    std::fs::rename(&root, &away).unwrap();
    let mut story = bob.open().find::<Article>("anns-field-report").unwrap().unwrap();
    story.body.push_str("\n\nBob's addition.");
    bob.open().save(&story, SaveMode::Explicit).unwrap();
    let before = std::fs::read(&page).unwrap();
    let refused = bob.run(&["publish", "--target", "web"], None);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success(), "published without the team: {stderr}");
    assert!(stderr.contains("Nothing was published") && stderr.contains("colleagues"), "{stderr}");
    assert_eq!(std::fs::read(&page).unwrap(), before, "the website is as it was");
    // A dry run needs no team host: it changes nothing anywhere.
    let plan = bob.run(&["publish", "--target", "web", "--dry-run"], None);
    assert!(plan.status.success(), "{}", String::from_utf8_lossy(&plan.stderr));

    // Back again: the publish goes ahead.
    // The refused sync wrote nothing where the space was (the folder host makes its root
    // folder again, empty).
    assert!(crate::hosts::files_in(&root).is_empty(), "nothing written where the team space was");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::rename(&away, &root).unwrap();
    let again = bob.run(&["publish", "--target", "web"], None);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let html = String::from_utf8(std::fs::read(&page).unwrap()).unwrap();
    assert!(html.contains("addition."), "{html}");
}
