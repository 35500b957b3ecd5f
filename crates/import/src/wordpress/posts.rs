//! Posts → articles (sticky ones also → slides), pages → pages. Slugs are claimed for every
//! item first, so that links between them can be rewritten whatever their order.

use std::collections::HashMap;

use masthead_store::{Article, MAX_BODY_BYTES, Page, Slide, Status};

use super::Cx;
use super::attachments::{File, plain};
use super::content;
use super::links::old_path;
use super::source_of;
use super::wxr::{Post, Wxr};
use crate::bundle::Item;
use crate::html::to_markdown;
use crate::{OnProgress, Progress};

/// Why a kind of item is not imported.
fn not_content(post_type: &str) -> Option<&'static str> {
    Some(match post_type {
        "post" | "page" | "attachment" | "nav_menu_item" => return None,
        "revision" => "an earlier version of a post; Masthead keeps its own revisions from now on",
        "wp_block" => "a reusable block; its content is already inside the posts that use it",
        "customize_changeset"
        | "custom_css"
        | "wp_global_styles"
        | "wp_template"
        | "wp_template_part"
        | "wp_navigation"
        | "wp_font_family"
        | "wp_font_face"
        | "oembed_cache"
        | "user_request" => "WordPress's own design or housekeeping data, not content",
        _ => "a content type of a WordPress plugin or theme, which Masthead has no equivalent for",
    })
}

/// A post's publication date: `post_date_gmt` in UTC, else the local `post_date`.
fn date_of(p: &Post) -> Option<String> {
    let parse = |d: &str| jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S", d.trim()).ok();
    if let Some(d) = parse(&p.date_gmt) {
        return Some(format!("{}Z", d.strftime("%Y-%m-%dT%H:%M:%S")));
    }
    parse(&p.date).map(|d| d.strftime("%Y-%m-%dT%H:%M:%S").to_string())
}

/// The status an item gets, and a note when it is less public than on WordPress.
fn status_of(p: &Post) -> (Status, Option<&'static str>) {
    if !p.password.is_empty() {
        return (
            Status::Draft,
            Some(
                "It was protected by a password on WordPress; Masthead publishes nothing behind a password, so it is a draft. Publish it only if it may be public.",
            ),
        );
    }
    match p.status.as_str() {
        "publish" | "future" => (Status::Published, None),
        "pending" => (Status::Review, None),
        "private" => {
            (Status::Draft, Some("It was private on WordPress; it is a draft here, so that it stays unpublished."))
        }
        "draft" => (Status::Draft, None),
        _ => (Status::Draft, Some("Its WordPress status was unusual; it is a draft.")),
    }
}

