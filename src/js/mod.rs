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
use crate::http;
use crate::json::JsJson;
use tsify::Ts;
use wasm_bindgen::JsValue;

/// Runs one provider method from JS params to the provider's JSON, or an `EdgeOAuthError`.
async fn run<E: Endpoint>(config: &E::Config, params: JsValue) -> Result<JsValue, JsValue> {
    let outcome = async {
        let params = params::from_js::<E::Params>(E::CALL, params)?;
        let request = E::request(config, params)?;
        let transport = config.transport();
        let response = http::send(&request, transport)
            .await
            .map_err(|error| transport_error(E::CALL, error, transport.timeout_ms))?;
        E::decode::<JsJson>(&response)
    };
    outcome.await.map_err(|error| errors::to_js(&error))
}

/// [`run`], with the params and the answer typed for TypeScript as `E::Params` and `R`; the
/// answer is the provider's JSON itself, checked by `E::decode` but not rebuilt.
async fn run_typed<E: Endpoint, R: tsify::Tsify>(config: &E::Config, params: Ts<E::Params>) -> Result<Ts<R>, JsValue>
where
    E::Params: tsify::Tsify,
{
    run::<E>(config, params.into()).await.map(Ts::new_unchecked)
}

/// Whether the code runs in a browser window (where a secret would be visible to visitors),
/// rather than in a Worker, Node or a Web Worker.
fn in_browser_window() -> bool {
    let global = js_sys::global();
    ["window", "document"].iter().all(|name| js_sys::Reflect::has(&global, &(*name).into()).unwrap_or(false))
}
