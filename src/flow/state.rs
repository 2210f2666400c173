//! Signed, expiring `state` values: `base64url(payload) "." base64url(HMAC-SHA256(secret,
//! base64url(payload)))`, where the payload is JSON `{ v, iat, exp, n, d }` (version, issued-at
//! and expiry in Unix seconds, a random nonce, the caller's data). The HMAC comes from WebCrypto,
//! in the facade (the wasm carries no SHA-256); the format, the checks and the constant-time
//! comparison are here.

use super::{base64url, from_base64url, SIGN_STATE, VERIFY_STATE};
use crate::error::Call;
use crate::error::Error;
use crate::json::{member_text, parse, Json, Writer};
use crate::options::whole;
use crate::params::{wrong_type, Param};
use crate::prelude::*;

/// How long a state lives by default: long enough to read Slack's consent screen.
pub const DEFAULT_TTL_SECONDS: u32 = 600;
/// The longest a state may live.
pub const MAX_TTL_SECONDS: u32 = 86_400;
/// `data` travels in a URL; keep it small.
pub const MAX_DATA_BYTES: usize = 2048;
/// A shorter HMAC key is guessable offline from one signed state.
pub const MIN_SECRET_BYTES: usize = 32;
/// Tolerated clock difference between the isolate that signs and the one that verifies.
const CLOCK_SKEW_SECONDS: u64 = 60;
/// The payload format's version.
pub const VERSION: i64 = 1;

crate::params! {
    /// Options of `signState`.
    #[derive(Default)]
    pub struct SignStateOptions {
        /// Seconds until the state expires, from 1 to 86400; default 600.
        #[tsify(type = "number")]
        pub ttl_seconds: Option<Json<'static>>,
        /// Any JSON value to carry through the redirect (at most 2 KB as JSON). It is signed, not
        /// encrypted: anyone can read it.
        #[tsify(type = "unknown")]
        pub data: Option<StateData>,
    }
}

/// The caller's `data` as JSON text: the JS facade runs `JSON.stringify` on it (where a getter
/// may throw, safely) and sends the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateData(String);

impl StateData {
    /// Data from its JSON text (checked when the state is signed: valid JSON, at most 2 KB).
    pub fn new(json: impl Into<String>) -> Self {
        Self(json.into())
    }

    /// The JSON text.
    pub fn as_json(&self) -> &str {
        &self.0
    }
}

impl Param for StateData {
    const EXPECTED: &'static str = "a JSON value";

    #[cfg(feature = "client")]
    fn check(&self, call: Call, field: &str) -> Result<(), Error> {
        Self::read(call, field, &Json::String(self.0.as_str().into())).map(drop)
    }

    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        let text = value.as_str().filter(|text| parse(text).is_ok());
        let text = text.ok_or_else(|| wrong_type(call, field, Self::EXPECTED, value))?;
        if text.len() > MAX_DATA_BYTES {
            let message = crate::text!("`", field, "` must be at most ", MAX_DATA_BYTES, " bytes as JSON");
            return Err(call.invalid(field, "invalid_param", message));
        }
        Ok(Self(text.to_owned()))
    }
}

/// What `verifyState` returns.
#[cfg(feature = "typescript")]
#[derive(Debug, tsify::Tsify)]
pub struct VerifiedState {
    /// The `data` given to `signState`.
    #[tsify(optional, type = "unknown")]
    pub data: Option<()>,
    /// When it was signed, in Unix seconds.
    pub issued_at: u64,
    /// When it expires, in Unix seconds.
    pub expires_at: u64,
    /// A random value unique to this state; record it to make the state single-use.
    pub nonce: String,
}

crate::typescript_of!(VerifiedState, String);

/// The checked part of the payload.
#[derive(Debug, PartialEq, Eq)]
pub struct StateClaims {
    /// Issued at, Unix seconds.
    pub iat: u64,
    /// Expires at, Unix seconds.
    pub exp: u64,
    /// The nonce.
    pub n: String,
}

/// The secret both sides share: at least [`MIN_SECRET_BYTES`] of it.
pub fn check_secret(call: Call, secret: &str) -> Result<(), Error> {
    if secret.len() >= MIN_SECRET_BYTES {
        return Ok(());
    }
    let message = crate::text!(
        "`secret` must be at least ",
        MIN_SECRET_BYTES,
        " bytes; use 32 random bytes, e.g. `openssl rand -hex 32`"
    );
    Err(call.invalid("secret", if secret.is_empty() { "missing_param" } else { "weak_secret" }, message))
}

