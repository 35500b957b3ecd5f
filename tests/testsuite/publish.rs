//! Publishing the demo site to real servers on 127.0.0.1: the host ends up holding exactly the
//! local build, hash by hash; a second publish sends nothing; one edit sends only the files it
//! affects; files deleted or changed on the host by hand come back with `--verify`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use crate::hosts::{Publisher, TestHost, files_in};

fn venv_python() -> PathBuf {
    let venv = std::env::var_os("MASTHEAD_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var("HOME").unwrap()).join(".cache/masthead/venv"));
    venv.join("bin/python")
}

/// Runs boto3 against the moto host (`s3` is the client); prints nothing unless the script does.
fn boto3(host: &TestHost, script: &str, args: &[&str]) -> String {
    let prelude = format!(
        "import boto3, os, sys\ns3 = boto3.client('s3', endpoint_url='{}', aws_access_key_id='test', aws_secret_access_key='test', region_name='us-east-1')\nB = '{}'\n",
        host.get("endpoint"),
        host.get("bucket")
    );
    let out = Command::new(venv_python())
        .arg("-c")
        .arg(prelude + script)
        .args(args)
        .env_remove("AWS_CA_BUNDLE")
        .output()
        .unwrap();
    assert!(out.status.success(), "boto3: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What the host holds under the published root: path → blake3, read with the host's own
/// tools (its folder, or boto3 for S3), not with Masthead's client.
fn host_files(host: &TestHost, sub: &str) -> BTreeMap<String, String> {
    if host.info["kind"] == "s3" {
        let mirror = tempfile::tempdir().unwrap();
        boto3(
            host,
            "out = sys.argv[1]\nfor page in s3.get_paginator('list_objects_v2').paginate(Bucket=B):\n  for o in page.get('Contents', []):\n    p = os.path.join(out, o['Key']); os.makedirs(os.path.dirname(p), exist_ok=True); s3.download_file(B, o['Key'], p)\n",
            &[mirror.path().to_str().unwrap()],
        );
        return files_in(&mirror.path().join(sub));
    }
    files_in(&host.root().join(sub))
}

fn without_record(files: BTreeMap<String, String>) -> BTreeMap<String, String> {
    files.into_iter().filter(|(p, _)| !p.starts_with(".masthead/")).collect()
}

/// Removes a file on the host by hand.
fn delete_on_host(host: &TestHost, sub: &str, path: &str) {
    if host.info["kind"] == "s3" {
        boto3(host, "s3.delete_object(Bucket=B, Key=sys.argv[1])", &[&format!("{sub}{path}")]);
    } else {
        std::fs::remove_file(host.root().join(sub).join(path)).unwrap();
    }
}

fn n(v: &serde_json::Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("no {key} in {v}"))
}

fn round_trip(kind: &str) {
    let host = TestHost::start(kind);
    let mut p = Publisher::demo();
    if kind == "ftps" {
        // The test server's certificate is signed by its own CA.
        p.env.push(("SSL_CERT_FILE".into(), host.get("ca_file")));
    }
    let sub = "www/";
    let (url, user, secret) = match kind {
        "s3" => (
            host.get("url").replacen("s3://site/", "s3://site/www/", 1),
            Some(host.get("user")),
            Some(host.get("secret")),
        ),
        // hostctl names both FTP servers ftp://; explicit TLS is ftps:// to Masthead.
        k if k.starts_with("ftp") => {
            let url = host.get("url").replacen("ftp://", &format!("{k}://"), 1);
            (format!("{url}{sub}"), Some(host.get("user")), Some(host.get("password")))
        }
        // The user is in the URL; the root is an absolute path without a final slash.
        "sftp-password" => (format!("{}/{sub}", host.get("url")), None, Some(host.get("password"))),
        "sftp-key" => (format!("{}/{sub}", host.get("url")), None, None),
        _ => (format!("{}{sub}", host.get("url")), None, None),
    };
    let key_file = host.info["key_file"].as_str().unwrap_or_default().to_string();
    let mut args = vec!["target", "add", "live", url.as_str()];
    if let Some(u) = &user {
        args.extend(["--user", u.as_str()]);
    }
    if secret.is_some() {
        args.push("--secret-stdin");
    }
    if kind == "sftp-key" {
        args.extend(["--key", key_file.as_str()]);
    }
    let out = p.run(&args, secret.as_deref());
    assert!(out.status.success(), "target add: {}", String::from_utf8_lossy(&out.stderr));
    let out = p.run(&["target", "test", "live"], None);
    assert!(out.status.success(), "target test: {}", String::from_utf8_lossy(&out.stderr));
    if kind.starts_with("sftp") {
        // The host key is learnt on first use and shown, to be checked with the host.
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains(&host.get("host_key_sha256")), "{said}");
        let again = p.run(&["target", "test", "live"], None);
        assert!(!String::from_utf8_lossy(&again.stdout).contains("First connection"));
    }

    let first = p.publish(&[]);
    let build = p.build();
    assert_eq!(n(&first, "uploaded") as usize, build.len(), "{first}");
    let on_host = host_files(&host, sub);
    assert!(on_host.contains_key(".masthead/manifest.json"), "the host keeps a manifest");
    assert!(!on_host.contains_key(".masthead/lock.json"), "the lock is gone after the publish");
    assert_eq!(without_record(on_host), build, "{kind}: the host holds exactly the local build");

    let again = p.publish(&[]);
    assert_eq!((n(&again, "uploaded"), n(&again, "deleted")), (0, 0), "{again}");
    assert_eq!(n(&again, "unchanged") as usize, build.len());

    let slug = p.edit("\n\nA sentence added after the first publish.\n");
    let third = p.publish(&[]);
    let rebuilt = p.build();
    let changed = rebuilt.iter().filter(|(path, hash)| build.get(*path) != Some(*hash)).count();
    assert_eq!(n(&third, "uploaded") as usize, changed, "only what the edit changed travels: {third}");
    assert!((1..=12).contains(&changed), "one edit changes {changed} files");
    assert_eq!(without_record(host_files(&host, sub)), rebuilt);

    // A page deleted by hand on the host: a plain publish trusts the manifest; --verify repairs.
    let page = rebuilt.keys().find(|k| k.contains(&slug) && k.ends_with("index.html")).unwrap().clone();
    delete_on_host(&host, sub, &page);
    assert_eq!(n(&p.publish(&[]), "uploaded"), 0);
    let repaired = p.publish(&["--verify"]);
    assert_eq!(n(&repaired, "uploaded"), 1, "{repaired}");
    assert_eq!(without_record(host_files(&host, sub)), rebuilt, "{kind}: repaired");
    if kind.starts_with("sftp") {
        // A publish that meets the host for the first time says which key it pinned.
        assert!(repaired.get("host_key").is_none(), "a known host: {repaired}");
        std::fs::remove_file(p.dir.path().join("config/known_hosts")).unwrap();
        let out = p.run(&["publish", "--json"], None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["host_key"].as_str(), Some(host.get("host_key_sha256").as_str()), "{report}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("First connection"));
    }
}

#[test]
fn webdav_nginx_round_trip() {
    round_trip("webdav-nginx");
}

#[test]
fn webdav_wsgidav_round_trip() {
    round_trip("webdav-wsgidav");
}

#[test]
fn s3_round_trip() {
    round_trip("s3");
}

#[test]
fn ftp_round_trip() {
    round_trip("ftp");
}

#[test]
fn ftps_round_trip() {
    round_trip("ftps");
}

#[test]
fn sftp_with_a_key_round_trip() {
    round_trip("sftp-key");
}

#[test]
fn sftp_with_a_password_round_trip() {
    round_trip("sftp-password");
}

/// The app and a team sync keep more than one connection to a host at once, each on its own
/// network runtime (a team space and a publish target, or two spaces in a re-key). Each must
/// answer at once: a shared pool once handed the second a connection driven by the first's
/// idle runtime, and the call waited for the 60 s no-answer limit.
#[test]
fn two_connections_to_one_host_in_one_process_both_answer() {
    for kind in ["webdav-nginx", "webdav-wsgidav"] {
        let host = TestHost::start(kind);
        let parsed = masthead_publish::parse(&host.get("url"), None).unwrap();
        let known_hosts = tempfile::tempdir().unwrap();
        let connect = || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let host = masthead_publish::Host::connect(&parsed.endpoint, None, None, None, known_hosts.path()).unwrap();
            (host, runtime)
        };
        let (first, first_rt) = connect();
        first_rt.block_on(first.write("probe.txt", b"one".to_vec())).unwrap();
        let (second, second_rt) = connect();
        for (who, host, runtime) in [("second", &second, &second_rt), ("first", &first, &first_rt)] {
            let started = std::time::Instant::now();
            let got = runtime.block_on(host.read("probe.txt")).unwrap().map(|(bytes, _)| bytes);
            let took = started.elapsed();
            assert_eq!(got.as_deref(), Some(&b"one"[..]), "{kind}: {who}");
            assert!(took < std::time::Duration::from_secs(30), "{kind}: the {who} waited {took:?}");
        }
    }
}
