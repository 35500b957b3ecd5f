//! Rich blocks: fenced code blocks named `figure`, `download`, `cta`, `video` or `callout`
//! whose body is `key: value` lines. They read well as plain text and render as cards.

use std::collections::BTreeMap;

use crate::html::escape;
use crate::images::{image_tag, image_view};
use crate::links::Links;
use crate::problem::Problem;

/// The names of the blocks Masthead knows.
pub const BLOCKS: [&str; 5] = ["figure", "download", "cta", "video", "callout"];

/// Info strings that are ordinary code, never a misspelt block.
const LANGUAGES: [&str; 24] = [
    "text",
    "txt",
    "plain",
    "sh",
    "bash",
    "shell",
    "console",
    "json",
    "yaml",
    "yml",
    "toml",
    "html",
    "xml",
    "css",
    "js",
    "javascript",
    "ts",
    "typescript",
    "python",
    "py",
    "rust",
    "sql",
    "markdown",
    "md",
];

/// What a fenced code block turned out to be.
pub(crate) enum Block {
    /// Ordinary code: render it as code.
    Code,
    /// A rich block (or a warning in its place) and the problems found.
    Html(String, Vec<Problem>),
}

fn fields(body: &str) -> Result<BTreeMap<String, String>, String> {
    let mut map = BTreeMap::new();
    for (n, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            return Err(format!("line {} is not “key: value”", n + 1));
        };
        let key = key.trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(format!("line {} is not “key: value”", n + 1));
        }
        let value = value.trim();
        let value = if value.len() >= 2 && value.starts_with('"') && value.ends_with('"') {
            serde_json::from_str::<String>(value).unwrap_or_else(|_| value[1..value.len() - 1].to_string())
        } else if value.len() >= 2 && value.starts_with('\'') && value.ends_with('\'') {
            value[1..value.len() - 1].replace("''", "'")
        } else {
            value.to_string()
        };
        if map.insert(key.to_string(), value).is_some() {
            return Err(format!("“{key}” is given twice"));
        }
    }
    Ok(map)
}

/// Whether a code block with this info word and body looks like a block someone meant.
fn looks_like_block(name: &str, body: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase())
        && !LANGUAGES.contains(&name)
        && fields(body).is_ok_and(|f| !f.is_empty())
}

/// Renders Markdown text inside a block (a callout's): its HTML and problems. The Markdown
/// renderer passes itself in, so that this module stays below it.
pub(crate) type Inner<'a> = &'a dyn Fn(&str) -> (String, Vec<Problem>);

/// Renders a fenced code block with the given info word.
pub(crate) fn render(name: &str, body: &str, links: &Links, preview: bool, inner: Inner<'_>) -> Block {
    if !BLOCKS.contains(&name) {
        if !looks_like_block(name, body) {
            return Block::Code;
        }
        let msg = format!("“{name}” is not a block Masthead knows; use one of {}.", BLOCKS.join(", "));
        return warning(Problem::error("unknown_block", msg), preview);
    }
    let f = match fields(body) {
        Ok(f) => f,
        Err(why) => {
            return warning(
                Problem::error("malformed_block", format!("The {name} block is malformed: {why}.")),
                preview,
            );
        }
    };
    let mut problems = vec![];
    let html = match name {
        "figure" => figure(&f, links, &mut problems),
        "download" => download(&f, links, &mut problems),
        "cta" => cta(&f, links, &mut problems),
        "video" => video(&f, &mut problems),
        _ => callout(&f, inner, &mut problems),
    };
    let known: &[&str] = match name {
        "figure" => &["image", "alt", "caption", "credit", "decorative"],
        "download" => &["file", "title", "label"],
        "cta" => &["label", "link", "style"],
        "video" => &["url", "title"],
        _ => &["tone", "text"],
    };
    for key in f.keys().filter(|k| !known.contains(&k.as_str())) {
        problems.push(Problem::warning(
            "unknown_field",
            format!("The {name} block has no field “{key}”; it can have {}.", known.join(", ")),
        ));
    }
    match html {
        Some(html) => Block::Html(html, problems),
        None => {
            let first = problems.first().cloned().expect("a block that renders nothing says why");
            let Block::Html(warning_html, _) = warning(first, preview) else { unreachable!() };
            Block::Html(warning_html, problems)
        }
    }
}

fn warning(problem: Problem, preview: bool) -> Block {
    let html = if preview {
        format!("<div class=\"mh-block-warning\" role=\"note\">Preview only: {}</div>\n", escape(&problem.message))
    } else {
        String::new()
    };
    Block::Html(html, vec![problem])
}

