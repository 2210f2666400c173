//! Slack's Web API: the client configuration and the `ok`/`error` envelope every method shares.
//! Slack answers most failures with HTTP 200 and `{"ok": false, "error": "..."}`.

use crate::prelude::*;
pub mod auth;
pub mod external_auth;
pub mod form;
// For the Rust client and the `.d.ts`: the npm package checks id_tokens in JS (`js/id_token.mjs`),
// and the module, unreachable from the exports, still moved the wasm by 95 B gzip (measured).
#[cfg(any(feature = "client", feature = "typescript"))]
pub mod id_token;
pub mod oauth;
pub mod openid;
pub mod shapes;
mod views;

use crate::base_url::BaseUrl;
use crate::decode::Answer;
use crate::endpoint::ClientConfig;
use crate::error::{Call, Error, ErrorKind, Provider};
use crate::http::{Auth, HttpResponse, RetryClass, TransportConfig};
use crate::json::{parse, Json, Writer};
use crate::options::{transport_config, Limits, SecretGuard, Signal};
use crate::params::{check_text, describe, read_optional};
use crate::secret::Secret;
use crate::view::Shape;

pub use views::*;

/// Slack's Web API base, as `@slack/web-api` defaults it.
pub const DEFAULT_API_URL: &str = "https://slack.com/api/";

const CONSTRUCTOR: Call = Call::new(Provider::Slack, "SlackClient");

crate::params! {
    /// Options of `new SlackClient(token, options)`, named as in `@slack/web-api`.
    #[derive(Default)]
    pub struct SlackClientOptions {
        /// Base URL of the Web API; default `https://slack.com/api/`. https only, except loopback.
        pub slack_api_url: Option<String> as "slackApiUrl",
        /// Milliseconds per attempt, from 1 to 120000; default 10000.
        #[tsify(type = "number")]
        pub timeout: Option<Json<'static>>,
        /// Extra attempts on retryable failures, from 0 to 10; default 2.
        #[tsify(type = "number")]
        pub retries: Option<Json<'static>>,
        /// Milliseconds for a whole call, retries and waits included, from 1 to 300000;
        /// default 30000 (or `timeout`, if longer).
        #[tsify(type = "number")]
        pub deadline: Option<Json<'static>>,
        /// Throw on HTTP 429 at once instead of waiting `Retry-After`.
        pub reject_rate_limited_calls: Option<bool> as "rejectRateLimitedCalls",
        /// Allow sending a client secret from a browser window.
        pub dangerously_allow_browser: Option<bool> as "dangerouslyAllowBrowser",
        /// Stops every call of this client when it aborts.
        #[tsify(type = "AbortSignal")]
        pub signal: Option<Signal>,
    }
}

/// A checked Slack client configuration.
#[derive(Debug, Clone)]
pub struct SlackConfig {
    /// The default token for methods that take one.
    pub token: Option<Secret>,
    /// Where methods are posted.
    pub api_url: BaseUrl,
    /// Timeouts and retries.
    pub transport: TransportConfig,
    /// Whether a client secret may be sent from here.
    pub guard: SecretGuard,
}

impl SlackConfig {
    /// Checks the constructor's arguments.
    pub fn new(token: Option<Secret>, options: SlackClientOptions, in_browser_window: bool) -> Result<Self, Error> {
        if let Some(token) = &token {
            check_bearer_token(CONSTRUCTOR, "token", token)?;
        }
        let api_url = match &options.slack_api_url {
            Some(url) => BaseUrl::parse(CONSTRUCTOR, "slackApiUrl", url)?,
            None => BaseUrl::trusted(DEFAULT_API_URL),
        };
        let limits = Limits {
            timeout: options.timeout.as_ref(),
            retries: options.retries.as_ref(),
            deadline: options.deadline.as_ref(),
            reject_rate_limited: options.reject_rate_limited_calls.unwrap_or(false),
        };
        let transport = transport_config(CONSTRUCTOR, limits)?;
        let guard = SecretGuard::new(in_browser_window, options.dangerously_allow_browser.unwrap_or(false));
        Ok(Self { token, api_url, transport, guard })
    }

    /// The URL of a Web API method.
    pub fn method_url(&self, method: &str) -> String {
        self.api_url.join(method)
    }
}

impl ClientConfig for SlackConfig {
    const CONSTRUCTOR: Call = CONSTRUCTOR;

