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

crate::slack::slack_identity_view! {
    untabled
    /// The claims of a verified Sign in with Slack id_token
    /// ([Slack's docs](https://docs.slack.dev/authentication/sign-in-with-slack/)).
    pub struct SlackIdTokenClaims {
        /// Always `https://slack.com`.
        pub iss: String,
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
    }
}

/// A refusal of `field`: its message names the field and the code, as the npm package's do.
fn refused(field: &str, code: &str) -> Error {
    VERIFY_ID_TOKEN.invalid(field, code, crate::text!("`", field, "` is refused: ", code))
}

/// A refusal of the id_token.
fn refusal(code: &str) -> Error {
    refused("id_token", code)
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
            return Err(refused(field, "missing_param"));
        }
    }
    let url = match &options.jwks_url {
        Some(url) => crate::base_url::check_url(VERIFY_ID_TOKEN, "jwks_url", url)?,
        None => DEFAULT_JWKS_URL.to_owned(),
    };
    let [default_skew, max_skew] = CLOCK_SKEW_SECONDS;
    let skew = options.clock_skew_seconds.unwrap_or(default_skew);
    if skew > max_skew {
        return Err(refused("clock_skew_seconds", "invalid_param"));
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
        let malformed = || refusal("malformed_id_token");
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
        let header = parse(&self.header).map_err(|_| refusal("malformed_id_token"))?;
        if header.str_at("alg") != Some("RS256") {
            return Err(refusal("unsupported_alg"));
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
        let claims = parse(&self.claims).map_err(|_| refusal("malformed_id_token"))?;
        let number = |key| match claims.get(key) {
            Some(Json::Number(text)) => text.parse::<f64>().ok(),
            _ => None,
        };
        let skew = f64::from(skew);
        if claims.get("iss").and_then(Json::as_str) != Some(ISSUER) {
            return Err(refusal("wrong_issuer"));
        }
        if !claims.get("aud").and_then(Audience::of).is_some_and(|audience| audience.holds(&options.client_id)) {
            return Err(refusal("wrong_audience"));
        }
        if !number("exp").is_some_and(|exp| exp > now_seconds - skew) {
            return Err(refusal("expired_id_token"));
        }
        if !number("iat").is_some_and(|iat| iat <= now_seconds + skew) {
            return Err(refusal("id_token_from_future"));
        }
        if options.nonce.as_ref().is_some_and(|nonce| claims.str_at("nonce") != Some(nonce)) {
            return Err(refusal("nonce_mismatch"));
        }
        if claims.str_at("sub").is_none() {
            return Err(refusal("malformed_id_token"));
        }
        Ok(&self.claims)
    }
}

