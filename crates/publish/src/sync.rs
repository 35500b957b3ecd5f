//! One publish: build, compare with the host's manifest, send what changed in a safe order,
//! write the manifest, then delete what left the site. Interrupted publishes resume from a
//! local journal; a colleague's publish in between is a conflict, never overwritten.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use masthead_store::Site;
use serde::Serialize;

use crate::error::{PublishError, Result};
use crate::host::Host;
use crate::journal::Journal;
use crate::local::Local;
use crate::manifest::{Entry, LOCK, Lock, MANIFEST, Manifest, Plan, Stage, plan, stage};

/// How a publish runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Plan only; send nothing.
    pub dry_run: bool,
    /// List the host and repair drift (files deleted or changed by hand), and publish on top of
    /// whatever is there now (the way out of a conflict).
    pub verify: bool,
    /// Files in flight at once.
    pub parallel: usize,
    /// Set to stop: files in flight finish, nothing more is sent, the host's record stays as
    /// it was and the lock is removed (no page there links to a missing file).
    pub cancel: Arc<AtomicBool>,
}

impl Default for Options {
    fn default() -> Self {
        Options { dry_run: false, verify: false, parallel: 8, cancel: Arc::default() }
    }
}

/// Progress for a bar or the app.
#[derive(Clone, Debug, Default, Serialize, specta::Type)]
pub struct Progress {
    pub files_done: u64,
    pub files_total: u64,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub current: String,
}

/// What a publish did (or, for a dry run, would do).
#[derive(Clone, Debug, Default, Serialize, specta::Type)]
pub struct Report {
    pub uploaded: usize,
    pub deleted: usize,
    pub unchanged: usize,
    pub bytes: u64,
    pub ms: u64,
    pub conflict: bool,
    /// The new publish's id (empty for a dry run or when nothing changed).
    #[serde(skip)]
    pub publish_id: String,
    /// The fingerprint of an SSH host key this publish saw and pinned for the first time, to
    /// show the user (absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_key: Option<String>,
}

/// A lock older than this is a leftover of a publish that died, and is taken over.
const STALE_LOCK: Duration = Duration::from_secs(15 * 60);

fn conflict(m: &Manifest) -> PublishError {
    PublishError::Conflict(format!(
        "Someone else published to this host since you last did: {} at {}. Nothing was changed. Run `masthead publish --verify` to compare with what is on the host now and publish on top of it.",
        if m.author.is_empty() { "an unknown publisher" } else { &m.author },
        m.time
    ))
}

async fn read_manifest(host: &Host) -> Result<(Option<Manifest>, Option<String>)> {
    match host.read(MANIFEST).await? {
        None => Ok((None, None)),
        Some((bytes, etag)) => Ok((Some(Manifest::from_host_bytes(&bytes)?), etag)),
    }
}

/// Who "this site on this computer" is: a random id of the computer (kept in the
/// preferences) with the site's folder.
fn owner(site: &Site) -> String {
    let mut prefs = masthead_store::Prefs::load();
    let machine = match prefs.machine_id.clone() {
        Some(id) => id,
        None => {
            let seed = format!("{:?}{}{}", std::time::SystemTime::now(), std::process::id(), site.dir().display());
            let id = blake3::hash(seed.as_bytes()).to_hex()[..16].to_string();
            prefs.machine_id = Some(id.clone());
            if let Err(e) = prefs.save() {
                tracing::warn!("could not save the preferences: {e}");
            }
            id
        }
    };
    let dir = site.dir().canonicalize().unwrap_or_else(|_| site.dir().to_path_buf());
    blake3::hash(format!("{machine}{}", dir.display()).as_bytes()).to_hex()[..16].to_string()
}

/// Takes the host's lock, or says who holds it.
async fn lock(host: &Host, mine: &Lock) -> Result<()> {
    if let Some((bytes, _)) = host.read(LOCK).await?
        && let Ok(theirs) = serde_json::from_slice::<Lock>(&bytes)
        && theirs.id != mine.id
        && theirs.owner != mine.owner
    {
        let age = theirs.time.parse::<jiff::Timestamp>().map(|t| jiff::Timestamp::now().duration_since(t));
        if age.is_ok_and(|a| a.unsigned_abs() < STALE_LOCK) {
            return Err(PublishError::Conflict(format!(
                "{} is publishing to this host (since {}). Wait until they are done, then publish again.",
                if theirs.author.is_empty() { "Someone" } else { &theirs.author },
                theirs.time
            )));
        }
        tracing::warn!("taking over a lock left by {} at {}", theirs.author, theirs.time);
        host.delete(LOCK).await?;
    }
    let body = serde_json::to_vec(mine).expect("locks serialise");
    if host.conditional {
        if !host.write_if(LOCK, body, None).await? {
            return Err(PublishError::Conflict(
                "Someone else started publishing to this host just now. Publish again in a moment.".into(),
            ));
        }
    } else {
        host.write(LOCK, body).await?;
    }
    Ok(())
}

