//! HTML → Markdown with Masthead's blocks, over an html5ever DOM (dom_query). What has a
//! Markdown or block equivalent becomes it; what has none is kept as HTML cleaned by the
//! renderer's own sanitiser, and said in a note; scripts, styles and forms are removed.

mod dom;

use dom_query::{Document, NodeRef};

pub(crate) use dom::text_of;
use dom::{INLINE, REMOVED, TRANSPARENT, attr, has_blocks, name, sel, trim_breaks};

use crate::markdown::{block, escape, fence};

/// How links and images of the source map to the new site.
pub(crate) trait Resolve {
    /// A link's new target: a reference, a site path or a URL; `None` for what must not be a
    /// link (`javascript:` and the like).
    fn link(&self, url: &str) -> Option<String>;
    /// An image's new source and the alt text its library item has, if any.
    fn image(&self, url: &str) -> Option<(String, Option<String>)>;
    /// Whether a target is a downloadable file (a `media:` PDF) rather than a page.
    fn is_download(&self, target: &str) -> bool {
        target.starts_with("media:") && target.ends_with(".pdf")
    }
}

/// The Markdown of `html`, and notes on what could not be carried over as it was.
pub(crate) fn to_markdown(html: &str, r: &dyn Resolve) -> (String, Vec<String>) {
    let doc = Document::fragment(html);
    let mut c = Converter { r, notes: vec![] };
    let mut out = vec![];
    c.blocks(&doc.root(), &mut out);
    let md = out.into_iter().map(|b| b.trim_end().to_string()).filter(|b| !b.is_empty()).collect::<Vec<_>>();
    let mut notes = c.notes;
    notes.dedup();
    (md.join("\n\n"), notes)
}

struct Converter<'r> {
    r: &'r dyn Resolve,
    notes: Vec<String>,
}

