//! The JS surface: the only `#[wasm_bindgen]` exports. Each method hands its params to
//! [`run`], which checks them, builds the request, sends it and decodes the answer.

mod errors;
mod flow;
mod params;
mod slack;
mod stytch;

pub use errors::is_edge_oauth_error;
pub use flow::*;
pub use slack::*;
pub use stytch::*;

use crate::decode::transport_error;
use crate::endpoint::{ClientConfig, Endpoint};
use crate::error::{Call, Error};
use crate::http::{self, HttpRequest, HttpResponse, TransportConfig};
use crate::json::JsJson;
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

/// Runs one provider method from JS params to the provider's JSON, or an `EdgeOAuthError`.
/// TypeScript sees the params as `E::Params` and the answer as `E::Response`, the view the
/// answer was checked against; the JSON itself is returned unchanged.
///
/// Only the synchronous steps are generic; the asynchronous rest is one function for all
/// methods, so the wasm holds one copy of it rather than one per method.
async fn run<E: Endpoint>(config: &E::Config, params: Ts<E::Params>) -> Result<Ts<E::Response>, JsValue>
where
    E::Params: Tsify,
    E::Response: Tsify,
{
    let request = params::from_js::<E::Params>(E::CALL, params.into()).and_then(|params| E::request(config, params));
    send_and_decode(E::CALL, request, config.transport(), E::decode::<JsJson>).await.map(Ts::new_unchecked)
}

/// Sends a built request and decodes its answer with `decode`.
async fn send_and_decode(
    call: Call,
    request: Result<HttpRequest, Error>,
    transport: &TransportConfig,
    decode: fn(&HttpResponse) -> Result<JsValue, Error>,
) -> Result<JsValue, JsValue> {
    let outcome = async {
        let response = http::send(&request?, transport)
            .await
            .map_err(|error| transport_error(call, error, transport.timeout_ms))?;
        decode(&response)
    };
    outcome.await.map_err(|error| errors::to_js(&error))
}

/// Whether the code runs in a browser window (where a secret would be visible to visitors),
/// rather than in a Worker, Node or a Web Worker.
fn in_browser_window() -> bool {
    let global = js_sys::global();
    ["window", "document"].iter().all(|name| js_sys::Reflect::has(&global, &(*name).into()).unwrap_or(false))
}
