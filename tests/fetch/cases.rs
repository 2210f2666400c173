// The Rust API compiled to wasm, through the `fetch` transport, against the project's mock over
// loopback (its URL is compiled in from MOCK_URL: `tests/mock/with-mock.mjs wasm-pack test ...`).
// Included by fetch_node.rs, fetch_browser.rs and fetch_worker.rs, which pick where it runs.
// Bounds on time are from below only: a slow machine cannot fail them.

use edge_oauth::client::fetch::FetchTransport;
use edge_oauth::client::{SlackOptions, StytchOptions, Transport};
use edge_oauth::slack::auth::{AuthRevokeArguments, AuthTestArguments};
use edge_oauth::slack::external_auth::{AppsAuthExternalDeleteArguments, AppsAuthExternalGetArguments};
use edge_oauth::slack::oauth::{OAuthAccessArguments, OAuthV2AccessArguments, OAuthV2ExchangeArguments};
use edge_oauth::slack::openid::OpenIDConnectUserInfoArguments;
use edge_oauth::stytch::oauth_providers::{
    B2BOrganizationsMembersOAuthProvidersProviderInformationRequest as ProviderLookup,
    B2BOrganizationsMembersOAuthProvidersSlackRequest as SlackLookup,
};
use edge_oauth::{ErrorKind, Secret, SlackClient, StytchB2BClient};
use wasm_bindgen_test::wasm_bindgen_test;

const CLIENT_ID: &str = "1111.2222";
const CLIENT_SECRET: &str = "mock-client-secret";
const BOT_TOKEN: &str = "xoxb-mock-bot-token";

fn mock() -> &'static str {
    match option_env!("MOCK_URL") {
        Some(url) => url,
        None => panic!("build the tests with MOCK_URL set (tests/mock/with-mock.mjs)"),
    }
}

/// A suffix that makes a mock behaviour's "-once" counter fresh for this run.
fn fresh() -> String {
    format!("{}", (js_sys::Math::random() * 1e12) as u64)
}

fn slack(options: SlackOptions) -> SlackClient<FetchTransport> {
    // In a browser window a client secret is refused unless allowed (tested below).
    let options =
        SlackOptions { slack_api_url: Some(format!("{}/api/", mock())), dangerously_allow_browser: true, ..options };
    SlackClient::new(FetchTransport, Some(Secret::new(BOT_TOKEN)), options).unwrap()
}

fn stytch() -> StytchB2BClient<FetchTransport> {
    let mut options = StytchOptions::new("project-test-00000000-mock", Secret::new("secret-test-mock-stytch-secret"));
    options.custom_base_url = Some(mock().to_owned());
    options.dangerously_allow_browser = true;
    StytchB2BClient::new(FetchTransport, options).unwrap()
}

fn exchange(code: &str) -> OAuthV2AccessArguments {
    OAuthV2AccessArguments {
        client_id: CLIENT_ID.into(),
        client_secret: Some(Secret::new(CLIENT_SECRET)),
        code: Some(Secret::new(code)),
        ..OAuthV2AccessArguments::default()
    }
}

#[wasm_bindgen_test]
async fn every_slack_method() {
    let client = slack(SlackOptions::default());
    let v2 = client.oauth_v2_access(exchange("good")).await.unwrap();
    assert_eq!(v2.team.map(|team| team.id).as_deref(), Some("T0MOCK"));
    let legacy = OAuthAccessArguments {
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(CLIENT_SECRET),
        code: Secret::new("good"),
        ..OAuthAccessArguments::default()
    };
    assert!(client.oauth_access(legacy).await.unwrap().ok);
    let get = AppsAuthExternalGetArguments { external_token_id: "Et1".into(), ..Default::default() };
    assert_eq!(client.apps_auth_external_get(get).await.unwrap().external_token.secret(), "ext-token-for-Et1");
    let delete = AppsAuthExternalDeleteArguments { external_token_id: Some("Et1".into()), ..Default::default() };
    assert!(client.apps_auth_external_delete(delete).await.unwrap().ok);
    let revoke = AuthRevokeArguments { test: Some(true), ..AuthRevokeArguments::default() };
    assert!(!client.auth_revoke(revoke).await.unwrap().revoked, "test: true revokes nothing");
    let signed_in = client.openid_connect_token(exchange("good")).await.unwrap();
    assert_eq!(signed_in.token_type, "Bearer");
    let user = OpenIDConnectUserInfoArguments { token: Some(signed_in.access_token) };
    assert_eq!(client.openid_connect_user_info(user).await.unwrap().slack_team_id.as_deref(), Some("T0MOCK"));
    assert_eq!(client.auth_test(AuthTestArguments::default()).await.unwrap().team_id, "T0MOCK");
    let legacy = OAuthV2ExchangeArguments {
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(CLIENT_SECRET),
        token: Secret::new(format!("xoxb-legacy-{}", fresh())),
    };
    assert!(client.oauth_v2_exchange(legacy).await.unwrap().refresh_token.is_some());
}

