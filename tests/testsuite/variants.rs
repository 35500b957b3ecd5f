//! Responsive variants and report covers, made from real files: widths never upscaled, WebP
//! beside JPEG (PNG for transparent pictures), no metadata in any of them, made once and
//! cached, rebuilt when the cache is gone, and printed in pages as `srcset`.

use std::collections::BTreeSet;

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use masthead_media::{Pipeline, VariantSet, variant_dir};
use masthead_render::{BuildOptions, build_site};
use masthead_store::*;

use crate::common::{new_site, repo};
use crate::media::{has_gps, with_exif};

fn now() -> jiff::Timestamp {
    "2026-11-25T12:00:00Z".parse().unwrap()
}

/// A photo-like picture: gradients and a little deterministic grain.
pub(crate) fn photo(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let grain = ((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) % 23) as u8;
        Rgb([(x * 255 / w) as u8 / 2 + grain, (y * 255 / h) as u8 / 2 + grain, 90 + grain])
    })
}

pub(crate) fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = vec![];
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90).encode_image(image).unwrap();
    out
}

fn png_rgba(image: &RgbaImage) -> Vec<u8> {
    let mut out = vec![];
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(image.as_raw(), image.width(), image.height(), image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

fn add(site: &Site, bytes: &[u8], name: &str) -> (Media, VariantSet) {
    let new = NewMedia { bytes, original_name: name, alt: Some("A picture".into()), ..Default::default() };
    let (added, set) = masthead_media::add(site, new).unwrap();
    (added.media, set)
}

fn shape(set: &VariantSet) -> Vec<(u32, u32, &str)> {
    set.variants.iter().map(|v| (v.width, v.height, v.format.as_str())).collect()
}

fn decoded_size(bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory(bytes).unwrap();
    (image.width(), image.height())
}

#[test]
fn a_large_phone_photo_gets_every_width_upright_and_without_gps() {
    let (_d, site) = new_site();
    // 3000×2000 as stored, recorded as turned 90°: it stands 2000 wide and 3000 high.
    let bytes = with_exif(&jpeg(&photo(3000, 2000)), 6);
    assert!(has_gps(&bytes));
    let (m, set) = add(&site, &bytes, "IMG_0042.JPG");
    assert_eq!((m.width, m.height), (Some(2000), Some(3000)));
    assert_eq!(
        shape(&set),
        [
            (480, 720, "jpeg"),
            (480, 720, "webp"),
            (960, 1440, "jpeg"),
            (960, 1440, "webp"),
            (1600, 2400, "jpeg"),
            (1600, 2400, "webp")
        ],
        "2400 is wider than the photo, so it is not made"
    );
    let dir = variant_dir(&site.cache_dir(), &m);
    for v in &set.variants {
        let bytes = std::fs::read(dir.join(&v.file)).unwrap();
        assert!(!has_gps(&bytes), "{} carries the GPS position", v.file);
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{} carries EXIF", v.file);
        assert_eq!(decoded_size(&bytes), (v.width, v.height), "{} stands upright", v.file);
        assert_eq!(bytes.len() as u64, v.bytes);
    }
    // Made once: adding the same bytes again finds the item and the cached files untouched.
    let stamps = |set: &VariantSet| -> Vec<_> {
        set.variants.iter().map(|v| std::fs::metadata(dir.join(&v.file)).unwrap().modified().unwrap()).collect()
    };
    let before = stamps(&set);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (again, set2) = add(&site, &bytes, "copy.jpg");
    assert_eq!((again.name.as_str(), &set2), (m.name.as_str(), &set));
    assert_eq!(stamps(&set2), before, "nothing was made again");
}

#[test]
fn transparent_pngs_keep_png_small_pictures_one_width_gifs_their_first_frame() {
    let (_d, site) = new_site();
    let logo = RgbaImage::from_fn(1200, 400, |x, _| Rgba([20, 60, 200, if x < 600 { 0 } else { 255 }]));
    let (_, set) = add(&site, &png_rgba(&logo), "logo.png");
    assert_eq!(
        set.variants.iter().map(|v| v.format.as_str()).collect::<BTreeSet<_>>(),
        BTreeSet::from(["png", "webp"])
    );
    assert_eq!(set.variants.iter().map(|v| v.width).collect::<BTreeSet<_>>(), BTreeSet::from([480, 960]));
    // A PNG with an alpha channel but no transparent pixel is a photo: JPEG.
    let opaque = RgbaImage::from_fn(700, 300, |x, y| Rgba([x as u8, y as u8, 9, 255]));
    let (_, set) = add(&site, &png_rgba(&opaque), "opaque.png");
    assert_eq!(shape(&set), [(480, 206, "jpeg"), (480, 206, "webp")]);
    // Narrower than the smallest width: one variant at its own width, never upscaled.
    let (_, set) = add(&site, &jpeg(&photo(300, 200)), "thumb.jpg");
    assert_eq!(shape(&set), [(300, 200, "jpeg"), (300, 200, "webp")]);
    // An animated GIF: variants of the first frame; the original keeps its frames.
    let frames = [Rgb([255u8, 0, 0]), Rgb([0, 0, 255])].map(|c| {
        let rgba = RgbaImage::from_pixel(600, 400, Rgba([c[0], c[1], c[2], 255]));
        image::Frame::new(rgba)
    });
    let mut gif = vec![];
    {
        let mut encoder = image::codecs::gif::GifEncoder::new(&mut gif);
        encoder.set_repeat(image::codecs::gif::Repeat::Infinite).unwrap();
        encoder.encode_frames(frames).unwrap();
    }
    let (m, set) = add(&site, &gif, "wave.gif");
    assert_eq!(shape(&set), [(480, 320, "jpeg"), (480, 320, "webp")]);
    let first = std::fs::read(variant_dir(&site.cache_dir(), &m).join(&set.variants[0].file)).unwrap();
    let pixel = image::load_from_memory(&first).unwrap().to_rgb8().get_pixel(240, 160).0;
    assert!(pixel[0] > 200 && pixel[2] < 60, "the first (red) frame: {pixel:?}");
    let published = masthead_media::publishable(&gif, "image/gif").unwrap();
    assert_eq!(published.windows(2).filter(|w| w == &[0x21, 0xF9]).count(), 2, "both frames are published");
}

#[test]
fn report_covers_are_drawn_from_page_one_and_encrypted_reports_get_a_note() {
    let (_d, site) = new_site();
    let report = std::fs::read(repo().join("content/media/sirius-final-conference-report.pdf")).unwrap();
    let (m, set) = add(&site, &report, "report.pdf");
    assert!(m.author.is_some(), "the PDF's author is read");
    assert_eq!(shape(&set).iter().map(|s| (s.0, s.2)).collect::<Vec<_>>(), [(480, "jpeg"), (480, "webp")]);
    assert!(set.variants[0].height > 600, "a portrait page: {:?}", set.variants[0]);
    let cover = std::fs::read(variant_dir(&site.cache_dir(), &m).join(&set.variants[0].file)).unwrap();
    let picture = image::load_from_memory(&cover).unwrap().to_rgb8();
    let dark = picture.pixels().filter(|p| p.0.iter().map(|&c| u32::from(c)).sum::<u32>() < 300).count();
    assert!(dark > 200, "page 1 has visible text or colour, not a blank page ({dark} dark pixels)");
    assert!(set.note.is_none());

    let encrypted = crate::media::encrypted_report();
    let (_, set) = add(&site, &encrypted, "locked.pdf");
    assert!(set.variants.is_empty());
    assert!(set.note.as_deref().is_some_and(|n| n.contains("encrypted") && n.contains("generic cover")), "{set:?}");
}

#[test]
fn built_pages_carry_srcset_with_webp_and_covers_and_the_files_are_published() {
    let (_d, site) = new_site();
    site.import_tree(&demo_tree(), &Pipeline).unwrap();
    let mut photo: Media = site.find("brussels-conference.jpg").unwrap().unwrap();
    photo.focal = Some("30% 40%".into());
    site.save(&photo, SaveMode::Explicit).unwrap();
    let built = build_site(&site, &BuildOptions { now: now(), drafts: false }).unwrap();
    let html = |path: &str| String::from_utf8(built.files[path].clone()).unwrap();
    let home = html("index.html");
    assert!(home.contains("<source type=\"image/webp\" srcset=\"/media/480/"), "the carousel offers WebP");
    assert!(home.contains("style=\"object-position: 30% 40%\""), "the focal point crops the carousel picture");
    // Every variant a page names is published.
    for page in built.files.keys().filter(|p| p.ends_with(".html")) {
        for url in html(page).split("srcset=\"").skip(1).flat_map(|s| s[..s.find('"').unwrap()].split(", ")) {
            let path = url.split(' ').next().unwrap().trim_start_matches('/');
            assert!(built.files.contains_key(path), "{page} names {path}, which is not published");
        }
    }
    let webp = &built.files["media/960/brussels-conference.jpg.webp"];
    assert_eq!(&webp[8..12], b"WEBP");
    assert_eq!(decoded_size(&built.files["media/960/brussels-conference.jpg"]), (960, 600));
    // The report's download card shows its cover.
    let card_page = built
        .files
        .iter()
        .find(|(p, b)| p.ends_with(".html") && String::from_utf8_lossy(b).contains("class=\"mh-download\""))
        .map(|(p, _)| html(p))
        .expect("a page with a download card");
    assert!(card_page.contains("<picture class=\"mh-download-cover\">"), "{card_page}");
    assert!(built.files.contains_key("media/480/sirius-final-conference-report.pdf.jpg"));
    // The cache is rebuildable: without it the build makes the variants again, byte for byte.
    std::fs::remove_dir_all(site.cache_dir().join("variants")).unwrap();
    let again = build_site(&site, &BuildOptions { now: now(), drafts: false }).unwrap();
    assert_eq!(again.files, built.files);
}

#[test]
fn focal_points_are_checked() {
    let (_d, site) = new_site();
    let (mut m, _) = add(&site, &jpeg(&photo(500, 300)), "p.jpg");
    m.focal = Some("120% 5%".into());
    let err = site.save(&m, SaveMode::Explicit).unwrap_err().to_string();
    assert!(err.contains("50% 30%"), "{err}");
    m.focal = Some("25,75".into());
    assert_eq!(site.save(&m, SaveMode::Explicit).unwrap().focal.as_deref(), Some("25% 75%"));
}

#[test]
fn replacing_a_file_keeps_its_name_and_words_and_remakes_its_variants() {
    let (_d, site) = new_site();
    let (old, old_set) = add(&site, &jpeg(&photo(1000, 600)), "team.jpg");
    let mut saved = old.clone();
    saved.caption = Some("The team in Brussels".into());
    let old = site.save(&saved, SaveMode::Explicit).unwrap();
    let old_blob = site.media_path(&old);

    let (added, set) = masthead_media::replace(&site, "team.jpg", &jpeg(&photo(2000, 1000)), "team-2026.jpg").unwrap();
    let new = added.media;
    assert_eq!((new.name.as_str(), new.width, new.height), ("team.jpg", Some(2000), Some(1000)));
    assert_eq!(new.alt, old.alt);
    assert_eq!(new.caption.as_deref(), Some("The team in Brussels"));
    assert_ne!(new.hash, old.hash);
    assert!(site.media_path(&new).is_file() && !old_blob.exists(), "the old file is gone from media/");
    assert_eq!(shape(&set)[..2], [(480, 240, "jpeg"), (480, 240, "webp")]);
    assert!(shape(&set).len() > shape(&old_set).len(), "the wider picture has more widths");

    // Tried: a PNG for a .jpg, and a name that is not in the library.
    let err = masthead_media::replace(&site, "team.jpg", &png_rgba(&RgbaImage::new(10, 10)), "x.png").unwrap_err();
    assert!(err.to_string().contains("replace it with a .jpg file"), "{err}");
    assert!(masthead_media::replace(&site, "nobody.jpg", &jpeg(&photo(10, 10)), "x.jpg").is_err());
    assert_eq!(site.find::<Media>("team.jpg").unwrap().unwrap().hash, new.hash, "nothing changed by the refusals");
}
