//! Options every client shares: `timeout`, `retries`, and the browser guard for secrets.

use crate::error::{Call, Error};
use crate::http::TransportConfig;
use crate::json::Json;
use crate::params::{wrong_type, Param};

/// The longest `timeout` accepted: an edge request should never wait longer on one attempt.
pub const MAX_TIMEOUT_MS: u32 = 120_000;
/// The longest `deadline` accepted, for a whole call.
pub const MAX_DEADLINE_MS: u32 = 300_000;
/// More retries than this only hide an outage.
pub const MAX_RETRIES: u32 = 10;

/// The limits a client's options ask for, before checking.
#[derive(Debug, Default, Clone, Copy)]
pub struct Limits<'a> {
    /// `timeout`: per attempt, ms.
    pub timeout: Option<&'a Json<'static>>,
    /// `retries`.
    pub retries: Option<&'a Json<'static>>,
    /// `deadline`: the whole call, ms.
    pub deadline: Option<&'a Json<'static>>,
    /// `rejectRateLimitedCalls`.
    pub reject_rate_limited: bool,
}

/// Builds the transport limits from the shared options, checking their ranges. Without a
/// `deadline`, a call ends within 30 s all told, or within its `timeout` if that is longer.
pub fn transport_config(call: Call, limits: Limits) -> Result<TransportConfig, Error> {
    let defaults = TransportConfig::default();
    let ms = |max: u32| crate::text!("a whole number of milliseconds from 1 to ", max);
    let timeout_ms = whole(call, "timeout", limits.timeout, 1, MAX_TIMEOUT_MS, &ms(MAX_TIMEOUT_MS))?;
    let timeout_ms = timeout_ms.unwrap_or(defaults.timeout_ms);
    let retries = whole(
        call,
        "retries",
        limits.retries,
        0,
        MAX_RETRIES,
        &crate::text!("a whole number from 0 to ", MAX_RETRIES),
    )?;
    let deadline_ms = whole(call, "deadline", limits.deadline, 1, MAX_DEADLINE_MS, &ms(MAX_DEADLINE_MS))?;
    Ok(TransportConfig {
        timeout_ms,
        retries: retries.unwrap_or(defaults.retries),
        deadline_ms: deadline_ms.unwrap_or(defaults.deadline_ms.max(timeout_ms)),
        reject_rate_limited: limits.reject_rate_limited,
        ..defaults
    })
}

/// An optional whole number within `min..=max`, described to users as `what`.
pub fn whole(
    call: Call,
    field: &str,
    value: Option<&Json>,
    min: u32,
    max: u32,
    what: &str,
) -> Result<Option<u32>, Error> {
    let Some(value) = value else { return Ok(None) };
    match value.as_i64().and_then(|n| u32::try_from(n).ok()).filter(|n| (min..=max).contains(n)) {
        Some(number) => Ok(Some(number)),
        None if matches!(value, Json::Number(_)) => {
            Err(call.invalid(field, "invalid_param", crate::text!("`", field, "` must be ", what)))
        }
        None => Err(wrong_type(call, field, what, value)),
    }
}

/// An `AbortSignal` the JS facade found in the options; the signal itself stays in JS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signal;

impl Param for Signal {
    const EXPECTED: &'static str = "an AbortSignal";

    /// The facade sends `true` in place of a real `AbortSignal` and the value itself otherwise.
    fn read(call: Call, field: &str, value: &Json) -> Result<Self, Error> {
        match value {
            Json::Bool(true) => Ok(Signal),
            _ => Err(wrong_type(call, field, Self::EXPECTED, value)),
        }
    }
}

crate::params! {
    /// Options of one call: `slack.oauth.v2.access(params, { signal })`.
    #[derive(Default)]
    pub struct CallOptions {
        /// Stops the call: a wait ends at once, and a request in flight is aborted.
        #[tsify(type = "AbortSignal")]
        pub signal: Option<Signal>,
    }
}

/// Where the client runs, as far as secrets are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretGuard {
    /// Server-side (Workers, Node, a Web Worker), or the user opted in: secrets may be sent.
    Allow,
    /// A browser window without `dangerouslyAllowBrowser`: every visitor could read a secret.
    Forbid,
}

impl SecretGuard {
    /// The guard for a client created in a browser window (or not), with the opt-in flag.
    pub fn new(in_browser_window: bool, dangerously_allow_browser: bool) -> Self {
        if in_browser_window && !dangerously_allow_browser {
            Self::Forbid
        } else {
            Self::Allow
        }
    }

    /// Fails with `browser_secret` if `field` holds a secret that must not be sent from here.
    pub fn check(self, call: Call, field: &str) -> Result<(), Error> {
        match self {
            Self::Allow => Ok(()),
            Self::Forbid => Err(call.invalid(
                field,
                "browser_secret",
                crate::text!(
                    "refusing to send `",
                    field,
                    "` from a browser window, where every visitor could read it; keep it on a server, \
                     use PKCE without a secret, or pass dangerouslyAllowBrowser: true"
                ),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Provider;

    const CALL: Call = Call::new(Provider::Stytch, "StytchB2BClient");

    #[test]
    fn defaults_and_ranges() {
        let number = |n: i64| Json::Number(n.to_string().into());
        let config = transport_config(CALL, Limits::default()).unwrap();
        assert_eq!((config.timeout_ms, config.retries, config.deadline_ms), (10_000, 2, 30_000));
        let long = number(60_000);
        let limits = Limits { timeout: Some(&long), ..Limits::default() };
        assert_eq!(transport_config(CALL, limits).unwrap().deadline_ms, 60_000);
        let (zero, eleven, text) = (number(0), number(11), Json::String("5".into()));
        for (limits, field) in [
            (Limits { timeout: Some(&zero), ..Limits::default() }, "timeout"),
            (Limits { retries: Some(&eleven), ..Limits::default() }, "retries"),
            (Limits { deadline: Some(&zero), ..Limits::default() }, "deadline"),
        ] {
            assert_eq!(transport_config(CALL, limits).unwrap_err().field.as_deref(), Some(field));
        }
        let error = transport_config(CALL, Limits { timeout: Some(&text), ..Limits::default() }).unwrap_err();
        assert_eq!(error.message, "`timeout` must be a whole number of milliseconds from 1 to 120000 (got a string)");
        let error = transport_config(CALL, Limits { timeout: Some(&zero), ..Limits::default() }).unwrap_err();
        assert_eq!(error.message, "`timeout` must be a whole number of milliseconds from 1 to 120000");
    }

    #[test]
    fn browser_guard() {
        assert!(SecretGuard::new(false, false).check(CALL, "secret").is_ok());
        assert!(SecretGuard::new(true, true).check(CALL, "secret").is_ok());
        let error = SecretGuard::new(true, false).check(CALL, "secret").unwrap_err();
        assert_eq!((error.code.as_str(), error.field.as_deref()), ("browser_secret", Some("secret")));
    }
}
