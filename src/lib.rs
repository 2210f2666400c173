#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
// In the wasm there is no `std`: its panic machinery would bring formatting code, Unicode tables
// and messages that a panic-free core never uses (see `wasm.rs`).
#![cfg_attr(target_arch = "wasm32", no_std)]
// The docs of params and views are tsify's input, so the wasm build (without tsify) drops them;
// the native build checks them.
#![cfg_attr(target_arch = "wasm32", allow(missing_docs))]

extern crate alloc;

pub mod base_url;
pub mod call;
pub mod catalog;
pub mod decode;
pub mod encoding;
pub mod endpoint;
pub mod error;
pub mod exports;
pub mod flow;
pub mod http;
pub mod json;
pub mod options;
pub mod params;
pub mod secret;
pub mod slack;
pub mod stytch;
pub mod text;
#[cfg(not(target_arch = "wasm32"))]
pub mod typescript;
pub mod view;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Call, Error, ErrorKind, Provider};
pub use secret::Secret;

/// What every module uses from `alloc`, the same with and without `std`.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}