    #[inline(never)] // shared by every method of the client
    fn from_client(client: &Json) -> Result<Self, Error> {
        let token = match client.get("token").unwrap_or(&Json::Null) {
            Json::Null => None,
            Json::String(token) => Some(Secret::new(token.as_ref())),
            other => {
                let hint = if matches!(other, Json::Object(_)) {
                    "; options go second: new SlackClient(token, { slackApiUrl }) or new SlackClient(undefined, options)"
                } else {
                    ""
                };
                let message = crate::text!("`token` must be a string (got ", describe(other), ")", hint);
                return Err(CONSTRUCTOR.invalid("token", "invalid_param", message));
            }
        };
        let options = read_optional(CONSTRUCTOR, "options", client.get("options").unwrap_or(&Json::Null))?;
        Self::new(token, options, client.get("browser") == Some(&Json::Bool(true)))
    }

    fn checked(&self) -> Writer {
        Writer::new()
            .text_if("token", self.token.as_ref().map(Secret::secret))
            .text("url", self.api_url.as_str())
            .bool("forbid", self.guard == SecretGuard::Forbid)
    }

    fn from_checked(checked: &Json) -> Self {
        Self {
            token: checked.str_at("token").map(Secret::new),
            api_url: BaseUrl::trusted(checked.str_at("url").unwrap_or_default()),
            transport: TransportConfig::default(), // the facade keeps the limits: a call never reads them
            guard: SecretGuard::new(checked.get("forbid") == Some(&Json::Bool(true)), false),
        }
    }

    fn transport(&self) -> &TransportConfig {
        &self.transport
    }
}

/// A token sent as `Authorization: Bearer`: clean text of visible ASCII, as every Slack token is.
/// (A header cannot carry other characters, and the runtime's complaint would quote them.)
pub fn check_bearer_token(call: Call, field: &str, token: &Secret) -> Result<(), Error> {
    check_text(call, field, token.secret())?;
    if token.secret().bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(call.invalid(field, "invalid_param", crate::text!("`", field, "` must be printable ASCII without spaces")))
    }
}

/// The call's own token, else the client's; one of them is required.
pub(crate) fn bearer(call: Call, config: &SlackConfig, token: Option<Secret>) -> Result<Auth, Error> {
    if let Some(token) = &token {
        check_bearer_token(call, "token", token)?;
    }
    token
        .or_else(|| config.token.clone())
        .map(Auth::Bearer)
        .ok_or_else(|| call.invalid("token", "missing_param", "pass `token`, or create the SlackClient with a token"))
}

/// Decodes a Slack answer: the `ok`/`error` envelope, then the method's view, then `has_token`,
/// which turns "ok: true but nothing usable" into a `decode` error. A refresh's `ok: true` with
/// the new pair skips the last two.
pub fn decode(call: Call, response: &HttpResponse, view: &Shape, has_token: fn(&Json) -> bool) -> Result<(), Error> {
    // Slack names a request in a header (`Provider::request_id_header`), which the facade adds.
    let answer = Answer { call, response, request_id: None };
    let parsed = parse(&response.body).ok();
    let ok = parsed.as_ref().and_then(|value| value.get("ok"));
    // An empty `error` is no code at all: it falls through to `unknown_error`.
    let slack_error = parsed
        .as_ref()
        .filter(|_| ok == Some(&Json::Bool(false)))
        .and_then(|value| value.str_at("error"))
        .filter(|code| !code.is_empty());

    if response.status == 429 {
        return Err(answer.rate_limited(slack_error, parsed.is_some()));
    }
    if let Some(code) = slack_error {
        let message = crate::text!("Slack answered `", code, "`");
        return Err(answer.error(ErrorKind::Platform, code, message).with_data(&response.body));
    }
    if !response.is_success() {
        return Err(answer.http_failure());
    }
    let Some(value) = &parsed else { return Err(answer.not_json()) };
    if ok == Some(&Json::Bool(false)) {
        let error =
            answer.error(ErrorKind::Platform, "unknown_error", "Slack answered ok: false without an error code");
        return Err(error.with_data(&response.body));
    }
    // A refresh spent the old refresh token: `ok: true` with a new pair (at the top level, or
    // under `authed_user` for a user token) is its only copy, kept whatever else is odd in it.
    let pair = |value: &Json| value.has_text("access_token") && value.has_text("refresh_token");
    if response.spent == RetryClass::Rotates
        && ok == Some(&Json::Bool(true))
        && (pair(value) || value.get("authed_user").is_some_and(pair))
    {
        return Ok(());
    }
    answer.checked(value, view, has_token)
}

#[cfg(test)]
mod tests;
