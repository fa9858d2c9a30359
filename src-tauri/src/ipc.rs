//! The IPC boundary: every call from the page is checked here before a command runs, and every
//! malformed call gets the typed `{ kind: "invalid", field, message }` reply.
//!
//! The page is untrusted. Tauri's own argument handling ignores unknown arguments and answers a
//! value of the wrong shape with a plain string that quotes the value (`unknown variant "…"`),
//! which may be client text. So: [`check_call`] runs first, from the app's invoke handler, and
//! refuses a payload that is not an object, is larger than [`MAX_CALL_BYTES`], or has an argument
//! the command does not take (the table in `command_names.rs`); then each argument is read by
//! [`Arg`], which turns a deserialization failure into the typed reply, naming the argument and
//! the kind of fault but never the value. Fields inside an argument are checked by the engine's
//! types (`deny_unknown_fields`) the same way.

use casebook_core::{ErrorKind, ErrorReply};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tauri::Runtime;
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};

/// The most one call may carry, counted over its strings and keys: a note body may hold 1 MB
/// (the engine's own limit), and a few fields beside it.
pub const MAX_CALL_BYTES: usize = 4 * 1024 * 1024;

fn invalid(field: &str, message: &str) -> ErrorReply {
    ErrorReply {
        kind: ErrorKind::Invalid,
        message: message.into(),
        field: Some(field.into()),
        rule: None,
        retry_after_secs: None,
    }
}

/// Checks a call's payload against the arguments its command takes; `None` for a command not in
/// the table (Tauri then answers that it does not exist).
pub fn check_call(command: &str, payload: &InvokeBody) -> Option<Result<(), ErrorReply>> {
    let expected = crate::COMMAND_ARGS.iter().find(|(name, _)| *name == command)?.1;
    Some(check_payload(expected, payload))
}

fn check_payload(expected: &[&str], payload: &InvokeBody) -> Result<(), ErrorReply> {
    let map = match payload {
        InvokeBody::Json(Value::Object(map)) => map,
        InvokeBody::Json(Value::Null) if expected.is_empty() => return Ok(()),
        _ => return Err(invalid("arguments", "The request is malformed: its arguments must be named.")),
    };
    let size = map.iter().fold(2, |n, (k, v)| json_size(v, n + k.len() + 4));
    if size > MAX_CALL_BYTES {
        return Err(invalid("arguments", "The request is too large (at most 4 MB)."));
    }
    if map.keys().any(|k| !expected.contains(&k.as_str())) {
        return Err(invalid(
            "arguments",
            "The request is malformed: it has an argument this command does not take.",
        ));
    }
    Ok(())
}

/// The bytes of a value's strings, keys and scalars, stopping once past the limit.
fn json_size(value: &Value, so_far: usize) -> usize {
    if so_far > MAX_CALL_BYTES {
        return so_far;
    }
    match value {
        Value::String(s) => so_far + s.len() + 2,
        Value::Array(items) => items.iter().fold(so_far + 2, |n, v| json_size(v, n + 1)),
        Value::Object(map) => map.iter().fold(so_far + 2, |n, (k, v)| json_size(v, n + k.len() + 4)),
        _ => so_far + 8,
    }
}

/// One command argument, read from the call's payload by its name, with a typed error when its
/// value does not fit the type.
#[derive(Debug)]
pub struct Arg<T>(pub T);

impl<T> Arg<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<'de, R: Runtime, T: DeserializeOwned> CommandArg<'de, R> for Arg<T> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let value = match command.message.payload() {
            InvokeBody::Json(Value::Object(map)) => map.get(command.key),
            _ => None,
        };
        parse(command.key, value.unwrap_or(&Value::Null))
            .map(Arg)
            .map_err(|reply| InvokeError::from(serde_json::to_value(reply).unwrap_or(Value::Null)))
    }
}

/// Deserializes one argument (without copying it: secrets stay in one buffer); the error names
/// the argument and the fault, never the value.
pub fn parse<T: DeserializeOwned>(key: &str, value: &Value) -> Result<T, ErrorReply> {
    let missing = value.is_null();
    T::deserialize(value).map_err(|err| {
        let text = err.to_string();
        let fault = if missing {
            "is missing"
        } else if text.starts_with("missing field") {
            "lacks a required field"
        } else if text.starts_with("unknown field") {
            "has a field it does not take"
        } else if text.starts_with("unknown variant") {
            "holds a choice that is not offered"
        } else if text.starts_with("invalid length") {
            "has the wrong number of items"
        } else if text.starts_with("invalid value") {
            "holds a value out of range"
        } else {
            "holds a value of the wrong type"
        };
        invalid(key, &format!("The request is malformed: {key} {fault}."))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    #[allow(dead_code)] // read by serde only
    struct Input {
        name: String,
        age: u8,
        kind: Kind,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Individual,
    }

    fn body(v: Value) -> InvokeBody {
        InvokeBody::Json(v)
    }

    #[test]
    fn unknown_arguments_non_objects_and_huge_calls_are_refused() {
        use serde_json::json;
        assert!(check_payload(&["input"], &body(json!({"input": 1}))).is_ok());
        assert!(check_payload(&[], &body(json!({}))).is_ok());
        assert!(check_payload(&[], &body(Value::Null)).is_ok());
        for bad in [json!({"input": 1, "path": "/x"}), json!([1]), json!("x"), json!(3), Value::Null] {
            let reply = check_payload(&["input"], &body(bad)).unwrap_err();
            assert_eq!(reply.kind, ErrorKind::Invalid);
            assert_eq!(reply.field.as_deref(), Some("arguments"));
        }
        assert!(check_payload(&[], &body(json!({"extra": true}))).is_err());
        assert!(check_payload(&["input"], &InvokeBody::Raw(vec![1, 2, 3])).is_err());
        let huge = json!({"input": "x".repeat(MAX_CALL_BYTES + 1)});
        assert!(check_payload(&["input"], &body(huge)).unwrap_err().message.contains("too large"));
        let many = json!({"input": vec!["y".repeat(1000); 5000]});
        assert!(check_payload(&["input"], &body(many)).is_err());
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_named_but_never_quoted() {
        use serde_json::json;
        let canary = "Thandeka Canary-Zulu";
        let cases = [
            (Value::Null, "is missing"),
            (json!({"name": canary}), "lacks a required field"),
            (
                json!({"name": canary, "age": 3, "kind": "individual", canary: 1}),
                "has a field it does not take",
            ),
            (json!({"name": canary, "age": 3, "kind": canary}), "not offered"),
            (json!({"name": canary, "age": 300, "kind": "individual"}), "out of range"),
            (json!({"name": 5, "age": 3, "kind": "individual"}), "wrong type"),
            (json!(canary), "wrong type"),
        ];
        for (value, fault) in cases {
            let reply = parse::<Input>("input", &value).unwrap_err();
            assert_eq!(reply.kind, ErrorKind::Invalid);
            assert_eq!(reply.field.as_deref(), Some("input"));
            assert!(reply.message.contains(fault), "{}", reply.message);
            assert!(!serde_json::to_string(&reply).unwrap().contains("Canary"));
        }
        let ok: Input = parse("input", &json!({"name": canary, "age": 3, "kind": "individual"})).unwrap();
        assert_eq!(ok.age, 3);
    }
}
