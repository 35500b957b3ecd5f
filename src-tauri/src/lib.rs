//! Masthead's desktop app: thin `#[tauri::command]` wrappers over the crates, one file per
//! screen, with the site held in managed state.

mod about;
mod articles;
pub mod bindings;
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
mod team;
mod updates;
mod window;

use std::ffi::OsString;
use std::path::Path;

/// The `masthead` command's arguments when this binary is started as that command, else None
/// (start the app). It is the command when started under the name `masthead` (a link to it), or
/// with `--cli` first, as the Linux packages' `/usr/bin/masthead` script starts it
/// (packaging/masthead): the packages carry one binary instead of two that each hold the whole
/// engine. `args` are the program's, its name first.
pub fn command_args(args: Vec<OsString>) -> Option<Vec<OsString>> {
    let name = args.first().map(Path::new).and_then(Path::file_stem)?;
    if name == "masthead" {
        return Some(args);
    }
    if args.get(1).is_some_and(|a| a == "--cli") {
        let rest = args.into_iter().skip(2);
        return Some(std::iter::once(OsString::from("masthead")).chain(rest).collect());
    }
    None
}

/// Starts the app on the site named by `$MASTHEAD_SITE`, else the default site.
pub fn run() {
    paint_without_compositing();
    masthead_api::logging::init();
    tauri::Builder::default()
        // First: a second start hands over to the first before anything else is set up.
        .plugin(single::plugin())
        .plugin(window::state_plugin())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(updates::plugin())
        .manage(state::AppState::open_default())
        .manage(updates::Pending::default())
        .register_uri_scheme_protocol("preview", preview::serve)
        .setup(move |app| {
            publish::watch_schedule(app.handle().clone());
            updates::on_start(app.handle().clone());
            Ok(())
        })
        .on_window_event(window::on_event)
        .invoke_handler(bindings::builder().invoke_handler())
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

#[cfg(test)]
mod tests {
    use super::command_args;
    use std::ffi::OsString;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_binary_is_the_command_by_name_or_with_cli_first() {
        let list = args(&["/usr/bin/masthead", "list", "articles"]);
        assert_eq!(command_args(list.clone()), Some(list));
        let wrapped = args(&["/usr/bin/masthead-app", "--cli", "--site", "s", "list", "articles"]);
        assert_eq!(command_args(wrapped), Some(args(&["masthead", "--site", "s", "list", "articles"])));
        assert_eq!(command_args(args(&["/usr/bin/masthead-app", "--cli"])), Some(args(&["masthead"])));
    }

    #[test]
    fn otherwise_it_is_the_app() {
        assert_eq!(command_args(args(&["/usr/bin/masthead-app"])), None);
        assert_eq!(command_args(args(&["masthead-app", "list", "--cli"])), None);
        assert_eq!(command_args(args(&["/opt/masthead-tools/app"])), None);
        assert_eq!(command_args(Vec::new()), None);
    }
}
