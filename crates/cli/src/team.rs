//! `masthead team …`, `sync`, `conflicts` and `resolve`: team sync, through masthead-api's
//! `team` operations (the app calls the same ones).

use std::path::{Path, PathBuf};

use masthead_api::ApiError;
use masthead_api::team::{self, HostCredential, Keep};
use masthead_store::{Site, SiteLocation};
use serde_json::json;

use crate::Exit;

/// Reports a team error; host and key errors exit with 2, as `sync` promises.
fn fail(e: ApiError) -> anyhow::Error {
    if e.code.is_host_or_key() {
        eprintln!("error: {e}");
        Exit(2).into()
    } else {
        e.into()
    }
}

pub(crate) fn create(site: &Site, target: &str, as_json: bool) -> anyhow::Result<()> {
    let started = team::create(site, target).map_err(fail)?;
    let text = started.invitation;
    if as_json {
        crate::print_json(&json!({"invitation": text}));
    } else {
        println!("Started a team on the target {target} and sent the site ({} items).", started.sent);
        println!("Send this invitation to a colleague (it holds the team key, never your password):\n\n{text}\n");
        println!("They join with: masthead --site NEWDIR team join INVITATION");
    }
    Ok(())
}

pub(crate) fn join(
    location: &SiteLocation,
    invitation: &str,
    user: Option<String>,
    key: Option<PathBuf>,
    secret_stdin: bool,
    as_json: bool,
) -> anyhow::Result<()> {
    if location.is_default {
        anyhow::bail!("Say where the team's site goes: masthead --site NEWDIR team join INVITATION");
    }
    // A mistyped invitation is said before the password is asked for.
    team::check_invitation(invitation)?;
    let secret = crate::publish::read_secret(secret_stdin, "Password or secret key for the host")?;
    let report = team::join(&location.dir, invitation, HostCredential { user, key_file: key, secret }).map_err(fail)?;
    if as_json {
        crate::print_json(&json!({"site": location.dir, "received": report.received, "ms": report.ms}));
    } else {
        println!("Joined the team: {} items received into {}.", report.received, location.dir.display());
    }
    Ok(())
}

pub(crate) fn rekey(site: &Site, as_json: bool) -> anyhow::Result<()> {
    let text = team::rekey(site).map_err(fail)?;
    if as_json {
        crate::print_json(&json!({"invitation": text}));
    } else {
        println!("The team has a new key; the old one opens nothing written from now on.");
        println!("Send this invitation to every member who stays (not to the one who leaves):\n\n{text}\n");
        println!("They run: masthead --site THEIR_SITE team join INVITATION");
        println!("If the member who leaves knows the host's password, change it too.");
    }
    Ok(())
}

pub(crate) fn take_new_key(site: &Site, invitation: &str, as_json: bool) -> anyhow::Result<()> {
    let report = team::take_new_key(site, invitation).map_err(fail)?;
    if as_json {
        crate::print_json(&serde_json::to_value(&report)?);
    } else {
        println!(
            "This site now uses the team's new key: sent {}, received {}, in {} ms.",
            report.sent, report.received, report.ms
        );
    }
    Ok(())
}

pub(crate) fn status(site: &Site, as_json: bool) -> anyhow::Result<()> {
    let status = team::status(site).map_err(fail)?;
    if as_json {
        crate::print_json(&serde_json::to_value(&status)?);
        return Ok(());
    }
    println!("Team on the target {}; last sync {}.", status.target, status.last_sync.as_deref().unwrap_or("never"));
    for m in &status.members {
        let who = if m.me { format!("{} (you)", m.name) } else { m.name.clone() };
        println!("  {who}\t{} segments\t{}", m.seq, m.seen_at.as_deref().unwrap_or("-"));
    }
    println!("{} to send, {} conflicts.", status.pending, status.conflicts);
    for f in &status.failed {
        println!("Not written here yet: {} ({}), since {}, tried {} times.", f.entity, f.error, f.since, f.tries);
    }
    Ok(())
}

pub(crate) fn sync(site: &Site, as_json: bool) -> anyhow::Result<()> {
    let report = team::sync(site).map_err(fail)?;
    if as_json {
        crate::print_json(&serde_json::to_value(&report)?);
    } else {
        println!(
            "Sent {}, received {}, merged {}, {} new conflicts, in {} ms.",
            report.sent, report.received, report.merged, report.conflicts, report.ms
        );
        for f in &report.failed {
            println!("Not written here yet: {} ({}); the next sync tries it again.", f.entity, f.error);
        }
        if report.conflicts > 0 {
            println!(
                "See them with `masthead conflicts`; settle each with `masthead resolve ITEM --keep mine|theirs`."
            );
        }
    }
    Ok(())
}

pub(crate) fn conflicts(site: &Site, as_json: bool) -> anyhow::Result<()> {
    let conflicts = team::conflicts(site).map_err(fail)?;
    if as_json {
        crate::print_json(&serde_json::to_value(&conflicts)?);
    } else if conflicts.is_empty() {
        println!("No conflicts.");
    } else {
        for c in conflicts {
            println!(
                "{}: current by {} at {}; other version by {} at {}",
                c.entity, c.mine.author, c.mine.at, c.theirs.author, c.theirs.at
            );
        }
    }
    Ok(())
}

pub(crate) fn resolve(site: &Site, entity: &str, keep: Option<&str>, text: Option<&Path>) -> anyhow::Result<()> {
    if let Some(file) = text {
        let merged = if file == Path::new("-") {
            std::io::read_to_string(std::io::stdin())?
        } else {
            std::fs::read_to_string(file)
                .map_err(|e| anyhow::anyhow!("The merged text cannot be read from {}: {e}", file.display()))?
        };
        team::resolve_text(site, entity, &merged).map_err(fail)?;
        println!("Kept your merged text for {entity}; `masthead sync` sends it to the team.");
        return Ok(());
    }
    let keep = keep.unwrap_or("mine");
    let keep_which = if keep == "theirs" { Keep::Theirs } else { Keep::Mine };
    team::resolve(site, entity, keep_which).map_err(fail)?;
    println!("Kept {keep} for {entity}; `masthead sync` sends the choice to the team.");
    Ok(())
}
