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
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Option<Self> {
        match value {
            Json::Array(items) => items.iter().map(T::from_json).collect(),
            _ => None,
        }
    }
}
