//! What every provider method is made of: a call name, params checked into a request, and a
//! decoder of the answer. `call.rs` runs any of them the same way.

use crate::error::{Call, Error};
use crate::http::{HttpRequest, HttpResponse, TransportConfig};
use crate::json::{Json, Writer};
use crate::params::Params;
use crate::view::View;

/// One provider method.
pub trait Endpoint {
    /// The client's configuration (base URL, credentials, limits).
    type Config: ClientConfig;
    /// The params object, as the caller writes it.
    type Params: Params;
    /// The view the answer is checked against; also its TypeScript type.
    type Response: View;
    /// Where errors of this method say they came from.
    const CALL: Call;

    /// Validates `params` and builds the request; nothing is sent if this fails.
    fn request(config: &Self::Config, params: Self::Params) -> Result<HttpRequest, Error>;

    /// Reads the params from the facade's copy and builds the request, for the checked client
    /// (`ClientConfig::checked`'s JSON): what the npm build calls. By default the params struct is
    /// read and [`request`](Self::request) builds; a method described by data overrides it with
    /// one shared function (`slack::form`), so its wasm is a table rather than code of its own.
    fn prepare(client: &Json, params: &Json) -> Result<HttpRequest, Error> {
        Self::request(&Self::Config::from_checked(client), crate::params::read(Self::CALL, "params", params)?)
    }

    /// Checks the answer: `Ok` means the body is the JSON the method promises, to be returned to
    /// the caller as it is; otherwise the error it means.
    fn decode(response: &HttpResponse) -> Result<(), Error>;
}

/// What the runner needs from any client's configuration.
pub trait ClientConfig: Sized {
    /// The constructor, as its errors name it (`SlackClient`).
    const CONSTRUCTOR: Call;

    /// Checks the constructor's arguments, as the JS facade copied them: `{ token?, options,
    /// browser }`, where `browser` says whether the client lives in a browser window.
    fn from_client(client: &Json) -> Result<Self, Error>;

    /// The checked configuration as JSON, for the facade to keep with the client and pass to
    /// every call, so a call does not check its client again.
    fn checked(&self) -> Writer;

    /// Reads [`checked`](Self::checked)'s JSON without checking it again. It comes from our own
    /// facade; anything unreadable becomes a harmless default, never a panic.
    fn from_checked(checked: &Json) -> Self;

    /// Timeouts, retries and caps, as checked by [`from_client`](Self::from_client). A
    /// configuration read back by [`from_checked`](Self::from_checked) has the defaults here:
    /// the facade keeps the client's limits, and building a request never needs them.
    fn transport(&self) -> &TransportConfig;
}
