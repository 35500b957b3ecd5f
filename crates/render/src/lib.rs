//! Masthead's site renderer: turns a site into the static website its visitors see.
//! Markdown with rich blocks ([`render_markdown`]), the theme ([`Theme`]), the build
//! ([`build_site`]) and the checks ([`check`]).

/// The maps a build fills with every output and article: foldhash (seeded per process) hashes
/// their keys several times faster than the standard library's SipHash.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// A set hashed as [`FastMap`] is.
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

mod blocks;
mod builder;
mod check;
mod content;
mod dates;
mod delta;
mod error;
mod feeds;
mod home;
mod html;
mod ics;
mod images;
mod keys;
mod links;
mod listings;
mod manifest;
mod markdown;
mod memo;
mod output;
mod outputs;
mod pages;
mod plan;
mod preview;
mod preview_files;
mod problem;
mod raw_html;
mod rebuild;
mod sanitize;
mod search_index;
mod sitemap;
mod snapshot;
mod tags;
mod theme;
mod views;

pub use blocks::BLOCKS;
pub use builder::build_site;
pub use check::check;
pub use content::{Content, Dated};
pub use dates::Dates;
pub use error::{RenderError, Result};
pub use feeds::FEED_ITEMS;
pub use html::{escape, is_safe_url};
pub use images::{
    ImageView, MediaDetails, MediaUse, VariantInfo, cover_view, image_tag, image_view, media_details, variant_path,
    variant_url,
};
pub use links::{LinkTarget, Links, article_url, media_url, page_url, section_url, tag_url};
pub use markdown::{Rendered, render_markdown};
pub use output::{WriteReport, write_output};
pub use plan::{BuildOptions, PAGE_SIZE, SiteFiles};
pub use preview::{render_home_preview, render_page_preview, render_preview};
pub use preview_files::{content_type, preview_file};
pub use problem::{Problem, Severity};
pub use rebuild::{Builder, Built, build_into};
pub use sanitize::sanitize_block;
pub use search_index::SHARDS;
pub use theme::Theme;
