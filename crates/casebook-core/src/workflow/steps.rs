//! The case page's sequence: intake, partner involvement, medical liaison, formulation, plan,
//! sessions, closing; each done, next, available, blocked (and why) or not applicable. Also the
//! case's stage, which the cases list filters on. Both are computed from what is recorded, never
//! stored, so they cannot drift from the record.

use super::Rule;
use crate::case::CaseStatus;
use crate::columns::text_enum;
use crate::medical::RuleOutStatus;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

text_enum! {
    /// Where a case stands, computed from what is recorded.
    pub enum CaseStage {
        /// Only the first contact is recorded.
        FirstContact = "first_contact",
        /// The intake is under way.
        Intake = "intake",
        /// Intake complete; partner involvement and medical liaison, before a formulation.
        Assessment = "assessment",
        /// A formulation, no plan yet.
        Formulation = "formulation",
        /// A plan, no session since it was made.
        Plan = "plan",
        /// Sessions under the plan.
        Ongoing = "ongoing",
        Closed = "closed",
    }
}

text_enum! {
    /// The steps of the case page, in order.
    pub enum StepKind {
        Intake = "intake",
        PartnerInvolvement = "partner_involvement",
        MedicalLiaison = "medical_liaison",
        Formulation = "formulation",
        Plan = "plan",
        Sessions = "sessions",
        Closing = "closing",
    }
}

text_enum! {
    pub enum StepState {
        Done = "done",
        /// The step the therapist is expected to take next.
        Next = "next",
        /// May be taken now, but nothing waits on it.
        Available = "available",
        /// A rule stops it; see the step's `rule` and `reason`.
        Blocked = "blocked",
        /// Does not apply to this case (partner involvement without a partner).
        NotApplicable = "not_applicable",
        /// Not done, and the case is closed: nothing waits on it until the case is reopened.
        Closed = "closed",
    }
}

text_enum! {
    pub enum IntakeProgress {
        NotStarted = "not_started",
        Started = "started",
        /// Completed, so it no longer changes, but not signed: the formulation waits on the signature.
        Completed = "completed",
        Signed = "signed",
    }
}

text_enum! {
    /// The client's consent to involve the partner, today.
    pub enum PartnerConsentState {
        NeverGiven = "never_given",
        Active = "active",
        Withdrawn = "withdrawn",
        Expired = "expired",
    }
}

/// One step of the case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowStep {
    pub step: StepKind,
    pub state: StepState,
    /// One line for the therapist: what is recorded, or what is missing.
    pub summary: String,
    /// For `blocked`: the rule that stops the step.
    pub rule: Option<super::Rule>,
}

/// What is recorded about a case, as far as the workflow cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    pub status: CaseStatus,
    pub has_partner: bool,
    pub partner_added: bool,
    pub intake: IntakeProgress,
    pub intake_sessions: u32,
    pub partner_consent: PartnerConsentState,
    pub partner_sessions: u32,
    pub rule_out: RuleOutStatus,
    pub formulation_version: Option<u32>,
    pub plan_version: Option<u32>,
    pub review_on: Option<NaiveDate>,
    /// Sessions (other than intake) held on or after the current plan was made.
    pub sessions_under_plan: u32,
    /// All sessions, of every kind.
    pub sessions: u32,
    pub today: NaiveDate,
}

/// Whether an open case's plan review date has passed.
pub fn review_overdue(status: CaseStatus, review_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == CaseStatus::Open && review_on.is_some_and(|d| d < today)
}

/// What a case's stage depends on: the part of [`CaseFacts`] that the cases list reads for every
/// case at once (`case::list`), without what only the steps need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageFacts {
    pub status: CaseStatus,
    pub intake: IntakeProgress,
    pub intake_sessions: u32,
    pub formulation_version: Option<u32>,
    pub plan_version: Option<u32>,
    /// Sessions (other than intake) held on or after the current plan was made; only whether
    /// there is one matters.
    pub sessions_under_plan: u32,
}

