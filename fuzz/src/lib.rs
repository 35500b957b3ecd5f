//! Masthead's fuzz targets: each takes arbitrary bytes, feeds them to a parser of untrusted
//! input the way the app does, and asserts properties, not only "no panic". A target that
//! finds a broken property panics, which AFL++ records as a crash.
//!
//! Run them coverage-guided with `scripts/fuzz.sh TARGET MINUTES` (AFL++ through afl.rs, which
//! works on a stable toolchain); `cargo test -p masthead-fuzz` replays every saved input.

mod backup;
mod html;
mod import;
mod publish;
mod wxr;

pub use backup::backup;
pub use html::assert_safe_html;
pub use import::import;
pub use publish::{journal, manifest};
pub use wxr::wxr;

use masthead_render::{LinkTarget, Links, render_markdown};
use masthead_store::Media;

/// A fuzz target: bytes in, a panic when a property breaks.
pub type FuzzTarget = fn(&[u8]);

/// The targets by name, as `afl/` and the replay test use them.
pub const TARGETS: &[(&str, FuzzTarget)] = &[
    ("markdown", markdown),
    ("import", import),
    ("manifest", manifest),
    ("journal", journal),
    ("backup", backup),
    ("wxr", wxr),
];

/// Markdown → HTML, public and preview: the HTML holds only allowed elements and attributes,
/// no script-capable address, and every problem says something.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let links = links();
    for preview in [false, true] {
        let rendered = render_markdown(text, &links, preview);
        assert_safe_html(&rendered.html);
        for p in &rendered.problems {
            assert!(!p.message.trim().is_empty() && !p.code.is_empty(), "a problem without words: {p:?}");
        }
    }
}

/// Links a body may point at: a published and a draft article, a page, a picture and a PDF.
fn links() -> Links {
    let mut links = Links::default();
    let target = |url: &str, title: &str, public| LinkTarget { url: url.into(), title: title.into(), public };
    links.articles.insert("hello".into(), target("/news/hello/", "Hello", true));
    links.articles.insert("draft".into(), target("/news/draft/", "Draft", false));
    links.pages.insert("about".into(), target("/about/", "About", true));
    for (name, mime) in [("photo.jpg", "image/jpeg"), ("report.pdf", "application/pdf")] {
        let media =
            Media { name: name.into(), mime: mime.into(), width: Some(800), height: Some(600), ..Default::default() };
        links.media.insert(name.into(), media);
    }
    links
}