fn required<'a>(
    f: &'a BTreeMap<String, String>,
    block: &str,
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a str> {
    match f.get(key).map(String::as_str).filter(|v| !v.is_empty()) {
        Some(v) => Some(v),
        None => {
            problems.push(Problem::error("malformed_block", format!("The {block} block needs “{key}:”.")));
            None
        }
    }
}

fn resolve(links: &Links, reference: &str, problems: &mut Vec<Problem>) -> Option<String> {
    links.resolve(reference).map_err(|why| problems.push(Problem::error("broken_reference", why))).ok()
}

fn figure(f: &BTreeMap<String, String>, links: &Links, problems: &mut Vec<Problem>) -> Option<String> {
    let image = required(f, "figure", "image", problems)?;
    let decorative = matches!(f.get("decorative").map(String::as_str), Some("true" | "yes"));
    let alt = if decorative { Some("") } else { f.get("alt").map(String::as_str).filter(|a| !a.is_empty()) };
    let img = match links.media_item(image) {
        Some(media) => {
            let view = crate::images::ImageView {
                sizes: "(min-width: 48rem) 44rem, 100vw".into(),
                ..image_view(links, media, alt, "")
            };
            if view.alt.is_empty() && !decorative && !media.decorative {
                problems.push(missing_alt(image));
            }
            image_tag(&view)
        }
        None => {
            let src = resolve(links, image, problems)?;
            if alt.is_none() {
                problems.push(missing_alt(image));
            }
            image_tag(&crate::images::ImageView { src, alt: alt.unwrap_or_default().into(), ..Default::default() })
        }
    };
    let mut caption = f.get("caption").map(|c| escape(c)).unwrap_or_default();
    if let Some(credit) = f.get("credit").filter(|c| !c.is_empty()) {
        caption.push_str(&format!(" <span class=\"mh-credit\">{}</span>", escape(credit)));
    }
    let caption =
        if caption.is_empty() { String::new() } else { format!("<figcaption>{}</figcaption>", caption.trim()) };
    Some(format!("<figure class=\"mh-figure\">{img}{caption}</figure>\n"))
}

pub(crate) fn missing_alt(image: &str) -> Problem {
    Problem::error(
        "missing_alt",
        format!(
            "The image “{image}” has no alt text: describe it for people who cannot see it, or mark it decorative."
        ),
    )
}

/// "1.2 MB", "340 KB".
pub(crate) fn human_size(bytes: i64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1e6)
    } else {
        format!("{} KB", (bytes as f64 / 1e3).ceil().max(1.0) as i64)
    }
}

fn download(f: &BTreeMap<String, String>, links: &Links, problems: &mut Vec<Problem>) -> Option<String> {
    let file = required(f, "download", "file", problems)?;
    let url = resolve(links, file, problems)?;
    let media = links.media_item(file);
    let title = f
        .get("title")
        .cloned()
        .or_else(|| media.and_then(|m| m.title.clone()))
        .or_else(|| media.map(|m| m.name.clone()))
        .unwrap_or_else(|| file.to_string());
    let label = f.get("label").cloned().unwrap_or_else(|| "Download".into());
    let mut meta = vec![];
    if let Some(m) = media {
        meta.push(if m.mime == "application/pdf" {
            "PDF".to_string()
        } else {
            m.mime.rsplit('/').next().unwrap_or("").to_uppercase()
        });
        if let Some(p) = m.pages {
            meta.push(format!("{p} page{}", if p == 1 { "" } else { "s" }));
        }
        meta.push(human_size(m.bytes));
    }
    let cover = match media.and_then(|m| crate::images::cover_view(links, m, "10rem")) {
        Some(view) => image_tag(&view).replace("<picture>", "<picture class=\"mh-download-cover\">").replacen(
            "<img ",
            "<img class=\"mh-download-cover-img\" ",
            1,
        ),
        None => format!(
            "<span class=\"mh-download-cover mh-download-cover-generic\" aria-hidden=\"true\">{}</span>",
            escape(meta.first().map(String::as_str).unwrap_or("FILE"))
        ),
    };
    Some(format!(
        "<aside class=\"mh-download\">{cover}<div><p class=\"mh-download-title\">{title}</p><p class=\"mh-download-meta\">{meta}</p><a class=\"mh-button\" href=\"{url}\" download>{label}</a></div></aside>\n",
        title = escape(&title),
        meta = escape(&meta.join(" · ")),
        url = escape(&url),
        label = escape(&label),
    ))
}

