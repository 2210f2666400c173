//! Checks shared by every method's parameters, run before any request exists.

use crate::error::{Call, Error};
use serde::de::{self, DeserializeOwned, Visitor};
use std::cell::Cell;

/// The keys a params struct accepts, read from its `Deserialize` impl so the list cannot drift.
///
/// serde-wasm-bindgen ignores unknown keys (even with `deny_unknown_fields`), so a typo such as
/// `clientSecret` would pass silently; callers compare the object's own keys with this list.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let probe = FieldProbe(Cell::new(&[]));
    let _ = T::deserialize(&probe);
    probe.0.get()
}

/// A deserializer that only records the field list serde hands to `deserialize_struct`.
struct FieldProbe(Cell<&'static [&'static str]>);

impl<'de> de::Deserializer<'de> for &FieldProbe {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("field probe"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.set(fields);
        Err(de::Error::custom("field probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Rejects the first key that is not in `allowed`, naming it.
pub fn check_keys<'a>(call: Call, keys: impl IntoIterator<Item = &'a str>, allowed: &[&str]) -> Result<(), Error> {
    match keys.into_iter().find(|key| !allowed.contains(key)) {
        None => Ok(()),
        Some(key) => Err(call.invalid(
            key,
            "unknown_param",
            format!("unknown parameter `{key}`; expected one of: {}", allowed.join(", ")),
        )),
    }
}

/// A string parameter must be non-empty and free of CR, LF and NUL (header and form smuggling).
pub fn check_text(call: Call, field: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(call.invalid(field, "missing_param", format!("`{field}` must not be empty")));
    }
    if value.contains(['\r', '\n', '\0']) {
        return Err(call.invalid(
            field,
            "invalid_param",
            format!("`{field}` must not contain CR, LF or NUL characters"),
        ));
    }
    Ok(())
}

/// Like [`check_text`], for a parameter that may be absent.
pub fn check_optional_text(call: Call, field: &str, value: Option<&str>) -> Result<(), Error> {
    value.map_or(Ok(()), |value| check_text(call, field, value))
}

/// Turns a serde message into one that names the problem without quoting the value, which may be
/// a secret ("invalid type: string \"xoxb-…\", expected a boolean").
/// Returns the error code and the safe message.
pub fn describe_serde_problem(path: &str, message: &str) -> (&'static str, String) {
    // serde-wasm-bindgen's errors are JS `Error`s and print as "Error: <message>".
    let message = message.strip_prefix("Error: ").unwrap_or(message);
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let full = join_path(path, field);
        return ("missing_param", format!("`{full}` is required"));
    }
    match message.rsplit_once(", expected ") {
        Some((_, expected)) => ("invalid_param", format!("`{path}` has the wrong type: expected {expected}")),
        None => ("invalid_param", format!("`{path}` has an invalid value")),
    }
}

/// `parent.child`, or `child` at the top level (serde_path_to_error prints the root as ".").
pub fn join_path(parent: &str, child: &str) -> String {
    match parent {
        "" | "." => child.to_owned(),
        _ => format!("{parent}.{child}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Provider};
    use serde::Deserialize;

    const CALL: Call = Call::new(Provider::Slack, "oauth.v2.access");

    #[allow(dead_code)]
    #[derive(Deserialize)]
    struct Params {
        client_id: String,
        #[serde(rename = "redirectTo")]
        redirect_to: Option<String>,
    }

    #[test]
    fn field_names_come_from_serde() {
        assert_eq!(field_names::<Params>(), ["client_id", "redirectTo"]);
    }

    #[test]
    fn unknown_key_is_named() {
        let error = check_keys(CALL, ["client_id", "clientSecret"], &["client_id"]).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Validation);
        assert_eq!(error.code, "unknown_param");
        assert_eq!(error.field.as_deref(), Some("clientSecret"));
        assert!(check_keys(CALL, ["client_id"], &["client_id", "code"]).is_ok());
    }

    #[test]
    fn text_rejects_empty_and_control_characters() {
        assert_eq!(check_text(CALL, "code", "").unwrap_err().code, "missing_param");
        for bad in ["a\rb", "a\nb", "a\0b"] {
            let error = check_text(CALL, "code", bad).unwrap_err();
            assert_eq!((error.code.as_str(), error.field.as_deref()), ("invalid_param", Some("code")));
        }
        assert!(check_text(CALL, "code", "1234.5678").is_ok());
        assert!(check_optional_text(CALL, "code", None).is_ok());
    }

    #[test]
    fn serde_problems_never_quote_values() {
        let (code, message) =
            describe_serde_problem("single_channel", "invalid type: string \"xoxb-1\", expected a boolean");
        assert_eq!(code, "invalid_param");
        assert_eq!(message, "`single_channel` has the wrong type: expected a boolean");
        let (code, message) = describe_serde_problem(".", "Error: missing field `client_id`");
        assert_eq!((code, message.as_str()), ("missing_param", "`client_id` is required"));
        let (_, message) = describe_serde_problem("team", "missing field `id`");
        assert_eq!(message, "`team.id` is required");
        assert!(!describe_serde_problem("x", "bad \"secret\"").1.contains("secret"));
    }
}
