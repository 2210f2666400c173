//! Slack models against the documented example answers, and request building.

use super::external_auth::{AppsAuthExternalDeleteArguments, AppsAuthExternalGet, AppsAuthExternalGetArguments};
use super::oauth::{OAuthAccess, OAuthAccessArguments, OAuthV2Access, OAuthV2AccessArguments};
use super::*;
use crate::endpoint::Endpoint;
use crate::http::retry_after::RetryAfter;
use crate::http::{Auth, HttpResponse, RetryClass};
use serde_json::json;

fn config() -> SlackConfig {
    SlackConfig::new(Some(Secret::new("xoxb-client")), SlackClientOptions::default(), false).unwrap()
}

fn answer(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        content_type: Some("application/json".into()),
        retry_after: Some(RetryAfter::Seconds(7)),
        body: body.into(),
        spent: RetryClass::Spends,
    }
}

fn v2(body: serde_json::Value) -> Result<(), Error> {
    OAuthV2Access::decode(&answer(200, &body.to_string()))
}

// The example answer of https://docs.slack.dev/reference/methods/oauth.v2.access
fn documented_v2() -> serde_json::Value {
    json!({
        "ok": true,
        "access_token": "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
        "token_type": "bot",
        "scope": "commands,incoming-webhook",
        "bot_user_id": "U0KRQLJ9H",
        "app_id": "A0KRD7HC3",
        "team": { "name": "Slack Softball Team", "id": "T9TK3CUKW" },
        "enterprise": { "name": "slack-sports", "id": "E12345678" },
        "authed_user": {
            "id": "U1234",
            "scope": "chat:write",
            "access_token": "xoxp-1234",
            "token_type": "user"
        }
    })
}

#[test]
fn v2_documented_answer_comes_back_unchanged() {
    assert_eq!(v2(documented_v2()), Ok(()));
}

#[test]
fn v2_shapes_user_only_enterprise_rotation_warnings() {
    let user_only = json!({
        "ok": true, "app_id": "A1", "team": { "id": "T1", "name": "t" }, "enterprise": null,
        "is_enterprise_install": false,
        "authed_user": { "id": "U1", "scope": "identity.basic", "access_token": "xoxp-1", "token_type": "user" }
    });
    assert!(v2(user_only).is_ok());
    let org_wide = json!({
        "ok": true, "access_token": "xoxb-1", "team": null, "enterprise": { "id": "E1", "name": "org" },
        "is_enterprise_install": true, "authed_user": { "id": "U1" }
    });
    assert!(v2(org_wide).is_ok());
    let rotating = json!({
        "ok": true, "access_token": "xoxe.xoxb-1", "refresh_token": "xoxe-1-abc", "expires_in": 43200,
        "warning": "superfluous_charset", "response_metadata": { "warnings": ["superfluous_charset"] },
        "new_field": [1, null]
    });
    assert_eq!(v2(rotating), Ok(()));
}

#[test]
fn ok_true_without_any_token_is_a_decode_error() {
    let error = v2(json!({ "ok": true, "app_id": "A1", "authed_user": { "id": "U1" } })).unwrap_err();
    assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Decode, "invalid_response"));
    assert!(v2(json!({ "ok": true, "access_token": "" })).is_err());
}

#[test]
fn wrong_types_name_the_field_without_quoting_it() {
    let error = v2(json!({ "ok": true, "access_token": "xoxb-1", "team": { "id": 7 } })).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Decode);
    assert!(error.message.contains("team.id"), "{}", error.message);
    let error = v2(json!({ "ok": true, "access_token": 12345 })).unwrap_err();
    assert!(error.message.contains("access_token") && !error.message.contains("12345"), "{}", error.message);
    assert_eq!(error.data, None, "a success body is never kept");
}

