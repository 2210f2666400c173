//! Options every client shares: `timeout`, `retries`, and the browser guard for secrets.

use crate::error::{Call, Error};
use crate::http::TransportConfig;

/// The longest `timeout` accepted: an edge request should never wait longer on one attempt.
const MAX_TIMEOUT_MS: u32 = 120_000;
/// More retries than this only hide an outage.
const MAX_RETRIES: u32 = 10;

/// Builds the transport limits from the shared options, checking their ranges.
pub fn transport_config(
    call: Call,
    timeout: Option<u32>,
    retries: Option<u32>,
    reject_rate_limited: bool,
) -> Result<TransportConfig, Error> {
    let defaults = TransportConfig::default();
    let timeout_ms = timeout.unwrap_or(defaults.timeout_ms);
    if timeout_ms == 0 || timeout_ms > MAX_TIMEOUT_MS {
        return Err(call.invalid("timeout", "invalid_param", format!("`timeout` must be 1..={MAX_TIMEOUT_MS} ms")));
    }
    let retries = retries.unwrap_or(defaults.retries);
    if retries > MAX_RETRIES {
        return Err(call.invalid("retries", "invalid_param", format!("`retries` must be 0..={MAX_RETRIES}")));
    }
    Ok(TransportConfig { timeout_ms, retries, reject_rate_limited, ..defaults })
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
                format!(
                    "refusing to send `{field}` from a browser window, where every visitor could read it; \
                     keep it on a server, use PKCE without a secret, or pass dangerouslyAllowBrowser: true"
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
        let config = transport_config(CALL, None, None, false).unwrap();
        assert_eq!((config.timeout_ms, config.retries, config.max_wait_ms), (10_000, 2, 30_000));
        assert_eq!(transport_config(CALL, Some(0), None, false).unwrap_err().field.as_deref(), Some("timeout"));
        assert_eq!(transport_config(CALL, None, Some(11), false).unwrap_err().field.as_deref(), Some("retries"));
        assert_eq!(transport_config(CALL, Some(5), Some(0), true).unwrap().retries, 0);
    }

    #[test]
    fn browser_guard() {
        assert!(SecretGuard::new(false, false).check(CALL, "secret").is_ok());
        assert!(SecretGuard::new(true, true).check(CALL, "secret").is_ok());
        let error = SecretGuard::new(true, false).check(CALL, "secret").unwrap_err();
        assert_eq!((error.code.as_str(), error.field.as_deref()), ("browser_secret", Some("secret")));
    }
}
