//! Incremental builds. Every output gets a fingerprint of everything it is made from; an
//! output whose fingerprint matches the one recorded by the previous build into the same
//! folder (and whose file is still there) is not rendered again.

use crate::content::Content;
use crate::error::Result;
use crate::plan::{Outputs, Produced, SiteFiles};
use crate::theme::Theme;

/// Bumped when the renderer's own output changes, so old fingerprints never match.
const RENDERER_VERSION: &[u8] = b"masthead-render 1";

pub(crate) struct Memo {
    global: blake3::Hash,
    /// What the last build into the folder recorded, by path, for outputs whose file is still
    /// there (someone may have deleted some).
    previous: Outputs,
}
impl Memo {
    /// Inputs every page shares: the theme, the settings, what references resolve to, the
    /// options and the year in the footer.
    pub(crate) fn global(content: &Content, theme: &Theme) -> blake3::Hash {
        let mut h = blake3::Hasher::new();
        h.update(RENDERER_VERSION).update(theme.fingerprint.as_bytes());
        h.update(serde_json::to_string(&content.settings).expect("settings serialise").as_bytes());
        h.update(&[content.drafts as u8]).update(&content.dates.year(content.now).to_le_bytes());
        let mut targets: Vec<String> = Vec::new();
        for (kind, map) in [("a", &content.links.articles), ("p", &content.links.pages)] {
            targets.extend(map.iter().map(|(k, t)| format!("{kind}:{k}:{}:{}", t.url, t.public)));
        }
        targets.extend(content.links.media.values().map(|m| {
            let variants = content.links.variants.get(&m.name).map(|s| serde_json::to_string(s).expect("serialises"));
            format!("m:{}:{}:{}:{variants:?}", m.name, m.hash, m.meta.version)
        }));
        targets.sort_unstable();
        for t in targets {
            h.update(t.as_bytes()).update(b"\n");
        }
        h.finalize()
    }

    /// Nothing can be reused: a full build.
    pub(crate) fn full(content: &Content, theme: &Theme) -> Memo {
        Memo { global: Memo::global(content, theme), previous: Outputs::default() }
    }

    /// Reuses `previous`: outputs of the last build into the folder, all still there.
    pub(crate) fn new(content: &Content, theme: &Theme, previous: Outputs) -> Memo {
        Memo { global: Memo::global(content, theme), previous }
    }

    /// Reuses `previous` as [`Memo::new`] does, with the global inputs known to be `global`.
    pub(crate) fn known(global: blake3::Hash, previous: Outputs) -> Memo {
        Memo { global, previous }
    }

    /// What every output shares.
    pub(crate) fn shared(&self) -> blake3::Hash {
        self.global
    }

    /// The previous outputs, given back.
    pub(crate) fn into_previous(self) -> Outputs {
        self.previous
    }

    /// The previous outputs that are still there.
    pub(crate) fn previous(&self) -> &Outputs {
        &self.previous
    }

    /// The fingerprint of an output made from `parts` (and the global inputs).
    pub(crate) fn fingerprint(&self, parts: &[&[u8]]) -> String {
        let mut h = blake3::Hasher::new();
        h.update(self.global.as_bytes());
        for p in parts {
            h.update(&(p.len() as u64).to_le_bytes()).update(p);
        }
        h.finalize().to_hex().to_string()
    }

    /// The hash of the previous output at `path` if it can be kept as it is.
    pub(crate) fn reusable(&self, path: &str, fp: &str) -> Option<String> {
        self.previous.get(path).filter(|e| e.fp == fp).map(|e| e.hash.clone())
    }
}

impl SiteFiles {
    /// Records an output made apart (see [`Produced`]).
    pub(crate) fn record(&mut self, memo: &Memo, made: Produced) -> Result<()> {
        let Produced { path, fp, bytes } = made;
        self.produce(memo, path, fp, || Ok(bytes.expect("made when not reusable")))
    }

    /// Records an output: reused when the memo allows, else rendered by `make`.
    pub(crate) fn produce(
        &mut self,
        memo: &Memo,
        path: String,
        fp: String,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        match memo.reusable(&path, &fp) {
            Some(hash) => {
                self.kept.insert(path.clone(), hash);
            }
            None => {
                self.files.insert(path.clone(), make()?);
            }
        }
        self.fingerprints.insert(path, fp);
        Ok(())
    }
}
