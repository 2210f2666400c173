//! Slack's Web API: the client configuration and the `ok`/`error` envelope every method shares.
//! Slack answers most failures with HTTP 200 and `{"ok": false, "error": "..."}`.

pub mod external_auth;
pub mod oauth;
mod views;

use crate::base_url::BaseUrl;
use crate::decode::Answer;
use crate::endpoint::ClientConfig;
use crate::error::{Call, Error, ErrorKind, Provider};
use crate::http::TransportConfig;
use crate::json::Json;
use crate::options::{transport_config, SecretGuard};
use crate::secret::Secret;
use crate::validate::check_text;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tsify::Tsify;

pub use views::*;

/// Slack's Web API base, as `@slack/web-api` defaults it.
pub const DEFAULT_API_URL: &str = "https://slack.com/api/";

const CONSTRUCTOR: Call = Call::new(Provider::Slack, "SlackClient");

/// Options of `new SlackClient(token, options)`, named as in `@slack/web-api`.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SlackClientOptions {
    /// Base URL of the Web API; default `https://slack.com/api/`. https only, except loopback.
    #[tsify(optional)]
    pub slack_api_url: Option<String>,
    /// Milliseconds per attempt; default 10000.
    #[tsify(optional)]
    pub timeout: Option<u32>,
    /// Extra attempts on retryable failures; default 2.
    #[tsify(optional)]
    pub retries: Option<u32>,
    /// Throw on HTTP 429 at once instead of waiting `Retry-After`.
    #[tsify(optional)]
    pub reject_rate_limited_calls: Option<bool>,
    /// Allow sending a client secret from a browser window.
    #[tsify(optional)]
    pub dangerously_allow_browser: Option<bool>,
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
    pub fn new(token: Option<String>, options: SlackClientOptions, in_browser_window: bool) -> Result<Self, Error> {
        if let Some(token) = &token {
            check_text(CONSTRUCTOR, "token", token)?;
        }
        let api_url = match &options.slack_api_url {
            Some(url) => BaseUrl::parse(CONSTRUCTOR, "slackApiUrl", url)?,
            None => BaseUrl::trusted(DEFAULT_API_URL),
        };
        let reject = options.reject_rate_limited_calls.unwrap_or(false);
        let transport = transport_config(CONSTRUCTOR, options.timeout, options.retries, reject)?;
        let guard = SecretGuard::new(in_browser_window, options.dangerously_allow_browser.unwrap_or(false));
        Ok(Self { token: token.map(Secret::new), api_url, transport, guard })
    }

    /// The URL of a Web API method.
    pub fn method_url(&self, method: &str) -> String {
        self.api_url.join(method)
    }
}

impl ClientConfig for SlackConfig {
    fn transport(&self) -> &TransportConfig {
        &self.transport
    }
}

/// The part of every Slack answer that says whether it worked.
#[derive(Deserialize)]
struct Envelope {
    ok: bool,
    error: Option<String>,
}

/// Decodes a Slack answer: the envelope, then the method's view `V`, then `has_token`, which
/// turns "ok: true but nothing usable" into a `decode` error. Returns the body unchanged.
pub fn decode<J: Json, V: DeserializeOwned>(
    call: Call,
    response: &crate::http::HttpResponse,
    has_token: impl FnOnce(&V) -> bool,
) -> Result<J::Value, Error> {
    let answer = Answer { call, response, request_id: response.header("x-slack-req-id").map(str::to_owned) };
    let parsed = J::parse(&response.body);
    let envelope = parsed.as_ref().and_then(|value| J::read::<Envelope>(value).ok());
    let slack_error = envelope.as_ref().filter(|e| !e.ok).and_then(|e| e.error.as_deref());

    if response.status == 429 {
        return Err(answer.rate_limited(slack_error, parsed.is_some()));
    }
    if let Some(code) = slack_error {
        let message = format!("Slack answered `{code}`");
        return Err(answer.error(ErrorKind::Platform, code, message).with_data(&response.body));
    }
    if !response.is_success() {
        return Err(answer.http_failure());
    }
    let Some(value) = parsed else { return Err(answer.not_json()) };
    let envelope: Envelope = answer.view::<J, _>(&value)?;
    if !envelope.ok {
        let error =
            answer.error(ErrorKind::Platform, "unknown_error", "Slack answered ok: false without an error code");
        return Err(error.with_data(&response.body));
    }
    answer.checked::<J, V>(value, has_token)
}

#[cfg(test)]
mod tests;
