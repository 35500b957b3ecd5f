//! A consistent snapshot of a site's content, with what is public at the build's `now`.

use jiff::Timestamp;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

use masthead_store::{
    Article, Kind, Media, OldAddress, Page, Settings, Site, Slide, Status, media_names_in, parse_date, time_zone,
};

use crate::FastMap;
use crate::dates::Dates;
use crate::error::Result;
use crate::links::{LinkTarget, Links, article_url, page_url};

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
    /// The media names each article of the build uses (sorted).
    pub(crate) article_uses: HashMap<i64, Vec<String>>,
    /// The first moment after `now` at which a build of the same content would differ (a
    /// scheduled article comes out, an event is over, a slide starts or stops showing, the
    /// year turns).
    pub(crate) changes_at: Option<Timestamp>,
}

/// Articles without their bodies, kept between builds: only those saved since are read again.
#[derive(Debug, Default)]
pub(crate) struct ArticleCache {
    by_id: FastMap<i64, Article>,
    /// Ids in list order.
    order: Vec<i64>,
}

/// What changed in the store's articles since an [`ArticleCache`] last looked.
#[derive(Debug, Default)]
pub(crate) struct Saved {
    /// Articles saved since, as they were (`None`: new) and as they are now.
    pub(crate) changed: Vec<(Option<Article>, Article)>,
    /// Articles gone from the list (trashed or deleted).
    pub(crate) removed: Vec<Article>,
}

impl ArticleCache {
    /// Reads the articles saved since the last call (all of them the first time).
    pub(crate) fn refresh(&mut self, site: &Site) -> Result<Saved> {
        let mut saved = Saved::default();
        if self.by_id.is_empty() {
            let all = site.list_light::<Article>()?;
            self.order = all.iter().map(|a| a.meta.id).collect();
            self.by_id = all.into_iter().map(|a| (a.meta.id, a)).collect();
            return Ok(saved);
        }
        let stamps = site.article_stamps()?;
        let stale: Vec<i64> =
            stamps.iter().filter(|s| self.by_id.get(&s.id).is_none_or(|a| !s.matches(&a.meta))).map(|s| s.id).collect();
        for a in site.list_light_by_ids::<Article>(&stale)? {
            let old = self.by_id.insert(a.meta.id, a.clone());
            saved.changed.push((old, a));
        }
        if self.by_id.len() > stamps.len() {
            let live: HashSet<i64> = stamps.iter().map(|s| s.id).collect();
            let gone: Vec<i64> = self.by_id.keys().filter(|id| !live.contains(id)).copied().collect();
            saved.removed = gone.iter().filter_map(|id| self.by_id.remove(id)).collect();
        }
        // An article saved again between the two reads is read again next time.
        self.order = stamps.iter().map(|s| s.id).filter(|id| self.by_id.contains_key(id)).collect();
        Ok(saved)
    }

    /// A cache holding these articles (in list order), to be refreshed.
    pub(crate) fn from_articles(articles: Vec<Article>) -> ArticleCache {
        let order = articles.iter().map(|a| a.meta.id).collect();
        let mut by_id = HashMap::with_capacity_and_hasher(articles.len(), Default::default());
        by_id.extend(articles.into_iter().map(|a| (a.meta.id, a)));
        ArticleCache { by_id, order }
    }

    /// The ids of the articles, in list order.
    pub(crate) fn order(&self) -> &[i64] {
        &self.order
    }

    /// The article with this id, without its body.
    pub(crate) fn get(&self, id: i64) -> Option<&Article> {
        self.by_id.get(&id)
    }

    /// Every article not in the trash, without its body, in list order.
    fn articles(&self) -> Vec<Article> {
        self.articles_with(|_| None)
    }

