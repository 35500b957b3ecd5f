//! Menu items (`nav_menu_item`) → the site's navigation. Masthead has one menu, one level deep:
//! the export's first menu is imported, and submenu entries and other menus are reported.

use std::collections::HashMap;

use masthead_store::NavItem;

use super::links::Links;
use super::source_of;
use super::wxr::{Post, Wxr};
use crate::bundle::Bundle;
use crate::html::Resolve;
use crate::report::Report;

fn menu_of(p: &Post) -> Option<&str> {
    p.terms.iter().find(|t| t.0 == "nav_menu").map(|t| t.1.as_str())
}

pub(super) fn import(wxr: &Wxr, links: &Links, bundle: &mut Bundle, report: &mut Report) {
    let mut items: Vec<&Post> = wxr.items.iter().filter(|p| p.post_type == "nav_menu_item").collect();
    items.sort_by_key(|p| p.menu_order);
    let Some(main) = items.iter().find_map(|p| menu_of(p)).map(str::to_string) else { return };
    let titles: HashMap<i64, &str> = wxr.items.iter().map(|p| (p.id, p.title.trim())).collect();
    for p in items {
        let source = source_of(p);
        let menu = menu_of(p).unwrap_or("");
        if menu != main {
            report
                .skip(source, format!("It is in the menu “{menu}”; Masthead has one menu, and “{main}” was imported."));
            continue;
        }
        if p.meta("_menu_item_menu_item_parent").is_some_and(|v| v != "0") {
            report.skip(
                source,
                "It is a submenu entry; Masthead's menu has one level. Add a link to it on its parent page.",
            );
            continue;
        }
        let object_id = p.meta("_menu_item_object_id").and_then(|v| v.parse::<i64>().ok());
        let (link, fallback) = match p.meta("_menu_item_type") {
            Some("post_type") => (
                object_id.and_then(|id| links.ids.get(&id).cloned()),
                object_id.and_then(|id| titles.get(&id).copied()),
            ),
            Some("taxonomy") => {
                let kind = if p.meta("_menu_item_object") == Some("post_tag") { "tag" } else { "category" };
                let slug =
                    p.meta("_menu_item_url").unwrap_or("").trim_end_matches('/').rsplit('/').next().unwrap_or("");
                (links.terms.get(&(kind.to_string(), slug.to_string())).cloned(), None)
            }
            _ => (p.meta("_menu_item_url").and_then(|u| links.link(u)), None),
        };
        let label = Some(p.title.trim()).filter(|t| !t.is_empty()).or(fallback).unwrap_or("").to_string();
        match link {
            Some(link) if !label.is_empty() && !link.starts_with('#') => {
                bundle.navigation.push(NavItem { label, link })
            }
            _ => report.skip(source, "Its target was not imported (or it has no label), so the menu leaves it out."),
        }
    }
}
