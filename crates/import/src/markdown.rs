//! Writing Markdown: escaping text, fenced code, and Masthead's rich blocks.

/// Escapes text so that Markdown shows it as written.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    // What would start a heading, a list or a quote at the start of a line.
    if let Some(first) = out.chars().next()
        && matches!(first, '#' | '-' | '+' | '=')
    {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(out.as_bytes().get(digits), Some(b'.' | b')')) {
        out.insert(digits, '\\');
    }
    out
}

/// A fenced code block, with a fence longer than any run of backticks inside.
pub(crate) fn fence(lang: &str, code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let f = "`".repeat(longest.max(2) + 1);
    let lang = if lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') { lang } else { "" };
    // An info word that is a block's name must not turn code into a block.
    let lang = if masthead_render::BLOCKS.contains(&lang) { "text" } else { lang };
    format!("{f}{lang}\n{code}\n{f}")
}

/// A rich block: ```` ```name ```` then `key: value` lines, values quoted when needed.
pub(crate) fn block(name: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!("```{name}\n");
    for (key, value) in fields {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let plain = !value.is_empty() && !value.starts_with(['"', '\'', ' ']) && !value.contains("```");
        let value = if plain { value } else { serde_json::to_string(&value).expect("a string serialises") };
        out.push_str(&format!("{key}: {value}\n"));
    }
    out.push_str("```");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_blocks() {
        assert_eq!(escape("a *b* [c]"), "a \\*b\\* \\[c\\]");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("2024. A year"), "2024\\. A year");
        assert_eq!(fence("", "a ``` b"), "````\na ``` b\n````");
        assert_eq!(fence("figure", "x"), "```text\nx\n```");
        assert_eq!(
            block("figure", &[("image", "media:a.jpg".into()), ("caption", "\"Quoted\" here".into())]),
            "```figure\nimage: media:a.jpg\ncaption: \"\\\"Quoted\\\" here\"\n```"
        );
    }
}