    /// As [`ArticleCache::articles`], with those `swap` gives in place of the cached ones.
    pub(crate) fn articles_with(&self, swap: impl Fn(&Article) -> Option<Article> + Sync) -> Vec<Article> {
        // (Ten thousand copies, made on every core.)
        self.order.par_iter().map(|id| &self.by_id[id]).map(|a| swap(a).unwrap_or_else(|| a.clone())).collect()
    }
}

/// Everything a build reads besides the articles: small, read whole every time.
#[derive(Clone, Debug)]
pub(crate) struct Rest {
    settings: Settings,
    pages: Vec<Page>,
    media: Vec<Media>,
    slides: Vec<Slide>,
    old_addresses: Vec<OldAddress>,
}

impl Rest {
    pub(crate) fn load(site: &Site) -> Result<Rest> {
        Ok(Rest {
            settings: site.settings()?,
            pages: site.list::<Page>()?,
            media: site.list::<Media>()?,
            slides: site.list::<Slide>()?,
            old_addresses: site.old_addresses()?,
        })
    }

    /// Changes whenever any of it does.
    pub(crate) fn fingerprint(&self) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        h.update(&serde_json::to_vec(&self.settings).expect("settings serialise"));
        for p in &self.pages {
            h.update(format!("p{}:{}:{}\n", p.meta.id, p.meta.version, p.meta.updated_at).as_bytes());
        }
        for m in &self.media {
            h.update(format!("m{}:{}:{}:{}\n", m.name, m.hash, m.meta.version, m.meta.updated_at).as_bytes());
        }
        for s in &self.slides {
            h.update(format!("s{}:{}:{}\n", s.meta.id, s.meta.version, s.meta.updated_at).as_bytes());
        }
        h.update(&serde_json::to_vec(&self.old_addresses).expect("addresses serialise"));
        h.finalize()
    }
}

/// An entity with its publication moment and whether it is public.
#[derive(Clone, Debug)]
pub struct Dated<T> {
    pub item: T,
    pub date: Option<Timestamp>,
    pub public: bool,
}

/// A slide's show-from/until window. A plain date as the last day means until the end of that
/// day.
fn window(s: &Slide, tz: &jiff::tz::TimeZone) -> (Option<Timestamp>, Option<Timestamp>) {
    let date = |d: &Option<String>| d.as_deref().and_then(|d| parse_date(d, tz).ok());
    let until = date(&s.show_until).map(|u| {
        let whole_day = s.show_until.as_deref().is_some_and(|d| d.trim().len() == 10);
        if whole_day { u.checked_add(jiff::SignedDuration::from_hours(24)).unwrap_or(u) } else { u }
    });
    (date(&s.show_from), until)
}

/// Whether a slide's show-from/until window contains `now`.
fn shows_at(s: &Slide, tz: &jiff::tz::TimeZone, now: Timestamp) -> bool {
    let (from, until) = window(s, tz);
    from.is_none_or(|from| from <= now) && until.is_none_or(|until| now < until)
}

/// An event's start and end, when the article is one.
pub(crate) fn event_times(a: &Article, tz: &jiff::tz::TimeZone) -> Option<(Timestamp, Option<Timestamp>)> {
    let start = parse_date(a.event_start.as_deref()?, tz).ok()?;
    Some((start, a.event_end.as_deref().and_then(|e| parse_date(e, tz).ok())))
}

/// The moment after which an event is no longer upcoming, if it still is at `now`.
pub(crate) fn event_over_at(a: &Article, tz: &jiff::tz::TimeZone, now: Timestamp) -> Option<Timestamp> {
    let (start, end) = event_times(a, tz)?;
    let last = end.unwrap_or(start);
    (last >= now).then(|| last.checked_add(jiff::SignedDuration::from_nanos(1)).unwrap_or(last))
}

