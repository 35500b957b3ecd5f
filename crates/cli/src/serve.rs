//! `masthead serve`: the site as the preview shows it (drafts included, marked), on
//! 127.0.0.1, rebuilt when the store or the site's theme changes, with pages that reload
//! themselves. Only requests addressed to this machine by name (`Host: 127.0.0.1`, `localhost`
//! or `[::1]`) are answered, so that a web page whose name was pointed at 127.0.0.1 (DNS
//! rebinding) cannot read the preview and its drafts.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use masthead_store::Site;
use notify::{RecursiveMode, Watcher};

use masthead_render::{BuildOptions, Builder, RenderError, Result, content_type};

/// The reload script added to every served page: waits for the next build, then reloads.
const RELOAD_JS: &str = "(function(){var g=document.documentElement.dataset.mhGen;function w(){fetch('/__masthead/wait?gen='+g).then(function(r){return r.text()}).then(function(n){if(n!==g){location.reload()}else{w()}}).catch(function(){setTimeout(w,1000)})}w()})();";

/// The current build generation, and the folder the preview is built into.
struct Shared {
    state: Mutex<u64>,
    changed: Condvar,
    root: PathBuf,
}

/// Builds the preview incrementally into `SITE/cache/preview/`.
fn build(site: &Site, builder: &mut Builder) -> Result<()> {
    builder.build(site, &BuildOptions { now: jiff::Timestamp::now(), drafts: true }).map(|_| ())
}

/// Serves the site in `dir` on `127.0.0.1:port` (0 picks a free port) until the process ends.
/// `ready` is told the address once it listens.
fn serve(dir: &Path, port: u16, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let site = Site::open(dir)?;
    let root = site.cache_dir().join("preview");
    let mut builder = Builder::new(&root);
    build(&site, &mut builder)?;
    let shared = Arc::new(Shared { state: Mutex::new(1), changed: Condvar::new(), root });
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| RenderError::Io {
        context: format!(
            "Could not listen on port {port} (is another program using it? leave out --port to use a free one)"
        ),
        source: std::io::Error::other(e.to_string()),
    })?;
    let addr = server.server_addr().to_ip().expect("a TCP listener has an IP address");

    // Theme edits are noticed by file events; store edits by SQLite's data_version, because
    // file events on a WAL database are unreliable.
    let theme_dirty = Arc::new(AtomicBool::new(false));
    let flag = theme_dirty.clone();
    let mut watcher = notify::recommended_watcher(move |_event| flag.store(true, Ordering::SeqCst)).map_err(|e| {
        RenderError::Io { context: "Could not watch the theme folder".into(), source: std::io::Error::other(e) }
    })?;
    let theme_dir = dir.join("theme");
    if theme_dir.is_dir() {
        let _ = watcher.watch(&theme_dir, RecursiveMode::Recursive);
    }
    let rebuilder = shared.clone();
    std::thread::spawn(move || {
        let _watcher = watcher;
        let mut seen = site.data_version().unwrap_or(0);
        loop {
            std::thread::sleep(Duration::from_millis(200));
            let version = site.data_version().unwrap_or(seen);
            if version == seen && !theme_dirty.swap(false, Ordering::SeqCst) {
                continue;
            }
            seen = version;
            match build(&site, &mut builder) {
                Ok(()) => {
                    let mut generation = rebuilder.state.lock().unwrap_or_else(|p| p.into_inner());
                    *generation += 1;
                    rebuilder.changed.notify_all();
                }
                Err(e) => tracing::error!("rebuild failed: {e}"),
            }
        }
    });
    ready(addr);
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || respond(&shared, request));
    }
    Ok(())
}

/// Whether a `Host` header names this machine: `127.0.0.1`, `localhost` or `[::1]`, with or
/// without a port. Any other name may be one an attacker pointed at 127.0.0.1.
fn local_host(host: &str) -> bool {
    let host = host.trim();
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !host.ends_with(']') => {
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            name
        }
        _ => host,
    };
    name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost") || name == "[::1]"
}

fn respond(shared: &Shared, request: tiny_http::Request) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header");
    let hosts: Vec<&str> =
        request.headers().iter().filter(|h| h.field.equiv("Host")).map(|h| h.value.as_str()).collect();
    if !matches!(hosts.as_slice(), [host] if local_host(host)) {
        let _ = request.respond(
            tiny_http::Response::from_string(
                "Forbidden: the preview answers only http://127.0.0.1, http://localhost or http://[::1].\n",
            )
            .with_status_code(403)
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
        );
        return;
    }
    if path == "/__masthead/wait" {
        let since: u64 = url.split("gen=").nth(1).and_then(|g| g.parse().ok()).unwrap_or(0);
        let state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
        let (state, _) = shared
            .changed
            .wait_timeout_while(state, Duration::from_secs(25), |generation| *generation <= since)
            .unwrap_or_else(|p| p.into_inner());
        let _ = request.respond(tiny_http::Response::from_string(state.to_string()));
        return;
    }
    if path == "/__masthead/reload.js" {
        let _ = request.respond(
            tiny_http::Response::from_string(RELOAD_JS).with_header(header("Content-Type", "text/javascript")),
        );
        return;
    }
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    // Files are replaced atomically by the builder, so a page is never half-written.
    let generation = *shared.state.lock().unwrap_or_else(|p| p.into_inner());
    let safe = Path::new(&rel).components().all(|c| matches!(c, std::path::Component::Normal(_)));
    let read = |rel: &str| std::fs::read(shared.root.join(rel)).ok();
    let (status, rel, bytes) = match read(&rel).filter(|_| safe) {
        Some(bytes) => (200, rel, bytes),
        None => (404, "404.html".to_string(), read("404.html").unwrap_or_else(|| b"Not found".to_vec())),
    };
    let mut body = bytes;
    if rel.ends_with(".html") {
        let html = String::from_utf8_lossy(&body)
            .replacen("<html", &format!("<html data-mh-gen=\"{generation}\""), 1)
            .replacen("</body>", "<script src=\"/__masthead/reload.js\"></script></body>", 1);
        body = html.into_bytes();
    }
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type(&rel)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
}

pub(crate) fn run(site: Site, port: u16) -> anyhow::Result<()> {
    let dir = site.dir().to_path_buf();
    drop(site);
    serve(&dir, port, |addr| {
        println!("Serving a preview of {} at http://{addr}/ (drafts included; press Ctrl+C to stop).", dir.display());
        use std::io::Write;
        let _ = std::io::stdout().flush();
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::local_host;

    #[test]
    fn only_this_machines_names_are_local_hosts() {
        for ok in ["127.0.0.1", "127.0.0.1:4321", "localhost", "LocalHost:80", "[::1]", "[::1]:8080", " localhost:1 "] {
            assert!(local_host(ok), "{ok}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:4321",
            "127.0.0.1.evil.example",
            "localhost.evil.example:80",
            "127.0.0.2",
            "0.0.0.0:80",
            "127.0.0.1:",
            "127.0.0.1:80x",
            "localhost:80:80",
            "[::1]x",
            "::1",
            "[::2]:80",
            "evil@127.0.0.1",
        ] {
            assert!(!local_host(bad), "{bad:?}");
        }
    }
}
