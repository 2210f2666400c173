//! The flow helpers around the exchange, for Rust: a PKCE pair, Slack's authorize URLs (install
//! and sign in) and a signed, expiring `state`. The payloads and checks are the core's (the npm
//! package's `pkcePair`, `slackAuthorizeUrl`, `slackSignInUrl`, `signState` and `verifyState` use
//! the same); randomness
//! comes from `getrandom` and HMAC-SHA256 from RustCrypto, where the npm package uses WebCrypto.

use crate::error::Error;
use crate::flow::authorize_url::{self, SlackAuthorizeUrlFields};
use crate::flow::sign_in_url::SlackSignInUrlParams;
use crate::flow::state::{self, SignStateOptions};
use crate::flow::{base64url, AUTHORIZE_URL, SIGN_IN_URL, SIGN_STATE};
use crate::json::parse;
use crate::params::Params;
use crate::prelude::*;
use crate::secret::Secret;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A PKCE verifier and its S256 challenge (RFC 7636).
#[derive(Debug, Clone)]
pub struct PkcePair {
    /// 43 characters of base64url from 32 random bytes; keep it until the exchange.
    pub code_verifier: Secret,
    /// base64url(SHA-256(code_verifier)); send it to the authorize URL.
    pub code_challenge: String,
}

impl PkcePair {
    /// Always `S256`.
    pub const METHOD: &'static str = "S256";
}

/// What [`verify_state`] found in a valid state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedState {
    /// The `data` given to [`sign_state`], as JSON text.
    pub data: Option<String>,
    /// When it was signed, in Unix seconds.
    pub issued_at: u64,
    /// When it expires, in Unix seconds.
    pub expires_at: u64,
    /// A random value unique to this state; record it to make the state single-use.
    pub nonce: String,
}

fn random<const N: usize>(call: crate::error::Call) -> Result<[u8; N], Error> {
    let mut bytes = [0u8; N];
    getrandom::getrandom(&mut bytes).map_err(|_| {
        call.error(crate::error::ErrorKind::Validation, "no_randomness", "the system has no random source")
    })?;
    Ok(bytes)
}

/// A new PKCE pair from 32 bytes of the system's CSPRNG.
pub fn pkce_pair() -> Result<PkcePair, Error> {
    let verifier = base64url(&random::<32>(AUTHORIZE_URL)?);
    let code_challenge = base64url(&Sha256::digest(verifier.as_bytes()));
    Ok(PkcePair { code_verifier: Secret::new(verifier), code_challenge })
}

/// Slack's authorize URL for these params, URL-encoded; the same checks and errors as
/// `slackAuthorizeUrl`.
pub fn authorize_url(params: &SlackAuthorizeUrlFields) -> Result<String, Error> {
    params.check(AUTHORIZE_URL)?;
    authorize_url::build(&params.into(), false)
}

/// Sign in with Slack's authorize URL (OpenID Connect) for these params, URL-encoded; the same
/// checks and errors as `slackSignInUrl`.
pub fn slack_sign_in_url(params: &SlackSignInUrlParams) -> Result<String, Error> {
    params.check(SIGN_IN_URL)?;
    authorize_url::build(&params.into(), true)
}

fn hmac(secret: &str, text: &str) -> String {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(text.as_bytes());
    base64url(&mac.finalize().into_bytes())
}

/// A signed, expiring `state` carrying `options.data` (HMAC-SHA256 with `secret`, at least 32
/// bytes), valid from `now_seconds` (Unix) for `options.ttl_seconds` (default 600).
pub fn sign_state(secret: &Secret, options: &SignStateOptions, now_seconds: u64) -> Result<String, Error> {
    options.check(SIGN_STATE)?;
    let payload = state::sign(secret.secret(), options, &random::<16>(SIGN_STATE)?, now_seconds)?;
    let signature = hmac(secret.secret(), &payload);
    Ok(crate::text!(payload, ".", signature))
}

/// Checks a state from [`sign_state`] (signature, then expiry at `now_seconds`) and returns
/// what it carries; the errors of `verifyState`.
pub fn verify_state(secret: &Secret, given: &str, now_seconds: u64) -> Result<VerifiedState, Error> {
    let signed = given.split_once('.').map_or("", |(signed, _)| signed);
    let expected = if secret.is_empty() || signed.is_empty() { String::new() } else { hmac(secret.secret(), signed) };
    let verified = state::verify(given, &expected, now_seconds)?;
    let json = parse(&verified).map_err(|_| state::malformed())?;
    let number = |key| json.get(key).and_then(crate::json::Json::as_i64).and_then(|n| u64::try_from(n).ok());
    Ok(VerifiedState {
        data: crate::json::member_text(&verified, "data").map(str::to_owned),
        issued_at: number("issued_at").unwrap_or(0),
        expires_at: number("expires_at").unwrap_or(0),
        nonce: json.str_at("nonce").unwrap_or_default().to_owned(),
    })
}
