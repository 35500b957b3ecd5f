//! Masthead's desktop app: thin `#[tauri::command]` wrappers over the crates, one file per
//! screen, with the site held in managed state.

mod articles;
mod error;
mod media;
mod pages;
mod preview;
mod publish;
mod settings;
mod single;
mod site;
mod sites;
mod slides;
mod state;
mod window;

/// Starts the app on the site named by `$MASTHEAD_SITE`, else the default site.
pub fn run() {
    paint_without_compositing();
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
        .plugin(tauri_plugin_opener::init())
        .register_uri_scheme_protocol("preview", preview::serve)
        .setup(move |app| {
            single::serve(listener, app.handle().clone());
            window::restore(app.handle());
            publish::watch_schedule(app.handle().clone());
            Ok(())
        })
        .on_window_event(window::on_event)
        .invoke_handler(tauri::generate_handler![
            site::site_info,
            publish::open_website,
            articles::list_articles,
            articles::get_article,
            articles::create_article,
            articles::discard_untouched,
            articles::save_article,
            articles::duplicate_article,
            articles::trash_article,
            articles::restore_article,
            articles::list_trash,
            articles::restore_from_trash,
            articles::search_articles,
            articles::list_revisions,
            articles::restore_revision,
            preview::render_preview,
            media::list_media,
            media::add_media,
            media::list_link_targets,
            media::media_library,
            media::save_media,
            media::delete_media,
            media::replace_media,
            slides::list_slides,
            slides::get_slide,
            slides::create_slide,
            slides::save_slide,
            slides::move_slide,
            slides::trash_slide,
            slides::render_home_preview,
            pages::list_pages,
            pages::get_page,
            pages::create_page,
            pages::save_page,
            pages::trash_page,
            pages::render_page_preview,
            publish::list_targets,
            publish::save_target,
            publish::remove_target,
            publish::test_target,
            publish::check_site,
            publish::plan_publish,
            publish::start_publish,
            publish::cancel_publish,
            publish::publish_history,
            settings::get_settings,
            settings::save_settings,
            settings::get_editor_name,
            settings::set_editor_name,
            settings::should_welcome,
            settings::dismiss_welcome,
            sites::list_sites,
            sites::open_site,
            sites::create_site,
            sites::remove_demo_content,
            sites::backup_site,
            sites::restore_site,
            sites::export_site,
            sites::import_folder,
            sites::import_website,
            window::guard_close,
            window::close_window,
        ])
        .run(tauri::generate_context!())
        .expect("the Masthead window could not be started");
}

/// On Linux, WebKitGTK paints the app's pages without its compositing mode, which loads a
/// software OpenGL stack into the app and its web process where there is no GPU to use, and
/// neither it nor GTK uses OpenGL or DMA-BUF buffers to show them: about 100 MB less memory,
/// and typing reaches the preview sooner. WebKit and GTK read these settings from the
/// environment at start, so the app starts itself again with them set (the same process:
/// `exec`). Setting `WEBKIT_DISABLE_COMPOSITING_MODE` to anything, `0` too, leaves all of them
/// to the user.
fn paint_without_compositing() {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
        if std::env::var_os(VAR).is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else { return };
        let mut again = std::process::Command::new(exe);
        again.args(std::env::args_os().skip(1)).env(VAR, "1");
        for (var, value) in [("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("GDK_GL", "disable")] {
            if std::env::var_os(var).is_none() {
                again.env(var, value);
            }
        }
        // Returns only when the app could not be started again: it carries on as it is.
        let error = again.exec();
        eprintln!("Masthead starts with WebKit's compositing mode ({error}).");
    }
}
