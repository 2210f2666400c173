//! Sign in with Slack's id_token ([OpenID Connect Core 1.0 §3.1.3.7]): the options of its check,
//! its claims, and the checks of a compact JWS's header and claims as pure functions. The Rust
//! client (`client::id_token`) verifies the RS256 signature between the two; the npm package
//! runs the same checks in JS (`js/id_token.mjs`), where they cost fewer bytes than a wasm export.
//! Both refuse with the same `code`s, each a validation error on `id_token`:
//!
//! | code | the id_token |
//! |---|---|
//! | `malformed_id_token` | is not a compact JWS of JSON objects (three base64url parts, at most 8192 characters), or has no `sub` |
//! | `unsupported_alg` | is not RS256 (`none`, `HS256`, `RS384`, …) |
//! | `unknown_key` | names a `kid` the JWKS has not, even after a refetch |
//! | `bad_signature` | is not signed by that key (an altered payload, another key) |
//! | `wrong_issuer` | has an `iss` other than `https://slack.com` |
//! | `wrong_audience` | has an `aud` that is not (or does not hold) `client_id` |
//! | `expired_id_token` | has an `exp` in the past (minus the skew), or none |
//! | `id_token_from_future` | has an `iat` in the future (plus the skew), or none |
//! | `nonce_mismatch` | has another `nonce` than the one given, or none |
//!
//! [OpenID Connect Core 1.0 §3.1.3.7]: https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation

use crate::encoding::from_base64url;
use crate::error::{Call, Error, Provider};
use crate::json::{parse, Json};
use crate::prelude::*;

/// The errors' `method`.
pub const VERIFY_ID_TOKEN: Call = Call::new(Provider::Slack, "verifySlackIdToken");
/// Slack's `iss`.
pub const ISSUER: &str = "https://slack.com";
/// Where Slack publishes its signing keys (a JWKS).
pub const DEFAULT_JWKS_URL: &str = "https://slack.com/openid/connect/keys";
/// The longest id_token read: Slack's are about 1 KB.
pub const MAX_ID_TOKEN_CHARS: usize = 8192;
/// The clock skew allowed on `exp` and `iat` by default, and at most, in seconds.
pub const CLOCK_SKEW_SECONDS: [u32; 2] = [60, 300];
/// A JWKS is fetched again for an unknown `kid` at most this often (a key rotation), in ms.
pub const JWKS_REFETCH_MS: u64 = 60_000;

crate::params! {
    /// Options of `verifySlackIdToken(id_token, options)`.
    #[derive(Default, Clone)]
    pub struct VerifySlackIdTokenOptions {
        /// The app's client id: the `aud` the id_token must have.
        pub client_id: String,
        /// The nonce sent to the authorize URL; when given, the id_token must carry it.
        pub nonce: Option<String>,
        /// Where to fetch the signing keys; default `https://slack.com/openid/connect/keys`.
        /// https only, except loopback.
        pub jwks_url: Option<String>,
        /// Seconds of clock difference allowed on `exp` and `iat`: 0 to 300, default 60.
        pub clock_skew_seconds: Option<u32>,
    }
}

/// `aud`: Slack's is the client id; OpenID Connect allows a list of audiences holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(untagged))]
pub enum Audience {
    /// One audience.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl Audience {
    /// Whether `client_id` is (one of) the audience.
    pub fn holds(&self, client_id: &str) -> bool {
        match self {
            Audience::One(audience) => audience == client_id,
            Audience::Many(audiences) => audiences.iter().any(|audience| audience == client_id),
        }
    }

    fn of(value: &Json) -> Option<Self> {
        match value {
            Json::String(audience) => Some(Audience::One(audience.to_string())),
            Json::Array(items) => {
                items.iter().map(|item| item.as_str().map(str::to_owned)).collect::<Option<_>>().map(Audience::Many)
            }
            _ => None,
        }
    }
}

