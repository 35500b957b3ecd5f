//! The home page: the featured slides, the home sections, upcoming events, projects, the
//! newsletter and the partners.

use masthead_store::{Article, Slide};
use serde_json::{Value, json};

use crate::content::{Content, Dated, event_times};
use crate::error::Result;
use crate::links::section_url;
use crate::plan::Common;
use crate::theme::Theme;
use crate::views::{Head, Views};

/// Cards per home section.
const HOME_CARDS: usize = 4;

/// The home page with these slides (in this order) in its carousel.
pub(crate) fn render_home(
    views: &Views<'_>,
    theme: &Theme,
    slides: Vec<&Slide>,
    common: &Common<'_>,
) -> Result<String> {
    let content = views.content;
    let slides: Vec<Value> = slides
        .into_iter()
        .filter(|s| content.slide_is_current(s))
        .filter_map(|s| {
            let url = s.link.as_deref().and_then(|l| content.links.resolve(l).ok());
            // A slide whose link is broken or not public is left out (check reports it).
            if s.link.is_some() && url.is_none() {
                return None;
            }
            Some(json!({
                "headline": s.headline,
                "blurb": s.blurb,
                "cta": s.cta,
                "url": url,
                "external": s.link.as_deref().is_some_and(Views::is_external),
                "image": views.image(s.image.as_deref(), s.image_alt.as_deref(), "100vw"),
            }))
        })
        .collect();
    fn in_section<'c>(content: &'c Content, slug: &'c str) -> impl Iterator<Item = &'c Dated<Article>> {
        content.articles.iter().filter(move |a| a.item.section.as_deref() == Some(slug))
    }
    let home_sections: Vec<Value> = content
        .settings
        .sections
        .iter()
        .filter(|s| s.home && s.slug != "events" && s.slug != "projects")
        .map(|s| {
            let cards: Vec<Value> = in_section(content, &s.slug).take(HOME_CARDS).map(|a| views.card(a)).collect();
            json!({"title": s.title, "url": section_url(&s.slug, 1), "cards": cards})
        })
        .filter(|s| s["cards"].as_array().is_some_and(|c| !c.is_empty()))
        .collect();
    // The next three events by start; cards only for those (a site may have thousands).
    let mut upcoming: Vec<(jiff::Timestamp, &Dated<Article>)> = in_section(content, "events")
        .filter_map(|a| {
            let (start, end) = event_times(&a.item, &content.dates.tz)?;
            (end.unwrap_or(start) >= content.now).then_some((start, a))
        })
        .collect();
    upcoming.sort_by_key(|(start, _)| *start);
    let upcoming: Vec<Value> = upcoming.into_iter().take(3).map(|(_, a)| views.card(a)).collect();
    let projects: Vec<Value> = in_section(content, "projects").take(HOME_CARDS).map(|a| views.card(a)).collect();
    let site = views.site("/");
    let description = content.settings.tagline.as_deref();
    let jsonld = json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": content.settings.title,
        "url": views.absolute("/"),
    });
    let page = views.page(Head {
        kind: "home",
        title: &content.settings.title,
        description,
        url: "/",
        jsonld: Some(jsonld),
        ..Head::default()
    });
    let mut ctx = common("/", page);
    ctx["slides"] = json!(slides);
    ctx["home_sections"] = json!(home_sections);
    ctx["upcoming_events"] = json!(upcoming);
    ctx["projects"] = json!(projects);
    ctx["newsletter"] = content.settings.newsletter_url.as_ref().map(|u| json!({"url": u})).unwrap_or(Value::Null);
    ctx["partners"] = site["partners"].clone();
    ctx["social"] = site["social"].clone();
    theme.render("home.html", ctx)
}
