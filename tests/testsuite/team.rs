//! Team sync (issue 19) through real hosts on 127.0.0.1: members on one machine, each with its
//! own config folder (its own name, secrets and keychain fallback), share a site through a
//! folder, nginx WebDAV, moto S3 or OpenSSH SFTP; every member's `export` is byte for byte the
//! same after sync, same-paragraph edits give exactly one conflict, nothing is readable on the
//! host, and a changed byte there is refused.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use masthead_store::{Article, Kind, Page, SaveMode, Settings, Site, Slide, Status};
use serde_json::Value;

use crate::common::masthead_bin;
use crate::hosts::{TestHost, files_in};

/// One member: a site and a config folder (prefs with the member's name, secrets).
pub(crate) struct Member {
    dir: tempfile::TempDir,
    pub(crate) name: &'static str,
    pub(crate) env: Vec<(String, String)>,
}

impl Member {
    pub(crate) fn new(name: &'static str) -> Member {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        let prefs = serde_json::json!({ "editor_name": name });
        std::fs::write(dir.path().join("config/prefs.json"), prefs.to_string()).unwrap();
        Member { dir, name, env: vec![] }
    }

    pub(crate) fn site(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// `masthead --site SITE ARGS…` as this member, not yet started.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(masthead_bin());
        cmd.arg("--site")
            .arg(self.site())
            .args(args)
            .env_remove("MASTHEAD_SITE")
            .env("MASTHEAD_CONFIG_DIR", self.dir.path().join("config"))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    pub(crate) fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = self.command(args).spawn().unwrap();
        if let Some(text) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
    }

    /// Runs a command that must succeed and print JSON.
    pub(crate) fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args, None);
        assert!(out.status.success(), "{} {args:?}: {}", self.name, String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
    }

    pub(crate) fn sync(&self) -> Value {
        self.json(&["sync", "--json"])
    }

    /// The site, opened as this member (the store API stands in for the editor).
    pub(crate) fn open(&self) -> Site {
        let mut site = Site::open(self.site()).unwrap();
        site.set_author(self.name);
        site
    }

    /// `masthead export`: path → blake3 of every file.
    fn export(&self) -> BTreeMap<String, String> {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("export");
        let done = self.run(&["export", dir.to_str().unwrap()], None);
        assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
        files_in(&dir)
    }

    pub(crate) fn article(&self, slug: &str) -> Article {
        self.open().find::<Article>(slug).unwrap().unwrap_or_else(|| panic!("{}: no article {slug}", self.name))
    }
}

/// Where the team space goes: a target URL, and what a member needs to reach it.
pub(crate) struct Space {
    _host: Option<TestHost>,
    pub(crate) url: String,
    user: Option<String>,
    secret: Option<String>,
    key_file: Option<String>,
    /// The folder the host keeps its files in (not for S3).
    pub(crate) root: Option<PathBuf>,
    _folder: Option<tempfile::TempDir>,
}

impl Space {
    pub(crate) fn start(kind: &str) -> Space {
        if kind == "folder" {
            let folder = tempfile::tempdir().unwrap();
            let root = folder.path().join("host");
            return Space {
                _host: None,
                url: format!("file://{}", root.display()),
                user: None,
                secret: None,
                key_file: None,
                root: Some(root),
                _folder: Some(folder),
            };
        }
        let host = TestHost::start(kind);
        let (url, user, secret) = match kind {
            "s3" => (host.get("url"), Some(host.get("user")), Some(host.get("secret"))),
            "ftp" => (host.get("url"), Some(host.get("user")), Some(host.get("password"))),
            "sftp-key" => (format!("{}/team", host.get("url")), Some(host.get("user")), None),
            _ => (host.get("url"), None, None),
        };
        let key_file = host.info["key_file"].as_str().map(str::to_string);
        let root = host.info["root"].as_str().map(PathBuf::from);
        Space { url, user, secret, key_file, root, _host: Some(host), _folder: None }
    }

    /// The arguments a member gives for their own credential.
    fn credential_args(&self) -> Vec<String> {
        let mut args = vec![];
        if let Some(u) = &self.user {
            args.extend(["--user".to_string(), u.clone()]);
        }
        if let Some(k) = &self.key_file {
            args.extend(["--key".to_string(), k.clone()]);
        }
        if self.secret.is_some() {
            args.push("--secret-stdin".into());
        }
        args
    }

