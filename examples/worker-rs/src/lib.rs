//! A Cloudflare Worker in Rust (workers-rs) over edge-oauth's `fetch` transport:
//!
//! - `GET /slack/oauth_redirect?code=…`: the "Add to Slack" callback's exchange
//!   (`oauth.v2.access`); answers the team id and the scopes granted, never a token.
//! - `GET /stytch/slack?organization_id=…&member_id=…`: the Stytch B2B `slack` provider lookup;
//!   answers the first registration's scopes, never a token.
//!
//! A failed call answers its error's kind and code: 400 when the provider refused or the input
//! was bad, 502 for anything else upstream. Settings come from the Worker's env: `SLACK_API_URL`,
//! `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `STYTCH_PROJECT_ID`, `STYTCH_SECRET`,
//! `STYTCH_BASE_URL` (the two URLs optional, as in examples/worker).

use edge_oauth::client::fetch::FetchTransport;
use edge_oauth::client::{SlackOptions, StytchOptions};
use edge_oauth::slack::oauth::OAuthV2AccessArguments;
use edge_oauth::stytch::oauth_providers::B2BOrganizationsMembersOAuthProvidersSlackRequest as SlackLookup;
use edge_oauth::{Error, ErrorKind, Secret, SlackClient, StytchB2BClient};
use serde_json::json;
use worker::{event, Context, Env, Request, Response, Result};

/// A setting from the env (a var or a secret); empty counts as absent.
fn setting(env: &Env, name: &str) -> Option<String> {
    env.var(name).ok().map(|value| value.to_string()).filter(|value| !value.is_empty())
}

fn required(env: &Env, name: &str) -> std::result::Result<String, Response> {
    setting(env, name).ok_or_else(|| answer(500, json!({ "error": "misconfigured", "missing": name })))
}

/// A query parameter, if present and not empty.
fn query(request: &Request, name: &str) -> Option<String> {
    let url = request.url().ok()?;
    let value = url.query_pairs().find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
    value.filter(|value| !value.is_empty())
}

fn answer(status: u16, body: serde_json::Value) -> Response {
    let response = Response::from_json(&body).map(|response| response.with_status(status));
    response.unwrap_or_else(|_| Response::error("internal error", 500).expect("a plain error response"))
}

/// A failed call's kind and code (and the provider's status): never a secret.
fn failure(error: &Error) -> Response {
    let status = match error.kind {
        ErrorKind::Platform | ErrorKind::Validation => 400,
        _ => 502,
    };
    answer(status, json!({ "error": { "kind": error.kind.as_str(), "code": error.code, "status": error.status } }))
}

async fn slack_callback(request: &Request, env: &Env) -> std::result::Result<Response, Response> {
    let Some(code) = query(request, "code") else {
        // The user pressed Cancel on Slack's consent page, or the link was opened by hand.
        let denied = query(request, "error").unwrap_or_else(|| "missing_code".into());
        return Ok(answer(400, json!({ "error": { "kind": "validation", "code": denied } })));
    };
    let options = SlackOptions { slack_api_url: setting(env, "SLACK_API_URL"), ..SlackOptions::default() };
    let slack = SlackClient::new(FetchTransport, None, options).map_err(|error| failure(&error))?;
    let exchange = OAuthV2AccessArguments {
        client_id: required(env, "SLACK_CLIENT_ID")?,
        client_secret: Some(Secret::new(required(env, "SLACK_CLIENT_SECRET")?)),
        code: Some(Secret::new(code)),
        ..OAuthV2AccessArguments::default()
    };
    // A real Worker would store `installed.access_token` (a `Secret`) here, e.g. in KV.
    let installed = slack.oauth_v2_access(exchange).await.map_err(|error| failure(&error))?;
    Ok(answer(
        200,
        json!({
            "team_id": installed.team.as_ref().map(|team| team.id.as_str()),
            "scopes": installed.scope.as_deref().map(|scope| scope.split(',').collect::<Vec<_>>()),
        }),
    ))
}

async fn stytch_slack(request: &Request, env: &Env) -> std::result::Result<Response, Response> {
    let (Some(organization_id), Some(member_id)) = (query(request, "organization_id"), query(request, "member_id"))
    else {
        return Ok(answer(400, json!({ "error": { "kind": "validation", "code": "missing_param" } })));
    };
    let mut options =
        StytchOptions::new(required(env, "STYTCH_PROJECT_ID")?, Secret::new(required(env, "STYTCH_SECRET")?));
    options.custom_base_url = setting(env, "STYTCH_BASE_URL");
    let stytch = StytchB2BClient::new(FetchTransport, options).map_err(|error| failure(&error))?;
    let lookup = SlackLookup { organization_id, member_id };
    let found = stytch.organizations_members_oauth_providers_slack(lookup).await.map_err(|error| failure(&error))?;
    let scopes = found.registrations.first().map(|registration| &registration.scopes);
    Ok(answer(200, json!({ "scopes": scopes })))
}

#[event(fetch)]
async fn fetch(request: Request, env: Env, _ctx: Context) -> Result<Response> {
    if request.method() != worker::Method::Get {
        return Ok(answer(405, json!({ "error": "method_not_allowed" })));
    }
    let routed = match request.path().as_str() {
        "/slack/oauth_redirect" => slack_callback(&request, &env).await,
        "/stytch/slack" => stytch_slack(&request, &env).await,
        _ => Ok(answer(404, json!({ "error": "not_found" }))),
    };
    Ok(routed.unwrap_or_else(|response| response))
}
