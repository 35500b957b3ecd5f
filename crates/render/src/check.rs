//! `masthead check`: everything that would make the public site wrong.

use std::collections::HashSet;

use masthead_store::Article;

use crate::blocks::missing_alt;
use crate::content::Content;
use crate::markdown::render_markdown;
use crate::problem::Problem;

fn place(problems: impl IntoIterator<Item = Problem>, entity: &str, field: &str) -> impl Iterator<Item = Problem> {
    let (entity, field) = (entity.to_string(), field.to_string());
    problems.into_iter().map(move |p| p.at(&entity, &field))
}

/// Checks the public content of a snapshot (built without drafts). Problems come sorted:
/// errors first, then by entity.
pub fn check(content: &Content) -> Vec<Problem> {
    let links = &content.links;
    let mut problems: Vec<Problem> = vec![];
    let image_problems = |entity: &str, image: &Option<String>, alt: &Option<String>| -> Vec<Problem> {
        let Some(image) = image else { return vec![] };
        let mut found = vec![];
        if let Err(why) = links.resolve(image) {
            found.push(Problem::error("broken_reference", why).at(entity, "image"));
        } else if alt.is_none() && links.media_item(image).is_none_or(|m| !crate::images::alt_optional(m)) {
            found.push(missing_alt(image).at(entity, "image_alt"));
        }
        found
    };
    let sections: HashSet<&str> = content.settings.sections.iter().map(|s| s.slug.as_str()).collect();
    for a in content.articles.iter().filter(|a| a.public) {
        let Article { slug, body, image, image_alt, section, summary, seo_description, date, .. } = &a.item;
        let entity = format!("article:{slug}");
        if date.is_none() {
            problems.push(
                Problem::warning(
                    "missing_date",
                    "This published article has no date, so it is listed after every dated article and left off the home page; give it a date.",
                )
                .at(&entity, "date"),
            );
        }
        problems.extend(place(render_markdown(body, links, false).problems, &entity, "body"));
        problems.extend(image_problems(&entity, image, image_alt));
        match section {
            Some(s) if !sections.contains(s.as_str()) => problems.push(
                Problem::warning("unknown_section", format!("The section “{s}” is not in the site settings; add it there so the article is listed."))
                    .at(&entity, "section"),
            ),
            None if sections.contains(slug.as_str()) => problems.push(
                Problem::error("slug_clash", format!("The article “{slug}” has no section and the same address as the section “{slug}”; give it a section or another slug."))
                    .at(&entity, "slug"),
            ),
            _ => {}
        }
        if summary.is_none() {
            problems.push(
                Problem::warning("missing_summary", "Add a summary: it shows in listings, feeds and search results.")
                    .at(&entity, "summary"),
            );
        } else if seo_description.is_none() && summary.as_ref().is_some_and(|s| s.chars().count() > 160) {
            problems.push(
                Problem::warning(
                    "long_description",
                    "The summary is longer than search engines show (160 characters); write a shorter SEO description.",
                )
                .at(&entity, "seo_description"),
            );
        }
    }
    for p in content.pages.iter().filter(|p| p.status == masthead_store::Status::Published) {
        let entity = format!("page:{}", p.slug);
        problems.extend(place(render_markdown(&p.body, links, false).problems, &entity, "body"));
        if sections.contains(p.slug.as_str()) {
            problems.push(
                Problem::error(
                    "slug_clash",
                    format!(
                        "The page “{}” has the same address as the section of that name; rename one of them.",
                        p.slug
                    ),
                )
                .at(&entity, "slug"),
            );
        }
    }
    for s in
        content.slides.iter().filter(|s| s.status == masthead_store::Status::Published && content.slide_is_current(s))
    {
        let entity = format!("slide:{}", s.slug);
        if let Some(link) = &s.link
            && let Err(why) = links.resolve(link)
        {
            problems.push(Problem::error("slide_link", why).at(&entity, "link"));
        }
        problems.extend(image_problems(&entity, &s.image, &s.image_alt));
    }
    let st = &content.settings;
    for (field, value) in [("logo", &st.logo), ("favicon", &st.favicon), ("social_image", &st.social_image)] {
        if let Some(v) = value
            && let Err(why) = links.resolve(v)
        {
            problems.push(Problem::error("broken_reference", why).at("site", field));
        }
    }
    for n in &st.navigation {
        if let Err(why) = links.resolve(&n.link) {
            problems.push(Problem::error("broken_reference", why).at("site", "navigation"));
        }
    }
    for r in &st.redirects {
        if let Err(why) = links.resolve(&r.to) {
            problems.push(
                Problem::warning("broken_reference", format!("The old address {} leads nowhere: {why}", r.from))
                    .at("site", "redirects"),
            );
        }
    }
    if st.base_url.is_none() {
        problems.push(
            Problem::warning(
                "missing_base_url",
                "Set the site's address (base URL) so that feeds, the sitemap and shared links point to it.",
            )
            .at("site", "base_url"),
        );
    }
    let titles: std::collections::HashMap<String, &str> = content
        .articles
        .iter()
        .map(|a| (format!("article:{}", a.item.slug), a.item.title.as_str()))
        .chain(content.pages.iter().map(|p| (format!("page:{}", p.slug), p.title.as_str())))
        .chain(content.slides.iter().map(|s| (format!("slide:{}", s.slug), s.headline.as_str())))
        .collect();
    for p in &mut problems {
        p.title = match titles.get(&p.entity) {
            Some(title) => title.to_string(),
            None if p.entity == "site" => "Site settings".into(),
            None => p.entity.split_once(':').map(|(_, key)| key.to_string()).unwrap_or_default(),
        };
    }
    problems.sort_by(|a, b| {
        (a.severity, &a.entity, &a.field, &a.message).cmp(&(b.severity, &b.entity, &b.field, &b.message))
    });
    problems.dedup();
    problems
}
