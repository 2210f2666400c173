//! URLs given by users (`slackApiUrl`, `custom_base_url`, `authorize_url`): https only, except
//! loopback.

use crate::error::{Call, Error};
use crate::prelude::*;

/// A checked base URL that always ends with `/`, so `base.join("oauth.v2.access")` is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "localhost", "[::1]"];

impl BaseUrl {
    /// Checks `url` with [`check_url`] and makes it end with `/`.
    pub fn parse(call: Call, field: &str, url: &str) -> Result<Self, Error> {
        let mut normalized = check_url(call, field, url)?;
        if !normalized.ends_with('/') {
            normalized.push('/');
        }
        Ok(Self(normalized))
    }

    /// A base URL known to be valid: a provider's default, or one [`parse`](Self::parse) made.
    pub(crate) fn trusted(url: &str) -> Self {
        Self(url.to_owned())
    }

    /// `base` + `path`, where `path` is built by the caller from checked, encoded parts.
    pub fn join(&self, path: &str) -> String {
        crate::text!(self.0, path)
    }

    /// The URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a URL given by a user: `https://host[:port][/path]`, or `http://` to a loopback host
/// (tests, mocks). No credentials, query or fragment, no whitespace or control characters.
/// Returns it with the scheme in lower case.
pub fn check_url(call: Call, field: &str, url: &str) -> Result<String, Error> {
    let invalid = |why: &str| call.invalid(field, "invalid_param", crate::text!("`", field, "` ", why));
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("must not contain whitespace or control characters"));
    }
    let (scheme, rest) = url.split_once(':').ok_or_else(|| invalid("must be an absolute URL"))?;
    let rest = rest.strip_prefix("//").ok_or_else(|| invalid("must be an absolute URL"))?;
    let scheme = scheme.to_ascii_lowercase();
    // `get` instead of slicing: the index is a found ASCII position, and no panic path is linked.
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = (rest.get(..authority_end).unwrap_or(rest), rest.get(authority_end..).unwrap_or_default());
    if authority.contains('@') {
        return Err(invalid("must not contain credentials"));
    }
    if path.contains(['?', '#']) {
        return Err(invalid("must not have a query or fragment"));
    }
    let host = host_of(authority).ok_or_else(|| invalid("has no valid host"))?;
    let loopback = LOOPBACK_HOSTS.contains(&host.to_ascii_lowercase().as_str());
    match scheme.as_str() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            return Err(invalid("must use https:// (http:// is allowed only for 127.0.0.1, localhost and [::1])"))
        }
        _ => return Err(invalid("must use https://")),
    }
    Ok(crate::text!(scheme, "://", authority, path))
}

/// The host of `host[:port]` or `[v6][:port]`, if the port (when present) is a number.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']')?;
        (authority.get(..=end)?, authority.get(end + 1..)?.strip_prefix(':'))
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b));
    (port_ok && host_ok).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Provider;

    const CALL: Call = Call::new(Provider::Slack, "SlackClient");

    fn parse(url: &str) -> Result<String, String> {
        BaseUrl::parse(CALL, "slackApiUrl", url).map(|u| u.0).map_err(|e| e.message.clone())
    }

    #[test]
    fn https_is_accepted_and_gets_a_trailing_slash() {
        assert_eq!(parse("https://slack.com/api").unwrap(), "https://slack.com/api/");
        assert_eq!(parse("HTTPS://proxy.example:8443/slack/").unwrap(), "https://proxy.example:8443/slack/");
    }

    #[test]
    fn http_only_for_loopback() {
        assert_eq!(parse("http://127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080/");
        assert!(parse("http://localhost:1/api/").is_ok());
        assert!(parse("http://[::1]:9000/").is_ok());
        assert!(parse("http://example.com/").unwrap_err().contains("https"));
        assert!(parse("http://127.0.0.1.evil.com/").is_err());
        assert!(parse("http://localhost@evil.com/").is_err());
        assert!(parse("ftp://127.0.0.1/").is_err());
    }

    #[test]
    fn odd_urls_are_rejected() {
        for bad in [
            "slack.com/api",
            "https://",
            "https://a.com/?x=1",
            "https://a.com/#f",
            "https://a b.com/",
            "https://a.com:port/",
            "https://a.com/\r\n",
            "https://user:pw@a.com/",
        ] {
            assert!(parse(bad).is_err(), "{bad} should be rejected");
        }
    }
}
