//! Shortcodes and template tags inside Markdown: those Masthead knows become blocks and
//! references; the others stay visible as text and are noted.

use crate::markdown::{block, fence};

/// What a shortcode needs from the rest of the import.
pub(super) trait Context {
    /// An image's new source (`media:…`, or the address as it was).
    fn image(&mut self, src: &str) -> String;
    /// The reference of another content file, by its path (`blog/post.md`) or Jekyll name.
    fn content(&mut self, path: &str) -> Option<String>;
}

/// `name a="b" c` → the name, and the arguments (positional ones with an empty key).
fn args(inner: &str) -> (String, Vec<(String, String)>) {
    let mut out = vec![];
    let mut rest = inner.trim();
    let name_end = rest.find(|c: char| c.is_whitespace() || c == '(').unwrap_or(rest.len());
    let name = rest[..name_end].to_string();
    rest = rest[name_end..].trim_start().trim_start_matches('(').trim_end().trim_end_matches(')');
    while !rest.trim().is_empty() {
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        let (key, after) = match rest.find(['=', ' ', '"', '\'']) {
            Some(i) if rest.as_bytes()[i] == b'=' => (rest[..i].trim().to_string(), rest[i + 1..].trim_start()),
            _ => (String::new(), rest),
        };
        let (value, after) = match after.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                let end = after[1..].find(q).map(|e| e + 1).unwrap_or(after.len());
                (after[1..end].to_string(), after.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find([' ', ',']).unwrap_or(after.len());
                (after[..end].to_string(), &after[end..])
            }
        };
        if key.is_empty() && value.is_empty() {
            break;
        }
        out.push((key, value));
        rest = after;
    }
    (name, out)
}

fn get<'a>(args: &'a [(String, String)], key: &str, position: usize) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k == key)
        .or_else(|| args.iter().filter(|(k, _)| k.is_empty()).nth(position))
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Replaces each `open … close` span: with what `f` returns, or kept (and noted) when `None`.
fn each(text: &str, open: &str, close: &str, f: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        let Some(end) = rest[i + open.len()..].find(close) else { break };
        let inner = &rest[i + open.len()..i + open.len() + end];
        out.push_str(&rest[..i]);
        match f(inner) {
            Some(new) => out.push_str(&new),
            None => out.push_str(&rest[i..i + open.len() + end + close.len()]),
        }
        rest = &rest[i + open.len() + end + close.len()..];
    }
    out.push_str(rest);
    out
}

fn closing(open: &str) -> &'static str {
    match open {
        "{{< " => " >}}",
        "{{% " => " %}}",
        "{% " => " %}",
        _ => " }}",
    }
}

fn video(url: String) -> String {
    format!("\n\n{}\n\n", block("video", &[("url", url)]))
}

/// Converts a body's shortcodes; notes name the ones left as text.
pub(super) fn convert(body: &str, cx: &mut dyn Context, notes: &mut Vec<String>) -> String {
    let unknown = |what: String, notes: &mut Vec<String>| {
        let note = format!("The shortcode {what} has no Masthead equivalent; it was kept as text for you to replace.");
        if !notes.contains(&note) {
            notes.push(note);
        }
    };
    let mut known = |inner: &str, notes: &mut Vec<String>, style: &str| -> Option<String> {
        let (name, a) = args(inner.trim());
        let name = name.trim_start_matches('/');
        let found = match name {
            "figure" | "img" | "image" => get(&a, "src", 0).map(|src| {
                let mut fields = vec![("image", cx.image(src))];
                fields.extend(get(&a, "alt", 9).map(|v| ("alt", v.to_string())));
                fields.extend(get(&a, "caption", 9).or(get(&a, "title", 9)).map(|v| ("caption", v.to_string())));
                format!("\n\n{}\n\n", block("figure", &fields))
            }),
            "youtube" => get(&a, "id", 0).map(|id| video(format!("https://www.youtube.com/watch?v={id}"))),
            "vimeo" => get(&a, "id", 0).map(|id| video(format!("https://vimeo.com/{id}"))),
            "ref" | "relref" | "post_url" | "link" => get(&a, "path", 0).and_then(|p| cx.content(p)),
            _ => None,
        };
        if found.is_none() {
            unknown(format!("{style}{name} …{}", closing(style)), notes);
        }
        found
    };
    // Hugo: {{< name … >}} and {{% name … %}}; Zola: {{ name(…) }}; Jekyll/Liquid: {% name … %}.
    let text = each(body, "{{<", ">}}", &mut |i| known(i, notes, "{{< "));
    let text = each(&text, "{{%", "%}}", &mut |i| known(i, notes, "{{% "));
    let text = each(&text, "{{ site.baseurl }}", "", &mut |_| Some(String::new()));
    let text = highlight(&text);
    let text = each(&text, "{%", "%}", &mut |i| {
        let t = i.trim();
        if t == "raw" || t == "endraw" {
            return Some(String::new());
        }
        known(i, notes, "{% ")
    });
    each(&text, "{{", "}}", &mut |i| {
        // What the passes above kept.
        if i.starts_with(['<', '%']) { None } else { known(i, notes, "{{ ") }
    })
}

/// Jekyll's `{% highlight lang %}…{% endhighlight %}` → a fenced code block.
fn highlight(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("{% highlight") {
        let Some(head_end) = rest[i..].find("%}").map(|e| i + e + 2) else { break };
        let Some(end) = rest[head_end..].find("{% endhighlight %}").map(|e| head_end + e) else { break };
        let lang = rest[i + 12..head_end - 2].split_whitespace().next().unwrap_or("");
        out.push_str(&rest[..i]);
        out.push_str(&fence(lang, rest[head_end..end].trim_matches('\n')));
        rest = &rest[end + 18..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Cx;
    impl Context for Cx {
        fn image(&mut self, src: &str) -> String {
            format!("media:{}", src.rsplit('/').next().unwrap())
        }
        fn content(&mut self, path: &str) -> Option<String> {
            Some(format!("article:{}", path.trim_end_matches(".md").rsplit('/').next().unwrap()))
        }
    }

    fn run(s: &str) -> (String, Vec<String>) {
        let mut notes = vec![];
        (convert(s, &mut Cx, &mut notes), notes)
    }

    #[test]
    fn known_shortcodes_become_blocks_and_references() {
        let (t, n) = run("A {{< figure src=\"/img/a.jpg\" alt=\"An A\" caption=\"Cap\" >}} B");
        assert!(t.contains("```figure\nimage: media:a.jpg\nalt: An A\ncaption: Cap\n```"), "{t}");
        assert!(n.is_empty());
        assert!(run("{{< youtube dQw4w9WgXcQ >}}").0.contains("url: https://www.youtube.com/watch?v=dQw4w9WgXcQ"));
        assert!(run("{{ vimeo(id=\"123\") }}").0.contains("url: https://vimeo.com/123"));
        assert_eq!(run("[x]({{< ref \"blog/post.md\" >}})").0, "[x](article:post)");
        assert_eq!(run("[x]({% post_url 2024-01-02-hello %})").0, "[x](article:2024-01-02-hello)");
        assert_eq!(run("{% highlight ruby %}\nputs 1\n{% endhighlight %}").0, "```ruby\nputs 1\n```");
    }

    #[test]
    fn unknown_shortcodes_stay_and_are_noted() {
        let (t, n) = run("Before {{< tweet user=\"x\" id=\"1\" >}} after {% include map.html %}");
        assert_eq!(t, "Before {{< tweet user=\"x\" id=\"1\" >}} after {% include map.html %}");
        assert_eq!(n.len(), 2, "{n:?}");
    }
}
