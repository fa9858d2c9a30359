//! Recording a consent (a new version when the same consent exists), withdrawing one, and the
//! case's consent history.

use super::state::require_partner_involvement;
use super::{ConsentId, ConsentKind, ConsentMethod, ConsentStatus, ConsentTerms, ConsentView};
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns::{self, SqlDate};
use crate::error::{Error, Result};
use crate::input;
use crate::medical::{self, PractitionerId};
use crate::notebook::OpenNotebook;
use crate::person::{self, PersonId, Role};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use crate::workflow::Rule;
use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// A consent as the window sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct ConsentInput {
    /// The client, or the partner. Partner involvement is given by the client; the partner's own
    /// consent by the partner.
    pub given_by: PersonId,
    pub terms: ConsentTerms,
    pub given_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub method: ConsentMethod,
    pub note: Option<String>,
}

/// Withdrawing the current version of a consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct WithdrawConsent {
    pub withdrawn_on: NaiveDate,
    pub reason: Option<String>,
}

struct ValidTerms {
    scope: Option<String>,
    shared_information: Option<String>,
}

fn validate_terms(terms: &ConsentTerms) -> Result<ValidTerms> {
    Ok(match terms {
        ConsentTerms::PartnerInvolvement { scope, .. } => {
            ValidTerms { scope: Some(input::required_text("terms.scope", scope)?), shared_information: None }
        }
        ConsentTerms::ReleaseOfInformation { shared_information, .. } => ValidTerms {
            scope: None,
            shared_information: Some(input::required_text("terms.sharedInformation", shared_information)?),
        },
        _ => ValidTerms { scope: None, shared_information: None },
    })
}

/// Records a consent. When the same consent (case, kind, person, recipient) exists, this is its
/// next version and the earlier one is superseded.
pub fn record_consent(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    case_id: CaseId,
    consent: ConsentInput,
) -> Result<ConsentView> {
    let today = columns::today(clock);
    let given_on = input::past_date("givenOn", consent.given_on, today)?;
    if let Some(expires) = consent.expires_on {
        input::date("expiresOn", expires)?;
        if expires <= given_on {
            return Err(Error::invalid("expiresOn", "A consent expires after the day it is given."));
        }
    }
    let terms = validate_terms(&consent.terms)?;
    let note = input::text("note", consent.note.as_deref())?;
    let kind = consent.terms.kind();
    let recipient = consent.terms.recipient();
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let row = case::writable(&tx, case_id)?;
    if given_on < row.first_contact_on {
        return Err(Error::invalid("givenOn", "A consent in this case cannot predate the first contact."));
    }
    match kind {
        ConsentKind::PartnerInvolvement if !row.has_partner => return Err(Rule::NoPartner.refuse()),
        ConsentKind::PartnerOwn if person::partner_of(&tx, case_id)?.is_none() => {
            return Err(
                Rule::PartnerNotAdded.refuse_with("Add the partner's details before their own consent.")
            );
        }
        _ => {}
    }
    let role = person::role_in(&tx, case_id, consent.given_by, "givenBy")?;
    match (kind, role) {
        (ConsentKind::PartnerInvolvement, Role::Partner) => {
            return Err(Error::invalid("givenBy", "The client gives the consent to involve the partner."));
        }
        (ConsentKind::PartnerOwn, Role::Client) => {
            return Err(Error::invalid("givenBy", "The partner gives their own consent."));
        }
        (_, Role::Partner) => require_partner_involvement(&tx, case_id, given_on, false)?,
        _ => {}
    }
    if let Some(recipient) = recipient
        && !medical::practitioner_exists(&tx, recipient)?
    {
        return Err(Error::invalid("terms.recipient", "That practitioner is not in this notebook."));
    }
    let version: u32 = tx.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM consent
         WHERE case_id = ?1 AND kind = ?2 AND person_id = ?3 AND coalesce(recipient_id, 0) = coalesce(?4, 0)",
        params![case_id, kind, consent.given_by, recipient],
        |r| r.get(0),
    )?;
    let (policy, role) = match &consent.terms {
        ConsentTerms::PartnerInvolvement { secrets_policy, .. } => (Some(*secrets_policy), None),
        ConsentTerms::PartnerOwn { role } => (None, Some(*role)),
        _ => (None, None),
    };
    tx.execute(
        "INSERT INTO consent (case_id, person_id, kind, version, recipient_id, given_on, expires_on, method, scope,
                              secrets_policy, partner_role, shared_information, note, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            case_id,
            consent.given_by,
            kind,
            version,
            recipient,
            SqlDate(given_on),
            consent.expires_on.map(SqlDate),
            consent.method,
            terms.scope,
            policy,
            role,
            terms.shared_information,
            note,
            now
        ],
    )?;
    let id = ConsentId(tx.last_insert_rowid());
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::ConsentRecorded, Target::in_case(AuditTable::Consent, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(case = %case_id, consent = %id, kind = kind.as_str(), version, "consent recorded");
    find(open, today, id)
}

