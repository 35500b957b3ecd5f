//! `masthead serve`: the preview server rebuilds when the store changes and tells pages to reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{masthead, masthead_bin};

/// A plain HTTP/1.0 GET; returns status line and body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
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

#[test]
fn serve_previews_drafts_and_reloads_after_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let site_s = site.to_str().unwrap();
    assert!(masthead(&["--site", site_s, "init", "--demo"]).status.success());
    let mut child = Command::new(masthead_bin())
        .args(["--site", site_s, "serve", "--port", "0"])
        .env("MASTHEAD_CONFIG_DIR", tmp.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let _guard = Killed(child);
    let addr = line.split("http://").nth(1).unwrap().split('/').next().unwrap().to_string();

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
