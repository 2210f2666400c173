//! Stytch's B2B API: the client configuration (credentials, base URL by project) and Stytch's two
//! error shapes: `error_type`/`error_message` and OAuth2-style `error`/`error_description`.

pub mod oauth_providers;
mod views;

use crate::base_url::BaseUrl;
use crate::decode::Answer;
use crate::endpoint::ClientConfig;
use crate::error::{Call, Error, ErrorKind, Provider};
use crate::http::{Auth, HttpResponse, TransportConfig};
use crate::json::Json;
use crate::options::{transport_config, SecretGuard};
use crate::secret::Secret;
use crate::validate::check_text;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use tsify::Tsify;

pub use views::*;

const CONSTRUCTOR: Call = Call::new(Provider::Stytch, "StytchB2BClient");
const TEST_API: &str = "https://test.stytch.com/";
const LIVE_API: &str = "https://api.stytch.com/";

/// Options of `new StytchB2BClient(options)`, named as in the `stytch` package.
#[derive(Debug, Deserialize, Tsify)]
pub struct StytchB2BClientOptions {
    /// `project-test-…` or `project-live-…`; picks the API host.
    pub project_id: String,
    /// The project's secret (sent as HTTP Basic auth).
    #[tsify(type = "string")]
    pub secret: Secret,
    /// Overrides the API host: https only, except loopback.
    #[tsify(optional)]
    pub custom_base_url: Option<String>,
    /// Milliseconds per attempt; default 10000.
    #[tsify(optional)]
    pub timeout: Option<u32>,
    /// Extra attempts on retryable failures; default 2.
    #[tsify(optional)]
    pub retries: Option<u32>,
    /// Allow the Stytch secret in a browser window.
    #[serde(rename = "dangerouslyAllowBrowser")]
    #[tsify(optional)]
    pub dangerously_allow_browser: Option<bool>,
}

/// A checked Stytch client configuration.
#[derive(Debug, Clone)]
pub struct StytchConfig {
    /// HTTP Basic `project_id:secret`.
    pub auth: Auth,
    /// The API host.
    pub base_url: BaseUrl,
    /// Timeouts and retries.
    pub transport: TransportConfig,
}

impl StytchConfig {
    /// Checks the constructor's options. A secret is refused in a browser window at once: the
    /// client exists only to send it.
    pub fn new(options: StytchB2BClientOptions, in_browser_window: bool) -> Result<Self, Error> {
        check_text(CONSTRUCTOR, "project_id", &options.project_id)?;
        check_text(CONSTRUCTOR, "secret", options.secret.secret())?;
        let allow_browser = options.dangerously_allow_browser.unwrap_or(false);
        SecretGuard::new(in_browser_window, allow_browser).check(CONSTRUCTOR, "secret")?;
        let base_url = match options.custom_base_url.as_deref() {
            Some(url) => BaseUrl::parse(CONSTRUCTOR, "custom_base_url", url)?,
            None => default_base_url(&options.project_id)?,
        };
        let transport = transport_config(CONSTRUCTOR, options.timeout, options.retries, false)?;
        let auth = Auth::Basic { user: options.project_id, password: options.secret };
        Ok(Self { auth, base_url, transport })
    }
}

impl ClientConfig for StytchConfig {
    fn transport(&self) -> &TransportConfig {
        &self.transport
    }
}

/// `project-test-…` talks to the test API and `project-live-…` to the live one.
fn default_base_url(project_id: &str) -> Result<BaseUrl, Error> {
    if project_id.starts_with("project-test-") {
        Ok(BaseUrl::trusted(TEST_API))
    } else if project_id.starts_with("project-live-") {
        Ok(BaseUrl::trusted(LIVE_API))
    } else {
        Err(CONSTRUCTOR.invalid(
            "project_id",
            "invalid_param",
            "`project_id` must start with project-test- or project-live-, or pass custom_base_url",
        ))
    }
}

/// The fields of both of Stytch's error shapes.
#[derive(Deserialize)]
struct ErrorBody {
    request_id: Option<String>,
    error_type: Option<String>,
    error_message: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// Decodes a Stytch answer: 2xx is the view `V` (then `has_token`), anything else an error
/// carrying Stytch's `error_type` (or OAuth2 `error`), `request_id` and the body as `data`.
pub fn decode<J: Json, V: DeserializeOwned>(
    call: Call,
    response: &HttpResponse,
    has_token: impl FnOnce(&V) -> bool,
) -> Result<J::Value, Error> {
    let parsed = J::parse(&response.body);
    let body = parsed.as_ref().and_then(|value| J::read::<ErrorBody>(value).ok());
    let request_id = body.as_ref().and_then(|b| b.request_id.clone());
    let answer = Answer { call, response, request_id };

    if response.is_success() {
        let Some(value) = parsed else { return Err(answer.not_json()) };
        return answer.checked::<J, V>(value, has_token);
    }
    let code = body.as_ref().and_then(|b| b.error_type.as_deref().or(b.error.as_deref()));
    if response.status == 429 {
        return Err(answer.rate_limited(code, parsed.is_some()));
    }
    let (Some(body), Some(code)) = (body.as_ref(), code) else { return Err(answer.http_failure()) };
    let message = body.error_message.as_deref().or(body.error_description.as_deref()).unwrap_or(code);
    Err(answer.error(ErrorKind::Platform, code, message).with_data(&response.body))
}

#[cfg(test)]
mod tests;
