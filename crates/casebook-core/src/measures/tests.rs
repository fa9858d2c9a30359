//! The catalogue's scoring and bands: every built-in measure at each band boundary, the item
//! rules of the reproducible ones, PHQ-9's item 9, the ranges of the score-entry ones, and that
//! no item text ships for a measure whose rights are held by others.

use super::*;

fn def(code: &str) -> MeasureView {
    MeasureView::from(built_in(code).unwrap_or_else(|| panic!("{code} is built in")))
}

fn band(code: &str, score: Score) -> String {
    def(code).band(score).map_or("none".into(), |b| b.label.clone())
}

#[test]
fn every_measure_is_banded_at_each_boundary_and_its_bands_cover_its_range_without_gaps() {
    let boundaries: [(&str, &[(i32, &str)]); 7] = [
        (
            "phq9",
            &[
                (0, "Minimal"),
                (4, "Minimal"),
                (5, "Mild"),
                (9, "Mild"),
                (10, "Moderate"),
                (14, "Moderate"),
                (15, "Moderately severe"),
                (19, "Moderately severe"),
                (20, "Severe"),
                (27, "Severe"),
            ],
        ),
        (
            "gad7",
            &[
                (0, "Minimal"),
                (4, "Minimal"),
                (5, "Mild"),
                (9, "Mild"),
                (10, "Moderate"),
                (14, "Moderate"),
                (15, "Severe"),
                (21, "Severe"),
            ],
        ),
        (
            "iief5",
            &[
                (5, "Severe"),
                (7, "Severe"),
                (8, "Moderate"),
                (11, "Moderate"),
                (12, "Mild to moderate"),
                (16, "Mild to moderate"),
                (17, "Mild"),
                (21, "Mild"),
                (22, "No erectile dysfunction"),
                (25, "No erectile dysfunction"),
            ],
        ),
        (
            "pedt",
            &[(0, "No PE"), (8, "No PE"), (9, "Probable PE"), (10, "Probable PE"), (11, "PE"), (20, "PE")],
        ),
        (
            "core10",
            &[
                (0, "Below the clinical range"),
                (10, "Below the clinical range"),
                (11, "Clinical range"),
                (40, "Clinical range"),
            ],
        ),
        (
            "csi16",
            &[
                (0, "Suggests relationship distress"),
                (51, "Suggests relationship distress"),
                (52, "Above the cut-off"),
                (81, "Above the cut-off"),
            ],
        ),
        ("fsfi", &[(2, "Suggests sexual dysfunction"), (36, "Above the cut-off")]),
    ];
    for (code, cases) in boundaries {
        for (points, label) in cases {
            assert_eq!(band(code, points * 100), *label, "{code} at {points}");
        }
    }
    // FSFI's cut-off is 26.55: 26.5 is below it, 26.6 above.
    assert_eq!(band("fsfi", 2650), "Suggests sexual dysfunction");
    assert_eq!(band("fsfi", 2660), "Above the cut-off");
    for m in &BUILT_IN {
        // Contiguous on the measure's own step, from its minimum to its maximum.
        assert_eq!(m.bands.first().map(|b| b.from), Some(m.min), "{}", m.code);
        assert_eq!(m.bands.last().map(|b| b.to), Some(m.max), "{}", m.code);
        for pair in m.bands.windows(2) {
            assert!(pair[1].from > pair[0].to && pair[1].from <= pair[0].to + m.step, "{}: {pair:?}", m.code);
        }
        let view = MeasureView::from(m);
        assert_eq!(view.band(m.min - m.step), None);
        assert_eq!(view.band(m.max + m.step), None);
    }
}

