//! The module graph of each crate: modules refer to each other (`crate::x`) in layers, never in a
//! circle, so that each can be read knowing only what is below it.
//!
//! The cycles still to be taken apart (issue 18) are listed; a new cycle, or one of these growing,
//! fails. When one is taken apart, remove it from the list (the test says so).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::repo;

/// Cycles that remain, by crate, each as its sorted module names.
const KNOWN: &[(&str, &[&str])] = &[];

/// Every crate of the workspace with a `src/` folder (new crates are checked as they come).
fn crates() -> Vec<String> {
    let mut all: Vec<String> = std::fs::read_dir(repo().join("crates"))
        .unwrap()
        .map(|e| format!("crates/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|c| repo().join(c).join("src").is_dir())
        .collect();
    all.push("src-tauri".into());
    all.sort();
    all
}

/// Module → the modules of the same crate it names, from every `.rs` file (unit tests aside).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![];
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for file in files {
        let rel = file.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
        let module = rel.trim_end_matches(".rs").split('/').next().unwrap().to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let uses = graph.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                uses.insert(name);
            }
        }
    }
    graph
}

/// The strongly connected components with more than one module (Tarjan).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in &s.graph[v] {
            let Some((w, _)) = s.graph.get_key_value(w.as_str()) else { continue };
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.stack.contains(&w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = vec![];
            while let Some(w) = s.stack.pop() {
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: vec![], found: vec![] };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

#[test]
fn no_crate_has_a_module_cycle_beyond_the_known_ones() {
    let mut unexpected = vec![];
    let mut known_seen = BTreeSet::new();
    for krate in crates() {
        for cycle in cycles(&graph(&repo().join(&krate).join("src"))) {
            let known = KNOWN.iter().position(|(c, mods)| *c == krate && *mods == cycle.as_slice());
            match known {
                Some(i) => {
                    known_seen.insert(i);
                }
                None => unexpected.push(format!("{krate}: {}", cycle.join(" → "))),
            }
        }
    }
    assert!(unexpected.is_empty(), "module cycles (make the modules import in one direction): {unexpected:#?}");
    let gone: Vec<String> = (0..KNOWN.len())
        .filter(|i| !known_seen.contains(i))
        .map(|i| format!("{}: {}", KNOWN[i].0, KNOWN[i].1.join(", ")))
        .collect();
    assert!(gone.is_empty(), "these cycles are gone: remove them from KNOWN: {gone:?}");
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let g: BTreeMap<String, BTreeSet<String>> =
        [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec!["a"])]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
            .collect();
    assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".into(), "c".into()]]);
}

/// The front ends only parse, pass through and print: the domain's defaults, file names and
/// error codes live in the library crates (`crates/api` and below).
#[test]
fn the_front_ends_hold_no_domain_defaults() {
    let forbidden = [
        "\"site.db\"",
        "Untitled",
        "(copy)",
        "New slide",
        "Read more",
        "tracing_subscriber",
        "code: \"",
        "First connection to this host",
    ];
    let mut found = vec![];
    for front in ["crates/cli/src", "src-tauri/src"] {
        let dir = repo().join(front);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for word in forbidden.iter().filter(|w| text.contains(*w)) {
                found.push(format!("{}: {word}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "move these into crates/api: {found:?}");
}

/// A function that takes more than clippy's seven arguments takes a context struct instead
/// (as mdBook's `RenderContext`): none silences the lint that counts them.
#[test]
fn no_function_silences_the_lint_on_its_number_of_arguments() {
    let lint = ["too_many", "_arguments"].concat();
    let mut found = vec![];
    let mut dirs: Vec<std::path::PathBuf> = crates().iter().map(|c| repo().join(c).join("src")).collect();
    dirs.extend(["src-tauri/src", "tests"].map(|d| repo().join(d)));
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path).unwrap().contains(&lint)
            {
                found.push(path.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "{lint} allowed in {found:?}");
}
