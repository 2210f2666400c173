//! A small JSON reader and writer, so the wasm carries no serde backend: every value that crosses
//! the JS boundary is JSON text (params copied by the JS facade, provider answers as received),
//! and every answer the wasm gives back is JSON text built by [`Writer`].
//!
//! Numbers are kept as their source text: nothing here needs a float, and parsing one would pull
//! float formatting and parsing code into the wasm.

use crate::prelude::*;
use alloc::borrow::Cow;
mod parse;
mod write;

pub use parse::{member_text, parse, ParseError};
pub use write::Writer;

/// A parsed JSON value, borrowing from the text it was read from: only strings with escapes
/// own their text, so reading an answer allocates little more than its objects' member lists.
/// Objects keep their keys in order, duplicates included (the last one wins on lookup, as in
/// `JSON.parse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(Cow<'a, str>),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// A copy that borrows nothing, to keep beyond the text it was read from.
    pub fn into_owned(self) -> Json<'static> {
        let owned = |text: Cow<'a, str>| Cow::Owned(text.into_owned());
        match self {
            Json::Null => Json::Null,
            Json::Bool(flag) => Json::Bool(flag),
            Json::Number(text) => Json::Number(owned(text)),
            Json::String(text) => Json::String(owned(text)),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(members) => {
                Json::Object(members.into_iter().map(|(key, value)| (owned(key), value.into_owned())).collect())
            }
        }
    }

    /// The member `key` of an object (the last one of that name), or `None`.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value),
            _ => None,
        }
    }

    /// The member `key`, treating `null` as absent (both mean "not given").
    pub fn given(&self, key: &str) -> Option<&Json<'a>> {
        self.get(key).filter(|value| !matches!(value, Json::Null))
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The string member `key`, if present and a string.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Json::as_str)
    }

    /// Whether member `key` is a non-empty string (a token that is really there).
    pub fn has_text(&self, key: &str) -> bool {
        self.str_at(key).is_some_and(|text| !text.is_empty())
    }

    /// The value as an integer, if it is a number without fraction or exponent that fits.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(text) => parse_integer(text),
            _ => None,
        }
    }

    /// The name of this value's JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// `-?[0-9]+` within `i64`; anything with a fraction or exponent is not an integer here, though
/// `1.0` is one in JS: the JS facade sends `JSON.stringify`'s output, which writes whole numbers
/// without either.
fn parse_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() || digits.len() > 19 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // 19 digits stay below 2^64, so u64 cannot overflow here (checked i64 steps would cost a
    // 128-bit multiply per digit in the wasm).
    let magnitude = digits.bytes().fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
    let magnitude = i64::try_from(magnitude).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_only_when_whole() {
        let number = |text: &str| Json::Number(text.into()).as_i64();
        assert_eq!(number("0"), Some(0));
        assert_eq!(number("-12"), Some(-12));
        assert_eq!(number("9223372036854775807"), Some(i64::MAX));
        assert_eq!(number("9223372036854775808"), None);
        for not_whole in ["1.5", "1e3", "1E+21", "-", ""] {
            assert_eq!(number(not_whole), None, "{not_whole}");
        }
    }

    #[test]
    fn lookups_take_the_last_duplicate_and_null_is_not_given() {
        let value = parse(r#"{"a":1,"a":"two","n":null}"#).unwrap();
        assert_eq!(value.str_at("a"), Some("two"));
        assert!(value.get("n").is_some() && value.given("n").is_none());
        assert!(!value.has_text("n"));
    }
}
