//! The relational and ethical points: the therapeutic relationship (with process notes when the
//! therapist includes them), couple-specific points, and consent status.

use super::{Builder, Writer};
use crate::consent::{ConsentKind, ConsentStatus, ConsentTerms, ConsentView};
use crate::export::model::Text;
use crate::export::words;
use crate::session::SessionKind;

impl Builder<'_> {
    pub(super) fn relationship(&self, w: &mut Writer) {
        w.passage("The therapist's reflection for this supervision", self.opts.relationship_notes.as_deref());
        if self.opts.include_process_notes {
            w.subheading("Process notes (private impressions, included by the therapist)");
            if self.src.process_notes.is_empty() {
                w.remark("No process notes are recorded.");
            }
            for note in &self.src.process_notes {
                let about = note
                    .session
                    .and_then(|id| self.src.sessions.iter().find(|s| s.id == id))
                    .map(|s| format!(", about session {}", self.number(s.id)))
                    .unwrap_or_default();
                w.passage(&format!("Written {}{about}", self.date(note.written_on)), Some(&note.body));
            }
        }
        if w.is_empty() {
            w.remark("Nothing is written about the therapeutic relationship for this supervision.");
        }
    }

    pub(super) fn couple(&self, w: &mut Writer) {
        let c = &self.src.case;
        if !c.has_partner {
            w.remark("Individual case: the client has no partner recorded.");
            return;
        }
        let count = |k: SessionKind| self.src.sessions.iter().filter(|s| s.kind == k).count();
        let mut fields = vec![
            Writer::plain("The client", format!("{}, the person who made contact", self.who(c.client.id))),
            Writer::plain("Consent to involve the partner", words::partner_consent(c.partner_consent)),
        ];
        match &c.partner {
            Some(p) => {
                let role = p.role.map_or("no role yet: own consent not given", words::partner_role);
                fields.push(Writer::plain("The partner", format!("{}, {role}", self.who(p.person.id))));
                let own = if p.own_consent_active { "active" } else { "not active" };
                fields.push(Writer::plain("Partner's own consent", own));
            }
            None => fields.push(Writer::plain("The partner", "not involved in therapy")),
        }
        fields.push(Writer::plain(
            "Sessions with the partner",
            format!("{} partner, {} couples", count(SessionKind::Partner), count(SessionKind::Couples)),
        ));
        let current = self.src.consents.iter().rev().find(|x| {
            x.terms.kind() == ConsentKind::PartnerInvolvement && x.status != ConsentStatus::Superseded
        });
        if let Some(ConsentTerms::PartnerInvolvement { secrets_policy, .. }) = current.map(|x| &x.terms) {
            fields.push(Writer::plain("Secrets policy", words::secrets_policy(*secrets_policy)));
        }
        w.fields(fields);
        if let Some(ConsentTerms::PartnerInvolvement { scope, .. }) = current.map(|x| &x.terms) {
            w.passage("What may be shared from individual sessions", Some(scope));
        }
        let events: Vec<&ConsentView> = self
            .src
            .consents
            .iter()
            .filter(|x| matches!(x.terms.kind(), ConsentKind::PartnerInvolvement | ConsentKind::PartnerOwn))
            .collect();
        // Only a history says more than the consents table of the ethical points: a policy changed
        // (a second version) or a consent withdrawn or ended.
        let history = events.len() > 2 || events.iter().any(|x| x.status != ConsentStatus::Active);
        let listed_in_ethics = self.opts.sections.contains(&crate::export::SummarySection::Ethics);
        if !events.is_empty() && (history || !listed_in_ethics) {
            w.subheading("Partner consent and secrets-policy events");
            let rows = events.into_iter().map(|x| self.consent_row(w, x)).collect();
            w.table(None, &CONSENT_COLUMNS, &CONSENT_WIDTHS, rows);
        }
    }

    pub(super) fn ethics(&self, w: &mut Writer) {
        let consents = &self.src.consents;
        let supervision = consents
            .iter()
            .any(|x| x.terms.kind() == ConsentKind::SupervisionUse && x.status == ConsentStatus::Active);
        if supervision {
            w.remark(
                "The client's consent to the use of de-identified case material in supervision is active.",
            );
        } else {
            w.remark("No active consent to the use of case material in supervision is recorded.");
        }
        if self.identified {
            w.remark("This summary is identified: make sure sharing it is covered by the client's consent.");
        }
        if consents.is_empty() {
            w.remark("No consent is recorded.");
        } else {
            let rows = consents.iter().map(|x| self.consent_row(w, x)).collect();
            w.table(Some("Consents"), &CONSENT_COLUMNS, &CONSENT_WIDTHS, rows);
        }
        let r = &self.src.case.retention;
        let retention = match (self.identified, r.retain_until) {
            (true, Some(until)) => format!("keep until {} ({})", super::long_date(until), r.basis),
            _ => r.basis.clone(),
        };
        w.fields(vec![Writer::plain("Record keeping", retention)]);
    }

    fn consent_row(&self, w: &mut Writer, x: &ConsentView) -> Vec<Text> {
        let what = match &x.terms {
            ConsentTerms::ReleaseOfInformation { recipient, .. } => {
                format!("{} to {}", words::consent_kind(x.terms.kind()), self.practitioner(*recipient))
            }
            ConsentTerms::PartnerInvolvement { secrets_policy, .. } => format!(
                "{} (secrets: {})",
                words::consent_kind(x.terms.kind()),
                if *secrets_policy == crate::consent::SecretsPolicy::None { "none" } else { "limited" }
            ),
            ConsentTerms::PartnerOwn { role } => {
                let role =
                    if *role == crate::consent::PartnerRole::CoClient { "co-client" } else { "collateral" };
                format!("{} (as {role})", words::consent_kind(x.terms.kind()))
            }
            _ => words::consent_kind(x.terms.kind()).to_string(),
        };
        let ends = match (x.withdrawn_on, x.expires_on) {
            (Some(on), _) => format!("withdrawn {}", self.date(on)),
            (None, Some(on)) => format!("expires {}", self.date(on)),
            (None, None) => "-".into(),
        };
        let mut status = Text::plain(words::consent_status(x.status));
        if let Some(reason) = &x.withdrawal_reason {
            status = w.text(&format!("{}: {reason}", words::consent_status(x.status)));
        }
        vec![
            Text::plain(what),
            Text::plain(self.who(x.given_by)),
            Text::plain(x.version.to_string()),
            Text::plain(self.date(x.given_on)),
            Text::plain(ends),
            status,
        ]
    }
}

const CONSENT_COLUMNS: [&str; 6] = ["Consent", "Given by", "Version", "Given", "Ends", "Status"];
const CONSENT_WIDTHS: [u16; 6] = [6, 3, 2, 2, 3, 3];
