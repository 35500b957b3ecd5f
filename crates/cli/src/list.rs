use masthead_store::{Article, Media, Page, Record, Site, Slide, public_json};
use serde_json::Value;

pub(crate) fn run(site: &Site, what: &str, json: bool) -> anyhow::Result<()> {
    match what {
        "articles" => show(site.list::<Article>()?, json, |a| {
            vec![
                a.status.as_str().into(),
                a.date.clone().unwrap_or_default(),
                a.section.clone().unwrap_or_default(),
                a.slug.clone(),
                a.title.clone(),
            ]
        }),
        "slides" => show(site.list::<Slide>()?, json, |s| {
            vec![
                s.position.to_string(),
                s.status.as_str().into(),
                s.slug.clone(),
                s.headline.clone(),
                s.cta.clone().unwrap_or_default(),
            ]
        }),
        "pages" => {
            show(site.list::<Page>()?, json, |p| vec![p.status.as_str().into(), p.slug.clone(), p.title.clone()])
        }
        _ if json => {
            let items = site
                .list::<Media>()?
                .iter()
                .map(|m| crate::media::media_json(site, m))
                .collect::<anyhow::Result<Vec<_>>>()?;
            crate::print_json(&Value::Array(items));
        }
        _ => show(site.list::<Media>()?, false, |m| {
            let size = match (m.width, m.height, m.pages) {
                (Some(w), Some(h), _) => format!("{w}×{h}"),
                (_, _, Some(p)) => format!("{p} pages"),
                _ => String::new(),
            };
            vec![m.name.clone(), m.mime.clone(), format!("{} KB", (m.bytes + 1023) / 1024), size]
        }),
    }
    Ok(())
}

fn show<T: Record>(items: Vec<T>, json: bool, row: impl Fn(&T) -> Vec<String>) {
    if json {
        crate::print_json(&Value::Array(items.iter().map(public_json).collect()));
        return;
    }
    let rows: Vec<Vec<String>> = items.iter().map(row).collect();
    print_table(&rows);
    if rows.is_empty() {
        println!("(none)");
    }
}

/// Prints rows as aligned columns; the last column is not padded.
pub(crate) fn print_table(rows: &[Vec<String>]) {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  ", w = widths[c]));
            }
        }
        println!("{}", line.trim_end());
    }
}
