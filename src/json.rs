//! How response bodies are parsed. The wasm build uses the runtime's `JSON.parse` and
//! serde-wasm-bindgen (one serde backend, no serde_json in the binary); native tests plug in
//! serde_json, so the decoders are tested against documented bodies without a JS engine.

use serde::de::DeserializeOwned;

/// A problem found while reading a parsed body into a typed view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewProblem {
    /// Where, as `team.id` (`.` for the top level).
    pub path: String,
    /// serde's message; may quote values, so it is passed through `describe_serde_problem`.
    pub message: String,
}

/// A JSON parser and a way to check a parsed value against a serde type.
pub trait Json {
    /// A parsed JSON value, returned to the caller unchanged on success.
    type Value;

    /// Parses `text`, or `None` if it is not JSON.
    fn parse(text: &str) -> Option<Self::Value>;

    /// Reads `value` as `T` without consuming it.
    fn read<T: DeserializeOwned>(value: &Self::Value) -> Result<T, ViewProblem>;
}

/// The wasm backend: `JSON.parse` and serde-wasm-bindgen.
pub struct JsJson;

impl Json for JsJson {
    type Value = wasm_bindgen::JsValue;

    fn parse(text: &str) -> Option<Self::Value> {
        js_sys::JSON::parse(text).ok()
    }

    fn read<T: DeserializeOwned>(value: &Self::Value) -> Result<T, ViewProblem> {
        let deserializer = serde_wasm_bindgen::Deserializer::from(value.clone());
        serde_path_to_error::deserialize(deserializer)
            .map_err(|error| ViewProblem { path: error.path().to_string(), message: error.inner().to_string() })
    }
}

/// The native test backend.
#[cfg(test)]
pub struct SerdeJson;

#[cfg(test)]
impl Json for SerdeJson {
    type Value = serde_json::Value;

    fn parse(text: &str) -> Option<Self::Value> {
        serde_json::from_str(text).ok()
    }

    fn read<T: DeserializeOwned>(value: &Self::Value) -> Result<T, ViewProblem> {
        serde_path_to_error::deserialize(value)
            .map_err(|error| ViewProblem { path: error.path().to_string(), message: error.inner().to_string() })
    }
}
