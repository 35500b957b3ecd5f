//! Pages as they are in the editor, saved or not, rendered as the website will show them.
//! The app keeps `content` (drafts included) and `theme` between keystrokes.

use masthead_store::{Article, Page, Slide};
use serde_json::{Value, json};

use crate::content::{Content, Dated};
use crate::error::Result;
use crate::home::render_home;
use crate::pages::{render_article, render_page};
use crate::theme::Theme;
use crate::views::Views;

/// Renders one article — typically unsaved, straight from the editor — as its final page,
/// drafts included. The app keeps `content` and `theme` between keystrokes.
pub fn render_preview(content: &Content, theme: &Theme, draft: &Article) -> Result<String> {
    let views = Views::new(content);
    let date = draft.date.as_deref().and_then(|d| masthead_store::parse_date(d, &content.dates.tz).ok());
    let dated = Dated { item: draft.clone(), date, public: false };
    let common = |url: &str, page: Value| json!({"site": views.site(url), "page": page, "now_year": views.now_year()});
    let bytes = render_article(&views, theme, &dated, &common)?;
    Ok(String::from_utf8(bytes).expect("templates render UTF-8"))
}

/// A page — as it is in the editor — as it will look on the website.
pub fn render_page_preview(content: &Content, theme: &Theme, draft: &Page) -> Result<String> {
    let views = Views::new(content);
    let common = |url: &str, page: Value| json!({"site": views.site(url), "page": page, "now_year": views.now_year()});
    let bytes = render_page(&views, theme, draft, &common)?;
    Ok(String::from_utf8(bytes).expect("templates render UTF-8"))
}

/// The home page as it will be once `draft` (a slide being edited) is saved: the published
/// slides in their order, with the draft in its place (or added, if new), shown even while it
/// is not published yet so that staff can see it.
pub fn render_home_preview(content: &Content, theme: &Theme, draft: &Slide) -> Result<String> {
    let views = Views::new(content);
    let common = |url: &str, page: Value| json!({"site": views.site(url), "page": page, "now_year": views.now_year()});
    let mut slides: Vec<&Slide> = content
        .slides
        .iter()
        .filter(|s| s.meta.id != draft.meta.id && s.status == masthead_store::Status::Published)
        .collect();
    let at = slides.iter().position(|s| s.position > draft.position).unwrap_or(slides.len());
    slides.insert(at, draft);
    render_home(&views, theme, slides, &common)
}