#[test]
fn reproducible_measures_are_scored_item_by_item_and_refuse_a_missing_or_impossible_answer() {
    let phq9 = def("phq9");
    assert_eq!(phq9.items.len(), 9);
    assert_eq!(phq9.answers, &["Not at all", "Several days", "More than half the days", "Nearly every day"]);
    let all = |a: u8| vec![Some(a); 9];
    assert_eq!(phq9.score_items(&all(0)).ok(), Some(0));
    assert_eq!(phq9.score_items(&all(3)).ok(), Some(2700));
    let mut some = all(1);
    some[8] = Some(2);
    assert_eq!(phq9.score_items(&some).ok(), Some(1000));
    let mut missing = all(1);
    missing[4] = None;
    assert!(matches!(phq9.score_items(&missing), Err(Error::Invalid { field, .. }) if field == "items.4"));
    let mut high = all(1);
    high[0] = Some(4);
    assert!(matches!(phq9.score_items(&high), Err(Error::Invalid { field, .. }) if field == "items.0"));
    assert!(matches!(phq9.score_items(&all(1)[..8]), Err(Error::Invalid { field, .. }) if field == "items"));
    let gad7 = def("gad7");
    assert_eq!(gad7.score_items(&[Some(3); 7]).ok(), Some(2100));
    assert!(def("iief5").score_items(&[Some(1); 5]).is_err(), "score entry is a total");
}

#[test]
fn phq9_item_9_above_0_raises_the_risk_prompt_and_nothing_else_does() {
    let phq9 = def("phq9");
    let mut answers = vec![Some(3); 9];
    answers[8] = Some(0);
    assert!(!phq9.raises_risk(&answers), "a high total alone");
    answers[8] = Some(1);
    assert!(phq9.raises_risk(&answers));
    assert!(BUILT_IN.iter().filter(|m| m.risk_item.is_some()).all(|m| m.code == "phq9"));
    assert!(!def("gad7").raises_risk(&[Some(3); 7]));
}

#[test]
fn entered_totals_and_subscales_are_checked_against_range_and_step() {
    let iief5 = def("iief5");
    assert_eq!(iief5.check_total("total", 2200).ok(), Some(2200));
    for bad in [400, 2600, 2250] {
        assert!(
            matches!(iief5.check_total("total", bad), Err(Error::Invalid { field, .. }) if field == "total"),
            "{bad}"
        );
    }
    let fsfi = def("fsfi");
    assert_eq!(fsfi.check_total("total", 2650).ok(), Some(2650));
    assert!(fsfi.check_total("total", 2655).is_err(), "FSFI totals are in tenths");
    assert_eq!(fsfi.check_subscale("desire", 120).ok(), Some(120));
    assert!(
        matches!(fsfi.check_subscale("desire", 100), Err(Error::Invalid { field, .. }) if field == "subscales.desire")
    );
    assert!(fsfi.check_subscale("mood", 300).is_err());
    assert_eq!(fsfi.subscales.len(), 6);
}

#[test]
fn no_item_text_ships_for_a_measure_whose_rights_are_held_by_others() {
    for m in &BUILT_IN {
        match m.licence {
            Licence::Reproducible => assert!(!m.items.is_empty() && !m.stem.is_empty(), "{}", m.code),
            Licence::ScoreEntry => {
                assert!(m.items.is_empty() && m.answers.is_empty() && m.stem.is_empty(), "{}", m.code);
                let view = MeasureView::from(m);
                assert!(view.items.is_empty() && view.stem.is_empty());
            }
        }
    }
    let codes: Vec<&str> = BUILT_IN.iter().map(|m| m.code).collect();
    assert_eq!(codes, ["phq9", "gad7", "iief5", "fsfi", "pedt", "core10", "csi16"]);
}

#[test]
fn a_meaningful_change_is_the_measures_own_and_knows_better_from_worse() {
    let phq9 = def("phq9");
    assert_eq!(phq9.meaningful(1800, 1300), Some(true), "five points down is better");
    assert_eq!(phq9.meaningful(1800, 1400), None, "four is not enough");
    assert_eq!(phq9.meaningful(900, 1400), Some(false));
    assert_eq!(def("iief5").meaningful(1000, 2000), None, "not defined for IIEF-5");
    assert_eq!(shown(2655), "26.55");
    assert_eq!(shown(2650), "26.5");
    assert_eq!(shown(2600), "26");
}
