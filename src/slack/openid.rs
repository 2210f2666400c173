//! Sign in with Slack's Web API methods: `openid.connect.token` (the code or refresh grant, as
//! `oauth.v2.access` takes it) and `openid.connect.userInfo` (who a user token signs in).

use super::form::{form_method, TOKEN_LOOKUP};
use super::oauth::{grant_method, OAuthV2AccessArguments};
use super::{OpenIDConnectTokenResponse, OpenIDConnectUserInfoResponse};
use crate::secret::Secret;

/// Params of [`openid.connect.token`](https://docs.slack.dev/reference/methods/openid.connect.token):
/// exactly those of `oauth.v2.access` (a code, with the secret or a PKCE verifier, or a refresh
/// token), checked the same way.
pub type OpenIDConnectTokenArguments = OAuthV2AccessArguments;

grant_method!(
    /// The `openid.connect.token` method: the same request as `oauth.v2.access` under its own
    /// name (so the same checks and retry classes: a code or refresh token is spent once), and
    /// an answer with an `id_token`.
    OpenIDConnectToken,
    "openid.connect.token",
    OpenIDConnectTokenResponse,
    |answer| answer.has_text("access_token")
);

crate::params! {
    /// Params of [`openid.connect.userInfo`](https://docs.slack.dev/reference/methods/openid.connect.userInfo).
    #[derive(Default)]
    pub struct OpenIDConnectUserInfoArguments {
        /// The user token of the signed-in user (`xoxp-…`); defaults to the client's.
        pub token: Option<Secret>,
    }
}

form_method!(
    OpenIDConnectUserInfo,
    "openid.connect.userInfo",
    OpenIDConnectUserInfoArguments,
    OpenIDConnectUserInfoResponse,
    TOKEN_LOOKUP,
    |params| [params.token.as_ref().map(Secret::secret)],
    |_| true
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Endpoint;
    use crate::error::{Error, ErrorKind};
    use crate::http::RetryClass;
    use crate::http::{Auth, HttpResponse};
    use crate::slack::SlackClientOptions;
    use crate::slack::SlackConfig;

    fn config() -> SlackConfig {
        SlackConfig::new(None, SlackClientOptions::default(), false).unwrap()
    }

    fn answer(body: &str) -> Result<(), Error> {
        OpenIDConnectToken::decode(&HttpResponse { status: 200, body: body.into(), ..HttpResponse::default() })
    }

    #[test]
    fn token_takes_oauth_v2_access_params_under_its_own_name() {
        let code = OpenIDConnectTokenArguments {
            client_id: "1.2".into(),
            client_secret: Some(Secret::new("shh")),
            code: Some(Secret::new("c")),
            redirect_uri: Some("https://a.test/cb".into()),
            ..OpenIDConnectTokenArguments::default()
        };
        let request = OpenIDConnectToken::request(&config(), code).unwrap();
        assert_eq!(request.url, "https://slack.com/api/openid.connect.token");
        assert_eq!(request.auth, Auth::Basic { user: "1.2".into(), password: Secret::new("shh") });
        assert_eq!(request.form.unwrap().secret(), "code=c&redirect_uri=https%3A%2F%2Fa.test%2Fcb");
        assert_eq!(request.retry, RetryClass::Spends);
        let public = OpenIDConnectTokenArguments {
            client_id: "1.2".into(),
            code: Some(Secret::new("c")),
            code_verifier: Some(Secret::new("v".repeat(43))),
            ..OpenIDConnectTokenArguments::default()
        };
        let request = OpenIDConnectToken::request(&config(), public).unwrap();
        let form = crate::text!("client_id=1.2&code=c&code_verifier=", "v".repeat(43));
        assert_eq!((request.auth, request.form.unwrap().secret()), (Auth::None, form.as_str()));
        let refresh = OpenIDConnectTokenArguments {
            client_id: "1.2".into(),
            client_secret: Some(Secret::new("shh")),
            grant_type: Some("refresh_token".into()),
            refresh_token: Some(Secret::new("xoxe-1-r")),
            ..OpenIDConnectTokenArguments::default()
        };
        assert_eq!(OpenIDConnectToken::request(&config(), refresh).unwrap().retry, RetryClass::Rotates);
        let mixed = OpenIDConnectTokenArguments {
            client_id: "1.2".into(),
            client_secret: Some(Secret::new("shh")),
            code: Some(Secret::new("c")),
            refresh_token: Some(Secret::new("xoxe-1-r")),
            ..OpenIDConnectTokenArguments::default()
        };
        let error = OpenIDConnectToken::request(&config(), mixed).unwrap_err();
        assert_eq!((error.method, error.field.as_deref()), ("openid.connect.token", Some("refresh_token")));
    }

    #[test]
    fn token_answers_need_the_token_and_the_id_token() {
        // The example answer of https://docs.slack.dev/reference/methods/openid.connect.token
        let documented = r#"{"ok":true,"access_token":"xoxp-1234","token_type":"Bearer","id_token":"eyJhbGcMjY5OTA2MzE4MDQ4MCJ9.e30.sig"}"#;
        assert_eq!(answer(documented), Ok(()));
        for odd in [
            r#"{"ok":true,"token_type":"Bearer","id_token":"a.b.c"}"#,
            r#"{"ok":true,"access_token":"","token_type":"Bearer","id_token":"a.b.c"}"#,
            r#"{"ok":true,"access_token":"xoxp-1","token_type":"Bearer"}"#,
            r#"{"ok":true,"access_token":"xoxp-1","token_type":"Bearer","id_token":7}"#,
        ] {
            let error = answer(odd).unwrap_err();
            assert_eq!(
                (error.kind, error.code.as_str(), error.data.as_deref()),
                (ErrorKind::Decode, "invalid_response", None),
                "{odd}"
            );
        }
    }

    crate::slack::slack_identity_view! {
        /// Claims of another message holding the identity (as the id_token's do).
        pub struct Claims {
            /// Its own field.
            pub aud: String,
        }
    }

    #[test]
    fn identity_claims_are_checked_under_slacks_keys() {
        use crate::view::{check, View};
        let user_info = |body: &str| {
            OpenIDConnectUserInfo::decode(&HttpResponse { status: 200, body: body.into(), ..HttpResponse::default() })
        };
        assert_eq!(user_info(r#"{"ok":true,"sub":"U1","https://slack.com/team_image_default":false,"new":1}"#), Ok(()));
        let error = user_info(r#"{"ok":true,"sub":"U1","https://slack.com/user_image_24":24}"#).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Decode);
        assert!(error.message.contains("`https://slack.com/user_image_24` should be a string"), "{}", error.message);
        assert!(user_info(r#"{"ok":true,"name":"n"}"#).is_err(), "sub is required");
        // Another view declared with the same claims checks them the same way.
        let claims = crate::json::parse(r#"{"aud":"1.2","sub":"U1","email_verified":"yes"}"#).unwrap();
        assert_eq!(check(&claims, &Claims::SHAPE).unwrap_err().path, "email_verified");
        let alone = crate::json::parse(r#"{"sub":"U1","https://slack.com/team_id":"T1"}"#).unwrap();
        assert_eq!(check(&alone, &crate::slack::SlackIdentityClaims::SHAPE), Ok(()));
    }
}
