//! The transport: `fetch` with a per-attempt deadline, a body-size cap and the retry loop.
//! Binds the global `fetch` and timers directly (not `window`), so the same code runs in
//! browsers, Web Workers, Cloudflare Workers and Node, and tests can swap `globalThis.fetch`.

use super::retry::{self, Decision, Outcome};
use super::{HttpRequest, HttpResponse, Method, TransportConfig, TransportError};
use js_sys::{Promise, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_with_init(url: &str, init: &web_sys::RequestInit) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &js_sys::Function, ms: i32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Sends `request`, retrying as its [`super::RetryClass`] and `config` allow, and returns the
/// last response (whatever its status) or the last transport failure.
pub async fn send(request: &HttpRequest, config: &TransportConfig) -> Result<HttpResponse, TransportError> {
    let mut waited_ms = 0u32;
    let mut attempt = 0u32;
    loop {
        let result = attempt_once(request, config).await;
        let outcome = match &result {
            Ok(response) => Outcome::Status(response.status, response.retry_after()),
            Err(TransportError::Network(_)) => Outcome::Network,
            Err(TransportError::Timeout) => Outcome::Timeout,
            Err(TransportError::TooLarge) => return result,
        };
        let jitter = js_sys::Math::random();
        match retry::decide(config, request.retry, attempt, waited_ms, outcome, jitter) {
            Decision::Stop => return result,
            Decision::RetryAfter(delay_ms) => {
                sleep(delay_ms).await;
                waited_ms = waited_ms.saturating_add(delay_ms);
                attempt += 1;
            }
        }
    }
}

async fn attempt_once(request: &HttpRequest, config: &TransportConfig) -> Result<HttpResponse, TransportError> {
    let controller = web_sys::AbortController::new().map_err(network_error)?;
    let deadline = Deadline::start(&controller, config.timeout_ms);
    let failed = |error: JsValue| if deadline.fired() { TransportError::Timeout } else { network_error(error) };

    let init = request_init(request, &controller.signal()).map_err(network_error)?;
    let promise = fetch_with_init(&request.url, &init).map_err(&failed)?;
    let response: web_sys::Response = JsFuture::from(promise).await.map_err(&failed)?.unchecked_into();
    let headers = read_headers(&response.headers());
    let declared: Option<usize> =
        headers.iter().find(|(name, _)| name == "content-length").and_then(|(_, n)| n.trim().parse().ok());
    let body = match declared {
        Some(length) if length > config.max_body_bytes => Err(BodyError::TooLarge),
        _ => read_body(&response, config.max_body_bytes).await,
    };
    let body = body.map_err(|error| match error {
        BodyError::TooLarge => {
            // Drop the rest of the answer rather than let the connection keep streaming it.
            controller.abort();
            TransportError::TooLarge
        }
        BodyError::Js(error) => failed(error),
    })?;
    Ok(HttpResponse { status: response.status(), headers, body })
}

fn request_init(request: &HttpRequest, signal: &web_sys::AbortSignal) -> Result<web_sys::RequestInit, JsValue> {
    let headers = web_sys::Headers::new()?;
    headers.set("accept", "application/json")?;
    if let Some(value) = request.auth.header_value() {
        headers.set("authorization", value.secret())?;
    }
    let init = web_sys::RequestInit::new();
    init.set_headers(&headers);
    init.set_signal(Some(signal));
    // Credentials never follow a redirect to another host: a provider API does not redirect.
    init.set_redirect(web_sys::RequestRedirect::Manual);
    match request.method {
        Method::Get => init.set_method("GET"),
        Method::Post => {
            init.set_method("POST");
            headers.set("content-type", "application/x-www-form-urlencoded")?;
            let body = request.form.as_ref().map_or("", |form| form.secret());
            init.set_body(&JsValue::from_str(body));
        }
    }
    Ok(init)
}

fn read_headers(headers: &web_sys::Headers) -> Vec<(String, String)> {
    let Ok(Some(entries)) = js_sys::try_iter(headers) else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?.to_ascii_lowercase(), pair.get(1).as_string()?))
        })
        .collect()
}

enum BodyError {
    TooLarge,
    Js(JsValue),
}

/// Reads the body chunk by chunk so an oversized answer is cut off, not buffered whole.
async fn read_body(response: &web_sys::Response, max_bytes: usize) -> Result<String, BodyError> {
    let Some(stream) = response.body() else { return Ok(String::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(BodyError::Js)?;
        if js_sys::Reflect::get(&chunk, &"done".into()).map_err(BodyError::Js)?.is_truthy() {
            break;
        }
        let value: Uint8Array = js_sys::Reflect::get(&chunk, &"value".into()).map_err(BodyError::Js)?.unchecked_into();
        if bytes.len() + value.length() as usize > max_bytes {
            let _ = reader.cancel();
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&value.to_vec());
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn network_error(error: JsValue) -> TransportError {
    let message = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "fetch failed".to_owned());
    TransportError::Network(message)
}

/// Aborts the attempt's fetch when the timeout passes; clears the timer when dropped.
struct Deadline {
    timer: JsValue,
    fired: Rc<Cell<bool>>,
    _on_fire: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(controller: &web_sys::AbortController, timeout_ms: u32) -> Self {
        let fired = Rc::new(Cell::new(false));
        let on_fire = {
            let (fired, controller) = (fired.clone(), controller.clone());
            Closure::<dyn FnMut()>::new(move || {
                fired.set(true);
                controller.abort();
            })
        };
        let timer = set_timeout(on_fire.as_ref().unchecked_ref(), timeout_ms.min(i32::MAX as u32) as i32);
        Self { timer, fired, _on_fire: on_fire }
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}

/// Waits `ms` milliseconds without blocking the event loop.
pub async fn sleep(ms: u32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        set_timeout(&resolve, ms.min(i32::MAX as u32) as i32);
    });
    let _ = JsFuture::from(promise).await;
}
