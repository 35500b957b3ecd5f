// Without a console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

/// mimalloc, as the `masthead` binary has: this binary is that command too, and the app's own
/// builds (preview, publish) allocate the same way.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match masthead_app::command_args(std::env::args_os().collect()) {
        Some(args) => masthead_cli::main(args),
        None => {
            masthead_app::run();
            ExitCode::SUCCESS
        }
    }
}
