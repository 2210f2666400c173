//! What the retry loop needs from the outside world: one attempt at a time, a clock and a timer.

use crate::http::Method;
use crate::prelude::*;
use core::fmt;

/// One attempt's request, as the core built it (the same the npm package's `prepare` answers).
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// GET or POST.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// Header names (lowercase) and values, in the order to send them; `authorization` holds a
    /// credential.
    pub headers: Vec<(String, String)>,
    /// The form body of a POST (it may hold a code or a refresh token).
    pub body: Option<String>,
    /// Give up on the attempt after this many milliseconds, reading the body included.
    pub timeout_ms: u32,
    /// Read no more of a body than this many bytes: a longer one is [`Failure::TooLarge`].
    pub max_body_bytes: u32,
}

impl Request {
    /// `GET` or `POST`.
    pub fn method_name(&self) -> &'static str {
        match self.method {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("Request")
            .field("method", &self.method_name())
            .field("url", &self.url)
            .field("headers", &names)
            .field("body", &self.body.as_ref().map(|_| "[redacted]"))
            .field("timeout_ms", &self.timeout_ms)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// What an attempt got back: any status (a redirect is returned, never followed).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// Header names and values (at least `content-type`, `retry-after` and `x-slack-req-id`
    /// when the answer has them).
    pub headers: Vec<(String, String)>,
    /// The body as text (invalid UTF-8 replaced), at most the request's `max_body_bytes`.
    pub body: String,
}

impl Response {
    /// The first header called `name`, whatever its case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

/// Why an attempt got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No complete answer within the request's `timeout_ms`.
    Timeout,
    /// The connection failed (DNS, refused, reset, TLS, CORS); the runtime's words for it,
    /// never a credential.
    Network(String),
    /// The body is longer than the request's `max_body_bytes`.
    TooLarge,
    /// A redirect the runtime would not show (a browser's opaque redirect).
    Redirect,
}

/// Sends one attempt, and keeps the time: everything the retry loop cannot do in pure code.
///
/// A transport never retries, never follows a redirect (return the 3xx as a [`Response`]) and
/// never decodes a body: the core does all of that, the same way for every transport and for
/// the npm package. Dropping the future of a call cancels it (the Rust counterpart of the JS
/// `signal`).
#[allow(async_fn_in_trait)] // the clients are generic over `T: Transport`; no `dyn` needed
pub trait Transport {
    /// One attempt at `request`, within its `timeout_ms` and `max_body_bytes`.
    async fn send(&self, request: &Request) -> Result<Response, Failure>;

    /// Waits `ms` milliseconds before the next attempt.
    async fn sleep(&self, ms: u32);

    /// The clock, in Unix milliseconds (a `Retry-After` may be a date).
    fn now_ms(&self) -> u64;

    /// A random number in `0..1000`, to spread the retries of many clients.
    fn jitter(&self) -> u32 {
        let mut bytes = [0u8; 2];
        // Without randomness the backoff is still bounded: the middle of its window.
        match getrandom::getrandom(&mut bytes) {
            Ok(()) => u32::from(u16::from_le_bytes(bytes)) % 1000,
            Err(_) => 500,
        }
    }

    /// Whether this runs in a browser window, where a client secret would be visible to every
    /// visitor (the clients then refuse one unless `dangerously_allow_browser`).
    fn in_browser_window(&self) -> bool {
        false
    }
}