#[cfg(feature = "typescript")]
impl crate::typescript::TypeScript for Audience {}

#[cfg(feature = "client")]
impl crate::client::FromJson for Audience {
    fn from_json(value: &Json) -> Option<Self> {
        Audience::of(value)
    }
}

crate::view! {
    untabled
    /// The claims of a verified Sign in with Slack id_token
    /// ([Slack's docs](https://docs.slack.dev/authentication/sign-in-with-slack/)).
    pub struct SlackIdTokenClaims {
        /// Always `https://slack.com`.
        pub iss: String,
        /// The user, as OpenID's subject (Slack's user id).
        pub sub: String,
        /// The app's client id.
        #[tsify(type = "string | string[]")]
        pub aud: Audience,
        /// When the token expires, in Unix seconds.
        pub exp: u64,
        /// When it was issued, in Unix seconds.
        pub iat: u64,
        /// When the user signed in, in Unix seconds.
        pub auth_time: Option<u64>,
        /// The nonce of the authorize URL.
        pub nonce: Option<String>,
        /// Half the SHA-256 of the access token, base64url.
        pub at_hash: Option<String>,
        /// The user's id (`U…`).
        pub user_id: Option<String> as "https://slack.com/user_id",
        /// The workspace's id (`T…`).
        pub team_id: Option<String> as "https://slack.com/team_id",
        /// The user's email, with the `email` scope.
        pub email: Option<String>,
        /// Whether Slack verified that email.
        pub email_verified: Option<bool>,
        /// When it was verified, in Unix seconds.
        pub date_email_verified: Option<u64>,
        /// The user's name, with the `profile` scope.
        pub name: Option<String>,
        /// The user's picture (a URL).
        pub picture: Option<String>,
        /// The user's given name.
        pub given_name: Option<String>,
        /// The user's family name.
        pub family_name: Option<String>,
        /// The user's locale, e.g. `en-US`.
        pub locale: Option<String>,
        /// The workspace's name.
        pub team_name: Option<String> as "https://slack.com/team_name",
        /// The workspace's domain (`<domain>.slack.com`).
        pub team_domain: Option<String> as "https://slack.com/team_domain",
        /// The workspace's image, 230 pixels (a URL).
        pub team_image_230: Option<String> as "https://slack.com/team_image_230",
        /// Whether the workspace's image is Slack's default.
        pub team_image_default: Option<bool> as "https://slack.com/team_image_default",
    }
}

/// A refusal of the id_token: `why` follows "the id_token", as in the npm package's messages.
fn refusal(code: &str, why: &str) -> Error {
    VERIFY_ID_TOKEN.invalid("id_token", code, crate::text!("the id_token ", why))
}

/// Checks the options as `verifySlackIdToken` does, and answers the JWKS URL and the skew.
pub fn check_options(options: &VerifySlackIdTokenOptions) -> Result<(String, u32), Error> {
    let texts = [
        ("client_id", Some(&options.client_id)),
        ("nonce", options.nonce.as_ref()),
        ("jwks_url", options.jwks_url.as_ref()),
    ];
    for (field, text) in texts {
        if text.is_some_and(String::is_empty) {
            return Err(VERIFY_ID_TOKEN.invalid(field, "missing_param", crate::text!("`", field, "` is required")));
        }
    }
    let url = match &options.jwks_url {
        Some(url) => crate::base_url::check_url(VERIFY_ID_TOKEN, "jwks_url", url)?,
        None => DEFAULT_JWKS_URL.to_owned(),
    };
    let [default_skew, max_skew] = CLOCK_SKEW_SECONDS;
    let skew = options.clock_skew_seconds.unwrap_or(default_skew);
    if skew > max_skew {
        let message = "`clock_skew_seconds` must be a whole number from 0 to 300";
        return Err(VERIFY_ID_TOKEN.invalid("clock_skew_seconds", "invalid_param", message));
    }
    Ok((url, skew))
}

