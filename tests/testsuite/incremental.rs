//! Incremental builds: after any sequence of edits, deletions and renames, building into the
//! same folder gives exactly the files of a full build, while re-rendering only what changed —
//! in a new process each time (`build_into`) and in one that keeps its builder (the preview).

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use masthead_media::Pipeline;
use masthead_render::{BuildOptions, Builder, build_into, build_site};
use masthead_store::*;

use crate::common::new_site;

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if !rel.starts_with(".masthead") {
                    files.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
    }
    files
}

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn edit(site: &Site, rng: &mut Rng, step: usize) -> String {
    let articles = site.list::<Article>().unwrap();
    let mut a = articles[rng.next(articles.len())].clone();
    match rng.next(12) {
        0 => {
            a.body.push_str(&format!("\n\nAn added paragraph {step}."));
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("edited the body of {}", a.slug)
        }
        9 => {
            a.summary = Some(format!("A new summary {step}."));
            if a.tags.len() > 1 {
                a.tags.remove(0);
            } else {
                a.tags.push(format!("Tag {}", rng.next(3)));
            }
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("edited the summary and tags of {}", a.slug)
        }
        10 => {
            let day = 1 + rng.next(28);
            a.event_start = Some(format!("2026-{:02}-{day:02}T10:00", 1 + rng.next(12)));
            a.event_end = None;
            a.location = Some(format!("Room {step}"));
            a.author = Some(format!("Author {step}"));
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("made {} an event", a.slug)
        }
        1 => {
            a.title = format!("{} (updated {step})", a.title);
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("retitled {}", a.slug)
        }
        2 => {
            let old = a.slug.clone();
            a.slug = format!("{}-renamed-{step}", a.slug.chars().take(40).collect::<String>().trim_end_matches('-'));
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("renamed {old}")
        }
        3 => {
            site.trash(Kind::Article, a.meta.id).unwrap();
            format!("deleted {}", a.slug)
        }
        4 => {
            a.status = if a.status == Status::Published { Status::Draft } else { Status::Published };
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("switched the status of {}", a.slug)
        }
        5 => {
            a.date = Some(format!("20{:02}-0{}-1{}", 10 + rng.next(15), 1 + rng.next(9), rng.next(9)));
            a.tags.push(format!("tag {}", rng.next(4)));
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("redated and retagged {}", a.slug)
        }
        11 => {
            a.date = Some(format!("20{:02}-{:02}-{:02}", 10 + rng.next(15), 1 + rng.next(12), 1 + rng.next(28)));
            site.save(&a, SaveMode::Explicit).unwrap();
            format!("moved the date of {}", a.slug)
        }
        6 => {
            let slides = site.list::<Slide>().unwrap();
            let mut s = slides[rng.next(slides.len())].clone();
            s.headline = format!("{} {step}", s.headline);
            s.position = rng.next(30) as i64;
            site.save(&s, SaveMode::Explicit).unwrap();
            format!("changed slide {}", s.slug)
        }
        7 => {
            let new = Article {
                title: format!("Brand new story {step}"),
                section: Some("news".into()),
                status: Status::Published,
                date: Some("2015-12-01".into()),
                summary: Some("Fresh.".into()),
                body: "[Back to the start](article:mpg-is-20-years-old)".into(),
                ..Default::default()
            };
            site.save(&new, SaveMode::Explicit).unwrap();
            "added an article".into()
        }
        _ => {
            let mut settings = site.settings().unwrap();
            settings.sections[0].title = format!("News {step}");
            site.save_settings(&settings).unwrap();
            "renamed a section".into()
        }
    }
}