impl Converter<'_> {
    fn note(&mut self, message: String) {
        if !self.notes.contains(&message) {
            self.notes.push(message);
        }
    }

    /// Converts the children of a block container, gathering inline runs into paragraphs.
    fn blocks(&mut self, parent: &NodeRef<'_>, out: &mut Vec<String>) {
        let mut run = String::new();
        for child in parent.children() {
            let n = name(&child);
            if child.is_text() || (child.is_element() && INLINE.contains(&n.as_str()) && n != "img") {
                if child.is_element() && n == "span" && has_blocks(&child) {
                    self.flush(&mut run, out);
                    self.blocks(&child, out);
                } else {
                    run.push_str(&self.inline(&child));
                }
            } else if child.is_element() {
                self.flush(&mut run, out);
                self.block(&child, &n, out);
            }
        }
        self.flush(&mut run, out);
    }

    fn flush(&mut self, run: &mut String, out: &mut Vec<String>) {
        let text = std::mem::take(run);
        let text = trim_breaks(&text);
        if text.is_empty() {
            return;
        }
        out.push(text.lines().map(str::trim).collect::<Vec<_>>().join("\n"));
    }

    fn block(&mut self, el: &NodeRef<'_>, n: &str, out: &mut Vec<String>) {
        let class = el.class().map(|c| c.to_string()).unwrap_or_default();
        match n {
            "p" => {
                if let Some(b) = self.lone_media(el) {
                    out.push(b);
                } else {
                    let text = self.inline_children(el);
                    self.flush(&mut text.clone(), out);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = n[1..].parse::<usize>().unwrap_or(2);
                let text = self.inline_children(el).replace('\n', " ");
                if !text.trim().is_empty() {
                    out.push(format!("{} {}", "#".repeat(level), text.trim()));
                }
            }
            "ul" | "ol" => out.push(self.list(el, n == "ol")),
            "blockquote" => out.push(self.quote(el)),
            "pre" => {
                let lang = el
                    .descendants()
                    .iter()
                    .chain(std::iter::once(el))
                    .filter_map(|d| d.class())
                    .flat_map(|c| c.split_whitespace().map(str::to_string).collect::<Vec<_>>())
                    .find_map(|c| c.strip_prefix("language-").map(str::to_string))
                    .unwrap_or_default();
                out.push(fence(&lang, el.text().trim_end_matches('\n')));
            }
            "hr" => out.push("---".into()),
            "img" => out.extend(self.figure(el, None)),
            "table" => out.push(self.table(el)),
            "figure" => self.figure_block(el, &class, out),
            "iframe" => out.push(self.iframe(el)),
            "br" => {}
            _ if class.contains("wp-block-button") && !class.contains("wp-block-buttons") => {
                out.extend(sel(el, "a").first().and_then(|a| self.cta(a)));
            }
            _ if class.contains("wp-block-file") => match sel(el, "a").first() {
                Some(a) => out.push(self.link_block(a)),
                None => self.blocks(el, out),
            },
            _ if REMOVED.contains(&n) => {
                self.note(format!("A <{n}> element was removed: a published page cannot run it."))
            }
            _ if TRANSPARENT.contains(&n) => self.blocks(el, out),
            _ => {
                let html = masthead_render::sanitize_block(&el.html());
                self.note(format!("A <{n}> element has no Markdown equivalent; it was kept as HTML (cleaned)."));
                out.push(html.trim().to_string());
            }
        }
    }

    /// A paragraph holding only an image (maybe linked) or only a link to a file.
    fn lone_media(&mut self, el: &NodeRef<'_>) -> Option<String> {
        let kids: Vec<NodeRef<'_>> =
            el.children().into_iter().filter(|c| !(c.is_text() && c.text().trim().is_empty())).collect();
        let [only] = kids.as_slice() else { return None };
        match name(only).as_str() {
            "img" => self.figure(only, None),
            "a" => {
                let inner: Vec<NodeRef<'_>> =
                    only.children().into_iter().filter(|c| !(c.is_text() && c.text().trim().is_empty())).collect();
                if let [img] = inner.as_slice()
                    && name(img) == "img"
                {
                    return self.figure(img, None);
                }
                let target = self.r.link(&attr(only, "href")?)?;
                self.r.is_download(&target).then(|| self.link_block(only))
            }
            _ => None,
        }
    }

    fn figure_block(&mut self, el: &NodeRef<'_>, class: &str, out: &mut Vec<String>) {
        let caption = sel(el, "figcaption").first().map(|c| self.inline_children(c).trim().to_string());
        if class.contains("wp-block-embed") || class.contains("is-type-video") {
            let url = sel(el, "iframe").first().and_then(|f| attr(f, "src")).unwrap_or_else(|| {
                sel(el, ".wp-block-embed__wrapper").first().map(|w| w.text().trim().to_string()).unwrap_or_default()
            });
            out.push(self.video(&url, caption.as_deref()));
        } else if class.contains("wp-block-pullquote") || !sel(el, "blockquote").is_empty() {
            match sel(el, "blockquote").first() {
                Some(q) => out.push(self.quote(q)),
                None => self.blocks(el, out),
            }
        } else if let Some(t) = sel(el, "table").first() {
            out.push(self.table(t));
            out.extend(caption.filter(|c| !c.is_empty()).map(|c| format!("*{c}*")));
        } else {
            let images = sel(el, "img");
            if images.is_empty() {
                return self.blocks(el, out);
            }
            let nested = !sel(el, "figure figure").is_empty();
            for img in &images {
                // A gallery: each image has its own caption, in its own figure.
                let own = if nested {
                    img.ancestors_it(Some(3))
                        .find(|a| name(a) == "figure")
                        .and_then(|f| sel(&f, "figcaption").first().map(|c| self.inline_children(c).trim().to_string()))
                } else if images.len() == 1 {
                    caption.clone()
                } else {
                    None
                };
                out.extend(self.figure(img, own.as_deref()));
            }
        }
    }

    fn figure(&mut self, img: &NodeRef<'_>, caption: Option<&str>) -> Option<String> {
        let src = attr(img, "src")?;
        let Some((image, library_alt)) = self.r.image(&src) else {
            self.note(format!("An image with the address {src} was left out: it is not an image address."));
            return None;
        };
        let alt = img.attr("alt").map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).or(library_alt);
        let mut fields = vec![("image", image)];
        fields.extend(alt.map(|a| ("alt", a)));
        fields.extend(caption.filter(|c| !c.is_empty()).map(|c| ("caption", c.to_string())));
        Some(block("figure", &fields))
    }

    fn video(&mut self, url: &str, title: Option<&str>) -> String {
        if url.contains("youtu") || url.contains("vimeo.com") {
            let mut fields = vec![("url", url.replace("youtube-nocookie.com", "youtube.com"))];
            fields.extend(title.filter(|t| !t.is_empty()).map(|t| ("title", t.to_string())));
            return block("video", &fields);
        }
        self.note(format!("An embed of {url} has no Masthead equivalent; it is a plain link now."));
        match self.r.link(url) {
            Some(target) => format!("[{}]({target})", escape(url)),
            None => escape(url),
        }
    }

    fn iframe(&mut self, el: &NodeRef<'_>) -> String {
        let src = attr(el, "src").unwrap_or_default();
        if src.contains("youtu") || src.contains("vimeo.com") {
            return self.video(&src, attr(el, "title").as_deref());
        }
        self.note(format!("An embedded frame ({src}) has no Masthead equivalent; it is a plain link now."));
        match self.r.link(&src) {
            Some(target) => format!("[{}]({target})", escape(&src)),
            None => String::new(),
        }
    }

    fn cta(&mut self, a: &NodeRef<'_>) -> Option<String> {
        let link = self.r.link(&attr(a, "href")?)?;
        let label = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
        Some(block("cta", &[("label", label), ("link", link)]))
    }

    /// A link on its own: a download card for a file, a button otherwise.
    fn link_block(&mut self, a: &NodeRef<'_>) -> String {
        let href = attr(a, "href").unwrap_or_default();
        let label = a.text().split_whitespace().collect::<Vec<_>>().join(" ");
        match self.r.link(&href) {
            Some(t) if self.r.is_download(&t) => {
                let mut fields = vec![("file", t)];
                fields.extend((!label.is_empty() && label != "Download").then(|| ("title", label.clone())));
                block("download", &fields)
            }
            Some(t) => format!("[{}]({t})", escape(&label)),
            None => escape(&label),
        }
    }

    fn quote(&mut self, q: &NodeRef<'_>) -> String {
        let cite = sel(q, "cite").first().map(|c| c.text().trim().to_string()).filter(|c| !c.is_empty());
        for c in sel(q, "cite") {
            c.remove_from_parent();
        }
        let mut inner = vec![];
        self.blocks(q, &mut inner);
        inner.extend(cite.map(|c| format!("— {}", escape(&c))));
        let text = inner.join("\n\n");
        text.lines()
            .map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn list(&mut self, el: &NodeRef<'_>, ordered: bool) -> String {
        let mut lines = vec![];
        let start = attr(el, "start").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1);
        for (i, li) in el.element_children().iter().filter(|c| name(c) == "li").enumerate() {
            let marker = if ordered { format!("{}. ", start + i) } else { "- ".into() };
            let pad = " ".repeat(marker.len());
            let mut text = String::new();
            let mut nested = vec![];
            for child in li.children() {
                let n = name(&child);
                if n == "ul" || n == "ol" {
                    nested.push(self.list(&child, n == "ol"));
                } else if child.is_element() && !INLINE.contains(&n.as_str()) {
                    let mut inner = vec![];
                    self.block(&child, &n, &mut inner);
                    text.push_str(&inner.join(" "));
                } else {
                    text.push_str(&self.inline(&child));
                }
            }
            let text = trim_breaks(&text).replace("\\\n", " ").split_whitespace().collect::<Vec<_>>().join(" ");
            lines.push(format!("{marker}{text}"));
            for n in nested {
                lines.extend(n.lines().map(|l| format!("{pad}{l}")));
            }
        }
        lines.join("\n")
    }

    fn table(&mut self, t: &NodeRef<'_>) -> String {
        let rows = sel(t, "tr");
        let complex = !sel(t, "td[colspan], th[colspan], td[rowspan], th[rowspan], td table, td ul, td ol").is_empty();
        if rows.is_empty() || complex {
            self.note("A table with merged cells or lists in cells was kept as HTML (cleaned).".into());
            return masthead_render::sanitize_block(&t.html()).trim().to_string();
        }
        let cells = |c: &mut Self, row: &NodeRef<'_>| -> Vec<String> {
            row.element_children()
                .iter()
                .filter(|x| matches!(name(x).as_str(), "td" | "th"))
                .map(|x| c.inline_children(x).replace('\n', " ").trim().to_string())
                .collect()
        };
        let mut grid: Vec<Vec<String>> = rows.iter().map(|r| cells(self, r)).collect();
        let width = grid.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for row in &mut grid {
            row.resize(width, String::new());
        }
        let line = |r: &[String]| format!("| {} |", r.join(" | "));
        let mut out = vec![line(&grid[0]), format!("|{}", " --- |".repeat(width))];
        out.extend(grid[1..].iter().map(|r| line(r)));
        out.join("\n")
    }

    fn inline_children(&mut self, el: &NodeRef<'_>) -> String {
        el.children().iter().map(|c| self.inline(c)).collect::<String>()
    }

    fn inline(&mut self, node: &NodeRef<'_>) -> String {
        if node.is_text() {
            let text = node.text();
            let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let lead = if text.starts_with(char::is_whitespace) && !collapsed.is_empty() { " " } else { "" };
            let trail = if text.ends_with(char::is_whitespace) { " " } else { "" };
            return if collapsed.is_empty() {
                trail.to_string()
            } else {
                format!("{lead}{}{trail}", escape(&collapsed))
            };
        }
        if !node.is_element() {
            return String::new();
        }
        let n = name(node);
        let inner = |c: &mut Self| c.inline_children(node);
        let wrap = |s: String, mark: &str| {
            let t = s.trim();
            if t.is_empty() { s } else { format!("{mark}{t}{mark}") }
        };
        match n.as_str() {
            "strong" | "b" => wrap(inner(self), "**"),
            "em" | "i" | "cite" => wrap(inner(self), "*"),
            "del" | "s" | "strike" => wrap(inner(self), "~~"),
            "code" | "tt" | "kbd" => {
                let t = node.text().to_string();
                let ticks = if t.contains('`') { "``" } else { "`" };
                format!("{ticks}{t}{ticks}")
            }
            "br" => "\\\n".into(),
            "img" => match attr(node, "src").and_then(|s| self.r.image(&s)) {
                Some((src, lib_alt)) => {
                    let alt = attr(node, "alt").or(lib_alt).unwrap_or_default();
                    format!("![{}]({src})", escape(&alt))
                }
                None => String::new(),
            },
            "a" => {
                let text = inner(self);
                match attr(node, "href") {
                    Some(href) => match self.r.link(&href) {
                        Some(t) if !text.trim().is_empty() => format!("[{}]({t})", text.trim()),
                        Some(_) => text,
                        None => {
                            self.note(format!(
                                "A link to “{href}” was removed (only web, mail and site links are kept)."
                            ));
                            text
                        }
                    },
                    None => text,
                }
            }
            "sup" | "sub" | "mark" | "u" | "small" | "abbr" => format!("<{n}>{}</{n}>", inner(self)),
            _ if REMOVED.contains(&n.as_str()) => {
                self.note(format!("A <{n}> element was removed: a published page cannot run it."));
                String::new()
            }
            _ => inner(self),
        }
    }
}

#[cfg(test)]
mod tests;
