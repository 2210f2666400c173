//! Slack's authorize URL (<https://docs.slack.dev/authentication/installing-with-oauth>), built
//! from checked, URL-encoded parts.

use super::AUTHORIZE_URL;
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
    fn joined(&self) -> String {
        match self {
            Self::Joined(scopes) => scopes.clone(),
            Self::List(scopes) => crate::text::join(scopes.iter().map(String::as_str), ","),
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

/// The authorize URL for `params`.
pub fn build(params: &SlackAuthorizeUrlFields) -> Result<String, Error> {
    let call = AUTHORIZE_URL;
    let scope = params.scope.as_ref().map(Scopes::joined);
    let user_scope = params.user_scope.as_ref().map(Scopes::joined);
    let optional = [
        ("scope", scope.as_deref()),
        ("user_scope", user_scope.as_deref()),
        ("redirect_uri", params.redirect_uri.as_deref()),
        ("state", params.state.as_deref()),
        ("team", params.team.as_deref()),
        ("code_challenge", params.code_challenge.as_deref()),
    ];
    if scope.is_none() && user_scope.is_none() {
        return Err(call.invalid("scope", "missing_param", "give `scope` (bot scopes) or `user_scope`, or both"));
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
        None => DEFAULT_AUTHORIZE_URL.to_owned(),
    };
    let method = params.code_challenge.is_some().then_some("S256");
    let fields = [("client_id", Some(params.client_id.as_str()))].into_iter().chain(optional);
    let query = crate::encoding::form(fields.chain([("code_challenge_method", method)]));
    Ok(crate::text!(base, "?", query))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> SlackAuthorizeUrlFields {
        SlackAuthorizeUrlFields {
            client_id: "1111.2222".into(),
            scope: Some(Scopes::Joined("chat:write,commands".into())),
            ..Default::default()
        }
    }

    #[test]
    fn encodes_every_part() {
        let url = build(&SlackAuthorizeUrlFields {
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
        let url = build(&SlackAuthorizeUrlFields {
            authorize_url: Some("http://127.0.0.1:8790/oauth/v2/authorize".into()),
            ..params()
        });
        assert!(url.unwrap().starts_with("http://127.0.0.1:8790/oauth/v2/authorize?client_id="));
        let remote =
            build(&SlackAuthorizeUrlFields { authorize_url: Some("http://evil.test/authorize".into()), ..params() });
        assert_eq!(remote.unwrap_err().field.as_deref(), Some("authorize_url"));
    }

    #[test]
    fn rejects_what_slack_would() {
        for empty in [Json::String("".into()), Json::Array(Vec::new())] {
            let error = Scopes::read(AUTHORIZE_URL, "scope", &empty).unwrap_err();
            assert_eq!((error.code.as_str(), error.field.as_deref()), ("missing_param", Some("scope")));
        }
        let no_scope = build(&SlackAuthorizeUrlFields { scope: None, ..params() }).unwrap_err();
        assert_eq!((no_scope.code.as_str(), no_scope.field.as_deref()), ("missing_param", Some("scope")));
        let relative = build(&SlackAuthorizeUrlFields { redirect_uri: Some("/cb".into()), ..params() }).unwrap_err();
        assert_eq!(relative.field.as_deref(), Some("redirect_uri"));
        let plain = build(&SlackAuthorizeUrlFields { code_challenge: Some("plain-verifier".into()), ..params() });
        assert_eq!(plain.unwrap_err().field.as_deref(), Some("code_challenge"));
        let text = crate::json::parse(r#"{"client_id":"1","scope":["a",""],"state":"a\r\nb"}"#).unwrap();
        let injected = crate::params::read::<SlackAuthorizeUrlFields>(AUTHORIZE_URL, "params", &text);
        assert_eq!(injected.unwrap_err().field.as_deref(), Some("scope"));
    }
}
