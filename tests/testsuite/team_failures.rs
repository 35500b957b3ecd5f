//! An item a sync cannot write here does not stop the sync (issue 19): the rest is applied,
//! the item is reported by `sync --json` and `team status`, kept, and tried again by every
//! sync until a later version goes in. The unappliable versions here are real segments in the
//! team space, sealed with the team key, as a colleague on another build could write them.

use masthead_store::{Article, Kind, SaveMode, synced_state};
use masthead_team::{Invitation, Rev, Segment};
use serde_json::{Value, json};

use crate::team::{Space, founder, join, n};

const DAN: &str = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0";

fn rev(uid: &str, parents: Vec<String>, data: Value) -> Rev {
    kind_rev("article", uid, parents, data)
}

fn kind_rev(kind: &str, uid: &str, parents: Vec<String>, data: Value) -> Rev {
    let mut rev = Rev {
        rev: String::new(),
        uid: uid.into(),
        kind: kind.into(),
        parents,
        data,
        trashed: false,
        other: None,
        author: "Dan".into(),
        at: "2026-12-07T09:00:00Z".into(),
        blob: None,
    };
    rev.rev = rev.compute_id();
    rev
}

/// Writes segment `seq` of Dan's log into the space, sealed with the team key.
fn write_segment(space: &Space, invitation: &str, seq: u64, revs: Vec<Rev>) {
    let key = Invitation::parse(invitation).unwrap().team_key().unwrap();
    let seg = Segment { format: 1, member: DAN.into(), name: "Dan".into(), seq, revs };
    let path = format!("members/{DAN}/{seq}.seg");
    let sealed = key.seal(&path, &serde_json::to_vec(&seg).unwrap()).unwrap();
    let file = space.root.as_ref().unwrap().join("_masthead_team").join(&path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, sealed).unwrap();
}

#[test]
fn an_item_that_cannot_be_written_is_reported_kept_and_retried_and_the_rest_goes_in() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");

    // A well-formed article of Dan's, from the synced form of one of Ann's.
    let good = {
        let site = ann.open();
        let a = site.list::<Article>().unwrap()[0].clone();
        let mut data = synced_state(site.team_conn(), Kind::Article, a.meta.id).unwrap().unwrap().data;
        data["slug"] = json!("dans-good-story");
        data["title"] = json!("Dan's good story");
        data
    };
    // A title that is no text: no build of Masthead can write that article.
    let mut broken = good.clone();
    broken["slug"] = json!("dans-broken-story");
    broken["title"] = json!(5);
    let bad = rev("b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0", vec![], broken.clone());
    let fine = rev("c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0", vec![], good);
    // And an item of a kind a newer Masthead may bring one day.
    let poll = kind_rev("poll", "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0", vec![], json!({"question": "Lunch?"}));
    write_segment(&space, &invitation, 1, vec![bad.clone(), poll, fine]);

    // Ann's edit travels in the same sync as Dan's broken article.
    let slug = {
        let site = ann.open();
        let mut a = site.list::<Article>().unwrap()[1].clone();
        a.body.push_str("\n\nAnn's paragraph.");
        site.save(&a, SaveMode::Explicit).unwrap().slug
    };
    ann.sync();

    let report = bob.sync();
    let failed = report["failed"].as_array().unwrap();
    assert_eq!(failed.len(), 2, "{report}");
    assert_eq!(failed[0]["entity"], "article:dans-broken-story", "{report}");
    assert!(failed[0]["error"].as_str().unwrap().contains("cannot be read"), "{report}");
    assert_eq!(failed[0]["tries"], 1);
    assert_eq!(failed[1]["entity"], "poll:#e0e0e0e0", "{report}");
    assert!(failed[1]["error"].as_str().unwrap().contains("update Masthead"), "{report}");
    assert!(n(&report, "received") >= 3, "{report}");
    assert!(bob.article(&slug).body.ends_with("Ann's paragraph."), "the rest went in");
    assert_eq!(bob.article("dans-good-story").title, "Dan's good story");
    assert!(bob.open().find::<Article>("dans-broken-story").unwrap().is_none());

    // Reported by the status, and tried again by the next sync.
    let status = bob.json(&["team", "status", "--json"]);
    assert_eq!(status["failed"][0]["entity"], "article:dans-broken-story", "{status}");
    let again = bob.sync();
    assert_eq!(again["failed"][0]["tries"], 2, "{again}");
    let human = bob.run(&["sync"], None);
    assert!(human.status.success(), "a failed item is no failed sync");
    let said = String::from_utf8_lossy(&human.stdout);
    assert!(said.contains("dans-broken-story") && said.contains("next sync"), "{said}");

    // Nothing was lost: Dan's later version, made from the broken one, goes in.
    let mut fixed = broken;
    fixed["title"] = json!("Dan's story, fixed");
    write_segment(&space, &invitation, 2, vec![rev(&bad.uid, vec![bad.rev.clone()], fixed)]);
    let only_poll = |v: &Value| {
        let failed = v["failed"].as_array().unwrap();
        failed.len() == 1 && failed[0]["entity"] == "poll:#e0e0e0e0"
    };
    let report = bob.sync();
    assert!(only_poll(&report), "{report}");
    assert_eq!(bob.article("dans-broken-story").title, "Dan's story, fixed");
    assert!(only_poll(&bob.json(&["team", "status", "--json"])));
    // Ann's site (which met the broken version too) has the same.
    let a = ann.sync();
    assert!(only_poll(&a), "{a}");
    assert_eq!(ann.article("dans-broken-story").title, "Dan's story, fixed");
}
