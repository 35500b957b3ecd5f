//! The database schema, migrated by `PRAGMA user_version`.

use rusqlite::Connection;

use crate::error::Result;

/// Each entry moves the schema from version `i` to `i + 1`. Never edit a shipped entry;
/// append a new one.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT,
    body TEXT NOT NULL DEFAULT '',
    section TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    author TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'ready', 'published')),
    date TEXT,
    date_utc INTEGER,
    image TEXT,
    image_alt TEXT,
    seo_title TEXT,
    seo_description TEXT,
    lang TEXT,
    event_start TEXT,
    event_end TEXT,
    location TEXT,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX articles_by_date ON articles (date_utc);
CREATE INDEX articles_by_section ON articles (section, date_utc);
CREATE TABLE slides (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    headline TEXT NOT NULL,
    blurb TEXT NOT NULL DEFAULT '',
    cta TEXT,
    link TEXT,
    image TEXT,
    image_alt TEXT,
    position INTEGER NOT NULL,
    show_from TEXT,
    show_until TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'ready', 'published')),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('draft', 'review', 'ready', 'published')),
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    original_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    alt TEXT,
    caption TEXT,
    credit TEXT,
    width INTEGER,
    height INTEGER,
    title TEXT,
    pages INTEGER,
    version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX media_by_hash ON media (hash);