impl StageFacts {
    pub fn stage(&self) -> CaseStage {
        if self.status == CaseStatus::Closed {
            CaseStage::Closed
        } else if self.plan_version.is_some() {
            if self.sessions_under_plan > 0 { CaseStage::Ongoing } else { CaseStage::Plan }
        } else if self.formulation_version.is_some() {
            CaseStage::Formulation
        } else if matches!(self.intake, IntakeProgress::Completed | IntakeProgress::Signed) {
            CaseStage::Assessment
        } else if self.intake == IntakeProgress::Started || self.intake_sessions > 0 {
            CaseStage::Intake
        } else {
            CaseStage::FirstContact
        }
    }
}

impl CaseFacts {
    pub fn stage(&self) -> CaseStage {
        StageFacts {
            status: self.status,
            intake: self.intake,
            intake_sessions: self.intake_sessions,
            formulation_version: self.formulation_version,
            plan_version: self.plan_version,
            sessions_under_plan: self.sessions_under_plan,
        }
        .stage()
    }

    pub fn review_overdue(&self) -> bool {
        review_overdue(self.status, self.review_on, self.today)
    }

    /// The steps in order, with exactly one `next` unless nothing is expected.
    pub fn steps(&self) -> Vec<WorkflowStep> {
        let mut steps = vec![
            self.intake_step(),
            self.partner_step(),
            self.medical_step(),
            self.formulation_step(),
            self.plan_step(),
            self.sessions_step(),
            self.closing_step(),
        ];
        if self.status == CaseStatus::Closed {
            for s in steps.iter_mut() {
                match s.state {
                    StepState::Done | StepState::NotApplicable => {}
                    // Sessions never finish while a case is open; closed, the ones held are done.
                    _ if s.step == StepKind::Sessions && self.sessions > self.intake_sessions => {
                        s.state = StepState::Done
                    }
                    _ => {
                        s.state = StepState::Closed;
                        s.rule = Some(Rule::ClosedCaseReadOnly);
                        s.summary = "Not done before the case closed.".into();
                    }
                }
            }
            return steps;
        }
        if let Some(next) =
            steps.iter_mut().find(|s| s.state == StepState::Available && self.may_be_next(s.step))
        {
            next.state = StepState::Next;
        }
        steps
    }

    /// Side steps (partner, medical) lead only until there is a formulation, and medical liaison
    /// never leads while the therapist is waiting on a doctor.
    fn may_be_next(&self, step: StepKind) -> bool {
        match step {
            StepKind::PartnerInvolvement => self.formulation_version.is_none(),
            StepKind::MedicalLiaison => {
                self.formulation_version.is_none() && self.rule_out == RuleOutStatus::NotAssessed
            }
            // Sessions may be held before the plan, but they are what the case waits on only after it.
            StepKind::Sessions => self.plan_version.is_some(),
            StepKind::Closing => false,
            _ => true,
        }
    }

    fn intake_step(&self) -> WorkflowStep {
        match self.intake {
            IntakeProgress::Signed => step(StepKind::Intake, StepState::Done, "Intake completed and signed."),
            IntakeProgress::Completed => step(
                StepKind::Intake,
                StepState::Available,
                "Intake completed, not signed: sign it to write the formulation.",
            ),
            IntakeProgress::Started => {
                step(StepKind::Intake, StepState::Available, "Intake started, not completed.")
            }
            IntakeProgress::NotStarted => {
                step(StepKind::Intake, StepState::Available, "Record the intake session.")
            }
        }
    }

    fn partner_step(&self) -> WorkflowStep {
        let kind = StepKind::PartnerInvolvement;
        if !self.has_partner {
            return step(kind, StepState::NotApplicable, "No partner recorded.");
        }
        match self.partner_consent {
            // Done once the partner has attended: consent alone only opens the step.
            PartnerConsentState::Active => match (self.partner_added, self.partner_sessions) {
                (false, _) => step(
                    kind,
                    StepState::Available,
                    "Client consents to involve the partner; add the partner's details.",
                ),
                (true, 0) => step(
                    kind,
                    StepState::Available,
                    "Client consents; partner added, no partner session yet.",
                ),
                (true, n) => {
                    step(kind, StepState::Done, &format!("Client consents; {n} session(s) with the partner."))
                }
            },
            PartnerConsentState::Withdrawn => blocked(
                kind,
                Rule::PartnerInvolvementConsent,
                "The client withdrew consent to involve the partner; earlier records are kept.",
            ),
            PartnerConsentState::Expired => blocked(
                kind,
                Rule::PartnerInvolvementConsent,
                "The client's consent to involve the partner has expired.",
            ),
            PartnerConsentState::NeverGiven => step(
                kind,
                StepState::Available,
                "Only with the client's consent: record it before inviting the partner.",
            ),
        }
    }

