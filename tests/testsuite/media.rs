//! The media pipeline with real files: what is accepted, described, refused, and guarded.

use masthead_media::Pipeline;
use masthead_store::*;
use serde_json::Value;

use crate::common::{masthead, new_site, repo, stderr, stdout};

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG whose header claims `w`×`h` pixels, with a few bytes of (meaningless) data: what a
/// decompression bomb looks like to a decoder before it inflates anything.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let body = [kind, data].concat();
        png.extend(&body);
        png.extend(crc32(&body).to_be_bytes());
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0, 0, 0, 1, 0, 1]);
    chunk(b"IEND", &[]);
    png
}

fn demo_file(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("content/media").join(name)).unwrap()
}

#[test]
fn real_files_are_described() {
    let pdf = Pipeline.probe(&demo_file("sirius-final-conference-report.pdf")).unwrap();
    assert_eq!((pdf.mime.as_str(), pdf.pages), ("application/pdf", Some(4)));
    assert!(pdf.title.as_deref().is_some_and(|t| t.contains("SIRIUS")), "{:?}", pdf.title);
    assert!(pdf.warnings.is_empty());
    let jpg = Pipeline.probe(&demo_file("brussels-conference.jpg")).unwrap();
    assert_eq!((jpg.mime.as_str(), jpg.width, jpg.height), ("image/jpeg", Some(1600), Some(1000)));
    let png = Pipeline.probe(&demo_file("mpg-logo.png")).unwrap();
    assert_eq!(png.mime, "image/png");
}

#[test]
fn hostile_and_damaged_files_are_refused_quickly() {
    let started = std::time::Instant::now();
    for (bytes, expect) in [
        (png_claiming(60_000, 60_000), "larger than Masthead accepts"),
        (png_claiming(15_000, 15_000), "megapixels"),
        (png_claiming(64, 64), "damaged or incomplete"),
        (demo_file("brussels-conference.jpg")[..20_000].to_vec(), "incomplete"),
        (demo_file("sirius-final-conference-report.pdf")[..3_000].to_vec(), "incomplete"),
        (b"%PDF-1.7\nthis is not a document at all\n%%EOF\n".to_vec(), "damaged"),
        (b"<!DOCTYPE html><html><body>Report</body></html>".to_vec(), "web page"),
        (b"PK\x03\x04 this is a zip".to_vec(), "ZIP"),
        (b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec(), "SVG"),
    ] {
        let err = Pipeline.probe(&bytes).unwrap_err().to_string();
        assert!(err.contains(expect), "expected {expect:?} in: {err}");
    }
    assert!(started.elapsed().as_secs() < 5, "refusing hostile files must be quick");
}

