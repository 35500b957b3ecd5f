//! Small HTML helpers.

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
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
}