/// The first moment after `now` at which what is public, upcoming or showing changes, or the
/// year does.
fn changes_at(
    articles: &[Dated<Article>],
    slides: &[Slide],
    tz: &jiff::tz::TimeZone,
    now: Timestamp,
) -> Option<Timestamp> {
    let year = now.to_zoned_datetime(tz.clone()).year();
    let new_year =
        jiff::civil::date(year.saturating_add(1), 1, 1).to_zoned_datetime(tz.clone()).ok().map(|z| z.timestamp());
    let scheduled = articles.iter().filter(|a| a.item.status == Status::Published).filter_map(|a| a.date);
    let events = articles.iter().filter_map(|a| event_over_at(&a.item, tz, now));
    let slides = slides.iter().flat_map(|s| {
        let (from, until) = window(s, tz);
        [from, until].into_iter().flatten()
    });
    scheduled.chain(slides).filter(|t| *t > now).chain(events).chain(new_year).min()
}

/// Published, and due.
pub(crate) fn is_public(status: Status, date: Option<Timestamp>, now: Timestamp) -> bool {
    status == Status::Published && date.is_none_or(|d| d <= now)
}

impl Content {
    /// Reads everything needed from the store.
    pub fn load(site: &Site, now: Timestamp, drafts: bool) -> Result<Content> {
        Content::load_with(site, now, drafts, site.list::<Article>()?, Rest::load(site)?, None)
    }

