// The default theme is embedded; rebuild when any of it changes.
fn main() {
    println!("cargo:rerun-if-changed=../../themes/default");
}
