//! The portable folder format: import, export, round trips and TOML front matter.

use std::path::Path;

use masthead_media::Pipeline;
use masthead_store::*;

use crate::common::{new_site, repo};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn export_import_export_is_byte_identical() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    site.export_dir(&first).unwrap();

    let (_d2, other) = new_site();
    other.import_dir(&first, &Pipeline).unwrap();
    let second = tmp.path().join("second");
    other.export_dir(&second).unwrap();
    assert_eq!(Tree::read_dir(&first).unwrap(), Tree::read_dir(&second).unwrap());
    // The demo in the repository is kept in exported form, so it is its own export.
    assert_eq!(Tree::read_dir(&repo().join("content")).unwrap(), Tree::read_dir(&first).unwrap());

    // Exporting again over an earlier export replaces it.
    site.export_dir(&first).unwrap();
    assert_eq!(Tree::read_dir(&first).unwrap(), Tree::read_dir(&second).unwrap());
    // But never over a folder that holds something else.
    let busy = tmp.path().join("busy");
    write(&busy, "notes.txt", "mine");
    let err = site.export_dir(&busy).unwrap_err();
    assert!(err.to_string().contains("not empty"), "{err}");
    assert_eq!(std::fs::read_to_string(busy.join("notes.txt")).unwrap(), "mine");
}

#[test]
fn import_upserts_by_slug_and_records_revisions() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/hello.md",
        "---\ntitle: Hello\nstatus: published\ndate: 2015-01-02\ntags: [a, b]\n---\n\nFirst body.\n",
    );
    write(
        dir.path(),
        "slides/03-welcome.md",
        "---\nheadline: Welcome\ncta: Read more\nlink: article:hello\n---\nShort blurb.\n",
    );
    write(dir.path(), "pages/about.md", "---\ntitle: About\n---\nWho we are.\n");
    let report = site.import_dir(dir.path(), &Pipeline).unwrap();
    assert_eq!(report, ImportReport { created: 3, updated: 0, unchanged: 0 });
    let slide: Slide = site.find("welcome").unwrap().unwrap();
    assert_eq!((slide.position, slide.blurb.as_str(), slide.status), (3, "Short blurb.", Status::Draft));
    let a: Article = site.find("hello").unwrap().unwrap();
    assert_eq!(a.tags, ["a", "b"]);

    // Re-importing the same folder changes nothing and records nothing.
    assert_eq!(site.import_dir(dir.path(), &Pipeline).unwrap(), ImportReport { created: 0, updated: 0, unchanged: 3 });
    assert_eq!(site.revisions(Kind::Article, a.meta.id).unwrap().len(), 1);

    // A changed file updates the same entity and adds a revision; `position` wins over the
    // number in the file name.
    write(dir.path(), "articles/hello.md", "---\ntitle: Hello again\nstatus: published\n---\nSecond body.\n");
    write(dir.path(), "slides/03-welcome.md", "---\nheadline: Welcome\nposition: 1\n---\nShort blurb.\n");
    assert_eq!(site.import_dir(dir.path(), &Pipeline).unwrap(), ImportReport { created: 0, updated: 2, unchanged: 1 });
    let b: Article = site.find("hello").unwrap().unwrap();
    assert_eq!((b.meta.id, b.title.as_str(), b.body.as_str()), (a.meta.id, "Hello again", "Second body."));
    assert_eq!(site.revisions(Kind::Article, a.meta.id).unwrap().len(), 2);
    assert_eq!(site.find::<Slide>("welcome").unwrap().unwrap().position, 1);
}

#[test]
fn hugo_and_zola_toml_front_matter_is_read() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/from-zola.md",
        "+++\ntitle = \"From Zola\"\ndate = 2015-03-04\ndescription = \"A summary\"\ndraft = false\nweight = 3\n[taxonomies]\ntags = [\"x\", \"y\"]\n+++\nBody.\n",
    );
    write(
        dir.path(),
        "articles/from-hugo.md",
        "+++\ntitle = \"From Hugo\"\ndate = 2015-03-04T10:00:00+01:00\ndraft = true\ntags = [\"z\"]\n+++\nBody.\n",
    );
    site.import_dir(dir.path(), &Pipeline).unwrap();
    let z: Article = site.find("from-zola").unwrap().unwrap();
    assert_eq!(
        (z.status, z.summary.as_deref(), z.date.as_deref()),
        (Status::Published, Some("A summary"), Some("2015-03-04"))
    );
    assert_eq!(z.tags, ["x", "y"]);
    let h: Article = site.find("from-hugo").unwrap().unwrap();
    assert_eq!((h.status, h.date.as_deref()), (Status::Draft, Some("2015-03-04T10:00:00+01:00")));
}

