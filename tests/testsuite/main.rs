//! Masthead's integration tests: one binary, a module per feature, fixture sites built in
//! temporary folders.

mod architecture;
mod backup;
mod cli;
mod common;
mod crash;
mod crash_campaign;
mod demo;
mod disk_full;
mod golden;
mod hardening;
mod hostile;
mod hosts;
mod import;
mod import_addresses;
mod incremental;
mod keychain;
mod markdown;
mod media;
mod output_safety;
mod portable;
mod publish;
mod publish_order;
mod publish_safety;
mod render;
mod revisions;
mod scheduled;
mod search;
mod serve;
mod store;
mod team;
mod team_publish;
mod untrusted;
mod variants;
