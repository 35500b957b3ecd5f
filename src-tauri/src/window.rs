//! The main window: closing waits for the editor to save, and the size and position are
//! remembered between runs (in the per-machine preferences).

use std::sync::atomic::Ordering;

use masthead_store::{Prefs, WindowPlace};
use tauri::{AppHandle, Emitter, Manager, PhysicalPosition, PhysicalSize, State, Window, WindowEvent};

use crate::state::AppState;

/// Puts the main window where it was last time.
pub(crate) fn restore(app: &AppHandle) {
    let (Some(place), Some(window)) = (Prefs::load().window, app.get_webview_window("main")) else { return };
    let _ = window.set_size(PhysicalSize::new(place.width, place.height));
    let _ = window.set_position(PhysicalPosition::new(place.x, place.y));
    if place.maximized {
        let _ = window.maximize();
    }
}

fn remember(window: &Window) {
    let (Ok(size), Ok(position)) = (window.inner_size(), window.outer_position()) else { return };
    let mut prefs = Prefs::load();
    let maximized = window.is_maximized().unwrap_or(false);
    let previous = prefs.window.clone();
    prefs.window = Some(match (maximized, previous) {
        // A maximised window keeps the size it will return to.
        (true, Some(before)) => WindowPlace { maximized, ..before },
        _ => WindowPlace { x: position.x, y: position.y, width: size.width, height: size.height, maximized },
    });
    if let Err(e) = prefs.save() {
        tracing::warn!("could not remember the window's place: {e}");
    }
}

/// A close request goes to the UI first, which saves what is pending and then calls
/// [`close_window`]. Before the UI listens (or when it has failed to load) the window closes.
pub(crate) fn on_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        remember(window);
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
