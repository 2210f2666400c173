//! Stytch's B2B API: the client configuration (credentials, base URL by project) and Stytch's two
//! error shapes: `error_type`/`error_message` and OAuth2-style `error`/`error_description`.

use crate::prelude::*;
pub mod oauth_providers;
mod views;

use crate::base_url::BaseUrl;
use crate::decode::Answer;
use crate::endpoint::ClientConfig;
use crate::error::{Call, Error, ErrorKind, Provider};
use crate::http::{Auth, HttpResponse, TransportConfig};
use crate::json::{parse, Json, Writer};
use crate::options::{transport_config, Limits, SecretGuard, Signal};
use crate::params::read;
use crate::secret::Secret;
use crate::view::Shape;

pub use views::*;

const CONSTRUCTOR: Call = Call::new(Provider::Stytch, "StytchB2BClient");
const TEST_API: &str = "https://test.stytch.com/";
const LIVE_API: &str = "https://api.stytch.com/";

crate::params! {
    /// Options of `new StytchB2BClient(options)`, named as in the `stytch` package.
    pub struct StytchB2BClientOptions {
        /// `project-test-…` or `project-live-…`; picks the API host.
        pub project_id: String,
        /// The project's secret (sent as HTTP Basic auth).
        pub secret: Secret,
        /// Overrides the API host: https only, except loopback.
        pub custom_base_url: Option<String>,
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
        /// Allow the Stytch secret in a browser window.
        pub dangerously_allow_browser: Option<bool> as "dangerouslyAllowBrowser",
        /// Stops every call of this client when it aborts.
        #[tsify(type = "AbortSignal")]
        pub signal: Option<Signal>,
    }
}

#[cfg(feature = "typescript")]
crate::params! {
    /// `ClientConfig` options of `stytch` (14.2.0) beyond ours. The facade maps or ignores them
    /// (`js/official.mjs`) before anything reaches the wasm, so they exist for TypeScript (and
    /// the facade's list of them) only.
    pub struct B2BClientOfficialOptions {
        /// A base URL (`envs.test`, `envs.live`, or another): our `custom_base_url`, unless that is given.
        #[tsify(type = "string")]
        pub env: Option<Json<'static>>,
        /// Ignored, with the warning: the runtime's global `fetch` is used.
        #[tsify(type = "unknown")]
        pub dispatcher: Option<Json<'static>>,
        /// Ignored, with the warning: no fraud method here.
        #[tsify(type = "string")]
        pub fraud_env: Option<Json<'static>>,
    }
}

/// A checked Stytch client configuration.
#[derive(Debug, Clone)]
pub struct StytchConfig {
    /// HTTP Basic `project_id:secret` (encoded once, in a checked client).
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
        let allow_browser = options.dangerously_allow_browser.unwrap_or(false);
        SecretGuard::new(in_browser_window, allow_browser).check(CONSTRUCTOR, "secret")?;
        let base_url = match options.custom_base_url.as_deref() {
            Some(url) => BaseUrl::parse(CONSTRUCTOR, "custom_base_url", url)?,
            None => default_base_url(&options.project_id)?,
        };
        let limits = Limits {
            timeout: options.timeout.as_ref(),
            retries: options.retries.as_ref(),
            deadline: options.deadline.as_ref(),
            reject_rate_limited: false,
        };
        let transport = transport_config(CONSTRUCTOR, limits)?;
        let auth = Auth::Basic { user: options.project_id, password: options.secret };
        Ok(Self { auth, base_url, transport })
    }
}

impl ClientConfig for StytchConfig {
    const CONSTRUCTOR: Call = CONSTRUCTOR;

    #[inline(never)] // shared by every method of the client
    fn from_client(client: &Json) -> Result<Self, Error> {
        let options = read(CONSTRUCTOR, "options", client.get("options").unwrap_or(&Json::Null))?;
        Self::new(options, client.get("browser") == Some(&Json::Bool(true)))
    }

    fn checked(&self) -> Writer {
        let authorization = self.auth.header_value();
        Writer::new()
            .text_if("authorization", authorization.as_ref().map(Secret::secret))
            .text("url", self.base_url.as_str())
    }

    fn from_checked(checked: &Json) -> Self {
        let authorization = checked.str_at("authorization").map(|value| Auth::Header(Secret::new(value)));
        Self {
            auth: authorization.unwrap_or(Auth::None),
            base_url: BaseUrl::trusted(checked.str_at("url").unwrap_or_default()),
            transport: TransportConfig::default(), // the facade keeps the limits: a call never reads them
        }
    }

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

/// Decodes a Stytch answer: 2xx is the view (then `has_token`), anything else an error carrying
/// Stytch's `error_type` (or OAuth2 `error`), `request_id` and the body as `data`.
pub fn decode(call: Call, response: &HttpResponse, view: &Shape, has_token: fn(&Json) -> bool) -> Result<(), Error> {
    let parsed = parse(&response.body).ok();
    let text = |key: &str| parsed.as_ref().and_then(|body| body.str_at(key)).filter(|text| !text.is_empty());
    let answer = Answer { call, response, request_id: text("request_id").map(str::to_owned) };

    if response.is_success() {
        let Some(value) = &parsed else { return Err(answer.not_json()) };
        return answer.checked(value, view, has_token);
    }
    let code = text("error_type").or_else(|| text("error"));
    if response.status == 429 {
        return Err(answer.rate_limited(code, parsed.is_some()));
    }
    let Some(code) = code else { return Err(answer.http_failure()) };
    let message = text("error_message").or_else(|| text("error_description")).unwrap_or(code);
    Err(answer.error(ErrorKind::Platform, code, message).with_data(&response.body))
}

#[cfg(test)]
mod tests;
