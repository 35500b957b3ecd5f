//! Splitting a Markdown file into front matter and body, and reading the front matter
//! (YAML between `---` lines, or TOML between `+++` lines as Hugo and Zola write it).

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::StoreError;

pub(crate) struct Doc {
    toml: bool,
    front: String,
    /// The body, without leading blank lines or trailing whitespace.
    pub(crate) body: String,
}

fn import_error(file: &str, line: Option<u64>, message: impl Into<String>) -> StoreError {
    StoreError::Import { file: file.to_string(), line, message: message.into() }
}

/// Reads a file's text and splits off its front matter.
pub(crate) fn split(file: &str, bytes: &[u8]) -> Result<Doc, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        import_error(file, Some(line), "this is not UTF-8 text; save the file as UTF-8 and import again")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n");
    let (fence, toml) = if text.starts_with("---\n") {
        ("---", false)
    } else if text.starts_with("+++\n") {
        ("+++", true)
    } else {
        return Err(import_error(
            file,
            Some(1),
            "the file must start with front matter: a line `---`, then `key: value` lines, then another `---` line",
        ));
    };
    let rest = &text[4..];
    let end = rest
        .match_indices(&format!("{fence}\n"))
        .find(|(i, _)| *i == 0 || rest.as_bytes()[i - 1] == b'\n')
        .map(|(i, _)| i)
        .or_else(|| rest.ends_with(&format!("\n{fence}")).then(|| rest.len() - 3))
        .ok_or_else(|| {
            import_error(file, Some(1), format!("the front matter is not closed: add a line `{fence}` after it"))
        })?;
    let front = rest[..end].to_string();
    let body = rest.get(end + 4..).unwrap_or("");
    let body = body.trim_start_matches('\n').trim_end().to_string();
    Ok(Doc { toml, front, body })
}

impl Doc {
    /// Reads the front matter into `T`. TOML keys are first mapped to ours by `aliases`.
    pub(crate) fn parse<T: DeserializeOwned>(
        &self,
        file: &str,
        aliases: fn(&mut Map<String, Value>),
    ) -> Result<T, StoreError> {
        if self.toml {
            let table: toml::Table = toml::from_str(&self.front).map_err(|e| {
                let line = e.span().map(|s| self.front[..s.start].matches('\n').count() as u64 + 2);
                import_error(file, line, first_line(&e.to_string()))
            })?;
            let mut map = match toml_to_json(toml::Value::Table(table)) {
                Value::Object(map) => map,
                _ => unreachable!("a table converts to an object"),
            };
            aliases(&mut map);
            serde_json::from_value(Value::Object(map)).map_err(|e| import_error(file, None, e.to_string()))
        } else {
            if self.front.trim().is_empty() {
                return serde_json::from_value(Value::Object(Map::new()))
                    .map_err(|e| import_error(file, Some(2), e.to_string()));
            }
            parse_yaml(file, &self.front, 1)
        }
    }
}

/// Reads a YAML document whose first line is line `offset + 1` of `file`.
pub(crate) fn parse_yaml<T: DeserializeOwned>(file: &str, text: &str, offset: u64) -> Result<T, StoreError> {
    serde_saphyr::from_str(text).map_err(|e| {
        let line = e.location().map(|l| l.line() + offset);
        import_error(file, line, first_line(&e.to_string()))
    })
}

/// Reads a whole file as YAML.
pub(crate) fn parse_yaml_file<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, StoreError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| import_error(file, None, "this is not UTF-8 text; save it as UTF-8"))?;
    if text.trim().is_empty() {
        return serde_json::from_value(Value::Object(Map::new())).map_err(|e| import_error(file, None, e.to_string()));
    }
    parse_yaml(file, text, 0)
}

/// The first meaningful line of a parser's message (some draw source snippets below it).
fn first_line(message: &str) -> String {
    let line = message.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or(message);
    line.trim_start_matches("error: ").to_string()
}

/// A TOML value as JSON (dates as their text), as Hugo and Zola front matter is read.
pub fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(n) => Value::from(n),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct T {
        title: String,
    }

    #[test]
    fn yaml_and_toml() {
        let doc = split("a.md", b"---\ntitle: Hi\n---\n\nBody\n\n").unwrap();
        assert_eq!(doc.body, "Body");
        assert_eq!(doc.parse::<T>("a.md", |_| {}).unwrap().title, "Hi");
        let doc = split("a.md", b"+++\ntitle = \"Hi\"\n+++\nBody").unwrap();
        assert_eq!(doc.parse::<T>("a.md", |_| {}).unwrap().title, "Hi");
        let doc = split("a.md", b"---\r\ntitle: Hi\r\n---\r\n").unwrap();
        assert_eq!(doc.body, "");
    }

    #[test]
    fn errors_name_the_line() {
        let err = split("a.md", b"title: Hi\n").err().unwrap().to_string();
        assert!(err.starts_with("a.md, line 1:"), "{err}");
        let err = split("a.md", b"---\ntitle: Hi\n").err().unwrap().to_string();
        assert!(err.contains("not closed"), "{err}");
        let doc = split("a.md", b"---\ntitle: Hi\ncolour: red\n---\n").unwrap();
        let err = doc.parse::<T>("a.md", |_| {}).unwrap_err().to_string();
        assert!(err.contains("line 3") && err.contains("colour"), "{err}");
        let err = split("a.md", b"---\ntitle: caf\xe9\n---\n").err().unwrap().to_string();
        assert!(err.contains("line 2") && err.contains("UTF-8"), "{err}");
    }
}
