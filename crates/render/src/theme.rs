//! The theme: minijinja templates and static assets, embedded from `themes/default/` and
//! overridable file by file from `SITE/theme/`.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use minijinja::Environment;
use serde::Serialize;

use crate::error::{RenderError, Result};

static DEFAULT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../themes/default");

/// Loaded templates and assets.
pub struct Theme {
    env: Environment<'static>,
    /// Files served under `/assets/`, by name.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// blake3 of every template and asset: a change anywhere re-renders everything.
    pub fingerprint: blake3::Hash,
    /// The templates the site's theme replaces.
    overridden: std::collections::BTreeSet<String>,
}

fn embedded(prefix: &str) -> BTreeMap<String, Vec<u8>> {
    DEFAULT
        .get_dir(prefix)
        .map(|d| {
            d.files()
                .map(|f| {
                    let name = f.path().strip_prefix(prefix).unwrap_or(f.path()).to_string_lossy().into_owned();
                    (name, f.contents().to_vec())
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Files of `dir` (not recursive), by name; hidden files and links are skipped.
fn overrides(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(files) };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type().map_err(RenderError::io(format!("Could not read {}", entry.path().display())))?;
        if name.starts_with('.') || !kind.is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .map_err(RenderError::io(format!("Could not read {}", entry.path().display())))?;
        files.insert(name, bytes);
    }
    Ok(files)
}

impl Theme {
    /// The default theme with the site's overrides (`SITE/theme/templates/*`, `SITE/theme/assets/*`).
    pub fn load(site_theme: Option<&Path>) -> Result<Theme> {
        let mut templates = embedded("templates");
        let mut assets = embedded("assets");
        let mut overridden = std::collections::BTreeSet::new();
        if let Some(dir) = site_theme {
            let theirs = overrides(&dir.join("templates"))?;
            overridden.extend(
                theirs.iter().filter(|(name, bytes)| templates.get(*name) != Some(*bytes)).map(|(n, _)| n.clone()),
            );
            templates.extend(theirs);
            assets.extend(overrides(&dir.join("assets"))?);
        }
        let mut hasher = blake3::Hasher::new();
        for (name, bytes) in templates.iter().chain(&assets) {
            hasher.update(name.as_bytes()).update(&(bytes.len() as u64).to_le_bytes()).update(bytes);
        }
        let fingerprint = hasher.finalize();
        let mut env = Environment::new();
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_formatter(format_value);
        for (name, source) in templates {
            let source = String::from_utf8(source)
                .map_err(|_| RenderError::Template { name: name.clone(), message: "it is not UTF-8 text".into() })?;
            env.add_template_owned(name.clone(), source)
                .map_err(|e| RenderError::Template { name, message: e.to_string() })?;
        }
        Ok(Theme { env, assets, fingerprint, overridden })
    }

    /// Whether the template `name` is the default theme's own (the site does not replace it).
    pub(crate) fn is_default(&self, name: &str) -> bool {
        !self.overridden.contains(name)
    }

    /// Renders a template with a context.
    pub fn render<S: Serialize>(&self, name: &str, ctx: S) -> Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| RenderError::Template { name: name.to_string(), message: e.to_string() })?;
        template.render(ctx).map_err(|e| RenderError::Template { name: name.to_string(), message: detailed(&e) })
    }
}

/// Escapes like minijinja does for HTML and XML, except `/` (so URLs stay readable), and
/// prints nothing for none and undefined values.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    match state.auto_escape() {
        minijinja::AutoEscape::Html if !value.is_safe() => {
            let text = value.as_str().map(str::to_string).unwrap_or_else(|| value.to_string());
            out.write_str(&crate::html::escape(&text))
                .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// minijinja's message with the chain of causes (the line in an included template).
fn detailed(e: &minijinja::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    msg
}
