//! Every method the JS facade offers, in one list: the facade builds its namespaces from it
//! (`slack.oauth.v2.access`), dispatch finds methods by their place in it, and the TypeScript
//! generator (`src/bin/typescript.rs`) declares their params and answers from it.

use crate::call::Method;
use crate::slack::auth::AuthRevoke;
use crate::slack::external_auth::{AppsAuthExternalDelete, AppsAuthExternalGet};
use crate::slack::oauth::{OAuthAccess, OAuthV2Access};
use crate::stytch::oauth_providers::{
    GithubProvider, GoogleProvider, HubspotProvider, Lookup, MicrosoftProvider, SlackProvider,
};

macro_rules! catalog {
    ($($endpoint:ty),* $(,)?) => {
        /// The methods, in the order the facade numbers them.
        pub const METHODS: &[Method] = &[$(Method::of::<$endpoint>()),*];

        /// Visits each method's endpoint type (for the TypeScript generator).
        #[cfg(feature = "typescript")]
        pub fn visit<V: crate::typescript::EndpointVisitor>(visitor: &mut V) {
            $(visitor.visit::<$endpoint>();)*
        }
    };
}

catalog![
    OAuthAccess,
    OAuthV2Access,
    AppsAuthExternalGet,
    AppsAuthExternalDelete,
    AuthRevoke,
    Lookup<SlackProvider>,
    Lookup<GoogleProvider>,
    Lookup<MicrosoftProvider>,
    Lookup<GithubProvider>,
    Lookup<HubspotProvider>,
];
