//! `masthead`: the command-line shell over Masthead's crates. It parses arguments, calls the
//! crates and prints; it has no logic of its own. A library, so that the app's binary can be
//! the command too (the packages ship one binary: see `masthead_app::command_args`); the
//! `masthead` binary (main.rs) only calls [`main`].

mod build;
mod check;
mod import;
mod init;
mod list;
mod media;
mod portable;
mod publish;
mod search;
mod serve;
mod team;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use masthead_api::targets::NewTarget;
use masthead_store::SiteLocation;

#[derive(Parser)]
#[command(name = "masthead", version, about = "Write, preview and publish your organisation's website.")]
struct Cli {
    /// The site folder. Default: $MASTHEAD_SITE, else the default site in your data folder.
    #[arg(long, global = true, value_name = "DIR")]
    site: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a site (leaves an existing one untouched).
    Init {
        /// Fill the new site with the demo content.
        #[arg(long)]
        demo: bool,
    },
    /// Import a portable folder (Markdown + front matter + media), or with --from a WordPress
    /// export or a Hugo, Zola or Jekyll site, into the site.
    Import {
        /// The portable folder; with --from, the WordPress export file or the site's root folder.
        source: PathBuf,
        /// The kind of website to bring in.
        #[arg(long, value_parser = ["wordpress", "hugo", "zola", "jekyll"])]
        from: Option<String>,
        /// WordPress: a copy of wp-content/uploads to take the files from (else they are downloaded).
        #[arg(long, value_name = "DIR", requires = "from")]
        media_from: Option<PathBuf>,
        /// Report what would be imported; change nothing.
        #[arg(long, requires = "from")]
        dry_run: bool,
        /// Print the report as one JSON document.
        #[arg(long, requires = "from")]
        json: bool,
    },
    /// Export the site as a portable folder.
    Export { dir: PathBuf },
    /// List articles, slides, pages or media.
    List {
        #[arg(value_parser = ["articles", "slides", "pages", "media"])]
        what: String,
        /// Print one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Add, list or remove images and report PDFs.
    Media {
        #[command(subcommand)]
        command: MediaCommand,
    },
    /// Build the website into a folder.
    Build {
        /// Where to write it (default: SITE/build).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Build as of this moment (RFC 3339 or a date); default now.
        #[arg(long, value_name = "TIME")]
        now: Option<String>,
        /// Include drafts and scheduled content, marked.
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        json: bool,
    },
    /// Preview the site on 127.0.0.1, rebuilt and reloaded as you edit.
    Serve {
        /// The port (by default, or with 0, a free one).
        #[arg(long)]
        port: Option<u16>,
    },
    /// Check the site for broken links, missing alt text and other problems.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Add, list, test or remove the hosts the site is published to.
    Target {
        #[command(subcommand)]
        command: TargetCommand,
    },
    /// Make the website on the host identical to the local build, sending only what changed.
    Publish {
        /// The target to publish to (needed when there are several).
        #[arg(long, value_name = "NAME")]
        target: Option<String>,
        /// Show what would be sent and deleted; send nothing.
        #[arg(long)]
        dry_run: bool,
        /// List the host and put back files deleted or changed there by hand.
        #[arg(long)]
        verify: bool,
        /// Publish only if something public now is not live yet (scheduled content; for cron).
        #[arg(long)]
        due: bool,
        #[arg(long)]
        json: bool,
    },
    /// Start, join or look at the team this site shares through a host.
    Team {
        #[command(subcommand)]
        command: TeamCommand,
    },
    /// Send this site's saves to the team and receive colleagues' (exit 2 on a host or key error).
    Sync {
        #[arg(long)]
        json: bool,
    },
    /// List items with two versions that team sync could not merge.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Settle a conflict: keep the current version (mine), the other one (theirs), or a text
    /// merged by hand (--text FILE; `-` reads it from stdin).
    Resolve {
        /// The item: article:SLUG, page:SLUG, slide:SLUG, media:NAME or settings.
        entity: String,
        #[arg(long, value_parser = ["mine", "theirs"], required_unless_present = "text", conflicts_with = "text")]
        keep: Option<String>,
        /// A file with the merged text (the item's body, or a slide's blurb); `masthead
        /// conflicts --json` gives a starting point as `merged_body`.
        #[arg(long)]
        text: Option<PathBuf>,
    },
    /// Search articles and pages.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum MediaCommand {
    /// Add files to the media library.
    Add {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Alt text for the images added.
        #[arg(long, conflicts_with = "decorative")]
        alt: Option<String>,
        /// The images only decorate (a texture, a divider): they need no alt text.
        #[arg(long)]
        decorative: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the media library (same as `list media`).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Move a media item to the trash (refused while something uses it).
    Rm { name: String },
}

#[derive(Subcommand)]
enum TargetCommand {
    /// Add a target (or change the one with that name). The secret goes to stdin or the prompt.
    Add {
        name: String,
        /// file:///path, webdav(s)://host/path, s3://bucket/prefix?endpoint=…&region=…,
        /// sftp://user@host/path or ftp(s)://host/path.
        url: String,
        /// The user name (for S3, the access key id).
        #[arg(long)]
        user: Option<String>,
        /// An SSH private key file (SFTP).
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        /// Read the password or secret key from stdin.
        #[arg(long)]
        secret_stdin: bool,
        /// Allow plain HTTP or FTP to another machine.
        #[arg(long)]
        insecure: bool,
    },
    /// List the targets.
    List {
        #[arg(long)]
        json: bool,
    },
    /// The publishes made so far (in a team, every member's), newest first.
    History {
        /// Only the publishes to this target.
        name: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Check that a target can be written to.
    Test { name: String },
    /// Remove a target and its secret (the host is untouched).
    Rm { name: String },
}

#[derive(Subcommand)]
enum TeamCommand {
    /// Start a team on a target (the site's host, or a private folder or bucket); prints the invitation.
    Create {
        target: String,
        #[arg(long)]
        json: bool,
    },
    /// Make a new site (--site NEWDIR, empty) from a colleague's invitation.
    Join {
        invitation: String,
        /// Your user name on the host (for S3, the access key id).
        #[arg(long)]
        user: Option<String>,
        /// An SSH private key file (SFTP).
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        /// Read your password or secret key for the host from stdin.
        #[arg(long)]
        secret_stdin: bool,
        #[arg(long)]
        json: bool,
    },
    /// Members, last sync, what waits to be sent.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Remove a member: make a new team key, write the team space again with it, and print the
    /// new invitation for the members who stay (they run `team join` with it on their site).
    Rekey {
        #[arg(long)]
        json: bool,
    },
}

/// An error that has already been reported and carries its exit code.
pub(crate) struct Exit(pub u8);

/// Runs the `masthead` command on `args` (the program's name first, as `std::env::args_os`
/// gives them) and returns its exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    masthead_api::logging::init();
    let cli = Cli::parse_from(args);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => match e.downcast_ref::<Exit>() {
            Some(Exit(code)) => ExitCode::from(*code),
            None => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
    }
}

impl std::fmt::Debug for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}
impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}", self.0)
    }
}
impl std::error::Error for Exit {}

