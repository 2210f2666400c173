//! `oauth.access` (legacy) and `oauth.v2.access` (code, PKCE, token rotation): the code exchange.
//! Client credentials travel as HTTP Basic auth, never in the body.

use super::form::{flag, form_method, Field, Form, Role};
use super::{OAuthAccessResponse, OAuthV2AccessResponse, SlackConfig};
use crate::endpoint::ClientConfig;
use crate::error::{Call, Error};
use crate::http::{form_body, Auth, HttpRequest, Method, RetryClass};
use crate::json::Json;
use crate::prelude::*;
use crate::secret::Secret;

crate::params! {
    /// Params of [`oauth.access`](https://docs.slack.dev/reference/methods/oauth.access).
    #[derive(Default)]
    pub struct OAuthAccessArguments {
        /// The app's client id.
        pub client_id: String,
        /// The app's client secret (sent as HTTP Basic auth).
        pub client_secret: Secret,
        /// The code from the redirect.
        pub code: Secret,
        /// Must match the `redirect_uri` of the authorize request, if one was given there.
        pub redirect_uri: Option<String>,
        /// Workspace apps: install into a single channel.
        pub single_channel: Option<bool>,
    }
}

crate::params! {
    typescript = super::shapes::OAuthV2AccessArguments;
    /// Params of [`oauth.v2.access`](https://docs.slack.dev/reference/methods/oauth.v2.access), read
    /// flat; TypeScript sees the union of its grants (`shapes.rs`).
    #[derive(Default)]
    pub struct OAuthV2AccessArguments {
        /// The app's client id.
        pub client_id: String,
        /// The app's client secret (sent as HTTP Basic auth); optional with a `code_verifier`.
        pub client_secret: Option<Secret>,
        /// The code from the redirect (grant `authorization_code`).
        pub code: Option<Secret>,
        /// Must match the `redirect_uri` of the authorize request, if one was given there.
        pub redirect_uri: Option<String>,
        /// PKCE (RFC 7636): the verifier whose challenge went to the authorize URL.
        pub code_verifier: Option<Secret>,
        /// `authorization_code` (the default) or `refresh_token` (token rotation).
        #[tsify(type = "\"authorization_code\" | \"refresh_token\"")]
        pub grant_type: Option<String>,
        /// With `grant_type: "refresh_token"`: the refresh token to spend.
        pub refresh_token: Option<Secret>,
    }
}

form_method!(
    OAuthAccess,
    "oauth.access",
    OAuthAccessArguments,
    OAuthAccessResponse,
    Form {
        fields: &[
            Field { key: "client_id", role: Role::User, optional: false },
            Field { key: "client_secret", role: Role::Secret, optional: false },
            Field { key: "code", role: Role::Form, optional: false },
            Field { key: "redirect_uri", role: Role::Form, optional: true },
            Field { key: "single_channel", role: Role::Flag, optional: true },
        ],
        retry: RetryClass::Spends,
        one_of: None,
    },
    |params| {
        [
            Some(params.client_id.as_str()),
            Some(params.client_secret.secret()),
            Some(params.code.secret()),
            params.redirect_uri.as_deref(),
            params.single_channel.map(flag),
        ]
    },
    |answer| answer.has_text("access_token") || answer.given("bot").is_some_and(|bot| bot.has_text("bot_access_token"))
);

/// The two grants `oauth.v2.access` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grant {
    AuthorizationCode,
    RefreshToken,
}

