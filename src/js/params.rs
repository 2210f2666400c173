//! JS params objects into Rust params: a plain object, no unknown keys, the right types.

use crate::error::{Call, Error};
use crate::validate::{check_keys, describe_serde_problem, field_names};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

/// Reads `value` as `T`, naming the offending key in every error and never quoting a value.
pub fn from_js<T: DeserializeOwned>(call: Call, value: JsValue) -> Result<T, Error> {
    let object = plain_object(call, &value)?;
    let keys: Vec<String> = js_sys::Object::keys(object).iter().filter_map(|key| key.as_string()).collect();
    check_keys(call, keys.iter().map(String::as_str), field_names::<T>())?;
    let deserializer = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let (code, message) = describe_serde_problem(&path, &error.inner().to_string());
        let field = message.split('`').nth(1).unwrap_or(&path).to_owned();
        call.invalid(&field, code, message)
    })
}

/// Like [`from_js`], where `undefined` (no argument) means all defaults.
pub fn optional_from_js<T: DeserializeOwned + Default>(call: Call, value: JsValue) -> Result<T, Error> {
    if value.is_undefined() {
        Ok(T::default())
    } else {
        from_js(call, value)
    }
}

fn plain_object(call: Call, value: &JsValue) -> Result<&js_sys::Object, Error> {
    if value.is_object() && !js_sys::Array::is_array(value) {
        Ok(value.unchecked_ref())
    } else {
        Err(call.invalid("params", "invalid_param", "params must be an object"))
    }
}
