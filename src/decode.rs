//! Steps of response decoding that both providers share: JSON or a `decode` error, a typed view
//! or a `decode` error naming the field, and the errors for 429 and bare HTTP failures.

use crate::error::{Call, Error, ErrorKind};
use crate::http::{HttpResponse, TransportError};
use crate::json::Json;
use crate::validate::describe_serde_problem;
use serde::de::DeserializeOwned;

/// What the provider module knows about a response before decoding it.
pub struct Answer<'a> {
    /// The call it answers.
    pub call: Call,
    /// The response.
    pub response: &'a HttpResponse,
    /// The provider's request id, from a header or the body.
    pub request_id: Option<String>,
}

impl Answer<'_> {
    /// An error about this response, with its status and request id.
    pub fn error(&self, kind: ErrorKind, code: &str, message: impl Into<String>) -> Error {
        self.call.error(kind, code, message).with_status(self.response.status).with_request_id(self.request_id.clone())
    }

    /// The `decode` error for a body that is not JSON, saying what came instead.
    pub fn not_json(&self) -> Error {
        let content_type = self.response.header("content-type").unwrap_or("no content type");
        self.error(
            ErrorKind::Decode,
            "invalid_json",
            format!("HTTP {}: the body is not JSON ({content_type})", self.response.status),
        )
    }

    /// `value` read as `V`, or a `decode` error naming the field (never quoting a value: a
    /// success body holds tokens).
    pub fn view<J: Json, V: DeserializeOwned>(&self, value: &J::Value) -> Result<V, Error> {
        J::read::<V>(value).map_err(|problem| {
            let (_, message) = describe_serde_problem(&problem.path, &problem.message);
            self.error(ErrorKind::Decode, "invalid_response", format!("unexpected answer: {message}"))
        })
    }

    /// `value` checked as `V` and by `has_token` (which turns "success, but nothing usable" into a
    /// `decode` error), then returned unchanged.
    pub fn checked<J: Json, V: DeserializeOwned>(
        &self,
        value: J::Value,
        has_token: impl FnOnce(&V) -> bool,
    ) -> Result<J::Value, Error> {
        let view: V = self.view::<J, V>(&value)?;
        if !has_token(&view) {
            let provider = self.call.provider.as_str();
            return Err(self.error(
                ErrorKind::Decode,
                "invalid_response",
                format!("{provider} answered without a token"),
            ));
        }
        Ok(value)
    }

    /// HTTP 429 after the allowed retries, with the provider's code when it gave one, and its
    /// body as `data` when that was JSON (`json_body`).
    pub fn rate_limited(&self, code: Option<&str>, json_body: bool) -> Error {
        let retry_after = self.response.retry_after();
        let wait = retry_after.map_or(String::new(), |s| format!("; retry after {s} s"));
        let mut error = self.error(
            ErrorKind::RateLimited,
            code.unwrap_or("rate_limited"),
            format!("rate limited by {}{wait}", self.call.provider.as_str()),
        );
        error.retry_after = retry_after;
        if json_body {
            error.with_data(&self.response.body)
        } else {
            error
        }
    }

    /// A non-2xx answer without a provider error in it (an HTML page from a proxy, say).
    pub fn http_failure(&self) -> Error {
        self.error(ErrorKind::Http, "http_error", format!("HTTP {}", self.response.status))
    }
}

/// The error for a call that got no response at all.
pub fn transport_error(call: Call, error: TransportError, timeout_ms: u32) -> Error {
    match error {
        TransportError::Network(message) => {
            call.error(ErrorKind::Network, "network_error", format!("request failed: {message}"))
        }
        TransportError::Timeout => {
            call.error(ErrorKind::Timeout, "timeout", format!("no complete answer within {timeout_ms} ms"))
        }
        TransportError::TooLarge => {
            call.error(ErrorKind::Decode, "response_too_large", "the answer is larger than the size cap")
        }
    }
}
