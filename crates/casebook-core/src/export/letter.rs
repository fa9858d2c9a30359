//! The referral letter to a medical practitioner (GP, urologist, gynaecologist, endocrinologist,
//! pelvic-floor physiotherapist).
//!
//! A letter is identified, as a letter must be, and possible only while the client's
//! release-of-information consent naming the recipient is active today
//! (`medical::check_referral_letter`). It holds only what such a consent covers: the presenting
//! problem, the relevant history and the question for the doctor, never notes, formulation,
//! diagnoses or process notes. The engine drafts the three parts from the intake and the referral;
//! the therapist edits them in the letter window, which also shows what the consent says may be
//! shared and offers the other intake sections to add to the history one by one.
//!
//! The partner's data needs the partner's own release: without one, the draft carries the
//! partner's name, contacts and address as "the partner", and a letter that still names them is
//! refused. The letterhead holds the practice's details from Settings; the doctor is addressed by
//! title and surname ("Dear Dr Pillay").

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
    /// The other intake sections the therapist may add to the history, with their text (the
    /// partner's data already left out).
    pub history_options: Vec<LetterSection>,
    /// Whether the partner's own release for this recipient is active: without it the partner's
    /// data stays out of the letter.
    pub partner_release: bool,
}

/// An intake section offered for the letter's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LetterSection {
    pub title: String,
    pub text: String,
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
    /// The letterhead under the name: the practice's name, registration number and contact from
    /// Settings, a line each, the empty ones left out.
    pub letterhead: Vec<String>,
    /// "Dear Dr Pillay,".
    pub salutation: String,
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
    /// The partner's identifiers, unless the partner's own release for this recipient is active.
    withheld: Option<super::deid::Lexicon>,
}

/// A name for a person the letter must not name.
const THE_PARTNER: &str = "the partner";

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
    let case = case::get_case(open, clock, case_id)?;
    let releases: Vec<_> = consent::list_consents(open, clock, case_id)?
        .into_iter()
        .filter(|c| c.status == ConsentStatus::Active)
        .filter_map(|c| match c.terms {
            ConsentTerms::ReleaseOfInformation { recipient, shared_information }
                if recipient == referral.practitioner =>
            {
                Some((c.given_by, shared_information, c.given_on))
            }
            _ => None,
        })
        .collect();
    let consent = releases
        .iter()
        .find(|(by, ..)| *by == case.client.id)
        .cloned()
        .ok_or_else(|| crate::workflow::Rule::ReleaseConsent.refuse())?;
    let withheld =
        case.partner.as_ref().filter(|p| !releases.iter().any(|(by, ..)| *by == p.person.id)).map(|p| {
            let mut lexicon = super::deid::Lexicon::new(chrono::Datelike::year(&columns::today(clock)));
            lexicon.person(THE_PARTNER, &p.person);
            lexicon.settle();
            lexicon
        });
    Ok(Context { case_id, referral, covers: consent.1, given_on: consent.2, withheld })
}

impl Context {
    /// `text` without the partner's data, unless the partner released it.
    fn without_partner(&self, text: &str) -> String {
        match &self.withheld {
            Some(lexicon) => super::deid::replace_held(text, lexicon).0,
            None => text.to_string(),
        }
    }

    /// Refuses a letter part that still names the partner without the partner's release.
    fn check_partner(&self, field: &str, text: &str) -> Result<()> {
        match &self.withheld {
            Some(lexicon) if super::deid::replace_held(text, lexicon).1 > 0 => Err(Error::invalid(
                field,
                "This names the partner or holds their details. The partner has not released their \
                 information to this practitioner: write \"the partner\" instead, or record the partner's \
                 own release first.",
            )),
            _ => Ok(()),
        }
    }
}