    fn medical_step(&self) -> WorkflowStep {
        let kind = StepKind::MedicalLiaison;
        let summary = format!("Medical rule-out: {}.", self.rule_out.label());
        if self.rule_out.is_pending() {
            step(kind, StepState::Available, &summary)
        } else {
            step(kind, StepState::Done, &summary)
        }
    }

    fn formulation_step(&self) -> WorkflowStep {
        let kind = StepKind::Formulation;
        if let Some(v) = self.formulation_version {
            return step(kind, StepState::Done, &format!("Formulation, version {v}."));
        }
        if self.intake != IntakeProgress::Signed {
            return blocked(kind, Rule::FormulationNeedsIntake, Rule::FormulationNeedsIntake.message());
        }
        step(kind, StepState::Available, "Write the formulation: the nodal point and the 4 Ps.")
    }

    fn plan_step(&self) -> WorkflowStep {
        let kind = StepKind::Plan;
        if let (Some(v), Some(review)) = (self.plan_version, self.review_on) {
            let overdue = if self.review_overdue() { " The review is overdue." } else { "" };
            return step(kind, StepState::Done, &format!("Plan, version {v}; review by {review}.{overdue}"));
        }
        if self.formulation_version.is_none() {
            return blocked(kind, Rule::PlanNeedsFormulation, Rule::PlanNeedsFormulation.message());
        }
        step(kind, StepState::Available, "Agree the treatment plan: goals, interventions, review date.")
    }

    fn sessions_step(&self) -> WorkflowStep {
        let kind = StepKind::Sessions;
        if self.intake_sessions == 0 {
            return blocked(kind, Rule::IntakeFirst, Rule::IntakeFirst.message());
        }
        step(kind, StepState::Available, &format!("{} session(s) recorded.", self.sessions))
    }

    fn closing_step(&self) -> WorkflowStep {
        if self.status == CaseStatus::Closed {
            step(StepKind::Closing, StepState::Done, "Case closed.")
        } else {
            step(StepKind::Closing, StepState::Available, "Close with a reason and a discharge summary.")
        }
    }
}

fn step(step: StepKind, state: StepState, summary: &str) -> WorkflowStep {
    WorkflowStep { step, state, summary: summary.to_string(), rule: None }
}

