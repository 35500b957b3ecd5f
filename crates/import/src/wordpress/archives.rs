//! Category and tag archives: `/category/news/` leads to the section that category became,
//! `/category/news/local/` and `/tag/water/` to the tag pages. Links inside content to those
//! archives are rewritten the same way.

use std::collections::{BTreeSet, HashMap};

use masthead_store::{Redirect, slugify, split_old_address};

use super::links::Links;
use super::wxr::Wxr;
use crate::bundle::Bundle;
use crate::report::Report;

/// How deep a category's parents are followed (a loop in the export stops here).
const MAX_DEPTH: usize = 8;

/// A category's address path: its parents' slugs, then its own (`news/local`).
fn category_path(slug: &str, parents: &HashMap<&str, &str>) -> String {
    let mut path = vec![slug];
    let mut at = slug;
    while let Some(parent) = parents.get(at).filter(|p| !p.is_empty()) {
        if path.len() >= MAX_DEPTH || path.contains(parent) {
            break;
        }
        path.push(parent);
        at = parent;
    }
    path.reverse();
    path.join("/")
}

/// Adds the archive redirects to the bundle; `sections` maps category slugs to sections.
pub(super) fn import(
    wxr: &Wxr,
    sections: &HashMap<String, String>,
    links: &mut Links,
    bundle: &mut Bundle,
    report: &mut Report,
) {
    let used: BTreeSet<(&str, &str)> = wxr
        .items
        .iter()
        // Only public posts' terms: a private post's tags leave no trace on the new site.
        .filter(|p| p.post_type == "post" && matches!(p.status.as_str(), "publish" | "future") && p.password.is_empty())
        .flat_map(|p| p.terms.iter())
        .filter(|(domain, nicename, _)| {
            matches!(domain.as_str(), "category" | "post_tag") && nicename != "uncategorized"
        })
        .map(|(domain, nicename, _)| (domain.as_str(), nicename.as_str()))
        .collect();
    let parents: HashMap<&str, &str> = wxr.categories.iter().map(|t| (t.slug.as_str(), t.parent.as_str())).collect();
    for (domain, nicename) in used {
        let (from, to) = if domain == "category" {
            let to = match sections.get(nicename) {
                Some(section) => format!("/{section}/"),
                None => format!("/tags/{}/", slugify(nicename)),
            };
            (format!("/category/{}/", category_path(nicename, &parents)), to)
        } else {
            (format!("/tag/{nicename}/"), format!("/tags/{}/", slugify(nicename)))
        };
        let kind = if domain == "category" { "category" } else { "tag" };
        links.terms.entry((kind.to_string(), nicename.to_string())).or_insert_with(|| to.clone());
        if let Err(e) = split_old_address(&from) {
            report.warn(format!("{kind} “{nicename}”"), "site", format!("Its archive address gets no redirect: {e}"));
            continue;
        }
        report.redirects += 1;
        bundle.redirects.push(Redirect { from, to });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_path_follows_its_parents_and_stops_at_a_loop() {
        let parents = HashMap::from([("local", "news"), ("news", ""), ("a", "b"), ("b", "a")]);
        assert_eq!(category_path("local", &parents), "news/local");
        assert_eq!(category_path("news", &parents), "news");
        assert_eq!(category_path("a", &parents), "b/a");
    }
}
