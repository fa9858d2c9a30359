//! The workflow of a case (DOMAIN.md section 2): the rules the engine enforces, in the words a
//! therapist reads when one refuses, and the sequence of steps a case page shows.
//!
//! The rules are listed once, here, so the window can switch on a stable id and a test can walk
//! all of them. Each domain module checks its own rules where it writes (consent checks live in
//! `consent`, the intake check in `formulation`, ...) and refuses with [`Rule::refuse`]. The step
//! sequence is a pure function of [`CaseFacts`], which `case` gathers from the other modules.
//!
//! What does not belong here: SQL, and input validation (`input`): a missing field is `invalid`,
//! a step out of order is `workflow`.

mod steps;

pub use steps::{
    CaseFacts, CaseStage, IntakeProgress, PartnerConsentState, StageFacts, StepKind, StepState, WorkflowStep,
    review_overdue,
};

use crate::columns::text_enum;
use crate::error::Error;

text_enum! {
    /// A workflow rule; its word is the `rule` of a `workflow` error.
    pub enum Rule {
        /// The first session of a case is the intake session.
        IntakeFirst = "intake_first",
        /// No partner session and no partner data without the client's active consent.
        PartnerInvolvementConsent = "partner_involvement_consent",
        /// A couples session needs the client's active consent to involve the partner.
        CouplesSessionConsent = "couples_session_consent",
        /// The partner gives their own consent, with their role, at first attendance.
        PartnerOwnConsent = "partner_own_consent",
        /// Partner consent needs a partner in the case.
        NoPartner = "no_partner",
        /// A partner or couples session needs the partner's details first.
        PartnerNotAdded = "partner_not_added",
        /// A referral needs an active release-of-information consent naming the recipient.
        ReleaseConsent = "release_consent",
        /// A formulation needs a signed intake.
        FormulationNeedsIntake = "formulation_needs_intake",
        /// A treatment plan needs a formulation.
        PlanNeedsFormulation = "plan_needs_formulation",
        /// A treatment plan needs a review date.
        PlanReviewDate = "plan_review_date",
        /// A closed case is read-only (addenda excepted).
        ClosedCaseReadOnly = "closed_case_read_only",
        /// A case closes with every session note signed.
        UnsignedNotes = "unsigned_notes",
        /// A case closes with every measure's administration signed.
        UnsignedMeasures = "unsigned_measures",
        /// Reopening a closed case needs a reason.
        ReopenNeedsReason = "reopen_needs_reason",
        /// Only a closed case can be reopened.
        CaseAlreadyOpen = "case_already_open",
        /// A completed intake no longer changes.
        IntakeCompleted = "intake_completed",
        /// A consent is withdrawn once; only its current version can be withdrawn.
        ConsentNotCurrent = "consent_not_current",
        /// A signed note no longer changes.
        NoteSigned = "note_signed",
        /// A signature carries the therapist's name from Settings.
        SignerNameMissing = "signer_name_missing",
        /// An item is signed once.
        AlreadySigned = "already_signed",
        /// A note signed more than 24 hours after its session says why it is late.
        LateNoteReason = "late_note_reason",
        /// Addenda correct items that no longer change (signed, or a completed intake).
        AddendumNeedsFinal = "addendum_needs_final",
        /// The database refused to change a signed item, an addendum or the audit trail.
        RecordFinal = "record_final",
    }
}

impl Rule {
    /// The refusal, in a therapist's words.
    pub fn message(self) -> &'static str {
        match self {
            Rule::IntakeFirst => {
                "The first session of every case is the intake session. Record the intake session first."
            }
            Rule::PartnerInvolvementConsent => {
                "A partner session, or anything recorded about the partner, needs the client's active consent to involve the partner. Record the consent first."
            }
            Rule::CouplesSessionConsent => {
                "A couples session needs the client's active consent to involve the partner. Record the consent first."
            }
            Rule::PartnerOwnConsent => {
                "The partner has not given their own consent. Record the partner's consent and role (co-client or collateral) at their first attendance."
            }
            Rule::NoPartner => {
                "This case records no partner. Note in the case details that the client has a partner first."
            }
            Rule::PartnerNotAdded => "Add the partner's details before a partner or couples session.",
            Rule::ReleaseConsent => {
                "A referral needs the client's active release-of-information consent naming this practitioner. Record that consent first."
            }
            Rule::FormulationNeedsIntake => {
                "A formulation needs a signed intake. Complete and sign the intake first."
            }
            Rule::PlanNeedsFormulation => {
                "A treatment plan needs a formulation. Write the formulation first."
            }
            Rule::PlanReviewDate => "A treatment plan needs a review date. Choose when you will review it.",
            Rule::ClosedCaseReadOnly => {
                "This case is closed, so it cannot be changed. Reopen it, with a reason, to continue."
            }
            Rule::UnsignedNotes => {
                "This case has session notes that are not signed. Sign them, with a reason for any that are late, before closing: a closed record is final."
            }
            Rule::UnsignedMeasures => {
                "This case has measures that are not signed. Sign them (or correct them first) under Measures before closing: a closed record is final."
            }
            Rule::ReopenNeedsReason => "Reopening a closed case needs a reason.",
            Rule::CaseAlreadyOpen => "This case is open already.",
            Rule::IntakeCompleted => {
                "The intake is completed and no longer changes. Corrections will be added as addenda."
            }
            Rule::ConsentNotCurrent => {
                "Only the current version of a consent that has not been withdrawn can be withdrawn."
            }
            Rule::NoteSigned => "A signed note no longer changes. Add an addendum instead.",
            Rule::SignerNameMissing => "Set your name in Settings before signing.",
            Rule::AlreadySigned => {
                "This is signed already. A signed item no longer changes; add an addendum instead."
            }
            Rule::LateNoteReason => {
                "This note is signed more than 24 hours after the session. Say why it is late."
            }
            Rule::AddendumNeedsFinal => {
                "This item is not signed yet, so it can still be corrected directly. Addenda are for signed items."
            }
            Rule::RecordFinal => {
                "Signed items, addenda and the audit trail no longer change. Add an addendum instead."
            }
        }
    }

    /// The `workflow` error for this rule, with its standard message.
    pub fn refuse(self) -> Error {
        Error::workflow(self, self.message())
    }

    /// The `workflow` error for this rule with a message fitted to the situation.
    pub fn refuse_with(self, message: &str) -> Error {
        Error::workflow(self, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::TextEnum;
    use crate::error::ErrorReply;

    #[test]
    fn every_rule_refuses_with_its_id_and_a_message() {
        for rule in Rule::ALL {
            let reply = ErrorReply::from(rule.refuse());
            assert_eq!(reply.rule(), Some(*rule));
            assert!(reply.message().ends_with('.'), "{rule:?}");
            assert!(reply.message().len() > 20, "{rule:?}");
        }
    }
}
