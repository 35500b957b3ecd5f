//! Files for the media library: read from a folder (never outside it), or downloaded (a few
//! at a time, with timeouts and a size limit), then checked exactly as `media add` checks them.

use std::io::Read;
use std::path::{Component, Path};
use std::sync::Mutex;
use std::time::Duration;

use masthead_media::Pipeline;
use masthead_store::{MAX_MEDIA_BYTES, MediaProbe, media_name};

use crate::bundle::{Bundle, MediaFile, MediaText};
use crate::names::Names;

/// A download's bytes, or why there are none.
type Fetched = Result<Vec<u8>, String>;

/// Downloads run on this many threads.
const PARALLEL: usize = 8;

/// Reads `rel` under `root`. Paths that leave `root` (`..`, absolute paths, links pointing
/// outside) and files over the media size limit are refused.
pub(crate) fn read_inside(root: &Path, rel: &str) -> Result<Vec<u8>, String> {
    let rel_path = Path::new(rel);
    if rel.is_empty() || !rel_path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(format!("the path “{rel}” leaves the folder it must be in"));
    }
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let path = root.join(rel_path);
    let real = path.canonicalize().map_err(|_| format!("{} is not there", path.display()))?;
    if !real.starts_with(&root) {
        return Err(format!("{} is a link to a file outside {}", path.display(), root.display()));
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("{}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    if meta.len() > MAX_MEDIA_BYTES as u64 {
        return Err(too_big(meta.len()));
    }
    std::fs::read(&real).map_err(|e| format!("{}: {e}", path.display()))
}

fn too_big(bytes: u64) -> String {
    format!(
        "the file is {:.0} MB; the media library takes files up to {} MB",
        bytes as f64 / 1e6,
        MAX_MEDIA_BYTES / (1024 * 1024)
    )
}

/// Downloads each URL (in the same order), `PARALLEL` at a time; `each` is called after each.
pub(crate) fn download_all(urls: &[String], each: &(dyn Fn() + Sync)) -> Vec<Fetched> {
    if urls.is_empty() {
        return vec![];
    }
    // reqwest's blocking client runs its own async runtime, which it may not start or drop on a
    // thread that belongs to another one (the app's commands run on Tauri's): a thread of its own.
    std::thread::scope(|s| s.spawn(|| fetch_all(urls, each)).join())
        .unwrap_or_else(|_| urls.iter().map(|_| Err("the download stopped unexpectedly".to_string())).collect())
}

fn fetch_all(urls: &[String], each: &(dyn Fn() + Sync)) -> Vec<Fetched> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_secs(60))
        .user_agent(concat!("Masthead/", env!("CARGO_PKG_VERSION"), " (site import)"))
        .build();
    let client = match client {
        Ok(c) => c,
        Err(e) => return urls.iter().map(|_| Err(format!("no web client: {e}"))).collect(),
    };
    let results: Mutex<Vec<Option<Fetched>>> = Mutex::new(vec![None; urls.len()]);
    let next = Mutex::new(0usize);
    std::thread::scope(|s| {
        for _ in 0..PARALLEL.min(urls.len()) {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("not poisoned");
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(url) = urls.get(i) else { break };
                    let got = download(&client, url);
                    results.lock().expect("not poisoned")[i] = Some(got);
                    each();
                }
            });
        }
    });
    results.into_inner().expect("not poisoned").into_iter().map(|r| r.expect("every URL was tried")).collect()
}

fn download(client: &reqwest::blocking::Client, url: &str) -> Result<Vec<u8>, String> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!("“{url}” is not a web address"));
    }
    let response = client.get(url).send().map_err(|e| format!("could not download it ({e})"))?;
    if !response.status().is_success() {
        return Err(format!("the old site answered {} for it", response.status()));
    }
    let mut bytes = vec![];
    response
        .take(MAX_MEDIA_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("the download failed ({e})"))?;
    if bytes.len() > MAX_MEDIA_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Checks a file as `media add` does and adds it to the bundle: its media name, or why not.
pub(crate) fn admit(
    bundle: &mut Bundle,
    names: &mut Names,
    original: &str,
    bytes: Vec<u8>,
    text: MediaText,
) -> Result<String, String> {
    if bytes.len() > MAX_MEDIA_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let info = Pipeline.probe(&bytes).map_err(|e| e.to_string())?;
    let hash = blake3_hex(&bytes);
    let (name, new) = names.media(&media_name(original, &info.ext), &hash);
    bundle.media.push(MediaFile { name: name.clone(), bytes: if new { bytes } else { vec![] }, text, new });
    Ok(name)
}

fn blake3_hex(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}
