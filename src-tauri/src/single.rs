//! One Masthead window per user: a second start asks the first to come to the front and
//! exits. `tauri-plugin-single-instance` carries the request: a D-Bus name on Linux, a Unix
//! socket on macOS, a named mutex and a window message on Windows.
//!
//! On Linux the plugin needs a D-Bus session bus. Without one (a bare `xvfb-run`, CI, some
//! kiosk setups) it lets the app start without the guard (since 2.5; it panicked before).
//! The plugin ends a second start without a word, so Masthead looks on the bus first and says
//! why it ends to whoever started it from a terminal.

use tauri::{AppHandle, Manager, Runtime, plugin::TauriPlugin};

/// What a second start prints before handing over (the window itself then comes forward).
#[cfg(target_os = "linux")]
const ALREADY_OPEN: &str = "Masthead is already open: its window was brought to the front.";

/// The plugin, to be registered first among the app's plugins (a second instance must be
/// caught before anything else is set up).
pub(crate) fn plugin<R: Runtime>() -> TauriPlugin<R> {
    let id = dbus_id(std::env::var_os("MASTHEAD_CONFIG_DIR").as_deref());
    #[cfg(target_os = "linux")]
    match linux::name_taken(&format!("{id}.SingleInstance")) {
        // The plugin then hands over and ends this process before any window shows.
        Ok(true) => eprintln!("{ALREADY_OPEN}"),
        Ok(false) => {}
        Err(why) => tracing::warn!("no D-Bus session bus ({why}): a second start of Masthead opens a second window"),
    }
    tauri_plugin_single_instance::Builder::new().dbus_id(id).callback(|app, _args, _cwd| bring_forward(app)).build()
}

fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

/// The app's identifier; with `MASTHEAD_CONFIG_DIR` set, one per preferences folder, so that
/// instances with their own preferences (the tests, a second profile) do not stand in for each
/// other (as the Unix socket beside the preferences did before). The D-Bus id is used on Linux
/// only: macOS and Windows key the plugin on the bundle identifier alone.
fn dbus_id(config_dir: Option<&std::ffi::OsStr>) -> String {
    use std::hash::{Hash, Hasher};
    const IDENTIFIER: &str = "org.masthead.desktop";
    match config_dir {
        None => IDENTIFIER.to_string(),
        Some(dir) => {
            // SipHash with fixed keys: the same folder gives the same id in every process of
            // this build, which is all that is asked of it.
            let mut h = std::collections::hash_map::DefaultHasher::new();
            dir.hash(&mut h);
            format!("{IDENTIFIER}.c{:016x}", h.finish())
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    use zbus::blocking::{Connection, fdo::DBusProxy};
    use zbus::names::BusName;

    /// Whether a running Masthead holds `name` on the session bus; an error when there is no
    /// usable session bus.
    pub(super) fn name_taken(name: &str) -> Result<bool, String> {
        let bus = Connection::session().map_err(|e| e.to_string())?;
        let name = BusName::try_from(name).map_err(|e| e.to_string())?;
        let dbus = DBusProxy::new(&bus).map_err(|e| e.to_string())?;
        dbus.name_has_owner(name).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    #[test]
    fn each_config_folder_has_its_own_valid_bus_name() {
        let ids = [None, Some(OsStr::new("/tmp/a/config")), Some(OsStr::new("/tmp/b/config"))].map(super::dbus_id);
        assert_eq!(ids[0], "org.masthead.desktop");
        assert_ne!(ids[1], ids[2]);
        assert_eq!(ids[1], super::dbus_id(Some(OsStr::new("/tmp/a/config"))), "the same folder, the same name");
        for id in &ids {
            for part in id.split('.') {
                assert!(part.starts_with(|c: char| c.is_ascii_alphabetic()), "{id}");
                assert!(part.chars().all(|c| c.is_ascii_alphanumeric()), "{id}");
            }
        }
    }
}
