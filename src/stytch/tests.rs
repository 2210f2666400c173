//! Stytch models against documented answers and error bodies, base URLs and request building.

use super::oauth_providers::*;
use super::*;
use crate::endpoint::Endpoint;
use crate::http::retry_after::RetryAfter;
use crate::http::{HttpResponse, Method, RetryClass};
use serde_json::json;

fn options(project_id: &str, custom_base_url: Option<&str>) -> StytchB2BClientOptions {
    StytchB2BClientOptions {
        project_id: project_id.into(),
        secret: Secret::new("secret-test-abc"),
        custom_base_url: custom_base_url.map(str::to_owned),
        timeout: None,
        retries: None,
        deadline: None,
        dangerously_allow_browser: None,
        signal: None,
    }
}

fn config() -> StytchConfig {
    StytchConfig::new(options("project-test-123", None), false).unwrap()
}

fn answer(status: u16, body: &str) -> HttpResponse {
    HttpResponse { status, retry_after: Some(RetryAfter::Seconds(2)), body: body.into(), ..HttpResponse::default() }
}

#[test]
fn base_url_follows_the_project_id_unless_overridden() {
    assert_eq!(config().base_url.as_str(), "https://test.stytch.com/");
    let live = StytchConfig::new(options("project-live-9", None), false).unwrap();
    assert_eq!(live.base_url.as_str(), "https://api.stytch.com/");
    let custom = StytchConfig::new(options("project-live-9", Some("http://127.0.0.1:4000")), false).unwrap();
    assert_eq!(custom.base_url.as_str(), "http://127.0.0.1:4000/");
    let any = StytchConfig::new(options("my-project", Some("https://stytch.example.com/")), false).unwrap();
    assert_eq!(any.base_url.as_str(), "https://stytch.example.com/");
    let error = StytchConfig::new(options("my-project", None), false).unwrap_err();
    assert_eq!((error.field.as_deref(), error.code.as_str()), (Some("project_id"), "invalid_param"));
    let error = StytchConfig::new(options("project-test-1", Some("http://stytch.example.com")), false).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("custom_base_url"));
}

#[test]
fn a_browser_window_refuses_the_secret_at_construction() {
    let error = StytchConfig::new(options("project-test-1", None), true).unwrap_err();
    assert_eq!((error.code.as_str(), error.field.as_deref()), ("browser_secret", Some("secret")));
    let mut opted_in = options("project-test-1", None);
    opted_in.dangerously_allow_browser = Some(true);
    assert!(StytchConfig::new(opted_in, true).is_ok());
}

#[test]
fn requests_are_gets_with_encoded_ids_and_the_refresh_flag() {
    let params = B2BOrganizationsMembersOAuthProvidersProviderInformationRequest {
        organization_id: "organization-test-1".into(),
        member_id: "member/../x".into(),
        include_refresh_token: Some(true),
    };
    let request = Lookup::<GoogleProvider>::request(&config(), params).unwrap();
    assert_eq!(
        request.url,
        "https://test.stytch.com/v1/b2b/organizations/organization-test-1/members/member%2F..%2Fx/oauth_providers/google?include_refresh_token=true"
    );
    assert_eq!((request.method, request.retry), (Method::Get, RetryClass::Lookup));
    let debug = format!("{request:?}");
    assert!(!debug.contains("secret-test-abc"), "{debug}");

    let slack =
        B2BOrganizationsMembersOAuthProvidersSlackRequest { organization_id: "o".into(), member_id: "m".into() };
    let request = Lookup::<SlackProvider>::request(&config(), slack).unwrap();
    assert!(request.url.ends_with("/organizations/o/members/m/oauth_providers/slack"), "{}", request.url);
    let dots =
        B2BOrganizationsMembersOAuthProvidersSlackRequest { organization_id: "..".into(), member_id: "m".into() };
    assert_eq!(
        Lookup::<SlackProvider>::request(&config(), dots).unwrap_err().field.as_deref(),
        Some("organization_id")
    );
}

#[test]
fn documented_answers_decode_unchanged() {
    let google = json!({
        "request_id": "request-id-test-1", "provider_type": "Google", "provider_subject": "10769",
        "id_token": "eyJ...", "access_token": "ya29.a0", "access_token_expires_in": 3599,
        "scopes": ["openid", "email"], "refresh_token": "1//0e", "status_code": 200
    });
    assert_eq!(Lookup::<GoogleProvider>::decode(&answer(200, &google.to_string())), Ok(()));
    let slack = json!({
        "request_id": "request-id-test-2", "provider_type": "Slack", "status_code": 200,
        "registrations": [{ "provider_subject": "U1", "provider_tenant_id": "T1", "provider_tenant_ids": ["T1"],
            "access_token": "xoxp-1", "access_token_expires_in": null, "scopes": ["users:read"],
            "bot_access_token": "xoxb-1", "bot_scopes": ["chat:write"], "future_field": true }]
    });
    assert_eq!(Lookup::<SlackProvider>::decode(&answer(200, &slack.to_string())), Ok(()));
    let github = json!({
        "request_id": "r", "provider_type": "Github", "status_code": 200,
        "registrations": [{ "provider_subject": "42", "access_token": "gho_1", "scopes": ["repo"] }]
    });
    assert!(Lookup::<GithubProvider>::decode(&answer(200, &github.to_string())).is_ok());
    let no_token = json!({ "request_id": "r", "provider_type": "Google", "provider_subject": "1",
        "access_token": "", "scopes": [], "status_code": 200 });
    let error = Lookup::<GoogleProvider>::decode(&answer(200, &no_token.to_string())).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Decode);
}

