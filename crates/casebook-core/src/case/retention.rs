//! How long a case's record must be kept (DOMAIN.md section 9). The app computes "retain until"
//! and never destroys anything by itself.
//!
//! Profiles: South Africa (HPCSA, the default): at least 6 years after the last contact; for a
//! minor, until the 21st birthday if that is later; for a client without mental capacity, for
//! life. APA: 7 years after the last service, or 3 years after the age of majority (18), whichever
//! is later. The profile is a preference kept in the notebook's settings row (migration 2).

use crate::columns::text_enum;
use crate::error::Result;
use crate::notebook::OpenNotebook;
use crate::person::{AgeBand, PersonView};
use crate::record::audit::{self, AuditAction, AuditTable, Target};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

text_enum! {
    /// Whose record-keeping rules apply.
    pub enum RetentionProfile {
        /// HPCSA (South Africa), the default.
        SouthAfrica = "south_africa",
        /// American Psychological Association record-keeping guidelines.
        Apa = "apa",
    }
}

/// How long a case's record is kept, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    pub profile: RetentionProfile,
    /// The last session, closing or first contact, whichever is latest.
    pub last_contact_on: NaiveDate,
    /// `None` when kept for life, or when a minor's date of birth is missing.
    pub retain_until: Option<NaiveDate>,
    pub for_life: bool,
    /// One sentence for the therapist: which rule gave the date.
    pub basis: String,
}

fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    // Only fails beyond the year 262143; clinical dates are bounded far below that.
    date.checked_add_months(Months::new(12 * years)).unwrap_or(NaiveDate::MAX)
}

/// Computes the retention of a record whose client is `client`.
pub(crate) fn compute(
    profile: RetentionProfile,
    last_contact_on: NaiveDate,
    client: &PersonView,
) -> Retention {
    let (years, label) = match profile {
        RetentionProfile::SouthAfrica => (6, "6 years after the last contact"),
        RetentionProfile::Apa => (7, "7 years after the last service"),
    };
    let base = add_years(last_contact_on, years);
    let retention = |retain_until, for_life, basis: &str| Retention {
        profile,
        last_contact_on,
        retain_until,
        for_life,
        basis: basis.to_string(),
    };
    if profile == RetentionProfile::SouthAfrica && client.lacks_capacity {
        return retention(None, true, "For life: the client lacks mental capacity.");
    }
    match (client.date_of_birth, client.age_band) {
        (Some(born), _) => {
            // Both profiles end up at the 21st birthday for a minor (APA: majority at 18, plus 3).
            let coming_of_age = add_years(born, 21);
            if coming_of_age > base {
                let basis = match profile {
                    RetentionProfile::SouthAfrica => {
                        "Until the 21st birthday, which is later than 6 years after the last contact."
                    }
                    RetentionProfile::Apa => {
                        "Until 3 years after majority (age 21), which is later than 7 years after the last service."
                    }
                };
                retention(Some(coming_of_age), false, basis)
            } else {
                retention(Some(base), false, &format!("{label}."))
            }
        }
        (None, Some(AgeBand::Under18)) => retention(
            None,
            false,
            "The client is a minor: record the date of birth to compute how long to keep the record.",
        ),
        (None, _) => retention(Some(base), false, &format!("{label}.")),
    }
}

/// The retention profile in force.
pub fn retention_profile(open: &OpenNotebook) -> Result<RetentionProfile> {
    Ok(open
        .store()
        .conn()
        .query_row("SELECT retention_profile FROM settings WHERE id = 1", [], |r| r.get(0))?)
}

/// Chooses the retention profile.
pub fn set_retention_profile(open: &mut OpenNotebook, profile: RetentionProfile) -> Result<RetentionProfile> {
    let tx = open.change()?;
    tx.execute("UPDATE settings SET retention_profile = ?1 WHERE id = 1", [profile])?;
    audit::append(&tx, AuditAction::Edited, Target::record(AuditTable::Settings, 1))?;
    tx.commit()?;
    tracing::info!(profile = profile.as_str(), "retention profile set");
    Ok(profile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::PersonId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn client(born: Option<NaiveDate>, band: Option<AgeBand>, lacks_capacity: bool) -> PersonView {
        PersonView {
            id: PersonId(1),
            full_name: "Test Client".into(),
            pronouns: None,
            date_of_birth: born,
            age_band: band,
            phone: None,
            email: None,
            address: None,
            lacks_capacity,
        }
    }

    #[test]
    fn south_africa_keeps_six_years_after_the_last_contact() {
        let r =
            compute(RetentionProfile::SouthAfrica, d(2024, 2, 29), &client(Some(d(1980, 1, 1)), None, false));
        assert_eq!(r.retain_until, Some(d(2030, 2, 28)));
        assert!(!r.for_life);
    }

    #[test]
    fn a_minor_is_kept_until_the_21st_birthday_when_that_is_later() {
        let r =
            compute(RetentionProfile::SouthAfrica, d(2024, 6, 1), &client(Some(d(2010, 3, 15)), None, false));
        assert_eq!(r.retain_until, Some(d(2031, 3, 15)));
        let r =
            compute(RetentionProfile::SouthAfrica, d(2024, 6, 1), &client(Some(d(2007, 3, 15)), None, false));
        assert_eq!(r.retain_until, Some(d(2030, 6, 1)));
    }

    #[test]
    fn a_minor_without_a_birth_date_asks_for_it() {
        let r = compute(
            RetentionProfile::SouthAfrica,
            d(2024, 6, 1),
            &client(None, Some(AgeBand::Under18), false),
        );
        assert_eq!(r.retain_until, None);
        assert!(r.basis.contains("date of birth"));
    }

    #[test]
    fn without_capacity_the_record_is_kept_for_life_in_south_africa() {
        let r = compute(RetentionProfile::SouthAfrica, d(2024, 6, 1), &client(None, None, true));
        assert!(r.for_life);
        assert_eq!(r.retain_until, None);
    }

    #[test]
    fn apa_keeps_seven_years_or_three_after_majority() {
        let adult = client(None, Some(AgeBand::From35To44), false);
        assert_eq!(compute(RetentionProfile::Apa, d(2024, 6, 1), &adult).retain_until, Some(d(2031, 6, 1)));
        let minor = client(Some(d(2012, 1, 10)), None, false);
        assert_eq!(compute(RetentionProfile::Apa, d(2024, 6, 1), &minor).retain_until, Some(d(2033, 1, 10)));
        let no_capacity = client(None, None, true);
        assert_eq!(
            compute(RetentionProfile::Apa, d(2024, 6, 1), &no_capacity).retain_until,
            Some(d(2031, 6, 1))
        );
    }
}