#[test]
fn incremental_output_equals_a_full_build_after_random_changes() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let opts = BuildOptions { now: "2026-11-25T12:00:00Z".parse::<Timestamp>().unwrap(), drafts: false };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let (first, _) = build_into(&site, &opts, &out).unwrap();
    assert!(first.kept.is_empty());
    let (again, report) = build_into(&site, &opts, &out).unwrap();
    assert_eq!((report.written, report.removed), (0, 0));
    let always = again.files.len();
    assert!(always * 4 < again.fingerprints.len(), "an unchanged site re-renders only the cheap outputs: {always}");

    let warm_out = tmp.path().join("warm");
    let mut warm = Builder::new(&warm_out);
    warm.build(&site, &opts).unwrap();
    // The preview's builder: drafts included, and `now` moving on between builds.
    let preview_out = tmp.path().join("preview");
    let mut preview = Builder::new(&preview_out);
    let preview_opts = |step: usize| BuildOptions {
        now: opts.now.checked_add(jiff::SignedDuration::from_hours(24 * 9 * step as i64)).unwrap(),
        drafts: true,
    };
    preview.build(&site, &preview_opts(0)).unwrap();

    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut only_around = 0;
    for step in 0..40 {
        let what = edit(&site, &mut rng, step);
        let (built, _) = build_into(&site, &opts, &out).unwrap();
        let full = build_site(&site, &opts).unwrap();
        let warm_built = warm.build(&site, &opts).unwrap();
        let warm_built = warm.site_files(warm_built);
        assert_eq!(warm_built.fingerprints, built.fingerprints, "step {step} ({what}): the warm builder differs");
        assert_eq!(warm_built.pages, built.pages, "step {step} ({what}): the warm builder counts pages differently");
        assert_eq!(read_tree(&warm_out), read_tree(&out), "step {step} ({what}): the warm builder's folder differs");
        let on_disk = read_tree(&out);
        let missing: Vec<_> = full.files.keys().filter(|k| !on_disk.contains_key(*k)).collect();
        let extra: Vec<_> = on_disk.keys().filter(|k| !full.files.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "step {step} ({what}): missing {missing:?}, extra {extra:?}");
        for (path, bytes) in &full.files {
            assert!(on_disk[path] == *bytes, "step {step} ({what}): {path} differs from a full build");
        }
        if what.starts_with("edited the body") {
            // Beyond the cheap outputs: the article, its listing pages (section and tags), the
            // feeds when it is recent, and one search shard.
            let rendered: Vec<_> =
                built.files.keys().filter(|k| !built.fingerprints[*k].starts_with("always:")).collect();
            assert!(rendered.len() <= 12, "step {step} ({what}) re-rendered {rendered:?}");
        }
        if ["edited", "made", "retitled", "moved the date"].iter().any(|w| what.starts_with(w)) {
            // The warm builder visits only the outputs around the article: not even the cheap
            // ones that depend on the settings and the theme alone.
            let rendered: Vec<_> = warm_built.files.keys().collect();
            let fixed = ["404.html", "robots.txt", "search/index.html"];
            assert!(
                !fixed.iter().any(|f| warm_built.files.contains_key(*f)),
                "step {step} ({what}): the warm builder re-rendered {rendered:?}"
            );
            // So does a new process, from the snapshot the last one left.
            let rendered: Vec<_> = built.files.keys().collect();
            let fixed_made = fixed.iter().any(|f| built.files.contains_key(*f));
            assert!(!fixed_made, "step {step} ({what}): a new process re-rendered {rendered:?}");
            only_around += 1;
        }

        let preview_opts = preview_opts(step + 1);
        let shown = preview.build(&site, &preview_opts).unwrap();
        let shown = preview.site_files(shown);
        let full = build_site(&site, &preview_opts).unwrap();
        assert_eq!(shown.fingerprints.keys().collect::<Vec<_>>(), full.fingerprints.keys().collect::<Vec<_>>());
        let on_disk = read_tree(&preview_out);
        assert_eq!(on_disk.keys().collect::<Vec<_>>(), full.files.keys().collect::<Vec<_>>(), "step {step} ({what})");
        for (path, bytes) in &full.files {
            assert!(on_disk[path] == *bytes, "step {step} ({what}): the preview's {path} differs from a full build");
        }
    }
    assert!(only_around >= 8, "the random edits should exercise builds around saved articles: {only_around}");
}

