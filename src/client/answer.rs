//! Typed answers from the JSON the core has already checked against the same view (`view.rs`):
//! reading one cannot fail on an answer the core passed.

use crate::json::Json;
use crate::prelude::*;
use crate::secret::Secret;

/// A type read from a provider's JSON answer; every view (`view!`) is one.
pub trait FromJson: Sized {
    /// Reads a value that is there (not `null`); `None` if it has another shape.
    fn from_json(value: &Json) -> Option<Self>;

    /// Reads an object's member: absent and `null` are `None` for an `Option`, a mismatch
    /// otherwise.
    fn from_member(value: Option<&Json>) -> Option<Self> {
        value.filter(|value| !matches!(value, Json::Null)).and_then(Self::from_json)
    }

    /// Reads a value as `from_json` does, except that an optional member of an object, at any
    /// depth, that has another shape is `None`, kept as sent in its object's `extra`. This is how
    /// an answer the core passed although it does not fit its type is read: an odd answer that
    /// rotated a token pair, the only copy of the new pair.
    fn from_json_keeping_odd(value: &Json) -> Option<Self> {
        Self::from_json(value)
    }

    /// Reads an object's member as `from_json_keeping_odd` reads a value.
    fn from_member_keeping_odd(value: Option<&Json>) -> Option<Self> {
        value.filter(|value| !matches!(value, Json::Null)).and_then(Self::from_json_keeping_odd)
    }
}

/// Member `key` of `value` read as `from_json_keeping_odd` reads it: one of another shape is
/// `None` if its type is optional (its key added to `odd`, for the object's `extra`); `None`
/// (the whole read fails) if not. Public for `view!`'s expansion, not for callers.
#[doc(hidden)]
pub fn member_keeping_odd<'k, T: FromJson>(value: &Json, key: &'k str, odd: &mut Vec<&'k str>) -> Option<T> {
    T::from_member_keeping_odd(value.get(key)).or_else(|| {
        odd.push(key);
        T::from_member(None)
    })
}

impl FromJson for String {
    fn from_json(value: &Json) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
}

impl FromJson for Secret {
    fn from_json(value: &Json) -> Option<Self> {
        value.as_str().map(Secret::new)
    }
}

impl FromJson for bool {
    fn from_json(value: &Json) -> Option<Self> {
        match value {
            Json::Bool(flag) => Some(*flag),
            _ => None,
        }
    }
}

macro_rules! integers {
    ($($ty:ty),*) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Json) -> Option<Self> {
                value.as_i64().and_then(|number| <$ty>::try_from(number).ok())
            }
        }
    )*};
}

integers!(u64, i64, u16);

impl FromJson for crate::view::HttpStatus {
    fn from_json(value: &Json) -> Option<Self> {
        u16::from_json(value).filter(|status| (100..=599).contains(status)).map(Self)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json) -> Option<Self> {
        T::from_json(value).map(Some)
    }

    fn from_member(value: Option<&Json>) -> Option<Self> {
        match value {
            None | Some(Json::Null) => Some(None),
            Some(value) => T::from_json(value).map(Some),
        }
    }

    fn from_member_keeping_odd(value: Option<&Json>) -> Option<Self> {
        match value {
            None | Some(Json::Null) => Some(None),
            Some(value) => T::from_json_keeping_odd(value).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Option<Self> {
        match value {
            Json::Array(items) => items.iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}
