// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

// The system allocator, not the `masthead` binary's mimalloc: with mimalloc the app took ~25 MB
// more memory (PSS with the demo site open, tests/e2e/timing.test.mjs). So the command run
// from this binary (the packages' `masthead`) builds a little slower than the separate one.
fn main() -> ExitCode {
    match masthead_app::command_args(std::env::args_os().collect()) {
        Some(args) => masthead_cli::main(args),
        None => {
            masthead_app::run();
            ExitCode::SUCCESS
        }
    }
}
