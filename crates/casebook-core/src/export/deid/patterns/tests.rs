//! Each shape, found where it is and not where it is not.

use super::*;

fn found(text: &str) -> Vec<(String, String)> {
    let p = Prepared::new(text);
    let phones = [KnownPhone { digits: "27825550143".into(), why: "Client's phone number".into() }];
    // A span found twice (a date is also a run of digits), or inside a longer find: the longer and
    // then the preferred one wins, as in `Lexicon::finds`.
    let mut all = scan(&p, &phones, 1935);
    all.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.priority));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in all {
        if kept.last().is_none_or(|k| c.end > k.end) {
            kept.push(c);
        }
    }
    let all = kept;
    let mut hits: Vec<(String, String)> =
        all.into_iter().map(|c| (text[c.start..c.end].to_string(), c.replacement)).collect();
    hits.sort();
    hits
}

fn only(text: &str) -> Vec<String> {
    found(text).into_iter().map(|(s, _)| s).collect()
}

#[test]
fn emails_and_web_addresses() {
    assert_eq!(
        found("mail thandi.nkosi82@mail.co.za."),
        [("thandi.nkosi82@mail.co.za".into(), "[email]".into())]
    );
    assert!(only("see https://example.org/x?y=1, then").contains(&"https://example.org/x?y=1".to_string()));
    assert!(only("(www.thandi-nkosi.co.za)").contains(&"www.thandi-nkosi.co.za".to_string()));
    assert_eq!(only("blog thandi-nkosi.co.za/about."), ["thandi-nkosi.co.za/about"]);
    assert!(only("e.g. F52.21 and i.e. 3.5").is_empty());
}

#[test]
fn ip_addresses() {
    assert!(only("from 192.168.10.23 today").contains(&"192.168.10.23".to_string()));
    assert_eq!(only("router fe80::1ff:fe23:4567:890a here"), ["fe80::1ff:fe23:4567:890a"]);
    assert!(only("at 10:00:00 sharp").is_empty());
}

#[test]
fn phones_and_long_numbers() {
    assert_eq!(found("call 082 555 0143"), [("082 555 0143".into(), "[phone]".into())]);
    assert_eq!(only("or +27 82 555 0143."), ["+27 82 555 0143"]);
    assert_eq!(only("(011) 555-0199"), ["(011) 555-0199"]);
    assert_eq!(found("ID 8001015009087"), [("8001015009087".into(), "[number]".into())]);
    assert_eq!(found("medical aid DHMS12345678"), [("DHMS12345678".into(), "[ID number]".into())]);
    assert_eq!(found("file no 4471"), [("4471".into(), "[number]".into())]);
    assert!(only("IIEF-5 went from 12 to 22; 2019-2024; 10.00-10.50; 120/80").is_empty());
}

#[test]
fn dates_with_a_day_or_month_keep_only_the_year() {
    assert_eq!(found("on 2024-03-05 we"), [("2024-03-05".into(), "[date in 2024]".into())]);
    assert_eq!(found("on 05/03/2024 we"), [("05/03/2024".into(), "[date in 2024]".into())]);
    assert_eq!(found("on 5 March 2024"), [("5 March 2024".into(), "[date in 2024]".into())]);
    assert_eq!(found("the 5th of march"), [("5th of march".into(), "[date]".into())]);
    assert_eq!(found("MARCH 5, 2024"), [("MARCH 5, 2024".into(), "[date in 2024]".into())]);
    assert_eq!(found("since Sept 2023"), [("Sept 2023".into(), "[date in 2023]".into())]);
    assert!(only("in 2024, 3 of 4 occasions; 12/25 on the scale").is_empty());
}

#[test]
fn a_year_that_tells_an_age_over_89_goes_too() {
    assert_eq!(found("born 14/06/1934"), [("14/06/1934".into(), "[date]".into())]);
    assert_eq!(found("born in 1934, married 1960"), [("1934".into(), "[year]".into())]);
}

#[test]
fn ages_over_89_become_a_band() {
    assert_eq!(found("a 92-year-old man"), [("92".into(), "90+".into())]);
    assert_eq!(found("aged 95"), [("95".into(), "90+".into())]);
    assert!(only("a 45-year-old, aged 89").is_empty());
}
