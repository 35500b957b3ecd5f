//! Markdown (CommonMark + GFM) to HTML, with rich blocks, resolved references, sized images,
//! heading ids and sanitised raw HTML.

use std::ops::Range;

use masthead_store::slugify;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::blocks::{self, Block, missing_alt};
use crate::html::{escape, is_safe_url};
use crate::images::{image_tag, image_view};
use crate::links::Links;
use crate::problem::Problem;
use crate::raw_html::{OpenContainers, fix_tags, page_ids, unique_id, well_formed_url};
use crate::sanitize::{sanitize_block, sanitize_inline};

/// Rendered HTML and what was wrong with the source.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rendered {
    pub html: String,
    pub problems: Vec<Problem>,
}

/// pulldown-cmark's heading attributes (`{#id .class key=value}`) stay off: it escapes values
/// but not names, so `# x {onclick=alert(1)}` would put an event handler on the page, and
/// ordinary text in braces would vanish. Only a trailing `{#id}` is understood, by
/// [`explicit_ids`].
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Whether a link target is one of our references rather than a plain URL.
fn is_reference(url: &str) -> bool {
    url.starts_with("article:") || url.starts_with("page:") || url.starts_with("media:")
}

/// Renders Markdown. In `preview`, blocks that cannot be rendered show a visible warning; in a
/// public build they are left out (and `check` reports them).
pub fn render_markdown(source: &str, links: &Links, preview: bool) -> Rendered {
    let events = explicit_ids(source, Parser::new_ext(source, options()).into_offset_iter());
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut problems = vec![];
    let mut ids = page_ids();
    // HTML containers left open by one raw block for a later one, and the Markdown nesting.
    let mut containers = OpenContainers::default();
    let mut depth = 0;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::CodeBlock)));
                let body: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
                    .collect();
                let name = info.split_whitespace().next().unwrap_or("");
                let inner = |text: &str| {
                    let r = render_markdown(text, links, preview);
                    (r.html, r.problems)
                };
                match blocks::render(name, &body, links, preview, &inner) {
                    Block::Code => out.extend(events[i..=end].iter().cloned()),
                    Block::Html(html, found) => {
                        problems.extend(found);
                        out.push(Event::Html(html.into()));
                    }
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Heading(_))));
                let id = match id {
                    Some(id) => id.to_string(),
                    None => slugify(&plain_text(&events[i + 1..end])),
                };
                let unique = unique_id(&id, &mut ids);
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(unique.into()),
                    classes: vec![],
                    attrs: vec![],
                }));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let url = link_target(dest_url, links, &mut problems);
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: url,
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::Image)));
                let alt = plain_text(&events[i + 1..end]);
                out.push(Event::Html(image(dest_url, &alt, title, links, &mut problems).into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::HtmlBlock) => {
                let end = find_end(&events, i, |e| matches!(e, Event::End(TagEnd::HtmlBlock)));
                let raw: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| if let Event::Html(h) = e { Some(h.as_ref()) } else { None })
                    .collect();
                raw_html_problems(&raw, links, &mut problems);
                let clean = fix_tags(&sanitize_block(&raw), &mut ids);
                out.push(Event::Html(containers.block(&raw, clean, depth).into()));
                i = end + 1;
                continue;
            }
            Event::Html(raw) | Event::InlineHtml(raw) => {
                raw_html_problems(raw, links, &mut problems);
                out.push(Event::InlineHtml(fix_tags(&sanitize_inline(raw), &mut ids).into()))
            }
            Event::Start(tag) if is_container(tag) => {
                depth += 1;
                out.push(events[i].clone());
            }
            Event::End(tag) if is_container_end(tag) => {
                depth -= 1;
                let close = containers.close_deeper(depth);
                if !close.is_empty() {
                    out.push(Event::Html(close.into()));
                }
                out.push(events[i].clone());
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let close = containers.close_deeper(0) + &containers.close_all();
    if !close.is_empty() {
        out.push(Event::Html(close.into()));
    }
    let mut html_out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut html_out, out.into_iter());
    Rendered { html: html_out, problems }
}

