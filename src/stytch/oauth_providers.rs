//! `organizations.members.oauthProviders.{slack,google,microsoft,github,hubspot}`: the tokens
//! Stytch saved after a member's OAuth login. One GET per provider, the same in all but the
//! provider's name, its answer's shape, and whether it takes `include_refresh_token`.

use super::{
    decode, B2BOrganizationsMembersOAuthProvidersProviderInformationResponse as InformationResponse,
    B2BOrganizationsMembersOAuthProvidersRegistrationsResponse as RegistrationsResponse,
    B2BOrganizationsMembersOAuthProvidersSlackResponse as SlackResponse, StytchConfig,
};
use crate::endpoint::Endpoint;
use crate::error::{Call, Error, Provider};
use crate::http::{HttpRequest, HttpResponse, Method, RetryClass};
use crate::json::Json;
use crate::params::{check_text, Params};
use crate::prelude::*;
use crate::view::View;
use core::marker::PhantomData;

crate::params! {
    /// Params of the Slack lookup (Slack tokens have no refresh token to include).
    #[derive(Default)]
    pub struct B2BOrganizationsMembersOAuthProvidersSlackRequest {
        /// The organization's id (or slug).
        pub organization_id: String,
        /// The member's id (or another id Stytch accepts for the member).
        pub member_id: String,
    }
}

crate::params! {
    /// Params of the Google, Microsoft, GitHub and HubSpot lookups.
    #[derive(Default)]
    pub struct B2BOrganizationsMembersOAuthProvidersProviderInformationRequest {
        /// The organization's id (or slug).
        pub organization_id: String,
        /// The member's id (or another id Stytch accepts for the member).
        pub member_id: String,
        /// Also return the provider's refresh token.
        pub include_refresh_token: Option<bool>,
    }
}

/// What the lookup needs from either params type.
pub trait LookupParams: Params {
    /// `(organization_id, member_id)`.
    fn ids(&self) -> (&str, &str);
    /// The `include_refresh_token` query parameter, if any.
    fn include_refresh_token(&self) -> Option<bool>;
}

impl LookupParams for B2BOrganizationsMembersOAuthProvidersSlackRequest {
    fn ids(&self) -> (&str, &str) {
        (&self.organization_id, &self.member_id)
    }

    fn include_refresh_token(&self) -> Option<bool> {
        None
    }
}

impl LookupParams for B2BOrganizationsMembersOAuthProvidersProviderInformationRequest {
    fn ids(&self) -> (&str, &str) {
        (&self.organization_id, &self.member_id)
    }

    fn include_refresh_token(&self) -> Option<bool> {
        self.include_refresh_token
    }
}

/// One OAuth provider whose saved tokens Stytch serves.
pub trait OAuthProvider {
    /// The last path segment: `slack`, `google`, ….
    const SLUG: &'static str;
    /// The method name in errors.
    const METHOD: &'static str;
    /// The params the lookup takes.
    type Params: LookupParams;
    /// The answer's shape.
    type Response: View;
    /// Whether the answer holds at least what it must.
    fn has_token(response: &Json) -> bool;
}

/// The lookup of `P`'s saved tokens.
pub struct Lookup<P>(PhantomData<P>);

impl<P: OAuthProvider> Endpoint for Lookup<P> {
    type Config = StytchConfig;
    type Params = P::Params;
    type Response = P::Response;
    const CALL: Call = Call::new(Provider::Stytch, P::METHOD);

    fn request(config: &StytchConfig, params: P::Params) -> Result<HttpRequest, Error> {
        let (organization_id, member_id) = params.ids();
        lookup_request(config, Self::CALL, P::SLUG, [organization_id, member_id], params.include_refresh_token())
    }

    fn decode(response: &HttpResponse) -> Result<(), Error> {
        decode(Self::CALL, response, &P::Response::SHAPE, P::has_token)
    }
}

/// The GET of one provider's tokens; one copy for all five providers.
#[inline(never)]
fn lookup_request(
    config: &StytchConfig,
    call: Call,
    slug: &str,
    [organization_id, member_id]: [&str; 2],
    include_refresh_token: Option<bool>,
) -> Result<HttpRequest, Error> {
    let organization_id = path_segment(call, "organization_id", organization_id)?;
    let member_id = path_segment(call, "member_id", member_id)?;
    let mut path =
        crate::text!("v1/b2b/organizations/", organization_id, "/members/", member_id, "/oauth_providers/", slug);
    if let Some(include) = include_refresh_token {
        path.push_str(if include { "?include_refresh_token=true" } else { "?include_refresh_token=false" });
    }
    Ok(HttpRequest {
        method: Method::Get,
        url: config.base_url.join(&path),
        auth: config.auth.clone(),
        form: None,
        retry: RetryClass::Lookup,
    })
}

/// `value` as one percent-encoded path segment; `.`, `..` and empty values are refused, since
/// servers treat them as path navigation.
fn path_segment(call: Call, field: &str, value: &str) -> Result<String, Error> {
    check_text(call, field, value)?;
    if value == "." || value == ".." {
        return Err(call.invalid(field, "invalid_param", crate::text!("`", field, "` must not be `.` or `..`")));
    }
    Ok(crate::encoding::path_segment(value))
}

/// Declares a provider: its marker type, slug, method name, params, answer and token check.
macro_rules! provider {
    ($name:ident, $slug:literal, $params:ty, $response:ty, $has_token:expr) => {
        #[doc = concat!("`organizations.members.oauthProviders.", $slug, "`.")]
        pub struct $name;

        impl OAuthProvider for $name {
            const SLUG: &'static str = $slug;
            const METHOD: &'static str = concat!("organizations.members.oauthProviders.", $slug);
            type Params = $params;
            type Response = $response;
            fn has_token(response: &Json) -> bool {
                $has_token(response)
            }
        }
    };
}

type InformationParams = B2BOrganizationsMembersOAuthProvidersProviderInformationRequest;

fn information_has_token(response: &Json) -> bool {
    response.has_text("access_token")
}

// An empty `registrations` list is a valid answer (the member has no saved account); each
// listed registration must carry a token.
fn registrations_have_tokens(response: &Json) -> bool {
    match response.get("registrations") {
        Some(Json::Array(registrations)) => registrations.iter().all(|r| r.has_text("access_token")),
        _ => false,
    }
}

provider!(
    SlackProvider,
    "slack",
    B2BOrganizationsMembersOAuthProvidersSlackRequest,
    SlackResponse,
    registrations_have_tokens
);
provider!(GoogleProvider, "google", InformationParams, InformationResponse, information_has_token);
provider!(MicrosoftProvider, "microsoft", InformationParams, InformationResponse, information_has_token);
provider!(GithubProvider, "github", InformationParams, RegistrationsResponse, registrations_have_tokens);
provider!(HubspotProvider, "hubspot", InformationParams, RegistrationsResponse, registrations_have_tokens);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_one_encoded_segment() {
        let call = Call::new(Provider::Stytch, "t");
        assert_eq!(path_segment(call, "member_id", "member-test-1_a.b~c").unwrap(), "member-test-1_a.b~c");
        assert_eq!(path_segment(call, "member_id", "../x/y?z#w").unwrap(), "..%2Fx%2Fy%3Fz%23w");
        assert_eq!(path_segment(call, "member_id", "%2e%2e").unwrap(), "%252e%252e");
        assert_eq!(path_segment(call, "member_id", "ü ").unwrap(), "%C3%BC%20");
        for bad in ["", ".", "..", "a\nb"] {
            assert!(path_segment(call, "member_id", bad).is_err(), "{bad:?}");
        }
    }
}
