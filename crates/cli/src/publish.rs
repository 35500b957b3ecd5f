//! `masthead target …` and `masthead publish`.

use std::io::{IsTerminal, Read};

use indicatif::{ProgressBar, ProgressStyle};
use masthead_api::targets::{NewTarget, SavedTarget};
use masthead_publish::{Options, Progress, PublishError};
use masthead_store::Site;
use serde_json::json;

use crate::Exit;

/// The secret from stdin (`--secret-stdin`, or piped) or a prompt on a terminal that does not
/// echo what is typed; none when stdin is neither the flag nor a terminal.
pub(crate) fn read_secret(from_stdin: bool, what: &str) -> anyhow::Result<Option<String>> {
    if from_stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(Some(s.trim_end_matches(['\n', '\r']).to_string()));
    }
    if !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    // Typed without echo: the secret never shows on the screen or in a terminal recording.
    let s = rpassword::prompt_password(format!("{what} (leave empty for none): "))?;
    Ok(Some(s.trim_end_matches(['\n', '\r']).to_string()).filter(|s| !s.is_empty()))
}

pub(crate) fn add(site: &Site, mut new: NewTarget, secret_stdin: bool) -> anyhow::Result<()> {
    new.secret = read_secret(secret_stdin, "Password or secret key")?;
    let SavedTarget { target, warnings } = masthead_api::targets::save_target(site, new)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    println!(
        "Added the target {name}: {url}. Check it with `masthead target test {name}`.",
        name = target.name,
        url = target.url
    );
    Ok(())
}

pub(crate) fn list(site: &Site, as_json: bool) -> anyhow::Result<()> {
    let targets = site.targets()?;
    if as_json {
        crate::print_json(&serde_json::to_value(&targets)?);
    } else if targets.is_empty() {
        println!("No targets yet. Add one with `masthead target add NAME URL`.");
    } else {
        for t in targets {
            let note = if t.needs_user() {
                format!("\t(no user yet: give yours with `masthead target add {} URL --user NAME`)", t.name)
            } else {
                String::new()
            };
            println!("{}\t{}{note}", t.name, t.url);
        }
    }
    Ok(())
}

pub(crate) fn history(site: &Site, target: Option<&str>, limit: usize, as_json: bool) -> anyhow::Result<()> {
    let log = site.publish_history(target, limit)?;
    if as_json {
        crate::print_json(&serde_json::to_value(&log)?);
    } else if log.is_empty() {
        println!("No publish yet.");
    } else {
        for p in log {
            println!(
                "{}\t{}\t{}\t{} sent, {} deleted\t{}",
                p.at,
                p.target,
                p.author,
                p.uploaded,
                p.deleted,
                p.changed.join("; ")
            );
        }
    }
    Ok(())
}

pub(crate) fn test(site: &Site, name: &str) -> anyhow::Result<()> {
    let target = site.target(Some(name))?;
    if let Some(fingerprint) = masthead_publish::test_target(site, &target)? {
        println!("{}", masthead_api::targets::first_contact(&fingerprint));
    }
    println!("The target {name} works: a test file was written, read back and deleted.");
    Ok(())
}

pub(crate) fn remove(site: &Site, name: &str) -> anyhow::Result<()> {
    masthead_publish::remove_target(site, name)?;
    println!("Removed the target {name} (the files on the host are untouched).");
    Ok(())
}

pub(crate) fn publish(
    site: &Site,
    target: Option<&str>,
    opts: Options,
    due: bool,
    as_json: bool,
) -> anyhow::Result<()> {
    let target = site.target(target)?;
    if due && !masthead_publish::due(site, &target)? {
        if as_json {
            crate::print_json(
                &json!({"uploaded": 0, "deleted": 0, "unchanged": 0, "bytes": 0, "ms": 0, "conflict": false, "due": false}),
            );
        } else {
            println!("Nothing is due: no scheduled content became public since the last publish.");
        }
        return Ok(());
    }
    if !opts.dry_run {
        masthead_api::team::sync_before_publish(site)?;
    }
    let bar = if as_json || !std::io::stderr().is_terminal() { ProgressBar::hidden() } else { ProgressBar::new(0) };
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files {bytes_per_sec} {wide_msg}").expect("valid template"),
    );
    let progress = |p: &Progress| {
        bar.set_length(p.files_total);
        bar.set_position(p.files_done);
        bar.set_message(p.current.clone());
    };
    let dry_run = opts.dry_run;
    let result = masthead_publish::publish(site, &target, &opts, &progress);
    bar.finish_and_clear();
    match result {
        Ok(r) => {
            if !dry_run {
                masthead_api::team::share_publish(site);
            }
            if as_json {
                crate::print_json(&serde_json::to_value(&r)?);
            } else {
                let verb = if dry_run { "Would send" } else { "Sent" };
                println!(
                    "{verb} {} files ({:.1} MB), deleted {}, {} unchanged, in {} ms.",
                    r.uploaded,
                    r.bytes as f64 / 1e6,
                    r.deleted,
                    r.unchanged,
                    r.ms
                );
            }
            if let Some(fingerprint) = &r.host_key {
                eprintln!("{}", masthead_api::targets::first_contact(fingerprint));
            }
            Ok(())
        }
        Err(PublishError::Conflict(message)) => {
            if as_json {
                crate::print_json(
                    &json!({"uploaded": 0, "deleted": 0, "unchanged": 0, "bytes": 0, "ms": 0, "conflict": true, "message": message}),
                );
            }
            eprintln!("error: {message}");
            Err(Exit(3).into())
        }
        Err(e) => Err(e.into()),
    }
}
