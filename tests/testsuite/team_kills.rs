//! `team create`, `team join` and `team rekey` killed with SIGKILL at points spread over how
//! long each takes: the site stays whole, running the command again succeeds, and the key the
//! site keeps opens the space (nobody is locked out, even by a re-key killed after it sealed
//! the space with the new key).

use std::time::{Duration, Instant};

use masthead_store::{Article, SaveMode};

use crate::team::{Member, Space, assert_same_exports, founder, join};

/// Kill points: fractions of the command's undisturbed time.
const POINTS: u64 = 7;

fn intact(m: &Member) {
    if !m.site().join("site.db").is_file() {
        return;
    }
    let db = rusqlite::Connection::open(m.site().join("site.db")).unwrap();
    let ok: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok", "{}'s site.db", m.name);
}

/// Runs `args` as `m` and SIGKILLs it after `after`; whether it was still running.
fn kill_after(m: &Member, args: &[&str], after: Duration) -> bool {
    let mut child = m.command(args).spawn().unwrap();
    drop(child.stdin.take());
    std::thread::sleep(after);
    let running = child.try_wait().unwrap().is_none();
    if running {
        child.kill().unwrap();
    }
    child.wait().unwrap();
    running
}

fn timed(m: &Member, args: &[&str]) -> Duration {
    let started = Instant::now();
    m.json(args);
    started.elapsed()
}

fn invitation(m: &Member, args: &[&str]) -> String {
    m.json(args)["invitation"].as_str().unwrap().to_string()
}

/// A member with the demo site and the target `team` on `space`, not yet in a team.
fn ready(space: &Space, name: &'static str) -> Member {
    let m = Member::new(name);
    assert!(m.run(&["init", "--demo"], None).status.success());
    assert!(m.run(&["target", "add", "team", &space.url], None).status.success());
    m
}

#[test]
fn a_killed_team_create_is_carried_on_by_running_it_again() {
    let whole = {
        let space = Space::start("folder");
        timed(&ready(&space, "Ann"), &["team", "create", "team", "--json"])
    };
    let mut killed = 0;
    for i in 0..POINTS {
        let space = Space::start("folder");
        let ann = ready(&space, "Ann");
        killed += kill_after(&ann, &["team", "create", "team", "--json"], whole * i as u32 / POINTS as u32) as usize;
        intact(&ann);
        let invitation = invitation(&ann, &["team", "create", "team", "--json"]);
        // The invitation's key is the one the site keeps, and it opens the space.
        let bob = join(&space, &invitation, "Bob");
        ann.sync();
        bob.sync();
        assert_same_exports(&[&ann, &bob]);
    }
    eprintln!("team create: {killed} of {POINTS} runs killed part-way ({whole:?} undisturbed)");
    assert!(killed >= 3, "too few kills landed part-way: {killed}");
}

#[test]
fn a_killed_team_join_is_carried_on_by_running_it_again() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let whole = timed(&Member::new("Bob"), &["team", "join", &invitation, "--json"]);
    let mut killed = 0;
    for i in 0..POINTS {
        let bob = Member::new("Bob");
        killed += kill_after(&bob, &["team", "join", &invitation, "--json"], whole * i as u32 / POINTS as u32) as usize;
        intact(&bob);
        let out = bob.run(&["team", "join", &invitation, "--json"], None);
        assert!(
            out.status.success(),
            "join again after a kill at {i}/{POINTS}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        bob.sync();
        ann.sync();
        assert_same_exports(&[&ann, &bob]);
    }
    eprintln!("team join: {killed} of {POINTS} runs killed part-way ({whole:?} undisturbed)");
    assert!(killed >= 3, "too few kills landed part-way: {killed}");
}