/// The events, with a heading's trailing `{#id}` taken out of its text and made its id.
///
/// The `{#id}` must end the heading's text, be preceded by a space (or be all of it), be
/// written as is in the source (not with a backslash escape or an entity), and the id must
/// start with a letter and hold only ASCII letters, digits, `-` and `_`. Anything else in braces
/// is ordinary text.
fn explicit_ids<'a>(source: &str, parsed: impl Iterator<Item = (Event<'a>, Range<usize>)>) -> Vec<Event<'a>> {
    let mut events: Vec<Event<'a>> = Vec::new();
    // The open heading's start, and the trailing run of text events in it (first index, and
    // where it starts and ends in the source).
    let mut heading: Option<usize> = None;
    let mut run: Option<(usize, Range<usize>)> = None;
    for (event, range) in parsed {
        match &event {
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(events.len());
                run = None;
            }
            Event::Text(_) if heading.is_some() => match &mut run {
                Some((_, span)) => span.end = range.end,
                None => run = Some((events.len(), range)),
            },
            Event::End(TagEnd::Heading(_)) => {
                if let (Some(h), Some((first, span))) = (heading.take(), run.take()) {
                    let text: String = events[first..]
                        .iter()
                        .filter_map(|e| if let Event::Text(t) = e { Some(t.as_ref()) } else { None })
                        .collect();
                    if let Some((id, keep)) = trailing_id(&text, source, span) {
                        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[h] {
                            *slot = Some(id.to_string().into());
                        }
                        events.truncate(first);
                        if keep > 0 {
                            events.push(Event::Text(text[..keep].to_string().into()));
                        }
                    }
                }
            }
            _ if heading.is_some() => run = None,
            _ => {}
        }
        events.push(event);
    }
    events
}

/// The id of a trailing `{#id}` in a heading's `text` (which is `source[span]`), and the length
/// of the text before it without trailing spaces.
fn trailing_id<'t>(text: &'t str, source: &str, span: Range<usize>) -> Option<(&'t str, usize)> {
    let text = text.trim_end();
    let open = text.strip_suffix('}')?.rfind("{#")?;
    let id = &text[open + 2..text.len() - 1];
    let mut chars = id.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let before = &text[..open];
    if !valid || !(before.is_empty() || before.ends_with(char::is_whitespace)) {
        return None;
    }
    // Written as is: the source ends with the same characters, the brace not escaped.
    let src = source.get(span.clone())?.trim_end().strip_suffix(&text[open..])?;
    let src_before = &source[..span.start + src.len()];
    if src_before.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1 {
        return None;
    }
    Some((id, before.trim_end().len()))
}

/// Markdown's block containers, in which raw HTML containers must also close.
fn is_container(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::FootnoteDefinition(_) | Tag::Table(_))
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition | TagEnd::Table)
}

/// Index of the first event after `start` matching `is_end` (the end of a container).
fn find_end(events: &[Event<'_>], start: usize, is_end: impl Fn(&Event<'_>) -> bool) -> usize {
    events[start + 1..].iter().position(is_end).map(|p| start + 1 + p).unwrap_or(events.len() - 1)
}

fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        })
        .collect()
}

/// Problems of the images and links written in raw HTML, as for Markdown ones: an image
/// without alt text, and a local address (a reference, a site path, a relative path) that
/// leads nowhere on the site. Web, e-mail and phone addresses are not checked.
fn raw_html_problems(raw: &str, links: &Links, problems: &mut Vec<Problem>) {
    for tag in crate::sanitize::raw_tags(raw) {
        let url = tag.url.as_deref().unwrap_or("");
        if tag.image && tag.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            problems.push(missing_alt(url));
        }
        if let Some(why) = unresolved_local(url, tag.image, links, " written in HTML") {
            problems.push(Problem::error("broken_reference", why));
        }
    }
}

