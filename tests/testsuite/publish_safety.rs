//! Publishing safely: two colleagues publishing to one host, a publish already running, a
//! network that resets and stalls connections, secrets and unsafe URLs.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use masthead_store::Site;

use crate::common::repo;
use crate::hosts::{Publisher, TestHost, files_in};

fn published(host: &TestHost) -> BTreeMap<String, String> {
    files_in(&host.root()).into_iter().filter(|(p, _)| !p.starts_with(".masthead/")).collect()
}

/// Sets the editor's name in the publisher's preferences.
fn name_editor(p: &Publisher, name: &str) {
    let path = p.dir.path().join("config/prefs.json");
    let mut prefs: serde_json::Value =
        std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(serde_json::json!({}));
    prefs["editor_name"] = name.into();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, serde_json::to_vec(&prefs).unwrap()).unwrap();
}

fn add(p: &Publisher, url: &str) {
    let out = p.run(&["target", "add", "live", url], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_colleagues_publish_in_between_is_a_conflict_and_verify_resolves_it() {
    let host = TestHost::start("webdav-nginx");
    let (ann, bob) = (Publisher::demo(), Publisher::demo());
    add(&ann, &host.get("url"));
    add(&bob, &host.get("url"));
    name_editor(&ann, "Ann Smith");
    ann.publish(&[]);
    let anns = published(&host);

    // Bob has never seen the host's state: he is told who published and when; nothing changes.
    bob.edit("\n\nBob's addition.\n");
    let out = bob.run(&["publish", "--json"], None);
    assert_eq!(out.status.code(), Some(3), "conflict exit code");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["conflict"], true);
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("Ann Smith") && message.contains("--verify"), "{message}");
    assert_eq!(published(&host), anns, "the host is untouched");

    // --verify publishes on top of what is there; then Ann is the one who is behind.
    bob.publish(&["--verify"]);
    assert_eq!(published(&host), bob.build());
    ann.edit("\n\nAnn's addition.\n");
    assert_eq!(ann.run(&["publish"], None).status.code(), Some(3));
    assert_eq!(published(&host), bob.build());
}

/// The host's record names the publisher only by the name the editor chose; without one it
/// names no one (never the login name, here `tester`).
#[test]
fn the_host_manifest_names_the_editor_only_by_the_chosen_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("www");
    std::fs::create_dir_all(&root).unwrap();
    let p = Publisher::demo();
    add(&p, &format!("file://{}/", root.display()));
    let manifest = || std::fs::read_to_string(root.join(".masthead/manifest.json")).unwrap();
    p.publish(&[]);
    let anonymous: serde_json::Value = serde_json::from_str(&manifest()).unwrap();
    assert_eq!(anonymous["author"], "", "no editor name: no one is named");
    assert!(!manifest().contains("tester"), "the login name is on the host: {}", manifest());

    name_editor(&p, "Ann Smith");
    p.edit("\n\nA signed edit.\n");
    p.publish(&[]);
    let named: serde_json::Value = serde_json::from_str(&manifest()).unwrap();
    assert_eq!(named["author"], "Ann Smith");
    assert!(!manifest().contains("tester"));
}

