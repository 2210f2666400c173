//! [`StytchB2BClient`]: the member OAuth-provider token lookups, as `StytchB2BClient` of the npm
//! package.

use super::run::call;
use super::slack::number;
use super::transport::Transport;
use crate::endpoint::ClientConfig;
use crate::error::Error;
use crate::params::Params;
use crate::prelude::*;
use crate::secret::Secret;
use crate::stytch::oauth_providers::{
    GithubProvider, GoogleProvider, HubspotProvider, Lookup, MicrosoftProvider, SlackProvider,
};
use crate::stytch::{StytchB2BClientOptions, StytchConfig};

/// Options of a [`StytchB2BClient`], as the npm package's `new StytchB2BClient(options)` takes
/// them (and checks them the same way).
#[derive(Debug, Clone)]
pub struct StytchOptions {
    /// `project-test-…` or `project-live-…`; picks the API host.
    pub project_id: String,
    /// The project's secret (sent as HTTP Basic auth).
    pub secret: Secret,
    /// Overrides the API host: https only, except loopback.
    pub custom_base_url: Option<String>,
    /// Milliseconds per attempt, from 1 to 120000; default 10000.
    pub timeout_ms: Option<u32>,
    /// Extra attempts on retryable failures, from 0 to 10; default 2.
    pub retries: Option<u32>,
    /// Milliseconds for a whole call, retries and waits included, from 1 to 300000; default
    /// 30000 (or the timeout, if longer).
    pub deadline_ms: Option<u32>,
    /// Allow the Stytch secret in a browser window.
    pub dangerously_allow_browser: bool,
}

impl StytchOptions {
    /// Options with the project's credentials and every other option at its default.
    pub fn new(project_id: impl Into<String>, secret: Secret) -> Self {
        Self {
            project_id: project_id.into(),
            secret,
            custom_base_url: None,
            timeout_ms: None,
            retries: None,
            deadline_ms: None,
            dangerously_allow_browser: false,
        }
    }
}

/// A Stytch B2B API client for the member OAuth-provider token lookups, over transport `T`.
///
/// Each method takes its typed params and answers the typed answer, or the [`Error`] the npm
/// package would throw as an `EdgeOAuthError`, after the same retries.
pub struct StytchB2BClient<T> {
    config: StytchConfig,
    transport: T,
}

impl<T> core::fmt::Debug for StytchB2BClient<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("StytchB2BClient").field("config", &self.config).finish_non_exhaustive()
    }
}

macro_rules! lookups {
    ($($(#[$doc:meta])* $name:ident: $provider:ty;)*) => {
        impl<T: Transport> StytchB2BClient<T> {
            $(
                $(#[$doc])*
                pub async fn $name(
                    &self,
                    params: <$provider as crate::stytch::oauth_providers::OAuthProvider>::Params,
                ) -> Result<<$provider as crate::stytch::oauth_providers::OAuthProvider>::Response, Error> {
                    call::<Lookup<$provider>, T>(&self.transport, &self.config, params).await
                }
            )*
        }

        /// The JS paths of the methods [`StytchB2BClient`] has, in the order it declares them.
        pub const STYTCH_METHODS: &[&str] =
            &[$(<Lookup<$provider> as crate::endpoint::Endpoint>::CALL.method),*];
    };
}

lookups! {
    /// `organizations.members.oauthProviders.slack`: the Slack tokens Stytch saved for a member
    /// ([Stytch docs](https://stytch.com/docs/b2b/api/slack-oauth-provider)).
    organizations_members_oauth_providers_slack: SlackProvider;
    /// `organizations.members.oauthProviders.google`
    /// ([Stytch docs](https://stytch.com/docs/b2b/api/google-oauth-provider)).
    organizations_members_oauth_providers_google: GoogleProvider;
    /// `organizations.members.oauthProviders.microsoft`
    /// ([Stytch docs](https://stytch.com/docs/b2b/api/microsoft-oauth-provider)).
    organizations_members_oauth_providers_microsoft: MicrosoftProvider;
    /// `organizations.members.oauthProviders.github`
    /// ([Stytch docs](https://stytch.com/docs/b2b/api/github-oauth-provider)).
    organizations_members_oauth_providers_github: GithubProvider;
    /// `organizations.members.oauthProviders.hubspot`
    /// ([Stytch docs](https://stytch.com/docs/b2b/api/hubspot-oauth-provider)).
    organizations_members_oauth_providers_hubspot: HubspotProvider;
}

impl<T: Transport> StytchB2BClient<T> {
    /// A client for a project, checked as `new StytchB2BClient(options)` checks it.
    pub fn new(transport: T, options: StytchOptions) -> Result<Self, Error> {
        let checked = StytchB2BClientOptions {
            project_id: options.project_id,
            secret: options.secret,
            custom_base_url: options.custom_base_url,
            timeout: number(options.timeout_ms),
            retries: number(options.retries),
            deadline: number(options.deadline_ms),
            dangerously_allow_browser: Some(options.dangerously_allow_browser),
            signal: None,
        };
        checked.check(<StytchConfig as ClientConfig>::CONSTRUCTOR)?;
        let config = StytchConfig::new(checked, transport.in_browser_window())?;
        Ok(Self { config, transport })
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}
