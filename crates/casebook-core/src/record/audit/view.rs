//! Reading the trail back: a case's history (oldest first) and the whole log, a page at a time
//! (newest first), each entry with a one-line summary in a therapist's words: "Added Lerato
//! Dlamini as partner", "Signed the session note of 12 Mar 2025", "Referred to Dr Pillay
//! (urologist)". The stored entry holds only the table, id and case; the names, dates and versions
//! are read from the records when the trail is shown ([`details`]), never what was written in
//! them. The whole log adds the client's name of each entry's case.

use super::details::{Detail, Details};
use super::{AuditAction, AuditTable};
use crate::case::{self, CaseId, ClosingReason};
use crate::columns;
use crate::error::Result;
use crate::medical::RuleOutStatus;
use crate::notebook::OpenNotebook;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// Entries per page of the whole log.
pub const AUDIT_PAGE_SIZE: u32 = 100;

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    /// Its place in the chain, from 1.
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub action: AuditAction,
    pub table: Option<AuditTable>,
    pub record_id: Option<i64>,
    pub case_id: Option<CaseId>,
    /// How many (failed unlocks, records exported).
    pub count: Option<u32>,
    /// One line for the therapist, for example "Signed the session note of 12 Mar 2025". Names
    /// people (for the window only; no export uses it), never what a record says.
    pub summary: String,
}

/// One page of the whole log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// From 0.
    pub page: u32,
    pub page_size: u32,
    /// Entries in the whole log.
    pub total: u32,
}

const SELECT: &str = "SELECT seq, at, action, target_table, target_id, case_id, count FROM audit_entry";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntryView> {
    Ok(AuditEntryView {
        seq: r.get(0)?,
        at: columns::instant(r, 1)?,
        action: r.get(2)?,
        table: r.get(3)?,
        record_id: r.get(4)?,
        case_id: r.get(5)?,
        count: r.get(6)?,
        summary: String::new(),
    })
}

/// Fills in each entry's summary from what the notebook holds about its record, looked up for
/// all of them at once. `with_case` adds the client's name of the entry's case (the whole log
/// mixes cases; a case's own history does not need it).
fn summarise(open: &OpenNotebook, entries: &mut [AuditEntryView], with_case: bool) -> Result<()> {
    let records = entries.iter().filter_map(|e| Some((e.table?, e.record_id?)));
    let cases =
        entries.iter().filter(|_| with_case).filter_map(|e| Some((AuditTable::CaseFile, e.case_id?.0)));
    let format = open.settings().date_format;
    let details = Details::load(open.store().conn(), format, records.chain(cases).collect::<Vec<_>>())?;
    for e in entries.iter_mut() {
        let detail = e.table.zip(e.record_id).and_then(|(t, id)| details.get(t, id));
        let mut line = summary(e.action, e.table, e.record_id, e.count, detail);
        if with_case
            && let Some(client) = e.case_id.and_then(|c| details.client_of(c.0))
            && !line.contains(client)
        {
            line = format!("{line} — case of {client}");
        }
        e.summary = line;
    }
    Ok(())
}

/// Everything that happened to a case and its records, oldest first.
pub fn case_history(open: &OpenNotebook, case_id: CaseId) -> Result<Vec<AuditEntryView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE case_id = ?1 ORDER BY seq"))?;
    let mut entries: Vec<AuditEntryView> =
        stmt.query_map([case_id], read)?.collect::<rusqlite::Result<_>>()?;
    summarise(open, &mut entries, false)?;
    Ok(entries)
}

