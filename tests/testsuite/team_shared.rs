//! What a team shares besides content (issue 19): the publish targets, without anyone's
//! credential (a member gives their own), and the publish history of every member; and a
//! conflict settled with a text merged by hand (`resolve ENTITY --text FILE`).

use masthead_store::{Article, SaveMode, Site, Status};
use serde_json::{Value, json};

use crate::team::{Member, Space, assert_same_exports, founder, join, n};

fn ok(m: &Member, args: &[&str]) {
    let out = m.run(args, None);
    assert!(out.status.success(), "{} {args:?}: {}", m.name, String::from_utf8_lossy(&out.stderr));
}

fn target<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("no target {name}: {list}"))
}

#[test]
fn targets_travel_without_credentials_and_every_members_publishes_are_in_the_history() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");
    let web = tempfile::tempdir().unwrap();
    let url = format!("file://{}", web.path().join("www").display());
    ok(&ann, &["target", "add", "web", &url]);
    ok(&ann, &["target", "add", "staging", "sftp://ann@127.0.0.1:2222/www", "--user", "ann"]);
    let story = Article {
        title: "Ann's report".into(),
        slug: "anns-report".into(),
        section: Some("news".into()),
        status: Status::Published,
        date: Some("2024-05-01".into()),
        body: "Written by Ann.".into(),
        ..Article::default()
    };
    ann.open().save(&story, SaveMode::Explicit).unwrap();
    ok(&ann, &["publish", "--target", "web"]);
    ann.sync();

    // Bob gets the targets, none of Ann's credential, and Ann's publish in his history.
    bob.sync();
    let targets = bob.json(&["target", "list", "--json"]);
    assert_eq!(target(&targets, "web")["url"], url.as_str());
    let staging = target(&targets, "staging");
    assert_eq!(staging["url"], "sftp://127.0.0.1:2222/www", "no user name in the address: {targets}");
    assert_eq!(staging["user"], Value::Null, "Ann's user is not Bob's");
    let listed = bob.run(&["target", "list"], None);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("no user yet"), "Bob is asked for his own");
    // (What the app's Publish screen flags.)
    let needing = |site: Site| site.targets().unwrap().into_iter().filter(|t| t.needs_user()).map(|t| t.name);
    assert_eq!(needing(bob.open()).collect::<Vec<_>>(), ["staging"]);
    let history = bob.json(&["target", "history", "--json"]);
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    assert_eq!(history[0]["author"], "Ann");
    assert_eq!(history[0]["target"], "web");

    // Bob gives his own user: it stays his, and nothing travels for it.
    ok(&bob, &["target", "add", "staging", "sftp://127.0.0.1:2222/www", "--user", "bob"]);
    let b = bob.sync();
    assert_eq!(n(&b, "sent"), 0, "a member's own credential does not travel: {b}");
    assert_eq!(needing(bob.open()).count(), 0);
    assert_eq!(target(&ann.json(&["target", "list", "--json"]), "staging")["user"], "ann");

    // Bob publishes after Ann: her publish is known to him, so it is no conflict, and his
    // build includes her story. Ann then sees both publishes.
    let mut more = ann.article("anns-report");
    more.body.push_str("\n\nA correction by Bob.");
    bob.open().save(&more, SaveMode::Explicit).unwrap();
    ok(&bob, &["publish", "--target", "web"]);
    let html = std::fs::read_to_string(web.path().join("www/news/anns-report/index.html")).unwrap();
    assert!(html.contains("A correction by Bob."), "{html}");
    ann.sync();
    let history = ann.json(&["target", "history", "web", "--json"]);
    let authors: Vec<&str> = history.as_array().unwrap().iter().map(|p| p["author"].as_str().unwrap()).collect();
    assert_eq!(authors, ["Bob", "Ann"], "{history}");
    // And Ann publishes after Bob without a conflict either.
    ok(&ann, &["publish", "--target", "web"]);

    // A target removed by one member goes on every member; the team's own target stays.
    ok(&ann, &["target", "rm", "staging"]);
    ann.sync();
    bob.sync();
    let names: Vec<String> = bob
        .json(&["target", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["team", "web"]);
    assert_same_exports(&[&ann, &bob]);
}

#[test]
fn a_conflict_is_settled_with_a_text_merged_by_hand() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let slug = {
        let site = ann.open();
        let mut a = site.list::<Article>().unwrap()[0].clone();
        a.body = "One.\n\nTwo.\n\nThree.".into();
        site.save(&a, SaveMode::Explicit).unwrap().slug
    };
    ann.sync();
    let bob = join(&space, &invitation, "Bob");
    for (m, text) in [(&ann, "Two, as Ann wrote it."), (&bob, "Two, as Bob wrote it.")] {
        let site = m.open();
        let mut a = site.find::<Article>(&slug).unwrap().unwrap();
        a.body = a.body.replace("Two.", text);
        site.save(&a, SaveMode::Explicit).unwrap();
    }
    ann.sync();
    assert_eq!(n(&bob.sync(), "conflicts"), 1);
    let conflicts = bob.json(&["conflicts", "--json"]);
    let merged = conflicts[0]["merged_body"].as_str().unwrap();
    assert_eq!(merged, "One.\n\nTwo, as Bob wrote it.\n\nTwo, as Ann wrote it.\n\nThree.", "both, no markers");

    // A text with no such item, or for an item with no conflict, is refused and changes nothing.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("merged.md");
    std::fs::write(&file, "One.\n\nTwo, as we both agreed.\n\nThree.").unwrap();
    let file = file.to_str().unwrap();
    let out = bob.run(&["resolve", "article:no-such-story", "--text", file], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-story"));
    let out = bob.run(&["resolve", &format!("article:{slug}"), "--keep", "mine", "--text", file], None);
    assert!(!out.status.success(), "--keep and --text together are refused");
    assert_eq!(bob.json(&["conflicts", "--json"]).as_array().unwrap().len(), 1);

    ok(&bob, &["resolve", &format!("article:{slug}"), "--text", file]);
    assert_eq!(bob.json(&["conflicts", "--json"]), json!([]));
    assert_eq!(bob.article(&slug).body, "One.\n\nTwo, as we both agreed.\n\nThree.");
    assert_eq!(n(&bob.sync(), "sent"), 1);
    ann.sync();
    assert_eq!(ann.json(&["conflicts", "--json"]), json!([]));
    assert_eq!(ann.article(&slug).body, "One.\n\nTwo, as we both agreed.\n\nThree.");
    // Both texts written before stay in the history.
    let history = ann.open().revisions(masthead_store::Kind::Article, ann.article(&slug).meta.id).unwrap();
    for text in ["as Ann wrote it", "as Bob wrote it"] {
        assert!(history.iter().any(|r| r.snapshot["body"].as_str().is_some_and(|b| b.contains(text))), "{text}");
    }
    assert_same_exports(&[&ann, &bob]);
}
