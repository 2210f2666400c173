//! Helpers for the OAuth flow around the exchange: PKCE pairs, Slack's authorize URLs (install and
//! sign in), and signed, expiring `state` values, so a Worker needs no state store for CSRF.
//! Everything here is pure: random bytes and the clock come from the JS facade.

pub mod authorize_url;
pub mod sign_in_url;
// The npm wasm leaves SHA-256 to WebCrypto (PKCE, state signatures); tests use this one.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub mod sha256;
pub mod state;

pub use crate::encoding::{base64url, from_base64url};
use crate::error::{Call, Error, Provider};
use crate::json::Json;
use crate::prelude::*;

/// What `pkcePair` returns (RFC 7636).
#[cfg(feature = "typescript")]
#[derive(Debug, tsify::Tsify)]
pub struct PkcePair {
    /// 43 characters of base64url from 32 random bytes; keep it until the exchange.
    pub code_verifier: String,
    /// base64url(SHA-256(code_verifier)); send it to the authorize URL.
    pub code_challenge: String,
    /// Always `S256`.
    #[tsify(type = "\"S256\"")]
    pub code_challenge_method: String,
}

crate::typescript_of!(PkcePair, String);

/// The call name of each helper, for its errors.
pub const AUTHORIZE_URL: Call = Call::new(Provider::Slack, "slackAuthorizeUrl");
/// See [`AUTHORIZE_URL`].
pub const SIGN_IN_URL: Call = Call::new(Provider::Slack, "slackSignInUrl");
/// See [`AUTHORIZE_URL`].
pub const SIGN_STATE: Call = Call::new(Provider::Slack, "signState");
/// See [`AUTHORIZE_URL`].
pub const VERIFY_STATE: Call = Call::new(Provider::Slack, "verifyState");

/// `slackAuthorizeUrl`'s URL, or (`sign_in`) `slackSignInUrl`'s, from the facade's copy of the
/// params: each call's own keys, one reader for both.
pub fn url_from_json(sign_in: bool, value: &Json) -> Result<String, Error> {
    use crate::params::Params;
    let (call, keys) = match sign_in {
        true => (SIGN_IN_URL, sign_in_url::SlackSignInUrlParams::KEYS),
        false => (AUTHORIZE_URL, authorize_url::SlackAuthorizeUrlFields::KEYS),
    };
    crate::params::check_object(call, "params", value, keys)?;
    authorize_url::build(&authorize_url::AuthorizePage::from_object(call, value)?, sign_in)
}

/// RFC 7636 §4.2: the S256 challenge of a verifier, from the verifier's SHA-256.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn code_challenge(verifier_sha256: &[u8]) -> String {
    base64url(verifier_sha256)
}

/// A PKCE pair from 32 random bytes: the verifier (43 characters of base64url) and its S256
/// challenge. The facade makes its pairs with WebCrypto; this is their reference.
#[cfg(any(test, not(target_arch = "wasm32")))]
pub fn pkce_pair(random: &[u8]) -> (String, String) {
    let verifier = base64url(random);
    let challenge = code_challenge(&sha256::sha256(&[verifier.as_bytes()]));
    (verifier, challenge)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_appendix_b_example() {
        // The verifier of RFC 7636 Appendix B and its SHA-256, as the RFC prints them.
        let verifier_bytes = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
            240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        assert_eq!(base64url(&verifier_bytes), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        let sha256 = [
            19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8, 118, 168, 120, 173, 109, 241, 68, 86,
            110, 225, 137, 74, 203, 112, 249, 195,
        ];
        assert_eq!(code_challenge(&sha256), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_eq!(from_base64url("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM").unwrap(), sha256);
        assert_eq!(from_base64url("not base64!"), None);
        assert_eq!(pkce_pair(&verifier_bytes).1, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }
}
