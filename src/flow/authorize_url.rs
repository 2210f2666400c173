//! Slack's authorize URL (<https://docs.slack.dev/authentication/installing-with-oauth>), built
//! from checked, URL-encoded parts.

use super::sign_in_url::{self, DEFAULT_SIGN_IN_URL};
use super::{AUTHORIZE_URL, SIGN_IN_URL};
use crate::base_url::check_url;
use crate::error::Call;
use crate::error::Error;
use crate::json::Json;
use crate::params::{check_text, wrong_type, Param};
use crate::prelude::*;

/// Slack's default authorize endpoint.
pub const DEFAULT_AUTHORIZE_URL: &str = "https://slack.com/oauth/v2/authorize";

/// Scopes as Slack takes them (comma-separated), or as a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scopes {
    /// `"chat:write,commands"`.
    Joined(String),
    /// `["chat:write", "commands"]`.
    List(Vec<String>),
}

impl Param for Scopes {
    const EXPECTED: &'static str = "a string or an array of strings";

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        match value {
            // No scopes at all, as `""` is.
            Json::Array(items) if items.is_empty() => check_text(call, field, "").map(|()| Self::List(Vec::new())),
            Json::Array(items) => {
                items.iter().map(|item| String::read(call, field, item)).collect::<Result<_, _>>().map(Self::List)
            }
            Json::String(_) => String::read(call, field, value).map(Self::Joined),
            _ => Err(wrong_type(call, field, Self::EXPECTED, value)),
        }
    }

    #[cfg(feature = "client")]
    fn check(&self, call: Call, field: &str) -> Result<(), Error> {
        match self {
            Self::List(items) if items.is_empty() => check_text(call, field, ""),
            Self::List(items) => items.iter().try_for_each(|item| item.check(call, field)),
            Self::Joined(scopes) => scopes.check(call, field),
        }
    }
}

impl Scopes {
    /// As Slack takes them: a string as given, a list joined by `separator`.
    pub(super) fn joined(&self, separator: &str) -> String {
        match self {
            Self::Joined(scopes) => scopes.clone(),
            Self::List(scopes) => crate::text::join(scopes.iter().map(String::as_str), separator),
        }
    }
}

crate::params! {
    typescript = SlackAuthorizeUrlParams;
    /// Params of `slackAuthorizeUrl`, read flat; TypeScript sees [`SlackAuthorizeUrlParams`],
    /// which needs `scope`, `user_scope` or both.
    // That type exists with feature `typescript` only; the text is also the .d.ts's.
    #[allow(rustdoc::broken_intra_doc_links)]
    #[derive(Default)]
    pub struct SlackAuthorizeUrlFields {
        /// The app's client id.
        pub client_id: String,
        /// Bot scopes: `"chat:write,commands"` or `["chat:write", "commands"]`.
        #[tsify(type = "string | string[]")]
        pub scope: Option<Scopes>,
        /// User scopes, the same way.
        #[tsify(type = "string | string[]")]
        pub user_scope: Option<Scopes>,
        /// Where Slack sends the user back; must match one of the app's redirect URLs.
        pub redirect_uri: Option<String>,
        /// An opaque value returned with the redirect (use `signState`).
        pub state: Option<String>,
        /// Preselect a workspace (`T…`).
        pub team: Option<String>,
        /// PKCE: the S256 challenge of a verifier (from `pkcePair`); adds `code_challenge_method=S256`.
        pub code_challenge: Option<String>,
        /// Another authorize endpoint (a mock); https only, except loopback.
        pub authorize_url: Option<String>,
    }
}

crate::params! {
    /// Bot scopes (and perhaps user scopes).
    pub struct SlackAuthorizeUrlBotScopes {
        /// Bot scopes: `"chat:write,commands"` or `["chat:write", "commands"]`.
        #[tsify(type = "string | string[]")]
        pub scope: Scopes,
        /// User scopes, the same way.
        #[tsify(type = "string | string[]")]
        pub user_scope: Option<Scopes>,
    }
}

crate::params! {
    /// User scopes only.
    pub struct SlackAuthorizeUrlUserScopes {
        /// User scopes: `"identity.basic"` or `["identity.basic"]`.
        #[tsify(type = "string | string[]")]
        pub user_scope: Scopes,
    }
}

/// The TypeScript type of `slackAuthorizeUrl`'s params: the fields, with `scope`, `user_scope`
/// or both.
#[cfg(feature = "typescript")]
pub struct SlackAuthorizeUrlParams;

