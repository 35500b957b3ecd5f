//! A post's `content:encoded` as WordPress would show it, in HTML: classic posts get their
//! paragraphs (WordPress adds `<p>` only when it displays a post), shortcodes it knows become
//! the HTML WordPress makes of them, and blocks made only when a page is shown are noted.

/// The HTML of a post's content, and notes on what did not come along.
pub(crate) fn to_html(content: &str, gallery: &dyn Fn(&[i64]) -> String) -> (String, Vec<String>) {
    let mut notes = vec![];
    let gutenberg = content.contains("<!-- wp:");
    if gutenberg {
        dynamic_blocks(content, &mut notes);
    }
    let expanded = shortcodes(content, gallery, &mut notes);
    let html = if gutenberg { expanded } else { autop(&expanded) };
    (html, notes)
}

/// Notes each block that WordPress renders on the fly (`<!-- wp:latest-posts /-->`): the export
/// holds nothing of it.
fn dynamic_blocks(content: &str, notes: &mut Vec<String>) {
    let mut rest = content;
    while let Some(i) = rest.find("<!-- wp:") {
        rest = &rest[i + 8..];
        let Some(end) = rest.find("-->") else { break };
        let tag = &rest[..end];
        let name = tag.split_whitespace().next().unwrap_or("").trim_end_matches('/');
        if tag.trim_end().ends_with('/') && !matches!(name, "more" | "nextpage" | "separator" | "spacer") {
            let note = format!(
                "The WordPress block wp:{name} is made by WordPress each time the page is shown; the export holds nothing of it, so nothing stands in its place."
            );
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        rest = &rest[end..];
    }
}

const BLOCK_TAGS: [&str; 22] = [
    "<p",
    "<div",
    "<h1",
    "<h2",
    "<h3",
    "<h4",
    "<h5",
    "<h6",
    "<ul",
    "<ol",
    "<table",
    "<blockquote",
    "<figure",
    "<pre",
    "<hr",
    "<!--",
    "<iframe",
    "<script",
    "<style",
    "<form",
    "<dl",
    "<section",
];

/// WordPress's `wpautop`, simplified: blank lines separate paragraphs, single newlines inside
/// a paragraph are line breaks, and a line holding only a video address is an embed.
fn autop(html: &str) -> String {
    let text = html.replace("\r\n", "\n");
    let mut out = String::new();
    for chunk in text.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let lower = chunk.to_ascii_lowercase();
        if BLOCK_TAGS.iter().any(|t| lower.starts_with(t)) {
            out.push_str(chunk);
        } else if is_video(chunk) {
            out.push_str(&embed(chunk));
        } else {
            out.push_str(&format!("<p>{}</p>", chunk.replace('\n', "<br>\n")));
        }
        out.push('\n');
    }
    out
}

fn is_video(text: &str) -> bool {
    !text.contains(char::is_whitespace)
        && text.starts_with("http")
        && (text.contains("youtube.com/") || text.contains("youtu.be/") || text.contains("vimeo.com/"))
}

fn embed(url: &str) -> String {
    format!(
        "<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">{}</div></figure>",
        masthead_render::escape(url.trim())
    )
}

/// One shortcode: its name, attributes and enclosed content.
struct Code<'a> {
    name: &'a str,
    attrs: Vec<(String, String)>,
    inner: Option<&'a str>,
}

impl Code<'_> {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// Parses `[name a="b" c=d e]` at the start of `s`: the shortcode and its length.
fn parse(s: &str) -> Option<(Code<'_>, usize)> {
    let body = &s[1..];
    let name_len = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let name = &body[..name_len];
    if name.len() < 2 || !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    let close = body.find(']')?;
    let head = &body[name_len..close];
    if head.contains('\n') || head.contains('[') || !(head.is_empty() || head.starts_with([' ', '='])) {
        return None;
    }
    let attrs = attributes(head.trim_start_matches('='));
    let mut len = 1 + close + 1;
    let ending = format!("[/{name}]");
    let inner = if head.ends_with('/') {
        None
    } else if let Some(end) = s[len..].find(&ending) {
        let inner = &s[len..len + end];
        len += end + ending.len();
        Some(inner)
    } else {
        None
    };
    Some((Code { name, attrs, inner }, len))
}

