#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod base_url;
pub mod decode;
pub mod endpoint;
pub mod error;
pub mod flow;
pub mod http;
pub mod js;
pub mod json;
pub mod options;
pub mod secret;
pub mod slack;
pub mod stytch;
pub mod validate;

pub use error::{Call, Error, ErrorKind, Provider};
pub use secret::Secret;
