//! A native [`Transport`] (feature `native`) over [ureq](https://docs.rs/ureq): blocking HTTP/1.1
//! with rustls, chosen because it builds in a fraction of reqwest's time (no tokio, no hyper).
//! Its futures do their I/O when polled, on the polling thread: run it from [`block_on`], a
//! plain thread, or an async runtime's blocking pool (`spawn_blocking`), not on an async
//! executor's worker threads. A server already on tokio can implement [`Transport`] with its own
//! client instead.

pub use super::block_on; // where a native program looks for it
use super::transport::{Failure, Request, Response, Transport};
use crate::http::Method;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The native transport: one `ureq::Agent` (its connection pool), redirects never followed,
/// every status returned as a response.
#[derive(Debug, Clone)]
pub struct NativeTransport {
    agent: ureq::Agent,
}

impl Default for NativeTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl NativeTransport {
    /// A transport with its own connection pool.
    pub fn new() -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0) // a redirect is the core's to judge, and credentials must not follow it
            .user_agent(concat!("edge-oauth/", env!("CARGO_PKG_VERSION")))
            .build();
        Self { agent: config.new_agent() }
    }

    fn attempt(&self, request: &Request) -> Result<Response, ureq::Error> {
        let timeout = Some(Duration::from_millis(request.timeout_ms.into()));
        let mut response = match request.method {
            Method::Get => {
                let mut builder = self.agent.get(&request.url).config().timeout_global(timeout).build();
                for (name, value) in &request.headers {
                    builder = builder.header(name, value);
                }
                builder.call()?
            }
            Method::Post => {
                let mut builder = self.agent.post(&request.url).config().timeout_global(timeout).build();
                for (name, value) in &request.headers {
                    builder = builder.header(name, value);
                }
                builder.send(request.body.as_deref().unwrap_or_default())?
            }
        };
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_owned(), value.to_str().ok()?.to_owned())))
            .collect();
        // The cap counts what a compressed body inflates to, as the npm package's does.
        let bytes = response.body_mut().with_config().limit(request.max_body_bytes.into()).read_to_vec()?;
        Ok(Response { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() })
    }
}

impl Transport for NativeTransport {
    async fn send(&self, request: &Request) -> Result<Response, Failure> {
        self.attempt(request).map_err(|error| match error {
            ureq::Error::Timeout(_) => Failure::Timeout,
            ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge,
            other => Failure::Network(other.to_string()),
        })
    }

    async fn sleep(&self, ms: u32) {
        std::thread::sleep(Duration::from_millis(ms.into()));
    }

    fn now_ms(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_millis() as u64)
    }
}
