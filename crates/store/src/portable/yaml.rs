//! A small YAML writer for front matter and `site.yml`: one fixed layout, so that an export
//! is byte-for-byte reproducible and easy to read and diff.

/// A value to write.
pub(crate) enum Y<'a> {
    Str(&'a str),
    Int(i64),
    Bool(bool),
    /// A flow list of strings: `[a, b]`.
    List(&'a [String]),
    /// A block list of maps.
    Maps(Vec<Vec<(&'static str, Y<'a>)>>),
}

/// Writes `key: value` lines, skipping `None`s.
pub(crate) fn write_map(out: &mut String, indent: &str, pairs: &[(&str, Option<Y<'_>>)]) {
    for (key, value) in pairs {
        let Some(value) = value else { continue };
        write_pair(out, indent, key, value);
    }
}

fn write_pair(out: &mut String, indent: &str, key: &str, value: &Y<'_>) {
    out.push_str(indent);
    out.push_str(key);
    out.push(':');
    match value {
        Y::Str(s) => {
            out.push(' ');
            out.push_str(&scalar(s, false));
        }
        Y::Int(n) => out.push_str(&format!(" {n}")),
        Y::Bool(b) => out.push_str(if *b { " true" } else { " false" }),
        Y::List(items) => {
            let items: Vec<String> = items.iter().map(|s| scalar(s, true)).collect();
            out.push_str(&format!(" [{}]", items.join(", ")));
        }
        Y::Maps(maps) if maps.is_empty() => out.push_str(" []"),
        Y::Maps(maps) => {
            out.push('\n');
            for map in maps {
                for (i, (k, v)) in map.iter().enumerate() {
                    let lead = if i == 0 { format!("{indent}  - ") } else { format!("{indent}    ") };
                    let mut line = String::new();
                    write_pair(&mut line, "", k, v);
                    out.push_str(&lead);
                    out.push_str(line.trim_end_matches('\n'));
                    out.push('\n');
                }
            }
            return;
        }
    }
    out.push('\n');
}

/// Writes a string plainly when YAML would read it back as the same string, else double-quoted
/// (JSON string syntax is valid YAML).
pub(crate) fn scalar(s: &str, in_flow: bool) -> String {
    if is_plain(s, in_flow) { s.to_string() } else { serde_json::to_string(s).expect("strings serialise") }
}

fn is_plain(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else { return false };
    let lower = s.to_ascii_lowercase();
    const WORDS: [&str; 11] = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n", ".nan"];
    s.trim() == s
        && !"-?:,[]{}#&*!|>'\"%@`".contains(first)
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| c.is_control())
        && !(in_flow && s.contains([',', '[', ']', '{', '}', ':', '#']))
        && !WORDS.contains(&lower.as_str())
        && s.parse::<f64>().is_err()
        && !(s.starts_with("0x") || s.starts_with("0o") || s.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(scalar("Read more", false), "Read more");
        assert_eq!(scalar("2015-06-30", false), "2015-06-30");
        assert_eq!(scalar("Note: this", false), "\"Note: this\"");
        assert_eq!(scalar("2015", false), "\"2015\"");
        assert_eq!(scalar("yes", false), "\"yes\"");
        assert_eq!(scalar("- item", false), "\"- item\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("line\nbreak", false), "\"line\\nbreak\"");
        assert_eq!(scalar("", false), "\"\"");
        assert_eq!(scalar("#0b6e4f", false), "\"#0b6e4f\"");
    }
}