    /// Every file of the team space as stored on the host (path → bytes).
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let root = self.root.as_ref().expect("a host with a folder");
        let mut out = BTreeMap::new();
        for path in files_in(root).keys() {
            out.insert(path.clone(), std::fs::read(root.join(path)).unwrap());
        }
        out
    }
}

/// A member with the demo site who starts a team on `space`; returns the invitation.
pub(crate) fn founder(space: &Space, name: &'static str) -> (Member, String) {
    let m = Member::new(name);
    let out = m.run(&["init", "--demo"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut args = vec!["target".to_string(), "add".into(), "team".into(), space.url.clone()];
    args.extend(space.credential_args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = m.run(&args, space.secret.as_deref());
    assert!(out.status.success(), "target add: {}", String::from_utf8_lossy(&out.stderr));
    let created = m.json(&["team", "create", "team", "--json"]);
    let invitation = created["invitation"].as_str().unwrap().to_string();
    assert!(invitation.starts_with("masthead-team:"), "{created}");
    if let Some(secret) = &space.secret {
        let decoded =
            String::from_utf8(data_encoding_free_base64url(invitation.trim_start_matches("masthead-team:"))).unwrap();
        assert!(!decoded.contains(&format!("\"{secret}\"")), "the host credential is not in the invitation");
    }
    (m, invitation)
}

/// Decodes unpadded base64url (the invitation's body), without a dependency for the tests.
fn data_encoding_free_base64url(text: &str) -> Vec<u8> {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = vec![];
    for c in text.bytes() {
        let v = alphabet.iter().position(|&a| a == c).expect("base64url") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    out
}

pub(crate) fn join(space: &Space, invitation: &str, name: &'static str) -> Member {
    let m = Member::new(name);
    let mut args = vec!["team".to_string(), "join".into(), invitation.to_string(), "--json".into()];
    args.extend(space.credential_args());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = m.run(&args, space.secret.as_deref());
    assert!(out.status.success(), "{name} join: {}", String::from_utf8_lossy(&out.stderr));
    m
}

pub(crate) fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("no {key} in {v}"))
}

/// A small PNG whose pixels depend on `seed` (a new file each time).
fn png(seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(40, 30, |x, y| image::Rgb([seed, (x * 6) as u8, (y * 8) as u8]));
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

pub(crate) fn assert_same_exports(members: &[&Member]) {
    let first = members[0].export();
    assert!(first.len() > 10, "an export of the demo site: {first:?}");
    for m in &members[1..] {
        let other = m.export();
        let differ: Vec<_> = first
            .keys()
            .chain(other.keys())
            .filter(|k| first.get(*k) != other.get(*k))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert!(differ.is_empty(), "{} and {} differ in {differ:?}", members[0].name, m.name);
    }
}

/// Disjoint edits of every kind of content on each member converge, byte for byte.
fn converge(kind: &str, three: bool) {
    let space = Space::start(kind);
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");
    let cat = three.then(|| join(&space, &invitation, "Cat"));
    let mut all = vec![&ann, &bob];
    all.extend(cat.as_ref());
    assert_same_exports(&all);

    // Nothing new: nothing travels.
    let idle = bob.sync();
    assert_eq!((n(&idle, "sent"), n(&idle, "received"), n(&idle, "conflicts")), (0, 0, 0), "{idle}");

    // Ann: an article's body, a new page, an article to the trash, the tagline, a new picture,
    // and the first slide moved to the end.
    let (first_slug, second_slug, third_slug) = {
        let site = ann.open();
        let articles = site.list::<Article>().unwrap();
        let mut a = articles[0].clone();
        a.body.push_str("\n\nA paragraph Ann added.");
        site.save(&a, SaveMode::Explicit).unwrap();
        site.save(
            &Page { title: "Ann's new page".into(), body: "Made by Ann.".into(), ..Page::default() },
            SaveMode::Explicit,
        )
        .unwrap();
        site.trash(Kind::Article, articles[2].meta.id).unwrap();
        let mut settings = site.settings().unwrap();
        settings.tagline = Some("Tagline by Ann".into());
        site.save_settings(&settings).unwrap();
        let slides = site.list::<Slide>().unwrap();
        site.move_slide(slides[0].meta.id, slides.len()).unwrap();
        (articles[0].slug.clone(), articles[1].slug.clone(), articles[2].slug.clone())
    };
    let photo = tempfile::tempdir().unwrap();
    let photo_path = photo.path().join("team-photo.png");
    std::fs::write(&photo_path, png(7)).unwrap();
    let added = ann.run(&["media", "add", photo_path.to_str().unwrap(), "--alt", "The team"], None);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));

    // Bob: another article's title, a slide's blurb, the footer, a page to the trash.
    {
        let site = bob.open();
        let mut a = site.find::<Article>(&second_slug).unwrap().unwrap();
        a.title = "A title by Bob".into();
        site.save(&a, SaveMode::Explicit).unwrap();
        let mut s = site.list::<Slide>().unwrap().pop().unwrap();
        s.blurb = "A blurb by Bob.".into();
        site.save(&s, SaveMode::Explicit).unwrap();
        let mut settings: Settings = site.settings().unwrap();
        settings.footer = Some("Footer by Bob".into());
        site.save_settings(&settings).unwrap();
        let page = site.list::<Page>().unwrap().pop().unwrap();
        site.trash(Kind::Page, page.meta.id).unwrap();
    }
    if let Some(cat) = &cat {
        let site = cat.open();
        site.save(
            &Article { title: "Cat's article".into(), body: "Written by Cat.".into(), ..Article::default() },
            SaveMode::Explicit,
        )
        .unwrap();
    }

    let a1 = ann.sync();
    assert!(n(&a1, "sent") >= 6, "{a1}");
    let b1 = bob.sync();
    assert!(n(&b1, "received") >= 6 && n(&b1, "sent") >= 4, "{b1}");
    assert_eq!(n(&b1, "conflicts"), 0, "{b1}");
    if let Some(cat) = &cat {
        cat.sync();
    }
    for m in &all {
        m.sync();
    }
    assert_same_exports(&all);

    // What each made is on the other, and the history says who.
    let site = bob.open();
    let settings = site.settings().unwrap();
    assert_eq!(settings.tagline.as_deref(), Some("Tagline by Ann"));
    assert_eq!(settings.footer.as_deref(), Some("Footer by Bob"), "different fields of the settings merge");
    assert!(bob.article(&first_slug).body.ends_with("A paragraph Ann added."));
    assert!(site.find::<Article>(&third_slug).unwrap().is_none(), "Ann's trash reached Bob");
    assert!(site.list_trash().unwrap().iter().any(|t| t.key == third_slug), "restorable from Bob's trash too");
    assert!(
        site.find::<Page>("ann-s-new-page").unwrap().is_some()
            || site.list::<Page>().unwrap().iter().any(|p| p.title == "Ann's new page")
    );
    let photo = site
        .list::<masthead_store::Media>()
        .unwrap()
        .into_iter()
        .find(|m| m.alt.as_deref() == Some("The team"))
        .unwrap();
    assert_eq!(std::fs::read(site.media_file(&photo).unwrap()).unwrap(), png(7), "the picture's bytes");
    let a = bob.article(&first_slug);
    let history = site.revisions(Kind::Article, a.meta.id).unwrap();
    assert_eq!(history[0].author, "Ann", "the newest version is Ann's: {history:?}");
    let a_site = ann.open();
    assert_eq!(a_site.find::<Article>(&second_slug).unwrap().unwrap().title, "A title by Bob");
    let order = |s: &Site| s.list::<Slide>().unwrap().iter().map(|s| s.slug.clone()).collect::<Vec<_>>();
    assert_eq!(order(&a_site), order(&site), "the slides' order");
    if cat.is_some() {
        assert!(site.list::<Article>().unwrap().iter().any(|a| a.title == "Cat's article"));
    }

    // Idle again: every member reads one small file per colleague and gets nothing.
    for m in &all {
        let idle = m.sync();
        assert_eq!((n(&idle, "sent"), n(&idle, "received")), (0, 0), "{}: {idle}", m.name);
    }
    let status = ann.json(&["team", "status", "--json"]);
    assert_eq!(status["members"].as_array().unwrap().len(), all.len(), "{status}");
    assert_eq!(status["pending"], 0, "{status}");
    drop(space);
}

#[test]
fn two_members_converge_through_a_folder() {
    converge("folder", false);
}

#[test]
fn two_members_converge_through_webdav_nginx() {
    converge("webdav-nginx", false);
}

#[test]
fn two_members_converge_through_ftp() {
    converge("ftp", false);
}

#[test]
fn three_members_converge_through_s3() {
    converge("s3", true);
}

#[test]
fn three_members_converge_through_sftp() {
    converge("sftp-key", true);
}

const BODY: &str = "The first paragraph.\n\nThe second paragraph.\n\nThe third paragraph.";

/// Paragraph-level merges, and exactly one conflict for the same paragraph, resolved once.
fn merge_and_conflict(kind: &str) {
    let space = Space::start(kind);
    let (ann, invitation) = founder(&space, "Ann");
    let slug = {
        let site = ann.open();
        let mut a = site.list::<Article>().unwrap()[0].clone();
        a.body = BODY.into();
        site.save(&a, SaveMode::Explicit).unwrap().slug
    };
    ann.sync();
    let bob = join(&space, &invitation, "Bob");
    assert_eq!(bob.article(&slug).body, BODY);

    let edit = |m: &Member, from: &str, to: &str| {
        let site = m.open();
        let mut a = site.find::<Article>(&slug).unwrap().unwrap();
        assert!(a.body.contains(from), "{}: {}", m.name, a.body);
        a.body = a.body.replace(from, to);
        site.save(&a, SaveMode::Explicit).unwrap();
    };
    edit(&ann, "The first paragraph.", "The first paragraph, by Ann.");
    edit(&bob, "The third paragraph.", "The third paragraph, by Bob.");
    let a = ann.sync();
    assert_eq!(n(&a, "conflicts"), 0);
    let b = bob.sync();
    assert_eq!((n(&b, "merged"), n(&b, "conflicts")), (1, 0), "{b}");
    ann.sync();
    let merged = "The first paragraph, by Ann.\n\nThe second paragraph.\n\nThe third paragraph, by Bob.";
    assert_eq!(ann.article(&slug).body, merged);
    assert_eq!(bob.article(&slug).body, merged);

    // The same paragraph: exactly one conflict, on the member who syncs second.
    edit(&ann, "The second paragraph.", "The second paragraph as Ann wrote it.");
    edit(&bob, "The second paragraph.", "The second paragraph as Bob wrote it.");
    let a = ann.sync();
    assert_eq!(n(&a, "conflicts"), 0, "{a}");
    let b = bob.sync();
    assert_eq!(n(&b, "conflicts"), 1, "{b}");
    assert!(bob.article(&slug).body.contains("as Bob wrote it"), "the local text stays current");
    let listed = bob.json(&["conflicts", "--json"]);
    let list = listed.as_array().unwrap();
    assert_eq!(list.len(), 1, "{listed}");
    assert_eq!(list[0]["entity"], format!("article:{slug}"));
    assert_eq!(list[0]["mine"]["author"], "Bob");
    assert_eq!(list[0]["theirs"]["author"], "Ann");
    assert!(list[0]["theirs_body"].as_str().unwrap().contains("as Ann wrote it"), "{listed}");
    // Both texts are in Bob's history.
    let site = bob.open();
    let id = bob.article(&slug).meta.id;
    let texts: Vec<String> = site
        .revisions(Kind::Article, id)
        .unwrap()
        .iter()
        .map(|r| r.snapshot["body"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(texts.iter().any(|t| t.contains("as Ann wrote it")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("as Bob wrote it")), "{texts:?}");

    // Ann receives the conflict (no new one) and sees the same two versions.
    let a = ann.sync();
    assert_eq!(n(&a, "conflicts"), 0, "{a}");
    assert_eq!(ann.json(&["conflicts", "--json"]).as_array().unwrap().len(), 1);
    assert_same_exports(&[&ann, &bob]);

    // Bob keeps Ann's text; the resolution reaches Ann.
    let out = bob.run(&["resolve", &format!("article:{slug}"), "--keep", "theirs"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(bob.json(&["conflicts", "--json"]), serde_json::json!([]));
    let b = bob.sync();
    assert_eq!(n(&b, "sent"), 1, "{b}");
    ann.sync();
    assert_eq!(ann.json(&["conflicts", "--json"]), serde_json::json!([]));
    assert!(ann.article(&slug).body.contains("as Ann wrote it"));
    assert!(!ann.article(&slug).body.contains("as Bob wrote it"));
    assert_same_exports(&[&ann, &bob]);
    // Bob's text is still in Ann's history.
    let site = ann.open();
    let id = ann.article(&slug).meta.id;
    assert!(
        site.revisions(Kind::Article, id)
            .unwrap()
            .iter()
            .any(|r| r.snapshot["body"].as_str().is_some_and(|b| b.contains("as Bob wrote it")))
    );
}

#[test]
fn paragraphs_merge_and_the_same_paragraph_conflicts_once_through_a_folder() {
    merge_and_conflict("folder");
}

#[test]
fn paragraphs_merge_and_the_same_paragraph_conflicts_once_through_webdav_nginx() {
    merge_and_conflict("webdav-nginx");
}

/// A trash on one side and an edit on the other are two versions, not a silent loss.
#[test]
fn trash_against_an_edit_is_kept_as_two_versions() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");
    let slug = ann.open().list::<Article>().unwrap()[0].slug.clone();
    {
        let site = ann.open();
        let a = site.find::<Article>(&slug).unwrap().unwrap();
        site.trash(Kind::Article, a.meta.id).unwrap();
    }
    {
        let site = bob.open();
        let mut a = site.find::<Article>(&slug).unwrap().unwrap();
        a.body.push_str("\n\nBob's late addition.");
        site.save(&a, SaveMode::Explicit).unwrap();
    }
    ann.sync();
    let b = bob.sync();
    assert_eq!(n(&b, "conflicts"), 1, "{b}");
    assert!(bob.article(&slug).body.contains("Bob's late addition."), "Bob's edit stays current on Bob's site");
    ann.sync();
    assert_same_exports(&[&ann, &bob]);
    assert_eq!(ann.json(&["conflicts", "--json"]).as_array().unwrap().len(), 1);
}

/// Nothing of a draft is readable on the host, file names included; a changed byte in any
/// team file is refused, and nothing from it is applied.
#[test]
fn the_host_holds_nothing_readable_and_a_flipped_byte_is_refused() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");
    let phrase = "Embargoed-zebra-1417 until the minister signs";
    let slug = {
        let site = ann.open();
        let a = Article {
            title: "Secret press release about zebras".into(),
            body: format!("Draft.\n\n{phrase}."),
            status: Status::Draft,
            ..Article::default()
        };
        site.save(&a, SaveMode::Explicit).unwrap().slug
    };
    let sent = ann.sync();
    assert!(n(&sent, "sent") >= 1);
    let files = space.files();
    assert!(files.len() > 5, "{:?}", files.keys());
    for (path, bytes) in &files {
        for secret in [phrase, "zebra", &slug, "Secret press release", "Ann"] {
            assert!(!path.contains(secret), "{path} names {secret}");
            assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "{path} holds {secret:?}");
        }
    }
    // The newest segment of Ann's log, with one byte flipped in the middle.
    let root = space.root.clone().unwrap();
    let newest = files
        .keys()
        .filter(|p| p.contains("/members/") && p.ends_with(".seg"))
        .max_by_key(|p| std::fs::metadata(root.join(p)).unwrap().modified().unwrap())
        .unwrap()
        .clone();
    let mut bytes = files[&newest].clone();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(root.join(&newest), &bytes).unwrap();
    let out = bob.run(&["sync", "--json"], None);
    assert_eq!(out.status.code(), Some(2), "a host error: {}", String::from_utf8_lossy(&out.stdout));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("refused") && said.contains(".seg"), "{said}");
    assert!(bob.open().find::<Article>(&slug).unwrap().is_none(), "nothing from it was applied");
    // Put back, it is read.
    std::fs::write(root.join(&newest), &files[&newest]).unwrap();
    bob.sync();
    assert!(bob.article(&slug).body.contains(phrase));

    // A changed media object is refused too.
    let photo = tempfile::tempdir().unwrap();
    let path = photo.path().join("zebra.png");
    std::fs::write(&path, png(3)).unwrap();
    assert!(ann.run(&["media", "add", path.to_str().unwrap(), "--alt", "Zebra"], None).status.success());
    ann.sync();
    let object = space
        .files()
        .keys()
        .filter(|p| p.contains("/objects/"))
        .max_by_key(|p| std::fs::metadata(root.join(p)).unwrap().modified().unwrap())
        .unwrap()
        .clone();
    let mut bytes = std::fs::read(root.join(&object)).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(root.join(&object), &bytes).unwrap();
    let out = bob.run(&["sync", "--json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refused"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn joining_needs_an_empty_folder_and_the_right_key() {
    let space = Space::start("folder");
    let (_ann, invitation) = founder(&space, "Ann");
    let bob = Member::new("Bob");
    std::fs::create_dir_all(bob.site()).unwrap();
    std::fs::write(bob.site().join("notes.txt"), "mine").unwrap();
    let out = bob.run(&["team", "join", &invitation], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(bob.site().join("notes.txt")).unwrap(), "mine");

    // The same invitation with another key: the space does not open.
    let body = data_encoding_free_base64url(invitation.trim_start_matches("masthead-team:"));
    let mut inv: Value = serde_json::from_slice(&body).unwrap();
    inv["key"] = Value::String("11".repeat(32));
    let forged = format!("masthead-team:{}", base64url(&serde_json::to_vec(&inv).unwrap()));
    let cat = Member::new("Cat");
    let out = cat.run(&["team", "join", &forged], None);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("another team key"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn base64url(bytes: &[u8]) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(alphabet[((v >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// A site that never joins a team records nothing for one.
#[test]
fn a_site_outside_a_team_records_nothing_for_sync() {
    let m = Member::new("Solo");
    assert!(m.run(&["init", "--demo"], None).status.success());
    let site = m.open();
    let mut a = site.list::<Article>().unwrap()[0].clone();
    a.body.push_str("\n\nMore.");
    site.save(&a, SaveMode::Explicit).unwrap();
    let pending: i64 = rusqlite::Connection::open(m.site().join("site.db"))
        .unwrap()
        .query_row("SELECT count(*) FROM team_pending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(pending, 0);
    let out = m.run(&["sync"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in a team"));
}

/// Two members make a page of the same title offline: both pages survive, under slugs every
/// member agrees on.
#[test]
fn the_same_new_slug_on_two_members_gives_two_items_everywhere() {
    let space = Space::start("folder");
    let (ann, invitation) = founder(&space, "Ann");
    let bob = join(&space, &invitation, "Bob");
    for (m, text) in [(&ann, "Ann's contact page."), (&bob, "Bob's contact page.")] {
        let page = Page { title: "Contact us".into(), body: text.into(), ..Page::default() };
        assert_eq!(m.open().save(&page, SaveMode::Explicit).unwrap().slug, "contact-us");
    }
    // The rename made on one member travels back: a few rounds, then nothing more moves.
    let mut rounds = 0;
    loop {
        let moved: u64 = [&ann, &bob].iter().map(|m| m.sync()).map(|r| n(&r, "sent") + n(&r, "received")).sum();
        rounds += 1;
        if moved == 0 {
            break;
        }
        assert!(rounds < 5, "still moving after {rounds} rounds");
    }
    assert_same_exports(&[&ann, &bob]);
    let pages = ann.open().list::<Page>().unwrap();
    let contact: Vec<&Page> = pages.iter().filter(|p| p.title == "Contact us").collect();
    assert_eq!(contact.len(), 2, "{pages:?}");
    assert!(contact.iter().any(|p| p.body == "Ann's contact page."));
    assert!(contact.iter().any(|p| p.body == "Bob's contact page."));
    assert!(contact.iter().any(|p| p.slug == "contact-us"), "one keeps the slug");
}
