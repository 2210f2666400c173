//! The retry loop, written once for every transport: the same steps as the npm package's
//! `send` (js/transport.mjs), each decision taken by the core's `conclude` (`call.rs`).

use super::answer::FromJson;
use super::transport::{Failure, Request, Response, Transport};
use crate::call::{request_json, Attempt, Verdict};
use crate::endpoint::{ClientConfig, Endpoint};
use crate::error::{Call, Error, ErrorKind};
use crate::http::{HttpRequest, HttpResponse, Method, RetryClass, TransportConfig};
use crate::json::{parse, Json};
use crate::params::Params;
use crate::prelude::*;

/// One call of `E`: the params checked as the facade's copy would be, the request built, sent
/// until the core says done or failed, and the answer read into its type.
pub(crate) async fn call<E, T>(transport: &T, config: &E::Config, params: E::Params) -> Result<E::Response, Error>
where
    E: Endpoint,
    E::Response: FromJson,
    T: Transport + ?Sized,
{
    params.check(E::CALL)?;
    let request = E::request(config, params)?;
    let body = send(transport, E::CALL, config.transport(), &request, crate::call::conclude::<E>).await?;
    // The core passed the answer: it fits the type, or it is an odd one that rotated a token
    // pair (the only copy of the new pair), whose odd optional members go to `extra` as sent.
    let typed = parse(&body)
        .ok()
        .and_then(|value| E::Response::from_json(&value).or_else(|| E::Response::from_json_keeping_odd(&value)));
    // So this cannot fail; say so if it does.
    typed.ok_or_else(|| E::CALL.error(ErrorKind::Decode, "invalid_response", "the answer does not match its type"))
}

/// The request as it goes on the wire: exactly what `prepare` hands the JS facade (the same
/// function writes both), read back.
pub(crate) fn wire(request: &HttpRequest, limits: &TransportConfig) -> Request {
    let text = request_json(request);
    let json = parse(&text).unwrap_or(Json::Null);
    let headers = match json.get(crate::seam::request::headers) {
        Some(Json::Object(members)) => {
            members.iter().filter_map(|(name, value)| Some((name.to_string(), value.as_str()?.to_owned()))).collect()
        }
        _ => Vec::new(),
    };
    Request {
        method: request.method,
        url: request.url.clone(),
        headers,
        body: match request.method {
            Method::Post => Some(json.str_at(crate::seam::request::body).unwrap_or_default().to_owned()),
            Method::Get => None,
        },
        timeout_ms: limits.timeout_ms,
        max_body_bytes: limits.max_body_bytes,
    }
}

/// Sends `request` until `conclude` says done (the body) or failed (the error), as
/// js/transport.mjs `send` does: each attempt gets the `timeout` or what is left of the
/// `deadline`, whichever is shorter, and its outcome goes to the core as the facade reports it.
async fn send<T: Transport + ?Sized>(
    transport: &T,
    call: Call,
    limits: &TransportConfig,
    request: &HttpRequest,
    conclude: fn(Attempt) -> Verdict,
) -> Result<String, Error> {
    let mut wire = wire(request, limits);
    let started = transport.now_ms();
    let mut elapsed: u64 = 0;
    for number in 0u32.. {
        let remaining = u64::from(limits.deadline_ms).saturating_sub(elapsed);
        wire.timeout_ms = limits.timeout_ms.min(u32::try_from(remaining).unwrap_or(u32::MAX));
        let outcome = transport.send(&wire).await;
        let now = transport.now_ms();
        let attempt = report(outcome.as_ref(), wire.timeout_ms < limits.timeout_ms, request.retry, *limits);
        let attempt = Attempt {
            number,
            elapsed_ms: u32::try_from(now.saturating_sub(started)).unwrap_or(u32::MAX),
            now_ms: now,
            jitter: transport.jitter().min(999),
            ..attempt
        };
        match conclude(attempt) {
            Verdict::Done => return Ok(outcome.map(|response| response.body).unwrap_or_default()),
            Verdict::Failed(mut error) => {
                // As the facade does: the provider's request id from its header, if the error
                // has none from the body.
                let header = call.provider.request_id_header();
                if let (None, Some(header), Ok(response)) = (&error.request_id, header, &outcome) {
                    error.request_id = response.header(header).map(str::to_owned);
                }
                return Err(error);
            }
            Verdict::Retry(delay_ms) => transport.sleep(delay_ms).await,
        }
        elapsed = transport.now_ms().saturating_sub(started);
    }
    unreachable!("the core stops long before u32::MAX attempts (at most 10 retries)")
}

/// What the facade reports of one attempt (`reportText` in js/transport.mjs): the status and
/// the headers the core reads, or why there was no response. `deadline` says the attempt had
/// less than the `timeout` left, so its timeout is the deadline's.
fn report(outcome: Result<&Response, &Failure>, deadline: bool, spent: RetryClass, limits: TransportConfig) -> Attempt {
    let response = HttpResponse { spent, ..HttpResponse::default() };
    let mut attempt = Attempt { transport: limits, response, ..Attempt::default() };
    match outcome {
        Ok(response) => {
            // A success never asks to wait: Retry-After is read only when it can matter.
            let success = (200..300).contains(&response.status);
            attempt.retry_after = response.header("retry-after").filter(|_| !success).map(str::to_owned);
            attempt.response = HttpResponse {
                status: response.status,
                content_type: response.header("content-type").map(str::to_owned),
                retry_after: None,
                body: response.body.clone(),
                spent,
            };
        }
        Err(failure) => {
            let (kind, detail) = match failure {
                Failure::Timeout if deadline => ("deadline", None),
                Failure::Timeout => ("timeout", None),
                // As the facade's `describe`: at most 300 characters of the runtime's words.
                Failure::Network(detail) => ("network", Some(detail.chars().take(300).collect::<String>())),
                Failure::TooLarge => ("too_large", None),
                Failure::Redirect => ("redirect", None),
            };
            attempt.failure = Some(kind.to_owned());
            attempt.detail = detail;
        }
    }
    attempt
}
