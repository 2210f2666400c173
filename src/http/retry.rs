//! When to try again: a pure function of what happened, so it is tested natively.

use super::retry_after::RetryAfter;
use super::TransportConfig;

/// Whether repeating a request is harmless, and what it spends. The number is how `prepare`
/// tells the facade (`spends`), which reports it back with each attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RetryClass {
    /// Reads only: retried on 429, 5xx, network failures and timeouts.
    #[default]
    Lookup = 0,
    /// Spends something (a code, a deletion): a lost answer to a processed request looks like
    /// a failure, so only 429 (which says "not processed") is retried.
    Spends = 1,
    /// Spends a refresh token for a new pair: retried as [`Spends`](Self::Spends), and an answer
    /// that holds the new pair is the only copy of it, so its decoder must not throw it away.
    Rotates = 2,
}

impl RetryClass {
    /// The class a facade's report names (`spends`); unknown means [`Spends`](Self::Spends),
    /// the one that never repeats a request that may have been processed.
    pub fn from_number(number: Option<i64>) -> Self {
        match number {
            Some(0) => Self::Lookup,
            Some(2) => Self::Rotates,
            _ => Self::Spends,
        }
    }

    /// Its name in docs and the catalog JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lookup => "lookup",
            Self::Spends => "spends",
            Self::Rotates => "rotates",
        }
    }
}

/// What one attempt ended with, as far as retrying cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A response with this status and what its `Retry-After` said, if it had one.
    Status(u16, Option<RetryAfter>),
    /// `fetch` rejected, or the body broke off.
    Network,
    /// The attempt timed out.
    Timeout,
}

/// Retry after sleeping this long, or stop and report the last outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Sleep this many milliseconds, then try again.
    RetryAfter(u32),
    /// Report the last outcome.
    Stop,
}

const BACKOFF_BASE_MS: u32 = 250;
const BACKOFF_MAX_MS: u32 = 8_000;

/// Decides what follows attempt number `attempt` (0 for the first), `elapsed_ms` into the call,
/// with a random `jitter` in `[0, 1)`. A wait that would end past the call's deadline is not
/// started: the call ends at once with what it has.
pub fn decide(
    config: &TransportConfig,
    class: RetryClass,
    attempt: u32,
    elapsed_ms: u32,
    outcome: Outcome,
    jitter: f64,
) -> Decision {
    if attempt >= config.retries {
        return Decision::Stop;
    }
    let asked = |retry_after: Option<RetryAfter>| match retry_after {
        Some(RetryAfter::Seconds(seconds)) => Some(seconds.saturating_mul(1000)),
        Some(RetryAfter::Unreadable) => None,
        None => Some(backoff_ms(attempt, jitter)),
    };
    let delay_ms = match (outcome, class) {
        (Outcome::Status(429, _), _) if config.reject_rate_limited => None,
        (Outcome::Status(429, retry_after), _) => asked(retry_after),
        (Outcome::Status(503, retry_after), RetryClass::Lookup) => asked(retry_after),
        (Outcome::Status(500..=599, _) | Outcome::Network | Outcome::Timeout, RetryClass::Lookup) => {
            Some(backoff_ms(attempt, jitter))
        }
        _ => None,
    };
    match delay_ms {
        Some(delay_ms) if elapsed_ms.saturating_add(delay_ms) < config.deadline_ms => Decision::RetryAfter(delay_ms),
        _ => Decision::Stop,
    }
}

