//! The `fetch` transport in Node (`wasm-pack test --node --features fetch`).
#![cfg(all(target_arch = "wasm32", feature = "fetch"))]

include!("fetch/cases.rs");
