//! [`verify_slack_id_token`]: the npm package's `verifySlackIdToken` for Rust. The header and
//! claims checks are the core's (`slack::id_token`); the RS256 signature is checked with
//! RustCrypto's `rsa` against the JWKS, fetched through the caller's [`Transport`] and kept per
//! process (per isolate on wasm32), by URL, with the npm package's refetch rule: only for a `kid`
//! the cached keys lack, at most once a minute, one fetch at a time.

use super::transport::{Failure, Request, Transport};
use super::FromJson;
use crate::error::{Error, ErrorKind};
use crate::http::Method;
use crate::json::{parse, Json};
use crate::prelude::*;
use crate::slack::id_token::{check_options, unknown_key, CompactJws, JWKS_REFETCH_MS, VERIFY_ID_TOKEN};
pub use crate::slack::id_token::{Audience, SlackIdTokenClaims, VerifySlackIdTokenOptions};
use rsa::{BigUint, Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// A JWKS's answer is small (a few keys); anything past this is no JWKS.
const MAX_JWKS_BYTES: u32 = 65_536;
const JWKS_TIMEOUT_MS: u32 = 10_000;
/// How long a verification that needs a key waits between looks at a fetch under way.
const WAIT_FOR_FETCH_MS: u32 = 20;
const JWKS_URLS_KEPT: usize = 16;

/// The keys of one JWKS URL: by `kid`, when they were fetched, whether a fetch is under way.
#[derive(Default)]
struct KeySet {
    keys: BTreeMap<String, RsaPublicKey>,
    fetched_at_ms: Option<u64>,
    fetching: bool,
}

static KEY_SETS: Mutex<BTreeMap<String, KeySet>> = Mutex::new(BTreeMap::new());

fn with_sets<R>(f: impl FnOnce(&mut BTreeMap<String, KeySet>) -> R) -> R {
    // A panic elsewhere cannot leave a key set half-written: recover the map as it is.
    f(&mut KEY_SETS.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// Checks a Sign in with Slack id_token and answers its claims: RS256 by a key of the JWKS at
/// `options.jwks_url` (default Slack's), then `iss`, `aud`, `exp`, `iat` and `nonce`, with the
/// errors (kind, code, field) of the npm package's `verifySlackIdToken`.
///
/// ```no_run
/// # #[cfg(feature = "native")] {
/// use edge_oauth::client::id_token::{verify_slack_id_token, VerifySlackIdTokenOptions};
/// use edge_oauth::client::native::{block_on, NativeTransport};
///
/// let options = VerifySlackIdTokenOptions { client_id: "1111.2222".into(), nonce: Some("n-0S6_WzA2Mj".into()), ..Default::default() };
/// match block_on(verify_slack_id_token(&NativeTransport::new(), "eyJ…", &options)) {
///     Ok(claims) => println!("signed in: {} of {:?}", claims.sub, claims.team_id),
///     Err(error) => println!("refused: {}", error.code), // e.g. expired_id_token
/// }
/// # }
/// ```
pub async fn verify_slack_id_token<T: Transport>(
    transport: &T,
    id_token: &str,
    options: &VerifySlackIdTokenOptions,
) -> Result<SlackIdTokenClaims, Error> {
    let (url, skew) = check_options(options)?;
    let jws = CompactJws::parse(id_token)?;
    let kid = jws.key_id()?;
    let key = key_for(transport, &url, &kid).await?.ok_or_else(unknown_key)?;
    let digest = Sha256::digest(jws.signed.as_bytes());
    if key.verify(Pkcs1v15Sign::new::<Sha256>(), &digest, &jws.signature).is_err() {
        return Err(VERIFY_ID_TOKEN.invalid(
            "id_token",
            "bad_signature",
            "the id_token has a signature that does not match",
        ));
    }
    let claims = jws.checked_claims(options, skew, transport.now_ms() as f64 / 1000.0)?;
    let malformed =
        || VERIFY_ID_TOKEN.invalid("id_token", "malformed_id_token", "the id_token has claims of unexpected types");
    parse(claims).ok().and_then(|json| SlackIdTokenClaims::from_json(&json)).ok_or_else(malformed)
}

/// The key `kid` of the JWKS at `url`, from the cache or, if the rule allows, a fetch.
async fn key_for<T: Transport>(transport: &T, url: &str, kid: &str) -> Result<Option<RsaPublicKey>, Error> {
    loop {
        let now = transport.now_ms();
        let step = with_sets(|sets| {
            if !sets.contains_key(url) && sets.len() >= JWKS_URLS_KEPT {
                let oldest = sets.iter().min_by_key(|(_, set)| set.fetched_at_ms).map(|(url, _)| url.clone());
                oldest.map(|url| sets.remove(&url));
            }
            let set = sets.entry(url.to_owned()).or_default();
            match set.keys.get(kid) {
                Some(key) => Step::Found(Some(key.clone())),
                None if set.fetching => Step::Wait,
                None if set.fetched_at_ms.is_some_and(|at| now.saturating_sub(at) < JWKS_REFETCH_MS) => {
                    Step::Found(None)
                }
                None => {
                    set.fetching = true;
                    Step::Fetch
                }
            }
        });
        match step {
            Step::Found(key) => return Ok(key),
            Step::Wait => transport.sleep(WAIT_FOR_FETCH_MS).await,
            Step::Fetch => {
                let fetching = Fetching(url);
                let keys = fetch_keys(transport, url).await?;
                let fetched_at = transport.now_ms();
                with_sets(|sets| {
                    let set = sets.entry(url.to_owned()).or_default();
                    (set.keys, set.fetched_at_ms) = (keys, Some(fetched_at));
                });
                drop(fetching);
                return Ok(with_sets(|sets| sets.get(url).and_then(|set| set.keys.get(kid).cloned())));
            }
        }
    }
}

enum Step {
    Found(Option<RsaPublicKey>),
    Wait,
    Fetch,
}

/// Marks the end of a fetch however it ends (done, failed, or its future dropped), so that the
/// verifications waiting on it go on.
struct Fetching<'a>(&'a str);

impl Drop for Fetching<'_> {
    fn drop(&mut self) {
        with_sets(|sets| sets.get_mut(self.0).map(|set| set.fetching = false));
    }
}

/// The JWKS's RSA signing keys; a failure has the kind and code the methods give it.
async fn fetch_keys<T: Transport>(transport: &T, url: &str) -> Result<BTreeMap<String, RsaPublicKey>, Error> {
    let request = Request {
        method: Method::Get,
        url: url.to_owned(),
        headers: Vec::new(),
        body: None,
        timeout_ms: JWKS_TIMEOUT_MS,
        max_body_bytes: MAX_JWKS_BYTES,
    };
    let failed = |kind, code: &str, status: Option<u16>| {
        let error = VERIFY_ID_TOKEN.error(kind, code, crate::text!("Slack's JWKS could not be used (", code, ")"));
        match status {
            Some(status) => error.with_status(status),
            None => error,
        }
    };
    let response = match transport.send(&request).await {
        Ok(response) => response,
        Err(Failure::Timeout) => return Err(failed(ErrorKind::Timeout, "timeout", None)),
        Err(Failure::Network(_)) => return Err(failed(ErrorKind::Network, "network_error", None)),
        Err(Failure::TooLarge) => return Err(failed(ErrorKind::Decode, "response_too_large", None)),
        Err(Failure::Redirect) => return Err(failed(ErrorKind::Http, "redirect", None)),
    };
    match response.status {
        200 => {}
        300..=399 => return Err(failed(ErrorKind::Http, "redirect", Some(response.status))),
        status => return Err(failed(ErrorKind::Http, "http_error", Some(status))),
    }
    let json = parse(&response.body).ok();
    let Some(Json::Array(keys)) = json.as_ref().and_then(|jwks| jwks.get("keys")) else {
        return Err(failed(ErrorKind::Decode, "invalid_response", Some(200)));
    };
    Ok(keys.iter().filter_map(rsa_key).collect())
}

/// A JWK that is an RSA key for RS256 signatures (`use` and `alg` absent or saying so).
fn rsa_key(jwk: &Json) -> Option<(String, RsaPublicKey)> {
    let text = |key| jwk.str_at(key);
    let fits = |key, wanted| text(key).is_none_or(|value| value == wanted);
    if text("kty") != Some("RSA") || !fits("use", "sig") || !fits("alg", "RS256") {
        return None;
    }
    let number = |key| crate::encoding::from_base64url(text(key)?).map(|bytes| BigUint::from_bytes_be(&bytes));
    let key = RsaPublicKey::new(number("n")?, number("e")?).ok()?;
    Some((text("kid")?.to_owned(), key))
}
