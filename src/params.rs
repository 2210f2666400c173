//! Caller params, as the JS facade copies them: a JSON object whose values are strings, numbers,
//! booleans, `null` (for `undefined` too), arrays of those, or a *tag* `{"\u0000": kind}` for
//! a value that could not be copied as it is (a Symbol, a function, a 10 MB string, a getter
//! that threw, ...). Reading them into a params struct checks keys, presence and types, and
//! every message names the field and never quotes the value (it may be a secret).

use crate::error::{Call, Error};
use crate::json::{parse, Json, ParseError};
use crate::prelude::*;
use crate::secret::Secret;

/// The longest string the JS facade copies into the wasm; longer ones arrive as a tag, so a
/// caller's 10 MB string never grows the wasm memory.
pub const MAX_TEXT_CHARS: usize = 16_384;

/// The key of a tag object (no real parameter is called that).
const TAG: &str = "\u{0}";

/// A params struct, declared with [`params!`](crate::params!).
pub trait Params: Sized {
    /// Every key the struct accepts, as JS callers spell them.
    const KEYS: &'static [&'static str];
    /// Whether every field may be absent, so the whole argument may be left out.
    const OPTIONAL: bool;
    /// Each field's key, presence and type, in [`KEYS`](Self::KEYS)' order (for docs and tests).
    const FIELDS: &'static [Field];

    /// Reads the struct from the members of a checked params object.
    fn from_object(call: Call, object: &Json) -> Result<Self, Error>;

    /// Checks a struct a Rust caller built as [`read`] checks the JS facade's copy, field by
    /// field in the same order, with the same errors: a Rust value has its type already, but its
    /// text still has the limits a JS caller's has (non-empty, no CR/LF/NUL, at most
    /// [`MAX_TEXT_CHARS`] UTF-16 units).
    #[cfg(feature = "client")]
    fn check(&self, call: Call) -> Result<(), Error>;
}

/// One field of a params struct, as docs and tests describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Its key, as JS callers spell it.
    pub key: &'static str,
    /// Whether it may be absent.
    pub optional: bool,
    /// What it must be, as a user would say it ("a string").
    pub expected: &'static str,
}

/// Reads params from the facade's copy: an object, only known keys, each field as its type
/// wants it. `what` names the argument in messages (`params`, `options`).
pub fn read<P: Params>(call: Call, what: &str, value: &Json) -> Result<P, Error> {
    check_object(call, what, value, P::KEYS)?;
    P::from_object(call, value)
}

/// That `value` is an object with only keys from `keys`: one copy for every params struct.
#[inline(never)]
pub fn check_object(call: Call, what: &str, value: &Json, keys: &[&str]) -> Result<(), Error> {
    let members = match value {
        Json::Object(members) if tag_of(value).is_none() => members,
        _ => return Err(wrong_type(call, what, "an object", value)),
    };
    match members.iter().find(|(key, _)| !keys.contains(&key.as_ref())) {
        Some((key, _)) => Err(unknown_key(call, key, keys)),
        None => Ok(()),
    }
}

/// Like [`read`], where an absent argument (`undefined` or `null`) means all defaults.
pub fn read_optional<P: Params + Default>(call: Call, what: &str, value: &Json) -> Result<P, Error> {
    match value {
        Json::Null => Ok(P::default()),
        _ => read(call, what, value),
    }
}

/// Parses the facade's JSON text of one argument.
pub fn snapshot<'a>(call: Call, what: &str, text: &'a str) -> Result<Json<'a>, Error> {
    parse(text).map_err(|error| match error {
        ParseError::LoneSurrogate => {
            call.invalid(what, "invalid_param", crate::text!("`", what, "` holds text that is not well-formed Unicode"))
        }
        ParseError::Syntax => call.invalid(what, "invalid_param", crate::text!("`", what, "` could not be read")),
    })
}

fn unknown_key(call: Call, key: &str, allowed: &[&str]) -> Error {
    // A key is the caller's own text: show it only if it is short and printable.
    let shown = if key.len() <= 64 && !key.chars().any(char::is_control) { key } else { "(unprintable)" };
    call.invalid(
        shown,
        "unknown_param",
        crate::text!(
            "unknown parameter `",
            shown,
            "`; expected one of: ",
            crate::text::join(allowed.iter().copied(), ", ")
        ),
    )
}

