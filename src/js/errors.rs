//! [`Error`] as a JS `Error` named `EdgeOAuthError`, with fields JS code can branch on.

use crate::error::Error;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const EDGE_OAUTH_ERROR_TS: &str = r#"
/** What kind of failure an `EdgeOAuthError` is. */
export type EdgeOAuthErrorKind =
  | "validation" | "platform" | "rate_limited" | "http" | "network" | "timeout" | "decode";

/** Every failure of edge-oauth rejects with this. It never holds a secret. */
export interface EdgeOAuthError extends Error {
  name: "EdgeOAuthError";
  kind: EdgeOAuthErrorKind;
  provider: "slack" | "stytch";
  /** e.g. "oauth.v2.access", "organizations.members.oauthProviders.slack". */
  method: string;
  /** The provider's error code ("invalid_code"), or ours ("missing_param", "timeout", …). */
  code: string;
  /** HTTP status, when there was a response. */
  status?: number;
  /** Seconds to wait, on "rate_limited" when the provider said. */
  retryAfter?: number;
  /** Stytch's request_id or Slack's x-slack-req-id. */
  requestId?: string;
  /** The offending parameter, on "validation". */
  field?: string;
  /** The parsed error body, when there was one. */
  data?: unknown;
}
"#;

/// Whether `value` is an `EdgeOAuthError` (a type guard in TypeScript).
#[wasm_bindgen(js_name = isEdgeOAuthError, unchecked_return_type = "value is EdgeOAuthError")]
pub fn is_edge_oauth_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    value.is_instance_of::<js_sys::Error>()
        && Reflect::get(&value, &"name".into()).ok().and_then(|name| name.as_string()).as_deref()
            == Some("EdgeOAuthError")
}

/// Builds the JS error. Only fields that have a value are set.
pub fn to_js(error: &Error) -> JsValue {
    let js_error = js_sys::Error::new(&error.to_string());
    js_error.set_name("EdgeOAuthError");
    let text = |value: &str| JsValue::from_str(value);
    let fields = [
        ("kind", Some(text(error.kind.as_str()))),
        ("provider", Some(text(error.provider.as_str()))),
        ("method", Some(text(error.method))),
        ("code", Some(text(&error.code))),
        ("status", error.status.map(JsValue::from)),
        ("retryAfter", error.retry_after.map(JsValue::from)),
        ("requestId", error.request_id.as_deref().map(text)),
        ("field", error.field.as_deref().map(text)),
        ("data", error.data.as_deref().and_then(|body| js_sys::JSON::parse(body).ok())),
    ];
    for (name, value) in fields {
        if let Some(value) = value {
            let _ = Reflect::set(&js_error, &name.into(), &value);
        }
    }
    js_error.into()
}