#[test]
fn a_killed_team_rekey_locks_nobody_out() {
    let space = Space::start("folder");
    let (ann, first) = founder(&space, "Ann");
    let bob = join(&space, &first, "Bob");
    let whole = timed(&ann, &["team", "rekey", "--json"]);
    let latest = invitation(&ann, &["team", "rekey", "--json"]);
    bob.json(&["team", "join", &latest, "--json"]);
    let (mut killed, mut after_switch) = (0, 0);
    for i in 0..POINTS {
        let phrase = format!("Saved before rekey kill {i}");
        ann.open()
            .save(
                &Article { title: phrase.clone(), body: format!("{phrase}."), ..Article::default() },
                SaveMode::Explicit,
            )
            .unwrap();
        let marker = space.root.clone().unwrap().join("_masthead_team/space");
        let before = std::fs::read(&marker).unwrap();
        let was_killed = kill_after(&ann, &["team", "rekey", "--json"], whole * i as u32 / POINTS as u32);
        killed += was_killed as usize;
        // Killed after sealing the space with the new key: only the pending key can open it now.
        after_switch += (was_killed && std::fs::read(&marker).unwrap() != before) as usize;
        intact(&ann);
        // Ann's site still syncs: with the old key (killed before the switch) or the new one.
        let out = ann.run(&["sync", "--json"], None);
        assert!(
            out.status.success(),
            "Ann after a rekey killed at {i}/{POINTS}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        // Running the re-key again gives an invitation that lets Bob in.
        let invitation = invitation(&ann, &["team", "rekey", "--json"]);
        bob.json(&["team", "join", &invitation, "--json"]);
        ann.sync();
        bob.sync();
        assert!(bob.open().list::<Article>().unwrap().iter().any(|a| a.title == phrase), "{phrase} reached Bob");
        assert_same_exports(&[&ann, &bob]);
    }
    eprintln!(
        "team rekey: {killed} of {POINTS} runs killed part-way, {after_switch} after the switch ({whole:?} undisturbed)"
    );
    assert!(killed >= 3, "too few kills landed part-way: {killed}");
}

/// Each narrow step, exactly (`MASTHEAD_TEAM_DIE_AT`, debug builds): the process ends there as
/// if killed, and running the command again (or a sync) carries on without locking anyone out.
#[test]
fn dying_at_each_step_of_create_join_and_rekey_leaves_a_way_on() {
    {
        let space = Space::start("folder");
        let mut ann = ready(&space, "Ann");
        ann.env.push(("MASTHEAD_TEAM_DIE_AT".into(), "create-space".into()));
        assert!(!ann.run(&["team", "create", "team", "--json"], None).status.success());
        ann.env.clear();
        intact(&ann);
        let invitation = invitation(&ann, &["team", "create", "team", "--json"]);
        let bob = join(&space, &invitation, "Bob");
        assert_same_exports(&[&ann, &bob]);
    }
    let space = Space::start("folder");
    let (ann, first) = founder(&space, "Ann");
    for point in ["join-site", "join-member"] {
        let mut bob = Member::new("Bob");
        bob.env.push(("MASTHEAD_TEAM_DIE_AT".into(), point.into()));
        assert!(!bob.run(&["team", "join", &first, "--json"], None).status.success(), "{point}");
        bob.env.clear();
        intact(&bob);
        let out = bob.run(&["team", "join", &first, "--json"], None);
        assert!(out.status.success(), "join again after {point}: {}", String::from_utf8_lossy(&out.stderr));
        assert_same_exports(&[&ann, &bob]);
    }
    let bob = join(&space, &first, "Bob");
    for point in ["rekey-sealed", "rekey-kept", "rekey-switched"] {
        let mut ann_dies = ann.command(&["team", "rekey", "--json"]);
        ann_dies.env("MASTHEAD_TEAM_DIE_AT", point);
        assert!(!ann_dies.output().unwrap().status.success(), "{point}");
        intact(&ann);
        // The space is sealed with the new key already: Ann's sync finds the key her site kept
        // as pending and takes it; a re-key then works as ever, and Bob takes its invitation.
        let out = ann.run(&["sync", "--json"], None);
        assert!(out.status.success(), "Ann syncs after dying at {point}: {}", String::from_utf8_lossy(&out.stderr));
        let again = invitation(&ann, &["team", "rekey", "--json"]);
        bob.json(&["team", "join", &again, "--json"]);
        ann.sync();
        bob.sync();
        assert_same_exports(&[&ann, &bob]);
    }
}
