//! The wasm32 [`Transport`] (feature `fetch`): the global `fetch`, bound directly as gloo-net
//! does (never `window()`), so the same code runs in browsers, dedicated workers, Cloudflare
//! Workers (workerd) and Node. One `AbortController` per attempt for its timeout, redirects
//! never followed (`redirect: "manual"`), a declared body longer than the cap refused unread.
//! Every JS call that can throw is imported with `catch`, so no JS exception unwinds through the
//! wasm.

use super::transport::{Failure, Request, Response, Transport};
use crate::http::Method;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestInit, RequestRedirect};

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = fetch, catch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout, catch)]
    fn set_timeout(callback: &Function, ms: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = clearTimeout, catch)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
}

/// The `fetch` transport; it holds nothing, so it is free to create per client.
#[derive(Debug, Clone, Copy, Default)]
pub struct FetchTransport;

/// A timer that aborts `controller` when it fires; cleared when dropped.
struct AbortTimer {
    id: JsValue,
    fired: std::rc::Rc<std::cell::Cell<bool>>,
    _callback: Closure<dyn FnMut()>,
}

impl AbortTimer {
    fn start(controller: &AbortController, ms: u32) -> Result<Self, JsValue> {
        let fired = std::rc::Rc::new(std::cell::Cell::new(false));
        let (flag, controller) = (fired.clone(), controller.clone());
        let callback = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            controller.abort();
        });
        let id = set_timeout(callback.as_ref().unchecked_ref(), f64::from(ms))?;
        Ok(Self { id, fired, _callback: callback })
    }
}

impl Drop for AbortTimer {
    fn drop(&mut self) {
        let _ = clear_timeout(&self.id);
    }
}

/// The runtime's words for a failed fetch: its `cause`'s code and message, else its own
/// message (undici hides the reason in `cause`), at most 300 characters.
fn describe(error: &JsValue) -> String {
    let text = |value: &JsValue, key: &str| Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string());
    let cause = Reflect::get(error, &"cause".into()).ok().filter(|cause| cause.is_object());
    let holder = cause.as_ref().unwrap_or(error);
    let parts = [
        text(holder, "code").or_else(|| text(error, "code")),
        text(holder, "message").or_else(|| text(error, "message")),
    ];
    parts
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
        .chars()
        .take(300)
        .collect()
}

/// How an attempt ended, before the timer's verdict is applied.
enum Ended {
    Answer(Response),
    TooLarge,
    Redirect,
}

impl FetchTransport {
    async fn attempt(&self, request: &Request, controller: &AbortController) -> Result<Ended, JsValue> {
        let headers = Headers::new()?;
        for (name, value) in &request.headers {
            headers.append(name, value)?;
        }
        let init = RequestInit::new();
        init.set_method(request.method_name());
        init.set_headers(&headers);
        init.set_signal(Some(&controller.signal()));
        init.set_redirect(RequestRedirect::Manual);
        if let (Method::Post, Some(body)) = (request.method, &request.body) {
            init.set_body(&JsValue::from_str(body));
        }
        let fetch_request = web_sys::Request::new_with_str_and_init(&request.url, &init)?;
        let response: web_sys::Response = JsFuture::from(global_fetch(&fetch_request)?).await?.dyn_into()?;
        let status = response.status();
        // Only a browser's opaque redirect has status 0.
        if status == 0 && response.type_() == web_sys::ResponseType::Opaqueredirect {
            return Ok(Ended::Redirect);
        }
        let headers = response.headers();
        let mut kept = Vec::new();
        for name in ["content-type", "content-length", "content-encoding", "retry-after", "x-slack-req-id"] {
            if let Some(value) = headers.get(name)? {
                kept.push((name.to_owned(), value));
            }
        }
        let cap = u64::from(request.max_body_bytes);
        let declared = kept.iter().find(|(name, _)| name == "content-length").and_then(|(_, n)| n.parse::<u64>().ok());
        let compressed = kept.iter().any(|(name, _)| name == "content-encoding");
        if declared.is_some_and(|length| length > cap) && !compressed {
            controller.abort();
            return Ok(Ended::TooLarge);
        }
        // What a compressed body inflates to is counted after reading it.
        let bytes = Uint8Array::new(&JsFuture::from(response.array_buffer()?).await?);
        if u64::from(bytes.length()) > cap {
            return Ok(Ended::TooLarge);
        }
        let body = String::from_utf8_lossy(&bytes.to_vec()).into_owned();
        Ok(Ended::Answer(Response { status, headers: kept, body }))
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: &Request) -> Result<Response, Failure> {
        let controller = AbortController::new().map_err(|error| Failure::Network(describe(&error)))?;
        let timer =
            AbortTimer::start(&controller, request.timeout_ms).map_err(|error| Failure::Network(describe(&error)))?;
        let ended = self.attempt(request, &controller).await;
        let timed_out = timer.fired.get();
        drop(timer);
        match ended {
            Ok(Ended::Answer(response)) => Ok(response),
            Ok(Ended::TooLarge) => Err(Failure::TooLarge),
            Ok(Ended::Redirect) => Err(Failure::Redirect),
            Err(_) if timed_out => Err(Failure::Timeout),
            Err(error) => Err(Failure::Network(describe(&error))),
        }
    }

    async fn sleep(&self, ms: u32) {
        let promise = Promise::new(&mut |resolve, _reject| {
            let _ = set_timeout(&resolve, f64::from(ms));
        });
        let _ = JsFuture::from(promise).await;
    }

    fn now_ms(&self) -> u64 {
        js_sys::Date::now() as u64
    }

    fn in_browser_window(&self) -> bool {
        let global = js_sys::global();
        let has = |key: &str| Reflect::has(&global, &key.into()).unwrap_or(false);
        has("window") && has("document")
    }
}