/// One publish: the site, its build, the host and how to go about it (as mdBook's
/// `RenderContext` carries a render).
pub(crate) struct Run<'a> {
    pub(crate) site: &'a Site,
    pub(crate) local: &'a Local,
    pub(crate) host: &'a Host,
    /// The target's name (the journal is kept per target).
    pub(crate) target: &'a str,
    /// The manifest id this site last wrote to the host, if any.
    pub(crate) last_seen: Option<&'a str>,
    /// The site's section slugs (for the upload order).
    pub(crate) sections: &'a HashSet<String>,
    pub(crate) opts: &'a Options,
    /// Called as files complete.
    pub(crate) progress: &'a (dyn Fn(&Progress) + Sync),
}

/// The local journal of a publish and where it is saved.
struct JournalFile {
    journal: Journal,
    path: PathBuf,
}

/// Publishes the site's build to a host.
pub(crate) async fn publish(run: &Run<'_>) -> Result<Report> {
    let Run { site, local, host, target, last_seen, sections, opts, .. } = *run;
    let started = Instant::now();
    let (mut manifest, etag) = read_manifest(host).await?;
    // A record listing paths no publish writes is refused; `--verify` publishes over it,
    // deleting nothing it lists.
    if let Some(m) = manifest.as_mut()
        && let Err(e) = m.check_paths()
    {
        if !opts.verify {
            return Err(e);
        }
        tracing::warn!("{e}; publishing over it without deleting what it lists");
        m.files.clear();
    }
    let host_id = manifest.as_ref().map(|m| m.id.as_str());
    // A publish this site knows from its history is no conflict: its own, or a colleague's
    // that team sync brought in together with the work it published (a publish syncs first).
    let known = match host_id {
        Some(id) if host_id != last_seen => site.knows_publish(target, id)?,
        _ => false,
    };
    if !opts.verify && host_id.is_some() && host_id != last_seen && !known {
        return Err(conflict(manifest.as_ref().expect("checked")));
    }
    let mut base: BTreeMap<String, Entry> = manifest.as_ref().map(|m| m.files.clone()).unwrap_or_default();
    if opts.verify {
        // What is really there: a file whose size differs from the record is sent again.
        let listed = host.list().await?;
        let sizes: BTreeMap<&str, u64> = listed.iter().map(|l| (l.path.as_str(), l.size)).collect();
        // Files the host has that no publish put there are not ours: they are left alone.
        base.retain(|path, e| sizes.get(path.as_str()) == Some(&e.size));
    }
    let journal_path = site.cache_dir().join("publish").join(format!("{target}.json"));
    let mut journal = JournalFile { journal: Journal::load(&journal_path, host_id), path: journal_path };
    // Files an interrupted publish already sent count as there.
    for (path, hash) in &journal.journal.sent {
        if let Some(e) = local.files.get(path).filter(|e| &e.hash == hash) {
            base.insert(path.clone(), e.clone());
        }
    }
    let mut p: Plan = plan(&local.files, &base, sections);
    p.deletions.extend(journal.journal.pending_deletions.iter().filter(|d| !local.files.contains_key(*d)).cloned());
    p.deletions.sort();
    p.deletions.dedup();
    let mut report = Report {
        uploaded: p.uploads.len(),
        deleted: p.deletions.len(),
        unchanged: p.unchanged,
        bytes: p.bytes,
        ..Report::default()
    };
    let nothing = p.uploads.is_empty() && p.deletions.is_empty() && manifest.is_some() && host_id == last_seen;
    if opts.dry_run || nothing {
        report.ms = started.elapsed().as_millis() as u64;
        return Ok(report);
    }

    let now = jiff::Timestamp::now();
    let id = format!(
        "{}-{}",
        now.as_millisecond(),
        &blake3::hash(format!("{now}{}", site.author()).as_bytes()).to_hex()[..8]
    );
    // The host's lock and manifest name the publisher only by the name the editor chose: never
    // the login name (which `site.author()` falls back to), nothing identifying when unset.
    let publisher = masthead_store::Prefs::load().editor_name().unwrap_or_default();
    let mine = Lock { id: id.clone(), author: publisher, time: now.to_string(), owner: owner(site) };
    lock(host, &mine).await?;
    let outcome = send(run, &p, &mut journal).await;
    let result = match outcome {
        Ok(()) => finish(run, &p, manifest.as_ref(), etag, &mine, &mut journal).await,
        Err(e) => Err(e),
    };
    // The lock goes whatever happened, so the host stays usable.
    if let Err(e) = host.delete(LOCK).await {
        tracing::warn!("could not remove the lock: {e}");
    }
    result?;
    report.ms = started.elapsed().as_millis() as u64;
    report.publish_id = id;
    Ok(report)
}

