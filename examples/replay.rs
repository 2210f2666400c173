//! Replays calls through the Rust API, for the differential test against the npm package
//! (tests/rust/differential.test.mjs): one JSON call per stdin line,
//! `{"client": {"provider", "token"?, "options"}, "method": "oauth.v2.access", "params": {...}}`
//! with the options and params as the npm package takes them, and one line out per call:
//! `{"ok":true}`, or `{"error":{...}}` with the fields the npm package's `EdgeOAuthError` gets
//! (the core's `error_json`).
//!
//! ```text
//! cargo run --example replay --features native,serde < calls.jsonl
//! ```

use edge_oauth::call::error_json;
use edge_oauth::client::native::{block_on, NativeTransport};
use edge_oauth::client::{SlackOptions, StytchOptions};
use edge_oauth::{Error, Secret, SlackClient, StytchB2BClient};
use serde_json::Value;
use std::io::BufRead;

fn number(options: &Value, key: &str) -> Option<u32> {
    options.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok())
}

fn text(options: &Value, key: &str) -> Option<String> {
    options.get(key).and_then(Value::as_str).map(str::to_owned)
}

/// The typed params of a call, read without checks: the clients check them as they send.
fn params<T: serde::de::DeserializeOwned>(params: &Value) -> Result<T, String> {
    let params = if params.is_null() { Value::Object(Default::default()) } else { params.clone() };
    serde_json::from_value(params).map_err(|error| format!("params: {error}"))
}

fn answer<T>(result: Result<T, Error>) -> String {
    match result {
        Ok(_) => r#"{"ok":true}"#.to_owned(),
        Err(error) => format!(r#"{{"error":{}}}"#, error_json(&error)),
    }
}

fn slack(client: &Value, method: &str, raw: &Value) -> Result<String, String> {
    let options = &client["options"];
    let options = SlackOptions {
        slack_api_url: text(options, "slackApiUrl"),
        timeout_ms: number(options, "timeout"),
        retries: number(options, "retries"),
        deadline_ms: number(options, "deadline"),
        reject_rate_limited_calls: options["rejectRateLimitedCalls"].as_bool().unwrap_or(false),
        dangerously_allow_browser: false,
    };
    let token = text(client, "token").map(Secret::new);
    let client = match SlackClient::new(NativeTransport::new(), token, options) {
        Ok(client) => client,
        Err(error) => return Ok(answer::<()>(Err(error))),
    };
    Ok(match method {
        "oauth.v2.access" => answer(block_on(client.oauth_v2_access(params(raw)?))),
        "oauth.access" => answer(block_on(client.oauth_access(params(raw)?))),
        "apps.auth.external.get" => answer(block_on(client.apps_auth_external_get(params(raw)?))),
        "apps.auth.external.delete" => answer(block_on(client.apps_auth_external_delete(params(raw)?))),
        "auth.revoke" => answer(block_on(client.auth_revoke(params(raw)?))),
        "openid.connect.token" => answer(block_on(client.openid_connect_token(params(raw)?))),
        "openid.connect.userInfo" => answer(block_on(client.openid_connect_user_info(params(raw)?))),
        "oauth.v2.exchange" => answer(block_on(client.oauth_v2_exchange(params(raw)?))),
        "auth.test" => answer(block_on(client.auth_test(params(raw)?))),
        other => return Err(format!("no Slack method {other}")),
    })
}

fn stytch(client: &Value, method: &str, raw: &Value) -> Result<String, String> {
    let options = &client["options"];
    let mut checked = StytchOptions::new(
        text(options, "project_id").unwrap_or_default(),
        Secret::new(text(options, "secret").unwrap_or_default()),
    );
    checked.custom_base_url = text(options, "custom_base_url");
    checked.timeout_ms = number(options, "timeout");
    checked.retries = number(options, "retries");
    checked.deadline_ms = number(options, "deadline");
    let client = match StytchB2BClient::new(NativeTransport::new(), checked) {
        Ok(client) => client,
        Err(error) => return Ok(answer::<()>(Err(error))),
    };
    let provider = method.strip_prefix("organizations.members.oauthProviders.").unwrap_or_default();
    Ok(match provider {
        "slack" => answer(block_on(client.organizations_members_oauth_providers_slack(params(raw)?))),
        "google" => answer(block_on(client.organizations_members_oauth_providers_google(params(raw)?))),
        "microsoft" => answer(block_on(client.organizations_members_oauth_providers_microsoft(params(raw)?))),
        "github" => answer(block_on(client.organizations_members_oauth_providers_github(params(raw)?))),
        "hubspot" => answer(block_on(client.organizations_members_oauth_providers_hubspot(params(raw)?))),
        _ => return Err(format!("no Stytch method {method}")),
    })
}

fn main() {
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("stdin");
        let call: Value = serde_json::from_str(&line).expect("a JSON call per line");
        let (client, method, raw) = (&call["client"], call["method"].as_str().unwrap_or_default(), &call["params"]);
        let out = match client["provider"].as_str() {
            Some("stytch") => stytch(client, method, raw),
            _ => slack(client, method, raw),
        };
        match out {
            Ok(out) => println!("{out}"),
            Err(why) => println!("{}", serde_json::json!({ "unusable": why })),
        }
    }
}
