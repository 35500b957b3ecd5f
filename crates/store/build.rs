// The demo site in `content/` is embedded; rebuild when any of it changes.
fn main() {
    println!("cargo:rerun-if-changed=../../content");
}
