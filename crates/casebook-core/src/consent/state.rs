//! Whether a consent is in force on a day, and the checks the workflow rules make with it.

use super::{ConsentId, ConsentKind, ConsentStatus, PartnerRole};
use crate::case::{self, CaseId};
use crate::columns::{self, SqlDate};
use crate::error::Result;
use crate::medical::PractitionerId;
use crate::person::PersonId;
use crate::workflow::{PartnerConsentState, Rule};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// The version of one consent that is in force on a day: the latest version given on or before
/// that day.
#[derive(Debug, Clone)]
struct Head {
    id: ConsentId,
    expires_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    partner_role: Option<PartnerRole>,
}

impl Head {
    fn standing(&self, on: NaiveDate) -> ConsentStatus {
        if self.withdrawn_on.is_some_and(|w| w <= on) {
            ConsentStatus::Withdrawn
        } else if self.expires_on.is_some_and(|e| e <= on) {
            ConsentStatus::Expired
        } else {
            ConsentStatus::Active
        }
    }
}

fn head_on(
    conn: &Connection,
    case_id: CaseId,
    kind: ConsentKind,
    person: PersonId,
    recipient: Option<PractitionerId>,
    on: NaiveDate,
) -> Result<Option<Head>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, expires_on, withdrawn_on, partner_role FROM consent
             WHERE case_id = ?1 AND kind = ?2 AND person_id = ?3 AND coalesce(recipient_id, 0) = coalesce(?4, 0)
               AND given_on <= ?5
             ORDER BY version DESC LIMIT 1",
        )?
        .query_row(params![case_id, kind, person, recipient, SqlDate(on)], |r| {
            Ok(Head {
                id: r.get(0)?,
                expires_on: columns::opt_date(r, 1)?,
                withdrawn_on: columns::opt_date(r, 2)?,
                partner_role: r.get(3)?,
            })
        })
        .optional()?)
}

/// The client's consent to involve the partner, on `on`.
pub(crate) fn partner_consent_state(
    conn: &Connection,
    case_id: CaseId,
    client: PersonId,
    on: NaiveDate,
) -> Result<PartnerConsentState> {
    let head = head_on(conn, case_id, ConsentKind::PartnerInvolvement, client, None, on)?;
    Ok(match head.map(|h| h.standing(on)) {
        None => PartnerConsentState::NeverGiven,
        Some(ConsentStatus::Active) => PartnerConsentState::Active,
        Some(ConsentStatus::Expired) => PartnerConsentState::Expired,
        Some(ConsentStatus::Withdrawn | ConsentStatus::Superseded) => PartnerConsentState::Withdrawn,
    })
}

/// Refuses unless the client's consent to involve the partner is active on `on`. `couples`
/// names the couples-session rule instead of the partner-involvement one.
pub(crate) fn require_partner_involvement(
    conn: &Connection,
    case_id: CaseId,
    on: NaiveDate,
    couples: bool,
) -> Result<()> {
    let row = case::load_row(conn, case_id)?;
    let rule = if couples { Rule::CouplesSessionConsent } else { Rule::PartnerInvolvementConsent };
    match partner_consent_state(conn, case_id, row.client_id, on)? {
        PartnerConsentState::Active => Ok(()),
        PartnerConsentState::NeverGiven => Err(rule.refuse()),
        PartnerConsentState::Withdrawn => Err(rule.refuse_with(
            "The client has withdrawn consent to involve the partner, so no further partner or couples sessions and no partner details can be recorded. Earlier records are kept.",
        )),
        PartnerConsentState::Expired => Err(rule.refuse_with(
            "The client's consent to involve the partner has expired. Record a new consent first.",
        )),
    }
}

/// Refuses unless the partner's own consent is active on `on`.
pub(crate) fn require_partner_own(
    conn: &Connection,
    case_id: CaseId,
    partner: PersonId,
    on: NaiveDate,
) -> Result<()> {
    match head_on(conn, case_id, ConsentKind::PartnerOwn, partner, None, on)?.map(|h| h.standing(on)) {
        Some(ConsentStatus::Active) => Ok(()),
        None => Err(Rule::PartnerOwnConsent.refuse()),
        Some(_) => Err(Rule::PartnerOwnConsent.refuse_with(
            "The partner's own consent has been withdrawn or has expired. Record their consent again before they attend.",
        )),
    }
}

/// The partner's role from their own consent (its latest version, whatever its standing), and
/// whether that consent is active on `on`.
pub(crate) fn partner_role(
    conn: &Connection,
    case_id: CaseId,
    partner: PersonId,
    on: NaiveDate,
) -> Result<(Option<PartnerRole>, bool)> {
    Ok(match head_on(conn, case_id, ConsentKind::PartnerOwn, partner, None, on)? {
        Some(head) => (head.partner_role, head.standing(on) == ConsentStatus::Active),
        None => (None, false),
    })
}

/// The active release-of-information consent naming `practitioner` on `on`, from anyone in the
/// case; refuses when there is none.
pub(crate) fn require_release(
    conn: &Connection,
    case_id: CaseId,
    practitioner: PractitionerId,
    on: NaiveDate,
) -> Result<ConsentId> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT person_id FROM consent
         WHERE case_id = ?1 AND kind = 'release_of_information' AND recipient_id = ?2",
    )?;
    let givers = stmt
        .query_map(params![case_id, practitioner], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<PersonId>>>()?;
    for person in givers {
        let head = head_on(conn, case_id, ConsentKind::ReleaseOfInformation, person, Some(practitioner), on)?;
        if let Some(head) = head.filter(|h| h.standing(on) == ConsentStatus::Active) {
            return Ok(head.id);
        }
    }
    Err(Rule::ReleaseConsent.refuse())
}