#[test]
fn media_import_keeps_names_and_sidecars() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    let png = crate::store::tiny_png();
    write(dir.path(), "media/dot.png.yml", "alt: A red dot\ncredit: \"Photo: us\"\n");
    std::fs::write(dir.path().join("media/dot.png"), &png).unwrap();
    // A real report, and a second version of it (a trailing comment after %%EOF keeps it valid).
    let report = std::fs::read(repo().join("content/media/sirius-final-conference-report.pdf")).unwrap();
    let second = [report.as_slice(), b"% revised\n"].concat();
    std::fs::write(dir.path().join("media/report.pdf"), &report).unwrap();
    site.import_dir(dir.path(), &Pipeline).unwrap();
    let m: Media = site.find("dot.png").unwrap().unwrap();
    assert_eq!((m.alt.as_deref(), m.credit.as_deref(), m.width), (Some("A red dot"), Some("Photo: us"), Some(1)));
    let pdf: Media = site.find("report.pdf").unwrap().unwrap();
    assert_eq!(pdf.mime, "application/pdf");
    // Replacing the bytes keeps the name (and so every reference) working.
    std::fs::write(dir.path().join("media/report.pdf"), &second).unwrap();
    site.import_dir(dir.path(), &Pipeline).unwrap();
    let replaced: Media = site.find("report.pdf").unwrap().unwrap();
    assert_eq!((replaced.meta.id, replaced.bytes), (pdf.meta.id, second.len() as i64));
    assert_eq!(std::fs::read(site.media_path(&replaced)).unwrap(), second);
}

#[test]
fn aliases_become_old_addresses_and_bad_ones_are_refused() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/hello.md",
        "---\ntitle: Hello\nsection: news\naliases: [/2019/05/hello/, /hello/]\n---\nBody.\n",
    );
    // TOML (Hugo, Zola): an alias that cannot be a redirect page is dropped, as before.
    // A page file (`/old.html`) is kept: its redirect is that very file.
    write(
        dir.path(),
        "pages/about.md",
        "+++\ntitle = \"About\"\naliases = [\"about-us\", \"/old.php\", \"/old.html\"]\n+++\nWho.\n",
    );
    site.import_dir(dir.path(), &Pipeline).unwrap();
    let mut old: Vec<(Option<String>, String)> =
        site.old_addresses().unwrap().into_iter().map(|o| (o.section, o.slug)).collect();
    old.sort();
    assert_eq!(
        old,
        [
            (None, "about-us".to_string()),
            (None, "hello".to_string()),
            (None, "old.html".to_string()),
            (Some("2019/05".to_string()), "hello".to_string())
        ]
    );
    let bad = tempfile::tempdir().unwrap();
    write(bad.path(), "articles/x.md", "---\ntitle: X\naliases: [/../../etc/]\n---\n");
    let err = site.import_dir(bad.path(), &Pipeline).unwrap_err().to_string();
    assert!(err.starts_with("articles/x.md") && err.contains("cannot become a redirect"), "{err}");
    assert!(site.find::<Article>("x").unwrap().is_none(), "the refused import changed nothing");
}

/// Old addresses — an imported website's permalinks, and the address a published article had
/// before a rename — go along as `aliases`, so their redirects survive an export and an import.
#[test]
fn old_addresses_survive_an_export_and_an_import() {
    let (_d, site) = new_site();
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "articles/hello.md",
        "---\ntitle: Hello\nstatus: published\ndate: 2015-01-02\naliases: [/2015/01/hello-world/]\n---\n\nBody.\n",
    );
    write(dir.path(), "pages/about.md", "---\ntitle: About\nstatus: published\naliases: [/about-us/]\n---\nWho.\n");
    site.import_dir(dir.path(), &Pipeline).unwrap();
    let mut hello = site.list::<Article>().unwrap().remove(0);
    hello.slug = "hello-again".into();
    site.save(&hello, SaveMode::Explicit).unwrap();
    assert_eq!(site.old_addresses().unwrap().len(), 3, "two aliases and the rename");

    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first");
    site.export_dir(&first).unwrap();
    let article = std::fs::read_to_string(first.join("articles/hello-again.md")).unwrap();
    assert!(article.contains("/2015/01/hello-world/") && article.contains("/hello/"), "{article}");
    assert!(std::fs::read_to_string(first.join("pages/about.md")).unwrap().contains("/about-us/"));

    let (_d2, other) = new_site();
    other.import_dir(&first, &Pipeline).unwrap();
    let mut paths: Vec<String> = other.old_addresses().unwrap().into_iter().map(|o| o.slug).collect();
    paths.sort();
    assert_eq!(paths, ["about-us", "hello", "hello-world"]);
    let second = tmp.path().join("second");
    other.export_dir(&second).unwrap();
    assert_eq!(Tree::read_dir(&first).unwrap(), Tree::read_dir(&second).unwrap());
}
