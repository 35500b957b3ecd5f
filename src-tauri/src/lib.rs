//! Masthead's desktop app: thin `#[tauri::command]` wrappers over the crates, one file per
//! screen, with the site held in managed state.

mod articles;
mod error;
mod site;
mod state;

/// Starts the app on the site named by `$MASTHEAD_SITE`, else the default site.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("MASTHEAD_LOG"))
        .with_writer(std::io::stderr)
        .init();
    tauri::Builder::default()
        .manage(state::AppState::open_default())
        .invoke_handler(tauri::generate_handler![site::site_info, articles::list_articles])
        .run(tauri::generate_context!())
        .expect("the Masthead window could not be started");
}
