//! "Export everything": the whole notebook out of Casebook, so nothing is locked in.
//!
//! Into a new folder (`casebook-export-YYYY-MM-DD-HHMMSS`) inside the folder the therapist chose:
//!
//! - `notebook.json`: every row of every table, as `docs/export-format.md` describes: a format
//!   name and version, the schema version, and per table its column names and rows. Nothing is
//!   left out or interpreted, so a later program (or a person) can read all of it.
//! - `cases/case-<id>-<client>.md` and `.pdf` per case: the case as a readable, identified
//!   document (every section, process notes included).
//! - `README.txt`: what the folder holds, and that it is not encrypted.
//!
//! This is plaintext client data, identified: the window says so before the folder dialog, the
//! folder and its files are owner-only, and the export is an audit entry (never its content or
//! path). It is never written into the notebook's folder or a backup folder.

use super::{
    ExportFormat, Identification, PaperSize, PdfRenderer, SummaryOptions, SummarySection, file_slug,
};
use crate::clock::Clock;
use crate::columns::TextEnum;
use crate::error::{Error, Result};
use crate::files;
use crate::notebook::OpenNotebook;
use crate::record::audit::{self, AuditAction, Target};
use rusqlite::types::ValueRef;
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The name and version of `notebook.json`'s format.
pub const FORMAT: &str = "casebook-notebook-export";
pub const FORMAT_VERSION: u32 = 1;

/// What "Export everything" wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FullExportResult {
    /// The new folder.
    pub folder: String,
    pub cases: u32,
    pub files: u32,
    pub bytes: u64,
}

/// Every table as JSON: `{ table: { columns: [...], rows: [[...], ...] } }`. Blobs are
/// `{"hex": "..."}`.
pub fn tables_json(conn: &rusqlite::Connection) -> Result<Map<String, Value>> {
    let mut tables = Map::new();
    for table in crate::store::user_tables(conn)? {
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let mut stmt = conn.prepare(&format!("SELECT * FROM {quoted} ORDER BY rowid"))?;
        let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let count = columns.len();
        let mut rows = Vec::new();
        let mut cursor = stmt.query([])?;
        while let Some(row) = cursor.next()? {
            let mut values = Vec::with_capacity(count);
            for i in 0..count {
                values.push(match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => json!(v),
                    ValueRef::Real(v) => json!(v),
                    ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => json!({ "hex": data_encoding::HEXLOWER.encode(b) }),
                });
            }
            rows.push(Value::Array(values));
        }
        tables.insert(table, json!({ "columns": columns, "rows": rows }));
    }
    Ok(tables)
}

