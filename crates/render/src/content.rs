//! A consistent snapshot of a site's content, with what is public at the build's `now`.

use jiff::Timestamp;
use std::collections::{BTreeSet, HashMap, HashSet};

use masthead_store::{
    Article, Kind, Media, Page, Settings, Site, Slide, Status, media_names_in, parse_date, time_zone,
};

use crate::dates::Dates;
use crate::error::Result;
use crate::links::{Links, Target, article_url, page_url};

/// What goes into one build.
#[derive(Clone, Debug)]
pub struct Content {
    pub settings: Settings,
    /// Articles in the build, newest first, with their dates.
    pub articles: Vec<Dated<Article>>,
    /// Slides in the build by position.
    pub slides: Vec<Slide>,
    pub pages: Vec<Page>,
    pub media: Vec<Media>,
    pub links: Links,
    pub dates: Dates,
    pub now: Timestamp,
    /// Drafts and scheduled content are included (and marked).
    pub drafts: bool,
    /// Old address → current address, for renamed or moved articles and pages in the build.
    pub redirects: Vec<(String, String)>,
    /// Media items that the content of this build uses; only these are published.
    pub used_media: BTreeSet<String>,
}

/// Articles without their bodies, kept between builds: only those saved since are read again.
#[derive(Debug, Default)]
pub(crate) struct ArticleCache(HashMap<i64, Article>);

impl ArticleCache {
    /// Every article not in the trash, without its body, in list order.
    fn articles(&mut self, site: &Site) -> Result<Vec<Article>> {
        if self.0.is_empty() {
            let all = site.list_light::<Article>()?;
            self.0 = all.iter().map(|a| (a.meta.id, a.clone())).collect();
            return Ok(all);
        }
        let stamps = site.article_stamps()?;
        let stale: Vec<i64> =
            stamps.iter().filter(|s| self.0.get(&s.id).is_none_or(|a| !s.matches(&a.meta))).map(|s| s.id).collect();
        self.0.extend(site.list_light_by_ids::<Article>(&stale)?.into_iter().map(|a| (a.meta.id, a)));
        if self.0.len() > stamps.len() {
            let live: HashSet<i64> = stamps.iter().map(|s| s.id).collect();
            self.0.retain(|id, _| live.contains(id));
        }
        // An article saved again between the two reads is read again next time.
        Ok(stamps.iter().filter_map(|s| self.0.get(&s.id).cloned()).collect())
    }
}

/// An entity with its publication moment and whether it is public.
#[derive(Clone, Debug)]
pub struct Dated<T> {
    pub item: T,
    pub date: Option<Timestamp>,
    pub public: bool,
}

/// Whether a slide's show-from/until window contains `now`. A plain date as the last day
/// means until the end of that day.
fn shows_at(s: &Slide, tz: &jiff::tz::TimeZone, now: Timestamp) -> bool {
    let date = |d: &Option<String>| d.as_deref().and_then(|d| parse_date(d, tz).ok());
    let until = date(&s.show_until).map(|u| {
        let whole_day = s.show_until.as_deref().is_some_and(|d| d.trim().len() == 10);
        if whole_day { u.checked_add(jiff::SignedDuration::from_hours(24)).unwrap_or(u) } else { u }
    });
    date(&s.show_from).is_none_or(|from| from <= now) && until.is_none_or(|until| now < until)
}

/// Published, and due.
fn is_public(status: Status, date: Option<Timestamp>, now: Timestamp) -> bool {
    status == Status::Published && date.is_none_or(|d| d <= now)
}

impl Content {
    /// Reads everything needed from the store.
    pub fn load(site: &Site, now: Timestamp, drafts: bool) -> Result<Content> {
        Content::load_with(site, now, drafts, site.list::<Article>()?)
    }

    /// Fills in the bodies of the articles with these ids.
    pub fn load_bodies(&mut self, site: &Site, ids: &HashSet<i64>) -> Result<()> {
        let wanted: Vec<i64> = self.articles.iter().map(|a| a.item.meta.id).filter(|id| ids.contains(id)).collect();
        let mut bodies = site.bodies(Kind::Article, &wanted)?;
        for a in &mut self.articles {
            if let Some(body) = bodies.remove(&a.item.meta.id) {
                a.item.body = body;
            }
        }
        Ok(())
    }

    /// As [`Content::load`], but articles come without their bodies (see
    /// [`Content::load_bodies`]): an incremental build only needs those it renders.
    pub fn load_light(site: &Site, now: Timestamp, drafts: bool) -> Result<Content> {
        Content::load_with(site, now, drafts, site.list_light::<Article>()?)
    }

    /// As [`Content::load_light`], with the articles from `cache` (which re-reads those
    /// saved since it last read them).
    pub(crate) fn load_cached(site: &Site, now: Timestamp, drafts: bool, cache: &mut ArticleCache) -> Result<Content> {
        Content::load_with(site, now, drafts, cache.articles(site)?)
    }

