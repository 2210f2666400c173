//! The shapes of params TypeScript accepts where a flat struct would accept too much: unions, so
//! that `tsc --strict` rejects what the runtime rejects (neither secret nor verifier, mixed
//! grants, nothing to delete). The runtime reads the flat structs and checks the same rules with
//! messages; a test below keeps the two in step.

use crate::params::Never;
use crate::prelude::*;
use crate::secret::Secret;

crate::params! {
    /// `oauth.v2.access` exchanging a code with the app's client secret (and, optionally, PKCE).
    pub struct OAuthV2AccessCodeGrant {
        /// The app's client id.
        pub client_id: String,
        /// The app's client secret (sent as HTTP Basic auth).
        pub client_secret: Secret,
        /// The code from the redirect.
        pub code: Secret,
        /// Must match the `redirect_uri` of the authorize request, if one was given there.
        pub redirect_uri: Option<String>,
        /// PKCE (RFC 7636): the verifier whose challenge went to the authorize URL.
        pub code_verifier: Option<Secret>,
        /// The default grant.
        #[tsify(type = "\"authorization_code\"")]
        pub grant_type: Option<String>,
        /// Only with `grant_type: "refresh_token"`.
        #[tsify(type = "never")]
        pub refresh_token: Option<Never>,
    }
}

crate::params! {
    /// `oauth.v2.access` exchanging a code as a PKCE public client (a browser page): no secret.
    pub struct OAuthV2AccessPublicClientGrant {
        /// The app's client id (sent in the body, as public clients do).
        pub client_id: String,
        /// The code from the redirect.
        pub code: Secret,
        /// The verifier whose challenge went to the authorize URL (RFC 7636).
        pub code_verifier: Secret,
        /// Must match the `redirect_uri` of the authorize request, if one was given there.
        pub redirect_uri: Option<String>,
        /// The default grant.
        #[tsify(type = "\"authorization_code\"")]
        pub grant_type: Option<String>,
        /// A public client has no secret.
        #[tsify(type = "never")]
        pub client_secret: Option<Never>,
        /// Only with `grant_type: "refresh_token"`.
        #[tsify(type = "never")]
        pub refresh_token: Option<Never>,
    }
}

crate::params! {
    /// `oauth.v2.access` rotating a token: spends the refresh token for a new pair.
    pub struct OAuthV2AccessRefreshGrant {
        /// The app's client id.
        pub client_id: String,
        /// The app's client secret (sent as HTTP Basic auth).
        pub client_secret: Secret,
        /// Token rotation.
        #[tsify(type = "\"refresh_token\"")]
        pub grant_type: String,
        /// The refresh token to spend (`xoxe-1-…`).
        pub refresh_token: Secret,
        /// Only with a code.
        #[tsify(type = "never")]
        pub code: Option<Never>,
        /// Only with a code.
        #[tsify(type = "never")]
        pub code_verifier: Option<Never>,
    }
}

crate::typescript_union! {
    /// Params of [`oauth.v2.access`](https://docs.slack.dev/reference/methods/oauth.v2.access):
    /// one of its grants.
    OAuthV2AccessArguments =
        OAuthV2AccessCodeGrant | OAuthV2AccessPublicClientGrant | OAuthV2AccessRefreshGrant
}

crate::params! {
    /// `apps.auth.external.delete` of one token.
    pub struct AppsAuthExternalDeleteToken {
        /// The token to delete.
        pub external_token_id: String,
        /// The provider whose tokens to delete.
        pub provider_key: Option<String>,
        /// The app whose tokens to delete.
        pub app_id: Option<String>,
        /// A token for this call; defaults to the client's.
        pub token: Option<Secret>,
    }
}

crate::params! {
    /// `apps.auth.external.delete` of a provider's tokens.
    pub struct AppsAuthExternalDeleteProvider {
        /// The provider whose tokens to delete.
        pub provider_key: String,
        /// The app whose tokens to delete.
        pub app_id: Option<String>,
        /// A token for this call; defaults to the client's.
        pub token: Option<Secret>,
    }
}

crate::params! {
    /// `apps.auth.external.delete` of an app's tokens.
    pub struct AppsAuthExternalDeleteApp {
        /// The app whose tokens to delete.
        pub app_id: String,
        /// A token for this call; defaults to the client's.
        pub token: Option<Secret>,
    }
}

crate::typescript_union! {
    /// Params of [`apps.auth.external.delete`](https://docs.slack.dev/reference/methods/apps.auth.external.delete):
    /// what to delete, by token, provider or app.
    AppsAuthExternalDeleteArguments =
        AppsAuthExternalDeleteToken | AppsAuthExternalDeleteProvider | AppsAuthExternalDeleteApp
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;
    use crate::slack::external_auth::AppsAuthExternalDeleteArguments as DeleteReader;
    use crate::slack::oauth::OAuthV2AccessArguments as GrantReader;

    /// The union's shapes together take exactly the keys the runtime reads.
    fn same_keys(flat: &[&str], shapes: &[&[&str]]) {
        let mut union: Vec<&str> = shapes.iter().flat_map(|keys| keys.iter().copied()).collect();
        union.sort_unstable();
        union.dedup();
        let mut flat = flat.to_vec();
        flat.sort_unstable();
        assert_eq!(union, flat);
    }

    #[test]
    fn unions_cover_the_runtime_keys() {
        same_keys(
            GrantReader::KEYS,
            &[OAuthV2AccessCodeGrant::KEYS, OAuthV2AccessPublicClientGrant::KEYS, OAuthV2AccessRefreshGrant::KEYS],
        );
        same_keys(
            DeleteReader::KEYS,
            &[AppsAuthExternalDeleteToken::KEYS, AppsAuthExternalDeleteProvider::KEYS, AppsAuthExternalDeleteApp::KEYS],
        );
    }
}
