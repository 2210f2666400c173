//! The package's wasm in a Chromium page: real `fetch`, CORS, AbortController and timers.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use serde_json::json;
use tsify::Ts;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn exchange_params(code: &str) -> Ts<edge_oauth::slack::oauth::OAuthV2AccessArguments> {
    Ts::new_unchecked(js(&json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": code })))
}

#[wasm_bindgen_test]
async fn exchange_in_a_page_with_the_browser_opt_in() {
    let client = slack(json!({ "dangerouslyAllowBrowser": true }), None);
    let answer = client.oauth().v2().access(exchange_params("good")).await.unwrap();
    let answer = wasm_bindgen::JsValue::from(answer);
    assert_eq!(get_str(&answer, "team.id").as_deref(), Some("T0MOCK"));
    assert!(get_str(&answer, "access_token").unwrap().starts_with("xoxb-mock-"));
}

#[wasm_bindgen_test]
async fn a_page_refuses_to_send_a_client_secret() {
    let code = format!("good{}", nonce());
    let error = slack(json!({}), None).oauth().v2().access(exchange_params(&code)).await.unwrap_err();
    let (kind, code_name, field) = error_fields(&error);
    assert_eq!(
        (kind.as_str(), code_name.as_str(), field.as_deref()),
        ("validation", "browser_secret", Some("client_secret"))
    );
    assert_eq!(mock_requests("/api/oauth.v2.access", &code).await, 0, "nothing was sent");
}

#[wasm_bindgen_test]
async fn a_pkce_public_client_needs_no_opt_in() {
    let verifier = "A".repeat(64);
    let params = json!({ "client_id": CLIENT_ID, "code": "good", "code_verifier": verifier });
    let answer = slack(json!({}), None).oauth().v2().access(Ts::new_unchecked(js(&params))).await.unwrap();
    assert!(get_str(&answer.into(), "authed_user.access_token").is_some());
}

#[wasm_bindgen_test]
async fn lookups_retry_a_5xx_and_read_retry_after_through_cors() {
    let id = format!("500-once{}", nonce());
    let client = slack(json!({}), Some("xoxb-t"));
    let params = Ts::new_unchecked(js(&json!({ "external_token_id": id })));
    let answer = client.apps().auth().external().get(params).await.unwrap();
    assert!(get_str(&answer.into(), "external_token").unwrap().ends_with(&id));
    assert_eq!(mock_requests("/api/apps.auth.external.get", &id.replace('~', "%7E")).await, 2);

    let code = format!("429{}", nonce());
    let limited = slack(json!({ "dangerouslyAllowBrowser": true, "rejectRateLimitedCalls": true }), None)
        .oauth()
        .v2()
        .access(exchange_params(&code))
        .await
        .unwrap_err();
    assert_eq!(error_fields(&limited).0, "rate_limited");
    assert_eq!(get(&limited, "retryAfter").as_f64(), Some(1.0), "Retry-After is readable (exposed by CORS)");
}

#[wasm_bindgen_test]
async fn timeouts_oversized_bodies_and_refused_connections() {
    let slow = slack(json!({ "dangerouslyAllowBrowser": true, "timeout": 200 }), None);
    let error = slow.oauth().v2().access(exchange_params("slow")).await.unwrap_err();
    assert_eq!(error_fields(&error).0, "timeout");

    let client = slack(json!({ "dangerouslyAllowBrowser": true }), None);
    let error = client.oauth().v2().access(exchange_params("huge")).await.unwrap_err();
    assert_eq!(error_fields(&error).1, "response_too_large");

    let options = json!({ "slackApiUrl": "http://127.0.0.1:9/api/", "retries": 0, "dangerouslyAllowBrowser": true });
    let closed = edge_oauth::js::SlackClient::new(None, Some(Ts::new_unchecked(js(&options)))).unwrap();
    let error = closed.oauth().v2().access(exchange_params("good")).await.unwrap_err();
    assert_eq!(error_fields(&error).0, "network");
}

#[wasm_bindgen_test]
async fn a_page_refuses_a_stytch_secret_at_construction() {
    let error = stytch(json!({})).err().expect("constructing in a window must throw");
    assert_eq!(error_fields(&error), ("validation".into(), "browser_secret".into(), Some("secret".into())));
    let message = get_str(&error, "message").unwrap();
    assert!(!message.contains(STYTCH_SECRET), "{message}");
}

#[wasm_bindgen_test]
async fn stytch_lookup_in_a_page_with_the_opt_in() {
    let client = stytch(json!({ "dangerouslyAllowBrowser": true })).unwrap();
    let providers = client.organizations().members().oauth_providers();
    let answer = providers.slack(Ts::new_unchecked(js(&member("member-test-1")))).await.unwrap();
    assert_eq!(get_str(&answer.into(), "provider_type").as_deref(), Some("Slack"));
}
