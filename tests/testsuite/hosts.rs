//! Real website hosts on 127.0.0.1 for the publish tests, started by `tests/hosts/hostctl.py`
//! (nginx and wsgidav WebDAV, moto S3, pyftpdlib FTP) and stopped when dropped.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};

use serde_json::Value;

use crate::common::{masthead_bin, repo};

/// A running host.
pub(crate) struct TestHost {
    pub(crate) info: Value,
    child: Child,
    stdin: Option<ChildStdin>,
    _dir: tempfile::TempDir,
}

impl TestHost {
    pub(crate) fn start(kind: &str) -> TestHost {
        TestHost::start_with(kind, &[])
    }

    pub(crate) fn start_with(kind: &str, extra: &[&str]) -> TestHost {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new("python3")
            .arg(repo().join("tests/hosts/hostctl.py"))
            .args(["serve", kind, "--dir"])
            .arg(dir.path())
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs tests/hosts/hostctl.py (make test installs what it needs)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let info: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("hostctl serve {kind} did not start ({e}): {line:?}"));
        let stdin = child.stdin.take();
        TestHost { info, child, stdin, _dir: dir }
    }

    pub(crate) fn get(&self, key: &str) -> String {
        self.info[key].as_str().unwrap_or_else(|| panic!("no {key} in {}", self.info)).to_string()
    }

    /// The folder on this machine where uploads land (not for S3).
    pub(crate) fn root(&self) -> PathBuf {
        PathBuf::from(self.get("root"))
    }
}

impl Drop for TestHost {
    fn drop(&mut self) {
        // hostctl stops its server when its stdin closes.
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// A site and the config folder its CLI calls share (secrets live there).
pub(crate) struct Publisher {
    pub(crate) dir: tempfile::TempDir,
    /// Extra environment for every CLI call.
    pub(crate) env: Vec<(String, String)>,
}

impl Publisher {
    pub(crate) fn demo() -> Publisher {
        let p = Publisher { dir: tempfile::tempdir().unwrap(), env: vec![] };
        let out = p.run(&["init", "--demo"], None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        p
    }

    pub(crate) fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub(crate) fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(masthead_bin())
            .arg("--site")
            .arg(self.site())
            .args(args)
            .env_remove("MASTHEAD_SITE")
            .env("MASTHEAD_CONFIG_DIR", self.dir.path().join("config"))
            .env("USER", "tester")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(text) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    /// `publish --json`, which must succeed.
    pub(crate) fn publish(&self, extra: &[&str]) -> Value {
        let mut args = vec!["publish", "--json"];
        args.extend_from_slice(extra);
        let out = self.run(&args, None);
        assert!(out.status.success(), "publish {extra:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Appends `text` to the first published article; returns its slug.
    pub(crate) fn edit(&self, text: &str) -> String {
        let site = masthead_store::Site::open(self.site()).unwrap();
        let mut a = site.list::<masthead_store::Article>().unwrap();
        let a = a.iter_mut().find(|a| a.status == masthead_store::Status::Published).unwrap();
        a.body.push_str(text);
        site.save(&*a, masthead_store::SaveMode::Explicit).unwrap();
        a.slug.clone()
    }

    /// The local build: path → blake3.
    pub(crate) fn build(&self) -> BTreeMap<String, String> {
        files_in(&self.site().join("build")).into_iter().filter(|(p, _)| !p.starts_with(".masthead")).collect()
    }
}

/// Every file under `dir` (path relative to it → blake3 hex); `.masthead/` included.
pub(crate) fn files_in(dir: &Path) -> BTreeMap<String, String> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, blake3::hash(&std::fs::read(&path).unwrap()).to_hex().to_string());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}
