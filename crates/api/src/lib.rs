//! The operations a Masthead user performs — create a site, write, add media, add a host,
//! publish — as the CLI and the desktop app both call them, with one error type
//! ([`ApiError`], a stable [`Code`] and a message for people). The front ends only parse
//! and print (the CLI) or pass values through (`#[tauri::command]`s); every domain default,
//! rule and message lives here or below, in the store, render, media and publish crates.

mod error;
pub mod items;
pub mod library;
pub mod logging;
pub mod sites;
pub mod targets;
pub mod team;
pub mod updates;

pub use error::{ApiError, Code, Result};