#[test]
fn status_code_is_an_http_status_and_expiries_fit_a_js_number() {
    let google = |status_code: serde_json::Value, expires_in: serde_json::Value| {
        let body = json!({ "request_id": "r", "provider_type": "Google", "provider_subject": "1",
            "access_token": "ya29.a0", "access_token_expires_in": expires_in, "scopes": [], "status_code": status_code });
        Lookup::<GoogleProvider>::decode(&answer(200, &body.to_string()))
    };
    for status in [100, 200, 599] {
        assert_eq!(google(json!(status), json!(3599)), Ok(()), "{status}");
    }
    for status in [json!(0), json!(99), json!(600), json!(-200), json!(200.5)] {
        let error = google(status.clone(), json!(3599)).unwrap_err();
        assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Decode, "invalid_response"), "{status}");
        assert!(error.message.contains("`status_code`"), "{}", error.message);
    }
    assert_eq!(google(json!(200), json!(-9_007_199_254_740_991_i64)), Ok(()));
    let error = google(json!(200), json!(9_007_199_254_740_992_u64)).unwrap_err();
    assert!(error.message.contains("`access_token_expires_in`"), "{}", error.message);

    let slack = json!({ "request_id": "r", "provider_type": "Slack", "status_code": 600, "registrations": [] });
    let error = Lookup::<SlackProvider>::decode(&answer(200, &slack.to_string())).unwrap_err();
    assert!(error.message.contains("`status_code`"), "{}", error.message);
    let github = json!({ "request_id": "r", "provider_type": "Github", "status_code": 99, "registrations": [] });
    assert!(Lookup::<GithubProvider>::decode(&answer(200, &github.to_string())).is_err());
}

#[test]
fn both_error_shapes_map_onto_the_same_fields() {
    let stytch = r#"{"status_code":404,"request_id":"request-id-test-9","error_type":"member_not_found",
        "error_message":"Member could not be found.","error_url":"https://stytch.com/docs/api/errors/404"}"#;
    let error = Lookup::<SlackProvider>::decode(&answer(404, stytch)).unwrap_err();
    assert_eq!((error.kind, error.code.as_str(), error.status), (ErrorKind::Platform, "member_not_found", Some(404)));
    assert_eq!(error.request_id.as_deref(), Some("request-id-test-9"));
    assert_eq!(error.message, "Member could not be found.");
    assert_eq!(error.data.as_deref(), Some(stytch));

    let oauth2 = r#"{"error":"invalid_client","error_description":"Bad credentials","error_uri":"https://x"}"#;
    let error = Lookup::<SlackProvider>::decode(&answer(401, oauth2)).unwrap_err();
    assert_eq!((error.code.as_str(), error.message.as_str()), ("invalid_client", "Bad credentials"));

    let limited =
        r#"{"status_code":429,"request_id":"r-429","error_type":"too_many_requests","error_message":"slow down"}"#;
    let error = Lookup::<SlackProvider>::decode(&answer(429, limited)).unwrap_err();
    assert_eq!(
        (error.kind, error.code.as_str(), error.retry_after),
        (ErrorKind::RateLimited, "too_many_requests", Some(2))
    );
    assert_eq!(error.request_id.as_deref(), Some("r-429"));

    let html = Lookup::<SlackProvider>::decode(&answer(502, "<html>")).unwrap_err();
    assert_eq!((html.kind, html.status, html.data.as_deref()), (ErrorKind::Http, Some(502), None));
    let proxy = Lookup::<SlackProvider>::decode(&answer(200, "<html>")).unwrap_err();
    assert_eq!(proxy.code, "invalid_json");
}

#[test]
fn a_checked_configuration_reads_back_as_it_was() {
    for config in
        [config(), StytchConfig::new(options("project-live-1", Some("https://proxy.example/")), false).unwrap()]
    {
        let back = StytchConfig::from_checked(&crate::json::parse(&config.checked().finish()).unwrap());
        assert_eq!((back.auth.header_value(), &back.base_url), (config.auth.header_value(), &config.base_url));
    }
    // A checked text without credentials sends none, rather than an empty header.
    let bare = StytchConfig::from_checked(&crate::json::parse(r#"{"url":"https://x/"}"#).unwrap());
    assert_eq!(bare.auth.header_value(), None);
}
