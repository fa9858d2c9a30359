//! R24 and R20 as a property: any JSON at all, given as a command's argument, is read into the
//! engine's real input types or refused with the typed `invalid` reply, never a panic, and the
//! reply never quotes a string from the input (a client's name in a malformed call must not come
//! back in an error, nor reach a log).

#![allow(clippy::unwrap_used)] // test helpers fail loudly by design

use casebook_core::api::parse;
use casebook_core::{ErrorKind, case, export, record, session, settings};
use proptest::prelude::*;
use serde_json::Value;

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        "Canary[A-Za-z ]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("individual"),
            Just("soap"),
            Just("open"),
            Just("de_identified"),
            Just("2025-01-31")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    "Canary[a-z]{0,6}".boxed(),
                    prop_oneof![Just("id"), Just("kind"), Just("fullName"), Just("client"), Just("body")]
                        .prop_map(String::from)
                        .boxed(),
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn strings_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.len() >= 6 => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            if k.len() >= 6 {
                out.push(k.clone());
            }
            strings_in(v, out)
        }),
        _ => {}
    }
}

fn check<T: serde::de::DeserializeOwned>(value: &Value) {
    if let Err(reply) = parse::<T>("input", value) {
        assert_eq!(reply.kind(), ErrorKind::Invalid);
        assert_eq!(reply.field(), Some("input"));
        let text = serde_json::to_string(&reply).unwrap();
        let mut quoted = Vec::new();
        strings_in(value, &mut quoted);
        for s in quoted {
            assert!(!text.contains(&s), "the reply quotes {s:?}: {text}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_json_is_read_or_refused_with_a_typed_reply(value in json()) {
        check::<case::NewCase>(&value);
        check::<case::CaseFilter>(&value);
        check::<case::CaseId>(&value);
        check::<session::SessionInput>(&value);
        check::<settings::Settings>(&value);
        check::<record::RecordRef>(&value);
        check::<export::SummaryExport>(&value);
        check::<export::LetterExport>(&value);
        check::<String>(&value);
        check::<u32>(&value);
    }
}
