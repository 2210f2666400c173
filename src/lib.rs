#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod base_url;
pub mod call;
pub mod catalog;
pub mod decode;
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
pub mod typescript;
pub mod view;

pub use error::{Call, Error, ErrorKind, Provider};
pub use secret::Secret;
