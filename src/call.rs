//! One call, as the JS facade drives it: [`prepare_at`] checks the params and options (the client
//! was checked once, by [`check_client`]) and builds the request; the facade sends it;
//! [`conclude_at`] reads what one attempt got and says retry, done or failed.
//! Both are synchronous and take and give JSON text, so nothing of a call stays in the wasm
//! between them and no caller value is ever read from inside the wasm.

use crate::endpoint::{ClientConfig, Endpoint};
use crate::error::{Call, Error, ErrorKind, Provider};
use crate::http::retry::{decide, Decision, Outcome};
use crate::http::retry_after;
use crate::http::{HttpRequest, HttpResponse, Method as HttpMethod, RetryClass, TransportConfig};
use crate::json::{Json, Writer};
use crate::options::CallOptions;
use crate::params::{read_optional, snapshot};
use crate::prelude::*;

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

/// What one attempt got, as the facade reports it.
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

impl Attempt {
    /// Reads the facade's report `{ attempt, elapsed, now, jitter, spends, status?,
    /// contentType?, retryAfter?, failure?, detail? }`, the client's `policy` (as `checkClient`
    /// gave it) and the body text. Anything unreadable counts as absent: both come from our own
    /// JS. The facade reads `retryAfter` only from a response that is not a success.
    pub fn from_report(report: &Json, policy: &Json, body: String) -> Self {
        let number = |key| report.get(key).and_then(Json::as_i64).unwrap_or(0);
        let text = |key| report.str_at(key).map(str::to_owned);
        Self {
            transport: TransportConfig::from_policy(policy),
            number: u32::try_from(number("attempt")).unwrap_or(u32::MAX),
            elapsed_ms: u32::try_from(number("elapsed")).unwrap_or(u32::MAX),
            now_ms: u64::try_from(number("now")).unwrap_or(0),
            jitter: u32::try_from(number("jitter")).unwrap_or(0),
            failure: text("failure"),
            detail: text("detail"),
            retry_after: text("retryAfter"),
            response: HttpResponse {
                status: u16::try_from(number("status")).unwrap_or(0),
                content_type: text("contentType"),
                retry_after: None,
                body,
                spent: RetryClass::from_number(report.get("spends").and_then(Json::as_i64)),
            },
        }
    }
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
    let mut out = Writer::new().text("url", &request.url);
    match (&request.method, &request.form) {
        (HttpMethod::Post, form) => {
            headers = headers.text("content-type", "application/x-www-form-urlencoded");
            out = out.text("method", "POST").text("body", form.as_ref().map_or("", |form| form.secret()));
        }
        (HttpMethod::Get, _) => out = out.text("method", "GET"),
    }
    out.raw("headers", &headers.finish()).int("spends", request.retry as i64).finish()
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
        Some("network") => Outcome::Network,
        Some("timeout") => Outcome::Timeout,
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
        "network" => {
            let message = crate::text!("request failed: ", detail.unwrap_or("the runtime gave no reason"));
            call.error(ErrorKind::Network, "network_error", message)
        }
        "timeout" => {
            let message = crate::text!("no complete answer within the `timeout` of ", transport.timeout_ms, " ms");
            call.error(ErrorKind::Timeout, "timeout", message)
        }
        "deadline" => {
            let message =
                crate::text!("the call did not finish within its `deadline` of ", transport.deadline_ms, " ms");
            call.error(ErrorKind::Timeout, "timeout", message)
        }
        "aborted" => call.error(ErrorKind::Timeout, "aborted", "the call was aborted by its `signal`"),
        "too_large" => {
            let message = crate::text!("the answer is larger than the cap of ", transport.max_body_bytes, " bytes");
            call.error(ErrorKind::Decode, "response_too_large", message)
        }
        _ => crate::decode::redirect(call),
    }
}

/// The error as the facade turns it into an `EdgeOAuthError`.
pub fn error_json(error: &Error) -> String {
    let mut out = Writer::new()
        .text("kind", error.kind.as_str())
        .text("provider", error.provider.as_str())
        .text("method", error.method)
        .text("code", &error.code)
        .text("message", &error.full_message())
        .int_if("status", error.status.map(i64::from))
        .int_if("retryAfter", error.retry_after.map(i64::from))
        .text_if("requestId", error.request_id.as_deref())
        .text_if("field", error.field.as_deref());
    if let Some(data) = &error.data {
        out = out.raw("data", data);
    }
    out.finish()
}

/// A verdict as JSON text: `{ retry: ms }`, `{ ok: true }` or `{ error }`.
pub fn verdict_json(verdict: &Verdict) -> String {
    match verdict {
        Verdict::Retry(delay_ms) => Writer::new().int("retry", (*delay_ms).into()).finish(),
        Verdict::Done => Writer::new().bool("ok", true).finish(),
        Verdict::Failed(error) => Writer::new().raw("error", &error_json(error)).finish(),
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
    client_answer(
        checked.map(|config| (config.checked(), config.transport().policy().text_if("requestIdHeader", header))),
    )
}

#[inline(never)] // one copy for both providers
fn client_answer(checked: Result<(Writer, Writer), Error>) -> String {
    match checked {
        Ok((client, policy)) => Writer::new().text("client", &client.finish()).raw("policy", &policy.finish()).finish(),
        Err(error) => Writer::new().raw("error", &error_json(&error)).finish(),
    }
}

/// Checks the params and the call's options of the method at `index`, and builds its request:
/// `{ request: { url, method, headers, body?, spends } }` or `{ error }`. `texts` are the checked
/// client ([`check_client`]'s) and the facade's JSON copies of the params and the call's options;
/// one that cannot be read is the method's validation error, naming the argument. The facade
/// reports `spends` (the request's [`RetryClass`] as a number) back to [`conclude_at`] with each
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
        Ok(request) => Writer::new().raw("request", &request_json(&request)).finish(),
        Err(error) => Writer::new().raw("error", &error_json(&error)).finish(),
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
    Writer::new().raw("error", &error_json(&error)).finish()
}