/// One field's value type.
pub trait Param: Sized {
    /// What the field must be, as a user would say it ("a string").
    const EXPECTED: &'static str;
    /// Whether the field may be absent.
    const OPTIONAL: bool = false;

    /// Reads a value that is there (not `null`/`undefined`).
    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error>;

    /// Checks a value a Rust caller built, as [`read`](Self::read) checks one from JSON.
    #[cfg(feature = "client")]
    fn check(&self, _call: Call, _field: &str) -> Result<(), Error> {
        Ok(())
    }

    /// The value when the key is missing, `undefined` or `null`.
    fn absent(call: Call, field: &str) -> Result<Self, Error> {
        Err(missing(call, field))
    }
}

/// The error for a required field that is missing, `undefined` or `null`.
fn missing(call: Call, field: &str) -> Error {
    call.invalid(field, "missing_param", crate::text!("`", field, "` is required"))
}

/// Reads member `field` of `object` as `T`; used by [`params!`](crate::params!).
pub fn field<T: Param>(call: Call, object: &Json, field: &str) -> Result<T, Error> {
    match object.given(field) {
        Some(value) => T::read(call, field, value),
        None => T::absent(call, field),
    }
}

/// Reads member `field` of `object` as [`field`] reads a `String` or a `Secret` (with `flag`, a
/// `bool`, as `"true"` or `"false"`), without copying it; `None` if it is absent and `optional`.
pub fn field_text<'a>(
    call: Call,
    object: &'a Json,
    field: &str,
    flag: bool,
    optional: bool,
) -> Result<Option<&'a str>, Error> {
    match object.given(field) {
        Some(Json::Bool(on)) if flag => Ok(Some(if *on { "true" } else { "false" })),
        Some(value) if flag => Err(wrong_type(call, field, bool::EXPECTED, value)),
        Some(value) => {
            let text = value.as_str().ok_or_else(|| wrong_type(call, field, String::EXPECTED, value))?;
            check_text(call, field, text).map(|()| Some(text))
        }
        None if optional => Ok(None),
        None => Err(missing(call, field)),
    }
}

/// The error for a value of the wrong type.
pub fn wrong_type(call: Call, field: &str, expected: &str, value: &Json) -> Error {
    call.invalid(
        field,
        "invalid_param",
        crate::text!("`", field, "` must be ", expected, " (got ", describe(value), ")"),
    )
}

/// What a value is, in a user's words, for "(got ...)".
pub fn describe(value: &Json) -> String {
    let Some(tag) = tag_of(value) else { return value.type_name().to_owned() };
    let kind = tag.str_at(TAG).unwrap_or_default();
    match kind {
        "long" => {
            let length = tag.get("n").and_then(Json::as_i64).unwrap_or_default();
            crate::text!("a string of ", length, " characters, more than the ", MAX_TEXT_CHARS, " allowed")
        }
        "large" => crate::text!("a value larger than the ", MAX_TEXT_CHARS, " characters allowed"),
        "surrogate" => "a string that is not well-formed Unicode (a lone surrogate)".to_owned(),
        "unreadable" => "a value that threw when read (a getter or a Proxy)".to_owned(),
        "number" => "a number that is not finite".to_owned(),
        "array" => "an array".to_owned(),
        "keys" => "an object with more keys than any params or options take".to_owned(),
        "instance" => "an instance of a class, not a plain object".to_owned(),
        "unserializable" => "a value JSON cannot hold (a BigInt, a cycle, or a getter that threw)".to_owned(),
        "bigint" => "a bigint".to_owned(),
        "symbol" => "a symbol".to_owned(),
        "function" => "a function".to_owned(),
        _ => "an object".to_owned(),
    }
}

fn tag_of<'v, 'a>(value: &'v Json<'a>) -> Option<&'v Json<'a>> {
    value.get(TAG).map(|_| value)
}

