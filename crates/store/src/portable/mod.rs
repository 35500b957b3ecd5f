//! The portable folder format: Markdown with YAML front matter plus media files, used for
//! import, export and the demo site.

mod export;
mod files;
mod front_matter;
mod import;
mod tree;
mod yaml;

pub use front_matter::toml_to_json;
pub use import::ImportReport;
pub use tree::Tree;