#[cfg(feature = "typescript")]
impl crate::typescript::TypeScript for SlackAuthorizeUrlParams {
    const NAME: &'static str = "SlackAuthorizeUrlParams";

    fn declare(out: &mut Vec<&'static str>) {
        let parts: &[fn(&mut Vec<&'static str>)] = &[
            |out| crate::typescript::declare_once(out, <SlackAuthorizeUrlFields as tsify::Tsify>::DECL, &[]),
            <SlackAuthorizeUrlBotScopes as crate::typescript::TypeScript>::declare,
            <SlackAuthorizeUrlUserScopes as crate::typescript::TypeScript>::declare,
        ];
        crate::typescript::declare_once(
            out,
            "/** Params of `slackAuthorizeUrl`: bot scopes, user scopes, or both. */\n\
             export type SlackAuthorizeUrlParams = Omit<SlackAuthorizeUrlFields, \"scope\" | \"user_scope\"> &\n  \
             (SlackAuthorizeUrlBotScopes | SlackAuthorizeUrlUserScopes);",
            parts,
        );
    }
}

crate::params! {
    /// What the params of either of Slack's authorize pages hold, as the npm package reads them:
    /// one reader for `slackAuthorizeUrl` and `slackSignInUrl` (a reader per params struct cost
    /// ~400 B gzip of wasm), each call checking its own keys (those of
    /// [`SlackAuthorizeUrlFields`] or of [`SlackSignInUrlParams`](super::sign_in_url::SlackSignInUrlParams))
    /// and its own required fields.
    #[derive(Default)]
    pub struct AuthorizePage {
        /// The app's client id.
        pub client_id: String,
        /// Bot scopes (install) or OpenID scopes (sign in).
        pub scope: Option<Scopes>,
        /// User scopes (install).
        pub user_scope: Option<Scopes>,
        /// Where Slack sends the user back.
        pub redirect_uri: Option<String>,
        /// An opaque value returned with the redirect.
        pub state: Option<String>,
        /// The OpenID nonce (sign in).
        pub nonce: Option<String>,
        /// Preselect a workspace.
        pub team: Option<String>,
        /// PKCE: an S256 challenge.
        pub code_challenge: Option<String>,
        /// Another authorize endpoint (a mock).
        pub authorize_url: Option<String>,
    }
}

impl From<&SlackAuthorizeUrlFields> for AuthorizePage {
    fn from(params: &SlackAuthorizeUrlFields) -> Self {
        Self {
            client_id: params.client_id.clone(),
            scope: params.scope.clone(),
            user_scope: params.user_scope.clone(),
            redirect_uri: params.redirect_uri.clone(),
            state: params.state.clone(),
            nonce: None,
            team: params.team.clone(),
            code_challenge: params.code_challenge.clone(),
            authorize_url: params.authorize_url.clone(),
        }
    }
}

/// The URL of Slack's install page for `params`, or with `sign_in` of its Sign in with Slack
/// page: one builder, since the two differ only in a few fields (a builder each cost ~300 B gzip
/// of wasm). Both check `redirect_uri` (absolute http(s)) and `code_challenge` (S256), and add
/// `code_challenge_method=S256` after a challenge.
pub fn build(params: &AuthorizePage, sign_in: bool) -> Result<String, Error> {
    let (call, default) = match sign_in {
        true => (SIGN_IN_URL, DEFAULT_SIGN_IN_URL),
        false => (AUTHORIZE_URL, DEFAULT_AUTHORIZE_URL),
    };
    let scope = match sign_in {
        true => Some(sign_in_url::scope(params.scope.as_ref())),
        false => params.scope.as_ref().map(|scope| scope.joined(",")),
    };
    let user_scope = params.user_scope.as_ref().map(|scope| scope.joined(","));
    if !sign_in && scope.is_none() && user_scope.is_none() {
        return Err(call.invalid("scope", "missing_param", "give `scope` (bot scopes) or `user_scope`, or both"));
    }
    // What Sign in with Slack requires beyond the install page (the keys were checked by call).
    let required = [("redirect_uri", &params.redirect_uri), ("state", &params.state), ("nonce", &params.nonce)];
    if let Some((field, _)) = required.iter().find(|(_, value)| sign_in && value.is_none()) {
        return String::absent(call, field);
    }
    if let Some(redirect_uri) = &params.redirect_uri {
        if !(redirect_uri.starts_with("https://") || redirect_uri.starts_with("http://")) {
            return Err(call.invalid(
                "redirect_uri",
                "invalid_param",
                "`redirect_uri` must be an absolute http(s) URL",
            ));
        }
    }
    if let Some(challenge) = &params.code_challenge {
        let base64url = challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if challenge.len() != 43 || !base64url {
            return Err(call.invalid(
                "code_challenge",
                "invalid_param",
                "`code_challenge` must be the 43-character base64url S256 challenge (see pkcePair)",
            ));
        }
    }
    let base = match &params.authorize_url {
        Some(url) => check_url(call, "authorize_url", url)?,
        None => default.to_owned(),
    };
    let fields = [
        ("response_type", sign_in.then_some("code")),
        ("client_id", Some(params.client_id.as_str())),
        ("scope", scope.as_deref()),
        ("user_scope", user_scope.as_deref()),
        ("redirect_uri", params.redirect_uri.as_deref()),
        ("state", params.state.as_deref()),
        ("nonce", params.nonce.as_deref()),
        ("team", params.team.as_deref()),
        ("code_challenge", params.code_challenge.as_deref()),
        ("code_challenge_method", params.code_challenge.as_ref().map(|_| "S256")),
    ];
    Ok(crate::text!(base, "?", crate::encoding::form(fields)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn install(params: &AuthorizePage) -> Result<String, Error> {
        build(params, false)
    }

    fn params() -> AuthorizePage {
        AuthorizePage {
            client_id: "1111.2222".into(),
            scope: Some(Scopes::Joined("chat:write,commands".into())),
            ..Default::default()
        }
    }

    #[test]
    fn encodes_every_part() {
        let url = install(&AuthorizePage {
            user_scope: Some(Scopes::List(vec!["identity.basic".into(), "identity.email".into()])),
            redirect_uri: Some("https://app.test/cb?x=1&y=2".into()),
            state: Some("a.b-c_d".into()),
            team: Some("T1".into()),
            code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM".into()),
            ..params()
        })
        .unwrap();
        assert_eq!(
            url,
            "https://slack.com/oauth/v2/authorize?client_id=1111.2222&scope=chat%3Awrite%2Ccommands\
             &user_scope=identity.basic%2Cidentity.email&redirect_uri=https%3A%2F%2Fapp.test%2Fcb%3Fx%3D1%26y%3D2&state=a.b-c_d\
             &team=T1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
    }

    #[test]
    fn another_endpoint_for_mocks() {
        let url = install(&AuthorizePage {
            authorize_url: Some("http://127.0.0.1:8790/oauth/v2/authorize".into()),
            ..params()
        });
        assert!(url.unwrap().starts_with("http://127.0.0.1:8790/oauth/v2/authorize?client_id="));
        let remote = install(&AuthorizePage { authorize_url: Some("http://evil.test/authorize".into()), ..params() });
        assert_eq!(remote.unwrap_err().field.as_deref(), Some("authorize_url"));
    }

    #[test]
    fn rejects_what_slack_would() {
        for empty in [Json::String("".into()), Json::Array(Vec::new())] {
            let error = Scopes::read(AUTHORIZE_URL, "scope", &empty).unwrap_err();
            assert_eq!((error.code.as_str(), error.field.as_deref()), ("missing_param", Some("scope")));
        }
        let no_scope = install(&AuthorizePage { scope: None, ..params() }).unwrap_err();
        assert_eq!((no_scope.code.as_str(), no_scope.field.as_deref()), ("missing_param", Some("scope")));
        let relative = install(&AuthorizePage { redirect_uri: Some("/cb".into()), ..params() }).unwrap_err();
        assert_eq!(relative.field.as_deref(), Some("redirect_uri"));
        let plain = install(&AuthorizePage { code_challenge: Some("plain-verifier".into()), ..params() });
        assert_eq!(plain.unwrap_err().field.as_deref(), Some("code_challenge"));
        let text = crate::json::parse(r#"{"client_id":"1","scope":["a",""],"state":"a\r\nb"}"#).unwrap();
        let injected = crate::params::read::<SlackAuthorizeUrlFields>(AUTHORIZE_URL, "params", &text);
        assert_eq!(injected.unwrap_err().field.as_deref(), Some("scope"));
    }
}