#[test]
fn media_add_list_and_guarded_rm_through_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("x");
    let site = site.to_str().unwrap();
    assert!(masthead(&["--site", site, "init"]).status.success());
    let photo = tmp.path().join("Team Photo (final).JPG");
    std::fs::write(&photo, demo_file("brussels-conference.jpg")).unwrap();
    let report = tmp.path().join("report.pdf");
    std::fs::write(&report, demo_file("sirius-final-conference-report.pdf")).unwrap();
    let out = masthead(&[
        "--site",
        site,
        "media",
        "add",
        photo.to_str().unwrap(),
        report.to_str().unwrap(),
        "--alt",
        "The team",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let added: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(added[0]["name"], "team-photo-final.jpg");
    assert_eq!((added[0]["width"].as_i64(), added[0]["alt"].as_str()), (Some(1600), Some("The team")));
    assert_eq!((added[1]["name"].as_str(), added[1]["pages"].as_i64()), (Some("report.pdf"), Some(4)));
    // The same bytes again are the same item.
    let out = masthead(&["--site", site, "media", "add", report.to_str().unwrap()]);
    assert!(stdout(&out).contains("Already in the library as report.pdf"), "{}", stdout(&out));

    let page = tmp.path().join("content");
    std::fs::create_dir_all(page.join("pages")).unwrap();
    std::fs::write(page.join("pages/reports.md"), "---\ntitle: Reports\n---\n[Read it](media:report.pdf)\n").unwrap();
    assert!(masthead(&["--site", site, "import", page.to_str().unwrap()]).status.success());
    let listed: Value = serde_json::from_slice(&masthead(&["--site", site, "media", "list", "--json"]).stdout).unwrap();
    let pdf = listed.as_array().unwrap().iter().find(|m| m["name"] == "report.pdf").unwrap();
    assert_eq!(pdf["used_by"], serde_json::json!([{"entity": "page:reports", "field": "body"}]));

    let out = masthead(&["--site", site, "media", "rm", "report.pdf"]);
    assert!(!out.status.success() && stderr(&out).contains("page:reports (body)"), "{}", stderr(&out));
    let out = masthead(&["--site", site, "media", "rm", "team-photo-final.jpg"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed: Value = serde_json::from_slice(&masthead(&["--site", site, "list", "media", "--json"]).stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let fake = tmp.path().join("annual.pdf");
    std::fs::write(&fake, "<html><body>not a pdf</body></html>").unwrap();
    let out = masthead(&["--site", site, "media", "add", fake.to_str().unwrap()]);
    assert!(!out.status.success() && stderr(&out).contains("web page"), "{}", stderr(&out));
}

/// The demo report, encrypted with a user password by qpdf.
pub(crate) fn encrypted_report() -> Vec<u8> {
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain.pdf");
    let locked = tmp.path().join("locked.pdf");
    std::fs::write(&plain, demo_file("sirius-final-conference-report.pdf")).unwrap();
    let qpdf = std::process::Command::new("qpdf")
        .args(["--encrypt", "user-secret", "owner-secret", "256", "--"])
        .args([&plain, &locked])
        .status()
        .expect("qpdf is installed by scripts/install-deps.sh");
    assert!(qpdf.success());
    std::fs::read(&locked).unwrap()
}

#[test]
fn encrypted_pdfs_are_accepted_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let locked = tmp.path().join("locked.pdf");
    std::fs::write(&locked, encrypted_report()).unwrap();
    let info = Pipeline.probe(&std::fs::read(&locked).unwrap()).unwrap();
    assert_eq!(info.mime, "application/pdf");
    assert!(info.warnings.iter().any(|w| w.contains("encrypted")), "{:?}", info.warnings);
    let site = tmp.path().join("x");
    let site = site.to_str().unwrap();
    assert!(masthead(&["--site", site, "init"]).status.success());
    let out = masthead(&["--site", site, "media", "add", locked.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning") && stderr(&out).contains("encrypted"), "{}", stderr(&out));
}

#[test]
fn the_store_refuses_removing_media_in_use() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let err = site.remove_media("sirius-final-conference-report.pdf").unwrap_err().to_string();
    assert!(err.contains("slide:sirius-final-conference-report (link)"), "{err}");
    assert!(site.find::<Media>("sirius-final-conference-report.pdf").unwrap().is_some());
    // The site's logo is a use too: deleting it would break every page's header.
    let logo = site.settings().unwrap().logo.unwrap();
    let name = logo.trim_start_matches("media:");
    assert_eq!(site.media_users(name).unwrap(), [("site".to_string(), "logo".to_string())]);
    let err = site.remove_media(name).unwrap_err().to_string();
    assert!(err.contains("site (logo)"), "{err}");
}

/// An EXIF block (APP1) with an orientation and a GPS position, as phones write them.
fn exif_app1(orientation: u16) -> Vec<u8> {
    let mut tiff = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    let entry = |tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        let mut e = tag.to_le_bytes().to_vec();
        e.extend(kind.to_le_bytes());
        e.extend(count.to_le_bytes());
        e.extend(value);
        e
    };
    // IFD0 at 8: orientation and the GPS IFD pointer (GPS IFD at 38).
    tiff.extend(2u16.to_le_bytes());
    let mut o = [0u8; 4];
    o[..2].copy_from_slice(&orientation.to_le_bytes());
    tiff.extend(entry(0x0112, 3, 1, o));
    tiff.extend(entry(0x8825, 4, 1, 38u32.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    // GPS IFD at 38: latitude reference and latitude (three rationals at 68).
    tiff.extend(2u16.to_le_bytes());
    tiff.extend(entry(0x0001, 2, 2, *b"N\0\0\0"));
    tiff.extend(entry(0x0002, 5, 3, 68u32.to_le_bytes()));
    tiff.extend(0u32.to_le_bytes());
    for (n, d) in [(52u32, 1u32), (22, 1), (0, 1)] {
        tiff.extend(n.to_le_bytes());
        tiff.extend(d.to_le_bytes());
    }
    let payload = [b"Exif\0\0".as_slice(), &tiff].concat();
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend(((payload.len() + 2) as u16).to_be_bytes());
    app1.extend(payload);
    app1
}

pub(crate) fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    [&jpeg[..2], &exif_app1(orientation), &jpeg[2..]].concat()
}

pub(crate) fn has_gps(bytes: &[u8]) -> bool {
    bytes.windows(6).any(|w| w == b"Exif\0\0") || bytes.windows(8).any(|w| w == [52, 0, 0, 0, 1, 0, 0, 0])
}

#[test]
fn published_images_carry_no_gps_and_stand_upright() {
    let photo = demo_file("brussels-conference.jpg");
    for orientation in [1u16, 6] {
        let tagged = with_exif(&photo, orientation);
        assert!(has_gps(&tagged));
        let info = Pipeline.probe(&tagged).unwrap();
        let expected = if orientation == 6 { (Some(1000), Some(1600)) } else { (Some(1600), Some(1000)) };
        assert_eq!((info.width, info.height), expected, "orientation {orientation} is applied to the size");
        let published = masthead_media::publishable(&tagged, "image/jpeg").unwrap();
        assert!(!has_gps(&published), "orientation {orientation}: GPS left in the published file");
        let again = Pipeline.probe(&published).unwrap();
        assert_eq!((again.width, again.height), expected, "the published picture stands the right way up");
        if orientation == 1 {
            assert_eq!(published, photo, "without a turn, stripping is lossless");
        }
    }
    // PNG: text and eXIf chunks go, the picture stays.
    let png = demo_file("mpg-logo.png");
    let mut tagged = png[..33].to_vec();
    for (kind, data) in [(b"tEXt", b"Comment\0taken at 52.37N 4.90E".as_slice()), (b"eXIf", &exif_app1(1)[10..])] {
        tagged.extend((data.len() as u32).to_be_bytes());
        tagged.extend(kind);
        tagged.extend(data);
        tagged.extend(crc32(&[kind.as_slice(), data].concat()).to_be_bytes());
    }
    tagged.extend(&png[33..]);
    Pipeline.probe(&tagged).unwrap();
    let published = masthead_media::publishable(&tagged, "image/png").unwrap();
    assert!(!published.windows(6).any(|w| w == b"52.37N") && !published.windows(4).any(|w| w == b"eXIf"));
    assert_eq!(Pipeline.probe(&published).unwrap().width, Some(400));
}

#[test]
fn the_built_site_publishes_photos_without_their_gps_position() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let tagged = with_exif(&demo_file("brussels-conference.jpg"), 6);
    let Added { media: m, .. } = site
        .add_media(
            NewMedia {
                bytes: &tagged,
                original_name: "from my phone.jpg",
                alt: Some("A crowd".into()),
                ..Default::default()
            },
            &Pipeline,
        )
        .unwrap();
    let mut a: Article = site.find("mpg-is-20-years-old").unwrap().unwrap();
    a.image = Some(format!("media:{}", m.name));
    site.save(&a, SaveMode::Explicit).unwrap();
    let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let built = masthead_render::build_site(&site, &masthead_render::BuildOptions { now, drafts: false }).unwrap();
    let published = &built.files[&format!("media/{}", m.name)];
    assert!(!has_gps(published));
    assert!(has_gps(&std::fs::read(site.media_path(&m)).unwrap()), "the original in the library is kept as uploaded");
    for (path, bytes) in &built.files {
        assert!(!has_gps(bytes) || !path.starts_with("media/"), "{path} carries a GPS position");
    }
}
