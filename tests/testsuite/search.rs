//! Full-text search: ranking, snippets and queries that must never fail.

use masthead_store::*;

use crate::common::new_site;

#[test]
fn titles_rank_above_bodies() {
    let (_d, site) = new_site();
    let save = |title: &str, summary: &str, body: &str| {
        site.save(
            &Article { title: title.into(), summary: Some(summary.into()), body: body.into(), ..Default::default() },
            SaveMode::Explicit,
        )
        .unwrap()
    };
    save("Budget news", "", "The integration of migrants was mentioned once.");
    save("Integration policy index", "", "A report.");
    save("Annual review", "Integration across Europe", "Other things.");
    site.save(
        &Page {
            title: "About".into(),
            body: "We work on integration and integration and integration.".into(),
            ..Default::default()
        },
        SaveMode::Explicit,
    )
    .unwrap();
    let hits = site.search("integration", 10).unwrap();
    let slugs: Vec<&str> = hits.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(slugs[0], "integration-policy-index", "{hits:#?}");
    assert_eq!(slugs[1], "annual-review", "{hits:#?}");
    assert_eq!(hits.len(), 4);
    assert!(hits.windows(2).all(|w| w[0].rank >= w[1].rank));
    let page = hits.iter().find(|h| h.kind == Kind::Page).unwrap();
    assert_eq!(page.slug, "about");
    let body_hit = hits.iter().find(|h| h.slug == "budget-news").unwrap();
    assert!(body_hit.snippet.contains("[integration]"), "{}", body_hit.snippet);

    // Prefixes match while typing; accents are folded; all words must match.
    assert_eq!(site.search("integ", 10).unwrap().len(), 4);
    assert_eq!(site.search("integration europe", 10).unwrap().len(), 1);
    site.save(&Article { title: "Déjà vu à Zürich".into(), ..Default::default() }, SaveMode::Explicit).unwrap();
    assert_eq!(site.search("zurich deja", 10).unwrap().len(), 1);
}

#[test]
fn any_typed_text_is_a_valid_query() {
    let (_d, site) = new_site();
    site.save(
        &Article {
            title: "A \"quoted\" title AND more".into(),
            body: "x*y (z) NEAR/2 col:umn".into(),
            ..Default::default()
        },
        SaveMode::Explicit,
    )
    .unwrap();
    let hostile = [
        "\"",
        "\"\"",
        "\"unterminated",
        "AND(",
        "AND",
        "OR",
        "NOT",
        "*",
        "**",
        "a*b",
        "(",
        ")",
        "()",
        "NEAR(a b)",
        "NEAR/2",
        "title:quoted",
        "col:umn",
        "^start",
        "-minus",
        "+plus",
        "{a b}",
        "'",
        "\\",
        "%",
        "a OR",
        "\u{0}",
        "💥",
        "   ",
        "",
        "\"quoted\" AND(",
        "x*y",
        "quoted\"",
    ];
    for q in hostile {
        let result = site.search(q, 10);
        assert!(result.is_ok(), "query {q:?} failed: {:?}", result.err());
    }
    assert_eq!(site.search("\"quoted\"", 10).unwrap().len(), 1);
    assert_eq!(site.search("AND(", 10).unwrap().len(), 1, "AND is a word here, not an operator");
    assert_eq!(site.search("col:umn", 10).unwrap().len(), 1);
}
