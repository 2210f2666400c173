//! Typed answers and errors as JS values (feature `fetch`), for a Rust wasm module that hands
//! them to JS: an [`Error`] becomes a real JS `Error` named `EdgeOAuthError` with the fields the
//! npm package's has, and (with `serde`) an answer a plain object, as the npm package returns it.

use crate::error::Error;
use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// The npm package's `EdgeOAuthError` for `error`: `e instanceof Error`, `e.name ===
/// "EdgeOAuthError"`, and `kind`, `provider`, `method`, `code`, `status`, `retryAfter`,
/// `requestId`, `field` and `data` (the error body, parsed) when there are.
impl From<Error> for JsValue {
    fn from(error: Error) -> JsValue {
        let js = js_sys::Error::new(&error.full_message());
        js.set_name("EdgeOAuthError");
        let set = |key: &str, value: JsValue| {
            // Setting a property of a fresh Error cannot fail.
            let _ = Reflect::set(&js, &key.into(), &value);
        };
        set("kind", error.kind.as_str().into());
        set("provider", error.provider.as_str().into());
        set("method", error.method.into());
        set("code", error.code.as_str().into());
        let optional = [
            ("status", error.status.map(|status| JsValue::from(f64::from(status)))),
            ("retryAfter", error.retry_after.map(|seconds| JsValue::from(f64::from(seconds)))),
            ("requestId", error.request_id.as_deref().map(JsValue::from)),
            ("field", error.field.as_deref().map(JsValue::from)),
            ("data", error.data.as_deref().and_then(|data| js_sys::JSON::parse(data).ok())),
        ];
        for (key, value) in optional {
            if let Some(value) = value {
                set(key, value);
            }
        }
        js.into()
    }
}

/// `value` (an answer, or params) as a plain JS object, the JSON shape the npm package returns:
/// objects, not `Map`s (serde-wasm-bindgen's JSON-compatible serializer). Tokens are in it, in
/// the clear: it is for handing them on.
#[cfg(feature = "serde")]
pub fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}
