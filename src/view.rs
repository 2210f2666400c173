//! Typed views of provider answers: each is declared once with [`view!`](crate::view!), which
//! gives its TypeScript type (tsify) and a table of its fields that [`check`] walks. An answer is
//! checked against its view and then returned to the caller as the provider sent it, so fields
//! beyond the view and `null`s survive. A table instead of a serde `Deserialize` per view keeps
//! the wasm small: one checker, and a few bytes of data per field.

use crate::json::Json;
use crate::prelude::*;
use crate::secret::Secret;

/// What a value must look like.
#[derive(Debug)]
pub enum Shape {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A number without fraction or exponent, from the first bound to the second.
    Integer(&'static [i64; 2]),
    /// An array of one shape.
    List(&'static Shape),
    /// An object with these fields (others are allowed and ignored).
    Object {
        /// The fields' JSON keys, in order, each followed by a space: one string, not a `&str` a
        /// field, whose pointer and length were 8 bytes of wasm data that gzip could not shrink.
        keys: &'static str,
        /// The fields, in the order of `keys`.
        fields: &'static [Field],
    },
}

/// One field of an object shape (its key is in the shape's `keys`).
#[derive(Debug)]
pub struct Field {
    /// Its shape (a reference: 4 bytes of wasm data a field instead of the 12 of a `Shape`).
    pub shape: &'static Shape,
    /// Whether it must be present and not `null`.
    pub required: bool,
}

/// A Rust type that describes a JSON shape.
pub trait View {
    /// The shape.
    const SHAPE: Shape;
    /// Whether a field of this type must be present (`Option` says no).
    const REQUIRED: bool = true;
}

macro_rules! leaf_views {
    ($($ty:ty => $shape:ident),*) => {$(
        impl View for $ty {
            const SHAPE: Shape = Shape::$shape;
        }
    )*};
}

leaf_views!(String => Text, Secret => Text, bool => Bool);

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`, 2^53 - 1): the
/// caller reads every answer as JS, so a larger one would arrive rounded.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

impl View for u64 {
    const SHAPE: Shape = Shape::Integer(&[0, MAX_SAFE_INTEGER]);
}

impl View for i64 {
    const SHAPE: Shape = Shape::Integer(&[-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER]);
}

/// An HTTP status as a provider repeats it in a body (Stytch's `status_code`): 100 to 599
/// (RFC 9110 §15). The npm build only checks the field's shape; the Rust clients read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
pub struct HttpStatus(pub u16);

impl View for HttpStatus {
    const SHAPE: Shape = Shape::Integer(&[100, 599]);
}

impl<T: View> View for Option<T> {
    const SHAPE: Shape = T::SHAPE;
    const REQUIRED: bool = false;
}

impl<T: View> View for Vec<T> {
    const SHAPE: Shape = Shape::List(&T::SHAPE);
}

/// Where an answer differs from its view: the path of the field and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// `team.id`, `registrations[0].access_token`, or empty for the whole answer.
    pub path: String,
    /// What the view wanted there, e.g. "a string".
    pub expected: &'static str,
    /// What was found, e.g. "a number" or "nothing".
    pub found: &'static str,
}

impl Mismatch {
    /// The message, naming the place and the types, never a value (success bodies hold tokens).
    pub fn describe(&self) -> String {
        let place = if self.path.is_empty() { "the answer".to_owned() } else { crate::text!("`", self.path, "`") };
        crate::text!(place, " should be ", self.expected, " but is ", self.found)
    }
}

/// Checks `value` against `shape`.
pub fn check(value: &Json, shape: &Shape) -> Result<(), Mismatch> {
    let mismatch = |expected| Err(Mismatch { path: String::new(), expected, found: value.type_name() });
    match (shape, value) {
        (Shape::Text, Json::String(_)) | (Shape::Bool, Json::Bool(_)) => Ok(()),
        (Shape::Integer([min, max]), Json::Number(_)) if value.as_i64().is_some_and(|n| (*min..=*max).contains(&n)) => {
            Ok(())
        }
        (Shape::List(item), Json::Array(items)) => items.iter().enumerate().try_for_each(|(index, element)| {
            check(element, item).map_err(|inner| inner.within(&crate::text!("[", index, "]")))
        }),
        (Shape::Object { keys, fields }, Json::Object(_)) => {
            keys.split(' ').zip(fields.iter()).try_for_each(|(name, field)| match value.given(name) {
                Some(member) => check(member, field.shape).map_err(|inner| inner.within(name)),
                None if field.required => Err(Mismatch {
                    path: name.to_owned(),
                    expected: expected_of(field.shape),
                    found: if value.get(name).is_some() { "null" } else { "missing" },
                }),
                None => Ok(()),
            })
        }
        _ => mismatch(expected_of(shape)),
    }
}

impl Mismatch {
    /// The same mismatch seen from one level up: `step` is `name` or `[index]`.
    fn within(mut self, step: &str) -> Self {
        let joiner = if self.path.is_empty() || self.path.starts_with('[') { "" } else { "." };
        self.path = crate::text!(step, joiner, self.path);
        self
    }
}

fn expected_of(shape: &Shape) -> &'static str {
    match shape {
        Shape::Text => "a string",
        Shape::Bool => "a boolean",
        // The range is the field type's: what a JS number holds exactly, or an HTTP status.
        Shape::Integer(_) => "a whole number in range",
        Shape::List(_) => "an array",
        Shape::Object { .. } => "an object",
    }
}

/// Declares a view: the struct with its TypeScript type, and its [`View`] shape, from one list
/// of fields. The struct is never built: answers stay JSON; it exists to describe them. A
/// field's `#[tsify]` says only what its type cannot ([`tsify_fields!`](crate::tsify_fields!));
/// `as "key"` gives a JSON key that is no Rust name (`https://slack.com/user_id`). `view!(untabled
/// ...)` declares the struct without a shape, for JSON the wasm never checks (an id_token's
/// claims, whose `aud` is a string or a list).
#[macro_export]
macro_rules! view {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::tsify_fields! { view [@struct $(#[$meta])* pub struct $name] [] $($body)* }
    };
    (
        untabled
        $(#[$meta:meta])*
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::tsify_fields! { view [@untabled @struct $(#[$meta])* pub struct $name] [] $($body)* }
    };
    (
        @struct
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$attr:meta])* pub $field:ident : $ty:ty $(as $js:literal)?,)*
        }
    ) => {
        $crate::view! { @untabled @struct $(#[$meta])* pub struct $name { $($(#[$attr])* pub $field: $ty $(as $js)?,)* } }

        impl $crate::view::View for $name {
            const SHAPE: $crate::view::Shape = $crate::view::Shape::Object {
                keys: concat!($($crate::params!(@key $field $($js)?), " ",)*),
                fields: &[$(
                    $crate::view::Field {
                        shape: &<$ty as $crate::view::View>::SHAPE,
                        required: <$ty as $crate::view::View>::REQUIRED,
                    },
                )*],
            };
        }
    };
    (
        @untabled @struct
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($(#[$attr:meta])* pub $field:ident : $ty:ty $(as $js:literal)?,)*
        }
    ) => {
        $(#[$meta])*
        #[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
        #[cfg_attr(feature = "client", derive(Debug, Clone))]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[allow(dead_code)]
        pub struct $name {
            $(
                $(#[$attr])*
                $(#[cfg_attr(any(feature = "typescript", feature = "serde"), serde(rename = $js))])?
                pub $field: $ty,
            )*
            /// The members this type does not name (a provider adds some over time), as sent.
            #[cfg(feature = "client")]
            #[cfg_attr(all(feature = "typescript", not(feature = "serde")), serde(skip))]
            #[cfg_attr(feature = "serde", serde(flatten))]
            pub extra: $crate::client::Extra,
        }

        #[cfg(feature = "client")]
        impl $crate::client::FromJson for $name {
            fn from_json(value: &$crate::json::Json) -> Option<Self> {
                Some(Self {
                    $($field: $crate::client::FromJson::from_member(value.get($crate::params!(@key $field $($js)?)))?,)*
                    extra: $crate::client::Extra::beyond(value, &[$($crate::params!(@key $field $($js)?)),*])?,
                })
            }

            fn from_json_keeping_odd(value: &$crate::json::Json) -> Option<Self> {
                let mut odd = $crate::prelude::Vec::new();
                Some(Self {
                    $($field: $crate::client::member_keeping_odd(value, $crate::params!(@key $field $($js)?), &mut odd)?,)*
                    extra: {
                        let known = [$($crate::params!(@key $field $($js)?)),*];
                        let typed: $crate::prelude::Vec<&str> = known.into_iter().filter(|key| !odd.contains(key)).collect();
                        $crate::client::Extra::beyond(value, &typed)?
                    },
                })
            }
        }

        $crate::typescript_of!($name, $($ty),*);
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    crate::view! {
        /// Inner.
        pub struct Team {
            /// Required.
            pub id: String,
        }
    }

    crate::view! {
        /// Outer.
        pub struct Answer {
            /// Required flag.
            pub ok: bool,
            /// Optional team.
            pub team: Option<Team>,
            /// A list of teams.
            pub teams: Option<Vec<Team>>,
            /// An integer.
            pub expires_in: Option<u64>,
        }
    }

    fn mismatch(text: &str) -> String {
        check(&parse(text).unwrap(), &Answer::SHAPE).unwrap_err().describe()
    }

    #[test]
    fn accepts_extra_fields_and_nulls_for_optional_ones() {
        for text in [
            r#"{"ok":true}"#,
            r#"{"ok":false,"team":null,"teams":[],"extra":{"x":[1]}}"#,
            r#"{"ok":true,"team":{"id":"T1","name":"n"},"teams":[{"id":"T2"}],"expires_in":43200}"#,
        ] {
            assert_eq!(check(&parse(text).unwrap(), &Answer::SHAPE), Ok(()), "{text}");
        }
    }

    #[test]
    fn names_the_place_and_the_types() {
        assert_eq!(mismatch(r#"[]"#), "the answer should be an object but is an array");
        assert_eq!(mismatch(r#"{}"#), "`ok` should be a boolean but is missing");
        assert_eq!(mismatch(r#"{"ok":null}"#), "`ok` should be a boolean but is null");
        assert_eq!(mismatch(r#"{"ok":true,"team":{"id":5}}"#), "`team.id` should be a string but is a number");
        assert_eq!(mismatch(r#"{"ok":true,"team":{}}"#), "`team.id` should be a string but is missing");
        assert_eq!(
            mismatch(r#"{"ok":true,"teams":[{"id":"a"},{"id":true}]}"#),
            "`teams[1].id` should be a string but is a boolean"
        );
        assert_eq!(
            mismatch(r#"{"ok":true,"expires_in":1.5}"#),
            "`expires_in` should be a whole number in range but is a number"
        );
    }

    fn fits(shape: &Shape, text: &str) -> bool {
        check(&parse(text).unwrap(), shape).is_ok()
    }

    #[test]
    fn integers_stay_within_what_their_type_holds() {
        // u64: 0 to 2^53 - 1, what a JS number holds exactly; i64: the same, both ways.
        for (shape, inside, outside) in [
            (&u64::SHAPE, &["0", "-0", "43200", "9007199254740991"][..], &["-1", "9007199254740992", "1e3", "1.5"][..]),
            (&i64::SHAPE, &["-9007199254740991", "-1", "9007199254740991"], &["-9007199254740992", "9007199254740992"]),
            // An HTTP status: 100 to 599.
            (&HttpStatus::SHAPE, &["100", "200", "599"], &["0", "99", "600", "-200", "65736"]),
        ] {
            inside.iter().for_each(|text| assert!(fits(shape, text), "{text} fits {shape:?}"));
            outside.iter().for_each(|text| assert!(!fits(shape, text), "{text} is outside {shape:?}"));
        }
        for huge in ["9223372036854775807", "18446744073709551616"] {
            assert!(!fits(&u64::SHAPE, huge), "{huge}");
        }
        assert_eq!(
            mismatch(r#"{"ok":true,"expires_in":-1}"#),
            "`expires_in` should be a whole number in range but is a number"
        );
    }
}
