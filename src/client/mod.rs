//! The typed, async Rust API (feature `client`): [`SlackClient`] and [`StytchB2BClient`], one
//! async method per API method, over the same core as the npm package.
//!
//! The core stays sans-IO: a [`Transport`] makes one attempt (and keeps the time), and the retry
//! loop in `run.rs` asks the core, after each attempt, what follows: the very `conclude` step
//! the JS facade calls through the wasm, with the same retry classes, timeout, deadline,
//! `Retry-After` and jitter. Requests are the ones `prepare` answers the facade, so the Rust API
//! and the npm package send the same bytes and reach the same verdicts
//! (`tests/rust/differential.test.mjs` holds them to it).

use crate::json::Json;
use crate::prelude::*;
use alloc::collections::BTreeMap;
use core::fmt;

mod answer;
pub mod flow;
pub mod id_token;
mod run;
mod slack;
mod stytch;
mod transport;

#[cfg(all(feature = "fetch", target_arch = "wasm32"))]
pub mod fetch;
#[cfg(all(feature = "fetch", target_arch = "wasm32"))]
pub mod js;
#[cfg(feature = "native")]
pub mod native;

pub use answer::{member_keeping_odd, FromJson};
pub use id_token::verify_slack_id_token;
pub use slack::{SlackClient, SlackOptions, SLACK_METHODS};
pub use stytch::{StytchB2BClient, StytchOptions, STYTCH_METHODS};
pub use transport::{Failure, Request, Response, Transport};

/// The members of an answer that its type does not name, kept as the provider sent them, so a
/// field Slack or Stytch adds later is not lost. `Debug` lists only their names: an unknown
/// member may hold a token.
#[derive(Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize), serde(transparent))]
pub struct Extra(pub BTreeMap<String, Json<'static>>);

impl Extra {
    /// The members of `value` (an object) not in `known`; `None` if it is no object.
    pub fn beyond(value: &Json, known: &[&str]) -> Option<Self> {
        let Json::Object(members) = value else { return None };
        let rest = members
            .iter()
            .filter(|(name, _)| !known.contains(&name.as_ref()))
            .map(|(name, member)| (name.to_string(), member.clone().into_owned()));
        Some(Self(rest.collect()))
    }

    /// The member `name`, if the answer had it.
    pub fn get(&self, name: &str) -> Option<&Json<'static>> {
        self.0.get(name)
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

/// Runs a future to completion on this thread, parking it while the future waits: enough for a
/// program or a test without an async runtime (the native transport's futures never wait).
pub fn block_on<F: core::future::Future>(future: F) -> F::Output {
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = core::pin::pin!(future);
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

#[cfg(test)]
mod tests;