fn run(cli: Cli) -> anyhow::Result<()> {
    let location = SiteLocation::resolve(cli.site);
    if let Command::Init { demo } = cli.command {
        return init::run(&location, demo);
    }
    if let Command::Team { command: TeamCommand::Join { invitation, user, key, secret_stdin, json } } = cli.command {
        // A member who stays after a re-key takes the new key on the site they have.
        if !location.is_default && location.dir.join(masthead_store::DB_FILE).is_file() {
            let site = masthead_api::sites::open(&location)?;
            if masthead_api::team::current(&site)?.is_some() {
                return team::take_new_key(&site, &invitation, json);
            }
        }
        return team::join(&location, &invitation, user, key, secret_stdin, json);
    }
    let site = masthead_api::sites::open(&location)?;
    match cli.command {
        Command::Init { .. } => unreachable!("handled above"),
        Command::Import { source, from: None, .. } => portable::import(&site, &source),
        Command::Import { source, from: Some(from), media_from, dry_run, json } => {
            import::run(&site, &from, source, media_from, dry_run, json)
        }
        Command::Export { dir } => portable::export(&site, &dir),
        Command::List { what, json } => list::run(&site, &what, json),
        Command::Search { query, json } => search::run(&site, &query, json),
        Command::Build { out, now, drafts, json } => build::run(&site, out, now.as_deref(), drafts, json),
        Command::Check { json } => check::run(&site, json),
        Command::Media { command: MediaCommand::Add { files, alt, decorative, json } } => {
            media::add(&site, &files, media::Describe { alt, decorative }, json)
        }
        Command::Media { command: MediaCommand::List { json } } => list::run(&site, "media", json),
        Command::Media { command: MediaCommand::Rm { name } } => media::rm(&site, &name),
        Command::Serve { port } => serve::run(site, port.unwrap_or(0)),
        Command::Target { command } => match command {
            TargetCommand::Add { name, url, user, key, secret_stdin, insecure } => {
                let new = NewTarget { name, url, user, key_file: key, insecure, secret: None };
                publish::add(&site, new, secret_stdin)
            }
            TargetCommand::List { json } => publish::list(&site, json),
            TargetCommand::History { name, limit, json } => publish::history(&site, name.as_deref(), limit, json),
            TargetCommand::Test { name } => publish::test(&site, &name),
            TargetCommand::Rm { name } => publish::remove(&site, &name),
        },
        Command::Team { command } => match command {
            TeamCommand::Create { target, json } => team::create(&site, &target, json),
            TeamCommand::Join { .. } => unreachable!("handled above"),
            TeamCommand::Status { json } => team::status(&site, json),
            TeamCommand::Rekey { json } => team::rekey(&site, json),
        },
        Command::Sync { json } => team::sync(&site, json),
        Command::Conflicts { json } => team::conflicts(&site, json),
        Command::Resolve { entity, keep, text } => team::resolve(&site, &entity, keep.as_deref(), text.as_deref()),
        Command::Publish { target, dry_run, verify, due, json } => {
            let opts = masthead_publish::Options { dry_run, verify, ..Default::default() };
            publish::publish(&site, target.as_deref(), opts, due, json)
        }
    }
}

/// Prints one JSON document on stdout.
pub(crate) fn print_json(value: &serde_json::Value) {
    println!("{}", serde_json::to_string_pretty(value).expect("JSON values serialise"));
}
