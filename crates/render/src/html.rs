//! Small HTML helpers.

/// Escapes text for HTML content and attribute values, and for XML (the feeds and sitemap are
/// rendered with it). Characters XML 1.0 forbids are dropped: C0 controls other than tab, line
/// feed and carriage return (which XML allows and normalises), and U+FFFE/U+FFFF; one of them
/// in a title would make a feed unreadable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`], onto the end of `out`.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    // Most text has nothing to escape (a sitemap escapes tens of thousands of addresses).
    let plain = |b: &u8| *b >= 0x20 && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF);
    if text.as_bytes().iter().all(plain) {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// JSON to print inside a `<script>` element (JSON-LD): `<`, `>` and `&` are written as
/// `\u003c`, `\u003e` and `\u0026`, so that no `</script>`, `<!--` or `<script` can end or
/// swallow the element, and U+2028/U+2029 as `\u2028`/`\u2029`. The result is the same JSON.
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Whether a plain (non-reference) link target is safe to put in an `href`: relative, or
/// http(s), mailto or tel. Anything else (`javascript:`, `data:` …) is not.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a slash, `?` or `#` is part of a relative URL, not a scheme.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            ["http", "https", "mailto", "tel"].contains(&&lower[..colon])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_judges_urls() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
        for ok in ["/news/", "#top", "https://x.org", "mailto:a@b.c", "page.html", "/a:b", "?q=a:b"] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", "vbscript:x"] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn escaping_drops_characters_xml_forbids() {
        assert_eq!(escape("a\u{0}b\u{1}c\u{8}d\u{b}e\u{c}f\u{1b}g\u{1f}h\u{fffe}\u{ffff}"), "abcdefgh");
        assert_eq!(escape("tab\tline\nreturn\r\u{7f}é"), "tab\tline\nreturn\r\u{7f}é");
        // (Text with nothing to escape is copied whole; these look plain but for one character.)
        assert_eq!(escape("news/a-\u{fffe}b/"), "news/a-b/");
        assert_eq!(escape("news/été-\u{ff01}\u{feff}/"), "news/été-\u{ff01}\u{feff}/");
        assert_eq!(escape("news/a'b/"), "news/a&#39;b/");
        let feed = format!("<t>{}</t>", escape("Title\u{1}\u{1b}[0m with <b> & \u{c}"));
        assert_eq!(feed, "<t>Title[0m with &lt;b&gt; &amp; </t>");
    }

    #[test]
    fn json_in_a_script_cannot_end_or_swallow_it() {
        let value = serde_json::json!({"headline": "<!--<script></script> & a\u{2028}b\u{2029}", "n": 1});
        let text = script_json(&value);
        for bad in ['<', '>', '&', '\u{2028}', '\u{2029}'] {
            assert!(!text.contains(bad), "{bad:?} in {text}");
        }
        assert!(text.contains(r"\u003c!--\u003cscript\u003e\u003c/script\u003e \u0026 a\u2028b\u2029"), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value, "still the same JSON");
    }
}