#[wasm_bindgen_test]
async fn every_stytch_lookup() {
    let client = stytch();
    let ids = || ("organization-1".to_owned(), "member-1".to_owned());
    let (organization_id, member_id) = ids();
    let slack = client.organizations_members_oauth_providers_slack(SlackLookup { organization_id, member_id }).await.unwrap();
    assert_eq!(slack.registrations[0].scopes, ["users:read", "users:read.email"]);
    let lookup = || {
        let (organization_id, member_id) = ids();
        ProviderLookup { organization_id, member_id, include_refresh_token: Some(true) }
    };
    // Google and Microsoft answer one token; GitHub and HubSpot a list of registrations.
    for answer in [
        client.organizations_members_oauth_providers_google(lookup()).await,
        client.organizations_members_oauth_providers_microsoft(lookup()).await,
    ] {
        assert!(!answer.unwrap().access_token.is_empty());
    }
    for answer in [
        client.organizations_members_oauth_providers_github(lookup()).await,
        client.organizations_members_oauth_providers_hubspot(lookup()).await,
    ] {
        assert!(!answer.unwrap().registrations[0].access_token.is_empty());
    }
}

#[wasm_bindgen_test]
async fn a_429_waits_its_retry_after_then_succeeds() {
    let started = js_sys::Date::now();
    let answer = slack(SlackOptions::default()).oauth_v2_access(exchange(&format!("429-once~{}", fresh()))).await;
    assert!(answer.is_ok(), "{answer:?}");
    assert!(js_sys::Date::now() - started >= 1000.0, "Retry-After: 1 was waited");
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    let options = SlackOptions { timeout_ms: Some(500), retries: Some(0), ..SlackOptions::default() };
    let error = slack(options).oauth_v2_access(exchange("slow")).await.unwrap_err();
    assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Timeout, "timeout"));
}

#[wasm_bindgen_test]
async fn refusals_keep_the_providers_code() {
    let error = slack(SlackOptions::default()).oauth_v2_access(exchange("invalid")).await.unwrap_err();
    assert_eq!((error.kind, error.code.as_str(), error.status), (ErrorKind::Platform, "invalid_code", Some(200)));
    let lookup = SlackLookup { organization_id: "organization-1".into(), member_id: "member-missing".into() };
    let error = stytch().organizations_members_oauth_providers_slack(lookup).await.unwrap_err();
    assert_eq!((error.code.as_str(), error.status), ("member_not_found", Some(404)));
    let error = slack(SlackOptions::default()).oauth_v2_access(exchange("")).await.unwrap_err();
    assert_eq!((error.kind, error.field.as_deref()), (ErrorKind::Validation, Some("code")));
}

#[wasm_bindgen_test]
async fn a_refused_connection_is_a_network_error() {
    let options = SlackOptions { slack_api_url: None, retries: Some(0), ..SlackOptions::default() };
    let client = SlackClient::new(
        FetchTransport,
        None,
        SlackOptions { slack_api_url: Some("http://127.0.0.1:9/api/".into()), dangerously_allow_browser: true, ..options },
    )
    .unwrap();
    let error = client.oauth_v2_access(exchange("good")).await.unwrap_err();
    assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Network, "network_error"));
}

#[wasm_bindgen_test]
async fn a_browser_window_refuses_a_client_secret_unless_allowed() {
    let strict = SlackOptions { slack_api_url: Some(format!("{}/api/", mock())), ..SlackOptions::default() };
    let client = SlackClient::new(FetchTransport, None, strict).unwrap();
    let answer = client.oauth_v2_access(exchange("good")).await;
    if FetchTransport.in_browser_window() {
        let error = answer.unwrap_err();
        assert_eq!((error.code.as_str(), error.field.as_deref()), ("browser_secret", Some("client_secret")));
    } else {
        // Node and workers have no window: the secret goes.
        assert!(answer.is_ok(), "{answer:?}");
    }
}

#[wasm_bindgen_test]
async fn an_error_becomes_the_npm_packages_edge_oauth_error() {
    use wasm_bindgen::{JsCast, JsValue};
    let error = slack(SlackOptions::default()).oauth_v2_access(exchange("invalid")).await.unwrap_err();
    let js = JsValue::from(error);
    let get = |key: &str| js_sys::Reflect::get(&js, &key.into()).unwrap();
    assert!(js.dyn_ref::<js_sys::Error>().is_some(), "a real Error");
    assert_eq!(get("name").as_string().as_deref(), Some("EdgeOAuthError"));
    assert_eq!(get("kind").as_string().as_deref(), Some("platform"));
    assert_eq!(get("code").as_string().as_deref(), Some("invalid_code"));
    assert_eq!(get("status").as_f64(), Some(200.0));
    let data = get("data");
    assert_eq!(js_sys::Reflect::get(&data, &"error".into()).unwrap().as_string().as_deref(), Some("invalid_code"));
    assert!(get("field").is_undefined());
}

#[cfg(feature = "serde")]
#[wasm_bindgen_test]
async fn an_answer_becomes_a_plain_object() {
    use wasm_bindgen::JsCast;
    let answer = slack(SlackOptions::default()).oauth_v2_access(exchange("extra")).await.unwrap();
    let js = edge_oauth::client::js::to_js(&answer).unwrap();
    assert!(js.dyn_ref::<js_sys::Map>().is_none() && js.is_object(), "a plain object, not a Map");
    let team = js_sys::Reflect::get(&js, &"team".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&team, &"id".into()).unwrap().as_string().as_deref(), Some("T0MOCK"));
    // A member the Rust type does not name is there too, as the provider sent it.
    assert!(answer.extra.get("brand_new_field").is_some());
    let added = js_sys::Reflect::get(&js, &"brand_new_field".into()).unwrap();
    assert_eq!(js_sys::JSON::stringify(&added).unwrap().as_string().as_deref(), Some(r#"{"nested":[1,2]}"#));
}
