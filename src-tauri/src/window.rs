//! The main window: closing waits for the editor to save, and its size, place and maximised
//! state are kept between runs by `tauri-plugin-window-state` (the Tauri team's plugin, which
//! also checks that a remembered place is still on a connected monitor), in a file beside the
//! preferences.

use std::sync::atomic::Ordering;

use masthead_store::Prefs;
use tauri::{Emitter, Manager, Runtime, State, Window, WindowEvent, plugin::TauriPlugin};

use crate::state::AppState;

/// Remembers the window's size, place and maximised state (not its visibility or decorations,
/// which the app sets itself).
pub(crate) fn state_plugin<R: Runtime>() -> TauriPlugin<R> {
    use tauri_plugin_window_state::{Builder, StateFlags};
    // An absolute file name: the plugin joins it to the app's config folder, which an absolute
    // path replaces, so the state follows `MASTHEAD_CONFIG_DIR` as the preferences do.
    let file = Prefs::path().with_file_name("window-state.json");
    Builder::new()
        .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
        .with_filename(file.to_string_lossy())
        .build()
}

/// A close request goes to the UI first, which saves what is pending and then calls
/// [`close_window`]. Before the UI listens (or when it has failed to load) the window closes.
pub(crate) fn on_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let state = window.state::<AppState>();
        if state.close_guard.load(Ordering::SeqCst) {
            api.prevent_close();
            let _ = window.emit("masthead://close-requested", ());
        }
    }
}

/// The UI now handles close requests.
#[tauri::command]
#[specta::specta]
pub(crate) fn guard_close(state: State<'_, AppState>) {
    state.close_guard.store(true, Ordering::SeqCst);
}

/// Closes the window for good (the UI has saved, or the user chose to discard).
#[tauri::command]
#[specta::specta]
pub(crate) fn close_window(window: Window, state: State<'_, AppState>) {
    state.close_guard.store(false, Ordering::SeqCst);
    let _ = window.close();
}
