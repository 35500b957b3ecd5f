//! `masthead serve`: the preview server rebuilds when the store changes and tells pages to reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{masthead, masthead_bin};

/// A plain HTTP/1.0 GET; returns status line and body.
fn get(addr: &str, path: &str) -> (String, String) {
    get_as(addr, path, Some(addr))
}

/// A plain HTTP/1.0 GET with this `Host` header (or none).
fn get_as(addr: &str, path: &str, host: Option<&str>) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(stream, "GET {path} HTTP/1.0\r\n{host}\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (head.lines().next().unwrap_or("").to_string(), body.to_string())
}

struct Killed(std::process::Child);
impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `masthead serve` on the demo site with `args`; returns the server (killed when
/// dropped) and the address it printed.
fn start(tmp: &std::path::Path, args: &[&str]) -> (Killed, String) {
    let site = tmp.join("x");
    let site_s = site.to_str().unwrap();
    assert!(masthead(&["--site", site_s, "init", "--demo"]).status.success());
    let mut child = Command::new(masthead_bin())
        .args(["--site", site_s, "serve"])
        .args(args)
        .env("MASTHEAD_CONFIG_DIR", tmp.join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line.split("http://").nth(1).unwrap().split('/').next().unwrap().to_string();
    (Killed(child), addr)
}

#[test]
fn serve_answers_only_requests_addressed_to_this_machine() {
    let tmp = tempfile::tempdir().unwrap();
    // No --port: a free one, not a fixed port a web page could guess.
    let (_guard, addr) = start(tmp.path(), &[]);
    let port = addr.rsplit_once(':').unwrap().1;
    assert!(addr.starts_with("127.0.0.1:") && port != "0", "{addr}");
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}"), "localhost".into()]
    {
        let (status, page) = get_as(&addr, "/", Some(&host));
        assert!(status.contains("200") && page.contains("MPG is 20 years old!"), "Host: {host}: {status}");
    }
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1.
    let evil = [
        Some("evil.example".to_string()),
        Some(format!("evil.example:{port}")),
        Some(format!("127.0.0.1.evil.example:{port}")),
        Some(format!("localhost.evil.example:{port}")),
        None,
    ];
    for host in &evil {
        for path in ["/", "/news/mipex-2015-in-numbers/", "/__masthead/wait?gen=0", "/__masthead/reload.js"] {
            let (status, body) = get_as(&addr, path, host.as_deref());
            assert!(status.contains("403"), "Host: {host:?} {path}: {status}");
            assert!(body.starts_with("Forbidden") && !body.contains("MPG"), "Host: {host:?} {path}: {body}");
        }
    }
}

#[test]
fn serve_previews_drafts_and_reloads_after_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let site_s = site.to_str().unwrap();
    let (_guard, addr) = start(tmp.path(), &["--port", "0"]);

    let (status, home) = get(&addr, "/");
    assert!(status.contains("200"), "{status}");
    assert!(home.contains("MPG is 20 years old!") && home.contains("/__masthead/reload.js"));
    let generation: String =
        home.split("data-mh-gen=\"").nth(1).unwrap().chars().take_while(char::is_ascii_digit).collect();
    let (status, draft) = get(&addr, "/news/mipex-2015-in-numbers/");
    assert!(status.contains("200") && draft.contains("Draft"), "drafts are previewed, marked");
    let (status, _) = get(&addr, "/no/such/page/");
    assert!(status.contains("404"), "{status}");
    for escape in ["/../site.db", "/../../site.db", "/%2e%2e/site.db"] {
        let (status, body) = get(&addr, escape);
        assert!(status.contains("404") && !body.contains("SQLite"), "{escape} escaped the preview: {status}");
    }

    // An edit made by another process is picked up and announced to waiting pages.
    let waiter = {
        let addr = addr.clone();
        std::thread::spawn(move || get(&addr, &format!("/__masthead/wait?gen={generation}")))
    };
    let edit = tmp.path().join("edit");
    std::fs::create_dir_all(edit.join("articles")).unwrap();
    std::fs::write(
        edit.join("articles/fresh-news.md"),
        "---\ntitle: Fresh news from the preview\nstatus: draft\nsection: news\n---\nHello.\n",
    )
    .unwrap();
    assert!(masthead(&["--site", site_s, "import", edit.to_str().unwrap()]).status.success());
    let (_, new_generation) = waiter.join().unwrap();
    assert_ne!(new_generation.trim(), "", "the wait returned");
    let (status, page) = get(&addr, "/news/fresh-news/");
    assert!(status.contains("200") && page.contains("Fresh news from the preview"), "{status}");
}
