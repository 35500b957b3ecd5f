fn main() {
    // Relative relocations packed (RELR, glibc 2.36+): the loader no longer reads and keeps
    // ~2 MB of relocation entries in memory for the app's ~90,000 pointers.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    tauri_build::build()
}
