//! The window's page, served with the notebook's status written into it.
//!
//! Without it the page's first frame is an empty "starting" screen: the page asks for the status
//! after its code runs, and WebKit draws its first frame (the most expensive one, about 70 ms here)
//! before the answer comes, so the lock screen waits for a second frame. With the status in a
//! `<meta name="casebook-status">` of the page itself, the lock screen is in the first frame
//! (issue 13's cold start). The page still asks, and corrects itself if the two differ.
//!
//! Nothing else of the bundled assets changes, and the status is only what `notebook_status`
//! answers the page anyway. When the engine is busy (an unlock, a backup) the page is served as
//! built and asks as before: serving a page never waits for the notebook.

use casebook_core::api::Engine;
use casebook_core::notebook::NotebookStatus;
use std::borrow::Cow;
use std::sync::OnceLock;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, AppHandle, Assets, Manager, Wry};

/// The name of the `<meta>` the page reads (`ui/src/app/session.svelte.ts`).
pub const META_NAME: &str = "casebook-status";

/// The bundled assets, with the status written into `index.html` as it is served.
pub struct WithStatus {
    assets: Box<dyn Assets<Wry>>,
    app: OnceLock<AppHandle>,
}

impl WithStatus {
    /// Wraps the context's assets.
    pub fn wrap(context: &mut tauri::Context<Wry>) {
        let assets = context.set_assets(Box::new(Nothing));
        context.set_assets(Box::new(WithStatus { assets, app: OnceLock::new() }));
    }
}

impl Assets<Wry> for WithStatus {
    fn setup(&self, app: &App<Wry>) {
        let _ = self.app.set(app.handle().clone());
        self.assets.setup(app);
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let asset = self.assets.get(key)?;
        if key.as_ref() != "/index.html" {
            return Some(asset);
        }
        let status =
            self.app.get().and_then(|app| app.try_state::<Engine>()).and_then(|e| e.status_if_free());
        match status {
            Some(status) => Some(Cow::Owned(with_status(&asset, &status))),
            None => Some(asset),
        }
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.assets.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.assets.csp_hashes(html_path)
    }
}

/// Stands in for the assets for the instant they are wrapped.
struct Nothing;

impl Assets<Wry> for Nothing {
    fn get(&self, _: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

/// `html` with `<meta name="casebook-status" content="{status as JSON}">` at the end of its head
/// (the JSON escaped for an attribute: a folder's name may hold any character). A page without a
/// `</head>` is left as it is.
pub fn with_status(html: &[u8], status: &NotebookStatus) -> Vec<u8> {
    let Some(at) = html.windows(7).position(|w| w.eq_ignore_ascii_case(b"</head>")) else {
        return html.to_vec();
    };
    let json = serde_json::to_string(status).unwrap_or_default();
    let mut meta = format!(r#"<meta name="{META_NAME}" content=""#);
    for c in json.chars() {
        match c {
            '&' => meta.push_str("&amp;"),
            '"' => meta.push_str("&quot;"),
            '\'' => meta.push_str("&#39;"),
            '<' => meta.push_str("&lt;"),
            '>' => meta.push_str("&gt;"),
            c => meta.push(c),
        }
    }
    meta.push_str("\">");
    let mut out = Vec::with_capacity(html.len() + meta.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(meta.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(folder: &str) -> NotebookStatus {
        NotebookStatus { exists: true, unlocked: false, folder: folder.into(), demo: false }
    }

    /// The content attribute, unescaped as an HTML parser would.
    fn content(page: &str) -> String {
        let start = page.find("content=\"").unwrap() + 9;
        let end = start + page[start..].find('"').unwrap();
        page[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_status_goes_at_the_end_of_the_head_and_reads_back_whole() {
        let html = b"<!doctype html><html><head><title>Casebook</title></HEAD><body></body></html>";
        let folder = r#"/home/ana/"notes" & <b>'x'</b>/Casebook"#;
        let page = String::from_utf8(with_status(html, &status(folder))).unwrap();
        let (head, body) = page.split_once("</HEAD>").unwrap();
        assert!(head.ends_with("\">") && head.contains(r#"<meta name="casebook-status" content=""#));
        assert_eq!(body, "<body></body></html>");
        // Nothing in the folder's name can end the attribute or open a tag.
        let attribute = &head[head.find("content=\"").unwrap() + 9..head.len() - 2];
        assert!(!attribute.contains(['"', '<', '>', '\'']), "{attribute}");
        let read: serde_json::Value = serde_json::from_str(&content(&page)).unwrap();
        assert_eq!(read, serde_json::to_value(status(folder)).unwrap());
    }

    #[test]
    fn a_page_without_a_head_is_left_alone() {
        let html = b"<p>no head here</p>";
        assert_eq!(with_status(html, &status("/x")), html.to_vec());
    }
}