#[test]
fn expires_in_is_refused_beyond_what_a_js_number_holds() {
    let rotating = |expires_in: serde_json::Value| json!({ "ok": true, "access_token": "xoxe.xoxb-1", "refresh_token": "xoxe-1-a", "expires_in": expires_in });
    let user = |expires_in: serde_json::Value| json!({ "ok": true, "authed_user": { "id": "U1", "access_token": "xoxe.xoxp-1", "expires_in": expires_in } });
    for fits in [json!(0), json!(43200), json!(9_007_199_254_740_991_u64)] {
        assert_eq!(v2(rotating(fits.clone())), Ok(()), "{fits}");
        assert_eq!(v2(user(fits.clone())), Ok(()), "{fits}");
    }
    for (beyond, place) in [(json!(-1), "`expires_in`"), (json!(9_007_199_254_740_992_u64), "`expires_in`")] {
        let error = v2(rotating(beyond.clone())).unwrap_err();
        assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Decode, "invalid_response"));
        assert!(error.message.contains(place) && error.message.contains("in range"), "{}", error.message);
        let error = v2(user(beyond.clone())).unwrap_err();
        assert!(error.message.contains("`authed_user.expires_in`"), "{}", error.message);
    }
}

#[test]
fn ok_false_is_a_platform_error_with_slacks_code() {
    let body = r#"{"ok":false,"error":"invalid_code"}"#;
    let error = OAuthV2Access::decode(&answer(200, body)).unwrap_err();
    assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Platform, "invalid_code"));
    assert_eq!(error.status, Some(200));
    assert_eq!(error.data.as_deref(), Some(body));
}

