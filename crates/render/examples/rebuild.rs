//! Times a warm rebuild: one process builds a site, then an article is saved again and again (five
//! times for each kind of edit bench/edits.sh makes: body, headings, title, tags, date),
//! each time followed by a build into the same folder by the same [`Builder`] (what the
//! preview server does). Used by `bench/render.sh`.
//!
//! `cargo run --release -p masthead-render --example rebuild -- SITE_DIR [NOW [KINDS]]`
//! (KINDS: some of the kinds, comma-separated, e.g. `date,tags`; all by default; `REPS`
//! in the environment: how many times each, 5 by default).

use std::time::Instant;

/// As the `masthead` binary, which serves the preview.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use masthead_render::{BuildOptions, Builder};
use masthead_store::{Article, SaveMode, Site};

/// One kind of edit, the `i`th time.
type Edit = fn(&mut Article, usize);

fn main() {
    // MASTHEAD_LOG=masthead_render=trace shows where the time goes.
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_env("MASTHEAD_LOG")).init();
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: rebuild SITE_DIR [NOW]");
    let now = args.next().unwrap_or_else(|| "2026-01-01T00:00:00Z".into()).parse().expect("an RFC 3339 time");
    let only = args.next();
    let reps: usize = std::env::var("REPS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
    let site = Site::open(&dir).expect("a Masthead site");
    let out = tempfile::tempdir().expect("a temporary folder");
    let opts = BuildOptions { now, drafts: false };
    let mut builder = Builder::new(out.path());
    let started = Instant::now();
    builder.build(&site, &opts).expect("the site builds");
    let first = started.elapsed();
    let articles = site.list_light::<Article>().expect("articles");
    let slug = articles[articles.len() / 2].slug.clone();
    // Each kind of edit bench/edits.sh makes in a new process, five times.
    let kinds: [(&str, Edit); 5] = [
        ("body", |a, i| a.body.push_str(&format!("\n\nA paragraph added by the benchmark ({i})."))),
        ("headings", |a, i| a.body = a.body.replace("\n## ", &format!("\n## {i} "))),
        ("title", |a, i| a.title = format!("{} ({i})", a.title)),
        ("tags", |a, i| a.tags.push(format!("benchmark tag {i}"))),
        ("date", |a, i| {
            a.date = a.date.as_deref().map(|d| format!("{}-{:02}{}", &d[..7], i % 28 + 1, &d[10..]));
        }),
    ];
    for (kind, edit) in kinds {
        if only.as_deref().is_some_and(|only| !only.split(',').any(|k| k == kind)) {
            continue;
        }
        let mut times = vec![];
        for i in 0..reps {
            let mut article = site.find::<Article>(&slug).expect("readable").expect("the article");
            edit(&mut article, i);
            site.save(&article, SaveMode::Explicit).expect("saved");
            let t = Instant::now();
            let built = builder.build(&site, &opts).expect("the site builds");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(built.rendered.keys().any(|k| k.contains(&slug)), "the article page is rendered again");
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "warm rebuild after a {kind} edit: median {:.1} ms, max {:.1} ms (first build {} ms)",
            times[times.len() / 2],
            times[times.len() - 1],
            first.as_millis()
        );
    }
}
