//! The package's wasm in a dedicated Web Worker: no `window`, the closest thing to Workers.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use serde_json::json;
use tsify::Ts;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

#[wasm_bindgen_test]
async fn exchange_in_a_worker_sends_the_secret_without_an_opt_in() {
    let params = json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": "rotating" });
    let answer = slack(json!({}), None).oauth().v2().access(Ts::new_unchecked(js(&params))).await.unwrap();
    let answer = JsValue::from(answer);
    assert!(get_str(&answer, "refresh_token").unwrap().starts_with("xoxe-1-"));
    assert_eq!(get(&answer, "expires_in").as_f64(), Some(43200.0));
}

#[wasm_bindgen_test]
async fn lookup_in_a_worker() {
    let params = Ts::new_unchecked(js(&json!({ "external_token_id": "Et-worker" })));
    let answer = slack(json!({}), Some("xoxb-t")).apps().auth().external().get(params).await.unwrap();
    assert_eq!(get_str(&answer.into(), "external_token").as_deref(), Some("ext-token-for-Et-worker"));
}

#[wasm_bindgen_test]
async fn platform_errors_and_timeouts_in_a_worker() {
    let params = json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": "invalid" });
    let error = slack(json!({}), None).oauth().v2().access(Ts::new_unchecked(js(&params))).await.unwrap_err();
    assert_eq!(error_fields(&error), ("platform".into(), "invalid_code".into(), None));
    assert!(get_str(&error, "requestId").unwrap().starts_with("req-"));

    let params = json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": "slow" });
    let error =
        slack(json!({ "timeout": 150 }), None).oauth().v2().access(Ts::new_unchecked(js(&params))).await.unwrap_err();
    assert_eq!(error_fields(&error).0, "timeout");
}

#[wasm_bindgen_test]
async fn stytch_lookups_in_a_worker_retry_and_report_errors() {
    let providers = stytch(json!({})).unwrap().organizations().members().oauth_providers();
    let member_id = format!("member-429-once{}", nonce());
    let answer = providers.google(Ts::new_unchecked(js(&member(&member_id)))).await.unwrap();
    assert_eq!(get_str(&answer.into(), "access_token").as_deref(), Some("mock-access-google"));

    let error = providers.hubspot(Ts::new_unchecked(js(&member("member-missing")))).await.unwrap_err();
    assert_eq!(error_fields(&error), ("platform".into(), "member_not_found".into(), None));
    assert_eq!(get(&error, "status").as_f64(), Some(404.0));
    assert!(get_str(&error, "requestId").unwrap().starts_with("request-id-test-"));
}