/// The whole log, newest first; `page` counts from 0.
pub fn audit_log(open: &OpenNotebook, page: u32) -> Result<AuditPage> {
    let conn = open.store().conn();
    let total: u32 = conn.query_row("SELECT count(*) FROM audit_entry", [], |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY seq DESC LIMIT ?1 OFFSET ?2"))?;
    let offset = i64::from(page) * i64::from(AUDIT_PAGE_SIZE);
    let mut entries: Vec<AuditEntryView> =
        stmt.query_map(rusqlite::params![AUDIT_PAGE_SIZE, offset], read)?.collect::<rusqlite::Result<_>>()?;
    summarise(open, &mut entries, true)?;
    Ok(AuditPage { entries, page, page_size: AUDIT_PAGE_SIZE, total })
}

/// One line for an entry: in a therapist's words when the record is still there (`detail`),
/// else the generic wording that names the kind of record and its number.
fn summary(
    action: AuditAction,
    table: Option<AuditTable>,
    id: Option<i64>,
    count: Option<u32>,
    detail: Option<&Detail>,
) -> String {
    let times = count.map_or(String::new(), |n| format!(" ×{n}"));
    match action {
        AuditAction::NotebookCreated => return "Notebook created".into(),
        AuditAction::Unlocked => return "Unlocked".into(),
        AuditAction::RecoveryUnlocked => return "Unlocked with the recovery code; new passphrase set".into(),
        AuditAction::UnlockFailed => return format!("Unlock failed{times}"),
        AuditAction::Locked => return "Locked".into(),
        AuditAction::AutoLocked => return "Locked after the idle time".into(),
        AuditAction::PassphraseChanged => return "Passphrase changed".into(),
        AuditAction::RecoveryCodeReplaced => return "Recovery code replaced".into(),
        AuditAction::BackedUp => return "Backup made".into(),
        AuditAction::Restored => return "Restored from a backup".into(),
        AuditAction::ExportedIdentified if table.is_none() => {
            return format!("Exported everything in the notebook, identified{times}");
        }
        _ => {}
    }
    if let Some(line) = worded(action, table, detail, &times) {
        return line;
    }
    generic(action, table, id, &times)
}

/// The wording that names the record by what it is, or `None` when it needs details the
/// notebook no longer holds.
fn worded(
    action: AuditAction,
    table: Option<AuditTable>,
    detail: Option<&Detail>,
    times: &str,
) -> Option<String> {
    use AuditAction as A;
    use AuditTable as T;
    let table = table?;
    // Records whose wording needs nothing from the record itself.
    match (action, table) {
        (A::Created, T::Intake) => return Some("Wrote the intake".into()),
        (A::Edited, T::Intake) => return Some("Changed the intake".into()),
        (A::Signed, T::Intake) => return Some("Signed the intake".into()),
        (A::AddendumAdded, T::Intake) => return Some("Added an addendum to the intake".into()),
        (A::Edited, T::Settings) => return Some("Changed the settings".into()),
        (A::CaseReopened, _) => return Some("Reopened the case".into()),
        _ => {}
    }
    let line = match (action, detail?) {
        (A::Created, Detail::Person { name, role: Some(role) }) => format!("Added {name} as {role}"),
        (A::Created, Detail::Person { name, role: None }) => format!("Added {name}"),
        (A::Edited, Detail::Person { name, role: Some(role) }) => {
            format!("Changed the details of {name} ({role})")
        }
        (A::Edited, Detail::Person { name, role: None }) => format!("Changed the details of {name}"),
        (A::Created, Detail::Case { client }) => format!("Opened the case of {client}"),
        (A::Edited, Detail::Case { client }) => format!("Changed the case details of {client}"),
        (A::Exported, Detail::Case { .. }) => format!("Exported a de-identified supervision summary{times}"),
        (A::ExportedIdentified, Detail::Case { .. }) => {
            format!("Exported an identified supervision summary{times}")
        }
        (A::ConsentRecorded, Detail::Consent { what, version }) => {
            format!("Recorded {what}{}", version_note(*version))
        }
        (A::ConsentWithdrawn, Detail::Consent { what, .. }) => format!("Recorded the withdrawal of {what}"),
        (A::CaseClosed, Detail::CaseEvent { closing_reason }) => match closing_reason.and_then(closing) {
            Some(why) => format!("Closed the case ({why})"),
            None => "Closed the case".into(),
        },
        (A::Created, Detail::RuleOut { status }) => rule_out(*status).into(),
        (A::Created, Detail::Practitioner { who }) if table == T::Referral => format!("Referred to {who}"),
        (A::ExportedIdentified, Detail::Practitioner { who }) if table == T::Referral => {
            format!("Exported the referral letter to {who}{times}")
        }
        (A::Created, Detail::Practitioner { who }) => format!("Added {who} to your practitioners"),
        (A::Edited, Detail::Practitioner { who }) => format!("Changed the details of {who}"),
        (A::Created, Detail::Diagnosis { name, code }) => format!("Recorded the diagnosis {name} ({code})"),
        (A::Edited, Detail::Diagnosis { name, code }) => format!("Changed the diagnosis {name} ({code})"),
        (A::Created | A::Edited, Detail::Entry { name }) => {
            let list = match table {
                T::DiagnosisCatalogue => "the diagnosis catalogue",
                T::FactorVocabulary => "the factor vocabulary",
                T::InterventionCatalogue => "the intervention catalogue",
                T::CustomMeasure => "the measures",
                _ => return None,
            };
            if action == A::Created {
                format!("Added “{name}” to {list}")
            } else {
                format!("Changed “{name}” in {list}")
            }
        }
        (_, Detail::Version(v)) => {
            let (the, named) = match table {
                T::Formulation => ("the formulation", format!("formulation version {v}")),
                T::Plan => ("the treatment plan", format!("treatment plan version {v}")),
                _ => return None,
            };
            match action {
                A::Created if *v == 1 => format!("Wrote {the}"),
                A::Created if table == T::Plan => format!("Changed {the} (version {v})"),
                A::Created => format!("Wrote {named}"),
                A::Signed => format!("Signed {named}"),
                A::AddendumAdded => format!("Added an addendum to {named}"),
                _ => return None,
            }
        }
        (_, Detail::Session { note }) => match action {
            A::Created => format!("Added {note}"),
            A::Edited => format!("Changed {note}"),
            A::Signed => format!("Signed {note}"),
            A::AddendumAdded => format!("Added an addendum to {note}"),
            _ => return None,
        },
        (A::Created, Detail::ProcessNote { written_on }) => {
            format!("Wrote a process note on {written_on}")
        }
        (A::Edited, Detail::ProcessNote { written_on }) => {
            format!("Changed the process note of {written_on}")
        }
        _ => return None,
    };
    Some(line)
}

/// " (version 2)" for a renewed consent; nothing for the first.
fn version_note(version: i64) -> String {
    if version > 1 { format!(" (version {version})") } else { String::new() }
}

fn closing(reason: ClosingReason) -> Option<&'static str> {
    Some(match reason {
        ClosingReason::GoalsAchieved => "goals achieved",
        ClosingReason::ClientEnded => "the client ended therapy",
        ClosingReason::ReferredOn => "referred on",
        ClosingReason::LostContact => "lost contact",
        ClosingReason::Other => return None,
    })
}

