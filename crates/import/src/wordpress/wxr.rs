//! Reading a WordPress export (WXR 1.1/1.2) as a stream of XML events: the whole file is never
//! held as a tree, a DOCTYPE (the door to entity expansion and external entities) is refused
//! before anything is read, and no single field may grow past a limit.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::{ImportError, Result};
use crate::html::text_of;

/// A field longer than this is cut, and its item skipped (a body is at most 2 MB anyway).
const MAX_FIELD: usize = 4 * 1024 * 1024;

/// A category or tag of the export.
#[derive(Clone, Debug, Default)]
pub(crate) struct Term {
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) parent: String,
}

/// An `<item>`: a post, page, attachment, menu item or anything else WordPress stores as a post.
#[derive(Clone, Debug, Default)]
pub(crate) struct Post {
    pub(crate) id: i64,
    pub(crate) title: String,
    pub(crate) link: String,
    pub(crate) guid: String,
    pub(crate) creator: String,
    pub(crate) content: String,
    pub(crate) excerpt: String,
    pub(crate) date: String,
    pub(crate) date_gmt: String,
    pub(crate) name: String,
    pub(crate) status: String,
    pub(crate) parent: i64,
    pub(crate) menu_order: i64,
    pub(crate) post_type: String,
    pub(crate) password: String,
    pub(crate) sticky: bool,
    pub(crate) attachment_url: String,
    /// `(domain, nicename, name)` of each `<category>`.
    pub(crate) terms: Vec<(String, String, String)>,
    pub(crate) meta: HashMap<String, String>,
    pub(crate) comments: usize,
    /// A field was longer than [`MAX_FIELD`].
    pub(crate) too_big: bool,
}

