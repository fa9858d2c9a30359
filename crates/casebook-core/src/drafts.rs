//! Drafts: the text of an editor, autosaved while the therapist types (RELIABILITY.md R11), so a
//! crash or a kill loses nothing. A draft lives in the encrypted notebook like everything else;
//! there is no plaintext side file. One draft per editor key; saving replaces it, and the window
//! discards it once the real record is saved.
//!
//! Editor keys are chosen by the window from ids and field names (`session:new:case:12:body`),
//! never from client text, so the set of characters is restricted to make that hard to get
//! wrong. A draft may be up to [`MAX_DRAFT_BYTES`], twice a note's limit, so text a little over
//! the limit is not lost while the therapist trims it. What does not belong here: the records
//! the drafts become (each domain module).

use crate::clock::Clock;
use crate::columns;
use crate::error::{Error, Result};
use crate::input::MAX_TEXT_BYTES;
use crate::notebook::OpenNotebook;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use ts_rs::TS;

/// The largest draft, in bytes.
pub const MAX_DRAFT_BYTES: usize = 2 * MAX_TEXT_BYTES;
/// The longest editor key, in characters.
pub const MAX_KEY_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftView {
    pub editor_key: String,
    pub body: String,
    pub saved_at: DateTime<Utc>,
}

/// A draft without its text, for "offer the draft back".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftInfo {
    pub editor_key: String,
    pub saved_at: DateTime<Utc>,
    pub bytes: u32,
}

fn check_key(key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= MAX_KEY_CHARS
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '.' | '_' | '-'));
    if !ok {
        return Err(Error::invalid(
            "editorKey",
            format!("An editor key is 1 to {MAX_KEY_CHARS} letters, digits and : . _ - only."),
        ));
    }
    Ok(())
}

fn check_body(body: &str) -> Result<()> {
    if body.len() > MAX_DRAFT_BYTES {
        return Err(Error::invalid("body", "This text is too long to keep as a draft: at most 2 MB."));
    }
    if body.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(Error::invalid("body", "This text holds control characters that cannot be saved."));
    }
    Ok(())
}

/// Saves (replaces) the draft of an editor. Durable when this returns.
pub fn save_draft(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    editor_key: &str,
    body: &str,
) -> Result<DraftInfo> {
    check_key(editor_key)?;
    check_body(body)?;
    let now = clock.now();
    open.store().writable()?.execute(
        "INSERT INTO draft (editor_key, body, saved_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (editor_key) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at",
        params![editor_key, body, columns::instant_text(now)],
    )?;
    let bytes = u32::try_from(body.len()).unwrap_or(u32::MAX);
    tracing::debug!(bytes, "draft saved");
    Ok(DraftInfo { editor_key: editor_key.to_string(), saved_at: now, bytes })
}

/// The draft of an editor, if there is one.
pub fn load_draft(open: &OpenNotebook, editor_key: &str) -> Result<Option<DraftView>> {
    check_key(editor_key)?;
    Ok(open
        .store()
        .conn()
        .query_row("SELECT body, saved_at FROM draft WHERE editor_key = ?1", [editor_key], |r| {
            Ok(DraftView {
                editor_key: editor_key.to_string(),
                body: r.get(0)?,
                saved_at: columns::instant(r, 1)?,
            })
        })
        .optional()?)
}

/// Discards the draft of an editor; true when there was one.
pub fn discard_draft(open: &mut OpenNotebook, editor_key: &str) -> Result<bool> {
    check_key(editor_key)?;
    let gone = open.store().writable()?.execute("DELETE FROM draft WHERE editor_key = ?1", [editor_key])?;
    Ok(gone > 0)
}

/// Every draft kept, newest first, without their text.
pub fn list_drafts(open: &OpenNotebook) -> Result<Vec<DraftInfo>> {
    let conn = open.store().conn();
    let mut stmt = conn.prepare(
        "SELECT editor_key, saved_at, length(CAST(body AS BLOB)) FROM draft ORDER BY saved_at DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(DraftInfo { editor_key: r.get(0)?, saved_at: columns::instant(r, 1)?, bytes: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;