/// Checks the chosen folder (absolute, there, a folder, outside every protected folder) and
/// writes the export into a new folder inside it.
pub fn export_everything(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    chosen: &Path,
    protected: &[PathBuf],
    pdf: &dyn PdfRenderer,
) -> Result<FullExportResult> {
    let refused = |m: &str| Error::invalid("folder", m);
    if !chosen.is_absolute() {
        return Err(refused("Choose the folder in the folder dialog."));
    }
    let real =
        chosen.canonicalize().map_err(|_| refused("That folder is not there. Choose another folder."))?;
    if !real.is_dir() {
        return Err(refused("Choose a folder, not a file."));
    }
    for guarded in protected {
        let guarded = guarded.canonicalize().unwrap_or_else(|_| guarded.clone());
        if real.starts_with(&guarded) {
            return Err(refused(
                "Casebook does not write exports in the notebook's folder or a backup folder. Choose another folder.",
            ));
        }
    }
    let now = clock.now();
    let mut files_out: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let cases = crate::case::list_cases(open, clock, crate::case::CaseFilter::default())?;
    for case in &cases {
        let options = SummaryOptions {
            question: "The whole record of this case, exported for the therapist's own keeping.".into(),
            sections: SummarySection::ALL
                .iter()
                .copied()
                .filter(|s| *s != SummarySection::Feedback)
                .collect(),
            include_process_notes: true,
            identification: Identification::Identified,
            ..SummaryOptions::new("")
        };
        let summary = super::supervision_summary(open, clock, case.id, &options)?;
        let stem = format!("case-{}-{}", case.id, file_slug(&case.client_name));
        files_out.push((
            PathBuf::from("cases").join(format!("{stem}.{}", ExportFormat::Markdown.extension())),
            super::render_markdown(&summary).into_bytes(),
        ));
        files_out.push((
            PathBuf::from("cases").join(format!("{stem}.{}", ExportFormat::Pdf.extension())),
            pdf.summary_pdf(&summary, PaperSize::A4)?,
        ));
    }
    // After the documents, which give each case its export code: the JSON holds those too.
    let tables = tables_json(open.store().conn())?;
    let document = json!({
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exportedAt": now.to_rfc3339(),
        "appVersion": env!("CARGO_PKG_VERSION"),
        "schemaVersion": open.store().schema_version()?,
        "tables": tables,
    });
    let json = serde_json::to_vec_pretty(&document)
        .map_err(|_| Error::Storage("The export could not be prepared.".into()))?;
    files_out.insert(0, ("notebook.json".into(), json));
    files_out.push(("README.txt".into(), readme(cases.len()).into_bytes()));

    let mut name = format!("casebook-export-{}", now.format("%Y-%m-%d-%H%M%S"));
    let mut n = 2;
    while real.join(&name).exists() {
        name = format!("casebook-export-{}-{n}", now.format("%Y-%m-%d-%H%M%S"));
        n += 1;
    }
    let target = real.join(&name);
    let written = write_all(&target, &files_out);
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = std::fs::remove_dir_all(&target);
            return Err(err);
        }
    };
    if let Err(err) = audit::log(open, AuditAction::ExportedIdentified, Target::none()) {
        let _ = std::fs::remove_dir_all(&target);
        return Err(err);
    }
    tracing::info!(cases = cases.len(), files = files_out.len(), "whole notebook exported");
    Ok(FullExportResult {
        folder: target.display().to_string(),
        cases: u32::try_from(cases.len()).unwrap_or(u32::MAX),
        files: u32::try_from(files_out.len()).unwrap_or(u32::MAX),
        bytes,
    })
}

fn write_all(target: &Path, out: &[(PathBuf, Vec<u8>)]) -> Result<u64> {
    let fail = |e: &std::io::Error| match e.kind() {
        std::io::ErrorKind::StorageFull => Error::DiskFull,
        _ if e.raw_os_error() == Some(28) => Error::DiskFull,
        kind => Error::Storage(format!("The export was not written ({kind}). Choose another folder.")),
    };
    std::fs::create_dir(target).map_err(|e| fail(&e))?;
    files::ensure_private_dir(target)?;
    files::ensure_private_dir(&target.join("cases"))?;
    let mut total = 0u64;
    for (relative, bytes) in out {
        let path = target.join(relative);
        let mut file = files::create_private_file(&path)?;
        file.write_all(bytes).map_err(|e| fail(&e))?;
        file.sync_all().map_err(|e| fail(&e))?;
        total += bytes.len() as u64;
    }
    files::sync_dir(target)?;
    Ok(total)
}

fn readme(cases: usize) -> String {
    format!(
        "Casebook: the whole notebook, exported\n\
         \n\
         THIS FOLDER IS NOT ENCRYPTED. It holds identified client records. Keep it as safely as\n\
         the records themselves, and delete it securely when it is no longer needed.\n\
         \n\
         notebook.json   every row of every table of the notebook ({FORMAT}, version {FORMAT_VERSION});\n\
                         its format is described in docs/export-format.md of Casebook's source.\n\
         cases/          one Markdown and one PDF file per case ({cases} cases), identified.\n"
    )
}
