//! One call, as the JS facade drives it: [`prepare_at`] checks the params and options (the client
//! was checked once, by [`check_client`]) and builds the request; the facade sends it;
//! [`conclude_at`] reads what one attempt got and says retry, done or failed.
//! Both are synchronous and take and give JSON text, so nothing of a call stays in the wasm
//! between them and no caller value is ever read from inside the wasm.

use crate::endpoint::{ClientConfig, Endpoint};
use crate::error::{Call, Error, ErrorKind, Provider};
use crate::http::retry::{decide, Decision, Outcome};
use crate::http::retry_after;
use crate::http::{HttpRequest, HttpResponse, Method as HttpMethod, TransportConfig};
use crate::json::{Json, Writer};
use crate::options::CallOptions;
use crate::params::{read_optional, snapshot};
use crate::prelude::*;
use crate::seam::{checked_client, error as error_key, failure, prepared, request as request_key, verdict};

/// A method the facade can call.
pub struct Method {
    /// Whose method it is.
    pub provider: Provider,
    /// The method as users call it on the client, e.g. `oauth.v2.access`.
    pub path: &'static str,
    /// Whether every param is optional (`auth.revoke()`), so the params may be left out.
    params_optional: bool,
    request: fn(&Json, &Json) -> Result<HttpRequest, Error>,
    conclude: fn(Attempt) -> Verdict,
}

impl Method {
    /// The entry of endpoint `E`.
    pub const fn of<E: Endpoint>() -> Self {
        Self {
            provider: E::CALL.provider,
            path: E::CALL.method,
            params_optional: <E::Params as crate::params::Params>::OPTIONAL,
            request: request::<E>,
            conclude: conclude::<E>,
        }
    }
}

/// What one attempt got, as the facade reports it (the arguments of `conclude`).
#[derive(Debug, Default)]
pub struct Attempt {
    /// 0 for the first.
    pub number: u32,
    /// Milliseconds since the call started.
    pub elapsed_ms: u32,
    /// The clock, Unix milliseconds (for a `Retry-After` date).
    pub now_ms: u64,
    /// Random, 0..1000, to spread retries.
    pub jitter: u32,
    /// The client's limits (its `policy`, from [`check_client`]).
    pub transport: TransportConfig,
    /// Why there was no response: `network`, `timeout`, `deadline`, `aborted`, `too_large`,
    /// `redirect` (a browser's opaque redirect).
    pub failure: Option<String>,
    /// The runtime's own words about a network failure (its cause's code and message).
    pub detail: Option<String>,
    /// The response, when there was one.
    pub response: HttpResponse,
    /// Its `Retry-After` header, unread.
    pub retry_after: Option<String>,
}

/// What follows an attempt.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Wait this many milliseconds, then send again.
    Retry(u32),
    /// The body is the answer: return it as it is.
    Done,
    /// The call failed.
    Failed(Error),
}

/// Checks the params and builds the request of `E`, for the checked `client` ([`check_client`]'s).
fn request<E: Endpoint>(client: &Json, params: &Json) -> Result<HttpRequest, Error> {
    E::prepare(client, params)
}

#[inline(never)] // one copy for all methods
fn check_call_options(call: Call, options: &Json) -> Result<(), Error> {
    read_optional::<CallOptions>(call, "options", options).map(drop)
}

/// The request as the facade sends it: `{ url, method, body?, headers, spends }`. The Rust
/// clients send what this writes too, so the two cannot send different bytes.
#[inline(never)]
pub(crate) fn request_json(request: &HttpRequest) -> String {
    let mut headers = Writer::new().text("accept", "application/json");
    if let Some(authorization) = request.auth.header_value() {
        headers = headers.text("authorization", authorization.secret());
    }
    let mut out = Writer::new().text(request_key::url, &request.url);
    match (&request.method, &request.form) {
        (HttpMethod::Post, form) => {
            headers = headers.text("content-type", "application/x-www-form-urlencoded");
            out = out
                .text(request_key::method, "POST")
                .text(request_key::body, form.as_ref().map_or("", |form| form.secret()));
        }
        (HttpMethod::Get, _) => out = out.text(request_key::method, "GET"),
    }
    out.raw(request_key::headers, &headers.finish()).int(request_key::spends, request.retry as i64).finish()
}

/// Decides what follows an attempt of `E`.
pub fn conclude<E: Endpoint>(attempt: Attempt) -> Verdict {
    judge(E::CALL, attempt, E::decode)
}

#[inline(never)] // one copy for all methods
fn judge(call: Call, mut attempt: Attempt, decode: fn(&HttpResponse) -> Result<(), Error>) -> Verdict {
    let transport = &attempt.transport;
    let class = attempt.response.spent;
    let retry_after = attempt.retry_after.as_deref().map(|value| retry_after::parse(value, attempt.now_ms));
    let outcome = match attempt.failure.as_deref() {
        None => Outcome::Status(attempt.response.status, retry_after),
        Some(failure::network) => Outcome::Network,
        Some(failure::timeout) => Outcome::Timeout,
        Some(failure) => {
            let mut error = failure_error(call, failure, None, transport);
            // An abort during the wait after an answer keeps that answer's status.
            error.status = Some(attempt.response.status).filter(|&status| status != 0);
            return Verdict::Failed(error);
        }
    };
    let jitter = f64::from(attempt.jitter.min(999)) / 1000.0;
    if let Decision::RetryAfter(delay_ms) =
        decide(transport, class, attempt.number, attempt.elapsed_ms, outcome, jitter)
    {
        return Verdict::Retry(delay_ms);
    }
    if let Some(failure) = attempt.failure.as_deref() {
        return Verdict::Failed(failure_error(call, failure, attempt.detail.as_deref(), transport));
    }
    let response = HttpResponse { retry_after, ..core::mem::take(&mut attempt.response) };
    match decode(&response) {
        Ok(()) => Verdict::Done,
        Err(error) => Verdict::Failed(error),
    }
}

