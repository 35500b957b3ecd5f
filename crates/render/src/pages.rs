//! One article's or page's HTML page.

use masthead_store::{Article, Page};
use serde_json::json;

use crate::content::Dated;
use crate::error::Result;
use crate::links::{article_url, page_url, section_url};
use crate::markdown::render_markdown;
use crate::plan::Common;
use crate::theme::Theme;
use crate::views::{Head, Views};

pub(crate) fn render_article(
    views: &Views<'_>,
    theme: &Theme,
    a: &Dated<Article>,
    common: &Common<'_>,
) -> Result<Vec<u8>> {
    let content = views.content;
    let item = &a.item;
    let url = article_url(item);
    let body = render_markdown(&item.body, &content.links, content.drafts);
    let image = views.image(item.image.as_deref(), item.image_alt.as_deref(), "(min-width: 48rem) 44rem, 100vw");
    let caption = views.content.links.media_item(item.image.as_deref().unwrap_or("")).and_then(|m| m.caption.clone());
    let description = item.seo_description.as_deref().or(item.summary.as_deref());
    let title = item.seo_title.as_deref().unwrap_or(&item.title);
    let jsonld = views.article_jsonld(a, image.as_ref());
    let label = views.draft_label(item.status, a.date);
    let page = views.page(Head {
        kind: "article",
        title,
        description,
        url: &url,
        og_image: image.as_ref(),
        jsonld: Some(jsonld),
        draft_label: label,
        lang: item.lang.as_deref(),
    });
    let mut ctx = common(&url, page);
    ctx["article"] = json!({
        "title": item.title,
        "summary": item.summary,
        "body_html": body.html,
        "date_iso": a.date.map(|d| content.dates.rfc3339(d)),
        "date_display": a.date.map(|d| content.dates.day(d)),
        "updated_iso": item.meta.updated_at,
        "author": item.author,
        "section_title": item.section.as_deref().map(|s| views.section_title(s)),
        "section_url": item.section.as_deref().map(|s| section_url(s, 1)),
        "tags": views.tags(item),
        "image": image,
        "image_caption": caption,
        "event": views.event(item),
        "lang": item.lang,
    });
    Ok(theme.render("article.html", ctx)?.into_bytes())
}

pub(crate) fn render_page(views: &Views<'_>, theme: &Theme, p: &Page, common: &Common<'_>) -> Result<Vec<u8>> {
    let content = views.content;
    let url = page_url(p);
    let body = render_markdown(&p.body, &content.links, content.drafts);
    let label = views.draft_label(p.status, None);
    let page = views.page(Head { kind: "page", title: &p.title, url: &url, draft_label: label, ..Head::default() });
    let mut ctx = common(&url, page);
    ctx["doc"] = json!({"title": p.title, "body_html": body.html});
    Ok(theme.render("page.html", ctx)?.into_bytes())
}
