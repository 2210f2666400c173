//! The `fetch` transport in headless Chromium (`wasm-pack test --headless --chrome --features fetch`).
#![cfg(all(target_arch = "wasm32", feature = "fetch"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

include!("fetch/cases.rs");
