//! [`auth.revoke`](https://docs.slack.dev/reference/methods/auth.revoke): revokes the token the
//! call is made with (an uninstall, a sign-out); [`auth.test`](https://docs.slack.dev/reference/methods/auth.test):
//! says whom it belongs to.

use super::form::{flag, form_method, Field, Form, Role, TOKEN_LOOKUP};
use super::{AuthRevokeResponse, AuthTestResponse};
use crate::http::RetryClass;
use crate::secret::Secret;

crate::params! {
    /// Params of [`auth.revoke`](https://docs.slack.dev/reference/methods/auth.revoke).
    #[derive(Default)]
    pub struct AuthRevokeArguments {
        /// Only check that the token could be revoked; `revoked` is then `false`.
        pub test: Option<bool>,
        /// The token to revoke; defaults to the client's.
        pub token: Option<Secret>,
    }
}

form_method!(
    AuthRevoke,
    "auth.revoke",
    AuthRevokeArguments,
    AuthRevokeResponse,
    Form {
        fields: &[
            Field { key: "test", role: Role::IfTrue, optional: true },
            Field { key: "token", role: Role::Token, optional: true },
        ],
        // A revoked token is spent: after an answer that got lost, a repeat fails.
        retry: RetryClass::Spends,
        one_of: None,
    },
    |params| [params.test.map(flag), params.token.as_ref().map(Secret::secret)],
    |_| true
);

crate::params! {
    /// Params of [`auth.test`](https://docs.slack.dev/reference/methods/auth.test).
    #[derive(Default)]
    pub struct AuthTestArguments {
        /// The token to check; defaults to the client's.
        pub token: Option<Secret>,
    }
}

form_method!(
    AuthTest,
    "auth.test",
    AuthTestArguments,
    AuthTestResponse,
    TOKEN_LOOKUP,
    |params| [params.token.as_ref().map(Secret::secret)],
    |_| true
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;
    use crate::http::{Auth, HttpResponse};
    use crate::slack::SlackClientOptions;
    use crate::slack::SlackConfig;

    #[test]
    fn revokes_the_call_token_or_the_clients() {
        let config = SlackConfig::new(Some(Secret::new("xoxb-client")), SlackClientOptions::default(), false).unwrap();
        let request = AuthRevoke::request(&config, AuthRevokeArguments::default()).unwrap();
        assert_eq!((request.auth, request.form.unwrap().secret()), (Auth::Bearer(Secret::new("xoxb-client")), ""));
        let testing = AuthRevokeArguments { test: Some(true), token: Some(Secret::new("xoxp-user")) };
        let request = AuthRevoke::request(&config, testing).unwrap();
        assert_eq!(
            (request.auth, request.form.unwrap().secret()),
            (Auth::Bearer(Secret::new("xoxp-user")), "test=true")
        );
        let answer =
            HttpResponse { status: 200, body: r#"{"ok":true,"revoked":true}"#.into(), ..HttpResponse::default() };
        assert_eq!(AuthRevoke::decode(&answer), Ok(()));
        let mistyped =
            HttpResponse { status: 200, body: r#"{"ok":true,"revoked":"yes"}"#.into(), ..HttpResponse::default() };
        assert!(AuthRevoke::decode(&mistyped).is_err());
    }
}
