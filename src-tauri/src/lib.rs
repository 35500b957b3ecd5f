//! Masthead's desktop app: thin `#[tauri::command]` wrappers over the crates, one file per
//! screen, with the site held in managed state.

mod articles;
mod error;
mod media;
mod preview;
mod single;
mod site;
mod state;
mod window;

/// Starts the app on the site named by `$MASTHEAD_SITE`, else the default site.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("MASTHEAD_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let Some(listener) = single::claim() else {
        eprintln!("Masthead is already open: its window was brought to the front.");
        return;
    };
    tauri::Builder::default()
        .manage(state::AppState::open_default())
        .register_uri_scheme_protocol("preview", preview::serve)
        .setup(move |app| {
            single::serve(listener, app.handle().clone());
            window::restore(app.handle());
            Ok(())
        })
        .on_window_event(window::on_event)
        .invoke_handler(tauri::generate_handler![
            site::site_info,
            articles::list_articles,
            articles::get_article,
            articles::create_article,
            articles::save_article,
            articles::duplicate_article,
            articles::trash_article,
            articles::restore_article,
            articles::list_trash,
            articles::search_articles,
            articles::list_revisions,
            articles::restore_revision,
            preview::render_preview,
            media::list_media,
            media::add_media,
            media::list_link_targets,
            window::guard_close,
            window::close_window,
        ])
        .run(tauri::generate_context!())
        .expect("the Masthead window could not be started");
}