/// Sends the plan's uploads, stage by stage, noting each in the journal.
async fn send(run: &Run<'_>, p: &Plan, journal: &mut JournalFile) -> Result<()> {
    let Run { host, local, sections, opts, progress, .. } = *run;
    let cancel = &opts.cancel;
    let files_done = AtomicU64::new(0);
    let bytes_done = AtomicU64::new(0);
    let sent = Mutex::new(Vec::<(String, String)>::new());
    let total = Progress { files_total: p.uploads.len() as u64, bytes_total: p.bytes, ..Progress::default() };
    // Slows each upload down by this many milliseconds: for tests that interrupt a publish.
    let delay = std::env::var("MASTHEAD_PUBLISH_DELAY_MS").ok().and_then(|v| v.parse::<u64>().ok());
    // `p.uploads` is in stage order (see [`Stage`]); each stage completes before the next starts.
    let mut stages: Vec<(Stage, Vec<&String>)> = Vec::new();
    for path in &p.uploads {
        let s = stage(path, sections);
        match stages.last_mut() {
            Some((last, batch)) if *last == s => batch.push(path),
            _ => stages.push((s, vec![path])),
        }
    }
    for (_, batch) in stages {
        let results: Vec<Result<()>> = futures::stream::iter(batch)
            .map(|path| {
                let (files_done, bytes_done, sent, total) = (&files_done, &bytes_done, &sent, &total);
                async move {
                    if cancel.load(Ordering::SeqCst) {
                        return Err(PublishError::Cancelled);
                    }
                    if let Some(ms) = delay {
                        tokio::time::sleep(Duration::from_millis(ms)).await;
                    }
                    let bytes = local.read(path)?;
                    let n = bytes.len() as u64;
                    host.write(path, bytes).await?;
                    sent.lock().expect("not poisoned").push((path.clone(), local.files[path].hash.clone()));
                    progress(&Progress {
                        files_done: files_done.fetch_add(1, Ordering::SeqCst) + 1,
                        bytes_done: bytes_done.fetch_add(n, Ordering::SeqCst) + n,
                        current: path.clone(),
                        ..total.clone()
                    });
                    Ok(())
                }
            })
            .buffer_unordered(opts.parallel.max(1))
            .collect()
            .await;
        journal.journal.sent.extend(sent.lock().expect("not poisoned").drain(..));
        journal.journal.save(&journal.path);
        // A stage completes before the next starts: a page goes up after what it links to.
        results.into_iter().collect::<Result<Vec<()>>>()?;
    }
    Ok(())
}

/// Writes the new manifest (unless a colleague published in between), then deletes what left
/// the site.
async fn finish(
    run: &Run<'_>,
    p: &Plan,
    before: Option<&Manifest>,
    etag: Option<String>,
    mine: &Lock,
    journal: &mut JournalFile,
) -> Result<()> {
    let Run { host, local, opts, .. } = *run;
    // Re-read before writing: a colleague may have published in between (if the lock raced).
    let (now_there, now_etag) = read_manifest(host).await?;
    if now_there.as_ref().map(|m| &m.id) != before.map(|m| &m.id) && !opts.verify {
        return Err(conflict(now_there.as_ref().expect("changed means present")));
    }
    let manifest = Manifest {
        id: mine.id.clone(),
        time: mine.time.clone(),
        author: mine.author.clone(),
        files: local.files.clone(),
    };
    let body = serde_json::to_vec_pretty(&manifest).expect("manifests serialise");
    if host.conditional {
        if !host.write_if(MANIFEST, body, now_etag.or(etag).as_deref()).await? {
            let (theirs, _) = read_manifest(host).await?;
            return Err(conflict(&theirs.unwrap_or_default()));
        }
    } else {
        host.write(MANIFEST, body).await?;
    }
    // From here on the new manifest is the base; deletions still to do are remembered.
    journal.journal =
        Journal { base: Some(mine.id.clone()), sent: Default::default(), pending_deletions: p.deletions.clone() };
    journal.journal.save(&journal.path);
    let results: Vec<Result<()>> = futures::stream::iter(&p.deletions)
        .map(|path| host.delete(path))
        .buffer_unordered(opts.parallel.max(1))
        .collect()
        .await;
    results.into_iter().collect::<Result<Vec<()>>>()?;
    journal.journal.pending_deletions.clear();
    journal.journal.save(&journal.path);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;

    fn lock_of(owner: &str, id: &str) -> Lock {
        Lock { id: id.into(), author: "Sam".into(), time: jiff::Timestamp::now().to_string(), owner: owner.into() }
    }

    #[test]
    fn a_lock_left_by_this_site_is_taken_over_and_another_is_respected() {
        let dir = tempfile::tempdir().unwrap();
        let root = format!("{}/", dir.path().display());
        let host = Host::connect(&Endpoint::File { root }, None, None, None, dir.path()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            host.write(LOCK, serde_json::to_vec(&lock_of("me", "interrupted")).unwrap()).await.unwrap();
            lock(&host, &lock_of("me", "now")).await.expect("our own leftover lock is taken over");
            let held: Lock = serde_json::from_slice(&host.read(LOCK).await.unwrap().unwrap().0).unwrap();
            assert_eq!(held.id, "now");
            let e = lock(&host, &lock_of("someone else", "later")).await.unwrap_err();
            assert!(matches!(e, PublishError::Conflict(_)) && e.to_string().contains("Sam is publishing"), "{e}");
        });
    }
}
