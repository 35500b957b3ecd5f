//! Each table of `site.db` has one owning module: every SQL statement that names the table is
//! in that module, and other modules call its functions. This test reads the sources of the
//! workspace (`crates/*/src`, `src-tauri/src`) and fails when a string literal names a table in
//! SQL (`FROM t`, `INTO t`, `UPDATE t`, `JOIN t`, `TABLE t`, `ON t`) outside its owner, or
//! builds a table name at run time (`FROM {table}`) outside `record/`. The map is documented in
//! docs/architecture.md ("Who owns which table").

use std::path::{Path, PathBuf};

/// Table → the files or folders (ending in `/`) whose SQL may name it. The migrations in
/// `crates/store/src/schema.rs` name every table and are not checked.
const OWNERS: &[(&str, &[&str])] = &[
    ("settings", &["crates/store/src/settings.rs"]),
    ("articles", &["crates/store/src/record/"]),
    ("slides", &["crates/store/src/record/"]),
    ("pages", &["crates/store/src/record/"]),
    ("media", &["crates/store/src/record/"]),
    // Team sync reads the revisions saved since the last sync, and queues every past revision
    // and publish when a site starts a team, joined with its own tables in one statement.
    ("revisions", &["crates/store/src/revision.rs", "crates/team/src/db.rs", "crates/team/src/ops.rs"]),
    ("search", &["crates/store/src/search.rs"]),
    ("old_addresses", &["crates/store/src/address.rs"]),
    ("media_uses", &["crates/store/src/usage.rs"]),
    ("targets", &["crates/store/src/targets/"]),
    ("published", &["crates/store/src/targets/"]),
    ("publishes", &["crates/store/src/targets/", "crates/team/src/ops.rs"]),
    ("team_self", &["crates/team/src/"]),
    ("team_members", &["crates/team/src/"]),
    ("team_entities", &["crates/team/src/"]),
    ("team_revs", &["crates/team/src/"]),
    ("team_edges", &["crates/team/src/"]),
    ("team_pending", &["crates/team/src/"]),
    ("team_pending_revs", &["crates/team/src/"]),
    ("team_outbox", &["crates/team/src/"]),
    ("team_blobs", &["crates/team/src/"]),
    ("team_failures", &["crates/team/src/"]),
];

/// Where a table name may be built at run time (`format!("… FROM {}", kind.table())`).
const DYNAMIC: &str = "crates/store/src/record/";
const MIGRATIONS: &str = "crates/store/src/schema.rs";
/// SQL is written in capitals here, which tells it from prose ("Imported 3 into {}").
const KEYWORDS: [&str; 6] = ["FROM", "INTO", "UPDATE", "JOIN", "TABLE", "ON"];

/// The string literals of Rust source (plain and raw), without comments and char literals.
fn literals(src: &str) -> Vec<String> {
    let b = src.as_bytes();
    let mut out = vec![];
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => i = src[i..].find('\n').map_or(b.len(), |n| i + n),
            b'/' if b.get(i + 1) == Some(&b'*') => i = src[i + 2..].find("*/").map_or(b.len(), |n| i + n + 4),
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && (i == 0 || !is_ident(b[i - 1])) => {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let start = i + 2 + hashes;
                let end_mark = format!("\"{}", "#".repeat(hashes));
                let end = src[start..].find(&end_mark).map_or(b.len(), |n| start + n);
                out.push(src[start..end].to_string());
                i = end + end_mark.len();
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                out.push(src[i + 1..j.min(b.len())].to_string());
                i = j + 1;
            }
            // A char literal ('x', '\n', '"'); a lifetime ('a) has no closing quote after one char.
            b'\'' if b.get(i + 1) == Some(&b'\\') => i = src[i + 2..].find('\'').map_or(b.len(), |n| i + n + 3),
            b'\'' if b.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' => i += src[i + 1..].chars().next().map_or(1, |c| c.len_utf8() + 1),
            _ => i += 1,
        }
    }
    out
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The table names (or `{…}` for one built at run time) that follow an SQL keyword in `sql`.
fn tables_named(sql: &str) -> Vec<String> {
    let words: Vec<&str> =
        sql.split(|c: char| c.is_whitespace() || c == '(' || c == ',').filter(|w| !w.is_empty()).collect();
    let mut out = vec![];
    for pair in words.windows(2) {
        if KEYWORDS.contains(&pair[0]) {
            let name: String = pair[1].chars().take_while(|&c| c.is_ascii_alphanumeric() || c == '_').collect();
            if pair[1].starts_with('{') {
                out.push("{…}".to_string());
            } else if OWNERS.iter().any(|(t, _)| *t == name) {
                out.push(name);
            }
        }
    }
    out
}

/// `path: literal names table` for each statement outside its owner.
fn violations(path: &str, src: &str) -> Vec<String> {
    let mut found = vec![];
    if path == MIGRATIONS {
        return found;
    }
    let owned_by = |owners: &[&str]| owners.iter().any(|o| path == *o || (o.ends_with('/') && path.starts_with(o)));
    for lit in literals(src) {
        for table in tables_named(&lit) {
            let allowed = match OWNERS.iter().find(|(t, _)| *t == table) {
                Some((_, owners)) => owned_by(owners),
                None => owned_by(&[DYNAMIC]),
            };
            if !allowed {
                let line = lit.split_whitespace().collect::<Vec<_>>().join(" ");
                found.push(format!("{path}: `{table}` in \"{line}\""));
            }
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_table_is_named_only_by_its_owner() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap();
    let mut files = vec![];
    for krate in std::fs::read_dir(root.join("crates")).unwrap().map(Result::unwrap) {
        if krate.path().join("src").is_dir() {
            rust_files(&krate.path().join("src"), &mut files);
        }
    }
    rust_files(&root.join("src-tauri/src"), &mut files);
    assert!(files.len() > 50, "found only {} source files under {}", files.len(), root.display());
    let mut found = vec![];
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        found.extend(violations(&rel, &std::fs::read_to_string(file).unwrap()));
    }
    assert!(
        found.is_empty(),
        "SQL naming a table outside the module that owns it (move the statement into the owner and \
         call a function there; the owners are listed in this test and in docs/architecture.md):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_statements_outside_their_owner() {
    let src = r##"
        // "SELECT * FROM articles" in a comment does not count
        let c = '"';
        fn f<'a>(x: &'a str) {}
        conn.execute("DELETE FROM search WHERE rowid = ?", [1]);
        conn.query_row(r#"SELECT a.slug FROM team_revs r
            LEFT JOIN articles a ON a.id = r.local"#, [], |r| r.get(0));
        conn.execute(&format!("UPDATE {} SET x = 1", kind.table()), []);
        println!("Moved into {} from media"); // prose: SQL keywords are in capitals
    "##;
    let found = violations("crates/store/src/save.rs", src);
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found[0].contains("`search`"));
    assert!(found[1].contains("`team_revs`") && found[2].contains("`articles`"));
    assert!(found[3].contains("`{…}`"));
    assert!(violations("crates/store/src/search.rs", "conn.execute(\"DELETE FROM search\", [])").is_empty());
    assert!(violations("crates/store/src/record/rows.rs", "format!(\"SELECT * FROM {}\", t)").is_empty());
    assert!(violations(MIGRATIONS, "\"CREATE TABLE articles (id)\"").is_empty());
}
