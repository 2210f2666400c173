// The Rust API's guide first (a workers-rs Worker, then a native program; doc-tested whenever
// the native transport is built), then the package's README.
#![cfg_attr(feature = "native", doc = include_str!("client/guide.md"))]
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// A `view!` with many fields (the 31 identity claims) expands one field at a time (tsify_fields!).
#![recursion_limit = "256"]
// In the npm wasm there is no `std`: its panic machinery would bring formatting code, Unicode tables
// and messages that a panic-free core never uses (see `wasm.rs`).
// Other wasm builds (a Rust program's, with the default features) keep `std`.
#![cfg_attr(all(target_arch = "wasm32", feature = "npm", not(feature = "client")), no_std)]

extern crate alloc;

pub mod base_url;
pub mod call;
pub mod catalog;
#[cfg(feature = "client")]
pub mod client;
pub mod decode;
pub mod encoding;
pub mod endpoint;
pub mod error;
#[cfg(feature = "npm")]
pub mod exports;
pub mod flow;
pub mod http;
pub mod json;
pub mod options;
pub mod params;
pub mod seam;
pub mod secret;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod slack;
pub mod stytch;
pub mod text;
mod tsify_fields;
#[cfg(feature = "typescript")]
pub mod typescript;
pub mod view;
// Only the npm build is a whole program of its own: a Rust program that depends on this crate
// brings its own allocator and panic handler.
#[cfg(all(target_arch = "wasm32", feature = "npm", not(feature = "client")))]
mod wasm;

pub use error::{Call, Error, ErrorKind, Provider};
pub use secret::Secret;

#[cfg(feature = "client")]
pub use client::{SlackClient, StytchB2BClient};

/// What every module uses from `alloc`, the same with and without `std`.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    #[allow(unused_imports)] // `vec!` is in std's prelude; the no_std npm build needs it here
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}
