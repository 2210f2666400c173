//! Typed views of Stytch's answers to the member OAuth-provider token lookups
//! (<https://stytch.com/docs/b2b/api/oauth-google-access-token> and its siblings). The caller gets
//! Stytch's JSON itself; tokens are [`Secret`]s so a view can never be printed with one.

use crate::prelude::*;
use crate::secret::Secret;
use crate::view::HttpStatus;

crate::view! {
    /// Google's and Microsoft's answer: one set of tokens per member.
    pub struct B2BOrganizationsMembersOAuthProvidersProviderInformationResponse {
        /// Stytch's id of this request; log it.
        pub request_id: String,
        /// `Google` or `Microsoft`.
        pub provider_type: String,
        /// The member's id at the provider (`sub`).
        pub provider_subject: String,
        /// The OpenID Connect id token.
        pub id_token: Option<Secret>,
        /// The provider access token.
        pub access_token: Secret,
        /// Seconds until `access_token` expires.
        pub access_token_expires_in: Option<i64>,
        /// Granted scopes.
        pub scopes: Vec<String>,
        /// The refresh token, with `include_refresh_token: true`.
        pub refresh_token: Option<Secret>,
        /// The HTTP status, as Stytch repeats it.
        pub status_code: HttpStatus,
    }
}

crate::view! {
    /// One Slack workspace the member signed in with.
    pub struct B2BSlackProviderInfo {
        /// The member's Slack user id.
        pub provider_subject: String,
        /// The workspace id, when exactly one was returned.
        pub provider_tenant_id: Option<String>,
        /// Every workspace id; prefer this over `provider_tenant_id`.
        pub provider_tenant_ids: Option<Vec<String>>,
        /// The user token (`xoxp-…`).
        pub access_token: Secret,
        /// Seconds until `access_token` expires (token rotation only; `null` for a token that
        /// does not expire).
        #[tsify(type = "number | null")]
        pub access_token_expires_in: Option<i64>,
        /// Granted user scopes.
        pub scopes: Vec<String>,
        /// The bot token (`xoxb-…`), when the app has a bot.
        pub bot_access_token: Option<Secret>,
        /// Granted bot scopes.
        pub bot_scopes: Option<Vec<String>>,
    }
}

crate::view! {
    /// Slack's answer: one registration per workspace.
    pub struct B2BOrganizationsMembersOAuthProvidersSlackResponse {
        /// Stytch's id of this request; log it.
        pub request_id: String,
        /// `Slack`.
        pub provider_type: String,
        /// The member's Slack registrations.
        pub registrations: Vec<B2BSlackProviderInfo>,
        /// The HTTP status, as Stytch repeats it.
        pub status_code: HttpStatus,
    }
}

crate::view! {
    /// One GitHub or HubSpot account the member signed in with.
    pub struct B2BProviderRegistration {
        /// The member's id at the provider.
        pub provider_subject: String,
        /// The GitHub organization or HubSpot Hub id, when exactly one was returned.
        pub provider_tenant_id: Option<String>,
        /// Every tenant id; prefer this over `provider_tenant_id`.
        pub provider_tenant_ids: Option<Vec<String>>,
        /// The provider access token.
        pub access_token: Secret,
        /// Seconds until `access_token` expires.
        pub access_token_expires_in: Option<i64>,
        /// Granted scopes.
        pub scopes: Vec<String>,
        /// The refresh token, with `include_refresh_token: true`.
        pub refresh_token: Option<Secret>,
    }
}

crate::view! {
    /// GitHub's and HubSpot's answer: one registration per account.
    pub struct B2BOrganizationsMembersOAuthProvidersRegistrationsResponse {
        /// Stytch's id of this request; log it.
        pub request_id: String,
        /// `Github` or `HubSpot`.
        pub provider_type: String,
        /// The member's registrations.
        pub registrations: Vec<B2BProviderRegistration>,
        /// The HTTP status, as Stytch repeats it.
        pub status_code: HttpStatus,
    }
}
