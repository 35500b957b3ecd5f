//! Attachments → media: each file is taken from `--media-from` (a copy of
//! `wp-content/uploads`) or downloaded; what cannot be had is skipped, and links to it stay
//! links to the old site.

use std::collections::HashMap;

use super::Cx;
use super::links::{old_path, upload_path};
use super::source_of;
use super::wxr::Wxr;
use crate::bundle::MediaText;
use crate::media::{admit, download_all, read_inside};
use crate::{OnProgress, Options, Progress};

/// An attachment of the export and the media item it became, if any.
#[derive(Clone, Debug, Default)]
pub(super) struct File {
    pub(super) url: String,
    pub(super) alt: Option<String>,
    pub(super) caption: Option<String>,
    /// The attachment's title (what WordPress lists it by; a PDF's name on the page).
    pub(super) title: Option<String>,
    pub(super) name: Option<String>,
}

/// Text without tags (captions and excerpts are often written with some).
pub(super) fn plain(html: &str) -> Option<String> {
    let text = dom_query::Document::fragment(html).root().text().split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

pub(super) fn import(wxr: &Wxr, options: &Options, cx: &mut Cx<'_>, progress: OnProgress<'_>) -> HashMap<i64, File> {
    let Cx { names, links, bundle, report } = cx;
    let mut files = HashMap::new();
    let mut pending = vec![];
    for p in wxr.items.iter().filter(|p| p.post_type == "attachment") {
        let url = if p.attachment_url.is_empty() { p.guid.clone() } else { p.attachment_url.clone() };
        let parsed = links.parse(&url);
        let rel = p.meta("_wp_attached_file").map(str::to_string).or_else(|| parsed.as_ref().and_then(upload_path));
        let file = File {
            url: url.clone(),
            alt: p.meta("_wp_attachment_image_alt").map(|a| a.trim().to_string()),
            caption: plain(&p.excerpt),
            title: plain(&p.title),
            name: None,
        };
        files.insert(p.id, file);
        let mut why = String::from("it is in no folder given with --media-from");
        if let (Some(dir), Some(rel)) = (&options.media_from, &rel) {
            match read_inside(dir, rel) {
                Ok(bytes) => {
                    pending.push((p, rel.clone(), Ok(bytes)));
                    continue;
                }
                Err(e) => why = e,
            }
        }
        let err = if options.download { None } else { Some(why) };
        pending.push((p, rel.unwrap_or_else(|| url.clone()), err.map(Err).unwrap_or(Ok(vec![]))));
    }
    // What was not found in the folder is downloaded, all at once.
    let to_download: Vec<String> = pending
        .iter()
        .filter(|(_, _, r)| r.as_ref().is_ok_and(Vec::is_empty))
        .map(|(p, _, _)| files[&p.id].url.clone())
        .collect();
    let total = pending.len();
    let found = total - to_download.len();
    progress(&Progress { stage: "files", done: found, total });
    let done = std::sync::atomic::AtomicUsize::new(found);
    let mut downloaded = download_all(&to_download, &|| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        progress(&Progress { stage: "files", done: n, total });
    })
    .into_iter();
    for (p, rel, got) in pending {
        let got = match got {
            Ok(bytes) if bytes.is_empty() => downloaded.next().unwrap_or_else(|| Err("not downloaded".into())),
            other => other,
        };
        let file = files.get_mut(&p.id).expect("every attachment has its entry");
        let original = rel.rsplit('/').next().unwrap_or(&rel).to_string();
        let text = MediaText { alt: file.alt.clone(), caption: file.caption.clone(), title: file.title.clone() };
        let admitted = got.and_then(|bytes| admit(bundle, names, &original, bytes, text));
        match admitted {
            Ok(name) => {
                let reference = format!("media:{name}");
                links.uploads.insert(rel.clone(), (name.clone(), file.alt.clone()));
                if let Some(u) = links.parse(&file.url)
                    && let Some(path) = upload_path(&u)
                {
                    links.uploads.insert(path, (name.clone(), file.alt.clone()));
                }
                links.ids.insert(p.id, reference.clone());
                if let Some(u) = links.parse(&p.link).filter(|u| old_path(u) != "/") {
                    links.paths.entry(old_path(&u)).or_insert(reference);
                }
                file.name = Some(name);
            }
            Err(why) => report.skip(
                source_of(p),
                format!("The file {} could not be imported: {why}. Links to it still lead to the old site.", file.url),
            ),
        }
    }
    files
}
