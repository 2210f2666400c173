//! What every provider method is made of: a call name, params checked into a request, and a
//! decoder of the answer. `js.rs` runs any of them the same way.

use crate::error::{Call, Error};
use crate::http::{HttpRequest, HttpResponse, TransportConfig};
use crate::json::Json;
use serde::de::DeserializeOwned;

/// One provider method.
pub trait Endpoint {
    /// The client's configuration (base URL, credentials, limits).
    type Config: ClientConfig;
    /// The params object, as the caller writes it.
    type Params: DeserializeOwned;
    /// The view the answer is checked against; also its TypeScript type.
    type Response: DeserializeOwned;
    /// Where errors of this method say they came from.
    const CALL: Call;

    /// Validates `params` and builds the request; nothing is sent if this fails.
    fn request(config: &Self::Config, params: Self::Params) -> Result<HttpRequest, Error>;

    /// Checks the answer and returns its JSON unchanged, or the error it means.
    fn decode<J: Json>(response: &HttpResponse) -> Result<J::Value, Error>;
}

/// What the runner needs from any client's configuration.
pub trait ClientConfig {
    /// Timeouts, retries and caps.
    fn transport(&self) -> &TransportConfig;
}