fn blocked(step: StepKind, rule: Rule, summary: &str) -> WorkflowStep {
    WorkflowStep { step, state: StepState::Blocked, summary: summary.to_string(), rule: Some(rule) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> CaseFacts {
        CaseFacts {
            status: CaseStatus::Open,
            has_partner: true,
            partner_added: false,
            intake: IntakeProgress::NotStarted,
            intake_sessions: 0,
            partner_consent: PartnerConsentState::NeverGiven,
            partner_sessions: 0,
            rule_out: RuleOutStatus::NotAssessed,
            formulation_version: None,
            plan_version: None,
            review_on: None,
            sessions_under_plan: 0,
            sessions: 0,
            today: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default(),
        }
    }

    fn state_of(facts: &CaseFacts, kind: StepKind) -> StepState {
        facts.steps().iter().find(|s| s.step == kind).map(|s| s.state).unwrap_or(StepState::NotApplicable)
    }

    #[test]
    fn a_new_case_starts_with_the_intake_and_blocks_what_needs_it() {
        let f = fresh();
        assert_eq!(f.stage(), CaseStage::FirstContact);
        assert_eq!(state_of(&f, StepKind::Intake), StepState::Next);
        assert_eq!(state_of(&f, StepKind::Formulation), StepState::Blocked);
        assert_eq!(state_of(&f, StepKind::Plan), StepState::Blocked);
        assert_eq!(state_of(&f, StepKind::Sessions), StepState::Blocked);
        assert_eq!(f.steps().iter().filter(|s| s.state == StepState::Next).count(), 1);
    }

    #[test]
    fn the_sequence_moves_on_as_things_are_recorded() {
        let mut f = fresh();
        f.intake = IntakeProgress::Signed;
        f.intake_sessions = 1;
        f.sessions = 1;
        assert_eq!(f.stage(), CaseStage::Assessment);
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::Next);
        f.partner_consent = PartnerConsentState::Active;
        f.partner_added = true;
        f.partner_sessions = 1;
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::Done);
        assert_eq!(state_of(&f, StepKind::MedicalLiaison), StepState::Next);
        f.rule_out = RuleOutStatus::Referred;
        assert_eq!(state_of(&f, StepKind::Formulation), StepState::Next);
        f.formulation_version = Some(1);
        assert_eq!(f.stage(), CaseStage::Formulation);
        assert_eq!(state_of(&f, StepKind::Plan), StepState::Next);
        f.plan_version = Some(1);
        f.review_on = f.today.succ_opt();
        assert_eq!(f.stage(), CaseStage::Plan);
        assert_eq!(state_of(&f, StepKind::Sessions), StepState::Next);
        f.sessions_under_plan = 1;
        assert_eq!(f.stage(), CaseStage::Ongoing);
        assert!(!f.review_overdue());
        f.review_on = f.today.pred_opt();
        assert!(f.review_overdue());
    }

    #[test]
    fn without_a_partner_partner_involvement_does_not_apply() {
        let mut f = fresh();
        f.has_partner = false;
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::NotApplicable);
    }

    #[test]
    fn a_withdrawn_consent_blocks_partner_involvement() {
        let mut f = fresh();
        f.partner_consent = PartnerConsentState::Withdrawn;
        let step = f.steps().into_iter().find(|s| s.step == StepKind::PartnerInvolvement);
        assert_eq!(step.and_then(|s| s.rule), Some(Rule::PartnerInvolvementConsent));
    }

    #[test]
    fn a_closed_case_blocks_everything_not_done() {
        let mut f = fresh();
        f.status = CaseStatus::Closed;
        assert_eq!(f.stage(), CaseStage::Closed);
        assert!(f.steps().iter().all(|s| s.state != StepState::Next && s.state != StepState::Available));
        assert_eq!(state_of(&f, StepKind::Closing), StepState::Done);
        // A closed case shows closed, not "blocked", on every step it did not reach; what does
        // not apply stays so, and the sessions held are done.
        assert_eq!(state_of(&f, StepKind::Sessions), StepState::Closed);
        assert_eq!(state_of(&f, StepKind::Intake), StepState::Closed);
        assert!(f.steps().iter().all(|s| s.state != StepState::Blocked));
        f.has_partner = false;
        f.intake_sessions = 1;
        f.sessions = 3;
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::NotApplicable);
        assert_eq!(state_of(&f, StepKind::Sessions), StepState::Done);
    }

    #[test]
    fn the_formulation_waits_for_a_signed_intake_not_only_a_completed_one() {
        let mut f = fresh();
        f.intake_sessions = 1;
        f.intake = IntakeProgress::Completed;
        assert_eq!(f.stage(), CaseStage::Assessment);
        assert_eq!(state_of(&f, StepKind::Intake), StepState::Next, "signing is what comes next");
        let formulation = f.steps().into_iter().find(|s| s.step == StepKind::Formulation);
        assert_eq!(formulation.and_then(|s| s.rule), Some(Rule::FormulationNeedsIntake));
        f.intake = IntakeProgress::Signed;
        assert_eq!(state_of(&f, StepKind::Intake), StepState::Done);
        assert_ne!(state_of(&f, StepKind::Formulation), StepState::Blocked);
    }

    #[test]
    fn partner_involvement_is_done_when_the_partner_has_attended_not_when_the_client_consents() {
        let mut f = fresh();
        f.intake = IntakeProgress::Signed;
        f.intake_sessions = 1;
        f.partner_consent = PartnerConsentState::Active;
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::Next, "consent alone");
        f.partner_added = true;
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::Next, "added, not yet seen");
        f.partner_sessions = 1;
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::Done);
        // After the formulation, an unfinished partner step stays open but no longer leads.
        f.partner_sessions = 0;
        f.formulation_version = Some(1);
        assert_eq!(state_of(&f, StepKind::PartnerInvolvement), StepState::Available);
    }
}
