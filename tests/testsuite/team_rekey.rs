//! Leaving a team (issue 19): `team rekey` makes a new team key and writes the space again
//! with it. The old key opens nothing written after that; the members who stay take the new
//! key with `team join` on their site and go on; the one who left keeps their copy.

use std::path::Path;

use masthead_store::{Article, SaveMode};
use masthead_team::Invitation;

use crate::hosts::files_in;
use crate::team::{Member, Space, assert_same_exports, founder, join};

fn invitation_of(m: &Member, args: &[&str]) -> String {
    let out = m.json(args);
    out["invitation"].as_str().unwrap_or_else(|| panic!("no invitation: {out}")).to_string()
}

#[test]
fn after_a_rekey_the_old_key_reads_nothing_new_and_the_members_who_stay_go_on() {
    let space = Space::start("folder");
    let (ann, old_invitation) = founder(&space, "Ann");
    let bob = join(&space, &old_invitation, "Bob");
    let cat = join(&space, &old_invitation, "Cat");
    let root = space.root.clone().unwrap().join("_masthead_team");
    let before = files_in(&root);

    // Ann removes Cat.
    let invitation = invitation_of(&ann, &["team", "rekey", "--json"]);
    assert_ne!(invitation, old_invitation);
    let old_key = Invitation::parse(&old_invitation).unwrap().team_key().unwrap();
    let new_key = Invitation::parse(&invitation).unwrap().team_key().unwrap();

    // Cat's site can no longer sync, and says why; what Cat has stays Cat's.
    let out = cat.run(&["sync", "--json"], None);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stderr).contains("new team key"), "{}", String::from_utf8_lossy(&out.stderr));
    let cats = cat.open().list::<Article>().unwrap().len();
    assert!(cats > 3);

    // Bob stays: he takes the new key on his site and goes on.
    let took = bob.json(&["team", "join", &invitation, "--json"]);
    assert!(took["sent"].as_u64().is_some(), "{took}");
    let phrase = "After-the-rekey-7731 news";
    ann.open()
        .save(&Article { title: phrase.into(), body: format!("{phrase}."), ..Article::default() }, SaveMode::Explicit)
        .unwrap();
    ann.sync();
    bob.sync();
    assert!(bob.open().list::<Article>().unwrap().iter().any(|a| a.title == phrase), "Bob gets Ann's new work");
    {
        let site = bob.open();
        let mut a = site.list::<Article>().unwrap()[1].clone();
        a.body.push_str("\n\nBob, after the rekey.");
        site.save(&a, SaveMode::Explicit).unwrap();
    }
    bob.sync();
    ann.sync();
    assert_same_exports(&[&ann, &bob]);

    // Nothing written since the rekey opens with the old key — the new key opens it all.
    let written: Vec<String> =
        files_in(&root).keys().filter(|p| !before.contains_key(*p) || *p == "space").cloned().collect();
    assert!(written.iter().filter(|p| p.ends_with(".seg")).count() >= 3, "{written:?}");
    for path in &written {
        let bytes = std::fs::read(root.join(path)).unwrap();
        // The sealed path is the one within the generation's folder.
        let inner = path.split_once('/').filter(|(g, _)| g.starts_with('g')).map_or(path.as_str(), |(_, p)| p);
        assert!(
            old_key.open(inner, &bytes).is_err() && old_key.open(path, &bytes).is_err(),
            "{path} opens with the old key"
        );
        assert!(new_key.open(inner, &bytes).is_ok(), "{path} does not open with the new key");
        assert!(!bytes.windows(phrase.len()).any(|w| w == phrase.as_bytes()), "{path} holds the phrase in plain text");
    }
    // And Cat's old copy has none of it.
    let out = cat.run(&["sync"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(!cat.open().list::<Article>().unwrap().iter().any(|a| a.title == phrase));
    assert_eq!(cat.open().list::<Article>().unwrap().len(), cats, "Cat's copy stays as it was");
    assert!(Path::new(&cat.site()).join("site.db").is_file());
}
