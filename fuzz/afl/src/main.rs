//! One AFL++ binary for every target; `MASTHEAD_FUZZ_TARGET` chooses which.

fn main() {
    let name = std::env::var("MASTHEAD_FUZZ_TARGET").unwrap_or_default();
    let Some((_, target)) = masthead_fuzz::TARGETS.iter().find(|(n, _)| *n == name) else {
        let names: Vec<&str> = masthead_fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("Set MASTHEAD_FUZZ_TARGET to one of: {}", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