/// The payload of a new state, base64url-encoded: what the facade signs with HMAC-SHA256 and
/// joins to its signature with `.`. `nonce` is 16 random bytes from the caller's CSPRNG; `now` is
/// Unix seconds.
pub fn sign(secret: &str, options: &SignStateOptions, nonce: &[u8], now: u64) -> Result<String, Error> {
    check_secret(SIGN_STATE, secret)?;
    let ttl = whole(
        SIGN_STATE,
        "ttl_seconds",
        options.ttl_seconds.as_ref(),
        1,
        MAX_TTL_SECONDS,
        &crate::text!("a whole number of seconds from 1 to ", MAX_TTL_SECONDS),
    )?;
    let expires = now + u64::from(ttl.unwrap_or(DEFAULT_TTL_SECONDS));
    let mut payload = Writer::new().int("v", VERSION).int("iat", now as i64).int("exp", expires as i64);
    payload = payload.text("n", &base64url(nonce));
    if let Some(StateData(data)) = &options.data {
        payload = payload.raw("d", data);
    }
    Ok(base64url(payload.finish().as_bytes()))
}

/// Checks a state (format, then signature, then expiry) and returns the `verifyState` answer as
/// JSON text: `{ data?, issued_at, expires_at, nonce }`. `expected` is the facade's base64url
/// HMAC-SHA256 of the state's part before its first `.` (empty if it could not make one).
pub fn verify(state: &str, expected: &str, now: u64) -> Result<String, Error> {
    let (encoded, signature) = split(state)?;
    if !constant_time_eq(&from_base64url(expected).unwrap_or_default(), &signature) {
        return Err(VERIFY_STATE.invalid("state", "invalid_state", "the state's signature does not match"));
    }
    let payload_text = from_base64url(encoded).and_then(|bytes| String::from_utf8(bytes).ok()).ok_or_else(malformed)?;
    let payload = parse(&payload_text).map_err(|_| malformed())?;
    let claims = claims_of(&payload).ok_or_else(malformed)?;
    check_claims(&claims, now)?;
    let mut answer = Writer::new();
    if let Some(data) = member_text(&payload_text, "d") {
        answer = answer.raw("data", data);
    }
    let answer = answer.int("issued_at", claims.iat as i64).int("expires_at", claims.exp as i64);
    Ok(answer.text("nonce", &claims.n).finish())
}

/// Equal length and equal bytes, looking at every byte whatever the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The facade's signing step, for native tests: base64url(HMAC-SHA256(`secret`, `signed`)).
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn signature(secret: &str, signed: &str) -> String {
    base64url(&super::sha256::hmac_sha256(secret.as_bytes(), &[signed.as_bytes()]))
}

fn claims_of(payload: &Json) -> Option<StateClaims> {
    let number = |key| payload.get(key).and_then(Json::as_i64).and_then(|n| u64::try_from(n).ok());
    if payload.get("v").and_then(Json::as_i64) != Some(VERSION) {
        return None;
    }
    Some(StateClaims { iat: number("iat")?, exp: number("exp")?, n: payload.str_at("n")?.to_owned() })
}

/// The state's two parts: the encoded payload (what was signed) and the signature bytes.
pub fn split(state: &str) -> Result<(&str, Vec<u8>), Error> {
    let (payload, signature) = state.split_once('.').ok_or_else(malformed)?;
    let signature = from_base64url(signature).filter(|s| s.len() == 32).ok_or_else(malformed)?;
    if payload.is_empty() || from_base64url(payload).is_none() {
        return Err(malformed());
    }
    Ok((payload, signature))
}

/// Version, issue time and expiry against `now` (Unix seconds).
pub fn check_claims(claims: &StateClaims, now: u64) -> Result<(), Error> {
    if claims.exp <= claims.iat || claims.n.is_empty() {
        return Err(malformed());
    }
    if claims.iat > now + CLOCK_SKEW_SECONDS {
        return Err(VERIFY_STATE.invalid("state", "invalid_state", "the state was issued in the future"));
    }
    if now >= claims.exp {
        return Err(VERIFY_STATE.invalid("state", "expired_state", "the state has expired; start the flow again"));
    }
    Ok(())
}