/// Text a provider will receive: non-empty, no CR, LF or NUL (header and form smuggling).
pub fn check_text(call: Call, field: &str, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(call.invalid(field, "missing_param", crate::text!("`", field, "` must not be empty")));
    }
    // Bytes, not chars: no UTF-8 decoding on every call (CR, LF and NUL are single bytes).
    if value.bytes().any(|byte| matches!(byte, b'\r' | b'\n' | 0)) {
        return Err(call.invalid(
            field,
            "invalid_param",
            crate::text!("`", field, "` must not contain CR, LF or NUL characters"),
        ));
    }
    Ok(())
}

impl Param for String {
    const EXPECTED: &'static str = "a string";

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        let text = value.as_str().ok_or_else(|| wrong_type(call, field, Self::EXPECTED, value))?;
        check_text(call, field, text)?;
        Ok(text.to_owned())
    }

    #[cfg(feature = "client")]
    fn check(&self, call: Call, field: &str) -> Result<(), Error> {
        check_rust_text(call, field, self)
    }
}

impl Param for Secret {
    const EXPECTED: &'static str = "a string";

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        String::read(call, field, value).map(Secret::new)
    }

    #[cfg(feature = "client")]
    fn check(&self, call: Call, field: &str) -> Result<(), Error> {
        check_rust_text(call, field, self.secret())
    }
}

/// A Rust caller's text, checked as the JS facade's copy of it would be: one longer than
/// [`MAX_TEXT_CHARS`] UTF-16 units (JS string length) is refused with the message of the facade's
/// tag for it, then [`check_text`].
#[cfg(feature = "client")]
pub fn check_rust_text(call: Call, field: &str, text: &str) -> Result<(), Error> {
    let units = text.encode_utf16().count();
    if units > MAX_TEXT_CHARS {
        let tag = Json::Object(vec![
            (TAG.into(), Json::String("long".into())),
            ("n".into(), Json::Number(crate::text!(units).into())),
        ]);
        return Err(wrong_type(call, field, String::EXPECTED, &tag));
    }
    check_text(call, field, text)
}

impl Param for bool {
    const EXPECTED: &'static str = "true or false";

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        match value {
            Json::Bool(flag) => Ok(*flag),
            _ => Err(wrong_type(call, field, Self::EXPECTED, value)),
        }
    }
}

/// A whole number of at most `u32::MAX`; fields check their own ranges and units.
impl Param for u32 {
    const EXPECTED: &'static str = "a whole number";

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        value
            .as_i64()
            .and_then(|number| u32::try_from(number).ok())
            .ok_or_else(|| wrong_type(call, field, Self::EXPECTED, value))
    }
}

/// A key one shape of a union must not have (TypeScript `never`); the runtime reads the union's
/// fields all at once and says which combination is wrong, so this never reads a value.
#[derive(Debug)]
pub struct Never;

impl Param for Never {
    const EXPECTED: &'static str = "absent";

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        Err(wrong_type(call, field, Self::EXPECTED, value))
    }
}

/// Any value, checked later by code that knows its range and unit (see `options.rs`).
impl Param for Json<'static> {
    const EXPECTED: &'static str = "a value";

    fn read(_call: Call, _field: &str, value: &Json) -> Result<Self, Error> {
        Ok(value.clone().into_owned())
    }
}

impl<T: Param> Param for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;
    const OPTIONAL: bool = true;

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        T::read(call, field, value).map(Some)
    }

    fn absent(_call: Call, _field: &str) -> Result<Self, Error> {
        Ok(None)
    }

    #[cfg(feature = "client")]
    fn check(&self, call: Call, field: &str) -> Result<(), Error> {
        self.as_ref().map_or(Ok(()), |value| value.check(call, field))
    }
}

