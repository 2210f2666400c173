//! Steps of response decoding that both providers share: JSON or a `decode` error, a checked
//! view or a `decode` error naming the field, and the errors for 429, redirects and bare HTTP
//! failures.

use crate::error::{Call, Error, ErrorKind};
use crate::http::HttpResponse;
use crate::json::Json;
use crate::prelude::*;
use crate::view::{check, Shape};

/// A response, with what the provider module knows about it before decoding.
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
        let content_type = self.response.content_type.as_deref().unwrap_or("no content type");
        let status = self.response.status;
        self.error(
            ErrorKind::Decode,
            "invalid_json",
            crate::text!("HTTP ", status, ": the body is not JSON (", content_type, ")"),
        )
    }

    /// Checks a success body against its view, then that it carries what the method promises
    /// (`has_token` turns "success, but nothing usable" into a `decode` error).
    pub fn checked(&self, value: &Json, view: &Shape, has_token: impl FnOnce(&Json) -> bool) -> Result<(), Error> {
        check(value, view).map_err(|mismatch| {
            self.error(ErrorKind::Decode, "invalid_response", crate::text!("unexpected answer: ", mismatch.describe()))
        })?;
        if has_token(value) {
            Ok(())
        } else {
            let provider = self.call.provider.as_str();
            Err(self.error(ErrorKind::Decode, "invalid_response", crate::text!(provider, " answered without a token")))
        }
    }

    /// HTTP 429 after the allowed retries, with the provider's code when it gave one and its
    /// body as `data` when that was JSON.
    pub fn rate_limited(&self, code: Option<&str>, json_body: bool) -> Error {
        let retry_after = self.response.retry_after_seconds();
        let wait = retry_after.map_or(String::new(), |s| crate::text!("; retry after ", s, " s"));
        let provider = self.call.provider.as_str();
        let mut error = self.error(
            ErrorKind::RateLimited,
            code.unwrap_or("rate_limited"),
            crate::text!("rate limited by ", provider, wait),
        );
        error.retry_after = retry_after;
        if json_body {
            error.with_data(&self.response.body)
        } else {
            error
        }
    }

    /// A non-2xx answer without a provider error in it (an HTML page from a proxy, say), or a
    /// redirect.
    pub fn http_failure(&self) -> Error {
        let status = self.response.status;
        if self.response.is_redirect() {
            return redirect(self.call).with_status(status).with_request_id(self.request_id.clone());
        }
        let mut error = self.error(ErrorKind::Http, "http_error", crate::text!("HTTP ", status));
        error.retry_after = self.response.retry_after_seconds();
        error
    }
}

/// The error for a redirect, whose target we never follow (and a browser does not even show).
pub fn redirect(call: Call) -> Error {
    call.error(
        ErrorKind::Http,
        "redirect",
        "the provider answered with a redirect, which is not followed (credentials must not travel \
         elsewhere); check the API base URL",
    )
}