/// The error for a state that is not one of ours.
pub fn malformed() -> Error {
    VERIFY_STATE.invalid("state", "invalid_state", "the state is malformed")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "0123456789abcdef0123456789abcdef";

    fn claims(iat: u64, exp: u64) -> StateClaims {
        StateClaims { iat, exp, n: "nonce".into() }
    }

    fn options(ttl: Option<i64>, data: Option<&str>) -> SignStateOptions {
        SignStateOptions {
            ttl_seconds: ttl.map(|n| Json::Number(n.to_string().into())),
            data: data.map(|d| StateData(d.to_owned())),
        }
    }

    /// Verifies as the facade does: its HMAC of the part before the first `.`.
    fn verify_with(secret: &str, state: &str, now: u64) -> Result<String, Error> {
        verify(state, &signature(secret, state.split_once('.').map_or("", |(signed, _)| signed)), now)
    }

    #[test]
    fn signed_states_verify_and_carry_their_data() {
        let payload =
            sign(SECRET, &options(Some(60), Some(r#"{"next":"/home","n":[1,true,null]}"#)), &[9; 16], 1000).unwrap();
        let state = format!("{payload}.{}", signature(SECRET, &payload));
        let verified = verify_with(SECRET, &state, 1030).unwrap();
        let answer = parse(&verified).unwrap();
        assert_eq!(answer.get("data").and_then(|d| d.str_at("next")), Some("/home"));
        assert_eq!(answer.get("expires_at").and_then(Json::as_i64), Some(1060));
        assert_eq!(answer.str_at("nonce"), Some(base64url(&[9; 16]).as_str()));
        assert_eq!(verify_with(SECRET, &state, 1060).unwrap_err().code, "expired_state");
        let other = "x".repeat(32);
        assert_eq!(verify_with(&other, &state, 1030).unwrap_err().code, "invalid_state");
        assert_eq!(verify(&state, "", 1030).unwrap_err().code, "invalid_state");
        let forged = format!("{}A.{}", &payload[..payload.len() - 1], signature(SECRET, &payload));
        assert_eq!(verify_with(SECRET, &forged, 1030).unwrap_err().code, "invalid_state");
    }

    #[test]
    fn short_secrets_are_refused() {
        assert_eq!(sign("short", &options(None, None), &[0; 16], 0).unwrap_err().code, "weak_secret");
        assert_eq!(verify_with("short", "a.b", 0).unwrap_err().code, "invalid_state");
    }

    #[test]
    fn comparisons_are_whole() {
        assert!(constant_time_eq(&[1, 2, 3], &[1, 2, 3]));
        assert!(!constant_time_eq(&[1, 2, 3], &[1, 2, 4]));
        assert!(!constant_time_eq(&[1, 2, 3], &[1, 2]));
    }

    #[test]
    fn split_takes_payload_and_a_32_byte_signature() {
        let state = format!("{}.{}", base64url(b"{}"), base64url(&[7; 32]));
        let (payload, signature) = split(&state).unwrap();
        assert_eq!((payload, signature), (base64url(b"{}").as_str(), vec![7; 32]));
        for bad in ["", ".", "abc", "e30.", "e30.AAAA", "!!!.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &state[1..]]
        {
            assert_eq!(split(bad).map(|_| ()).unwrap_err().code, "invalid_state", "{bad:?}");
        }
    }

    #[test]
    fn claims_expire_and_reject_the_future() {
        assert!(check_claims(&claims(1000, 1600), 1300).is_ok());
        assert_eq!(check_claims(&claims(1000, 1600), 1600).unwrap_err().code, "expired_state");
        assert_eq!(check_claims(&claims(5000, 5600), 1000).unwrap_err().code, "invalid_state");
        assert!(check_claims(&claims(1030, 1600), 1000).is_ok(), "small clock skew is fine");
        assert!(check_claims(&claims(1600, 1000), 1300).is_err());
    }

    #[test]
    fn ttl_and_data_bounds() {
        let ttl = |n| sign(SECRET, &options(Some(n), None), &[0; 16], 0).map(|_| ());
        assert!(ttl(1).is_ok() && ttl(86_400).is_ok());
        assert_eq!(ttl(0).unwrap_err().field.as_deref(), Some("ttl_seconds"));
        assert!(ttl(86_401).is_err());
        let data = |json: &str| StateData::read(SIGN_STATE, "data", &Json::String(json.into()));
        assert!(data("[1]").is_ok());
        assert!(data("not json").is_err());
        assert!(data(&format!("\"{}\"", "a".repeat(MAX_DATA_BYTES))).is_err());
    }
}
