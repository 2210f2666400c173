//! Plain HTTP requests and responses, and the retry policy. Knows nothing of Slack or Stytch:
//! provider modules build requests and decode responses. Sending is the JS facade's job
//! (`js/transport.mjs`): the wasm never waits on I/O, so nothing of a call lives in it between
//! two of its synchronous steps.

use crate::prelude::*;
pub mod retry;
pub mod retry_after;

pub use retry::RetryClass;

use crate::json::Writer;
use crate::seam::policy as key;
use crate::secret::Secret;

/// The HTTP methods the providers' endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A lookup by URL.
    Get,
    /// A form-encoded call.
    Post,
}

/// How a request authenticates; the only place credentials live in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// No credentials (a PKCE public client).
    None,
    /// HTTP Basic `user:password` (client credentials, Stytch project credentials).
    Basic {
        /// The user part (a client id or project id, not secret).
        user: String,
        /// The password part.
        password: Secret,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// A ready `Authorization` value: a checked client's credentials, encoded once.
    Header(Secret),
}

impl Auth {
    /// The `Authorization` header value, if any.
    pub fn header_value(&self) -> Option<Secret> {
        match self {
            Self::None => None,
            Self::Basic { user, password } => {
                let pair = crate::text!(user, ":", password.secret());
                let encoded = crate::encoding::base64(pair.as_bytes());
                Some(Secret::new(crate::text!("Basic ", encoded)))
            }
            Self::Bearer(token) => Some(Secret::new(crate::text!("Bearer ", token.secret()))),
            Self::Header(value) => Some(value.clone()),
        }
    }
}

/// A request ready to send. Its body may hold a refresh token or a code, so it is a [`Secret`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// GET or POST.
    pub method: Method,
    /// The full URL, built from a checked base URL and encoded parts.
    pub url: String,
    /// Credentials.
    pub auth: Auth,
    /// An `application/x-www-form-urlencoded` body, for POST.
    pub form: Option<Secret>,
    /// Which failures may be retried.
    pub retry: RetryClass,
}

/// Builds an `application/x-www-form-urlencoded` body from the fields that are present.
pub fn form_body<'a>(fields: impl IntoIterator<Item = (&'a str, Option<&'a str>)>) -> Secret {
    Secret::new(crate::encoding::form(fields))
}

/// A response as the transport read it: the status, the headers the decoders use, the body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// `Content-Type`, for the message about a body that is not JSON.
    pub content_type: Option<String>,
    /// `Retry-After`, read.
    pub retry_after: Option<retry_after::RetryAfter>,
    /// The body, at most the transport's size cap.
    pub body: String,
    /// What the request it answers spends (the facade reports it with the answer): an answer to
    /// a [`RetryClass::Rotates`] request may hold the only copy of a new token pair.
    pub spent: RetryClass,
}

impl HttpResponse {
    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Whether the status is a redirect, which is never followed: credentials must not travel
    /// to wherever it points, and no provider method of ours answers with one.
    pub fn is_redirect(&self) -> bool {
        (300..400).contains(&self.status)
    }

    /// Seconds the provider asked to wait, when it said so readably.
    pub fn retry_after_seconds(&self) -> Option<u32> {
        match self.retry_after {
            Some(retry_after::RetryAfter::Seconds(seconds)) => Some(seconds),
            _ => None,
        }
    }
}

/// Limits of one client's calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportConfig {
    /// Per attempt, including reading the body.
    pub timeout_ms: u32,
    /// Extra attempts after the first, on failures the request's [`RetryClass`] allows.
    pub retries: u32,
    /// The whole call, every attempt and wait included.
    pub deadline_ms: u32,
    /// Give up on HTTP 429 at once instead of waiting `Retry-After`.
    pub reject_rate_limited: bool,
    /// Bodies beyond this are not read (no provider answer of these methods comes near it).
    pub max_body_bytes: u32,
}

impl Default for TransportConfig {
    fn default() -> Self {
        Self {
            timeout_ms: 10_000,
            retries: 2,
            deadline_ms: 30_000,
            reject_rate_limited: false,
            max_body_bytes: 1 << 20,
        }
    }
}

impl TransportConfig {
    /// The limits as the facade keeps them for a client: `{ timeout, deadline, maxBody,
    /// retries, rejectRateLimited }`. The facade times and caps each attempt with them and
    /// hands them back to `conclude`, so a call never re-reads its client.
    pub fn policy(&self) -> Writer {
        Writer::new()
            .int(key::timeout, self.timeout_ms.into())
            .int(key::deadline, self.deadline_ms.into())
            .int(key::maxBody, self.max_body_bytes.into())
            .int(key::retries, self.retries.into())
            .bool(key::rejectRateLimited, self.reject_rate_limited)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_is_base64_of_user_colon_password() {
        let auth = Auth::Basic { user: "123.456".into(), password: Secret::new("s3cr3t") };
        assert_eq!(auth.header_value().unwrap().secret(), "Basic MTIzLjQ1NjpzM2NyM3Q=");
        assert_eq!(Auth::Bearer(Secret::new("xoxb-1")).header_value().unwrap().secret(), "Bearer xoxb-1");
        assert_eq!(Auth::None.header_value(), None);
    }

    #[test]
    fn request_debug_hides_credentials_and_body() {
        let request = HttpRequest {
            method: Method::Post,
            url: "https://slack.com/api/oauth.v2.access".into(),
            auth: Auth::Basic { user: "123.456".into(), password: Secret::new("s3cr3t") },
            form: Some(form_body([("refresh_token", Some("xoxe-1-secret"))])),
            retry: RetryClass::Spends,
        };
        let debug = format!("{request:?}");
        assert!(!debug.contains("s3cr3t") && !debug.contains("xoxe-1-secret"), "{debug}");
    }

    #[test]
    fn form_body_encodes_and_skips_absent_fields() {
        let body = form_body([("code", Some("a b&c=d")), ("redirect_uri", None), ("x", Some("é/?"))]);
        assert_eq!(body.secret(), "code=a+b%26c%3Dd&x=%C3%A9%2F%3F");
    }
}