/// The refusal of a `kid` that no key of the JWKS has.
pub fn unknown_key() -> Error {
    refusal("unknown_key")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::base64url;

    fn token(header: &str, claims: &str, signature: &str) -> String {
        crate::text!(base64url(header.as_bytes()), ".", base64url(claims.as_bytes()), ".", signature)
    }

    fn options() -> VerifySlackIdTokenOptions {
        VerifySlackIdTokenOptions { client_id: "1111.2222".into(), nonce: Some("n".into()), ..Default::default() }
    }

    fn code(result: Result<impl Sized, Error>) -> String {
        let error = result.err().expect("a refusal");
        assert_eq!((error.method, error.kind), ("verifySlackIdToken", crate::error::ErrorKind::Validation));
        error.code.clone()
    }

    #[test]
    fn options_default_to_slacks_keys_and_a_minute_of_skew() {
        assert_eq!(check_options(&options()).unwrap(), (DEFAULT_JWKS_URL.to_owned(), 60));
        let local = VerifySlackIdTokenOptions {
            jwks_url: Some("http://127.0.0.1:8790/keys".into()),
            clock_skew_seconds: Some(300),
            ..options()
        };
        assert_eq!(check_options(&local).unwrap(), ("http://127.0.0.1:8790/keys".to_owned(), 300));
        for (bad, field, expected) in [
            (VerifySlackIdTokenOptions { client_id: String::new(), ..options() }, "client_id", "missing_param"),
            (VerifySlackIdTokenOptions { nonce: Some(String::new()), ..options() }, "nonce", "missing_param"),
            (
                VerifySlackIdTokenOptions { jwks_url: Some("http://slack.com/keys".into()), ..options() },
                "jwks_url",
                "invalid_param",
            ),
            (
                VerifySlackIdTokenOptions { clock_skew_seconds: Some(301), ..options() },
                "clock_skew_seconds",
                "invalid_param",
            ),
        ] {
            let error = check_options(&bad).unwrap_err();
            assert_eq!((error.field.as_deref(), error.code.as_str()), (Some(field), expected));
        }
    }

    #[test]
    fn only_compact_jws_of_json_objects_within_the_cap_parse() {
        let good = token(r#"{"alg":"RS256","kid":"k"}"#, r#"{"sub":"U"}"#, "c2ln");
        let parsed = CompactJws::parse(&good).unwrap();
        assert_eq!((parsed.key_id().unwrap().as_str(), parsed.signature.as_slice()), ("k", &b"sig"[..]));
        assert_eq!(parsed.signed, &good[..good.rfind('.').unwrap()]);
        let long = token(r#"{"alg":"RS256"}"#, &crate::text!(r#"{"x":""#, "y".repeat(MAX_ID_TOKEN_CHARS), r#""}"#), "");
        for bad in [
            "not-a-jwt".to_owned(),
            "a.b".to_owned(),
            crate::text!(good, ".x"),
            token("[1]", "{}", ""),
            token("{}", "{oops", ""),
            token("{}", "{}", "abcde"),
            crate::text!(base64url(b"{}"), "=.", base64url(b"{}"), "."),
            long,
        ] {
            assert_eq!(code(CompactJws::parse(&bad)), "malformed_id_token", "{bad}");
        }
    }

    #[test]
    fn only_rs256_with_a_kid_is_looked_up() {
        for (header, expected) in [
            (r#"{"alg":"none","kid":"k"}"#, "unsupported_alg"),
            (r#"{"alg":"HS256","kid":"k"}"#, "unsupported_alg"),
            (r#"{"kid":"k"}"#, "unsupported_alg"),
            (r#"{"alg":"RS256"}"#, "unknown_key"),
            (r#"{"alg":"RS256","kid":7}"#, "unknown_key"),
        ] {
            assert_eq!(code(CompactJws::parse(&token(header, "{}", "")).unwrap().key_id()), expected, "{header}");
        }
    }

    #[test]
    fn claims_are_checked_in_order_with_the_skew() {
        let now = 1_700_000_000.0;
        let check = |claims: &str| {
            let token = token(r#"{"alg":"RS256","kid":"k"}"#, claims, "");
            let jws = CompactJws::parse(&token).unwrap();
            jws.checked_claims(&options(), 60, now).map(str::to_owned)
        };
        let good =
            r#"{"iss":"https://slack.com","aud":"1111.2222","exp":1700000001,"iat":1700000000,"nonce":"n","sub":"U"}"#;
        assert_eq!(check(good).unwrap(), good);
        let with = |from: &str, to: &str| check(&good.replace(from, to));
        assert_eq!(with(r#""aud":"1111.2222""#, r#""aud":["x","1111.2222"]"#).map(|_| ()), Ok(()));
        assert_eq!(with(r#""exp":1700000001"#, r#""exp":1699999941"#).map(|_| ()), Ok(()), "within the skew");
        assert_eq!(with(r#""exp":1700000001"#, r#""exp":1.7e9"#).map(|_| ()), Ok(()), "a NumericDate may be a float");
        for (from, to, expected) in [
            (r#""iss":"https://slack.com""#, r#""iss":"https://slack.com/""#, "wrong_issuer"),
            (r#""aud":"1111.2222""#, r#""aud":["x"]"#, "wrong_audience"),
            (r#""aud":"1111.2222""#, r#""aud":1111.2222"#, "wrong_audience"),
            (r#""exp":1700000001"#, r#""exp":1699999940"#, "expired_id_token"),
            (r#""exp":1700000001"#, r#""exp":"1800000000""#, "expired_id_token"),
            (r#""iat":1700000000"#, r#""iat":1700000061"#, "id_token_from_future"),
            (r#""nonce":"n""#, r#""nonce":"m""#, "nonce_mismatch"),
            (r#","nonce":"n""#, "", "nonce_mismatch"),
            (r#","sub":"U""#, "", "malformed_id_token"),
        ] {
            assert_eq!(code(with(from, to)), expected, "{to}");
        }
    }
}
