//! Publishing a built site to its host: only changed files travel (by blake3 hash, against the
//! host's manifest), in an order that never leaves a page without its assets, resumable and
//! safe against two publishers. The CLI and the app call [`publish`].

mod endpoint;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod host;
mod host_keys;
mod journal;
mod local;
mod manifest;
mod paths;
pub mod secret;
mod sftp;
mod sync;

use std::collections::HashSet;

use masthead_render::{BuildOptions, Content, build_into};
use masthead_store::{HostState, Kind, PublishLog, Site, Target};

pub use endpoint::{Endpoint, Parsed, parse};
pub use error::{PublishError, Result};
pub use host::Host;
pub use manifest::{LOCK, MANIFEST, Manifest};
pub use sync::{Options, Progress, Report};

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| PublishError::Invalid(format!("Could not start the network client: {e}")))
}

/// The URL, parsed; plain HTTP or FTP to another machine only when `insecure` allows it.
fn parse_allowed(url: &str, user: Option<&str>, insecure: bool) -> Result<Parsed> {
    let parsed = parse(url, user)?;
    if parsed.plain_remote && !insecure {
        return Err(PublishError::Invalid(format!(
            "{url} would send the password and files unencrypted over the network. Use webdavs://, ftps:// or an https:// endpoint, or add the target with --insecure if you accept that."
        )));
    }
    Ok(parsed)
}

/// Checks and stores a target (replacing one of the same name). Returns it, and whether it
/// is unencrypted (allowed by `insecure`; the caller warns).
pub fn add_target(
    site: &Site,
    name: &str,
    url: &str,
    user: Option<&str>,
    key_file: Option<&std::path::Path>,
    insecure: bool,
) -> Result<(Target, bool)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(PublishError::Invalid("Give the target a short name, such as `live` or `staging`.".into()));
    }
    let parsed = parse_allowed(url, user, insecure)?;
    if let Some(k) = key_file
        && !k.is_file()
    {
        return Err(PublishError::Invalid(format!("The key file {} does not exist.", k.display())));
    }
    let key_file = key_file.map(|k| k.canonicalize().unwrap_or_else(|_| k.to_path_buf()).display().to_string());
    let target =
        Target { name: name.into(), url: url.trim().into(), user: parsed.user, key_file, insecure, last_publish: None };
    site.save_target(&target)?;
    Ok((target, parsed.plain_remote))
}

/// Forgets a target and its secret; the files on the host stay.
pub fn remove_target(site: &Site, name: &str) -> Result<()> {
    site.remove_target(name)?;
    secret::set(site.dir(), name, "")?;
    Ok(())
}

/// Connects to a target with its stored secret.
pub fn connect(site: &Site, target: &Target) -> Result<Host> {
    let parsed = parse_allowed(&target.url, target.user.as_deref(), target.insecure)?;
    let secret = secret::get(site.dir(), &target.name);
    let known_hosts = masthead_store::Prefs::path().with_file_name("known_hosts");
    let key = target.key_file.as_deref().map(std::path::Path::new);
    Host::connect(&parsed.endpoint, parsed.user.as_deref(), secret.as_deref(), key, &known_hosts)
}

/// Checks that a target can be written to: a small file is written, read back and deleted.
/// Returns the fingerprint of an SSH host key seen for the first time.
pub fn test_target(site: &Site, target: &Target) -> Result<Option<String>> {
    let host = connect(site, target)?;
    runtime()?.block_on(async {
        let path = paths::CONNECTION_TEST;
        let probe = format!("written by Masthead at {}", jiff::Timestamp::now()).into_bytes();
        host.write(path, probe.clone()).await?;
        let back = host.read(path).await?.map(|(b, _)| b);
        host.delete(path).await?;
        if back.as_deref() != Some(&probe[..]) {
            return Err(PublishError::Host {
                what: "The test file came back different".into(),
                message: "the host does not keep files as sent".into(),
            });
        }
        Ok(host.learnt_key())
    })
}

