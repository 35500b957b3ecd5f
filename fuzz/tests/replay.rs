//! The short form of the fuzzing campaign, on every `make test`: every saved input (the seeds in
//! `fuzz/corpus/TARGET/`, the corpus AFL++ grew in `fuzz/corpus/TARGET.tar.gz`, and each crash
//! it ever found, `fuzz/regressions/TARGET/`) goes through its target again, and so do a few
//! thousand deterministic mutations of them.

use std::path::{Path, PathBuf};

use masthead_fuzz::TARGETS;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = vec![];
    // The corpus AFL++ grew, minimised, packed in one archive.
    let packed = root.join("corpus").join(format!("{target}.tar.gz"));
    if let Ok(file) = std::fs::File::open(&packed) {
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
        for entry in archive.entries().unwrap() {
            let mut entry = entry.unwrap();
            if entry.header().entry_type().is_file() {
                let name = packed.join(entry.path().unwrap());
                let mut bytes = vec![];
                std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
                found.push((name, bytes));
            }
        }
    }
    for folder in ["corpus", "regressions"] {
        let Ok(dir) = std::fs::read_dir(root.join(folder).join(target)) else { continue };
        for entry in dir {
            let path = entry.unwrap().path();
            if path.is_file() {
                found.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// xorshift64*: the same mutations on every run, so a failure here is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Flips, inserts, deletes and copies bytes, as a fuzzer's havoc stage does.
fn mutate(input: &[u8], rng: &mut Rng) -> Vec<u8> {
    const INTERESTING: &[&[u8]] =
        &[b"<", b">", b"\"", b"'", b"`", b"{", b"}", b"\n", b"\0", b"../", b"javascript:", b"---\n", b"<img ", b" on"];
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if !out.is_empty() => {
                let i = at.min(out.len() - 1);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let piece = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, piece.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let from = rng.below(out.len());
                let end = (from + rng.below(32)).min(out.len());
                let piece: Vec<u8> = out[from..end].to_vec();
                out.splice(at..at, piece);
            }
            _ => out.insert(at, rng.next() as u8),
        }
    }
    out
}

#[test]
fn every_saved_input_keeps_its_target_s_properties() {
    let mut total = 0;
    for (name, target) in TARGETS {
        let saved = inputs(name);
        assert!(!saved.is_empty(), "fuzz/corpus/{name}/ is empty");
        for (path, bytes) in &saved {
            if let Err(e) = std::panic::catch_unwind(|| target(bytes)) {
                panic!("{name}: {} fails: {e:?}", path.display());
            }
        }
        // A budget of mutations per target, shared by its inputs; the slow targets (a site per
        // run) get fewer.
        let budget = if matches!(*name, "markdown" | "manifest" | "journal") { 6000 } else { 300 };
        let per_input = (budget / saved.len()).max(1);
        let mut rng = Rng(0x5EED ^ name.len() as u64);
        for (path, bytes) in &saved {
            for _ in 0..per_input {
                let mutated = mutate(bytes, &mut rng);
                if std::panic::catch_unwind(|| target(&mutated)).is_err() {
                    let keep = std::env::temp_dir().join(format!("masthead-fuzz-{name}-failure"));
                    std::fs::write(&keep, &mutated).unwrap();
                    panic!("{name}: a mutation of {} fails; the input is in {}", path.display(), keep.display());
                }
                total += 1;
            }
        }
        println!("{name}: {} saved inputs", saved.len());
    }
    println!("{total} mutated inputs");
}
