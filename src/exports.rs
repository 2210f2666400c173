//! The wasm's exports: the only `#[wasm_bindgen]` items. The JS facade (`js/`) is their only
//! caller. Each takes JSON text the facade made from the caller's values (never the values
//! themselves, so no caller code runs while the wasm is on the stack) and answers JSON text, a
//! message of [`seam`]. wasm-bindgen declares their signatures in `edge_oauth.d.ts`, which
//! `tsc --checkJs` holds the facade to; a string argument costs one copy into the wasm and no
//! call back out to read it.

use crate::call::{self, conclude_at, failed, prepare_at, Attempt};
use crate::catalog::METHODS;
use crate::error::{Call, Error};
use crate::flow::{from_base64url, state, url_from_json, AUTHORIZE_URL, SIGN_IN_URL, SIGN_STATE, VERIFY_STATE};
use crate::http::{HttpResponse, RetryClass, TransportConfig};
use crate::json::{Json, Writer};
use crate::params::{read_optional, snapshot};
use crate::prelude::*;
use crate::seam;
use crate::slack::SlackConfig;
use crate::stytch::StytchConfig;
use wasm_bindgen::prelude::*;

/// One argument's JSON copy; anything unreadable is reported against `what`.
fn argument<'a>(call: Call, what: &str, text: &'a str) -> Result<Json<'a>, Error> {
    snapshot(call, what, text)
}

fn answer(result: Result<Writer, Error>) -> String {
    match result {
        Ok(out) => out.finish(),
        Err(error) => failed(&error),
    }
}

/// Checks a client's constructor arguments: `{ client, policy }` or `{ error }`
/// ([`seam::checked_client`]).
#[wasm_bindgen(js_name = checkClient)]
pub fn check_client(provider: &str, client: &str) -> String {
    if provider == "stytch" {
        call::check_client::<StytchConfig>(client)
    } else {
        call::check_client::<SlackConfig>(client)
    }
}

/// The parts of one argument that the facade joined with NUL, which JSON text never holds raw:
/// one string crossing instead of three, since each costs a call into JS and an allocation.
fn parts(joined: &str) -> [&str; 3] {
    let mut parts = joined.splitn(3, '\0');
    [(); 3].map(|()| parts.next().unwrap_or_default())
}

/// Builds the request of method `index` from `client\0params\0options`: `{ request }` or
/// `{ error }` ([`seam::prepared`]).
#[wasm_bindgen]
pub fn prepare(index: u32, texts: &str) -> String {
    prepare_at(METHODS, index as usize, parts(texts))
}

/// What follows an attempt of method `index`: `{ retry }`, `{ ok }` or `{ error }`
/// ([`seam::verdict`]). The client's limits (its [`seam::policy`]) and the attempt's numbers
/// cross as numbers, so no JSON is written or parsed for them on every attempt: its number (0
/// for the first), the clock (Unix ms), the ms since the call started, a random 0..999 that
/// spreads retries, the request's `spends` as `prepare` gave it, and the status (0 without a
/// response). `texts` are the response's `content-type` and `retry-after`, the [`seam::failure`]
/// that left the attempt without one and the runtime's words for it, joined by NUL in that
/// order, empty when absent (the last may hold anything). The body crosses on its own, so the
/// string it arrives in becomes the answer's body without a copy (a 1 MB answer is not held
/// twice).
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn conclude(
    index: u32,
    timeout: u32,
    deadline: u32,
    max_body: u32,
    retries: u32,
    reject_rate_limited: bool,
    spends: u32,
    attempt: u32,
    now: f64,
    elapsed: u32,
    jitter: u32,
    status: u32,
    texts: &str,
    body: String,
) -> String {
    let mut texts = texts.splitn(4, '\0').map(|text| Some(text).filter(|text| !text.is_empty()).map(str::to_owned));
    let mut text = || texts.next().flatten();
    let (content_type, retry_after, failure, detail) = (text(), text(), text(), text());
    let attempt = Attempt {
        number: attempt,
        elapsed_ms: elapsed,
        now_ms: if now.is_finite() && now > 0.0 { now as u64 } else { 0 },
        jitter,
        transport: TransportConfig {
            timeout_ms: timeout,
            retries,
            deadline_ms: deadline,
            reject_rate_limited,
            max_body_bytes: max_body,
        },
        failure,
        detail,
        retry_after,
        response: HttpResponse {
            status: u16::try_from(status).unwrap_or(0),
            content_type,
            retry_after: None,
            body,
            spent: RetryClass::from_number(Some(i64::from(spends))),
        },
    };
    conclude_at(METHODS, index as usize, attempt)
}

/// `slackAuthorizeUrl`, or with `sign_in` `slackSignInUrl` (one export for both: they share
/// their answer and most of their code): `{ url }` or `{ error }`.
#[wasm_bindgen(js_name = authorizeUrl)]
pub fn authorize_url(params: &str, sign_in: bool) -> String {
    let call = if sign_in { SIGN_IN_URL } else { AUTHORIZE_URL };
    let url = argument(call, "params", params).and_then(|params| url_from_json(sign_in, &params));
    answer(url.map(|url| Writer::new().text(seam::authorize_url::url, &url)))
}

/// `signState`, with 16 random bytes (base64url) for the nonce and the time in Unix seconds:
/// `{ payload }` (for the facade to sign with WebCrypto) or `{ error }`.
#[wasm_bindgen(js_name = signState)]
pub fn sign_state(secret: &str, options: &str, nonce: &str, now_seconds: f64) -> String {
    answer((|| {
        let secret: String =
            crate::params::field(SIGN_STATE, &wrap("secret", argument(SIGN_STATE, "secret", secret)?), "secret")?;
        let options = read_optional(SIGN_STATE, "options", &argument(SIGN_STATE, "options", options)?)?;
        let nonce = from_base64url(nonce).filter(|bytes| bytes.len() == 16);
        let nonce = nonce.ok_or_else(|| SIGN_STATE.invalid("nonce", "invalid_param", "16 random bytes are needed"))?;
        let payload = state::sign(&secret, &options, &nonce, seconds(now_seconds))?;
        Ok(Writer::new().text(seam::sign_state::payload, &payload))
    })())
}

/// `verifyState`, with `expected`, the facade's base64url HMAC-SHA256 (WebCrypto) of the state's
/// part before its first `.`: `{ verified }` or `{ error }`.
#[wasm_bindgen(js_name = verifyState)]
pub fn verify_state(secret: &str, state_text: &str, expected: &str, now_seconds: f64) -> String {
    answer((|| {
        // The secret is only checked for its type here: a short one simply matches no signature.
        let _: String =
            crate::params::field(VERIFY_STATE, &wrap("secret", argument(VERIFY_STATE, "secret", secret)?), "secret")?;
        let given: String =
            crate::params::field(VERIFY_STATE, &wrap("state", argument(VERIFY_STATE, "state", state_text)?), "state")?;
        Ok(Writer::new().raw(seam::verify_state::verified, &state::verify(&given, expected, seconds(now_seconds))?))
    })())
}

/// A one-member object, so a lone argument is read like a params field.
fn wrap<'a>(name: &str, value: Json<'a>) -> Json<'a> {
    Json::Object(vec![(name.to_owned().into(), value)])
}

fn seconds(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        value as u64
    } else {
        0
    }
}
