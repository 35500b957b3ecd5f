//! Masthead's content store. A site is a folder: `site.db` (SQLite, the source of truth),
//! `media/` (uploaded files, stored under their content hash) and `cache/` (anything that can
//! be rebuilt). The portable folder format (Markdown + YAML front matter + media) is read and
//! written by [`Site::import_dir`] and [`Site::export_dir`].

mod address;
mod article;
mod backup;
mod demo;
mod edits;
mod error;
mod fsutil;
mod kind;
mod location;
mod media;
mod media_store;
mod meta;
mod open;
mod page;
mod portable;
mod prefs;
mod record;
mod reference;
mod revision;
mod row_de;
mod save;
mod schema;
mod search;
mod settings;
mod site;
mod slide;
mod slug;
mod targets;
mod team;
mod time;
mod trash;
mod usage;
mod workdir;

pub use address::{OldAddress, is_html_file, old_address_path, split_old_address};
pub use article::{Article, MAX_BODY_BYTES};
pub use demo::demo_tree;
pub use error::{Result, StoreError, io_message};
pub use fsutil::write_atomic;
pub use kind::{Kind, Status};
pub use location::SiteLocation;
pub use media::{Media, MediaInfo, MediaProbe, media_name, normalise_focal, sniff};
pub use media_store::{Added, MAX_MEDIA_BYTES, NewMedia};
pub use meta::Meta;
pub use page::Page;
pub use portable::{ImportReport, Tree, toml_to_json};
pub use prefs::Prefs;
pub use record::{Record, Stamp, public_json, public_value};
pub use reference::{Reference, validate_media_name};
pub use revision::{Revision, SESSION_IDLE, SaveMode};
pub use search::SearchHit;
pub use settings::{NavItem, Partner, Redirect, Section, Settings, SocialLink};
pub use site::{DB_FILE, Site};
pub use slide::Slide;
pub use slug::{slugify, unique_slug, validate_slug};
pub use targets::team::{
    apply_synced_publish, apply_synced_targets, synced_publish, synced_targets, without_credentials,
};
pub use targets::{HostState, PublishLog, Target};
pub use team::{
    Applied, SyncedState, all_ids, apply_synced, apply_synced_settings, key_of, local_id_of, record_synced_revision,
    synced_form, synced_settings, synced_state,
};
pub use time::{Clock, parse_date, time_zone};
pub use trash::TrashItem;
pub use usage::{MediaUse, media_names_in};