fn attributes(head: &str) -> Vec<(String, String)> {
    let mut out = vec![];
    let mut rest = head.trim().trim_end_matches('/').trim();
    while !rest.is_empty() {
        let key_end = rest.find(['=', ' ']).unwrap_or(rest.len());
        let key = rest[..key_end].to_string();
        rest = &rest[key_end..];
        if let Some(r) = rest.strip_prefix('=') {
            let (value, after) = match r.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = r[1..].find(q).map(|e| e + 1).unwrap_or(r.len());
                    (r[1..end].to_string(), r.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = r.find(' ').unwrap_or(r.len());
                    (r[..end].to_string(), &r[end..])
                }
            };
            out.push((key, value));
            rest = after.trim_start();
        } else {
            out.push((String::new(), key));
            rest = rest.trim_start();
        }
    }
    out
}

fn shortcodes(text: &str, gallery: &dyn Fn(&[i64]) -> String, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some((code, len)) = parse(rest) else {
            out.push('[');
            rest = &rest[1..];
            continue;
        };
        match expand(&code, gallery) {
            Some(html) => out.push_str(&html),
            None => {
                out.push_str(&rest[..len]);
                let note = format!(
                    "The shortcode [{}] has no Masthead equivalent; it was kept as text for you to replace.",
                    code.name
                );
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

fn expand(code: &Code<'_>, gallery: &dyn Fn(&[i64]) -> String) -> Option<String> {
    let bare = || code.attrs.iter().find(|(k, _)| k.is_empty() || k == "url" || k == "src").map(|(_, v)| v.clone());
    match code.name {
        "caption" | "wp_caption" => {
            let inner = code.inner?;
            // The picture (maybe inside a link) comes first, the caption text after it.
            let split = match (inner.find("<img"), inner.find("</a>")) {
                (Some(img), Some(a)) if a > img => a + 4,
                (Some(img), _) => img + inner[img..].find('>')? + 1,
                _ => return None,
            };
            let caption = code.attr("caption").map(str::to_string).unwrap_or_else(|| inner[split..].trim().to_string());
            Some(format!("<figure>{}<figcaption>{caption}</figcaption></figure>\n\n", &inner[..split]))
        }
        "gallery" => {
            let ids: Vec<i64> =
                code.attr("ids").unwrap_or("").split(',').filter_map(|i| i.trim().parse().ok()).collect();
            (!ids.is_empty()).then(|| format!("\n\n{}\n\n", gallery(&ids)))
        }
        "embed" => code.inner.map(|u| format!("\n\n{}\n\n", embed(u))),
        "youtube" | "vimeo" => {
            let url = code.inner.map(str::to_string).or_else(bare)?;
            let url = if url.starts_with("http") || code.name == "youtube" {
                url
            } else {
                format!("https://vimeo.com/{url}")
            };
            Some(format!("\n\n{}\n\n", embed(&url)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(s: &str) -> (String, Vec<String>) {
        to_html(s, &|ids| format!("<gallery {ids:?}>"))
    }

    #[test]
    fn classic_posts_get_paragraphs_and_captions() {
        let (h, notes) = html(
            "Hello\nworld\n\n[caption id=\"a\" width=\"300\"]<a href=\"x\"><img src=\"a.jpg\" alt=\"A\"></a> The caption[/caption]\n\nhttps://youtu.be/abc\n\n[contact-form-7 id=\"3\"]",
        );
        assert!(h.contains("<p>Hello<br>\nworld</p>"), "{h}");
        assert!(
            h.contains(
                "<figure><a href=\"x\"><img src=\"a.jpg\" alt=\"A\"></a><figcaption>The caption</figcaption></figure>"
            ),
            "{h}"
        );
        assert!(h.contains("wp-block-embed__wrapper\">https://youtu.be/abc<"), "{h}");
        assert!(h.contains("[contact-form-7 id=\"3\"]"), "{h}");
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn galleries_embeds_and_dynamic_blocks() {
        let (h, _) = html("[gallery ids=\"4, 5\"]\n\n[embed]https://vimeo.com/1[/embed]");
        assert!(h.contains("<gallery [4, 5]>") && h.contains("https://vimeo.com/1"), "{h}");
        let (h, notes) = html(
            "<!-- wp:paragraph --><p>[1] is a footnote</p><!-- /wp:paragraph --><!-- wp:latest-posts {\"x\":1} /-->",
        );
        assert!(h.contains("[1] is a footnote") && !h.contains("<p><p>"), "{h}");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("wp:latest-posts"));
    }
}