/// A compact JWS (RFC 7515 §7.1), split and decoded; nothing in it is trusted yet.
pub struct CompactJws<'a> {
    header: String,
    claims: String,
    /// `header.payload` as sent: what the signature covers.
    pub signed: &'a str,
    /// The signature's bytes.
    pub signature: Vec<u8>,
}

impl<'a> CompactJws<'a> {
    /// Splits `token` into three base64url parts whose first two are JSON objects.
    pub fn parse(token: &'a str) -> Result<Self, Error> {
        let malformed =
            || refusal("malformed_id_token", "must be a compact JWS of JSON objects, at most 8192 characters");
        if token.encode_utf16().count() > MAX_ID_TOKEN_CHARS {
            return Err(malformed());
        }
        let mut parts = token.split('.');
        let (Some(header), Some(claims), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(malformed());
        };
        let object = |part: &str| {
            let text =
                from_base64url(part).filter(|_| !part.is_empty()).and_then(|bytes| String::from_utf8(bytes).ok())?;
            matches!(parse(&text), Ok(Json::Object(_))).then_some(text)
        };
        let (Some(header_json), Some(claims_json), Some(signature)) =
            (object(header), object(claims), from_base64url(signature))
        else {
            return Err(malformed());
        };
        let signed = token.get(..header.len() + 1 + claims.len()).unwrap_or_default();
        Ok(Self { header: header_json, claims: claims_json, signed, signature })
    }

    /// The header's `kid`, once its `alg` is RS256.
    pub fn key_id(&self) -> Result<String, Error> {
        let header = parse(&self.header).map_err(|_| refusal("malformed_id_token", "has a header that is not JSON"))?;
        if header.str_at("alg") != Some("RS256") {
            return Err(refusal("unsupported_alg", "must be signed with RS256"));
        }
        let kid = header.str_at("kid").ok_or_else(unknown_key)?;
        Ok(kid.to_owned())
    }

    /// The claims as JSON text, once they pass the checks of `iss`, `aud`, `exp`, `iat`, `nonce`
    /// and `sub` at `now_seconds` (Unix). Call it only after the signature is verified.
    pub fn checked_claims(
        &self,
        options: &VerifySlackIdTokenOptions,
        skew: u32,
        now_seconds: f64,
    ) -> Result<&str, Error> {
        let claims = parse(&self.claims).map_err(|_| refusal("malformed_id_token", "has claims that are not JSON"))?;
        let number = |key| match claims.get(key) {
            Some(Json::Number(text)) => text.parse::<f64>().ok(),
            _ => None,
        };
        let skew = f64::from(skew);
        if claims.get("iss").and_then(Json::as_str) != Some(ISSUER) {
            return Err(refusal("wrong_issuer", "must have `iss` https://slack.com"));
        }
        if !claims.get("aud").and_then(Audience::of).is_some_and(|audience| audience.holds(&options.client_id)) {
            return Err(refusal("wrong_audience", "must have `aud` `client_id`"));
        }
        if !number("exp").is_some_and(|exp| exp > now_seconds - skew) {
            return Err(refusal("expired_id_token", "is expired, or has no `exp`"));
        }
        if !number("iat").is_some_and(|iat| iat <= now_seconds + skew) {
            return Err(refusal("id_token_from_future", "is issued in the future, or has no `iat`"));
        }
        if options.nonce.as_ref().is_some_and(|nonce| claims.str_at("nonce") != Some(nonce)) {
            return Err(refusal("nonce_mismatch", "must have the `nonce` given"));
        }
        if claims.str_at("sub").is_none() {
            return Err(refusal("malformed_id_token", "has no `sub`"));
        }
        Ok(&self.claims)
    }
}

/// The refusal of a `kid` that no key of the JWKS has.
pub fn unknown_key() -> Error {
    refusal("unknown_key", "names a `kid` Slack's JWKS has not")
}
