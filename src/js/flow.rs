//! The flow helpers as JS functions: `pkcePair`, `slackAuthorizeUrl`, `signState`, `verifyState`.

use super::{errors, params};
use crate::error::{Call, Error};
use crate::flow::authorize_url::{self, SlackAuthorizeUrlParams};
use crate::flow::state::{self, SignStateOptions, StateClaims, VerifiedState, MAX_DATA_BYTES, VERSION};
use crate::flow::webcrypto::{hmac_sha256, random_bytes, sha256};
use crate::flow::{base64url, code_challenge, from_base64url, AUTHORIZE_URL, PKCE_PAIR, SIGN_STATE, VERIFY_STATE};
use crate::validate::check_text;
use js_sys::{Object, Reflect, JSON};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// What `pkcePair` returns (RFC 7636).
#[derive(Tsify)]
pub struct PkcePair {
    /// 43 characters of base64url from 32 random bytes; keep it until the exchange.
    pub code_verifier: String,
    /// base64url(SHA-256(code_verifier)); send it to the authorize URL.
    pub code_challenge: String,
    /// Always `S256`.
    #[tsify(type = "\"S256\"")]
    pub code_challenge_method: String,
}

/// A new PKCE verifier and its S256 challenge, from WebCrypto.
#[wasm_bindgen(js_name = pkcePair)]
pub async fn pkce_pair() -> Result<Ts<PkcePair>, JsValue> {
    let pair = async {
        let verifier = base64url(&random_bytes(PKCE_PAIR, 32)?);
        let challenge = code_challenge(&sha256(PKCE_PAIR, verifier.as_bytes()).await?);
        let pair = Object::new();
        set(&pair, "code_verifier", verifier.into());
        set(&pair, "code_challenge", challenge.into());
        set(&pair, "code_challenge_method", "S256".into());
        Ok::<_, Error>(Ts::new_unchecked(pair.into()))
    };
    pair.await.map_err(|error| errors::to_js(&error))
}

/// Slack's authorize URL for these params, URL-encoded. Throws an `EdgeOAuthError` on bad input.
#[wasm_bindgen(js_name = slackAuthorizeUrl)]
pub fn slack_authorize_url(params: Ts<SlackAuthorizeUrlParams>) -> Result<String, JsValue> {
    let build = || authorize_url::build(&params::from_js(AUTHORIZE_URL, params.into())?);
    build().map_err(|error| errors::to_js(&error))
}

/// A signed, expiring `state` (HMAC-SHA256 with `secret`), carrying `data` if given.
#[wasm_bindgen(js_name = signState)]
pub async fn sign_state(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    options: Option<Ts<SignStateOptions>>,
) -> Result<String, JsValue> {
    sign(secret, options.map_or(JsValue::UNDEFINED, JsValue::from)).await.map_err(|error| errors::to_js(&error))
}

/// Checks a state from `signState` (signature, then expiry) and returns what it carries.
/// Rejects with a `validation` error, `code` `invalid_state` or `expired_state`. Single use is
/// the caller's to enforce: record `nonce` until `expires_at`.
#[wasm_bindgen(js_name = verifyState)]
pub async fn verify_state(
    #[wasm_bindgen(unchecked_param_type = "string")] secret: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] state: JsValue,
) -> Result<Ts<VerifiedState>, JsValue> {
    verify(secret, state).await.map(Ts::new_unchecked).map_err(|error| errors::to_js(&error))
}

async fn sign(secret: JsValue, options: JsValue) -> Result<String, Error> {
    let secret = text_param(SIGN_STATE, "secret", &secret)?;
    let checked: SignStateOptions = params::optional_from_js(SIGN_STATE, options.clone())?;
    let ttl = state::ttl_seconds(&checked)?;
    let issued_at = now_seconds();
    let nonce = base64url(&random_bytes(SIGN_STATE, 16)?);
    let payload = Object::new();
    set(&payload, "v", VERSION.into());
    set(&payload, "iat", (issued_at as f64).into());
    set(&payload, "exp", ((issued_at + u64::from(ttl)) as f64).into());
    set(&payload, "n", nonce.into());
    if checked.data.is_some() {
        let data = Reflect::get(&options, &"data".into()).unwrap_or(JsValue::UNDEFINED);
        check_data(&data)?;
        set(&payload, "d", data);
    }
    let json: String = JSON::stringify(&payload).map_err(|_| invalid_data())?.into();
    let encoded = base64url(json.as_bytes());
    let mac = hmac_sha256(SIGN_STATE, secret.as_bytes(), encoded.as_bytes()).await?;
    Ok(format!("{encoded}.{}", base64url(&mac)))
}

async fn verify(secret: JsValue, state: JsValue) -> Result<JsValue, Error> {
    let secret = text_param(VERIFY_STATE, "secret", &secret)?;
    let state = text_param(VERIFY_STATE, "state", &state)?;
    let (encoded, signature) = state::split(&state)?;
    let expected = hmac_sha256(VERIFY_STATE, secret.as_bytes(), encoded.as_bytes()).await?;
    state::check_signature(&expected, &signature)?;
    let json = from_base64url(encoded).and_then(|bytes| String::from_utf8(bytes).ok()).ok_or_else(state::malformed)?;
    let payload = JSON::parse(&json).map_err(|_| state::malformed())?;
    let claims: StateClaims = serde_wasm_bindgen::from_value(payload.clone()).map_err(|_| state::malformed())?;
    state::check_claims(&claims, now_seconds())?;
    let verified = Object::new();
    let data = Reflect::get(&payload, &"d".into()).unwrap_or(JsValue::UNDEFINED);
    if !data.is_undefined() {
        set(&verified, "data", data);
    }
    set(&verified, "issued_at", (claims.iat as f64).into());
    set(&verified, "expires_at", (claims.exp as f64).into());
    set(&verified, "nonce", claims.n.into());
    Ok(verified.into())
}

/// A string argument that must be present and clean.
fn text_param(call: Call, field: &str, value: &JsValue) -> Result<String, Error> {
    let text =
        value.as_string().ok_or_else(|| call.invalid(field, "invalid_param", format!("`{field}` must be a string")))?;
    check_text(call, field, &text)?;
    Ok(text)
}

/// `data` must survive JSON and stay small enough for a URL.
fn check_data(data: &JsValue) -> Result<(), Error> {
    let json = JSON::stringify(data).ok().and_then(|json| json.as_string()).ok_or_else(invalid_data)?;
    if json.len() > MAX_DATA_BYTES {
        return Err(SIGN_STATE.invalid(
            "data",
            "invalid_param",
            format!("`data` must be at most {MAX_DATA_BYTES} bytes as JSON"),
        ));
    }
    Ok(())
}

fn invalid_data() -> Error {
    SIGN_STATE.invalid("data", "invalid_param", "`data` must be a JSON value")
}

fn set(object: &Object, key: &str, value: JsValue) {
    let _ = Reflect::set(object, &key.into(), &value);
}

fn now_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}
