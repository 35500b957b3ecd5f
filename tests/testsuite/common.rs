use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};
use masthead_store::{Clock, Site};

/// A fresh empty site in a temporary folder (kept alive by the returned guard).
pub(crate) fn new_site() -> (tempfile::TempDir, Site) {
    let dir = tempfile::tempdir().unwrap();
    let mut site = Site::create(dir.path().join("site")).unwrap();
    site.set_author("Tester");
    (dir, site)
}

/// A clock the test moves by hand.
#[derive(Clone)]
pub(crate) struct ManualClock(Arc<Mutex<Timestamp>>);

impl ManualClock {
    pub(crate) fn install(site: &mut Site) -> ManualClock {
        let clock = ManualClock(Arc::new(Mutex::new("2026-01-01T09:00:00Z".parse().unwrap())));
        let c = clock.clone();
        site.set_clock(Clock::from_fn(move || *c.0.lock().unwrap()));
        clock
    }

    pub(crate) fn advance(&self, minutes: i64) {
        let mut t = self.0.lock().unwrap();
        *t = t.checked_add(SignedDuration::from_mins(minutes)).unwrap();
    }
}

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The `masthead` binary built from this workspace (`make test` builds it first).
pub(crate) fn masthead_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().unwrap().parent().unwrap();
    let bin = profile_dir.join("masthead");
    assert!(bin.is_file(), "{} is missing: run `cargo build -p masthead-cli` first (make test does)", bin.display());
    bin
}

/// `masthead --site SITE ARGS…`, not yet run, with its config folder inside the site folder
/// and without $MASTHEAD_SITE (for tests that kill it or read its output themselves).
pub(crate) fn masthead_on(site: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(masthead_bin());
    cmd.arg("--site").arg(site).args(args).env_remove("MASTHEAD_SITE").env("MASTHEAD_CONFIG_DIR", site.join("config"));
    cmd
}

/// Runs `masthead` with a private config folder and without $MASTHEAD_SITE.
pub(crate) fn masthead(args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    Command::new(masthead_bin())
        .args(args)
        .env_remove("MASTHEAD_SITE")
        .env("MASTHEAD_CONFIG_DIR", config.path())
        .output()
        .unwrap()
}

pub(crate) fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