fn cta(f: &BTreeMap<String, String>, links: &Links, problems: &mut Vec<Problem>) -> Option<String> {
    let label = required(f, "cta", "label", problems);
    let link = required(f, "cta", "link", problems);
    let (label, link) = (label?, link?);
    let url = resolve(links, link, problems)?;
    let style = match f.get("style").map(String::as_str) {
        None | Some("primary") => "primary",
        Some("secondary") => "secondary",
        Some(other) => {
            problems.push(Problem::warning(
                "malformed_block",
                format!("The cta style “{other}” is unknown; use primary or secondary."),
            ));
            "primary"
        }
    };
    Some(format!(
        "<p class=\"mh-cta\"><a class=\"mh-button mh-button-{style}\" href=\"{}\">{}</a></p>\n",
        escape(&url),
        escape(label)
    ))
}

/// The embed URL (loaded only after a click) and the public page of a YouTube or Vimeo video.
pub(crate) fn video_urls(url: &str) -> Option<(String, String, &'static str)> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let id_ok = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let youtube = |id: &str| {
        id_ok(id).then(|| {
            (
                format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"),
                format!("https://www.youtube.com/watch?v={id}"),
                "YouTube",
            )
        })
    };
    if let Some(q) = rest.strip_prefix("youtube.com/watch?") {
        let id = q.split('&').find_map(|kv| kv.strip_prefix("v="))?;
        return youtube(id);
    }
    for prefix in ["youtu.be/", "youtube.com/embed/", "youtube.com/shorts/", "youtube-nocookie.com/embed/"] {
        if let Some(id) = rest.strip_prefix(prefix) {
            return youtube(id.split(['?', '&', '/']).next()?);
        }
    }
    if let Some(id) = rest.strip_prefix("vimeo.com/").or_else(|| rest.strip_prefix("player.vimeo.com/video/")) {
        let id = id.split(['?', '/']).next()?;
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
            return Some((
                format!("https://player.vimeo.com/video/{id}?autoplay=1&dnt=1"),
                format!("https://vimeo.com/{id}"),
                "Vimeo",
            ));
        }
    }
    None
}

fn video(f: &BTreeMap<String, String>, problems: &mut Vec<Problem>) -> Option<String> {
    let url = required(f, "video", "url", problems)?;
    let Some((embed, page, host)) = video_urls(url) else {
        problems.push(Problem::error(
            "malformed_block",
            format!("“{url}” is not a YouTube or Vimeo video address; copy the address of the video's page."),
        ));
        return None;
    };
    let title = f.get("title").cloned().unwrap_or_else(|| format!("Video on {host}"));
    Some(format!(
        "<div class=\"mh-video\" data-embed=\"{}\" data-title=\"{t}\"><a class=\"mh-video-poster\" href=\"{}\"><span class=\"mh-video-play\">Play video: {t}</span></a><p class=\"mh-video-note\">Playing loads the video from {host}.</p></div>\n",
        escape(&embed),
        escape(&page),
        t = escape(&title),
    ))
}

fn callout(f: &BTreeMap<String, String>, inner: Inner<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    let text = required(f, "callout", "text", problems)?;
    let tone = match f.get("tone").map(String::as_str) {
        None => "info",
        Some(t @ ("info" | "success" | "warning" | "danger")) => t,
        Some(other) => {
            problems.push(Problem::warning(
                "malformed_block",
                format!("The callout tone “{other}” is unknown; use info, success, warning or danger."),
            ));
            "info"
        }
    };
    let (html, found) = inner(text);
    problems.extend(found);
    Some(format!("<aside class=\"mh-callout mh-callout-{tone}\">{}</aside>\n", html.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_addresses() {
        let (embed, page, _) = video_urls("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3").unwrap();
        assert_eq!(embed, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1");
        assert_eq!(page, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        assert!(video_urls("https://youtu.be/dQw4w9WgXcQ").is_some());
        assert!(video_urls("https://vimeo.com/76979871").unwrap().0.contains("dnt=1"));
        assert!(video_urls("https://evil.example/watch?v=x").is_none());
        assert!(video_urls("https://youtu.be/\"><script>").is_none());
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(1_234_567), "1.2 MB");
        assert_eq!(human_size(9_900), "10 KB");
        assert_eq!(human_size(10), "1 KB");
    }
}