fn rule_out(status: RuleOutStatus) -> &'static str {
    match status {
        RuleOutStatus::NotAssessed => "Marked medical causes as not assessed",
        RuleOutStatus::Referred => "Marked medical causes as referred for assessment",
        RuleOutStatus::AwaitingResult => "Marked medical causes as awaiting a result",
        RuleOutStatus::Contributing => "Noted a medical factor contributing",
        RuleOutStatus::RuledOut => "Marked medical causes as ruled out",
    }
}

/// The wording for a record the notebook no longer holds: its kind and number.
fn generic(action: AuditAction, table: Option<AuditTable>, id: Option<i64>, times: &str) -> String {
    let what = match (table, id) {
        (Some(t), Some(id)) => format!("{} {id}", t.label()),
        (Some(t), None) => t.label().to_string(),
        _ => "the notebook".to_string(),
    };
    match action {
        AuditAction::Created => format!("Created {what}"),
        AuditAction::Edited => format!("Changed {what}"),
        AuditAction::Signed => format!("Signed {what}"),
        AuditAction::AddendumAdded => format!("Addendum added to {what}"),
        AuditAction::ConsentRecorded => format!("Recorded {what}"),
        AuditAction::ConsentWithdrawn => format!("Withdrew {what}"),
        AuditAction::CaseClosed => "Case closed".into(),
        AuditAction::CaseReopened => "Case reopened".into(),
        AuditAction::Exported => format!("Exported {what}, de-identified{times}"),
        AuditAction::ExportedIdentified => format!("Exported {what}, identified{times}"),
        // Answered by `summary` before it gets here.
        AuditAction::NotebookCreated
        | AuditAction::Unlocked
        | AuditAction::RecoveryUnlocked
        | AuditAction::UnlockFailed
        | AuditAction::Locked
        | AuditAction::AutoLocked
        | AuditAction::PassphraseChanged
        | AuditAction::RecoveryCodeReplaced
        | AuditAction::BackedUp
        | AuditAction::Restored => String::new(),
    }
}
