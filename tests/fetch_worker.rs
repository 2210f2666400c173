//! The `fetch` transport in a dedicated worker (no `window`, as in Cloudflare Workers), in headless
//! Chromium.
#![cfg(all(target_arch = "wasm32", feature = "fetch"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

include!("fetch/cases.rs");