#[test]
fn a_new_process_trusts_its_snapshot_only_as_far_as_the_folder_allows() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let opts = BuildOptions { now: "2026-11-25T12:00:00Z".parse::<Timestamp>().unwrap(), drafts: false };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    build_into(&site, &opts, &out).unwrap();
    let snapshots = site.dir().join("cache/builds");
    assert_eq!(std::fs::read_dir(&snapshots).unwrap().count(), 2, "the build leaves a snapshot and its base");
    let edit_body = |n: usize| {
        let mut a = site.list::<Article>().unwrap()[n].clone();
        a.body.push_str("\n\nOne more paragraph.");
        site.save(&a, SaveMode::Explicit).unwrap();
    };

    // Outputs deleted by hand come back, although the snapshot says they are there.
    let article = site.list::<Article>().unwrap()[3].clone();
    let page = out.join(format!("{}/{}/index.html", article.section.as_deref().unwrap(), article.slug));
    let shard = std::fs::read_dir(out.join("search"))
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("s-"))
        .unwrap()
        .path();
    std::fs::remove_file(&page).unwrap();
    std::fs::remove_file(&shard).unwrap();
    edit_body(0);
    build_into(&site, &opts, &out).unwrap();
    assert!(page.is_file() && shard.is_file(), "deleted outputs are made again");
    let full = build_site(&site, &opts).unwrap();
    assert_eq!(read_tree(&out), full.files, "after the repair, the folder is a full build");

    // A snapshot that cannot be read, or that belongs to another state of the folder, is not
    // used: a damaged base alone voids it too.
    for (bad, only_base) in [(b"not a snapshot".to_vec(), true), (b"not a snapshot".to_vec(), false), (vec![], false)] {
        for entry in std::fs::read_dir(&snapshots).unwrap().flatten() {
            if !only_base || entry.path().extension().is_some_and(|e| e == "base") {
                std::fs::write(entry.path(), &bad).unwrap();
            }
        }
        edit_body(1);
        let (built, _) = build_into(&site, &opts, &out).unwrap();
        assert!(built.files.contains_key("404.html"), "without a snapshot, everything is looked at");
        assert_eq!(read_tree(&out), build_site(&site, &opts).unwrap().files);
    }
    let index = out.join("index.html");
    std::fs::write(out.join(".masthead-build"), "masthead-build 2\n").unwrap();
    edit_body(2);
    build_into(&site, &opts, &out).unwrap();
    assert!(index.is_file());
    assert_eq!(
        read_tree(&out),
        build_site(&site, &opts).unwrap().files,
        "a manifest changed by hand voids the snapshot"
    );
}

#[test]
fn the_sitemap_follows_the_newest_article_through_date_edits_of_a_warm_builder() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let opts = BuildOptions { now: "2030-01-01T00:00:00Z".parse::<Timestamp>().unwrap(), drafts: false };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let mut warm = Builder::new(&out);
    warm.build(&site, &opts).unwrap();
    let sitemap = || std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let full_sitemap = || String::from_utf8(build_site(&site, &opts).unwrap().files["sitemap.xml"].clone()).unwrap();
    let dated: Vec<Article> = site.list::<Article>().unwrap().into_iter().filter(|a| a.date.is_some()).collect();
    let newest = dated[0].date.clone().unwrap();
    let before = sitemap();
    assert!(before.contains(&format!("<lastmod>{}</lastmod>", &newest[..10])), "pages are dated by the newest article");
    // The oldest article moves further back: its lists change, the sitemap does not.
    let mut oldest = dated.last().unwrap().clone();
    oldest.date = Some("2001-02-03".into());
    site.save(&oldest, SaveMode::Explicit).unwrap();
    let built = warm.build(&site, &opts).unwrap();
    assert!(!built.rendered.contains_key("sitemap.xml"), "{:?}", built.rendered.keys().collect::<Vec<_>>());
    assert_eq!(sitemap(), before);
    assert_eq!(sitemap(), full_sitemap());
    // Then it becomes the newest: every page that is not an article takes its date.
    let mut oldest = site.find::<Article>(&oldest.slug).unwrap().unwrap();
    oldest.date = Some("2029-12-30".into());
    site.save(&oldest, SaveMode::Explicit).unwrap();
    let built = warm.build(&site, &opts).unwrap();
    assert!(built.rendered.contains_key("sitemap.xml"));
    assert!(sitemap().contains("<lastmod>2029-12-30</lastmod>"));
    assert_eq!(sitemap(), full_sitemap());
    // And back: the one that was the newest is again.
    oldest = site.find::<Article>(&oldest.slug).unwrap().unwrap();
    oldest.date = Some("2001-02-03".into());
    site.save(&oldest, SaveMode::Explicit).unwrap();
    let built = warm.build(&site, &opts).unwrap();
    assert!(built.rendered.contains_key("sitemap.xml"));
    assert_eq!(sitemap(), before);
    assert_eq!(sitemap(), full_sitemap());
}
