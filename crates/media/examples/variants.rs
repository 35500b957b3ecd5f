//! Adds one image (or report PDF) to a new site in OUT_DIR the way `masthead media add` does,
//! and prints the time it took and the variants made: `cargo run --release -p masthead-media
//! --example variants -- FILE OUT_DIR`. Used by `bench/media.sh`.

use std::time::Instant;

use masthead_store::{NewMedia, Site};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(file), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: variants FILE OUT_DIR");
        std::process::exit(2);
    };
    let site = Site::create(&out).unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let bytes = std::fs::read(&file).expect("readable file");
    let new = NewMedia { bytes: &bytes, original_name: &file, ..Default::default() };
    let (added, set) = masthead_media::add(&site, new).unwrap_or_else(|e| panic!("{e}"));
    let total = started.elapsed();
    let dir = masthead_media::variant_dir(&site.cache_dir(), &added.media);
    for v in &set.variants {
        println!("{}\t{}x{}\t{}\t{}", v.width, v.width, v.height, v.format, dir.join(&v.file).display());
    }
    println!("total_ms\t{}", total.as_millis());
}
