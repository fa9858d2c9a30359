//! The referral letter to a medical practitioner (GP, urologist, gynaecologist, endocrinologist,
//! pelvic-floor physiotherapist).
//!
//! A letter is identified, as a letter must be, and possible only while the client's
//! release-of-information consent naming the recipient is active today
//! (`medical::check_referral_letter`). It holds only what such a consent covers: the presenting
//! problem, the relevant history and the question for the doctor, never notes, formulation,
//! diagnoses or process notes. The engine drafts the three parts from the intake and the referral;
//! the therapist edits them in the letter window, which also shows what the consent says may be
//! shared.

use super::build::long_date;
use super::options::PaperSize;
use super::words;
use crate::case::{self, CaseId};
use crate::clock::Clock;
use crate::columns;
use crate::consent::{self, ConsentStatus, ConsentTerms};
use crate::error::{Error, Result};
use crate::input;
use crate::intake;
use crate::medical::{self, PractitionerKind, ReferralId, ReferralView};
use crate::notebook::OpenNotebook;
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the letter window starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReferralLetterDraft {
    pub referral: ReferralId,
    pub recipient_name: String,
    pub recipient_kind: PractitionerKind,
    /// What the client's consent says may be shared with this practitioner.
    pub consent_covers: String,
    pub consent_given_on: NaiveDate,
    pub presenting_problem: String,
    pub relevant_history: String,
    /// The question for the doctor: the referral's reason.
    pub question: String,
}

/// A letter as the therapist confirms it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct LetterExport {
    pub referral: ReferralId,
    pub presenting_problem: String,
    pub relevant_history: Option<String>,
    pub question: String,
    pub paper: PaperSize,
}

/// A referral letter, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralLetter {
    pub written_on: NaiveDate,
    /// The therapist's name from Settings (empty when not set).
    pub from: String,
    pub to_name: String,
    /// "GP", "Urologist", ...
    pub to_role: String,
    pub to_practice: Option<String>,
    pub to_address: Option<String>,
    pub client_name: String,
    /// "born 3 May 1990", or the age band.
    pub client_age: Option<String>,
    pub presenting_problem: String,
    pub relevant_history: Option<String>,
    pub question: String,
    /// The consent the letter relies on, in one sentence.
    pub consent: String,
}

struct Context {
    case_id: CaseId,
    referral: ReferralView,
    covers: String,
    given_on: NaiveDate,
}

/// Finds the referral and the active consent that allows a letter about it.
fn context(open: &OpenNotebook, clock: &dyn Clock, id: ReferralId) -> Result<Context> {
    medical::check_referral_letter(open, clock, id)?;
    let case_id: CaseId = open
        .store()
        .conn()
        .query_row("SELECT case_id FROM referral WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound("That referral is not in this notebook.".into()))?;
    let referral = medical::get_medical(open, case_id)?
        .referrals
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| Error::NotFound("That referral is not in this notebook.".into()))?;
    let consent = consent::list_consents(open, clock, case_id)?
        .into_iter()
        .filter(|c| c.status == ConsentStatus::Active)
        .find_map(|c| match c.terms {
            ConsentTerms::ReleaseOfInformation { recipient, shared_information }
                if recipient == referral.practitioner =>
            {
                Some((shared_information, c.given_on))
            }
            _ => None,
        })
        .ok_or_else(|| crate::workflow::Rule::ReleaseConsent.refuse())?;
    Ok(Context { case_id, referral, covers: consent.0, given_on: consent.1 })
}

/// The letter's first draft: the parts prefilled from the intake and the referral.
pub fn referral_letter_draft(
    open: &OpenNotebook,
    clock: &dyn Clock,
    id: ReferralId,
) -> Result<ReferralLetterDraft> {
    let ctx = context(open, clock, id)?;
    let recipient = medical::list_practitioners(open)?
        .into_iter()
        .find(|p| p.id == ctx.referral.practitioner)
        .ok_or_else(|| Error::NotFound("That practitioner is not in this notebook.".into()))?;
    let intake = intake::get_intake(open, ctx.case_id)?;
    let sections = intake.as_ref().map(|i| &i.sections);
    let history: Vec<String> = [
        ("Onset and course", sections.and_then(|s| s.onset_course.as_deref())),
        ("Medical history", sections.and_then(|s| s.medical.as_deref())),
    ]
    .into_iter()
    .filter_map(|(label, v)| v.map(|v| format!("{label}: {}", v.trim())))
    .collect();
    Ok(ReferralLetterDraft {
        referral: id,
        recipient_name: recipient.name,
        recipient_kind: recipient.kind,
        consent_covers: ctx.covers,
        consent_given_on: ctx.given_on,
        presenting_problem: sections.map(|s| s.presenting_problem.clone()).unwrap_or_default(),
        relevant_history: history.join("\n\n"),
        question: ctx.referral.reason,
    })
}

/// The letter as it will be written (checked again against today's consent).
pub fn referral_letter(
    open: &OpenNotebook,
    clock: &dyn Clock,
    request: &LetterExport,
) -> Result<ReferralLetter> {
    build(open, clock, request).map(|(letter, _)| letter)
}

pub(super) fn build(
    open: &OpenNotebook,
    clock: &dyn Clock,
    request: &LetterExport,
) -> Result<(ReferralLetter, CaseId)> {
    let presenting_problem = input::required_text("presentingProblem", &request.presenting_problem)?;
    let relevant_history = input::text("relevantHistory", request.relevant_history.as_deref())?;
    let question = input::required_text("question", &request.question)?;
    let ctx = context(open, clock, request.referral)?;
    let recipient = medical::list_practitioners(open)?
        .into_iter()
        .find(|p| p.id == ctx.referral.practitioner)
        .ok_or_else(|| Error::NotFound("That practitioner is not in this notebook.".into()))?;
    let case = case::get_case(open, clock, ctx.case_id)?;
    let client = &case.client;
    let client_age = match (client.date_of_birth, client.age_band) {
        (Some(born), _) => Some(format!("born {}", long_date(born))),
        (None, Some(band)) => Some(format!("age {}", words::age_band(band))),
        (None, None) => None,
    };
    let letter = ReferralLetter {
        written_on: columns::today(clock),
        from: open.settings().therapist_name.clone(),
        to_name: recipient.name,
        to_role: words::practitioner_role(recipient.kind).into(),
        to_practice: recipient.practice,
        to_address: recipient.address,
        client_name: client.full_name.clone(),
        client_age,
        presenting_problem,
        relevant_history,
        question,
        consent: format!(
            "This letter is sent with the client's consent of {} to share the following with you: {}",
            long_date(ctx.given_on),
            ctx.covers.trim()
        ),
    };
    Ok((letter, ctx.case_id))
}
