//! Secret values (client secrets, tokens, the Stytch secret) in a type that cannot be printed.

use crate::prelude::*;
use core::fmt;

/// A string that must never appear in an error, a log line or `Debug` output.
///
/// The only way to read it is [`Secret::secret`], so every place that sends it is easy to find.
///
/// The default is the empty string, which every check refuses as a missing value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Whether it is the empty string (an answer that "has" a token must have a non-empty one).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The secret itself, for the one place that puts it on the wire.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("xoxb-very-secret");
        assert_eq!(format!("{secret:?}"), "Secret([redacted])");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(Secret([redacted]))");
        assert_eq!(secret.secret(), "xoxb-very-secret");
        assert!(!secret.is_empty() && Secret::new("").is_empty());
    }
}
