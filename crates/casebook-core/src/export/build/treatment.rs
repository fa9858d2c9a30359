//! The treatment half of the summary: the formulation, the plan with homework adherence, and the
//! course of treatment session by session.

use super::{Builder, Writer};
use crate::case::{CaseEventKind, ClosingReason};
use crate::columns::TextEnum;
use crate::export::model::Text;
use crate::export::words;
use crate::formulation::FourP;
use crate::plan::GoalId;
use crate::record::RecordRef;
use crate::session::{NoteBody, SessionView};

impl Builder<'_> {
    pub(super) fn formulation(&self, w: &mut Writer) {
        let Some(f) = &self.src.formulation else {
            w.remark("No formulation is written yet.");
            return;
        };
        let mut fields = vec![Writer::plain(
            "Version",
            format!("{} (written {})", f.version, self.date(f.created_at.date_naive())),
        )];
        fields.push(Writer::plain("Biomedical status when written", f.biomedical_status.label()));
        w.fields(fields);
        if let Some(reminder) = &f.medical_reminder {
            w.remark(reminder);
        }
        w.passage("Problem statement", Some(&f.problem_statement));
        w.passage("The nodal point: the maintaining cycle", f.nodal_point.as_deref());
        if !f.factors.is_empty() {
            let mut factors: Vec<_> = f.factors.iter().collect();
            factors.sort_by_key(|x| FourP::ALL.iter().position(|p| *p == x.p));
            let rows = factors
                .into_iter()
                .map(|x| {
                    vec![
                        Text::plain(words::four_p(x.p)),
                        w.text(&x.label),
                        Text::plain(words::domain(x.domain)),
                        w.text(x.note.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            let columns = ["The 4 Ps", "Contributing factor", "Domain", "Note"];
            w.table(Some("Contributing factors"), &columns, &[3, 5, 3, 5], rows);
        }
        w.passage("Biomedical note", f.biomedical_note.as_deref());
        w.passage("Treatment implications: the first target", f.treatment_implications.as_deref());
        if let Some(on) = f.shared_on {
            w.fields(vec![Writer::plain("Shared with the client(s)", self.date(on))]);
        }
        w.passage("Their response", f.shared_response.as_deref());
        w.passage("Why this version was revised", f.revision_reason.as_deref());
        self.addenda(w, RecordRef::Formulation(f.id));
    }

    /// A goal's target, with its measure's target score and each person's latest score when it
    /// names one: "IIEF-5 of 22 or above. IIEF-5 at least 22: Client 17 (not yet)".
    fn goal_target(&self, g: &crate::plan::GoalView) -> String {
        let (Some(code), Some(target)) = (&g.target_measure, g.target_score) else { return g.target.clone() };
        let Some(m) = self.src.catalogue.iter().find(|m| &m.code == code) else { return g.target.clone() };
        let bound =
            if m.direction == crate::measures::Direction::HigherIsBetter { "at least" } else { "at most" };
        let mut line = format!("{}. {} {bound} {}", g.target, m.name, crate::measures::shown(target.0));
        let progress: Vec<String> = g
            .progress
            .iter()
            .map(|p| {
                let met = if p.met { "met" } else { "not yet" };
                format!("{} {} ({met})", self.role(p.person_id), crate::measures::shown(p.latest.0))
            })
            .collect();
        if !progress.is_empty() {
            line.push_str(&format!(": {}", progress.join(", ")));
        }
        line
    }

    /// "Goal 2" for a goal of any plan version.
    fn goal_label(&self, id: GoalId) -> String {
        for plan in &self.src.plans {
            if let Some(i) = plan.goals.iter().position(|g| g.id == id) {
                return if Some(plan.id) == self.src.plan().map(|p| p.id) {
                    format!("Goal {}", i + 1)
                } else {
                    format!("Goal {} of plan version {}", i + 1, plan.version)
                };
            }
        }
        "A goal".into()
    }

    pub(super) fn plan(&self, w: &mut Writer) {
        let Some(p) = self.src.plan() else {
            w.remark("No treatment plan is made yet.");
            return;
        };
        let overdue = if p.review_overdue { " (overdue)" } else { "" };
        let mut fields = vec![
            Writer::plain(
                "Version",
                format!("{} (made {})", p.version, self.date(p.created_at.date_naive())),
            ),
            Writer::plain("Review", format!("{}{overdue}", self.date(p.review_on))),
        ];
        if let Some(on) = p.discussed_on {
            fields.push(Writer::plain("Discussed with the client(s)", self.date(on)));
        }
        if !p.agreed_by.is_empty() {
            let who: Vec<String> = p.agreed_by.iter().map(|&id| self.who(id)).collect();
            fields.push(Writer::plain("Agreed by", who.join(", ")));
        }
        w.fields(fields);
        w.passage("Disagreement", p.disagreement.as_deref());
        self.addenda(w, RecordRef::Plan(p.id));
        if let Some(reminder) = &p.medical_reminder {
            w.remark(reminder);
        }
        if p.goals.is_empty() {
            w.remark("The plan has no goals.");
        } else {
            let rows = p
                .goals
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let status = match &g.status_reason {
                        Some(r) => w.text(&format!("{}: {r}", words::goal_status(g.status))),
                        None => Text::plain(words::goal_status(g.status)),
                    };
                    vec![
                        Text::plain((i + 1).to_string()),
                        w.text(&g.description),
                        w.text(&g.measure),
                        w.text(&self.goal_target(g)),
                        Text::plain(self.date(g.target_on)),
                        status,
                    ]
                })
                .collect();
            let columns = ["#", "Goal", "Measured by", "Target", "By", "Status"];
            w.table(Some("Goals"), &columns, &[1, 7, 4, 3, 2, 3], rows);
        }
        if !p.interventions.is_empty() {
            let rows = p
                .interventions
                .iter()
                .map(|x| {
                    let goals: Vec<String> =
                        x.goals.iter().map(|&g| self.goal_label(g).replace("Goal ", "")).collect();
                    vec![
                        w.text(&x.name),
                        Text::plain(words::plissit(x.plissit)),
                        Text::plain(if goals.is_empty() { "-".into() } else { goals.join(", ") }),
                        w.text(x.homework.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            let columns = ["Intervention", "PLISSIT level", "Goals", "Homework"];
            w.table(Some("Interventions"), &columns, &[4, 4, 1, 6], rows);
        }
        let reviewed: Vec<&SessionView> = self
            .src
            .sessions
            .iter()
            .filter(|s| s.homework_reviewed.is_some() || s.homework_set.is_some())
            .collect();
        if !reviewed.is_empty() && !self.opts.full_notes {
            w.remark("Homework adherence, session by session, is in the course of treatment.");
        } else if !reviewed.is_empty() {
            w.subheading("Homework adherence");
            let rows = reviewed
                .into_iter()
                .map(|s| {
                    vec![
                        Text::plain(self.session_label(s)),
                        w.text(s.homework_reviewed.as_deref().unwrap_or("-")),
                        w.text(s.homework_set.as_deref().unwrap_or("-")),
                    ]
                })
                .collect();
            let columns = ["Session", "Homework reviewed", "Homework set"];
            w.table(None, &columns, &[3, 6, 6], rows);
        }
    }

    pub(super) fn course(&self, w: &mut Writer) {
        let sessions = &self.src.sessions;
        if sessions.is_empty() {
            w.remark("No session is recorded yet.");
        } else {
            // A line a session, at the page's full width: what a supervisor reads before the hour.
            w.subheading("Sessions, a line each");
            let items = sessions.iter().map(|s| self.course_line(w, s)).collect();
            w.block(crate::export::model::Block::List { items });
            if self.opts.full_notes {
                let shown =
                    self.opts.recent_notes.map_or(sessions.len(), |n| (n as usize).min(sessions.len()));
                if shown < sessions.len() {
                    w.remark(&format!(
                        "The notes of the latest {shown} of {} sessions follow in full.",
                        sessions.len()
                    ));
                }
                for s in &sessions[sessions.len() - shown..] {
                    self.note(w, s);
                }
            } else {
                w.remark(
                    "The full session notes are not included; the therapist may add them to the export.",
                );
            }
        }
        for event in &self.src.case.history {
            match event.kind {
                CaseEventKind::Closed => {
                    w.subheading(&format!("Case closed, {}", self.date(event.on_date)));
                    if let Some(reason) = event.closing_reason {
                        w.fields(vec![Writer::plain("Why", closing_reason(reason))]);
                    }
                    w.passage("Reason", event.reason.as_deref());
                    w.passage("Discharge summary", event.discharge_summary.as_deref());
                }
                CaseEventKind::Reopened => {
                    w.subheading(&format!("Case reopened, {}", self.date(event.on_date)));
                    w.passage("Reason", event.reason.as_deref());
                }
            }
        }
    }

    /// One session as a line of the course: "Session 3, week 3: couples; Client, Partner; in
    /// person, 50 min. Goals addressed: Goal 1. Interventions: ... Homework reviewed: ...; set:
    /// ... Notable: ...".
    fn course_line(&self, w: &mut Writer, s: &SessionView) -> Text {
        let minutes = (s.ends_at - s.starts_at).num_minutes();
        let present: Vec<&str> = s.present.iter().map(|&p| self.role(p)).collect();
        let clause = |v: &str| v.trim().trim_end_matches(['.', ';', ',', ':']).trim().to_string();
        let mut line = format!(
            "{}: {}; {}; {}, {minutes} min.",
            self.session_label(s),
            words::session_kind(s.kind),
            present.join(", "),
            words::modality(s.modality)
        );
        let goals: Vec<String> = s.goals_addressed.iter().map(|&g| self.goal_label(g)).collect();
        if !goals.is_empty() {
            line.push_str(&format!(" Goals addressed: {}.", goals.join(", ")));
        }
        let interventions: Vec<&str> = s.interventions_used.iter().map(|i| i.name.as_str()).collect();
        if !interventions.is_empty() {
            line.push_str(&format!(" Interventions: {}.", clause(&interventions.join(", "))));
        }
        match (&s.homework_reviewed, &s.homework_set) {
            (Some(done), Some(set)) => {
                line.push_str(&format!(" Homework reviewed: {}; set: {}.", clause(done), clause(set)))
            }
            (Some(done), None) => line.push_str(&format!(" Homework reviewed: {}.", clause(done))),
            (None, Some(set)) => line.push_str(&format!(" Homework set: {}.", clause(set))),
            (None, None) => {}
        }
        // Measures have their own section; what else happened goes here.
        let mut notable: Vec<String> = Vec::new();
        if !matches!(s.risk_screen, crate::session::RiskScreen::NoneIdentified) {
            notable.push(format!("risk screen {}", words::risk(s.risk_screen)));
        }
        for value in [&s.risk_action, &s.medical_updates].into_iter().flatten() {
            notable.push(clause(value));
        }
        if let Some(others) = &s.others_present {
            notable.push(format!("also present: {}", clause(others)));
        }
        if !notable.is_empty() {
            line.push_str(&format!(" Notable: {}.", notable.join("; ")));
        }
        w.text(&line)
    }

    fn note(&self, w: &mut Writer, s: &SessionView) {
        let minutes = (s.ends_at - s.starts_at).num_minutes();
        w.subheading(&format!(
            "{}: {}, {}, {minutes} min",
            self.session_label(s),
            words::session_kind(s.kind),
            words::modality(s.modality)
        ));
        let parts: Vec<(&str, Option<&str>)> = match &s.body {
            NoteBody::Soap { subjective, objective, assessment, plan } => vec![
                ("Subjective", subjective.as_deref()),
                ("Objective", objective.as_deref()),
                ("Assessment", assessment.as_deref()),
                ("Plan", plan.as_deref()),
            ],
            NoteBody::Dap { data, assessment, plan } => {
                vec![
                    ("Data", data.as_deref()),
                    ("Assessment", assessment.as_deref()),
                    ("Plan", plan.as_deref()),
                ]
            }
            NoteBody::Birp { behaviour, intervention, response, plan } => vec![
                ("Behaviour", behaviour.as_deref()),
                ("Intervention", intervention.as_deref()),
                ("Response", response.as_deref()),
                ("Plan", plan.as_deref()),
            ],
        };
        for (label, value) in parts {
            w.passage(label, value);
        }
        let mut fields = Vec::new();
        if !s.goals_addressed.is_empty() {
            let goals: Vec<String> = s.goals_addressed.iter().map(|&g| self.goal_label(g)).collect();
            fields.push(Writer::plain("Goals addressed", goals.join(", ")));
        }
        if !s.interventions_used.is_empty() {
            let names: Vec<&str> = s.interventions_used.iter().map(|i| i.name.as_str()).collect();
            fields.push(w.recorded("Interventions used", &names.join(", ")));
        }
        if let Some(others) = &s.others_present {
            fields.push(w.recorded("Also present", others));
        }
        w.fields(fields);
        w.passage("Homework reviewed", s.homework_reviewed.as_deref());
        w.passage("Homework set", s.homework_set.as_deref());
        w.passage("Medical updates", s.medical_updates.as_deref());
        w.passage("Risk action", s.risk_action.as_deref());
        self.addenda(w, RecordRef::SessionNote(s.id));
    }
}

fn closing_reason(r: ClosingReason) -> &'static str {
    match r {
        ClosingReason::GoalsAchieved => "goals achieved",
        ClosingReason::ClientEnded => "the client ended therapy",
        ClosingReason::ReferredOn => "referred on",
        ClosingReason::LostContact => "lost contact",
        ClosingReason::Other => "other",
    }
}
