//! The one error type of the crate. `js.rs` turns it into a JS `Error` named `EdgeOAuthError`.

use crate::prelude::*;
use core::fmt;

/// What kind of failure happened; JS callers branch on this (`err.kind`).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input, found before any request was sent.
    Validation,
    /// The provider answered with an error of its own (`ok: false`, a Stytch `error_type`).
    Platform,
    /// HTTP 429, after the retries the call was allowed.
    RateLimited,
    /// A non-2xx answer that carried no provider error.
    Http,
    /// `fetch` failed: DNS, connection, TLS, CORS.
    Network,
    /// An attempt took longer than the client's `timeout`, the call ran past its `deadline`, or
    /// its `signal` aborted it (`code: "aborted"`).
    Timeout,
    /// The answer was not the JSON the method promises.
    Decode,
}

impl ErrorKind {
    /// Every kind, for the TypeScript union.
    pub const ALL: [Self; 7] =
        [Self::Validation, Self::Platform, Self::RateLimited, Self::Http, Self::Network, Self::Timeout, Self::Decode];

    /// The stable name JS sees in `err.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::Platform => "platform",
            Self::RateLimited => "rate_limited",
            Self::Http => "http",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::Decode => "decode",
        }
    }
}

/// Which provider a call was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// Slack's Web API.
    Slack,
    /// Stytch's B2B API.
    Stytch,
}

impl Provider {
    /// Every provider, for the TypeScript union.
    pub const ALL: [Self; 2] = [Self::Slack, Self::Stytch];

    /// The stable name JS sees in `err.provider`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Slack => "slack",
            Self::Stytch => "stytch",
        }
    }

    /// The response header that names a request, when the provider sends one (Stytch puts its
    /// `request_id` in the body). The facade reads it only for an error, since a header read is a
    /// call into the runtime a success does not need.
    pub fn request_id_header(self) -> Option<&'static str> {
        match self {
            Self::Slack => Some("x-slack-req-id"),
            Self::Stytch => None,
        }
    }
}

/// The provider and method a call is for, so every error can say where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Call {
    /// The provider.
    pub provider: Provider,
    /// The method as users call it, e.g. `oauth.v2.access`.
    pub method: &'static str,
}

impl Call {
    /// A call of `method` on `provider`.
    pub const fn new(provider: Provider, method: &'static str) -> Self {
        Self { provider, method }
    }

    /// An error of this call. Never put a secret into `message`.
    pub fn error(self, kind: ErrorKind, code: &str, message: impl Into<String>) -> Error {
        Error(Box::new(ErrorDetails {
            kind,
            provider: self.provider,
            method: self.method,
            code: code.to_owned(),
            message: message.into(),
            status: None,
            retry_after: None,
            request_id: None,
            field: None,
            data: None,
        }))
    }

    /// A validation error about `field`.
    pub fn invalid(self, field: &str, code: &str, message: impl Into<String>) -> Error {
        let mut error = self.error(ErrorKind::Validation, code, message);
        error.field = Some(field.to_owned());
        error
    }
}

/// Every failure of the crate. Holds no secret: messages and `data` are built from names,
/// codes and error bodies only, never from parameter values or success bodies.
///
/// Boxed so that `Result<_, Error>` stays one pointer wide on the happy path; the fields are
/// read through `Deref` (`error.kind`, `error.code`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<ErrorDetails>);

/// The fields of an [`Error`].
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorDetails {
    /// What kind of failure.
    pub kind: ErrorKind,
    /// The provider of the call.
    pub provider: Provider,
    /// The method of the call.
    pub method: &'static str,
    /// The provider's error code, or a stable code of ours (`missing_param`, `timeout`, …).
    pub code: String,
    /// A human-readable explanation.
    pub message: String,
    /// The HTTP status, when there was a response.
    pub status: Option<u16>,
    /// Seconds the provider asked us to wait, on `RateLimited`.
    pub retry_after: Option<u32>,
    /// Stytch's `request_id` or Slack's `x-slack-req-id`.
    pub request_id: Option<String>,
    /// The offending parameter, on `Validation`.
    pub field: Option<String>,
    /// The raw JSON text of an error body (never of a success body, which holds tokens).
    pub data: Option<String>,
}

impl core::ops::Deref for Error {
    type Target = ErrorDetails;

    fn deref(&self) -> &ErrorDetails {
        &self.0
    }
}

impl core::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorDetails {
        &mut self.0
    }
}

impl Error {
    /// Adds the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Adds the provider's request id, when there is one.
    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    /// Adds the raw JSON of the error body.
    pub fn with_data(mut self, body: &str) -> Self {
        self.data = Some(body.to_owned());
        self
    }
}

impl Error {
    /// `slack oauth.v2.access failed (validation: missing_param): ...`, the JS error's message.
    pub fn full_message(&self) -> String {
        let (provider, kind) = (self.provider.as_str(), self.kind.as_str());
        crate::text!(provider, " ", self.method, " failed (", kind, ": ", self.code, "): ", self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full_message())
    }
}

impl core::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_provider_method_kind_and_code() {
        let call = Call::new(Provider::Slack, "oauth.v2.access");
        let error = call.invalid("code", "missing_param", "`code` is required");
        assert_eq!(error.to_string(), "slack oauth.v2.access failed (validation: missing_param): `code` is required");
        assert_eq!(error.field.as_deref(), Some("code"));
    }
}
