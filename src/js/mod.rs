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
use tsify::{Ts, Tsify};
use wasm_bindgen::JsValue;

/// Runs one provider method from JS params to the provider's JSON, or an `EdgeOAuthError`.
/// TypeScript sees the params as `E::Params` and the answer as `E::Response`, the view the
/// answer was checked against; the JSON itself is returned unchanged.
async fn run<E: Endpoint>(config: &E::Config, params: Ts<E::Params>) -> Result<Ts<E::Response>, JsValue>
where
    E::Params: Tsify,
    E::Response: Tsify,
{
    let outcome = async {
        let params = params::from_js::<E::Params>(E::CALL, params.into())?;
        let request = E::request(config, params)?;
        let transport = config.transport();
        let response = http::send(&request, transport)
            .await
            .map_err(|error| transport_error(E::CALL, error, transport.timeout_ms))?;
        E::decode::<JsJson>(&response)
    };
    outcome.await.map(Ts::new_unchecked).map_err(|error| errors::to_js(&error))
}

/// Whether the code runs in a browser window (where a secret would be visible to visitors),
/// rather than in a Worker, Node or a Web Worker.
fn in_browser_window() -> bool {
    let global = js_sys::global();
    ["window", "document"].iter().all(|name| js_sys::Reflect::has(&global, &(*name).into()).unwrap_or(false))
}