    /// Makes the variants of the pictures the site uses that have none yet (an explicit step
    /// of a build: loading content only reads them). An item whose variants cannot be made is
    /// still published, as a plain image.
    pub fn make_variants(&mut self, site: &Site) {
        let missing: Vec<&Media> = self
            .used_media
            .iter()
            .filter(|name| !self.links.variants.contains_key(*name))
            .map(|name| &self.links.media[name])
            .collect();
        if missing.is_empty() {
            return;
        }
        let made: Vec<(String, masthead_media::VariantSet)> = masthead_media::variants_of(site, &missing)
            .into_iter()
            .filter_map(|(name, set)| {
                set.map_err(|e| tracing::warn!(media = %name, "no variants: {e}")).ok().map(|s| (name, s))
            })
            .collect();
        self.links.variants.extend(made);
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

    /// Empties the bodies of the articles with these ids again.
    pub(crate) fn drop_bodies(&mut self, ids: &HashSet<i64>) {
        for a in self.articles.iter_mut().filter(|a| ids.contains(&a.item.meta.id)) {
            a.item.body = String::new();
        }
    }

    /// As [`Content::load`], but articles come without their bodies (see
    /// [`Content::load_bodies`]): an incremental build only needs those it renders.
    pub fn load_light(site: &Site, now: Timestamp, drafts: bool) -> Result<Content> {
        Content::load_with(site, now, drafts, site.list_light::<Article>()?, Rest::load(site)?, None)
    }

    /// As [`Content::load_light`], with the articles from `cache` and the rest already read.
    pub(crate) fn load_cached(
        site: &Site,
        now: Timestamp,
        drafts: bool,
        cache: &ArticleCache,
        rest: Rest,
    ) -> Result<Content> {
        Content::load_with(site, now, drafts, cache.articles(), rest, None)
    }

    /// Everything else from the store, around `articles` (in list order). `known_uses`: the
    /// media each article in the build uses, when a snapshot knows it (the store is not asked).
    pub(crate) fn load_with(
        site: &Site,
        now: Timestamp,
        drafts: bool,
        articles: Vec<Article>,
        rest: Rest,
        known_uses: Option<HashMap<i64, Vec<String>>>,
    ) -> Result<Content> {
        let started = std::time::Instant::now();
        let lap = |what: &str| tracing::trace!(ms = started.elapsed().as_secs_f64() * 1000.0, "content: {what}");
        let Rest { settings, pages, media, slides, old_addresses } = rest;
        let tz = time_zone(&settings.timezone)?;
        let date_of = |d: &Option<String>| d.as_deref().and_then(|d| parse_date(d, &tz).ok());
        let all_articles: Vec<Dated<Article>> = articles
            .into_par_iter()
            .map(|a| {
                let date = date_of(&a.date);
                Dated { public: is_public(a.status, date, now), date, item: a }
            })
            .collect();
        let mut links = Links { drafts, ..Default::default() };
        for a in &all_articles {
            let t = LinkTarget { url: article_url(&a.item), title: a.item.title.clone(), public: a.public };
            links.articles.insert(a.item.slug.clone(), t);
        }
        for p in &pages {
            let t = LinkTarget { url: page_url(p), title: p.title.clone(), public: p.status == Status::Published };
            links.pages.insert(p.slug.clone(), t);
        }
        links.media = media.iter().map(|m| (m.name.clone(), m.clone())).collect();
        lap("dated and linked");
        let slides: Vec<Slide> = slides.into_iter().filter(|s| drafts || s.status == Status::Published).collect();
        let changes_at = changes_at(&all_articles, &slides, &tz, now);
        let articles: Vec<Dated<Article>> = all_articles.into_iter().filter(|a| drafts || a.public).collect();
        let pages: Vec<Page> = pages.into_iter().filter(|p| drafts || p.status == Status::Published).collect();
        // The current addresses of what was renamed.
        let renamed: HashSet<(Kind, i64)> = old_addresses.iter().map(|o| (o.kind, o.entity_id)).collect();
        let mut current: HashMap<(Kind, i64), String> = HashMap::new();
        for a in articles.iter().filter(|a| renamed.contains(&(Kind::Article, a.item.meta.id))) {
            current.insert((Kind::Article, a.item.meta.id), article_url(&a.item));
        }
        current.extend(pages.iter().map(|p| ((Kind::Page, p.meta.id), page_url(p))));
        let mut redirects: Vec<(String, String)> = old_addresses
            .into_iter()
            .filter_map(|old| {
                let target = current.get(&(old.kind, old.entity_id))?;
                let from = old.path();
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
        lap("redirects");
        // The articles' uses: as a snapshot knows them, or from the store.
        let (mut article_uses, uses) = match known_uses {
            Some(known) => {
                for name in known.values().flatten() {
                    // (Most articles share their pictures with others: no copy for those.)
                    if !used_media.contains(name) {
                        used_media.insert(name.clone());
                    }
                }
                (known, site.media_uses_besides(Kind::Article)?)
            }
            None => (HashMap::new(), site.media_uses()?),
        };
        for u in uses {
            if !in_build.contains(&(u.kind, u.entity_id)) {
                continue;
            }
            if u.kind == Kind::Article {
                let names = article_uses.entry(u.entity_id).or_default();
                if names.last() != Some(&u.name) {
                    names.push(u.name.clone());
                }
            }
            used_media.insert(u.name);
        }
        let st = &settings;
        let site_refs = [&st.logo, &st.favicon, &st.social_image].into_iter().flatten();
        for text in site_refs.chain(st.partners.iter().filter_map(|p| p.logo.as_ref())) {
            used_media.extend(media_names_in(text).into_iter().map(str::to_string));
        }
        used_media.retain(|name| links.media.contains_key(name));
        // Loading only reads the variants made already; a build makes the missing ones first
        // ([`Content::make_variants`]).
        // The settings' redirects (a previous website's archive pages), after the items' own.
        for r in &settings.redirects {
            let Ok((section, slug)) = masthead_store::split_old_address(&r.from) else { continue };
            let from = masthead_store::old_address_path(section.as_deref(), &slug);
            if let Ok(to) = links.resolve(&r.to)
                && from != to
                && !redirects.iter().any(|(f, _)| *f == from)
            {
                redirects.push((from, to));
            }
        }
        redirects.sort();
        lap("media uses");
        let cache = site.cache_dir();
        links.variants = used_media
            .iter()
            .filter_map(|name| masthead_media::cached(&cache, &links.media[name]).map(|set| (name.clone(), set)))
            .collect();
        lap("variants");
        Ok(Content {
            used_media,
            article_uses,
            changes_at,
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
