//! Problems found while rendering or checking a site.

use serde::Serialize;

/// How bad a problem is: errors block publishing, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located as precisely as we can.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, specta::Type)]
pub struct Problem {
    pub severity: Severity,
    /// Stable machine-readable name (`broken_reference`, `unknown_block`, …).
    pub code: &'static str,
    /// What is wrong and what to do, for a person.
    pub message: String,
    /// `article:slug`, `slide:slug`, `page:slug`, `media:name` or `site`.
    pub entity: String,
    /// The field (`body`, `link`, `image`, …).
    pub field: String,
    /// The entity as people know it (an article's title, a slide's headline, a file's name), to
    /// name it in messages; empty when unknown.
    pub title: String,
}

impl Problem {
    pub fn error(code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            message: message.into(),
            entity: String::new(),
            field: String::new(),
            title: String::new(),
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, ..Problem::error(code, message) }
    }

    /// Places the problem on an entity's field.
    pub fn at(mut self, entity: &str, field: &str) -> Problem {
        self.entity = entity.to_string();
        self.field = field.to_string();
        self
    }
}
