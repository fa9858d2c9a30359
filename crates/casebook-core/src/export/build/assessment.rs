//! The assessment half of the summary: context, presenting problem, history with the medical
//! rule-out, measures, risk and the diagnostic impression.

use super::{Builder, Writer};
use crate::export::model::{Block, ChartBand, ChartPoint, MeasureChart, MeasureRow, Measures, Text};
use crate::export::words;
use crate::measures::{ChangeSense, Direction, Trend, TrendPoint, shown};
use crate::session::{RiskScreen, SessionKind};

impl Builder<'_> {
    pub(super) fn context(&self, w: &mut Writer) {
        let c = &self.src.case;
        let mut fields = vec![Writer::plain("Case code", self.case_code)];
        if self.identified {
            fields.push(Writer::plain("Client", c.client.full_name.as_str()));
            if !self.src.therapist.is_empty() {
                fields.push(Writer::plain("Therapist", self.src.therapist.as_str()));
            }
        }
        fields.push(Writer::plain("Age", self.age()));
        if let Some(pronouns) = &c.client.pronouns {
            fields.push(w.recorded("Pronouns", pronouns));
        }
        fields.push(Writer::plain("Relationship status", self.relationship_status()));
        let mut difficulties: Vec<String> = c.difficulties.iter().map(|d| d.label.clone()).collect();
        if let Some(other) = &c.other_difficulty {
            difficulties.push(other.clone());
        }
        fields.push(w.recorded("Presenting difficulties", &difficulties.join("; ")));
        if let Some(source) = &c.referral_source {
            fields.push(w.recorded("Referral source", source));
        }
        if self.identified {
            fields.push(Writer::plain("First contact", super::long_date(c.first_contact_on)));
        }
        fields.push(Writer::plain("Modality", self.modality()));
        fields.push(Writer::plain("Sessions", self.session_span()));
        let status = if c.status == crate::case::CaseStatus::Closed { "closed" } else { "open" };
        fields.push(Writer::plain("Stage", format!("{} (case {status})", words::stage(c.stage))));
        fields.push(Writer::plain("Medical rule-out", c.rule_out_status.label()));
        w.fields(fields);
        if !self.identified {
            w.remark(
                "De-identified: people are named by their role, dates are given as weeks since first contact (week 1), and ages as bands.",
            );
        }
    }

    fn relationship_status(&self) -> String {
        let c = &self.src.case;
        if !c.has_partner {
            return "no partner recorded".into();
        }
        match &c.partner {
            Some(p) => match p.role {
                Some(role) => format!("in a relationship; partner involved as {}", words::partner_role(role)),
                None => "in a relationship; partner's details recorded, own consent not yet given".into(),
            },
            None => format!(
                "in a relationship; partner not involved (consent to involve: {})",
                words::partner_consent(c.partner_consent)
            ),
        }
    }

    fn modality(&self) -> String {
        let sessions = &self.src.sessions;
        if sessions.is_empty() {
            return "no sessions yet".into();
        }
        let count = |k: SessionKind| sessions.iter().filter(|s| s.kind == k).count();
        let kinds: Vec<String> =
            [SessionKind::Intake, SessionKind::Individual, SessionKind::Partner, SessionKind::Couples]
                .into_iter()
                .filter(|&k| count(k) > 0)
                .map(|k| format!("{} {}", count(k), words::session_kind(k)))
                .collect();
        let tele = sessions.iter().filter(|s| s.modality == crate::session::Modality::Telehealth).count();
        let place = match tele {
            0 => "all in person".to_string(),
            t if t == sessions.len() => "all by telehealth".to_string(),
            t => format!("{t} by telehealth"),
        };
        format!("{}; {place}", kinds.join(", "))
    }

    fn session_span(&self) -> String {
        let s = &self.src.sessions;
        match (s.first(), s.last()) {
            (Some(first), Some(last)) => {
                let on = if self.identified { "" } else { "in " };
                format!(
                    "{}: first {on}{}, latest {on}{}",
                    s.len(),
                    self.date(first.held_on),
                    self.date(last.held_on)
                )
            }
            _ => "none yet".into(),
        }
    }

    pub(super) fn presenting_problem(&self, w: &mut Writer) {
        let Some(intake) = &self.src.intake else {
            w.remark("The intake has not been started.");
            return;
        };
        let s = &intake.sections;
        w.passage("In the client's own words", Some(&s.presenting_problem));
        w.passage("Onset, duration and course", s.onset_course.as_deref());
        w.passage("Lifelong or acquired", s.lifelong_or_acquired.as_deref());
        w.passage("Generalized or situational", s.generalized_or_situational.as_deref());
        w.passage("Phases affected", s.phases_affected.as_deref());
        w.passage("Distress", s.distress.as_deref());
        if intake.completed_at.is_none() {
            w.remark("The intake is not completed yet.");
        }
        self.addenda(w, crate::record::RecordRef::Intake(self.src.case.id));
    }

    pub(super) fn history(&self, w: &mut Writer) {
        if let Some(intake) = &self.src.intake {
            let s = &intake.sections;
            w.passage("Psychological functioning", s.psychological_functioning.as_deref());
            w.passage("Relationship", s.relationship.as_deref());
            w.passage("Developmental and sexual history", s.developmental_history.as_deref());
            w.passage("Body image and self-concept", s.body_image.as_deref());
            w.passage("Medical", s.medical.as_deref());
            w.passage("Trauma", s.trauma.as_deref());
            w.passage("Strengths and supports", s.strengths.as_deref());
            w.passage("The client's goals and expectations", s.goals_expectations.as_deref());
        }
        if w.is_empty() {
            w.remark("No history is recorded in the intake.");
        }
        let medical = &self.src.medical;
        w.subheading("Medical rule-out");
        w.fields(vec![Writer::plain("Status now", medical.status.label())]);
        if let Some(reminder) = &medical.reminder {
            w.remark(reminder);
        }
        if !medical.history.is_empty() {
            let rows = medical
                .history
                .iter()
                .map(|e| {
                    vec![
                        Text::plain(self.date(e.on_date)),
                        Text::plain(e.status.label()),
                        w.text(e.note.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            let columns = ["When", "Status", "Note"];
            w.table(Some("Rule-out history"), &columns, &[2, 3, 6], rows);
        }
        if !medical.referrals.is_empty() {
            let rows = medical
                .referrals
                .iter()
                .map(|r| {
                    vec![
                        Text::plain(self.practitioner(r.practitioner)),
                        Text::plain(self.date(r.referred_on)),
                        w.text(&r.reason),
                    ]
                })
                .collect();
            let columns = ["Referred to", "When", "Question asked"];
            w.table(Some("Referrals"), &columns, &[3, 2, 6], rows);
        }
    }

    pub(super) fn measures(&self, w: &mut Writer) {
        let rows = self.src.measures.trends.iter().filter_map(|t| self.measure_row(t)).collect();
        w.block(Block::Measures { measures: Measures { rows } });
        if !self.src.measures.trends.is_empty() {
            w.remark("Bands are each measure's own published bands (or the therapist's, for a custom measure), not a diagnosis.");
        }
        let given: Vec<_> = self.src.sessions.iter().filter(|s| s.measures_given.is_some()).collect();
        if !given.is_empty() {
            w.subheading("Measures given, as noted in sessions");
            for s in given {
                w.passage(&self.session_label(s), s.measures_given.as_deref());
            }
        }
    }

    /// One trend as a row of the table, with its chart.
    fn measure_row(&self, t: &Trend) -> Option<MeasureRow> {
        let m = self.src.catalogue.iter().find(|m| m.code == t.measure)?;
        let (first, last) = (t.points.first()?, t.points.last()?);
        let scored = |p: &TrendPoint| {
            let band = p.band.as_deref().map(|b| format!(" ({b})")).unwrap_or_default();
            format!("{}{band}, {}", shown(p.total.0), self.date(p.given_on))
        };
        let change = (t.points.len() > 1).then(|| {
            let sign = if t.change.0 > 0 { "+" } else { "" };
            let amount = format!("{sign}{}", shown(t.change.0));
            match (t.meaningful, m.meaningful_change) {
                (Some(sense), Some(threshold)) => {
                    let what = if sense == ChangeSense::Better { "improvement" } else { "worsening" };
                    format!("{amount}, a meaningful {what} ({} points or more)", shown(threshold.0))
                }
                (None, Some(threshold)) => {
                    format!("{amount}, less than the meaningful change ({} points)", shown(threshold.0))
                }
                _ => amount,
            }
        });
        let week = |d: chrono::NaiveDate| (d - self.origin).num_days().div_euclid(7) + 1;
        Some(MeasureRow {
            measure: format!("{} ({})", m.name, m.construct.to_lowercase()),
            person: self.who(t.person_id),
            baseline: Some(scored(first)),
            current: (t.points.len() > 1).then(|| scored(last)),
            band: last.band.clone(),
            change,
            chart: MeasureChart {
                min: m.min.0,
                max: m.max.0,
                higher_is_better: m.direction == Direction::HigherIsBetter,
                bands: m
                    .bands
                    .iter()
                    .map(|b| ChartBand { from: b.from.0, to: b.to.0, label: b.label.clone() })
                    .collect(),
                points: t
                    .points
                    .iter()
                    .map(|p| ChartPoint { week: week(p.given_on), score: p.total.0 })
                    .collect(),
            },
        })
    }

    pub(super) fn risk(&self, w: &mut Writer) {
        if let Some(intake) = &self.src.intake {
            w.passage("At intake: mental health and risk", intake.sections.mental_health_risk.as_deref());
            w.passage(
                "At intake: intimate-partner violence screen",
                intake.sections.partner_violence_screen.as_deref(),
            );
        }
        let sessions = &self.src.sessions;
        let screened = sessions.iter().filter(|s| s.risk_screen != RiskScreen::NotScreened).count();
        let mut fields =
            vec![Writer::plain("Sessions screened", format!("{screened} of {}", sessions.len()))];
        if let Some(last) = sessions.iter().rev().find(|s| s.risk_screen != RiskScreen::NotScreened) {
            fields.push(Writer::plain(
                "Latest screen",
                format!("{} ({})", words::risk(last.risk_screen), self.session_label(last)),
            ));
        }
        w.fields(fields);
        let flagged: Vec<_> = sessions
            .iter()
            .filter(|s| matches!(s.risk_screen, RiskScreen::Low | RiskScreen::Moderate | RiskScreen::High))
            .collect();
        if flagged.is_empty() {
            w.remark("No risk was identified at any screened session.");
        } else {
            let rows = flagged
                .into_iter()
                .map(|s| {
                    vec![
                        Text::plain(self.session_label(s)),
                        Text::plain(words::risk(s.risk_screen)),
                        w.text(s.risk_action.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            let columns = ["Session", "Risk", "Action taken"];
            w.table(Some("Sessions where a risk was identified"), &columns, &[3, 2, 7], rows);
        }
        let mut raised: Vec<_> = self.src.measures.administrations.iter().filter(|a| a.risk_raised).collect();
        raised.reverse();
        if !raised.is_empty() {
            let rows = raised
                .into_iter()
                .map(|a| {
                    vec![
                        Text::plain(format!("{}, {}", a.measure_name, self.role(a.person_id))),
                        Text::plain(self.date(a.given_on)),
                        w.text(a.risk_action.as_deref().unwrap_or("")),
                    ]
                })
                .collect();
            let columns = ["Measure", "When", "Action taken"];
            w.table(Some("Measures whose answers raised the risk prompt"), &columns, &[3, 2, 7], rows);
        }
    }

    pub(super) fn diagnosis(&self, w: &mut Writer) {
        let diagnoses = &self.src.diagnoses;
        if diagnoses.is_empty() {
            w.remark("No diagnosis is recorded.");
            return;
        }
        let rows = diagnoses
            .iter()
            .map(|d| {
                vec![
                    w.text(&d.name),
                    Text::plain(format!("{} ({})", d.code.code, words::code_system(d.code.system))),
                    Text::plain(words::diagnosis_status(d.status)),
                    Text::plain(words::specifiers(d.course, d.context, d.severity)),
                    Text::plain(self.who(d.person)),
                    Text::plain(self.date(d.recorded_on)),
                ]
            })
            .collect();
        let columns = ["Diagnosis", "Code", "Status", "Specifiers", "Person", "Recorded"];
        w.table(None, &columns, &[5, 4, 2, 4, 2, 2], rows);
        let notes: Vec<Text> = diagnoses
            .iter()
            .filter_map(|d| d.note.as_ref().map(|n| w.text(&format!("{}: {n}", d.name))))
            .collect();
        if !notes.is_empty() {
            w.block(Block::List { items: notes });
        }
    }
}
