//! The live preview: the renderer's real article page, and the `preview:` scheme that serves
//! the theme's assets and the media that page loads.

use std::borrow::Cow;

use masthead_store::Article;
use tauri::http::{Request, Response, StatusCode, header};
use tauri::{Manager, Runtime, State, UriSchemeContext};

use crate::error::AppResult;
use crate::state::AppState;

/// Where the preview's files are served (`convertFileSrc('', 'preview')` in the UI).
#[cfg(any(windows, target_os = "android"))]
const ORIGIN: &str = "http://preview.localhost/";
#[cfg(not(any(windows, target_os = "android")))]
const ORIGIN: &str = "preview://localhost/";

/// The article — as it is in the editor, saved or not — as its page on the website.
#[tauri::command]
#[specta::specta]
pub(crate) fn render_preview(state: State<'_, AppState>, article: Article) -> AppResult<String> {
    let html = state.with_preview(|_, p| Ok(masthead_render::render_preview(&p.content, &p.theme, &article)?))?;
    Ok(with_base(html))
}

/// The page is shown from a `srcdoc`; its site paths (`/assets/site.css`) load from here.
pub(crate) fn with_base(html: String) -> String {
    html.replacen("<head>", &format!("<head><base href=\"{ORIGIN}\">"), 1)
}

/// Answers `preview://localhost/<site path>` with the file the website would have there.
pub(crate) fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> Response<Cow<'static, [u8]>> {
    let state = ctx.app_handle().state::<AppState>();
    let path = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8_lossy();
    let file = state.with_preview(|site, p| Ok(masthead_render::preview_file(site, &p.content, &p.theme, &path)));
    let builder = Response::builder().header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    let response = match file {
        Ok(Some((bytes, mime))) => builder.header(header::CONTENT_TYPE, mime).body(Cow::Owned(bytes)),
        _ => builder
            .status(StatusCode::NOT_FOUND)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(Cow::Borrowed(&b"The preview shows the article being edited; other pages open on the website."[..])),
    };
    response.expect("static headers are valid")
}
