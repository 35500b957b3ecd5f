//! Crash safety: a process killed with SIGKILL in the middle of a save or an import leaves the
//! last committed state and a healthy database.
//!
//! The tests run this same test binary again as a child (the ignored `child` test below) that
//! saves or imports in a loop and prints a line after each commit; the parent kills it at a
//! random moment and inspects the site.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use masthead_media::Pipeline;
use masthead_store::*;

pub(crate) const ARTICLES: usize = 150;

fn body(marker: &str, n: usize) -> String {
    format!("{marker} {n}\n\n{}", "Integration policy text. ".repeat(1000))
}

pub(crate) fn tree(marker: &str) -> Tree {
    let mut tree = Tree::default();
    for i in 0..ARTICLES {
        let text = format!("---\ntitle: Article {i}\nstatus: published\n---\n{}\n", body(marker, i));
        tree.0.insert(format!("articles/article-{i}.md"), text.into_bytes());
    }
    tree
}

#[test]
#[ignore = "the child process of the crash tests; does nothing on its own"]
fn child() {
    let (Ok(mode), Ok(dir)) = (std::env::var("MASTHEAD_CRASH_CHILD"), std::env::var("MASTHEAD_CRASH_SITE")) else {
        return;
    };
    let site = Site::open(dir).unwrap();
    if mode == "save" {
        let mut a: Article = site.find("victim").unwrap().unwrap();
        for n in 1.. {
            a.body = body("save", n);
            a = site.save(&a, SaveMode::Explicit).unwrap();
            println!("{n}");
        }
    } else {
        let trees = [tree("A"), tree("B")];
        for n in 1.. {
            site.import_tree(&trees[n % 2], &Pipeline).unwrap();
            println!("{n}");
        }
    }
}

/// Pseudo-random numbers from the clock: enough to vary the moment of the kill.
pub(crate) fn jitter(max: u64) -> u64 {
    let nanos = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    nanos.wrapping_mul(6364136223846793005) % max.max(1)
}

/// Runs the child until it reports `commits` commits, kills it a moment later, and returns the
/// last commit it reported.
fn run_and_kill(mode: &str, dir: &std::path::Path, commits: usize) -> usize {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["crash::child", "--exact", "--ignored", "--nocapture", "--test-threads=1"])
        .env("MASTHEAD_CRASH_CHILD", mode)
        .env("MASTHEAD_CRASH_SITE", dir)
        .env("MASTHEAD_CONFIG_DIR", dir.join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last = 0;
    while last < commits {
        match lines.next() {
            Some(Ok(line)) => last = line.trim().parse().unwrap_or(last),
            other => panic!("the child stopped early: {other:?}"),
        }
    }
    std::thread::sleep(Duration::from_micros(jitter(20_000)));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    // Lines the child printed before it died still count as committed.
    for line in lines.map_while(Result::ok) {
        last = line.trim().parse().unwrap_or(last);
    }
    last
}

#[test]
fn killed_saves_leave_the_last_committed_state() {
    for round in 0..4 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        let site = Site::create(&dir).unwrap();
        site.save(&Article { title: "Victim".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
        drop(site);
        let last = run_and_kill("save", &dir, 3 + round * 4);
        let site = Site::open(&dir).unwrap();
        assert_eq!(site.integrity_check().unwrap(), "ok");
        let a: Article = site.find("victim").unwrap().unwrap();
        let n: usize = a.body.split_whitespace().nth(1).unwrap().parse().unwrap();
        assert!(n == last || n == last + 1, "round {round}: reported {last} commits, found save {n}");
        assert_eq!(a.body, body("save", n), "a torn body");
        assert_eq!(a.meta.version as usize, n + 1);
    }
}

#[test]
fn killed_imports_are_all_or_nothing() {
    for round in 0..3 {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("site");
        drop(Site::create(&dir).unwrap());
        let last = run_and_kill("import", &dir, 1 + round);
        let site = Site::open(&dir).unwrap();
        assert_eq!(site.integrity_check().unwrap(), "ok");
        let articles = site.list::<Article>().unwrap();
        assert_eq!(articles.len(), ARTICLES, "round {round}");
        let markers: std::collections::HashSet<&str> = articles.iter().map(|a| &a.body[..1]).collect();
        assert_eq!(markers.len(), 1, "round {round}: a half-applied import: {markers:?}");
        let expected = |n: usize| if n.is_multiple_of(2) { "A" } else { "B" };
        let marker = *markers.iter().next().unwrap();
        assert!(
            marker == expected(last) || marker == expected(last + 1),
            "round {round}: after import {last} found {marker}"
        );
        assert_eq!(site.search("integration", 500).unwrap().len(), ARTICLES, "the search index matches the rows");
    }
}