/// Withdraws the current version of a consent. The record stays, with its withdrawal date.
pub fn withdraw_consent(
    open: &mut OpenNotebook,
    clock: &dyn Clock,
    id: ConsentId,
    withdrawal: WithdrawConsent,
) -> Result<ConsentView> {
    let today = columns::today(clock);
    let withdrawn_on = input::past_date("withdrawnOn", withdrawal.withdrawn_on, today)?;
    let reason = input::text("reason", withdrawal.reason.as_deref())?;
    let now = columns::instant_text(clock.now());
    let tx = open.change()?;
    let found = tx
        .query_row(
            "SELECT c.case_id, c.given_on, c.withdrawn_on IS NOT NULL,
                    c.version = (SELECT max(o.version) FROM consent o
                                 WHERE o.case_id = c.case_id AND o.kind = c.kind AND o.person_id = c.person_id
                                   AND coalesce(o.recipient_id, 0) = coalesce(c.recipient_id, 0))
             FROM consent c WHERE c.id = ?1",
            [id],
            |r| {
                Ok((r.get::<_, CaseId>(0)?, columns::date(r, 1)?, r.get::<_, bool>(2)?, r.get::<_, bool>(3)?))
            },
        )
        .optional()?;
    let (case_id, given_on, withdrawn, current) =
        found.ok_or_else(|| Error::NotFound("That consent is not in this notebook.".into()))?;
    case::writable(&tx, case_id)?;
    if withdrawn || !current {
        return Err(Rule::ConsentNotCurrent.refuse());
    }
    if withdrawn_on < given_on {
        return Err(Error::invalid("withdrawnOn", "A consent cannot be withdrawn before it was given."));
    }
    tx.execute(
        "UPDATE consent SET withdrawn_on = ?1, withdrawal_reason = ?2, withdrawn_at = ?3
         WHERE id = ?4 AND withdrawn_on IS NULL",
        params![SqlDate(withdrawn_on), reason, now, id],
    )?;
    case::touch(&tx, case_id, &now)?;
    audit::append(&tx, AuditAction::ConsentWithdrawn, Target::in_case(AuditTable::Consent, id.0, case_id))?;
    tx.commit()?;
    tracing::info!(consent = %id, "consent withdrawn");
    find(open, today, id)
}

/// Every version of every consent in a case, with its standing today; oldest first.
pub fn list_consents(open: &OpenNotebook, clock: &dyn Clock, case_id: CaseId) -> Result<Vec<ConsentView>> {
    let conn = open.store().conn();
    case::load_row(conn, case_id)?;
    load_case(conn, case_id, columns::today(clock))
}

fn find(open: &OpenNotebook, today: NaiveDate, id: ConsentId) -> Result<ConsentView> {
    let conn = open.store().conn();
    let case_id: CaseId = conn.query_row("SELECT case_id FROM consent WHERE id = ?1", [id], |r| r.get(0))?;
    load_case(conn, case_id, today)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::NotFound("That consent is not in this notebook.".into()))
}

const COLUMNS: &str =
    "id, case_id, person_id, kind, version, recipient_id, given_on, expires_on, method, scope,
    secrets_policy, partner_role, shared_information, note, withdrawn_on, withdrawal_reason, recorded_at";

fn load_case(conn: &Connection, case_id: CaseId, today: NaiveDate) -> Result<Vec<ConsentView>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {COLUMNS} FROM consent WHERE case_id = ?1 ORDER BY id"))?;
    let mut all = stmt.query_map([case_id], read)?.collect::<rusqlite::Result<Vec<_>>>()?;
    // A version is superseded when a later version of the same consent was given by today.
    let mut newest: HashMap<(ConsentKind, PersonId, Option<PractitionerId>), u32> = HashMap::new();
    for c in all.iter().filter(|c| c.given_on <= today) {
        let key = (c.terms.kind(), c.given_by, c.terms.recipient());
        let v = newest.entry(key).or_insert(c.version);
        *v = (*v).max(c.version);
    }
    for c in &mut all {
        let key = (c.terms.kind(), c.given_by, c.terms.recipient());
        c.status = if newest.get(&key).is_some_and(|&v| v > c.version) {
            ConsentStatus::Superseded
        } else if c.withdrawn_on.is_some_and(|w| w <= today) {
            ConsentStatus::Withdrawn
        } else if c.expires_on.is_some_and(|e| e <= today) {
            ConsentStatus::Expired
        } else {
            ConsentStatus::Active
        };
    }
    Ok(all)
}

fn read(r: &Row<'_>) -> rusqlite::Result<ConsentView> {
    let kind: ConsentKind = r.get(3)?;
    let missing = |idx: usize| {
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Null, "missing consent term".into())
    };
    let terms = match kind {
        ConsentKind::Treatment => ConsentTerms::Treatment,
        ConsentKind::ProcessingNotice => ConsentTerms::ProcessingNotice,
        ConsentKind::SupervisionUse => ConsentTerms::SupervisionUse,
        ConsentKind::PartnerInvolvement => ConsentTerms::PartnerInvolvement {
            scope: r.get::<_, Option<String>>(9)?.ok_or_else(|| missing(9))?,
            secrets_policy: r.get::<_, Option<_>>(10)?.ok_or_else(|| missing(10))?,
        },
        ConsentKind::PartnerOwn => {
            ConsentTerms::PartnerOwn { role: r.get::<_, Option<_>>(11)?.ok_or_else(|| missing(11))? }
        }
        ConsentKind::ReleaseOfInformation => ConsentTerms::ReleaseOfInformation {
            recipient: r.get::<_, Option<_>>(5)?.ok_or_else(|| missing(5))?,
            shared_information: r.get::<_, Option<String>>(12)?.ok_or_else(|| missing(12))?,
        },
    };
    Ok(ConsentView {
        id: r.get(0)?,
        case_id: r.get(1)?,
        given_by: r.get(2)?,
        terms,
        version: r.get(4)?,
        given_on: columns::date(r, 6)?,
        expires_on: columns::opt_date(r, 7)?,
        method: r.get(8)?,
        note: r.get(13)?,
        withdrawn_on: columns::opt_date(r, 14)?,
        withdrawal_reason: r.get(15)?,
        status: ConsentStatus::Active,
        recorded_at: columns::instant(r, 16)?,
    })
}
