use masthead_store::Site;

pub(crate) fn run(site: &Site, query: &str, json: bool) -> anyhow::Result<()> {
    let hits = site.search(query, 50)?;
    if json {
        crate::print_json(&serde_json::to_value(&hits)?);
        return Ok(());
    }
    if hits.is_empty() {
        println!("Nothing found for “{query}”.");
    }
    for h in hits {
        println!("{}:{}  {}\n    {}", h.kind.as_str(), h.slug, h.title, h.snippet);
    }
    Ok(())
}