#[test]
fn a_running_publish_holds_the_host_and_a_stale_lock_is_taken_over() {
    let host = TestHost::start("webdav-wsgidav");
    let p = Publisher::demo();
    add(&p, &host.get("url"));
    p.publish(&[]);
    let before = published(&host);
    let lock = host.root().join(".masthead/lock.json");
    let now = jiff::Timestamp::now();
    std::fs::write(&lock, format!(r#"{{"id":"other","author":"Sam","time":"{now}"}}"#)).unwrap();
    p.edit("\n\nMore.\n");
    let out = p.run(&["publish"], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("Sam is publishing"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(published(&host), before);
    assert!(lock.exists(), "Sam's lock is left alone");

    let old = now.checked_sub(jiff::SignedDuration::from_hours(1)).unwrap();
    std::fs::write(&lock, format!(r#"{{"id":"other","author":"Sam","time":"{old}"}}"#)).unwrap();
    p.publish(&[]);
    assert_eq!(published(&host), p.build());
    assert!(!lock.exists());
}

/// Every internal link and picture of every page on the host points at a file the host has.
fn dangling(files: &BTreeMap<String, String>, root: &std::path::Path) -> Vec<String> {
    let mut missing = vec![];
    for path in files.keys().filter(|p| p.ends_with(".html")) {
        let html = std::fs::read_to_string(root.join(path)).unwrap();
        for attr in ["src=\"/", "href=\"/"] {
            for rest in html.split(attr).skip(1) {
                let target = rest.split(['"', '#', '?']).next().unwrap();
                let target = if target.is_empty() || target.ends_with('/') {
                    format!("{target}index.html")
                } else {
                    target.to_string()
                };
                if !target.starts_with('/') && !files.contains_key(&target) {
                    missing.push(format!("{path} → /{target}"));
                }
            }
        }
    }
    missing
}

#[test]
fn through_a_network_that_resets_and_stalls_the_host_stays_usable_and_converges() {
    let host = TestHost::start("webdav-nginx");
    let mut proxy = Command::new("python3")
        .arg(repo().join("tests/hosts/faultproxy.py"))
        .args(["--target", &format!("127.0.0.1:{}", host.info["port"]), "--reset", "0.25", "--stall", "0.25"])
        .args(["--stall-seconds", "2", "--seed", "11"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(proxy.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = serde_json::from_str::<serde_json::Value>(&line).unwrap()["port"].as_u64().unwrap();
    let p = Publisher::demo();
    add(&p, &format!("webdav://127.0.0.1:{port}/"));
    let mut attempts = 0;
    let mut edited = false;
    loop {
        attempts += 1;
        let ok = p.run(&["publish", "--json"], None).status.success();
        let now = published(&host);
        assert_eq!(
            dangling(&now, &host.root()),
            Vec::<String>::new(),
            "attempt {attempts}: the host links to missing files"
        );
        if ok && edited {
            break;
        }
        if ok {
            // Once more with an edit, through the same faults.
            p.edit("\n\nAn edit sent through a bad network.\n");
            edited = true;
        }
        assert!(attempts < 8, "no publish got through in {attempts} attempts");
    }
    assert_eq!(published(&host), p.build(), "the host converged to the local build");
    drop(proxy.stdin.take());
    let _ = proxy.wait();
}

#[test]
fn secrets_stay_out_of_the_database_and_the_environment_overrides_them() {
    let host = TestHost::start("ftp");
    let p = Publisher::demo();
    let (user, password) = (host.get("user"), host.get("password"));
    let out = p.run(&["target", "add", "live", &host.get("url"), "--user", &user, "--secret-stdin"], Some("wrong"));
    assert!(out.status.success());
    let warning = String::from_utf8_lossy(&out.stderr);
    assert!(warning.contains("no system keychain here") && warning.contains("secrets.json"), "{warning}");
    let out = p.run(&["publish"], None);
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("refused the user name or password"), "{message}");

    let with_env = Publisher { dir: p.dir, env: vec![("MASTHEAD_SECRET_LIVE".into(), password.clone())] };
    with_env.publish(&[]);
    assert_eq!(published(&host), with_env.build());
    let db = std::fs::read(with_env.site().join("site.db")).unwrap();
    for secret in [password.as_bytes(), b"wrong"] {
        assert!(!db.windows(secret.len()).any(|w| w == secret), "a secret is in site.db");
    }
    let secrets = with_env.dir.path().join("config/secrets.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&secrets).unwrap().permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn unsafe_or_unclear_targets_are_refused_with_what_to_do() {
    let p = Publisher::demo();
    let cases: [(&[&str], &str); 6] = [
        (&["target", "add", "live", "webdav://example.org/site"], "--insecure"),
        (&["target", "add", "  ", "file:///tmp/www"], "short name"),
        (&["target", "add", "live", "sftp://ann:secret@example.org/www"], "Do not put a password"),
        (&["target", "add", "live", "sftp://ann@example.org/www", "--user", "bob"], "give only one"),
        (&["target", "add", "live", "gopher://example.org/"], "not one Masthead can publish to"),
        (&["publish"], "no target"),
    ];
    for (args, says) in cases {
        let out = p.run(args, None);
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && message.contains(says), "{args:?}: {message}");
    }
    let out = p.run(&["target", "add", "live", "webdav://example.org/site", "--insecure"], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not encrypted"));
    let out = p.run(&["target", "list", "--json"], None);
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["name"], "live");
    assert_eq!(list[0]["insecure"], true);
}

#[test]
fn a_cancelled_publish_leaves_no_lock_and_the_next_one_finishes() {
    let host = TestHost::start("webdav-nginx");
    let p = Publisher::demo();
    add(&p, &host.get("url"));
    let site = Site::open(p.site()).unwrap();
    let target = site.target(Some("live")).unwrap();
    let opts = masthead_publish::Options { parallel: 1, ..Default::default() };
    let cancel = opts.cancel.clone();
    let seen = std::sync::atomic::AtomicU64::new(0);
    let progress = |pr: &masthead_publish::Progress| {
        seen.store(pr.files_done, std::sync::atomic::Ordering::SeqCst);
        if pr.files_done == 5 {
            cancel.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    };
    let e = masthead_publish::publish(&site, &target, &opts, &progress).unwrap_err();
    assert!(matches!(e, masthead_publish::PublishError::Cancelled), "{e}");
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 5, "nothing was sent after the cancel");
    let on_host = files_in(&host.root());
    assert!(!on_host.contains_key(".masthead/lock.json") && !on_host.contains_key(".masthead/manifest.json"));
    assert_eq!(dangling(&published(&host), &host.root()), Vec::<String>::new());
    drop(site);
    let done = p.publish(&[]);
    assert_eq!(
        done["uploaded"].as_u64().unwrap() as usize,
        p.build().len() - 5,
        "the journal spared the 5 sent: {done}"
    );
    assert_eq!(published(&host), p.build());
}

/// A host manifest (or local journal) listing paths outside the site, or hidden files no
/// publish writes, never leads to a deletion: the manifest is refused, `--verify` publishes
/// over it, and the journal's entries are dropped. `root` is the site's folder on the host.
fn tampered_records_delete_nothing_outside_the_site(url: &str, root: &std::path::Path) {
    let p = Publisher::demo();
    add(&p, url);
    p.publish(&[]);
    let outside = root.parent().unwrap();
    let victims = [outside.join("outside.txt"), outside.join("b"), outside.join("abs.txt"), root.join(".htaccess")];
    for v in &victims {
        std::fs::write(v, "keep me").unwrap();
    }
    let absolute = outside.join("abs.txt").display().to_string();
    let bad = [
        "../outside.txt",
        "/etc/x",
        absolute.as_str(),
        "a/../../b",
        "..\\outside.txt",
        ".htaccess",
        "a//b",
        "news/../../b",
    ];
    let manifest_path = root.join(".masthead/manifest.json");
    let good: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    let intact = |when: &str| {
        for v in &victims {
            assert_eq!(
                std::fs::read_to_string(v).ok().as_deref(),
                Some("keep me"),
                "{when}: {} was deleted",
                v.display()
            );
        }
        let site: BTreeMap<String, String> =
            files_in(root).into_iter().filter(|(f, _)| !f.starts_with(".masthead/") && f != ".htaccess").collect();
        assert_eq!(site, p.build(), "{when}: the site on the host changed");
    };
    for path in bad {
        let mut m = good.clone();
        m["files"][path] = serde_json::json!({"hash": "0".repeat(64), "size": 7});
        std::fs::write(&manifest_path, serde_json::to_vec(&m).unwrap()).unwrap();
        let out = p.run(&["publish"], None);
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{path}: a tampered manifest was accepted");
        assert!(message.contains("never publishes") && message.contains("--verify"), "{path}: {message}");
        intact(path);
    }
    // --verify publishes over it and writes a clean record; nothing it listed is deleted.
    p.publish(&["--verify"]);
    intact("--verify");
    let now: serde_json::Value = serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    assert!(bad.iter().all(|b| now["files"].get(b).is_none()), "{now}");

    // The journal's pending deletions are checked the same way.
    let site = Site::open(p.site()).unwrap();
    let journal = site.cache_dir().join("publish/live.json");
    let pending = serde_json::json!({"base": now["id"], "sent": {}, "pending_deletions": bad});
    std::fs::write(&journal, serde_json::to_vec(&pending).unwrap()).unwrap();
    drop(site);
    p.publish(&[]);
    intact("journal");
}

#[test]
fn a_tampered_manifest_never_deletes_outside_a_folder_host() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("www");
    std::fs::create_dir_all(&root).unwrap();
    tampered_records_delete_nothing_outside_the_site(&format!("file://{}/", root.display()), &root);
}

#[test]
fn a_tampered_manifest_never_deletes_outside_a_webdav_host() {
    let host = TestHost::start("webdav-nginx");
    tampered_records_delete_nothing_outside_the_site(&host.get("url"), &host.root());
}

/// A secret typed at the prompt is not echoed (run under a terminal from util-linux `script`);
/// `--secret-stdin` from a pipe still works.
#[test]
fn a_typed_secret_is_not_echoed_and_a_piped_one_is_kept() {
    let p = Publisher::demo();
    let secrets = || std::fs::read_to_string(p.dir.path().join("config/secrets.json")).unwrap_or_default();
    let out =
        p.run(&["target", "add", "piped", "file:///tmp/masthead-unused/", "--secret-stdin"], Some("s3cret-piped\n"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(secrets().contains("\"s3cret-piped\""), "{}", secrets());

    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped the terminal half: no `script` here");
        return;
    }
    let command = format!(
        "{} --site {} target add typed file:///tmp/masthead-unused/",
        crate::common::masthead_bin().display(),
        p.site().display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("MASTHEAD_SITE")
        .env("MASTHEAD_CONFIG_DIR", p.dir.path().join("config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Typed once the prompt is up (the terminal echoes what arrives before).
    std::thread::sleep(std::time::Duration::from_millis(1500));
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"hunter2-typed\n").unwrap();
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("Password or secret key") && screen.contains("Added the target typed"), "{screen}");
    assert!(!screen.contains("hunter2-typed"), "the secret was echoed: {screen}");
    assert!(secrets().contains("\"hunter2-typed\""), "{}", secrets());
}
