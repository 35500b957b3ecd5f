//! Front matter as Hugo, Zola and Jekyll write it: YAML between `---` lines or TOML between
//! `+++` lines, read into one JSON-like map whatever the syntax.

use masthead_store::toml_to_json;
use serde_json::{Map, Value};

/// A content file split into its front matter and its Markdown.
#[derive(Debug, Default)]
pub(super) struct Doc {
    pub(super) front: Map<String, Value>,
    pub(super) body: String,
}

/// Splits and parses a file's text; the error says why, for the report.
pub(super) fn split(text: &str) -> Result<Doc, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let (fence, toml) = if text.starts_with("---\n") {
        ("---", false)
    } else if text.starts_with("+++\n") {
        ("+++", true)
    } else {
        return Ok(Doc { front: Map::new(), body: text });
    };
    let rest = &text[4..];
    let end = rest
        .match_indices(&format!("{fence}\n"))
        .map(|(i, _)| i)
        .find(|&i| i == 0 || rest.as_bytes()[i - 1] == b'\n')
        .or_else(|| rest.ends_with(&format!("\n{fence}")).then(|| rest.len() - 3))
        .ok_or("its front matter is not closed")?;
    let front_text = &rest[..end];
    let body = rest.get(end + 4..).unwrap_or("").trim().to_string();
    let value: Value = if front_text.trim().is_empty() {
        Value::Object(Map::new())
    } else if toml {
        let table: toml::Table = toml::from_str(front_text)
            .map_err(|e| format!("its TOML front matter is invalid: {}", first_line(&e.to_string())))?;
        toml_to_json(toml::Value::Table(table))
    } else {
        serde_saphyr::from_str(front_text)
            .map_err(|e| format!("its YAML front matter is invalid: {}", first_line(&e.to_string())))?
    };
    match value {
        Value::Object(front) => Ok(Doc { front, body }),
        _ => Err("its front matter is not a list of keys and values".into()),
    }
}

fn first_line(message: &str) -> String {
    message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or(message).to_string()
}

/// Reads a whole TOML or YAML configuration file into a map (nothing when it is unreadable).
pub(super) fn config(text: &str, toml: bool) -> Map<String, Value> {
    let value = if toml {
        toml::from_str::<toml::Table>(text).ok().map(|t| toml_to_json(toml::Value::Table(t)))
    } else {
        serde_saphyr::from_str::<Value>(text).ok()
    };
    match value {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// A string field (first of several names).
pub(super) fn text(front: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match front.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// A list of strings (a single string counts as a list of one; YAML lists or space-separated).
pub(super) fn list(front: &Map<String, Value>, key: &str) -> Vec<String> {
    match front.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        Some(Value::String(s)) if key == "categories" || key == "tags" => {
            s.split_whitespace().map(str::to_string).collect()
        }
        Some(Value::String(s)) => vec![s.clone()],
        _ => vec![],
    }
}

/// A boolean (`draft: true`, `published: false`).
pub(super) fn flag(front: &Map<String, Value>, key: &str) -> Option<bool> {
    front.get(key).and_then(Value::as_bool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter() {
        let d = split("---\ntitle: Hi\ntags: [a, b]\ndraft: true\n---\nBody\n").unwrap();
        assert_eq!(text(&d.front, &["title"]).unwrap(), "Hi");
        assert_eq!(list(&d.front, "tags"), ["a", "b"]);
        assert_eq!(flag(&d.front, "draft"), Some(true));
        assert_eq!(d.body, "Body");
        let d = split("+++\ntitle = \"T\"\ndate = 2024-01-02\n[taxonomies]\ntags = [\"x\"]\n+++\n\nText").unwrap();
        assert_eq!(text(&d.front, &["date"]).unwrap(), "2024-01-02");
        assert!(split("---\ntitle: [\n---\n").is_err());
        assert!(split("---\ntitle: x\n").is_err());
        assert_eq!(split("No front matter").unwrap().body, "No front matter");
    }
}
