//! Every method the JS facade offers, in one list: the facade builds its namespaces from it
//! (`slack.oauth.v2.access`), dispatch finds methods by their place in it, and the TypeScript
//! generator (`src/bin/typescript.rs`) declares their params and answers from it.
//!
//! `make size` measures what each method costs by building without it: the method named by the
//! build-time variable `EDGE_OAUTH_WITHOUT` (e.g. `oauth.access`) is left out of [`METHODS`], so
//! nothing of it is linked. Unset, every method is in.

use crate::call::Method;
use crate::endpoint::Endpoint;
use crate::slack::auth::AuthRevoke;
use crate::slack::external_auth::{AppsAuthExternalDelete, AppsAuthExternalGet};
use crate::slack::oauth::{OAuthAccess, OAuthV2Access};
use crate::stytch::oauth_providers::{
    GithubProvider, GoogleProvider, HubspotProvider, Lookup, MicrosoftProvider, SlackProvider,
};

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
    ($first:ty $(, $endpoint:ty)* $(,)?) => {
        /// The methods, in the order the facade numbers them.
        #[allow(unused_assignments)] // the last method's `next += 1`
        pub const METHODS: &[Method] = &{
            const PATHS: &[&str] = &[<$first as Endpoint>::CALL.method $(, <$endpoint as Endpoint>::CALL.method)*];
            // Overwritten below: only the methods kept end up in the table, and in the build.
            const UNSET: Method = Method::of::<$first>();
            let mut methods = [UNSET; kept(PATHS)];
            let mut next = 0;
            catalog!(@keep methods next $first);
            $(catalog!(@keep methods next $endpoint);)*
            methods
        };

        /// Visits each method's endpoint type (for the TypeScript generator).
        #[cfg(feature = "typescript")]
        pub fn visit<V: crate::typescript::EndpointVisitor>(visitor: &mut V) {
            visitor.visit::<$first>();
            $(visitor.visit::<$endpoint>();)*
        }
    };
    (@keep $methods:ident $next:ident $endpoint:ty) => {
        if !is_left_out(<$endpoint as Endpoint>::CALL.method) {
            $methods[$next] = Method::of::<$endpoint>();
            $next += 1;
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
