//! Times `render_preview` for a 5,000-word article on a site, as the app's live preview does
//! on each keystroke (content and theme loaded once). Used by `bench/render.sh`.
//!
//! `cargo run --release -p masthead-render --example preview -- SITE_DIR`

use std::time::Instant;

use masthead_render::{Content, Theme, render_preview};
use masthead_store::{Article, Site};

fn article_of(words: usize) -> String {
    let vocabulary =
        ["migration", "policy", "integration", "equality", "report", "Europe", "local", "data", "research", "citizens"];
    let mut body = String::new();
    let mut n = 0;
    let mut section = 0;
    while n < words {
        section += 1;
        body.push_str(&format!("## Part {section}\n\n"));
        for _ in 0..3 {
            let sentence: Vec<&str> = (0..60).map(|i| vocabulary[(n + i * 7) % vocabulary.len()]).collect();
            body.push_str(&sentence.join(" "));
            body.push_str(". See [the report](https://example.org/report) and **the data**.\n\n");
            n += 60;
        }
        body.push_str("- first point\n- second point with *emphasis*\n- third point\n\n| Country | Score |\n|---|---|\n| A | 1 |\n| B | 2 |\n\n");
        n += 20;
    }
    body
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: preview SITE_DIR");
    let site = Site::open(&dir).expect("a Masthead site");
    let started = Instant::now();
    let content = Content::load(&site, jiff::Timestamp::now(), true).expect("content loads");
    let theme = Theme::load(Some(&site.dir().join("theme"))).expect("theme loads");
    let setup = started.elapsed();
    let mut draft = Article {
        title: "A long report".into(),
        slug: "a-long-report".into(),
        section: content.settings.sections.first().map(|s| s.slug.clone()),
        ..Default::default()
    };
    draft.body = article_of(5000);
    let words = draft.body.split_whitespace().count();
    let mut times = vec![];
    for i in 0..60 {
        draft.body.push_str(if i % 2 == 0 { " x" } else { "y" });
        let t = Instant::now();
        let html = render_preview(&content, &theme, &draft).expect("preview renders");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(html.contains("A long report"));
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "render_preview of a {words}-word article: median {:.2} ms, p90 {:.2} ms (content and theme loaded once in {} ms)",
        times[times.len() / 2],
        times[times.len() * 9 / 10],
        setup.as_millis()
    );
}