#[test]
fn ok_false_with_an_empty_or_missing_code_is_unknown_error() {
    for body in [r#"{"ok":false,"error":""}"#, r#"{"ok":false}"#, r#"{"ok":false,"error":7}"#] {
        let error = OAuthV2Access::decode(&answer(200, body)).unwrap_err();
        assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Platform, "unknown_error"), "{body}");
        assert_eq!(error.data.as_deref(), Some(body));
    }
    let limited = OAuthV2Access::decode(&answer(429, r#"{"ok":false,"error":""}"#)).unwrap_err();
    assert_eq!((limited.kind, limited.code.as_str()), (ErrorKind::RateLimited, "rate_limited"));
}

#[test]
fn rate_limits_http_failures_and_non_json() {
    let limited = OAuthV2Access::decode(&answer(429, r#"{"ok":false,"error":"ratelimited"}"#)).unwrap_err();
    assert_eq!(
        (limited.kind, limited.code.as_str(), limited.retry_after),
        (ErrorKind::RateLimited, "ratelimited", Some(7))
    );
    assert_eq!(limited.data.as_deref(), Some(r#"{"ok":false,"error":"ratelimited"}"#));
    let html = OAuthV2Access::decode(&answer(502, "<html>bad gateway</html>")).unwrap_err();
    assert_eq!((html.kind, html.status), (ErrorKind::Http, Some(502)));
    let proxy = OAuthV2Access::decode(&answer(200, "<!doctype html>")).unwrap_err();
    assert_eq!((proxy.kind, proxy.code.as_str()), (ErrorKind::Decode, "invalid_json"));
    let truncated = OAuthV2Access::decode(&answer(200, r#"{"ok": true, "acc"#)).unwrap_err();
    assert_eq!(truncated.kind, ErrorKind::Decode);
}

#[test]
fn legacy_shapes_classic_bot_webhook_and_workspace_app() {
    let decode = |body: serde_json::Value| OAuthAccess::decode(&answer(200, &body.to_string()));
    // https://docs.slack.dev/reference/methods/oauth.access (classic and bot + webhook)
    assert!(decode(json!({ "access_token": "xoxp-XXXXXXXX-XXXXXXXX-XXXXX", "scope": "groups:write", "ok": true,
        "team_name": "Team Installing Your Hook", "team_id": "XXXXXXXXXX", "enterprise_id": null }))
    .is_ok());
    assert!(decode(json!({ "ok": true, "access_token": "xoxp-XXXX", "scope": "incoming-webhook,bot",
        "team_name": "Team", "team_id": "TXXX",
        "incoming_webhook": { "url": "https://hooks.slack.com/TXXX/BXXX/XXXX", "channel": "#channel", "configuration_url": "https://teamname.slack.com/services/BXXX" },
        "bot": { "bot_user_id": "UTTTTTTTTTTR", "bot_access_token": "xoxb-XXXX" } })).is_ok());
    assert!(decode(json!({ "ok": true, "access_token": "xoxa-access-token-string", "token_type": "app",
        "app_id": "A012345678", "app_user_id": "U0NKHMG0P", "installer_user_id": "U061F7AUR",
        "authorizing_user": { "user_id": "U061F7AUR", "app_home": "D0PNCRP9N" }, "team_name": "Subarachnoid Workspace",
        "team_id": "T061EG9RZ", "permissions": [{ "scopes": ["channels:read"], "resource_type": "channel", "resource_id": 0 }],
        "scopes": { "app_home": ["chat:write"], "team": [], "channel": ["channels:read"], "group": [], "mpim": [], "im": [], "user": [] } })).is_ok());
    assert!(decode(json!({ "ok": true, "bot": { "bot_user_id": "U1", "bot_access_token": 5 } })).is_err());
}

#[test]
fn v2_request_uses_basic_auth_and_a_spending_retry_class() {
    let params = OAuthV2AccessArguments {
        client_id: "111.222".into(),
        client_secret: Some(Secret::new("shh")),
        code: Some(Secret::new("c 1")),
        redirect_uri: Some("https://a.test/cb".into()),
        code_verifier: None,
        grant_type: None,
        refresh_token: None,
    };
    let request = OAuthV2Access::request(&config(), params).unwrap();
    assert_eq!(request.url, "https://slack.com/api/oauth.v2.access");
    assert_eq!(request.auth, Auth::Basic { user: "111.222".into(), password: Secret::new("shh") });
    assert_eq!(request.form.unwrap().secret(), "code=c+1&redirect_uri=https%3A%2F%2Fa.test%2Fcb");
    assert_eq!(request.retry, RetryClass::Spends);
}

#[test]
fn browser_windows_refuse_client_secrets_unless_allowed() {
    let in_window = SlackConfig::new(None, SlackClientOptions::default(), true).unwrap();
    let params = || OAuthAccessArguments {
        client_id: "1".into(),
        client_secret: Secret::new("shh"),
        code: Secret::new("c"),
        redirect_uri: None,
        single_channel: None,
    };
    assert_eq!(OAuthAccess::request(&in_window, params()).unwrap_err().code, "browser_secret");
    let allowed = SlackClientOptions { dangerously_allow_browser: Some(true), ..Default::default() };
    let opted_in = SlackConfig::new(None, allowed, true).unwrap();
    assert!(OAuthAccess::request(&opted_in, params()).is_ok());
}

#[test]
fn external_get_is_a_lookup_unless_forced() {
    let params =
        |force_refresh| AppsAuthExternalGetArguments { external_token_id: "Et1".into(), force_refresh, token: None };
    let lookup = AppsAuthExternalGet::request(&config(), params(None)).unwrap();
    assert_eq!((lookup.retry, lookup.auth), (RetryClass::Lookup, Auth::Bearer(Secret::new("xoxb-client"))));
    let forced = AppsAuthExternalGet::request(&config(), params(Some(true))).unwrap();
    assert_eq!(forced.retry, RetryClass::Spends);
    assert_eq!(forced.form.unwrap().secret(), "external_token_id=Et1&force_refresh=true");
}

#[test]
fn external_delete_needs_a_target_and_a_token() {
    use super::external_auth::AppsAuthExternalDelete;
    let nothing =
        AppsAuthExternalDeleteArguments { app_id: None, external_token_id: None, provider_key: None, token: None };
    assert_eq!(AppsAuthExternalDelete::request(&config(), nothing).unwrap_err().code, "missing_param");
    let no_token = SlackConfig::new(None, SlackClientOptions::default(), false).unwrap();
    let params = AppsAuthExternalDeleteArguments {
        app_id: None,
        external_token_id: Some("Et1".into()),
        provider_key: None,
        token: None,
    };
    assert_eq!(AppsAuthExternalDelete::request(&no_token, params).unwrap_err().field.as_deref(), Some("token"));
}

#[test]
fn options_pick_the_api_url_and_limits() {
    let options = SlackClientOptions {
        slack_api_url: Some("http://127.0.0.1:8080/api".into()),
        timeout: Some(serde_number(500)),
        retries: Some(serde_number(0)),
        deadline: None,
        reject_rate_limited_calls: Some(true),
        dangerously_allow_browser: None,
        signal: None,
    };
    let config = SlackConfig::new(None, options, false).unwrap();
    assert_eq!(config.method_url("oauth.v2.access"), "http://127.0.0.1:8080/api/oauth.v2.access");
    assert_eq!((config.transport.timeout_ms, config.transport.retries), (500, 0));
    assert!(config.transport.reject_rate_limited);
}

fn serde_number(n: i64) -> crate::json::Json<'static> {
    crate::json::Json::Number(n.to_string().into())
}

#[test]
fn a_checked_configuration_reads_back_as_it_was() {
    for (token, browser, allow) in [(Some("xoxb-1"), false, false), (None, true, false), (None, true, true)] {
        let options = SlackClientOptions {
            slack_api_url: Some("http://127.0.0.1:9/api".into()),
            dangerously_allow_browser: Some(allow),
            ..SlackClientOptions::default()
        };
        let config = SlackConfig::new(token.map(Secret::new), options, browser).unwrap();
        let back = SlackConfig::from_checked(&parse(&config.checked().finish()).unwrap());
        assert_eq!((&back.token, &back.api_url, back.guard), (&config.token, &config.api_url, config.guard));
    }
}

/// Decodes an answer to a request that spent `spent` (a refresh spends `Rotates`).
fn spent(status: u16, body: &str, spent: RetryClass) -> Result<(), Error> {
    OAuthV2Access::decode(&HttpResponse { spent, ..answer(status, body) })
}

fn after_refresh(body: &serde_json::Value, class: RetryClass) -> Result<(), Error> {
    spent(200, &body.to_string(), class)
}

/// `body` with `changes` applied: a member set to `null` is removed.
fn with(mut body: serde_json::Value, changes: serde_json::Value) -> serde_json::Value {
    for (key, value) in changes.as_object().unwrap() {
        match value {
            serde_json::Value::Null => body.as_object_mut().unwrap().remove(key),
            _ => body.as_object_mut().unwrap().insert(key.clone(), value.clone()),
        };
    }
    body
}

#[test]
fn a_refresh_that_rotated_the_pair_is_kept_whatever_else_is_odd() {
    let bot = json!({ "ok": true, "access_token": "xoxe.xoxb-1-new", "refresh_token": "xoxe-1-new", "token_type": "bot",
        "expires_in": 43200, "team": { "id": "T1" } });
    let user = json!({ "ok": true, "app_id": "A1", "authed_user": { "id": "U1", "access_token": "xoxe.xoxp-1-new",
        "refresh_token": "xoxe-1-user", "token_type": "user", "expires_in": 43200 } });
    assert_eq!(after_refresh(&bot, RetryClass::Rotates), Ok(()));
    for odd in [
        json!({ "expires_in": "43200" }),
        json!({ "expires_in": -1 }),
        json!({ "expires_in": 43200.5 }),
        json!({ "expires_in": 9_007_199_254_740_992_u64 }),
        json!({ "expires_in": { "seconds": 43200 } }),
        json!({ "team": "T1" }),
        json!({ "authed_user": "U1", "scope": 5, "enterprise": [] }),
    ] {
        let odd_bot = with(bot.clone(), odd.clone());
        assert_eq!(after_refresh(&odd_bot, RetryClass::Rotates), Ok(()), "{odd}");
        // The same answer to a code exchange, or any other call, is refused as before.
        let error = after_refresh(&odd_bot, RetryClass::Spends).unwrap_err();
        assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Decode, "invalid_response"), "{odd}");
        // A user token's pair under `authed_user`, odd there or at the top level.
        let mut odd_user = with(user.clone(), json!({ "team": odd.get("team").cloned().unwrap_or(json!("T1")) }));
        odd_user["authed_user"]["expires_in"] = odd.get("expires_in").cloned().unwrap_or(json!("43200"));
        assert_eq!(after_refresh(&odd_user, RetryClass::Rotates), Ok(()), "{odd_user}");
        assert!(after_refresh(&odd_user, RetryClass::Spends).is_err(), "{odd_user}");
    }
    // A missing or zero `expires_in` fits the view anyway: kept whatever the call.
    for fits in [json!({ "expires_in": null }), json!({ "expires_in": 0 })] {
        assert_eq!(after_refresh(&with(bot.clone(), fits.clone()), RetryClass::Spends), Ok(()), "{fits}");
        assert_eq!(after_refresh(&with(bot.clone(), fits.clone()), RetryClass::Rotates), Ok(()), "{fits}");
    }
}

#[test]
fn a_refresh_answer_without_the_new_pair_stays_strict() {
    let odd =
        json!({ "ok": true, "access_token": "xoxe.xoxb-1-new", "refresh_token": "xoxe-1-new", "expires_in": "43200" });
    for without in [
        json!({ "refresh_token": null }),
        json!({ "refresh_token": "" }),
        json!({ "access_token": "" }),
        json!({ "access_token": 5 }),
        json!({ "refresh_token": ["xoxe-1-new"] }),
        json!({ "ok": null }),
        json!({ "ok": "true" }),
        // Half of a pair at each level is no pair.
        json!({ "refresh_token": null, "authed_user": { "id": "U1", "refresh_token": "xoxe-1-user" } }),
        json!({ "access_token": null, "authed_user": { "id": "U1", "access_token": "xoxe.xoxp-1" } }),
    ] {
        let body = with(odd.clone(), without.clone());
        let error = after_refresh(&body, RetryClass::Rotates).unwrap_err();
        assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Decode, "invalid_response"), "{body}");
    }
    // A refusal, a failure status or a rate limit is what it says, pair or not.
    let refused = with(odd.clone(), json!({ "ok": false, "error": "invalid_refresh_token" }));
    let error = after_refresh(&refused, RetryClass::Rotates).unwrap_err();
    assert_eq!((error.kind, error.code.as_str()), (ErrorKind::Platform, "invalid_refresh_token"));
    for status in [500, 429, 302] {
        let error = spent(status, &odd.to_string(), RetryClass::Rotates).unwrap_err();
        assert_ne!(error.kind, ErrorKind::Decode, "{status}");
    }
    let truncated = spent(200, r#"{"ok":true,"access_token":"xoxe.x"#, RetryClass::Rotates);
    assert_eq!(truncated.unwrap_err().code, "invalid_json");
}

#[test]
fn a_refresh_is_prepared_as_rotating_and_concluded_as_one() {
    use crate::call::{conclude_at, prepare_at, Attempt};
    use crate::catalog::METHODS;
    let index = METHODS.iter().position(|method| method.path == "oauth.v2.access").unwrap();
    let checked = crate::call::check_client::<SlackConfig>(r#"{"options":{},"browser":false}"#);
    let client = crate::json::parse(&checked).unwrap().str_at("client").unwrap().to_owned();
    let spends = |params: &str| {
        let prepared = prepare_at(METHODS, index, [&client, params, "null"]);
        let request = crate::json::parse(&prepared).unwrap().get("request").cloned().unwrap();
        request.get("spends").and_then(Json::as_i64)
    };
    let refresh = r#"{"client_id":"1.2","client_secret":"s","grant_type":"refresh_token","refresh_token":"xoxe-1-a"}"#;
    assert_eq!(spends(refresh), Some(2));
    assert_eq!(spends(r#"{"client_id":"1.2","client_secret":"s","code":"c"}"#), Some(1));

    // The facade reports `spends` back as it got it; an odd answer with the pair is then done.
    let odd = r#"{"ok":true,"access_token":"xoxe.xoxb-1","refresh_token":"xoxe-1-b","expires_in":"43200"}"#;
    let conclude = |spends: i64| {
        let spent = crate::http::RetryClass::from_number(Some(spends));
        let response = HttpResponse { status: 200, body: odd.into(), spent, ..HttpResponse::default() };
        conclude_at(METHODS, index, Attempt { elapsed_ms: 1, response, ..Attempt::default() })
    };
    assert_eq!(conclude(2), r#"{"ok":true}"#);
    assert!(conclude(1).contains(r#""code":"invalid_response""#), "{}", conclude(1));
}
