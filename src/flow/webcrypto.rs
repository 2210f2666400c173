//! The WebCrypto calls the flow helpers need: random bytes, SHA-256 and HMAC-SHA256. Reached
//! through `globalThis.crypto`, present in browsers, Web Workers, Cloudflare Workers and Node ≥ 20.

use crate::error::{Call, Error, ErrorKind};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn unavailable(call: Call) -> Error {
    call.error(ErrorKind::Validation, "unsupported_runtime", "this runtime has no WebCrypto (globalThis.crypto.subtle)")
}

fn crypto(call: Call) -> Result<web_sys::Crypto, Error> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(|_| unavailable(call))?;
    crypto.dyn_into::<web_sys::Crypto>().or_else(|value| {
        // Some runtimes' `crypto` is not an instance of a global `Crypto` class.
        if value.is_object() {
            Ok(value.unchecked_into())
        } else {
            Err(unavailable(call))
        }
    })
}

/// `n` bytes from the runtime's CSPRNG.
pub fn random_bytes(call: Call, n: usize) -> Result<Vec<u8>, Error> {
    let mut bytes = vec![0u8; n];
    crypto(call)?.get_random_values_with_u8_array(&mut bytes).map_err(|_| unavailable(call))?;
    Ok(bytes)
}

/// SHA-256 of `data`.
pub async fn sha256(call: Call, data: &[u8]) -> Result<Vec<u8>, Error> {
    let subtle = crypto(call)?.subtle();
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", data).map_err(|_| unavailable(call))?;
    bytes_of(call, promise).await
}

/// HMAC-SHA256 of `data` under `key`.
pub async fn hmac_sha256(call: Call, key: &[u8], data: &[u8]) -> Result<Vec<u8>, Error> {
    let subtle = crypto(call)?.subtle();
    let algorithm = Object::new();
    let set = |name: &str, value: &JsValue| Reflect::set(&algorithm, &name.into(), value).map(drop);
    set("name", &"HMAC".into()).and_then(|()| set("hash", &"SHA-256".into())).map_err(|_| unavailable(call))?;
    let usages = Array::of1(&"sign".into());
    let key_data: Object = Uint8Array::from(key).into();
    let import =
        subtle.import_key_with_object("raw", &key_data, &algorithm, false, &usages).map_err(|_| unavailable(call))?;
    let key: web_sys::CryptoKey = JsFuture::from(import).await.map_err(|_| unavailable(call))?.unchecked_into();
    let promise = subtle.sign_with_str_and_u8_array("HMAC", &key, data).map_err(|_| unavailable(call))?;
    bytes_of(call, promise).await
}

async fn bytes_of(call: Call, promise: js_sys::Promise) -> Result<Vec<u8>, Error> {
    let buffer = JsFuture::from(promise).await.map_err(|_| unavailable(call))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
