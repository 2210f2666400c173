//! [`auth.revoke`](https://docs.slack.dev/reference/methods/auth.revoke): revokes the token the
//! call is made with (an uninstall, a sign-out).

use super::{bearer, decode, AuthRevokeResponse, SlackConfig};
use crate::endpoint::Endpoint;
use crate::error::{Call, Error, Provider};
use crate::http::{form_body, HttpRequest, HttpResponse, Method, RetryClass};
use crate::secret::Secret;
use crate::view::View;

crate::params! {
    /// Params of [`auth.revoke`](https://docs.slack.dev/reference/methods/auth.revoke).
    #[derive(Default)]
    pub struct AuthRevokeArguments {
        /// Only check that the token could be revoked; `revoked` is then `false`.
        #[tsify(optional)]
        pub test: Option<bool>,
        /// The token to revoke; defaults to the client's.
        #[tsify(optional, type = "string")]
        pub token: Option<Secret>,
    }
}

/// The `auth.revoke` method.
pub struct AuthRevoke;

impl Endpoint for AuthRevoke {
    type Config = SlackConfig;
    type Params = AuthRevokeArguments;
    type Response = AuthRevokeResponse;
    const CALL: Call = Call::new(Provider::Slack, "auth.revoke");

    fn request(config: &SlackConfig, params: AuthRevokeArguments) -> Result<HttpRequest, Error> {
        let call = Self::CALL;
        Ok(HttpRequest {
            method: Method::Post,
            url: config.method_url(call.method),
            auth: bearer(call, config, params.token)?,
            form: Some(form_body([("test", params.test.filter(|&test| test).map(|_| "true"))])),
            // A revoked token is spent: after an answer that got lost, a repeat fails.
            retry: RetryClass::Spends,
        })
    }

    fn decode(response: &HttpResponse) -> Result<(), Error> {
        decode(Self::CALL, response, &Self::Response::SHAPE, |_| true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::Auth;
    use crate::slack::SlackClientOptions;

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
