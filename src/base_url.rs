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

/// The host of `host[:port]` or `[v6][:port]`, if it is a host as WHATWG's URL parser reads
/// one (a name of letters, digits, `-` and `.`, or an address in brackets that end the host)
/// and the port, when present, is a number. Stricter than that parser (no `_`, percent-encoding
/// or IDN), never looser about where the host ends; a port above 65535 is left to `fetch`.
fn host_of(authority: &str) -> Option<&str> {
    let (host, name, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (address, after) = v6.split_once(']')?;
            // `]` ends the host: only a port may follow (`[::1]evil.test` is no URL).
            let port = if after.is_empty() { None } else { Some(after.strip_prefix(':')?) };
            (authority.get(..address.len() + 2)?, address, port)
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, host, Some(port)),
            None => (authority, authority, None),
        },
    };
    let bracketed = host.len() != name.len();
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    let name_ok = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || (bracketed && b == b':'));
    (port_ok && name_ok).then_some(host)
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
    fn only_the_loopback_host_itself_is_loopback() {
        // As WHATWG's parser (Node's URL) reads them: no URL at all (`[::1]evil.test`, `[::1].evil`,
        // `localhost:8080.evil.test`), a host that only starts like a loopback one
        // (`127.0.0.1.evil.test`, `localhost。evil` is `localhost.evil`), or a loopback name as
        // userinfo (`127.0.0.1@evil.test` goes to evil.test). Credentials, a query or fragment, `\`
        // and `localhost.` are refused even where the host is loopback: safe, and simpler.
        for trick in [
            "http://[::1]evil.test/",
            "http://[::1].evil/",
            "http://[::1]]/",
            "http://[[::1]]/",
            "http://[::1]:80evil/",
            "http://[::1%25eth0]/",
            "http://[::1]@evil.test/",
            "http://localhost.evil.test/",
            "http://localhost./",
            "http://localhost:8080.evil.test/",
            "http://127.0.0.1.evil.test/",
            "http://127.0.0.1@evil.test/",
            "http://127.0.0.1:80@evil.test/",
            "http://evil.test@127.0.0.1/",
            "http://127.0.0.1\\@evil.test/",
            "http://127.0.0.1\\.evil.test/",
            "http://127.0.0.1%2F@evil.test/",
            "http://127.0.0.1#@evil.test/",
            "http://evil.test#@127.0.0.1/",
            "http://evil.test?@localhost/",
            "http://127.0.0.1]/",
            "http://localhost\u{3002}evil/",
        ] {
            assert!(parse(trick).is_err(), "{trick} should be refused");
            // Over https any host may be named, but these are still no URL or carry credentials.
            let https = trick.replacen("http:", "https:", 1);
            if trick.contains(['[', ']', '@', '\\', '%', '#', '?']) || !trick.is_ascii() {
                assert!(parse(&https).is_err(), "{https} should be refused");
            }
        }
        assert!(parse("https://[]/").is_err());
        assert!(parse("https://[2001:db8::1]:8443/api").is_ok());
        assert!(parse("http://[::1]/").is_ok() && parse("http://LOCALHOST:8080/").is_ok());
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
