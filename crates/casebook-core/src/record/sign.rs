//! Signing an item: the therapist's name from Settings and the time, and for a note signed more
//! than [`LATE_AFTER_HOURS`] after its session, the reason it is late.
//!
//! Signing is allowed on a closed case: it adds nothing to the content, it only makes the record
//! final, which is what a closed record wants. Signing an intake also completes it.

use super::audit::{self, AuditAction, Target};
use super::{RecordRef, Stored, addendum, load_stored};
use crate::case;
use crate::case::CaseId;
use crate::clock::Clock;
use crate::columns;
use crate::error::Result;
use crate::input;
use crate::notebook::OpenNotebook;
use crate::workflow::Rule;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A session note signed later than this after the session ends needs a reason.
pub const LATE_AFTER_HOURS: i64 = 24;

/// Signing, as the window sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SignInput {
    /// Why the note is signed late; required when it is.
    pub late_reason: Option<String>,
}

/// A signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureView {
    pub signed_at: DateTime<Utc>,
    /// The therapist's name in Settings when it was signed.
    pub signed_by: String,
    /// Why a session note was signed late.
    pub late_reason: Option<String>,
}

/// An item's signature and addenda, shown with the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SigningView {
    pub record: RecordRef,
    pub case_id: CaseId,
    /// None while unsigned.
    pub signature: Option<SignatureView>,
    /// The item no longer changes (signed, or an intake completed): show it locked.
    pub locked: bool,
    /// Signing it now needs a late reason.
    pub late_reason_required: bool,
    /// Addenda, oldest first.
    pub addenda: Vec<addendum::AddendumView>,
}

fn is_late(stored: &Stored, now: DateTime<Utc>) -> bool {
    stored.session_end.is_some_and(|end| now - end > Duration::hours(LATE_AFTER_HOURS))
}

fn view(open: &OpenNotebook, record: RecordRef, stored: Stored, now: DateTime<Utc>) -> Result<SigningView> {
    let signature = match (stored.signed_at, stored.signed_by.clone()) {
        (Some(signed_at), Some(signed_by)) => {
            Some(SignatureView { signed_at, signed_by, late_reason: stored.late_reason.clone() })
        }
        _ => None,
    };
    Ok(SigningView {
        record,
        case_id: stored.case_id,
        late_reason_required: signature.is_none() && is_late(&stored, now),
        locked: stored.is_final(),
        signature,
        addenda: addendum::list_addenda(open, record)?,
    })
}

/// The therapist's name for a signature, or the refusal to sign without one.
pub(crate) fn signer(open: &OpenNotebook) -> Result<String> {
    let name = open.settings().therapist_name.trim();
    if name.is_empty() {
        return Err(Rule::SignerNameMissing.refuse());
    }
    Ok(name.to_string())
}

/// Signs an item. Afterwards it no longer changes.
pub fn sign_record(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    record: RecordRef,
    sign: SignInput,
) -> Result<SigningView> {
    let late_reason = input::text("lateReason", sign.late_reason.as_deref())?;
    let name = signer(open)?;
    let now = clock.now();
    let tx = open.change()?;
    let case_id = sign_in(&tx, record, &name, now, late_reason)?;
    tx.commit()?;
    let (kind, id) = (record.kind().as_str(), record.raw_id());
    tracing::info!(case = %case_id, kind, id, "item signed");
    get_signing(open, clock, record)
}

/// Signs an item inside a change the caller commits (one item here, or each unsigned note as a
/// case closes), with its audit entry; returns the item's case. `late_reason` is already checked
/// as input.
pub(crate) fn sign_in(
    tx: &audit::Change<'_>,
    record: RecordRef,
    name: &str,
    now: DateTime<Utc>,
    late_reason: Option<String>,
) -> Result<CaseId> {
    let at = columns::instant_text(now);
    let stored = load_stored(tx, record)?;
    if stored.signed_at.is_some() {
        return Err(Rule::AlreadySigned.refuse());
    }
    if late_reason.is_none() && is_late(&stored, now) {
        return Err(Rule::LateNoteReason.refuse());
    }
    let (table, key) = record.table();
    let extra = match record {
        RecordRef::SessionNote(_) => ", late_reason = ?4",
        RecordRef::Intake(_) => ", completed_at = coalesce(completed_at, ?1)",
        RecordRef::Formulation(_) | RecordRef::Plan(_) | RecordRef::Measure(_) => "",
    };
    let sql = format!(
        "UPDATE {table} SET signed_at = ?1, signed_by = ?2{extra} WHERE {key} = ?3 AND signed_at IS NULL"
    );
    let mut values: Vec<rusqlite::types::Value> =
        vec![at.clone().into(), name.to_string().into(), record.raw_id().into()];
    if matches!(record, RecordRef::SessionNote(_)) {
        values.push(late_reason.map_or(rusqlite::types::Value::Null, Into::into));
    }
    tx.execute(&sql, rusqlite::params_from_iter(values))?;
    case::touch(tx, stored.case_id, &at)?;
    audit::append(
        tx,
        AuditAction::Signed,
        Target::in_case(record.audit_table(), record.raw_id(), stored.case_id),
    )?;
    Ok(stored.case_id)
}

/// An item's signature, lock state and addenda.
pub fn get_signing(open: &OpenNotebook, clock: &dyn Clock, record: RecordRef) -> Result<SigningView> {
    let stored = load_stored(open.store().conn(), record)?;
    view(open, record, stored, clock.now())
}
