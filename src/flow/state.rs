//! Signed, expiring `state` values: `base64url(payload) "." base64url(HMAC-SHA256(secret,
//! base64url(payload)))`, where the payload is JSON `{ v, iat, exp, n, d }` (version, issued-at
//! and expiry in Unix seconds, a random nonce, the caller's data). The HMAC comes from WebCrypto;
//! the format, the checks and the constant-time comparison are here.

use super::{from_base64url, VERIFY_STATE};
use crate::error::Error;
use serde::de::IgnoredAny;
use serde::Deserialize;
use tsify::Tsify;

/// How long a state lives by default: long enough to read Slack's consent screen.
pub const DEFAULT_TTL_SECONDS: u32 = 600;
/// The longest a state may live.
pub const MAX_TTL_SECONDS: u32 = 86_400;
/// `data` travels in a URL; keep it small.
pub const MAX_DATA_BYTES: usize = 2048;
/// Tolerated clock difference between the isolate that signs and the one that verifies.
const CLOCK_SKEW_SECONDS: u64 = 60;
/// The payload format's version.
pub const VERSION: u8 = 1;

/// Options of `signState`.
#[derive(Debug, Default, Deserialize, Tsify)]
pub struct SignStateOptions {
    /// Seconds until the state expires; default 600, at most 86400.
    #[tsify(optional)]
    pub ttl_seconds: Option<u32>,
    /// Any JSON value to carry through the redirect (at most 2 KB as JSON). It is signed, not
    /// encrypted: anyone can read it.
    #[tsify(optional, type = "unknown")]
    pub data: Option<IgnoredAny>,
}

/// What `verifyState` returns.
#[derive(Debug, Tsify)]
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

/// The checked part of the payload.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct StateClaims {
    /// The format version.
    pub v: u8,
    /// Issued at, Unix seconds.
    pub iat: u64,
    /// Expires at, Unix seconds.
    pub exp: u64,
    /// The nonce.
    pub n: String,
}

/// The TTL asked for, checked.
pub fn ttl_seconds(options: &SignStateOptions) -> Result<u32, Error> {
    let ttl = options.ttl_seconds.unwrap_or(DEFAULT_TTL_SECONDS);
    if ttl == 0 || ttl > MAX_TTL_SECONDS {
        return Err(super::SIGN_STATE.invalid(
            "ttl_seconds",
            "invalid_param",
            format!("`ttl_seconds` must be 1..={MAX_TTL_SECONDS}"),
        ));
    }
    Ok(ttl)
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

/// Compares the signature in constant time (in the length of `expected`).
pub fn check_signature(expected: &[u8], given: &[u8]) -> Result<(), Error> {
    if constant_time_eq(expected, given) {
        Ok(())
    } else {
        Err(VERIFY_STATE.invalid("state", "invalid_state", "the state's signature does not match"))
    }
}

/// Version, issue time and expiry against `now` (Unix seconds).
pub fn check_claims(claims: &StateClaims, now: u64) -> Result<(), Error> {
    if claims.v != VERSION || claims.exp <= claims.iat || claims.n.is_empty() {
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

/// Equal length and equal bytes, looking at every byte whatever the first difference.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::base64url;

    fn claims(iat: u64, exp: u64) -> StateClaims {
        StateClaims { v: VERSION, iat, exp, n: "nonce".into() }
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
        assert!(check_claims(&StateClaims { v: 2, ..claims(1000, 1600) }, 1300).is_err());
        assert!(check_claims(&claims(1600, 1000), 1300).is_err());
    }

    #[test]
    fn signatures_compare_whole() {
        assert!(check_signature(&[1, 2, 3], &[1, 2, 3]).is_ok());
        assert!(check_signature(&[1, 2, 3], &[1, 2, 4]).is_err());
        assert!(check_signature(&[1, 2, 3], &[1, 2]).is_err());
        assert!(!constant_time_eq(&[0; 32], &[]));
    }

    #[test]
    fn ttl_bounds() {
        assert_eq!(ttl_seconds(&SignStateOptions::default()).unwrap(), 600);
        let options = |ttl| SignStateOptions { ttl_seconds: Some(ttl), data: None };
        assert_eq!(ttl_seconds(&options(1)).unwrap(), 1);
        assert!(ttl_seconds(&options(0)).is_err());
        assert!(ttl_seconds(&options(MAX_TTL_SECONDS + 1)).is_err());
    }
}
