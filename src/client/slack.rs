//! [`SlackClient`]: Slack's OAuth methods, as `SlackClient` of the npm package.

use super::run::call;
use super::transport::Transport;
use crate::endpoint::ClientConfig;
use crate::error::Error;
use crate::json::Json;
use crate::params::Params;
use crate::prelude::*;
use crate::secret::Secret;
use crate::slack::auth::AuthRevoke;
use crate::slack::external_auth::{AppsAuthExternalDelete, AppsAuthExternalGet};
use crate::slack::oauth::{OAuthAccess, OAuthV2Access};
use crate::slack::openid::OpenIDConnectToken;
use crate::slack::{SlackClientOptions, SlackConfig};

/// Options of a [`SlackClient`], as the npm package's `new SlackClient(token, options)` takes
/// them (and checks them the same way).
#[derive(Debug, Clone, Default)]
pub struct SlackOptions {
    /// Base URL of the Web API; default `https://slack.com/api/`. https only, except loopback.
    pub slack_api_url: Option<String>,
    /// Milliseconds per attempt, from 1 to 120000; default 10000.
    pub timeout_ms: Option<u32>,
    /// Extra attempts on retryable failures, from 0 to 10; default 2.
    pub retries: Option<u32>,
    /// Milliseconds for a whole call, retries and waits included, from 1 to 300000; default
    /// 30000 (or the timeout, if longer).
    pub deadline_ms: Option<u32>,
    /// Fail on HTTP 429 at once instead of waiting `Retry-After`.
    pub reject_rate_limited_calls: bool,
    /// Allow sending a client secret from a browser window.
    pub dangerously_allow_browser: bool,
}

/// A number option as the facade's JSON copy holds it.
pub(crate) fn number(value: Option<u32>) -> Option<Json<'static>> {
    value.map(|n| Json::Number(crate::text!(n).into()))
}

/// A Slack Web API client for the OAuth methods, over transport `T`.
///
/// Each method takes its typed params and answers the typed answer, or the [`Error`] the npm
/// package would throw as an `EdgeOAuthError` (same kind, code, status, fields), after the same
/// retries.
pub struct SlackClient<T> {
    config: SlackConfig,
    transport: T,
}

impl<T> core::fmt::Debug for SlackClient<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SlackClient").field("config", &self.config).finish_non_exhaustive()
    }
}

macro_rules! methods {
    ($($(#[$doc:meta])* $name:ident: $endpoint:ty;)*) => {
        impl<T: Transport> SlackClient<T> {
            $(
                $(#[$doc])*
                pub async fn $name(
                    &self,
                    params: <$endpoint as crate::endpoint::Endpoint>::Params,
                ) -> Result<<$endpoint as crate::endpoint::Endpoint>::Response, Error> {
                    call::<$endpoint, T>(&self.transport, &self.config, params).await
                }
            )*
        }

        /// The JS paths of the methods [`SlackClient`] has, in the order it declares them.
        pub const SLACK_METHODS: &[&str] = &[$(<$endpoint as crate::endpoint::Endpoint>::CALL.method),*];
    };
}

methods! {
    /// [`oauth.v2.access`](https://docs.slack.dev/reference/methods/oauth.v2.access): exchanges
    /// a code (or a refresh token) for tokens. Spends the code: only a 429 is retried.
    oauth_v2_access: OAuthV2Access;
    /// [`oauth.access`](https://docs.slack.dev/reference/methods/oauth.access) (legacy apps).
    oauth_access: OAuthAccess;
    /// [`apps.auth.external.get`](https://docs.slack.dev/reference/methods/apps.auth.external.get):
    /// a token of an external service, with the client's token or `params.token`.
    apps_auth_external_get: AppsAuthExternalGet;
    /// [`apps.auth.external.delete`](https://docs.slack.dev/reference/methods/apps.auth.external.delete).
    apps_auth_external_delete: AppsAuthExternalDelete;
    /// [`auth.revoke`](https://docs.slack.dev/reference/methods/auth.revoke): revokes the
    /// client's token or `params.token`.
    auth_revoke: AuthRevoke;
    /// [`openid.connect.token`](https://docs.slack.dev/reference/methods/openid.connect.token):
    /// Sign in with Slack's code (or refresh token) for a user token and an `id_token`; takes
    /// the params of `oauth_v2_access`, and spends the code the same way.
    openid_connect_token: OpenIDConnectToken;
}

impl<T: Transport> SlackClient<T> {
    /// A client with an optional default `token` (for the methods that take one), checked as
    /// `new SlackClient(token, options)` checks it.
    pub fn new(transport: T, token: Option<Secret>, options: SlackOptions) -> Result<Self, Error> {
        let checked = SlackClientOptions {
            slack_api_url: options.slack_api_url,
            timeout: number(options.timeout_ms),
            retries: number(options.retries),
            deadline: number(options.deadline_ms),
            reject_rate_limited_calls: Some(options.reject_rate_limited_calls),
            dangerously_allow_browser: Some(options.dangerously_allow_browser),
            signal: None,
        };
        checked.check(<SlackConfig as ClientConfig>::CONSTRUCTOR)?;
        let config = SlackConfig::new(token, checked, transport.in_browser_window())?;
        Ok(Self { config, transport })
    }

    /// The transport, e.g. to reuse its connections elsewhere.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}
