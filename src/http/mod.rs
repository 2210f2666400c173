//! Plain HTTP requests and responses, and the one transport that sends them through `fetch`.
//! Knows nothing of Slack or Stytch: provider modules build requests and decode responses.

mod fetch;
pub mod retry;

pub use fetch::send;
pub use retry::RetryClass;

use crate::secret::Secret;
use base64::Engine as _;

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
}

impl Auth {
    /// The `Authorization` header value, if any.
    pub fn header_value(&self) -> Option<Secret> {
        match self {
            Self::None => None,
            Self::Basic { user, password } => {
                let pair = format!("{user}:{}", password.secret());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                Some(Secret::new(format!("Basic {encoded}")))
            }
            Self::Bearer(token) => Some(Secret::new(format!("Bearer {}", token.secret()))),
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
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        if let Some(value) = value {
            form.append_pair(name, value);
        }
    }
    Secret::new(form.finish())
}

/// A response as the transport read it: status, headers (names lowercased) and the body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// Every header, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body, at most the transport's size cap.
    pub body: String,
}

impl HttpResponse {
    /// The first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// `Retry-After` in seconds. The HTTP-date form is not used by either provider.
    pub fn retry_after(&self) -> Option<u32> {
        self.header("retry-after")?.trim().parse().ok()
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Limits of one client's calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportConfig {
    /// Per attempt, including reading the body.
    pub timeout_ms: u32,
    /// Extra attempts after the first, on failures the request's [`RetryClass`] allows.
    pub retries: u32,
    /// All sleeping between attempts of one call together stays below this.
    pub max_wait_ms: u32,
    /// Give up on HTTP 429 at once instead of waiting `Retry-After`.
    pub reject_rate_limited: bool,
    /// Bodies beyond this are not read (no provider answer of these methods comes near it).
    pub max_body_bytes: usize,
}

impl Default for TransportConfig {
    fn default() -> Self {
        Self {
            timeout_ms: 10_000,
            retries: 2,
            max_wait_ms: 30_000,
            reject_rate_limited: false,
            max_body_bytes: 1 << 20,
        }
    }
}

/// Why the transport produced no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// `fetch` rejected: DNS, connection refused, TLS, CORS. Holds the runtime's message.
    Network(String),
    /// An attempt ran past `timeout_ms`.
    Timeout,
    /// The body was larger than `max_body_bytes`.
    TooLarge,
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

    #[test]
    fn retry_after_reads_seconds() {
        let response = |value: &str| HttpResponse {
            status: 429,
            headers: vec![("retry-after".into(), value.into())],
            body: String::new(),
        };
        assert_eq!(response("3").retry_after(), Some(3));
        assert_eq!(response(" 0 ").retry_after(), Some(0));
        assert_eq!(response("Wed, 21 Oct 2015 07:28:00 GMT").retry_after(), None);
    }
}
