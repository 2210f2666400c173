//! Shared by the wasm tests (`web.rs` in a page, `worker.rs` in a dedicated worker): the real
//! wasm and the real `fetch` of Chromium, against the mock that `tests/mock/with-mock.mjs` starts.
#![allow(dead_code)] // each test file uses a different part

use edge_oauth::js::SlackClient;
use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const CLIENT_ID: &str = "1111.2222";
pub const CLIENT_SECRET: &str = "mock-client-secret";

pub fn mock_url() -> &'static str {
    option_env!("MOCK_URL").expect("run the wasm tests through tests/mock/with-mock.mjs (make test-wasm)")
}

/// A JS object from any serializable value (plain objects, not `Map`s).
pub fn js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

pub fn get(value: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(value.clone(), |v, key| Reflect::get(&v, &key.into()).unwrap())
}

pub fn get_str(value: &JsValue, path: &str) -> Option<String> {
    get(value, path).as_string()
}

pub fn slack(options: serde_json::Value, token: Option<&str>) -> SlackClient {
    let mut all = serde_json::json!({ "slackApiUrl": format!("{}/api/", mock_url()) });
    all.as_object_mut().unwrap().extend(options.as_object().unwrap().clone());
    SlackClient::new(token.map(str::to_owned), Some(tsify::Ts::new_unchecked(js(&all))))
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// How many requests for `path` whose form or query contains `needle` reached the mock.
pub async fn mock_requests(path: &str, needle: &str) -> usize {
    let global = js_sys::global();
    let fetch: js_sys::Function = Reflect::get(&global, &"fetch".into()).unwrap().unchecked_into();
    let url = JsValue::from_str(&format!("{}/__mock/requests", mock_url()));
    let response: web_sys::Response =
        JsFuture::from(fetch.call1(&global, &url).unwrap().unchecked_into::<js_sys::Promise>())
            .await
            .unwrap()
            .unchecked_into();
    let list = JsFuture::from(response.json().unwrap()).await.unwrap();
    js_sys::Array::from(&list)
        .iter()
        .filter(|r| {
            get_str(r, "path").as_deref() == Some(path) && get_str(r, "body").unwrap_or_default().contains(needle)
        })
        .count()
}

/// The `EdgeOAuthError` a failed call rejected with.
pub fn error_fields(error: &JsValue) -> (String, String, Option<String>) {
    assert!(edge_oauth::js::is_edge_oauth_error(error.clone()), "not an EdgeOAuthError: {error:?}");
    (get_str(error, "kind").unwrap(), get_str(error, "code").unwrap(), get_str(error, "field"))
}

/// A unique suffix, so the mock's per-value counters start fresh in every test.
pub fn nonce() -> String {
    format!("~{}", (js_sys::Math::random() * 1e12) as u64)
}

pub const PROJECT_ID: &str = "project-test-00000000-mock";
pub const STYTCH_SECRET: &str = "secret-test-mock-stytch-secret";

pub fn stytch(options: serde_json::Value) -> Result<edge_oauth::js::StytchB2BClient, JsValue> {
    let mut all =
        serde_json::json!({ "project_id": PROJECT_ID, "secret": STYTCH_SECRET, "custom_base_url": mock_url() });
    all.as_object_mut().unwrap().extend(options.as_object().unwrap().clone());
    edge_oauth::js::StytchB2BClient::new(tsify::Ts::new_unchecked(js(&all)))
}

pub fn member(member_id: &str) -> serde_json::Value {
    serde_json::json!({ "organization_id": "organization-test-1", "member_id": member_id })
}