/// "Dear Dr Pillay," for a doctor; "Dear Ms Jacobs," for a titled practitioner; the whole name
/// otherwise.
fn salutation(name: &str, kind: PractitionerKind) -> String {
    const TITLES: [&str; 9] = ["Dr", "Doctor", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Mx"];
    let parts: Vec<&str> =
        name.split_whitespace().filter(|p| !(p.starts_with('(') && p.ends_with(')'))).collect();
    let title = parts.first().map(|t| t.trim_end_matches('.')).filter(|t| TITLES.contains(t));
    let rest: Vec<&str> = parts.iter().skip(usize::from(title.is_some())).copied().collect();
    // The surname with its particles: "van der Merwe", "D'Souza".
    let particles = ["van", "der", "den", "de", "du", "le", "la", "von", "da", "del", "di", "dos", "das"];
    let mut from = rest.len().saturating_sub(1);
    while from > 1 && particles.contains(&rest[from - 1].to_lowercase().as_str()) {
        from -= 1;
    }
    let surname = rest[from.min(rest.len())..].join(" ");
    let doctor = !matches!(kind, PractitionerKind::Physiotherapist | PractitionerKind::Other);
    let body = match (title, surname.is_empty()) {
        (Some("Doctor"), false) => format!("Dr {surname}"),
        (Some("Professor"), false) => format!("Prof {surname}"),
        (Some(t), false) => format!("{t} {surname}"),
        (None, false) if doctor => format!("Dr {surname}"),
        _ => rest.join(" "),
    };
    let body = if body.trim().is_empty() { "Colleague".to_string() } else { body };
    format!("Dear {body},")
}

/// One sentence with its own full stop only: "…with you: the problem." never "problem..".
fn sentence(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches(['.', ',', ';', ':', ' ']);
    format!("{trimmed}.")
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
    let part = |title: &str, v: Option<&str>| {
        v.filter(|v| !v.trim().is_empty())
            .map(|v| LetterSection { title: title.into(), text: ctx.without_partner(v.trim()) })
    };
    // Onset and medical history are drafted; the rest is offered, never copied unasked.
    let drafted: Vec<LetterSection> = [
        part("Onset and course", sections.and_then(|s| s.onset_course.as_deref())),
        part("Medical history", sections.and_then(|s| s.medical.as_deref())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let history_options: Vec<LetterSection> = sections
        .map(|s| {
            [
                part("Lifelong or acquired", s.lifelong_or_acquired.as_deref()),
                part("Generalized or situational", s.generalized_or_situational.as_deref()),
                part("Phases affected", s.phases_affected.as_deref()),
                part("Distress", s.distress.as_deref()),
                part("Psychological functioning", s.psychological_functioning.as_deref()),
                part("Body image and self-concept", s.body_image.as_deref()),
                part("Relationship", s.relationship.as_deref()),
                part("Developmental and sexual history", s.developmental_history.as_deref()),
                part("Trauma", s.trauma.as_deref()),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap_or_default();
    let history: Vec<String> = drafted.iter().map(|p| format!("{}: {}", p.title, p.text)).collect();
    Ok(ReferralLetterDraft {
        referral: id,
        recipient_name: recipient.name,
        recipient_kind: recipient.kind,
        consent_covers: ctx.covers.clone(),
        consent_given_on: ctx.given_on,
        presenting_problem: sections.map(|s| ctx.without_partner(&s.presenting_problem)).unwrap_or_default(),
        relevant_history: history.join("\n\n"),
        question: ctx.without_partner(&ctx.referral.reason),
        history_options,
        partner_release: ctx.withheld.is_none(),
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
    ctx.check_partner("presentingProblem", &presenting_problem)?;
    if let Some(history) = &relevant_history {
        ctx.check_partner("relevantHistory", history)?;
    }
    ctx.check_partner("question", &question)?;
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
    let settings = open.settings();
    let mut letterhead = vec![settings.practice_name.clone()];
    if !settings.registration_number.is_empty() {
        letterhead.push(format!("Registration: {}", settings.registration_number));
    }
    letterhead.extend(settings.practice_contact.lines().map(str::to_string));
    letterhead.retain(|l| !l.trim().is_empty());
    let letter = ReferralLetter {
        written_on: columns::today(clock),
        from: settings.therapist_name.clone(),
        letterhead,
        salutation: salutation(&recipient.name, recipient.kind),
        to_name: recipient.name,
        to_role: words::practitioner_role(recipient.kind).into(),
        to_practice: recipient.practice,
        to_address: recipient.address,
        client_name: client.full_name.clone(),
        client_age,
        presenting_problem,
        relevant_history,
        question,
        consent: sentence(&format!(
            "This letter is sent with the client's consent of {} to share the following with you: {}",
            long_date(ctx.given_on),
            ctx.covers.trim()
        )),
    };
    Ok((letter, ctx.case_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doctor_is_addressed_by_title_and_surname() {
        assert_eq!(salutation("Dr Priya Pillay", PractitionerKind::Gp), "Dear Dr Pillay,");
        assert_eq!(salutation("Kobus van der Merwe", PractitionerKind::Urologist), "Dear Dr van der Merwe,");
        assert_eq!(salutation("Dr. Anand D'Souza", PractitionerKind::Gp), "Dear Dr D'Souza,");
        assert_eq!(salutation("Ms Lindiwe Jacobs", PractitionerKind::Physiotherapist), "Dear Ms Jacobs,");
        assert_eq!(salutation("Lindiwe Jacobs", PractitionerKind::Physiotherapist), "Dear Lindiwe Jacobs,");
        assert_eq!(
            salutation("Professor Sipho Dube (endocrine)", PractitionerKind::Endocrinologist),
            "Dear Prof Dube,"
        );
    }

    #[test]
    fn a_sentence_ends_with_one_full_stop() {
        assert_eq!(sentence("share: the problem."), "share: the problem.");
        assert_eq!(sentence("share: the problem..  "), "share: the problem.");
        assert_eq!(sentence("share: the problem;"), "share: the problem.");
    }
}