/// Why a local address does not resolve, if it does not. `how` says where it was written
/// (`" written in HTML"`, or nothing for Markdown, whose references are resolved elsewhere).
fn unresolved_local(url: &str, image: bool, links: &Links, how: &str) -> Option<String> {
    let what = if image { "picture" } else { "link" };
    if url.is_empty() {
        return image.then(|| format!("A picture{how} has no address (src); give it one, or remove it."));
    }
    if url.starts_with('#') || url.starts_with("//") || url.starts_with("data:") {
        return None;
    }
    if is_reference(url) && how.is_empty() {
        return None;
    }
    if is_reference(url) {
        return match links.resolve(url) {
            Err(why) => Some(why),
            Ok(_) => Some(format!(
                "The {what} “{url}” is written in HTML, where references are not turned into addresses; write it in Markdown instead."
            )),
        };
    }
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| !s.contains(['/', '?', '#']));
    if scheme.is_some() {
        return None; // a web, e-mail or phone address (ammonia drops other schemes)
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Some(format!(
            "The {what} “{url}”{how} is a relative address, which leads nowhere on the published site; choose the file or page with a media:, article: or page: reference in Markdown."
        ));
    }
    // A site path: the media library, an article or a page; other folders (sections, tags,
    // assets) are not known here and pass.
    if let Some(name) = path.strip_prefix("/media/") {
        return (!links.media.contains_key(name)).then(|| {
            format!("The {what} “{url}”{how} is not in the media library: upload it, or choose another file.")
        });
    }
    let with_slash = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
    let live = |t: &&crate::links::LinkTarget| t.public || links.drafts;
    if links.articles.values().chain(links.pages.values()).filter(live).any(|t| t.url == with_slash) {
        return None;
    }
    // `/section/slug/` where articles live, naming none of them, is broken; other paths pass.
    let segments: Vec<&str> = with_slash.split('/').filter(|s| !s.is_empty()).collect();
    let article_folder = |t: &crate::links::LinkTarget| {
        let parts: Vec<&str> = t.url.split('/').filter(|s| !s.is_empty()).collect();
        parts.len() == 2 && parts[0] == segments[0]
    };
    (segments.len() == 2 && segments[0] != "page" && links.articles.values().any(article_folder))
        .then(|| format!("The {what} “{url}”{how} leads to no published article or page on the site."))
}

fn link_target<'a>(dest: &CowStr<'a>, links: &Links, problems: &mut Vec<Problem>) -> CowStr<'a> {
    if is_reference(dest) {
        match links.resolve(dest) {
            Ok(url) => url.into(),
            Err(why) => {
                problems.push(Problem::error("broken_reference", why));
                "#".into()
            }
        }
    } else if is_safe_url(dest) {
        if let Some(why) = unresolved_local(dest, false, links, "") {
            problems.push(Problem::error("broken_reference", why));
        }
        well_formed_url(dest).into()
    } else {
        problems.push(Problem::warning(
            "unsafe_link",
            format!("The link “{dest}” was removed: only web, e-mail and phone links are allowed."),
        ));
        "#".into()
    }
}

fn image(dest: &str, alt: &str, title: &str, links: &Links, problems: &mut Vec<Problem>) -> String {
    let alt = (!alt.trim().is_empty()).then_some(alt.trim());
    let mut decorative = false;
    let mut view = match links.media_item(dest) {
        Some(media) => {
            decorative = media.decorative;
            image_view(links, media, alt, "(min-width: 48rem) 44rem, 100vw")
        }
        None => {
            let src = if is_reference(dest) {
                match links.resolve(dest) {
                    Ok(url) => url,
                    Err(why) => {
                        problems.push(Problem::error("broken_reference", why));
                        return String::new();
                    }
                }
            } else if is_safe_url(dest) {
                if let Some(why) = unresolved_local(dest, true, links, "") {
                    problems.push(Problem::error("broken_reference", why));
                }
                well_formed_url(dest)
            } else {
                problems.push(Problem::warning("unsafe_link", format!("The image address “{dest}” was removed.")));
                return String::new();
            };
            crate::images::ImageView { src, alt: alt.unwrap_or_default().to_string(), ..Default::default() }
        }
    };
    if view.alt.is_empty() && !decorative {
        problems.push(missing_alt(dest));
    }
    let mut tag = image_tag(&view);
    if !title.is_empty() {
        view.alt = escape(title);
        tag = tag.replacen("<img ", &format!("<img title=\"{}\" ", view.alt), 1);
    }
    tag
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