    /// Everything else from the store, around `articles` (in list order).
    fn load_with(site: &Site, now: Timestamp, drafts: bool, articles: Vec<Article>) -> Result<Content> {
        let settings = site.settings()?;
        let tz = time_zone(&settings.timezone)?;
        let date_of = |d: &Option<String>| d.as_deref().and_then(|d| parse_date(d, &tz).ok());
        let all_articles: Vec<Dated<Article>> = articles
            .into_iter()
            .map(|a| {
                let date = date_of(&a.date);
                Dated { public: is_public(a.status, date, now), date, item: a }
            })
            .collect();
        let pages = site.list::<Page>()?;
        let media = site.list::<Media>()?;
        let mut links = Links { drafts, ..Default::default() };
        for a in &all_articles {
            let t = Target { url: article_url(&a.item), title: a.item.title.clone(), public: a.public };
            links.articles.insert(a.item.slug.clone(), t);
        }
        for p in &pages {
            let t = Target { url: page_url(p), title: p.title.clone(), public: p.status == Status::Published };
            links.pages.insert(p.slug.clone(), t);
        }
        links.media = media.iter().map(|m| (m.name.clone(), m.clone())).collect();
        let slides: Vec<Slide> =
            site.list::<Slide>()?.into_iter().filter(|s| drafts || s.status == Status::Published).collect();
        let articles: Vec<Dated<Article>> = all_articles.into_iter().filter(|a| drafts || a.public).collect();
        let pages: Vec<Page> = pages.into_iter().filter(|p| drafts || p.status == Status::Published).collect();
        let mut current: std::collections::HashMap<(Kind, i64), String> =
            articles.iter().map(|a| ((Kind::Article, a.item.meta.id), article_url(&a.item))).collect();
        current.extend(pages.iter().map(|p| ((Kind::Page, p.meta.id), page_url(p))));
        let mut redirects: Vec<(String, String)> = site
            .old_addresses()?
            .into_iter()
            .filter_map(|old| {
                let target = current.get(&(old.kind, old.entity_id))?;
                let from = match &old.section {
                    Some(section) => format!("/{section}/{}/", old.slug),
                    None => format!("/{}/", old.slug),
                };
                (from != *target).then(|| (from, target.clone()))
            })
            .collect();
        // The latest rename of an address wins.
        redirects.reverse();
        let mut seen = std::collections::HashSet::new();
        redirects.retain(|(from, _)| seen.insert(from.clone()));
        redirects.sort();
        let mut used_media = BTreeSet::new();
        let in_build: HashSet<(Kind, i64)> = articles
            .iter()
            .map(|a| (Kind::Article, a.item.meta.id))
            .chain(pages.iter().map(|p| (Kind::Page, p.meta.id)))
            .chain(slides.iter().filter(|s| shows_at(s, &tz, now)).map(|s| (Kind::Slide, s.meta.id)))
            .collect();
        for u in site.media_uses()? {
            if in_build.contains(&(u.kind, u.entity_id)) {
                used_media.insert(u.name);
            }
        }
        let st = &settings;
        let site_refs = [&st.logo, &st.favicon, &st.social_image].into_iter().flatten();
        for text in site_refs.chain(st.partners.iter().filter_map(|p| p.logo.as_ref())) {
            used_media.extend(media_names_in(text).into_iter().map(str::to_string));
        }
        used_media.retain(|name| links.media.contains_key(name));
        let used: Vec<&Media> = used_media.iter().map(|name| &links.media[name]).collect();
        // An item whose variants cannot be made is still published, as a plain image.
        links.variants = masthead_media::variants_of(site, &used)
            .into_iter()
            .filter_map(|(name, set)| {
                set.map_err(|e| tracing::warn!(media = %name, "no variants: {e}")).ok().map(|s| (name, s))
            })
            .collect();
        Ok(Content {
            used_media,
            redirects,
            articles,
            pages,
            slides,
            media,
            links,
            dates: Dates { tz },
            now,
            drafts,
            settings,
        })
    }

    /// Whether a slide shows at the build's `now` (its show-from/until window).
    pub fn slide_is_current(&self, s: &Slide) -> bool {
        shows_at(s, &self.dates.tz, self.now)
    }

    /// A label for content that visitors would not see yet ("Draft", "Scheduled for …").
    pub fn draft_label(&self, status: Status, date: Option<Timestamp>) -> Option<String> {
        match status {
            Status::Published => date.filter(|d| *d > self.now).map(|d| format!("Scheduled for {}", self.dates.day(d))),
            Status::Draft => Some("Draft".into()),
            Status::Review => Some("In review".into()),
            Status::Ready => Some("Ready, not yet published".into()),
        }
    }
}