fn wanted_slug(p: &Post) -> String {
    let name = url::form_urlencoded::parse(format!("x={}", p.name).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if name.trim().is_empty() { p.title.clone() } else { name }
}

pub(super) fn import(
    wxr: &Wxr,
    sections: &HashMap<String, String>,
    files: &HashMap<i64, File>,
    cx: &mut Cx<'_>,
    progress: OnProgress<'_>,
) {
    let Cx { names, links, bundle, report } = cx;
    // First every item's slug, address and old addresses.
    let mut chosen: Vec<(&Post, String, Vec<String>)> = vec![];
    let by_id: HashMap<i64, &Post> = wxr.items.iter().map(|p| (p.id, p)).collect();
    for p in &wxr.items {
        if let Some(why) = not_content(&p.post_type) {
            report.skip(source_of(p), format!("This is {why}."));
            continue;
        }
        if !matches!(p.post_type.as_str(), "post" | "page") {
            continue;
        }
        match p.status.as_str() {
            "trash" => report.skip(source_of(p), "It is in the WordPress trash."),
            "auto-draft" => report.skip(source_of(p), "It is an empty draft WordPress saved on its own."),
            _ if p.too_big => report.skip(source_of(p), "Its text is larger than Masthead's limit of 2 MB."),
            _ => {
                let mut wanted = masthead_store::slugify(&wanted_slug(p));
                // A child page's slug carries its parents' (`about-team`): pages are flat here.
                let mut parent = p.parent;
                let mut depth = 0;
                while p.post_type == "page" && parent != 0 && depth < 8 {
                    let Some(up) = by_id.get(&parent) else { break };
                    wanted = format!("{}-{wanted}", masthead_store::slugify(&wanted_slug(up)));
                    parent = up.parent;
                    depth += 1;
                }
                let (slug, changed) = names.slug(&wanted);
                let kind = if p.post_type == "post" { "article" } else { "page" };
                let reference = format!("{kind}:{slug}");
                if changed {
                    report.warn(
                        source_of(p),
                        &reference,
                        format!("The address “{wanted}” is already used in this site, so this {kind} is “{slug}”."),
                    );
                }
                let mut aliases = vec![format!("/p/{}/", p.id)];
                // A draft's link is `/?p=ID`, whose path is the home page's: not its address.
                if let Some(u) = links.parse(&p.link).filter(|u| links.is_old(u))
                    && old_path(&u) != "/"
                {
                    links.paths.insert(old_path(&u), reference.clone());
                    aliases.push(old_path(&u));
                }
                // WordPress finds a post by its name alone too (`/name/`); pages only by path.
                if p.post_type == "post" && !p.name.is_empty() && validate_plain(&p.name) {
                    aliases.push(format!("/{}/", p.name));
                }
                links.ids.insert(p.id, reference);
                chosen.push((p, slug, aliases));
            }
        }
    }
    let gallery = |ids: &[i64]| {
        let figures: String = ids
            .iter()
            .filter_map(|id| files.get(id))
            .map(|f| {
                format!(
                    "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                    masthead_render::escape(&f.url),
                    masthead_render::escape(f.alt.as_deref().unwrap_or("")),
                    masthead_render::escape(f.caption.as_deref().unwrap_or(""))
                )
            })
            .collect();
        format!("<figure class=\"wp-block-gallery\">{figures}</figure>")
    };
    let mut sticky = vec![];
    let total = chosen.len();
    for (i, (p, slug, aliases)) in chosen.into_iter().enumerate() {
        if i % 50 == 0 || i + 1 == total {
            progress(&Progress { stage: "converting", done: i + 1, total });
        }
        let source = source_of(p);
        let kind = if p.post_type == "post" { "article" } else { "page" };
        let entity = format!("{kind}:{slug}");
        let (html, mut notes) = content::to_html(&p.content, &gallery);
        let (body, more) = to_markdown(&html, &**links);
        notes.extend(more);
        for url in links.unknown.borrow_mut().drain(..) {
            let note = if url.contains("/wp-content/uploads/") || url.contains(".files.wordpress.com") {
                format!(
                    "The file {url} could not be imported (see skipped); it is still loaded from the old site, which must stay up for it to show."
                )
            } else {
                format!("The old site's address {url} matches nothing imported; the link still leads there.")
            };
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        if body.len() > MAX_BODY_BYTES {
            report.skip(source, "Its text is larger than Masthead's limit of 2 MB.");
            continue;
        }
        let (status, why) = status_of(p);
        notes.extend(why.map(str::to_string));
        for note in notes {
            report.warn(&source, &entity, note);
        }
        let title = p.title.trim().to_string();
        let title = if title.is_empty() { slug.replace('-', " ") } else { title };
        if p.post_type == "page" {
            let value = Page { title, slug, body, status, ..Default::default() };
            bundle.pages.push(Item { value, source, aliases });
            continue;
        }
        let mut section = None;
        let mut tags = vec![];
        for (domain, nicename, _) in &p.terms {
            match (domain.as_str(), sections.get(nicename)) {
                ("category", Some(s)) if section.is_none() => section = Some(s.clone()),
                ("category", _) if nicename == "uncategorized" => {}
                ("category" | "post_tag", _) => tags.push(masthead_store::slugify(nicename)),
                _ => {}
            }
        }
        tags.dedup();
        let featured = p.meta("_thumbnail_id").and_then(|id| id.parse::<i64>().ok()).and_then(|id| files.get(&id));
        let image = featured.and_then(|f| f.name.as_ref()).map(|n| format!("media:{n}"));
        if featured.is_some() && image.is_none() {
            report.warn(&source, &entity, "Its featured image could not be imported, so it has none.");
        }
        let image_alt = image.as_ref().and(featured.and_then(|f| f.alt.clone()));
        let article = Article {
            title,
            slug: slug.clone(),
            summary: plain(&p.excerpt),
            body,
            section,
            tags,
            author: wxr.authors.get(p.creator.trim()).cloned().or_else(|| Some(p.creator.trim().to_string())),
            status,
            date: date_of(p),
            image,
            image_alt,
            ..Default::default()
        };
        if p.sticky {
            sticky.push((article.date.clone(), slide_of(&article)));
        }
        bundle.articles.push(Item { value: article, source, aliases });
    }
    // Sticky posts lead the home page, newest first, as on WordPress.
    sticky.sort_by(|a, b| b.0.cmp(&a.0));
    for (_, mut slide) in sticky {
        slide.slug = names.slide(&slide.slug);
        bundle.slides.push(slide);
    }
}

/// Whether a post name can stand in a path as it is.
fn validate_plain(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
}

fn slide_of(a: &Article) -> Slide {
    Slide {
        slug: a.slug.clone(),
        headline: a.title.clone(),
        blurb: a.summary.clone().unwrap_or_default(),
        cta: Some("Read more".into()),
        link: Some(format!("article:{}", a.slug)),
        image: a.image.clone(),
        image_alt: a.image_alt.clone(),
        status: a.status,
        ..Default::default()
    }
}