/// The error for an attempt that got no response.
fn failure_error(call: Call, failure: &str, detail: Option<&str>, transport: &TransportConfig) -> Error {
    match failure {
        failure::network => {
            let message = crate::text!("request failed: ", detail.unwrap_or("the runtime gave no reason"));
            call.error(ErrorKind::Network, "network_error", message)
        }
        failure::timeout => {
            let message = crate::text!("no complete answer within the `timeout` of ", transport.timeout_ms, " ms");
            call.error(ErrorKind::Timeout, "timeout", message)
        }
        failure::deadline => {
            let message =
                crate::text!("the call did not finish within its `deadline` of ", transport.deadline_ms, " ms");
            call.error(ErrorKind::Timeout, "timeout", message)
        }
        failure::aborted => call.error(ErrorKind::Timeout, "aborted", "the call was aborted by its `signal`"),
        failure::too_large => {
            let message = crate::text!("the answer is larger than the cap of ", transport.max_body_bytes, " bytes");
            call.error(ErrorKind::Decode, "response_too_large", message)
        }
        _ => crate::decode::redirect(call),
    }
}

/// The error as the facade turns it into an `EdgeOAuthError`.
pub fn error_json(error: &Error) -> String {
    let mut out = Writer::new()
        .text(error_key::kind, error.kind.as_str())
        .text(error_key::provider, error.provider.as_str())
        .text(error_key::method, error.method)
        .text(error_key::code, &error.code)
        .text(error_key::message, &error.full_message())
        .int_if(error_key::status, error.status.map(i64::from))
        .int_if(error_key::retryAfter, error.retry_after.map(i64::from))
        .text_if(error_key::requestId, error.request_id.as_deref())
        .text_if(error_key::field, error.field.as_deref());
    if let Some(data) = &error.data {
        out = out.raw(error_key::data, data);
    }
    out.finish()
}

/// A verdict as JSON text: `{ retry: ms }`, `{ ok: true }` or `{ error }`.
pub fn verdict_json(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Retry(delay_ms) => Writer::new().int(verdict::retry, (*delay_ms).into()).finish(),
        Verdict::Done => Writer::new().bool(verdict::ok, true).finish(),
        Verdict::Failed(error) => failed(error),
    }
}

/// Checks a client's constructor arguments (the facade's JSON copy `{ token?, options, browser
/// }`): `{ client, policy }`, the checked configuration as JSON text for every later `prepare`
/// and the client's limits (with the header that names its requests, which the facade adds to an
/// error), which the facade keeps and hands to every `conclude`; or `{ error }`. Apart, so no
/// `prepare` parses limits it has no use for.
pub fn check_client<C: ClientConfig>(text: &str) -> String {
    let checked = snapshot(C::CONSTRUCTOR, "options", text).and_then(|client| C::from_client(&client));
    let header = C::CONSTRUCTOR.provider.request_id_header();
    client_answer(checked.map(|config| {
        (config.checked(), config.transport().policy().text_if(crate::seam::policy::requestIdHeader, header))
    }))
}

#[inline(never)] // one copy for both providers
fn client_answer(checked: Result<(Writer, Writer), Error>) -> String {
    match checked {
        Ok((client, policy)) => Writer::new()
            .text(checked_client::client, &client.finish())
            .raw(checked_client::policy, &policy.finish())
            .finish(),
        Err(error) => failed(&error),
    }
}

/// Checks the params and the call's options of the method at `index`, and builds its request:
/// `{ request: { url, method, headers, body?, spends } }` or `{ error }`. `texts` are the checked
/// client ([`check_client`]'s) and the facade's JSON copies of the params and the call's options;
/// one that cannot be read is the method's validation error, naming the argument. The facade
/// reports `spends` (the request's [`RetryClass`](crate::http::RetryClass) as a number) back to [`conclude_at`] with each
/// attempt.
pub fn prepare_at(methods: &[Method], index: usize, [client, params, options]: [&str; 3]) -> String {
    let Some(method) = methods.get(index) else { return unknown_method() };
    let call = Call::new(method.provider, method.path);
    let read = |what, text| snapshot(call, what, text);
    let prepared = (|| {
        let client = read("client", client)?;
        check_call_options(call, &read("options", options)?)?;
        let params = read("params", params)?;
        // A method whose fields are all optional (`auth.revoke()`) may be called without params.
        let params = if params == Json::Null && method.params_optional { Json::Object(Vec::new()) } else { params };
        (method.request)(&client, &params)
    })();
    match prepared {
        Ok(request) => Writer::new().raw(prepared::request, &request_json(&request)).finish(),
        Err(error) => failed(&error),
    }
}

/// Runs `conclude` of the method at `index`.
pub fn conclude_at(methods: &[Method], index: usize, attempt: Attempt) -> String {
    match methods.get(index) {
        Some(method) => verdict_json(&(method.conclude)(attempt)),
        None => unknown_method(),
    }
}

fn unknown_method() -> String {
    let error =
        Call::new(Provider::Slack, "edge-oauth").error(ErrorKind::Validation, "unknown_method", "no such method");
    failed(&error)
}

/// `{ error }`: every answer of the wasm fails under the same key.
pub fn failed(error: &Error) -> String {
    Writer::new().raw(verdict::error, &error_json(error)).finish()
}
