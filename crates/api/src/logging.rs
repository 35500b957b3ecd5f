//! The log both front ends write: to stderr, filtered by `$MASTHEAD_LOG` (e.g. `info`,
//! `masthead_publish=debug`).

/// The variable that sets what is logged.
pub const LOG_VAR: &str = "MASTHEAD_LOG";

/// Starts logging (once per process; later calls do nothing).
pub fn init() {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env(LOG_VAR))
        .with_writer(std::io::stderr)
        .try_init();
}
