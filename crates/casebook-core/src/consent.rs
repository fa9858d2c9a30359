//! Consents: typed (treatment, processing notice, partner involvement from the client, the
//! partner's own consent and role, release of information to a named practitioner, supervision
//! use of de-identified material) and versioned. Each has given / expires / withdrawn dates.
//!
//! Recording the same consent again (same case, kind, person and recipient) adds the next
//! version; the earlier one stays as history, superseded. Withdrawal fills the withdrawal date of
//! the current version and deletes nothing. Whether a consent is active is always computed for a
//! date (today, or the date of the session or referral that relies on it), so a late note for a
//! session held while consent was active is accepted, and nothing after a withdrawal is.
//!
//! The checks other modules rely on live in [`state`]: `require_partner_involvement`,
//! `require_partner_own`, `require_release`. What does not belong here: who the practitioners
//! are (`medical`), who the people are (`person`).

mod record;
mod state;

pub use record::{ConsentInput, WithdrawConsent, list_consents, record_consent, withdraw_consent};
pub(crate) use state::{
    partner_consent_state, partner_role, require_partner_involvement, require_partner_own, require_release,
};

use crate::case::CaseId;
use crate::columns::{row_id, text_enum};
use crate::medical::PractitionerId;
use crate::person::PersonId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

row_id! {
    /// One version of one consent.
    ConsentId
}

text_enum! {
    pub enum ConsentKind {
        Treatment = "treatment",
        /// Health and sex life are special personal information (POPIA, GDPR).
        ProcessingNotice = "processing_notice",
        /// The client's consent to invite the partner.
        PartnerInvolvement = "partner_involvement",
        /// The partner's own consent, with their role.
        PartnerOwn = "partner_own",
        /// Release of information to a named practitioner.
        ReleaseOfInformation = "release_of_information",
        /// Use of de-identified case material in supervision.
        SupervisionUse = "supervision_use",
    }
}

text_enum! {
    pub enum ConsentMethod {
        Written = "written",
        Verbal = "verbal",
        Electronic = "electronic",
    }
}

text_enum! {
    /// What may be kept from the partner of what the client says alone.
    pub enum SecretsPolicy {
        /// No secrets: what the client says alone may be brought into joint sessions.
        None = "none",
        /// Limited: the therapist may hold some information in confidence, as agreed in the scope.
        Limited = "limited",
    }
}

text_enum! {
    pub enum PartnerRole {
        /// Conjoint therapy: the partner is a client too.
        CoClient = "co_client",
        /// The partner supports the client's therapy.
        Collateral = "collateral",
    }
}

text_enum! {
    /// A consent version's standing on a given day.
    pub enum ConsentStatus {
        Active = "active",
        /// A later version replaced it.
        Superseded = "superseded",
        Expired = "expired",
        Withdrawn = "withdrawn",
    }
}

/// What was consented to; the fields each kind needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
pub enum ConsentTerms {
    Treatment,
    ProcessingNotice,
    PartnerInvolvement {
        /// What may and may not be shared from individual sessions.
        scope: String,
        secrets_policy: SecretsPolicy,
    },
    PartnerOwn {
        role: PartnerRole,
    },
    ReleaseOfInformation {
        recipient: PractitionerId,
        /// What is shared with the recipient.
        shared_information: String,
    },
    SupervisionUse,
}

impl ConsentTerms {
    pub fn kind(&self) -> ConsentKind {
        match self {
            ConsentTerms::Treatment => ConsentKind::Treatment,
            ConsentTerms::ProcessingNotice => ConsentKind::ProcessingNotice,
            ConsentTerms::PartnerInvolvement { .. } => ConsentKind::PartnerInvolvement,
            ConsentTerms::PartnerOwn { .. } => ConsentKind::PartnerOwn,
            ConsentTerms::ReleaseOfInformation { .. } => ConsentKind::ReleaseOfInformation,
            ConsentTerms::SupervisionUse => ConsentKind::SupervisionUse,
        }
    }

    fn recipient(&self) -> Option<PractitionerId> {
        match self {
            ConsentTerms::ReleaseOfInformation { recipient, .. } => Some(*recipient),
            _ => None,
        }
    }
}

/// One version of a consent, with its standing today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentView {
    pub id: ConsentId,
    pub case_id: CaseId,
    pub given_by: PersonId,
    pub terms: ConsentTerms,
    pub version: u32,
    pub given_on: NaiveDate,
    pub expires_on: Option<NaiveDate>,
    pub method: ConsentMethod,
    pub note: Option<String>,
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_reason: Option<String>,
    pub status: ConsentStatus,
    pub recorded_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests;