/// Implements `TypeScript` (`typescript.rs`, native builds only) for a tsify struct whose fields have the types listed.
#[macro_export]
macro_rules! typescript_of {
    ($name:ident, $($field:ty),*) => {
        #[cfg(feature = "typescript")]
        impl $crate::typescript::TypeScript for $name {
            const NAME: &'static str = stringify!($name);

            fn declare(out: &mut Vec<&'static str>) {
                let fields: &[fn(&mut Vec<&'static str>)] = &[$(<$field as $crate::typescript::TypeScript>::declare),*];
                $crate::typescript::declare_once(out, <Self as tsify::Tsify>::DECL, fields);
            }
        }
    };
}

/// Declares the TypeScript union of params shapes (each a [`params!`](crate::params!) struct),
/// which says which combinations of keys the runtime accepts. Native builds only: it is a
/// description, and the runtime reads the flat struct of the same name that uses it.
#[macro_export]
macro_rules! typescript_union {
    ($(#[$meta:meta])* $name:ident = $($variant:ident)|+) => {
        #[cfg(feature = "typescript")]
        $(#[$meta])*
        #[derive(tsify::Tsify)]
        #[serde(untagged)]
        #[allow(dead_code)]
        pub enum $name {
            $(
                #[doc = stringify!($variant)]
                $variant($variant),
            )+
        }

        #[cfg(feature = "typescript")]
        impl $crate::typescript::TypeScript for $name {
            const NAME: &'static str = stringify!($name);

            fn declare(out: &mut Vec<&'static str>) {
                let variants: &[fn(&mut Vec<&'static str>)] = &[$(<$variant as $crate::typescript::TypeScript>::declare),+];
                $crate::typescript::declare_once(out, <Self as tsify::Tsify>::DECL, variants);
            }
        }
    };
}

/// Declares a params struct: its TypeScript type (tsify) and its reader ([`Params`]) from one
/// list of fields, so the accepted keys cannot drift from the declared ones. A field may give
/// its JS name with `as "camelCase"`, and with `#[tsify]` only what its type cannot say
/// ([`tsify_fields!`](crate::tsify_fields!) adds the rest).
#[macro_export]
macro_rules! params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::tsify_fields! { params [@struct fields $(#[$meta])* pub struct $name] [] $($body)* }
        $crate::params!(@typescript $name { $($body)* });
    };
    // The TypeScript type is `$ts` (a union of the shapes the runtime accepts), not the struct.
    // Each shape needs some key, so the params cannot be left out.
    (
        typescript = $ts:ty;
        $(#[$meta:meta])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::tsify_fields! { params [@struct union $(#[$meta])* pub struct $name] [] $($body)* }

        #[cfg(feature = "typescript")]
        impl $crate::typescript::TypeScript for $name {
            const NAME: &'static str = <$ts as $crate::typescript::TypeScript>::NAME;

            fn declare(out: &mut Vec<&'static str>) {
                <$ts as $crate::typescript::TypeScript>::declare(out);
            }
        }
    };
    (
        @struct $shape:ident
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$attr:meta])* pub $field:ident : $ty:ty $(as $js:literal)?,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug)]
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name {
            $(
                $(#[$attr])*
                $(#[cfg_attr(any(feature = "typescript", feature = "serde"), serde(rename = $js))])?
                pub $field: $ty,
            )*
        }

        impl $crate::params::Params for $name {
            const KEYS: &'static [&'static str] = &[$($crate::params!(@key $field $($js)?)),*];
            const OPTIONAL: bool = $crate::params!(@optional $shape) $(&& <$ty as $crate::params::Param>::OPTIONAL)*;
            const FIELDS: &'static [$crate::params::Field] = &[$($crate::params::Field {
                key: $crate::params!(@key $field $($js)?),
                optional: <$ty as $crate::params::Param>::OPTIONAL,
                expected: <$ty as $crate::params::Param>::EXPECTED,
            }),*];

            fn from_object(
                call: $crate::error::Call,
                object: &$crate::json::Json,
            ) -> Result<Self, $crate::error::Error> {
                Ok(Self { $($field: $crate::params::field(call, object, $crate::params!(@key $field $($js)?))?,)* })
            }

            #[cfg(feature = "client")]
            fn check(&self, call: $crate::error::Call) -> Result<(), $crate::error::Error> {
                $($crate::params::Param::check(&self.$field, call, $crate::params!(@key $field $($js)?))?;)*
                Ok(())
            }
        }
    };
    (
        @typescript $name:ident {
            $($(#[$field_meta:meta])* pub $field:ident : $ty:ty $(as $js:literal)?),* $(,)?
        }
    ) => {
        $crate::typescript_of!($name, $($ty),*);
    };
    (@optional fields) => { true };
    (@optional union) => { false };
    (@key $field:ident $js:literal) => { $js };
    (@key $field:ident) => { stringify!($field) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, Provider};

    const CALL: Call = Call::new(Provider::Slack, "oauth.v2.access");

    crate::params! {
        /// A test struct.
        #[derive(Default)]
        pub struct Example {
            /// Required.
            pub client_id: String,
            /// Optional, renamed.
            pub retry_count: Option<u32> as "retryCount",
            /// A secret.
            pub token: Option<Secret>,
            /// A flag.
            pub flag: Option<bool>,
        }
    }

    fn example(text: &str) -> Result<Example, Error> {
        read(CALL, "params", &snapshot(CALL, "params", text)?)
    }

    fn error(text: &str) -> Error {
        example(text).unwrap_err()
    }

    #[test]
    fn reads_declared_fields_by_their_js_names() {
        let example = example(r#"{"client_id":"1","retryCount":3,"token":"xoxb","flag":true}"#).unwrap();
        assert_eq!((example.client_id.as_str(), example.retry_count, example.flag), ("1", Some(3), Some(true)));
        assert_eq!(example.token.unwrap().secret(), "xoxb");
        assert_eq!(Example::KEYS, ["client_id", "retryCount", "token", "flag"]);
    }

    #[test]
    fn null_and_missing_are_absent() {
        assert!(example(r#"{"client_id":"1","token":null}"#).unwrap().token.is_none());
        for text in [r#"{}"#, r#"{"client_id":null}"#] {
            let error = error(text);
            assert_eq!((error.code.as_str(), error.field.as_deref()), ("missing_param", Some("client_id")));
        }
        let defaults: Example = read_optional(CALL, "options", &Json::Null).unwrap();
        assert!(defaults.client_id.is_empty());
    }

    #[test]
    fn wrong_types_and_tags_are_named_without_values() {
        let cases = [
            (r#"{"client_id":5}"#, "client_id", "`client_id` must be a string (got a number)"),
            (r#"{"client_id":"1","flag":"yes"}"#, "flag", "`flag` must be true or false (got a string)"),
            (
                r#"{"client_id":"1","retryCount":1.5}"#,
                "retryCount",
                "`retryCount` must be a whole number (got a number)",
            ),
            (
                r#"{"client_id":"1","retryCount":-1}"#,
                "retryCount",
                "`retryCount` must be a whole number (got a number)",
            ),
            (r#"{"client_id":{"\u0000":"symbol"}}"#, "client_id", "`client_id` must be a string (got a symbol)"),
            (
                r#"{"client_id":{"\u0000":"long","n":10485760}}"#,
                "client_id",
                "`client_id` must be a string (got a string of 10485760 characters, more than the 16384 allowed)",
            ),
            (r#"{"client_id":"a\nb"}"#, "client_id", "`client_id` must not contain CR, LF or NUL characters"),
        ];
        for (text, field, message) in cases {
            let error = error(text);
            assert_eq!(error.kind, ErrorKind::Validation);
            assert_eq!((error.field.as_deref(), error.message.as_str()), (Some(field), message), "{text}");
        }
    }

    #[test]
    fn the_argument_itself_must_be_an_object() {
        for (text, got) in [
            ("5", "a number"),
            ("[]", "an array"),
            ("null", "null"),
            (r#"{"\u0000":"unreadable"}"#, "a value that threw when read (a getter or a Proxy)"),
            (r#"{"\u0000":"keys"}"#, "an object with more keys than any params or options take"),
        ] {
            let error = error(text);
            assert_eq!(error.message, format!("`params` must be an object (got {got})"));
        }
        assert_eq!(error("{").message, "`params` could not be read");
        assert!(error(r#"{"client_id":"\ud800"}"#).message.contains("well-formed"));
    }

    #[test]
    fn unknown_keys_are_refused_and_listed() {
        let unknown = error(r#"{"client_id":"1","clientSecret":"s"}"#);
        assert_eq!((unknown.code.as_str(), unknown.field.as_deref()), ("unknown_param", Some("clientSecret")));
        assert!(unknown.message.ends_with("expected one of: client_id, retryCount, token, flag"));
        let proto = error(r#"{"client_id":"1","__proto__":{"x":1}}"#);
        assert_eq!(proto.field.as_deref(), Some("__proto__"));
        let long = error(&format!(r#"{{"{}":1}}"#, "k".repeat(100)));
        assert_eq!(long.field.as_deref(), Some("(unprintable)"));
    }
}
