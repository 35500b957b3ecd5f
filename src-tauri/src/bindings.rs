//! The app's commands as the UI calls them, and their TypeScript bindings, generated from the
//! Rust signatures by tauri-specta into `ui/src/lib/bindings.ts` (the UI imports every type
//! it exchanges with the app from there). A test fails when that file is stale; write it
//! again with `make bindings`.

use std::path::{Path, PathBuf};

use specta_typescript::Typescript;
use tauri_specta::{Builder, ErrorHandlingMode, collect_commands};

/// Every command the window can call.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            crate::site::site_info,
            crate::publish::open_website,
            crate::articles::list_articles,
            crate::articles::get_article,
            crate::articles::create_article,
            crate::articles::discard_untouched,
            crate::articles::save_article,
            crate::articles::duplicate_article,
            crate::articles::trash_article,
            crate::articles::restore_article,
            crate::articles::list_trash,
            crate::articles::restore_from_trash,
            crate::articles::search_articles,
            crate::articles::list_revisions,
            crate::articles::restore_revision,
            crate::preview::render_preview,
            crate::media::list_media,
            crate::media::add_media,
            crate::media::list_link_targets,
            crate::media::media_library,
            crate::media::save_media,
            crate::media::delete_media,
            crate::media::replace_media,
            crate::slides::list_slides,
            crate::slides::get_slide,
            crate::slides::create_slide,
            crate::slides::save_slide,
            crate::slides::move_slide,
            crate::slides::trash_slide,
            crate::slides::render_home_preview,
            crate::pages::list_pages,
            crate::pages::get_page,
            crate::pages::create_page,
            crate::pages::save_page,
            crate::pages::trash_page,
            crate::pages::render_page_preview,
            crate::publish::list_targets,
            crate::publish::targets_needing_user,
            crate::publish::save_target,
            crate::publish::remove_target,
            crate::publish::test_target,
            crate::publish::check_site,
            crate::publish::plan_publish,
            crate::publish::start_publish,
            crate::publish::cancel_publish,
            crate::publish::publish_history,
            crate::settings::get_settings,
            crate::settings::save_settings,
            crate::settings::get_editor_name,
            crate::settings::set_editor_name,
            crate::settings::should_welcome,
            crate::settings::dismiss_welcome,
            crate::sites::list_sites,
            crate::sites::choose_folder,
            crate::sites::open_site,
            crate::sites::create_site,
            crate::sites::remove_demo_content,
            crate::sites::backup_site,
            crate::sites::restore_site,
            crate::sites::export_site,
            crate::sites::import_folder,
            crate::sites::import_website,
            crate::team::team_status,
            crate::team::team_create,
            crate::team::team_join,
            crate::team::team_sync,
            crate::team::team_conflicts,
            crate::team::team_resolve,
            crate::team::team_resolve_text,
            crate::team::team_rekey,
            crate::team::team_take_new_key,
            crate::window::guard_close,
            crate::window::close_window,
            crate::about::update_settings,
            crate::about::save_update_settings,
            crate::about::check_for_update,
            crate::about::found_update,
            crate::about::install_update,
            crate::about::restart_app,
        ])
        // The payloads of the events the app emits (`listen` in the UI).
        .typ::<masthead_publish::Progress>()
        .typ::<crate::publish::Done>()
        .typ::<masthead_import::Progress>()
        .typ::<masthead_api::updates::UpdateProgress>()
        // Errors reject the promise, as `call` in the UI expects; ids and sizes are numbers
        // (row ids and file sizes stay far below 2^53).
        .error_handling(ErrorHandlingMode::Throw)
        .dangerously_cast_bigints_to_number()
        // One type per Rust type (what the app sends and accepts alike): fields with a serde
        // default are optional in it, and the UI's `Sent<T>` makes them required where it
        // reads what the app sent.
        .disable_serde_phases()
}

/// Where the bindings live in the repository.
pub fn path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts")
}

/// Writes the bindings to `file`.
pub fn export(file: &Path) -> Result<(), String> {
    let header = "// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs): do not edit.";
    builder().export(Typescript::default().header(header), file).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    /// The committed bindings are what the Rust types say now. `MASTHEAD_WRITE_BINDINGS=1`
    /// (what `make bindings` sets) writes them instead.
    #[test]
    fn bindings_are_fresh() {
        let committed = super::path();
        if std::env::var_os("MASTHEAD_WRITE_BINDINGS").is_some() {
            super::export(&committed).unwrap();
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("bindings.ts");
        super::export(&fresh).unwrap();
        let (fresh, committed) =
            (std::fs::read_to_string(fresh).unwrap(), std::fs::read_to_string(committed).unwrap_or_default());
        assert!(fresh == committed, "ui/src/lib/bindings.ts is stale: run `make bindings` and commit it");
    }
}
