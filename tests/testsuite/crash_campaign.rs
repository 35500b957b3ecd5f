//! Crash campaigns: the real `masthead` binary (import, adding a photo with its variants, build)
//! and a child process of this test binary (backup, restore) are killed with SIGKILL at random
//! moments, again and again. After each kill the site opens, `integrity_check` is ok, what was
//! committed is whole, nothing half-written is left where a user would find it, and the next
//! run converges.
//!
//! `make test` runs a few kills of each; `scripts/crash-campaign.sh` runs the long form
//! (`MASTHEAD_CRASH_ROUNDS=200`). Each test prints its seed and how many runs it killed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use masthead_store::*;

use crate::common::{masthead_on, stderr};
use crate::hosts::files_in;

fn rounds(default: usize) -> usize {
    std::env::var("MASTHEAD_CRASH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(default)
}

/// xorshift64*, seeded from the clock (printed, and taken from `MASTHEAD_CRASH_SEED` to replay).
struct Rng(u64);

impl Rng {
    fn new(test: &str) -> Rng {
        let seed = std::env::var("MASTHEAD_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1);
        println!("{test}: MASTHEAD_CRASH_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// Runs `cmd`, killing it with SIGKILL after `after` unless it ends first. True when killed.
fn run_killed_after(mut cmd: Command, after: Duration) -> bool {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    while start.elapsed() < after {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    let killed = child.try_wait().unwrap().is_none();
    child.kill().ok();
    child.wait().unwrap();
    killed
}

/// How long `cmd` takes when left alone.
fn duration_of(mut cmd: Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    start.elapsed()
}

/// Files and folders a kill may leave beside a backup or a restored site: none but these.
fn stray(dir: &Path, allowed: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !allowed.contains(&n.as_str()))
        .collect();
    found.sort();
    found
}

#[test]
fn cli_imports_killed_at_random_moments_are_all_or_nothing() {
    let mut rng = Rng::new("import");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    drop(Site::create(&site).unwrap());
    let folders: Vec<PathBuf> = ["A", "B"]
        .iter()
        .map(|marker| {
            let dir = tmp.path().join(marker);
            for (rel, bytes) in crate::crash::tree(marker).0 {
                std::fs::create_dir_all(dir.join(&rel).parent().unwrap()).unwrap();
                std::fs::write(dir.join(rel), bytes).unwrap();
            }
            dir
        })
        .collect();
    let whole = duration_of(masthead_on(&site, &["import", folders[0].to_str().unwrap()]));
    let (mut killed, mut expected) = (0, "A");
    for round in 0..rounds(4) {
        let next = round % 2;
        let cmd = masthead_on(&site, &["import", folders[next].to_str().unwrap()]);
        let was_killed = run_killed_after(cmd, Duration::from_micros(rng.below(whole.as_micros() as u64 * 6 / 5)));
        killed += usize::from(was_killed);
        let opened = Site::open(&site).unwrap();
        assert_eq!(opened.integrity_check().unwrap(), "ok", "round {round}");
        let articles = opened.list::<Article>().unwrap();
        assert_eq!(articles.len(), crate::crash::ARTICLES, "round {round}");
        let markers: std::collections::HashSet<&str> = articles.iter().map(|a| &a.body[..1]).collect();
        assert_eq!(markers.len(), 1, "round {round}: a half-applied import: {markers:?}");
        let marker = *markers.iter().next().unwrap();
        let this = ["A", "B"][next];
        assert!(marker == expected || marker == this, "round {round}: found {marker}");
        if !was_killed {
            assert_eq!(marker, this, "round {round}: a finished import is in");
        }
        expected = if marker == "A" { "A" } else { "B" };
    }
    println!("import: {} runs, {killed} killed mid-way, one import {whole:?}", rounds(4));
}

#[test]
fn cli_photo_adds_killed_at_random_moments_converge() {
    let mut rng = Rng::new("media add");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    drop(Site::create(&site).unwrap());
    // Every round adds a new file (the same picture with a different trailer after its end), so
    // that every round makes variants.
    let picture = crate::variants::jpeg(&crate::variants::photo(2600, 1700));
    let photo = tmp.path().join("photo.jpg");
    std::fs::write(&photo, &picture).unwrap();
    let probe = tmp.path().join("probe");
    drop(Site::create(&probe).unwrap());
    let whole = duration_of(masthead_on(&probe, &["media", "add", photo.to_str().unwrap()]));
    let mut killed = 0;
    for round in 0..rounds(3) {
        std::fs::write(&photo, [picture.as_slice(), format!("round {round}").as_bytes()].concat()).unwrap();
        let cmd = masthead_on(&site, &["media", "add", photo.to_str().unwrap()]);
        killed += usize::from(run_killed_after(cmd, Duration::from_micros(rng.below(whole.as_micros() as u64))));
        let opened = Site::open(&site).unwrap();
        assert_eq!(opened.integrity_check().unwrap(), "ok", "round {round}");
        for m in opened.list::<Media>().unwrap() {
            let bytes = std::fs::read(opened.media_file(&m).unwrap()).unwrap();
            assert_eq!(blake3::hash(&bytes).to_hex().as_str(), m.hash, "round {round}: a torn media file {}", m.name);
        }
    }
    // One add that finishes, so that there is always a picture to build (every round may have
    // been killed before its commit: the seed 1796684396300402185 killed all three).
    std::fs::write(&photo, [picture.as_slice(), b"the last round"].concat()).unwrap();
    let added = masthead_on(&site, &["media", "add", photo.to_str().unwrap()]).output().unwrap();
    assert!(added.status.success(), "{}", stderr(&added));
    // The next build makes whatever variants a kill left unmade, and every one is a whole picture.
    let out = tmp.path().join("out");
    let built = masthead_on(&site, &["build", "--out", out.to_str().unwrap()]).output().unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    let mut checked = 0;
    let under = |dir: PathBuf| files_in(&dir).into_keys().map(move |rel| dir.join(rel)).collect::<Vec<_>>();
    for entry in under(site.join("cache")).into_iter().chain(under(out.join("media"))) {
        if entry.extension().is_some_and(|e| e == "jpg" || e == "webp") {
            image::open(&entry).unwrap_or_else(|e| panic!("{} is not a whole picture: {e}", entry.display()));
            checked += 1;
        }
    }
    assert!(checked > 0);
    println!("media add: {} runs, {killed} killed mid-way, {checked} pictures checked", rounds(3));
}

#[test]
#[ignore = "the child process of the backup and restore campaigns; does nothing on its own"]
fn campaign_child() {
    let (Ok(mode), Ok(site), Ok(file)) = (
        std::env::var("MASTHEAD_CAMPAIGN"),
        std::env::var("MASTHEAD_CAMPAIGN_SITE"),
        std::env::var("MASTHEAD_CAMPAIGN_FILE"),
    ) else {
        return;
    };
    if mode == "backup" {
        Site::open(site).unwrap().backup_to(Path::new(&file)).unwrap();
    } else {
        Site::restore_backup(Path::new(&file), Path::new(&site)).unwrap();
    }
}

fn child(mode: &str, site: &Path, file: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["crash_campaign::campaign_child", "--exact", "--ignored", "--test-threads=1"])
        .env("MASTHEAD_CAMPAIGN", mode)
        .env("MASTHEAD_CAMPAIGN_SITE", site)
        .env("MASTHEAD_CAMPAIGN_FILE", file)
        .env("MASTHEAD_CONFIG_DIR", file.with_extension("config"));
    cmd
}

/// A site worth backing up: the demo's 35 articles and its pictures.
fn demo_site(dir: &Path) {
    Site::create_demo(dir, &masthead_media::Pipeline, "Tester").unwrap();
}

#[test]
fn backups_killed_at_random_moments_never_leave_a_partial_archive() {
    let mut rng = Rng::new("backup");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    demo_site(&site);
    let folder = tmp.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("site.masthead-backup");
    let whole = duration_of(child("backup", &site, &tmp.path().join("probe.tar")));
    let mut killed = 0;
    for round in 0..rounds(4) {
        let cmd = child("backup", &site, &file);
        killed += usize::from(run_killed_after(cmd, Duration::from_micros(rng.below(whole.as_micros() as u64))));
        // The archive is there whole (an earlier one, or this one) or not at all.
        if file.exists() {
            let restored = tmp.path().join(format!("check-{round}"));
            let back = Site::restore_backup(&file, &restored).unwrap_or_else(|e| panic!("round {round}: {e}"));
            assert_eq!(back.integrity_check().unwrap(), "ok");
            assert_eq!(back.list::<Article>().unwrap().len(), 35, "round {round}");
            drop(back);
            std::fs::remove_dir_all(&restored).unwrap();
        }
        let left = stray(&folder, &["site.masthead-backup"]);
        assert!(left.iter().all(|n| n.starts_with(".masthead-backup-")), "round {round}: {left:?}");
    }
    // The next backup finishes and clears what killed ones left behind.
    assert!(child("backup", &site, &file).status().unwrap().success());
    assert_eq!(stray(&folder, &[]), ["site.masthead-backup"]);
    println!("backup: {} runs, {killed} killed mid-way", rounds(4));
}

#[test]
fn restores_killed_at_random_moments_leave_nothing_half_done() {
    let mut rng = Rng::new("restore");
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    demo_site(&site);
    let file = tmp.path().join("site.masthead-backup");
    Site::open(&site).unwrap().backup_to(&file).unwrap();
    let folder = tmp.path().join("restores");
    std::fs::create_dir_all(&folder).unwrap();
    let whole = duration_of(child("restore", &tmp.path().join("probe"), &file));
    let mut killed = 0;
    for round in 0..rounds(4) {
        let target = folder.join(format!("r{round}"));
        let cmd = child("restore", &target, &file);
        killed += usize::from(run_killed_after(cmd, Duration::from_micros(rng.below(whole.as_micros() as u64))));
        // The site is there whole, or not at all (then restoring again works).
        if !target.exists() {
            assert!(child("restore", &target, &file).status().unwrap().success(), "round {round}");
        }
        let back = Site::open(&target).unwrap_or_else(|e| panic!("round {round}: {e}"));
        assert_eq!(back.integrity_check().unwrap(), "ok");
        assert_eq!(back.list::<Article>().unwrap().len(), 35, "round {round}");
        for m in back.list::<Media>().unwrap() {
            let bytes = std::fs::read(back.media_file(&m).unwrap()).unwrap();
            assert_eq!(blake3::hash(&bytes).to_hex().as_str(), m.hash, "round {round}: {}", m.name);
        }
    }
    let left: Vec<String> = stray(&folder, &[]).into_iter().filter(|n| !n.starts_with('r')).collect();
    assert!(left.iter().all(|n| n.starts_with(".masthead-restore-")), "{left:?}");
    // The next restore into this folder clears what killed ones left behind.
    assert!(child("restore", &folder.join("last"), &file).status().unwrap().success());
    let left: Vec<String> = stray(&folder, &[]).into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(left.is_empty(), "{left:?}");
    println!("restore: {} runs, {killed} killed mid-way", rounds(4));
}
