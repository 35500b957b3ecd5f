use super::*;

/// Links to the old site become references; files under /uploads/ are library items.
struct Old;

impl Resolve for Old {
    fn link(&self, url: &str) -> Option<String> {
        let lower = url.trim().to_ascii_lowercase();
        if !(lower.starts_with("http") || lower.starts_with('/') || lower.starts_with("mailto:")) {
            return None;
        }
        Some(match url.strip_prefix("https://old.example/") {
            Some(rest) if rest.starts_with("uploads/") => format!("media:{}", &rest[8..]),
            Some(rest) => format!("article:{}", rest.trim_end_matches('/')),
            None => url.to_string(),
        })
    }
    fn image(&self, url: &str) -> Option<(String, Option<String>)> {
        let t = self.link(url)?;
        let alt = t.starts_with("media:").then(|| "From the library".to_string());
        Some((t, alt))
    }
}

fn md(html: &str) -> String {
    to_markdown(html, &Old).0
}

#[test]
fn text_structure() {
    assert_eq!(
        md("<h2>Title</h2><p>One <strong>bold</strong> and <em>it</em>.</p>"),
        "## Title\n\nOne **bold** and *it*."
    );
    assert_eq!(md("<p>a<br>b</p>"), "a\\\nb");
    assert_eq!(md("<p>1995. Start *here*</p>"), "1995\\. Start \\*here\\*");
    assert_eq!(md("<pre class=\"language-rust\">fn a() {}\n</pre>"), "```rust\nfn a() {}\n```");
    assert_eq!(md("<p>x</p><hr><p>y</p>"), "x\n\n---\n\ny");
    assert_eq!(md("<p>Use <code>a_b</code></p>"), "Use `a_b`");
}

#[test]
fn nested_lists() {
    let html = "<ul><li>One<ul><li>One a</li><li>One b<ol><li>deep</li></ol></li></ul></li><li>Two</li></ul>";
    assert_eq!(md(html), "- One\n  - One a\n  - One b\n    1. deep\n- Two");
    assert_eq!(md("<ol start=\"3\"><li>c</li><li>d</li></ol>"), "3. c\n4. d");
}

#[test]
fn links_become_references_and_scripts_go() {
    assert_eq!(md("<p><a href=\"https://old.example/hello/\">Hi</a></p>"), "[Hi](article:hello)");
    let (out, notes) = to_markdown("<p><a href=\"javascript:alert(1)\">click</a></p><script>alert(1)</script>", &Old);
    assert_eq!(out, "click");
    assert_eq!(notes.len(), 2, "{notes:?}");
    let (out, notes) =
        to_markdown("<p>a<img src=x onerror=alert(1)></p><iframe src=\"https://evil.example/\"></iframe>", &Old);
    assert!(!out.contains("onerror") && !out.contains("<iframe"), "{out}");
    assert!(notes.iter().any(|n| n.contains("evil.example")), "{notes:?}");
}

#[test]
fn images_and_files_become_blocks() {
    let html = "<figure class=\"wp-block-image\"><img src=\"https://old.example/uploads/a.jpg\" alt=\"A field\"><figcaption>Our <em>field</em></figcaption></figure>";
    assert_eq!(md(html), "```figure\nimage: media:a.jpg\nalt: A field\ncaption: Our *field*\n```");
    assert_eq!(
        md("<p><img src=\"https://old.example/uploads/b.png\"></p>"),
        "```figure\nimage: media:b.png\nalt: From the library\n```"
    );
    assert_eq!(
        md("<p><a href=\"https://old.example/uploads/report.pdf\">Annual report</a></p>"),
        "```download\nfile: media:report.pdf\ntitle: Annual report\n```"
    );
    let gallery = "<figure class=\"wp-block-gallery\"><figure><img src=\"https://old.example/uploads/1.jpg\" alt=\"One\"><figcaption>First</figcaption></figure><figure><img src=\"https://old.example/uploads/2.jpg\" alt=\"Two\"></figure></figure>";
    assert_eq!(md(gallery).matches("```figure").count(), 2);
    assert!(md(gallery).contains("caption: First"));
}

#[test]
fn embeds_buttons_quotes_tables() {
    let yt = "<figure class=\"wp-block-embed is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=abc123\n</div></figure>";
    assert_eq!(md(yt), "```video\nurl: https://www.youtube.com/watch?v=abc123\n```");
    let button = "<div class=\"wp-block-buttons\"><div class=\"wp-block-button\"><a class=\"wp-block-button__link\" href=\"https://old.example/donate/\">Donate now</a></div></div>";
    assert_eq!(md(button), "```cta\nlabel: Donate now\nlink: article:donate\n```");
    let quote = "<figure class=\"wp-block-pullquote\"><blockquote><p>Words</p><cite>Ann</cite></blockquote></figure>";
    assert_eq!(md(quote), "> Words\n>\n> — Ann");
    let table = "<table><tr><th>A</th><th>B</th></tr><tr><td>1|2</td><td>3</td></tr></table>";
    assert_eq!(md(table), "| A | B |\n| --- | --- |\n| 1\\|2 | 3 |");
    let merged = "<table><tr><td colspan=\"2\" onclick=\"x()\">wide</td></tr></table>";
    let (out, notes) = to_markdown(merged, &Old);
    assert!(out.starts_with("<table>") && !out.contains("onclick"), "{out}");
    assert_eq!(notes.len(), 1);
}

#[test]
fn unknown_elements_are_kept_clean_and_noted() {
    let (out, notes) = to_markdown("<dl><dt>Term</dt><dd onmouseover=\"x()\">Def</dd></dl>", &Old);
    assert!(out.contains("<dt>Term</dt>") && !out.contains("onmouseover"), "{out}");
    assert!(notes[0].contains("<dl>"), "{notes:?}");
}