/// Implements [`Endpoint`] for a method that takes `oauth.v2.access`'s params (a code or refresh
/// grant): its call name, answer, and the answer's token check. The request is the same.
macro_rules! grant_method {
    ($(#[$doc:meta])* $endpoint:ident, $method:literal, $response:ty, $has_token:expr) => {
        $(#[$doc])*
        pub struct $endpoint;

        impl $crate::endpoint::Endpoint for $endpoint {
            type Config = $crate::slack::SlackConfig;
            type Params = $crate::slack::oauth::OAuthV2AccessArguments;
            type Response = $response;
            const CALL: $crate::error::Call = $crate::error::Call::new($crate::error::Provider::Slack, $method);

            fn request(
                config: &$crate::slack::SlackConfig,
                params: Self::Params,
            ) -> Result<$crate::http::HttpRequest, $crate::error::Error> {
                $crate::slack::oauth::grant_request(Self::CALL, config, params)
            }

            fn prepare(
                client: &$crate::json::Json,
                params: &$crate::json::Json,
            ) -> Result<$crate::http::HttpRequest, $crate::error::Error> {
                $crate::slack::oauth::prepare_grant(Self::CALL, client, params)
            }

            fn decode(response: &$crate::http::HttpResponse) -> Result<(), $crate::error::Error> {
                let shape = &<$response as $crate::view::View>::SHAPE;
                $crate::slack::decode(Self::CALL, response, shape, $has_token)
            }
        }
    };
}
pub(super) use grant_method;

grant_method!(
    /// The `oauth.v2.access` method.
    OAuthV2Access,
    "oauth.v2.access",
    OAuthV2AccessResponse,
    has_v2_token
);

/// Whether a v2 answer carries a token: the bot's at the top level, or the user's.
pub(super) fn has_v2_token(answer: &Json) -> bool {
    answer.has_text("access_token") || answer.given("authed_user").is_some_and(|user| user.has_text("access_token"))
}

/// [`grant_request`] from the facade's copy: one copy in the wasm for every method taking
/// `oauth.v2.access`'s params (`openid.connect.token` takes them too).
#[inline(never)]
pub(super) fn prepare_grant(call: Call, client: &Json, params: &Json) -> Result<HttpRequest, Error> {
    grant_request(call, &SlackConfig::from_checked(client), crate::params::read(call, "params", params)?)
}

/// The request of a code or refresh grant for `call` (`oauth.v2.access`, `openid.connect.token`):
/// the grant's checks, client credentials as HTTP Basic (a PKCE public client names itself in
/// the body instead), and what the call spends.
pub(super) fn grant_request(
    call: Call,
    config: &SlackConfig,
    params: OAuthV2AccessArguments,
) -> Result<HttpRequest, Error> {
    let grant = grant_of(call, &params)?;
    if let Some(verifier) = &params.code_verifier {
        check_code_verifier(call, verifier.secret())?;
    }
    let auth = match params.client_secret {
        Some(secret) => {
            config.guard.check(call, "client_secret")?;
            Auth::Basic { user: params.client_id.clone(), password: secret }
        }
        None if params.code_verifier.is_some() && grant == Grant::AuthorizationCode => Auth::None,
        None => {
            let why = match grant {
                Grant::AuthorizationCode => "`client_secret` is required unless a PKCE `code_verifier` is given",
                Grant::RefreshToken => "`client_secret` is required with grant_type: \"refresh_token\"",
            };
            return Err(call.invalid("client_secret", "missing_param", why));
        }
    };
    // A public client has no secret to authenticate with, so it names itself in the body.
    let public_client_id = matches!(auth, Auth::None).then_some(params.client_id.as_str());
    let form = form_body([
        ("client_id", public_client_id),
        ("grant_type", params.grant_type.as_deref()),
        ("code", params.code.as_ref().map(Secret::secret)),
        ("redirect_uri", params.redirect_uri.as_deref()),
        ("code_verifier", params.code_verifier.as_ref().map(Secret::secret)),
        ("refresh_token", params.refresh_token.as_ref().map(Secret::secret)),
    ]);
    Ok(HttpRequest {
        method: Method::Post,
        url: config.method_url(call.method),
        auth,
        form: Some(form),
        retry: if grant == Grant::RefreshToken { RetryClass::Rotates } else { RetryClass::Spends },
    })
}

/// Which grant the params ask for, and whether they carry what it needs and nothing it forbids.
fn grant_of(call: Call, params: &OAuthV2AccessArguments) -> Result<Grant, Error> {
    let grant = match params.grant_type.as_deref() {
        None | Some("authorization_code") => Grant::AuthorizationCode,
        Some("refresh_token") => Grant::RefreshToken,
        Some(_) => {
            return Err(call.invalid(
                "grant_type",
                "invalid_param",
                "`grant_type` must be \"authorization_code\" or \"refresh_token\"",
            ))
        }
    };
    let unexpected = |field: &str, why: &str| call.invalid(field, "invalid_param", crate::text!("`", field, "` ", why));
    match grant {
        Grant::AuthorizationCode if params.refresh_token.is_some() => {
            Err(unexpected("refresh_token", "needs grant_type: \"refresh_token\""))
        }
        Grant::AuthorizationCode if params.code.is_none() => {
            Err(call.invalid("code", "missing_param", "`code` is required"))
        }
        Grant::RefreshToken if params.refresh_token.is_none() => Err(call.invalid(
            "refresh_token",
            "missing_param",
            "`refresh_token` is required with grant_type: \"refresh_token\"",
        )),
        Grant::RefreshToken if params.code.is_some() => {
            Err(unexpected("code", "is not used with grant_type: \"refresh_token\""))
        }
        Grant::RefreshToken if params.code_verifier.is_some() => {
            Err(unexpected("code_verifier", "is not used with grant_type: \"refresh_token\""))
        }
        Grant::RefreshToken if params.redirect_uri.is_some() => {
            Err(unexpected("redirect_uri", "is not used with grant_type: \"refresh_token\""))
        }
        _ => Ok(grant),
    }
}

/// RFC 7636 §4.1: 43 to 128 characters of `[A-Za-z0-9-._~]`.
fn check_code_verifier(call: Call, verifier: &str) -> Result<(), Error> {
    let valid_chars = verifier.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    if (43..=128).contains(&verifier.len()) && valid_chars {
        Ok(())
    } else {
        Err(call.invalid(
            "code_verifier",
            "invalid_param",
            "`code_verifier` must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636)",
        ))
    }
}
