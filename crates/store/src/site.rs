//! A site: a folder holding `site.db`, `media/` and `cache/`; the handle every other module
//! works through (opening and creating one is in `open.rs`).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::Result;
use crate::time::Clock;

/// An open site. Not `Sync`: share it behind a mutex.
#[derive(Debug)]
pub struct Site {
    dir: PathBuf,
    pub(crate) conn: Connection,
    pub(crate) clock: Clock,
    pub(crate) author: String,
}

/// The database file in a site folder; its presence is what makes a folder a site.
pub const DB_FILE: &str = "site.db";

impl Site {
    /// A handle on the database `conn` of the site in `dir` (opened and migrated by `open.rs`).
    pub(crate) fn from_parts(dir: PathBuf, conn: Connection, author: String) -> Site {
        Site { dir, conn, clock: Clock::system(), author }
    }

    /// The site folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Folder for files that can be rebuilt at any time (never exported).
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.join("cache")
    }

    /// Replaces the clock (tests move time forward with it).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Who is recorded as the author of revisions made through this handle (empty until set:
    /// opening a site reads no per-machine preference).
    pub fn set_author(&mut self, name: impl Into<String>) {
        self.author = name.into();
    }

    pub fn author(&self) -> &str {
        &self.author
    }

    pub(crate) fn now_string(&self) -> String {
        self.clock.now().to_string()
    }

    /// Runs `f` in an immediate (write-locking) transaction, committed only if it succeeds.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A number that changes whenever another connection commits a change; used to notice
    /// edits made elsewhere (the CLI while the app is open).
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs SQLite's own consistency check and returns its report (`ok` when healthy).
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}
