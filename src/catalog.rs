//! Every method the JS facade offers, in one list: the facade builds its namespaces from it
//! (`slack.oauth.v2.access`), dispatch finds methods by their place in it, the TypeScript
//! generator (`src/bin/typescript.rs`) declares their params and answers from it, and the
//! READMEs and tests take their lists of methods, keys and retry classes from it.
//!
//! `make size` measures what each method costs by building without it: the method named by the
//! build-time variable `EDGE_OAUTH_WITHOUT` (e.g. `oauth.access`) is left out of [`METHODS`], so
//! nothing of it is linked. Unset, every method is in.

use crate::call::Method;
use crate::endpoint::Endpoint;
use crate::error::Provider;
use crate::http::RetryClass;
use crate::params::{Field, Params};
use crate::slack::auth::AuthRevoke;
use crate::slack::external_auth::{AppsAuthExternalDelete, AppsAuthExternalGet};
use crate::slack::oauth::{OAuthAccess, OAuthV2Access};
use crate::slack::openid::OpenIDConnectToken;
use crate::stytch::oauth_providers::{
    GithubProvider, GoogleProvider, HubspotProvider, Lookup, MicrosoftProvider, SlackProvider,
};

/// What a method's docs and tests know of it beyond what dispatch needs.
pub struct Entry {
    /// Whose method it is.
    pub provider: Provider,
    /// The method as users call it on the client, e.g. `oauth.v2.access`.
    pub path: &'static str,
    /// The fields its params take.
    pub fields: &'static [Field],
    /// When its request may be repeated.
    pub retry: Retry,
}

/// A method's retry class, and the one param value that changes it (a forced refresh spends).
/// The endpoint's `request` decides; a test holds this description to what it decides.
pub struct Retry {
    /// The class without the switch.
    pub class: RetryClass,
    /// `(key, value as JSON, class)`: with `key` set to `value`, the request has `class`.
    pub switch: Option<(&'static str, &'static str, RetryClass)>,
}

/// The method `make size` leaves out of this build, or `""`.
const LEFT_OUT: &str = match option_env!("EDGE_OAUTH_WITHOUT") {
    Some(path) => path,
    None => "",
};

const fn is_left_out(path: &str) -> bool {
    crate::text::same(path, LEFT_OUT)
}

const fn kept(paths: &[&str]) -> usize {
    let (mut count, mut i) = (0, 0);
    while i < paths.len() {
        count += !is_left_out(paths[i]) as usize;
        i += 1;
    }
    count
}

macro_rules! catalog {
    ($($endpoint:ty: $class:ident $(or $switched:ident if $key:ident = $value:literal)?),* $(,)?) => {
        /// The methods, in the order the facade numbers them.
        #[allow(unused_assignments)] // the last method's `next += 1`
        pub const METHODS: &[Method] = &{
            const PATHS: &[&str] = &[$(<$endpoint as Endpoint>::CALL.method),*];
            // Overwritten below: only the methods kept end up in the table, and in the build.
            const UNSET: Method = catalog!(@first $($endpoint),*);
            let mut methods = [UNSET; kept(PATHS)];
            let mut next = 0;
            $(catalog!(@keep methods next $endpoint);)*
            methods
        };

        /// The same methods, in the same order, as docs and tests see them.
        pub const ENTRIES: &[Entry] = &[$(Entry {
            provider: <$endpoint as crate::endpoint::Endpoint>::CALL.provider,
            path: <$endpoint as crate::endpoint::Endpoint>::CALL.method,
            fields: <<$endpoint as crate::endpoint::Endpoint>::Params as Params>::FIELDS,
            retry: Retry {
                class: RetryClass::$class,
                switch: catalog!(@switch $($switched $key $value)?),
            },
        }),*];

        /// Visits each method's endpoint type (for the TypeScript generator).
        #[cfg(feature = "typescript")]
        pub fn visit<V: crate::typescript::EndpointVisitor>(visitor: &mut V) {
            $(visitor.visit::<$endpoint>();)*
        }
    };
    (@switch) => { None };
    (@switch $switched:ident $key:ident $value:literal) => {
        Some((stringify!($key), stringify!($value), RetryClass::$switched))
    };
    (@first $first:ty $(, $rest:ty)*) => { Method::of::<$first>() };
    (@keep $methods:ident $next:ident $endpoint:ty) => {
        if !is_left_out(<$endpoint as Endpoint>::CALL.method) {
            $methods[$next] = Method::of::<$endpoint>();
            $next += 1;
        }
    };
}

catalog![
    OAuthAccess: Spends,
    OAuthV2Access: Spends or Rotates if grant_type = "refresh_token",
    AppsAuthExternalGet: Lookup or Spends if force_refresh = true,
    AppsAuthExternalDelete: Spends,
    AuthRevoke: Spends,
    OpenIDConnectToken: Spends or Rotates if grant_type = "refresh_token",
    Lookup<SlackProvider>: Lookup,
    Lookup<GoogleProvider>: Lookup,
    Lookup<MicrosoftProvider>: Lookup,
    Lookup<GithubProvider>: Lookup,
    Lookup<HubspotProvider>: Lookup,
];

#[cfg(test)]
mod tests;