/// Every item of the public site now: kind, id, version and a label for the history.
fn live_items(site: &Site, now: jiff::Timestamp) -> Result<Vec<(Kind, i64, i64, String)>> {
    let content = Content::load_light(site, now, false)?;
    let mut live: Vec<(Kind, i64, i64, String)> = content
        .articles
        .iter()
        .filter(|a| a.public)
        .map(|a| (Kind::Article, a.item.meta.id, a.item.meta.version, format!("Article “{}”", a.item.title)))
        .collect();
    live.extend(content.pages.iter().map(|p| (Kind::Page, p.meta.id, p.meta.version, format!("Page “{}”", p.title))));
    live.extend(
        content.slides.iter().map(|s| (Kind::Slide, s.meta.id, s.meta.version, format!("Slide “{}”", s.headline))),
    );
    Ok(live)
}

/// What visitors see at `at` because of dates: public articles and showing slides.
fn scheduled_at(site: &Site, at: jiff::Timestamp) -> Result<HashSet<(Kind, i64)>> {
    let content = Content::load_light(site, at, false)?;
    let mut shown: HashSet<(Kind, i64)> =
        content.articles.iter().filter(|a| a.public).map(|a| (Kind::Article, a.item.meta.id)).collect();
    shown.extend(content.slides.iter().filter(|s| content.slide_is_current(s)).map(|s| (Kind::Slide, s.meta.id)));
    Ok(shown)
}

/// Whether a publish is due for `--due` and the app's automatic publishing: scheduled content
/// became public (or a slide's show window opened or closed) since the last publish to this
/// target. Edits waiting to be published do not count: they go out when someone publishes.
/// Never due before the first publish.
pub fn due(site: &Site, target: &Target) -> Result<bool> {
    let Some(last) = site.publish_history(Some(&target.name), 1)?.into_iter().next() else {
        return Ok(false);
    };
    let Ok(then) = last.at.parse::<jiff::Timestamp>() else { return Ok(true) };
    let now = jiff::Timestamp::now();
    Ok(now > then && scheduled_at(site, then)? != scheduled_at(site, now)?)
}

/// Builds the site (incrementally, into `SITE/build`) and makes the target hold exactly that
/// build. A conflict leaves the host as it was and returns [`PublishError::Conflict`].
pub fn publish(site: &Site, target: &Target, opts: &Options, progress: &(dyn Fn(&Progress) + Sync)) -> Result<Report> {
    let host = connect(site, target)?;
    let now = jiff::Timestamp::now();
    let out = site.dir().join("build");
    let (built, _) = build_into(site, &BuildOptions { now, drafts: false }, &out)?;
    let local = local::Local::from_build(out, &built)?;
    let sections: HashSet<String> = site.settings()?.sections.into_iter().map(|s| s.slug).collect();
    let run = sync::Run {
        site,
        local: &local,
        host: &host,
        target: &target.name,
        last_seen: target.last_publish.as_deref(),
        sections: &sections,
        opts,
        progress,
    };
    let mut report = runtime()?.block_on(sync::publish(&run))?;
    report.host_key = host.learnt_key();
    if !report.publish_id.is_empty() {
        let live = live_items(site, now)?;
        let mut changed = vec![];
        for (kind, id, version, label) in &live {
            if site.host_state(&target.name, *kind, *id, *version)? != HostState::Live {
                changed.push(label.clone());
            }
        }
        changed.truncate(50);
        let log = PublishLog {
            id: report.publish_id.clone(),
            target: target.name.clone(),
            at: jiff::Timestamp::now().to_string(),
            author: site.author().to_string(),
            uploaded: report.uploaded as i64,
            deleted: report.deleted as i64,
            bytes: report.bytes as i64,
            ms: report.ms as i64,
            changed,
        };
        let live: Vec<(Kind, i64, i64)> = live.into_iter().map(|(k, i, v, _)| (k, i, v)).collect();
        site.record_publish(&log, &live)?;
    }
    Ok(report)
}