impl Post {
    pub(crate) fn meta(&self, key: &str) -> Option<&str> {
        self.meta.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// The export.
#[derive(Debug, Default)]
pub(crate) struct Wxr {
    /// The site's address (`<channel><link>`).
    pub(crate) link: String,
    pub(crate) base_site_url: String,
    /// Author login → display name.
    pub(crate) authors: HashMap<String, String>,
    pub(crate) categories: Vec<Term>,
    pub(crate) items: Vec<Post>,
}

fn bad(why: impl std::fmt::Display) -> ImportError {
    ImportError::Source(format!("This is not a WordPress export Masthead can read: {why}."))
}

/// Reads an export.
pub(crate) fn parse(input: impl BufRead) -> Result<Wxr> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().expand_empty_elements = true;
    let mut wxr = Wxr::default();
    let mut buf = Vec::new();
    let mut path: Vec<String> = vec![];
    let mut text = String::new();
    let mut post: Option<Post> = None;
    let mut term = Term::default();
    let mut author = (String::new(), String::new());
    let mut meta = (String::new(), String::new());
    let mut category: Option<(String, String)> = None;
    let mut saw_rss = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| bad(format_args!("the XML is damaged near byte {} ({e})", reader.buffer_position())))?;
        match event {
            Event::DocType(_) => {
                return Err(ImportError::Source(
                    "This export declares a DOCTYPE, which WordPress never writes; it is refused because a DOCTYPE can \
                     define entities that expand without end or read other files."
                        .into(),
                ));
            }
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                saw_rss |= name == "rss";
                if name == "item" && path.last().is_some_and(|p| p == "channel") {
                    post = Some(Post::default());
                } else if name == "category" && post.is_some() && path.last().is_some_and(|p| p == "item") {
                    let attr = |k: &str| -> Result<String> {
                        Ok(match e.try_get_attribute(k).map_err(bad)? {
                            Some(a) => {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(bad)?.into_owned()
                            }
                            None => String::new(),
                        })
                    };
                    category = Some((attr("domain")?, attr("nicename")?));
                } else if name == "wp:comment"
                    && let Some(p) = &mut post
                {
                    p.comments += 1;
                }
                path.push(name);
                text.clear();
            }
            Event::Text(t) => push(&mut text, &t.xml10_content(), &mut post),
            Event::CData(t) => push(&mut text, &t.xml10_content(), &mut post),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(bad)? {
                    Some(c) => c.to_string(),
                    None => match &*r {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => return Err(bad(format_args!("it uses an undefined entity &{other};"))),
                    },
                };
                push(&mut text, &c, &mut post);
            }
            Event::End(_) => {
                let Some(name) = path.pop() else { continue };
                let value = std::mem::take(&mut text);
                let parent = path.last().map(String::as_str).unwrap_or("");
                let in_comment = path.iter().any(|p| p == "wp:comment");
                match (&mut post, parent, name.as_str()) {
                    (_, "channel", "item") => wxr.items.extend(post.take()),
                    (Some(p), "item", field) => set_field(p, field, value, &mut category, &mut meta),
                    (Some(_), "wp:postmeta", "wp:meta_key") if !in_comment => meta.0 = value,
                    (Some(_), "wp:postmeta", "wp:meta_value") if !in_comment => meta.1 = value,
                    (None, "channel", "link") => wxr.link = value,
                    (None, "channel", "wp:base_site_url") => wxr.base_site_url = value,
                    (None, "wp:author", "wp:author_login") => author.0 = value,
                    (None, "wp:author", "wp:author_display_name") => author.1 = value,
                    (None, "channel", "wp:author") => {
                        let (login, display) = std::mem::take(&mut author);
                        wxr.authors.insert(login, display);
                    }
                    (None, "wp:category", "wp:category_nicename") => term.slug = value,
                    (None, "wp:category", "wp:cat_name") => term.name = value,
                    (None, "wp:category", "wp:category_parent") => term.parent = value,
                    (None, "channel", "wp:category") => wxr.categories.push(std::mem::take(&mut term)),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_rss {
        return Err(bad("it has no <rss> element; export the site from Tools → Export in WordPress"));
    }
    for p in &mut wxr.items {
        p.title = text_of(&p.title);
        for t in &mut p.terms {
            t.2 = text_of(&t.2);
        }
    }
    for t in &mut wxr.categories {
        t.name = text_of(&t.name);
    }
    for name in wxr.authors.values_mut() {
        *name = text_of(name);
    }
    Ok(wxr)
}

fn push(text: &mut String, more: &str, post: &mut Option<Post>) {
    if text.len() + more.len() > MAX_FIELD {
        if let Some(p) = post {
            p.too_big = true;
        }
        return;
    }
    text.push_str(more);
}

fn set_field(
    p: &mut Post,
    field: &str,
    value: String,
    category: &mut Option<(String, String)>,
    meta: &mut (String, String),
) {
    let int = |v: &str| v.trim().parse::<i64>().unwrap_or(0);
    match field {
        "title" => p.title = value,
        "link" => p.link = value.trim().to_string(),
        "guid" => p.guid = value.trim().to_string(),
        "dc:creator" => p.creator = value,
        "content:encoded" => p.content = value,
        "excerpt:encoded" => p.excerpt = value,
        "wp:post_id" => p.id = int(&value),
        "wp:post_date" => p.date = value,
        "wp:post_date_gmt" => p.date_gmt = value,
        "wp:post_name" => p.name = value.trim().to_string(),
        "wp:status" => p.status = value.trim().to_string(),
        "wp:post_parent" => p.parent = int(&value),
        "wp:menu_order" => p.menu_order = int(&value),
        "wp:post_type" => p.post_type = value.trim().to_string(),
        "wp:post_password" => p.password = value,
        "wp:is_sticky" => p.sticky = value.trim() == "1",
        "wp:attachment_url" => p.attachment_url = value.trim().to_string(),
        "category" => {
            if let Some((domain, nicename)) = category.take() {
                p.terms.push((domain, nicename, value));
            }
        }
        "wp:postmeta" => {
            let (k, v) = std::mem::take(meta);
            p.meta.insert(k, v);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Wxr> {
        parse(s.as_bytes())
    }

    #[test]
    fn reads_items_terms_and_meta() {
        let wxr = parse_str(
            r#"<?xml version="1.0" encoding="UTF-8"?><rss><channel><link>https://ngo.example</link>
            <wp:author><wp:author_login>ann</wp:author_login><wp:author_display_name><![CDATA[Ann B]]></wp:author_display_name></wp:author>
            <item><title>Caf&#233; &amp; more</title><wp:post_id>7</wp:post_id><category domain="post_tag" nicename="t"><![CDATA[T]]></category>
            <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta>
            <wp:comment><wp:comment_id>1</wp:comment_id><wp:commentmeta><wp:meta_key>x</wp:meta_key></wp:commentmeta></wp:comment>
            </item></channel></rss>"#,
        )
        .unwrap();
        let p = &wxr.items[0];
        assert_eq!((p.id, p.title.as_str(), p.comments), (7, "Café & more", 1));
        assert_eq!(p.terms, vec![("post_tag".into(), "t".into(), "T".into())]);
        assert_eq!(p.meta("_thumbnail_id"), Some("9"));
        assert_eq!(wxr.authors["ann"], "Ann B");
    }

    #[test]
    fn doctypes_and_unknown_entities_are_refused() {
        let bomb =
            r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><rss>&lol2;</rss>"#;
        assert!(parse_str(bomb).unwrap_err().to_string().contains("DOCTYPE"));
        let err = parse_str("<rss><channel><title>&xxe;</title></channel></rss>").unwrap_err().to_string();
        assert!(err.contains("undefined entity"), "{err}");
        assert!(parse(&b"<rss>\xff\xfe</rss>"[..]).is_err());
        assert!(parse_str("<html></html>").unwrap_err().to_string().contains("no <rss>"));
    }
}