CREATE TABLE revisions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    snapshot TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    open INTEGER NOT NULL
);
CREATE INDEX revisions_by_entity ON revisions (kind, entity_id, id);
CREATE VIRTUAL TABLE search USING fts5 (
    kind UNINDEXED, entity_id UNINDEXED, title, summary, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
"#,
    // Search rows are keyed by rowid (articles 2·id, pages 2·id + 1) so that updating one
    // entity's row is a lookup, not a scan of the UNINDEXED columns.
    r#"
DELETE FROM search;
INSERT INTO search (rowid, kind, entity_id, title, summary, body)
    SELECT id * 2, 'article', id, title, coalesce(summary, ''), body FROM articles WHERE deleted_at IS NULL;
INSERT INTO search (rowid, kind, entity_id, title, summary, body)
    SELECT id * 2 + 1, 'page', id, title, '', body FROM pages WHERE deleted_at IS NULL;
"#,
    // Addresses that published articles and pages had before a rename, for redirects.
    r#"
CREATE TABLE old_addresses (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    slug TEXT NOT NULL,
    section TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (kind, entity_id, slug, section)
);
"#,
    // Which articles, pages and slides use which media items (filled by `backfill_uses`).
    r#"
CREATE TABLE media_uses (
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    field TEXT NOT NULL,
    PRIMARY KEY (kind, entity_id, name, field)
);
CREATE INDEX media_uses_by_name ON media_uses (name);
"#,
    // PDF authors, and the point of an image that crops must keep.
    r#"
ALTER TABLE media ADD COLUMN author TEXT;
ALTER TABLE media ADD COLUMN focal TEXT;
"#,
    // Publishing: the hosts of a site (secrets live in the keychain, never here), the publish
    // each host had when this site last wrote to it, and what version of each item went live.
    r#"
CREATE TABLE targets (
    name TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    user TEXT,
    key_file TEXT,
    insecure INTEGER NOT NULL DEFAULT 0,
    last_publish TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE published (
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (target, kind, entity_id)
);
"#,
    // 7: the history of publishes (when, who, what changed).
    r#"
CREATE TABLE publishes (
    id TEXT NOT NULL,
    target TEXT NOT NULL,
    at TEXT NOT NULL,
    author TEXT NOT NULL,
    uploaded INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    ms INTEGER NOT NULL,
    changed TEXT NOT NULL,
    PRIMARY KEY (target, id)
);
"#,
    // 8: every article column but the body, in list order, so that listing articles without
    // their bodies (what an incremental build reads) never walks the bodies' overflow pages.
    r#"
CREATE INDEX articles_light ON articles (
    date_utc IS NULL, date_utc DESC, id DESC, deleted_at, slug, title, summary, section, tags,
    author, status, date, image, image_alt, seo_title, seo_description, lang, event_start,
    event_end, location, version, created_at, updated_at, updated_by
);
"#,
    // 9: library pictures marked decorative (published with an empty alt text).
    r#"
ALTER TABLE media ADD COLUMN decorative INTEGER NOT NULL DEFAULT 0;
"#,
    // 10: team sync (crates/team). `team_self` has a row only once the site is in a team; until
    // then the triggers record nothing, so a site that never joins one works as before.
    r#"
CREATE TABLE team_self (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    team_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    target TEXT NOT NULL,
    next_seq INTEGER NOT NULL,
    joined_at TEXT NOT NULL,
    last_sync TEXT
);
CREATE TABLE team_members (
    member_id TEXT PRIMARY KEY,
    name TEXT NOT NULL DEFAULT '',
    seen_seq INTEGER NOT NULL DEFAULT 0,
    seen_at TEXT
);
CREATE TABLE team_entities (
    uid TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    local_id INTEGER NOT NULL,
    base_rev TEXT,
    UNIQUE (kind, local_id)
);
CREATE TABLE team_revs (
    rev TEXT PRIMARY KEY,
    uid TEXT NOT NULL,
    kind TEXT NOT NULL,
    parents TEXT NOT NULL,
    gen INTEGER NOT NULL,
    data TEXT NOT NULL,
    trashed INTEGER NOT NULL,
    other TEXT,
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    mine INTEGER NOT NULL,
    blob TEXT,
    sent_seq INTEGER
);
CREATE INDEX team_revs_by_uid ON team_revs (uid);
CREATE TABLE team_edges (
    parent TEXT NOT NULL,
    child TEXT NOT NULL,
    PRIMARY KEY (parent, child)
);
CREATE INDEX team_revs_unsent ON team_revs (mine, sent_seq);
CREATE TABLE team_pending (
    kind TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    PRIMARY KEY (kind, entity_id)
);
-- Revisions (editing sessions) saved since the last sync: each one travels, not only the last.
CREATE TABLE team_pending_revs (
    rev_id INTEGER PRIMARY KEY
);
CREATE TRIGGER team_revisions_ins AFTER INSERT ON revisions WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending_revs (rev_id) VALUES (NEW.id); END;
CREATE TRIGGER team_revisions_upd AFTER UPDATE ON revisions WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending_revs (rev_id) VALUES (NEW.id); END;
CREATE TABLE team_outbox (
    seq INTEGER PRIMARY KEY,
    sealed BLOB NOT NULL
);
CREATE TABLE team_blobs (
    hash TEXT PRIMARY KEY
);
CREATE TRIGGER team_settings_ins AFTER INSERT ON settings WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('settings', 1); END;
CREATE TRIGGER team_settings_upd AFTER UPDATE ON settings WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('settings', 1); END;
CREATE TRIGGER team_articles_ins AFTER INSERT ON articles WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('article', NEW.id); END;
CREATE TRIGGER team_articles_upd AFTER UPDATE ON articles WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('article', NEW.id); END;
CREATE TRIGGER team_articles_del AFTER DELETE ON articles WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('article', OLD.id); END;
CREATE TRIGGER team_slides_ins AFTER INSERT ON slides WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('slide', NEW.id); END;
CREATE TRIGGER team_slides_upd AFTER UPDATE ON slides WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('slide', NEW.id); END;
CREATE TRIGGER team_slides_del AFTER DELETE ON slides WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('slide', OLD.id); END;
CREATE TRIGGER team_pages_ins AFTER INSERT ON pages WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('page', NEW.id); END;
CREATE TRIGGER team_pages_upd AFTER UPDATE ON pages WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('page', NEW.id); END;
CREATE TRIGGER team_pages_del AFTER DELETE ON pages WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('page', OLD.id); END;
CREATE TRIGGER team_media_ins AFTER INSERT ON media WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('media', NEW.id); END;
CREATE TRIGGER team_media_upd AFTER UPDATE ON media WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('media', NEW.id); END;
CREATE TRIGGER team_media_del AFTER DELETE ON media WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('media', OLD.id); END;
"#,
    // 11: team sync, continued. Items a sync could not write here (kept, and tried again by
    // every sync); the space's generation (a new one each time the team key changes); the
    // publish targets (one entity, `targets`; only their name, address and `insecure` travel)
    // and the publish history shared with colleagues.
    r#"
CREATE TABLE team_failures (
    uid TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    error TEXT NOT NULL,
    since TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 1
);
ALTER TABLE team_self ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;
CREATE TRIGGER team_targets_ins AFTER INSERT ON targets WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('targets', 1); END;
CREATE TRIGGER team_targets_upd AFTER UPDATE OF name, url, insecure ON targets
WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('targets', 1); END;
CREATE TRIGGER team_targets_del AFTER DELETE ON targets WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('targets', 1); END;
CREATE TRIGGER team_publishes_ins AFTER INSERT ON publishes WHEN EXISTS (SELECT 1 FROM team_self)
BEGIN INSERT OR IGNORE INTO team_pending (kind, entity_id) VALUES ('publish', NEW.rowid); END;
"#,
    // 12: what tells one saved state of an article from another, in list order: every build
    // in a new process reads it for all articles (a third of the light index's pages to walk).
    r#"
CREATE INDEX articles_stamps ON articles (
    date_utc IS NULL, date_utc DESC, id DESC, deleted_at, version, updated_at
);
"#,
];

/// Steps in Rust that follow a migration (by the version it produces).
const AFTER: &[(i64, Step)] = &[(4, crate::usage::backfill_uses)];

type Step = fn(&Connection) -> Result<()>;

/// The schema version this build writes.
pub(crate) const VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`VERSION`], one transaction per step.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        for (_, step) in AFTER.iter().filter(|(v, _)| *v == i as i64 + 1) {
            step(&tx)?;
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The version stored in the file.
pub(crate) fn stored_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}
