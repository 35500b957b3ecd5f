//! Secrets in a real keychain: gnome-keyring's Secret Service on a private D-Bus session bus.
//! Without a bus (CI's shells, the other tests) the file fallback is used; see publish_safety.

use std::process::Command;

use crate::common::masthead_bin;
use crate::hosts::{Publisher, TestHost};

#[test]
fn secrets_go_to_the_keychain_when_there_is_one() {
    let host = TestHost::start("ftp");
    let p = Publisher::demo();
    let home = p.dir.path().join("home");
    std::fs::create_dir_all(home.join("run")).unwrap();
    std::fs::set_permissions(home.join("run"), std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    // One bus session: keyring unlocked, target added with its secret, publish, look in the
    // keychain, remove the target, look again.
    let script = r#"
        printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        printf '%s' "$PASS" | "$M" --site "$S" target add live "$URL" --user "$U" --secret-stdin 2>"$H/add.err"
        "$M" --site "$S" publish --json >"$H/publish.json" 2>"$H/publish.err"
        secret-tool search --all service masthead >"$H/found.txt" 2>&1
        "$M" --site "$S" target rm live
        secret-tool search --all service masthead >"$H/after.txt" 2>&1
        true
    "#;
    let out = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", script])
        .env("M", masthead_bin())
        .env("S", p.site())
        .env("H", &home)
        .env("URL", host.get("url"))
        .env("U", host.get("user"))
        .env("PASS", host.get("password"))
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env("MASTHEAD_CONFIG_DIR", p.dir.path().join("config"))
        .env_remove("MASTHEAD_SITE")
        .output()
        .expect("dbus-run-session (make deps installs dbus and gnome-keyring)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let read = |f: &str| std::fs::read_to_string(home.join(f)).unwrap_or_default();
    assert!(!read("add.err").contains("warning"), "a keychain was there: {}", read("add.err"));
    assert!(!p.dir.path().join("config/secrets.json").exists(), "the secret went to the file too");
    let report: serde_json::Value = serde_json::from_str(&read("publish.json"))
        .unwrap_or_else(|_| panic!("the publish used the keychain's secret: {}", read("publish.err")));
    assert!(report["uploaded"].as_u64().unwrap() > 0);
    let found = read("found.txt");
    assert!(found.contains(&format!("secret = {}", host.get("password"))), "{found}");
    assert!(found.contains("#live"), "the item names the site and target: {found}");
    assert!(!read("after.txt").contains("secret ="), "removing the target removes its secret");
}
