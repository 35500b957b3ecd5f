use jiff::tz::TimeZone;
use rusqlite::types::Value as Sql;
use serde::{Deserialize, Serialize};

use crate::article::check_body;
use crate::error::Result;
use crate::kind::{Kind, Status};
use crate::meta::Meta;
use crate::record::{Record, require};

/// A standalone page (about, newsletters, partners …), served at `/<slug>/`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Page {
    #[serde(flatten)]
    pub meta: Meta,
    pub title: String,
    /// Unique across articles and pages; made from the title when empty.
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub status: Status,
}

impl Record for Page {
    const KIND: Kind = Kind::Page;

    crate::record::accessors!(slug, title);

    fn validate(&mut self, _tz: &TimeZone) -> Result<Vec<(&'static str, Sql)>> {
        self.title = self.title.trim().to_string();
        require("title", &self.title, "A page")?;
        check_body(&self.body, "this page")?;
        Ok(vec![])
    }

    fn search_text(&self) -> Option<[&str; 3]> {
        Some([&self.title, "", &self.body])
    }

    fn media_fields(&self) -> Vec<(&'static str, &str)> {
        vec![("body", &self.body)]
    }

    fn address(&self) -> Option<(&str, Option<&str>)> {
        (self.status == Status::Published).then_some((self.slug.as_str(), None))
    }
}
