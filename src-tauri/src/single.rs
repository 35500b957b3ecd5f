//! One Masthead window per user: a second start asks the first to come to the front and
//! exits. A Unix socket next to the preferences carries the request (the Tauri plugin for
//! this needs a D-Bus session bus on Linux, which CI and some desktops lack).

#[cfg(unix)]
mod imp {
    use std::io::{Read, Write};
    use std::os::unix::net::{UnixListener, UnixStream};

    use tauri::{AppHandle, Manager};

    /// `None` after asking the instance already running to show itself; else this is the
    /// first, with the listener for later starts (if the socket could be made).
    pub(crate) fn claim() -> Option<Option<UnixListener>> {
        let path = masthead_store::Prefs::path().with_file_name("app.sock");
        if let Ok(mut first) = UnixStream::connect(&path) {
            let _ = first.write_all(b"show\n");
            return None;
        }
        // No one answers: a leftover of a crash.
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::create_dir_all(path.parent().expect("a folder"));
        match UnixListener::bind(&path) {
            Ok(l) => Some(Some(l)),
            Err(e) => {
                tracing::warn!("cannot watch for a second start ({}): {e}", path.display());
                Some(None)
            }
        }
    }

    /// Brings the window to the front whenever a second start asks.
    pub(crate) fn serve(listener: Option<UnixListener>, app: AppHandle) {
        let Some(listener) = listener else { return };
        std::thread::spawn(move || {
            for mut conn in listener.incoming().flatten() {
                let mut buf = [0u8; 16];
                let _ = conn.read(&mut buf);
                if let Some(w) = app.get_webview_window("main") {
                    let _ = w.unminimize();
                    let _ = w.show();
                    let _ = w.set_focus();
                }
            }
        });
    }
}

#[cfg(not(unix))]
mod imp {
    pub(crate) fn claim() -> Option<Option<()>> {
        Some(None)
    }
    pub(crate) fn serve(_: Option<()>, _: tauri::AppHandle) {}
}

pub(crate) use imp::{claim, serve};