/// Exponential backoff with "equal jitter": half fixed, half random, so retries spread out.
fn backoff_ms(attempt: u32, jitter: f64) -> u32 {
    let ceiling = BACKOFF_BASE_MS.saturating_mul(1 << attempt.min(16)).min(BACKOFF_MAX_MS);
    let half = ceiling / 2;
    half + (f64::from(half) * jitter.clamp(0.0, 1.0)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;
    use RetryClass::*;

    fn config() -> TransportConfig {
        TransportConfig::default()
    }

    fn seconds(n: u32) -> Option<RetryAfter> {
        Some(RetryAfter::Seconds(n))
    }

    #[test]
    fn lookups_retry_5xx_network_and_timeouts() {
        for outcome in [Status(500, None), Status(503, None), Network, Timeout] {
            assert!(matches!(decide(&config(), Lookup, 0, 0, outcome, 0.5), Decision::RetryAfter(_)), "{outcome:?}");
        }
    }

    #[test]
    fn spending_calls_retry_only_429() {
        for outcome in [Status(500, None), Status(502, None), Status(503, seconds(1)), Network, Timeout] {
            assert_eq!(decide(&config(), Spends, 0, 0, outcome, 0.5), Decision::Stop, "{outcome:?}");
        }
        assert_eq!(decide(&config(), Spends, 0, 0, Status(429, seconds(2)), 0.5), Decision::RetryAfter(2000));
    }

    #[test]
    fn retry_after_is_honoured_on_429_and_503() {
        assert_eq!(decide(&config(), Lookup, 0, 0, Status(503, seconds(3)), 0.0), Decision::RetryAfter(3000));
        assert_eq!(decide(&config(), Lookup, 0, 0, Status(429, seconds(0)), 0.0), Decision::RetryAfter(0));
        let unreadable = Some(RetryAfter::Unreadable);
        assert_eq!(decide(&config(), Lookup, 0, 0, Status(429, unreadable), 0.0), Decision::Stop);
        assert_eq!(decide(&config(), Lookup, 0, 0, Status(503, unreadable), 0.0), Decision::Stop);
    }

    #[test]
    fn client_errors_and_successes_are_final() {
        for status in [200, 301, 400, 401, 404] {
            assert_eq!(decide(&config(), Lookup, 0, 0, Status(status, None), 0.5), Decision::Stop);
        }
    }

    #[test]
    fn retries_are_counted() {
        assert!(matches!(decide(&config(), Lookup, 1, 0, Network, 0.0), Decision::RetryAfter(_)));
        assert_eq!(decide(&config(), Lookup, 2, 0, Network, 0.0), Decision::Stop);
        let none = TransportConfig { retries: 0, ..config() };
        assert_eq!(decide(&none, Lookup, 0, 0, Status(429, seconds(1)), 0.0), Decision::Stop);
    }

    #[test]
    fn no_wait_runs_past_the_deadline() {
        assert_eq!(decide(&config(), Lookup, 0, 0, Status(429, seconds(30)), 0.0), Decision::Stop);
        assert_eq!(decide(&config(), Lookup, 0, 0, Status(429, seconds(u32::MAX)), 0.0), Decision::Stop);
        assert_eq!(decide(&config(), Lookup, 1, 25_000, Status(429, seconds(5)), 0.0), Decision::Stop);
        assert_eq!(decide(&config(), Lookup, 1, 24_999, Status(429, seconds(5)), 0.0), Decision::RetryAfter(5000));
        assert_eq!(decide(&config(), Lookup, 0, 29_900, Network, 0.0), Decision::Stop);
    }

    #[test]
    fn reject_rate_limited_calls_never_waits() {
        let reject = TransportConfig { reject_rate_limited: true, ..config() };
        assert_eq!(decide(&reject, Lookup, 0, 0, Status(429, seconds(1)), 0.0), Decision::Stop);
        assert!(matches!(decide(&reject, Lookup, 0, 0, Status(500, None), 0.0), Decision::RetryAfter(_)));
    }

    #[test]
    fn backoff_grows_and_stays_within_its_window() {
        assert_eq!((backoff_ms(0, 0.0), backoff_ms(0, 0.999)), (125, 249));
        assert_eq!((backoff_ms(1, 0.0), backoff_ms(3, 0.0)), (250, 1000));
        assert_eq!(backoff_ms(30, 1.0), BACKOFF_MAX_MS);
    }
}
