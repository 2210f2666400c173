//! Sign in with Slack's authorize URL (OpenID Connect,
//! <https://docs.slack.dev/authentication/sign-in-with-slack>): its params and scopes; the URL is
//! built, checked and encoded by the install page's builder ([`super::authorize_url::build`]).

use super::authorize_url::{AuthorizePage, Scopes};
use crate::prelude::*;

/// Slack's OpenID Connect authorize endpoint.
pub const DEFAULT_SIGN_IN_URL: &str = "https://slack.com/openid/connect/authorize";

/// The scopes asked for without a `scope`: Slack's three OpenID scopes (its guides ask for all).
pub const DEFAULT_SCOPES: &str = "openid email profile";

crate::params! {
    /// Params of `slackSignInUrl`.
    #[derive(Default)]
    pub struct SlackSignInUrlParams {
        /// The app's client id.
        pub client_id: String,
        /// Where Slack sends the user back; must match one of the app's redirect URLs.
        pub redirect_uri: String,
        /// Binds the id_token to this sign-in: `verifySlackIdToken` checks the token's `nonce`.
        pub nonce: String,
        /// An opaque value returned with the redirect (use `signState`).
        pub state: String,
        /// OpenID scopes (`openid`, `email`, `profile`), space-separated or as a list; `openid` is
        /// always asked for (added first when missing). Default `"openid email profile"`.
        #[tsify(type = "string | string[]")]
        pub scope: Option<Scopes>,
        /// Preselect a workspace (`T…`) the user signed in to before.
        pub team: Option<String>,
        /// PKCE: the S256 challenge of a verifier (from `pkcePair`); adds `code_challenge_method=S256`.
        /// The exchange (`openid.connect.token`) then needs its `code_verifier`.
        pub code_challenge: Option<String>,
        /// Another authorize endpoint (a mock); https only, except loopback.
        pub authorize_url: Option<String>,
    }
}

impl From<&SlackSignInUrlParams> for AuthorizePage {
    fn from(params: &SlackSignInUrlParams) -> Self {
        Self {
            client_id: params.client_id.clone(),
            scope: params.scope.clone(),
            redirect_uri: Some(params.redirect_uri.clone()),
            state: Some(params.state.clone()),
            nonce: Some(params.nonce.clone()),
            team: params.team.clone(),
            code_challenge: params.code_challenge.clone(),
            authorize_url: params.authorize_url.clone(),
            ..AuthorizePage::default()
        }
    }
}

/// The `scope` of a sign-in: the scopes asked for (space-separated, or a list), or else
/// [`DEFAULT_SCOPES`], with `openid` first unless they have it.
pub(super) fn scope(asked: Option<&Scopes>) -> String {
    let mut scope = asked.map_or_else(|| DEFAULT_SCOPES.to_owned(), |scopes| scopes.joined(" "));
    if !scope.split(' ').any(|word| word == "openid") {
        scope.insert_str(0, "openid ");
    }
    scope
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::flow::SIGN_IN_URL;
    use crate::params::snapshot;

    fn build(params: &AuthorizePage) -> Result<String, Error> {
        super::super::authorize_url::build(params, true)
    }

    fn params() -> AuthorizePage {
        AuthorizePage::from(&SlackSignInUrlParams {
            client_id: "1111.2222".into(),
            redirect_uri: "https://app.test/signin?x=1&y=2".into(),
            nonce: "n-0S6_WzA2Mj".into(),
            state: "a.b-c_d".into(),
            ..Default::default()
        })
    }

    /// As the npm package reads and builds it.
    fn read_json(text: &str) -> Result<String, Error> {
        super::super::url_from_json(true, &snapshot(SIGN_IN_URL, "params", text)?)
    }

    #[test]
    fn encodes_every_part() {
        let url = build(&AuthorizePage {
            team: Some("T1".into()),
            code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
            ..params()
        });
        assert_eq!(
            url.unwrap(),
            "https://slack.com/openid/connect/authorize?response_type=code&client_id=1111.2222&scope=openid+email+profile\
             &redirect_uri=https%3A%2F%2Fapp.test%2Fsignin%3Fx%3D1%26y%3D2&state=a.b-c_d&nonce=n-0S6_WzA2Mj&team=T1\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
    }

    #[test]
    fn openid_is_always_asked_for() {
        let scope = |scope: Scopes| {
            let url = build(&AuthorizePage { scope: Some(scope), ..params() }).unwrap();
            url.split("&scope=").nth(1).unwrap().split('&').next().unwrap().to_owned()
        };
        assert_eq!(scope(Scopes::Joined("email".into())), "openid+email");
        assert_eq!(scope(Scopes::Joined("profile openid email".into())), "profile+openid+email");
        assert_eq!(scope(Scopes::List(vec!["email".into(), "openid".into()])), "email+openid");
        assert_eq!(scope(Scopes::List(vec!["openid".into()])), "openid");
    }

    #[test]
    fn refuses_what_slack_authorize_url_refuses() {
        for (text, code, field) in [
            (r#"{"client_id":"1","nonce":"n","state":"s"}"#, "missing_param", "redirect_uri"),
            (r#"{"client_id":"1","redirect_uri":"https://a.test/cb","state":"s"}"#, "missing_param", "nonce"),
            (r#"{"client_id":"1","redirect_uri":"https://a.test/cb","nonce":"n"}"#, "missing_param", "state"),
            (r#"{"redirect_uri":"https://a.test/cb","nonce":"n","state":"s"}"#, "missing_param", "client_id"),
            (
                r#"{"client_id":"1","redirect_uri":"https://a.test/cb","nonce":"n","state":"s","user_scope":"x"}"#,
                "unknown_param",
                "user_scope",
            ),
            (
                r#"{"client_id":"1","redirect_uri":"https://a.test/cb","nonce":"n\r\nx","state":"s"}"#,
                "invalid_param",
                "nonce",
            ),
            (
                r#"{"client_id":"1","redirect_uri":"https://a.test/cb","nonce":"n","state":"s","scope":[]}"#,
                "missing_param",
                "scope",
            ),
        ] {
            let error = read_json(text).unwrap_err();
            assert_eq!((error.code.as_str(), error.field.as_deref()), (code, Some(field)), "{text}");
        }
        let relative = build(&AuthorizePage { redirect_uri: Some("/cb".into()), ..params() }).unwrap_err();
        assert_eq!((relative.code.as_str(), relative.field.as_deref()), ("invalid_param", Some("redirect_uri")));
        let plain = build(&AuthorizePage { code_challenge: Some("plain".into()), ..params() }).unwrap_err();
        assert_eq!(plain.field.as_deref(), Some("code_challenge"));
        let remote = build(&AuthorizePage { authorize_url: Some("http://evil.test/a".into()), ..params() });
        assert_eq!(remote.unwrap_err().field.as_deref(), Some("authorize_url"));
        let mock = build(&AuthorizePage {
            authorize_url: Some("http://127.0.0.1:8790/openid/connect/authorize".into()),
            ..params()
        });
        assert!(mock
            .unwrap()
            .starts_with("http://127.0.0.1:8790/openid/connect/authorize?response_type=code&client_id="));
        assert_eq!(relative.method, "slackSignInUrl");
    }
}
