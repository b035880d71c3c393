//! The URLs the simulated parties exchange: `http://` and `https://` only.
//!
//! Why not the `url` crate? It implements the whole WHATWG URL standard,
//! including IDNA and its Unicode tables. Measured with the release profile
//! (`opt-level = "z"`, LTO) for `wasm32-unknown-unknown`: a module that only
//! calls `url::Url::parse` is 84 KB gzip, while this module together with the
//! whole cookie jar adds about 10 KB gzip. The page's budget is 250 KB gzip
//! in all, Yew included. Every URL here is typed by a teacher or built by the
//! engine, so a small strict parser is enough: scheme, lowercase ASCII host
//! (a domain name or an IPv4 address), optional port, path and query. Anything
//! else (user info, IPv6, non-ASCII hosts, spaces, backslashes) is refused
//! with a [`UrlError`] that says what was wrong, instead of being silently
//! repaired the way a browser's address bar would.
//!
//! Sites: [`Url::site`] and [`is_same_site`] implement Chromium's *schemeful*
//! same-site: two URLs are same-site when their schemes match and their
//! registrable domains (see [`public_suffix`]) match, so `http://a.example`
//! and `https://a.example` are cross-site.

pub mod public_suffix;

use serde::{Deserialize, Serialize};
use std::fmt;

/// The two schemes the simulated web speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scheme {
    Http,
    Https,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// The port a URL of this scheme uses when it names none.
    pub fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }

    /// Whether the transport is encrypted (and so "secure" for cookies).
    pub fn is_secure(self) -> bool {
        self == Scheme::Https
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not a URL the simulation accepts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UrlError {
    /// Nothing before `://`, or no `://` at all.
    MissingScheme,
    /// A scheme other than `http` or `https`.
    UnsupportedScheme(String),
    /// `http://` with no host after it.
    EmptyHost,
    /// `user:password@host`: valid on the web, but never needed here.
    UserInfoNotSupported,
    /// `[::1]`: IPv6 literals are not modelled.
    Ipv6NotSupported,
    /// A host with characters outside `a-z 0-9 - _ .`, an empty label
    /// (`a..b`), a label over 63 characters, or a malformed IPv4 address.
    InvalidHost(String),
    /// A port that is not a number from 0 to 65535.
    InvalidPort(String),
    /// A character the simulation does not accept in a path or query: a
    /// space, a control character, a backslash or a non-ASCII character.
    InvalidCharacter(char),
    /// [`Url::join`] was given something that does not start with `/`.
    NotAnAbsolutePath(String),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::MissingScheme => f.write_str("a URL starts with http:// or https://"),
            UrlError::UnsupportedScheme(s) => {
                write!(f, "the scheme \"{s}\" is not supported: use http or https")
            }
            UrlError::EmptyHost => f.write_str("the URL has no host name"),
            UrlError::UserInfoNotSupported => {
                f.write_str("user names and passwords in URLs are not supported")
            }
            UrlError::Ipv6NotSupported => f.write_str("IPv6 addresses are not supported"),
            UrlError::InvalidHost(h) => write!(f, "\"{h}\" is not a valid host name"),
            UrlError::InvalidPort(p) => write!(f, "\"{p}\" is not a valid port"),
            // A control or space character is named by its code point: quoted
            // as it is, it would not be seen.
            UrlError::InvalidCharacter(c) if c.is_control() || c.is_whitespace() => {
                write!(
                    f,
                    "the character U+{:04X} is not allowed in a URL here",
                    u32::from(*c)
                )
            }
            UrlError::InvalidCharacter(c) => {
                write!(f, "the character '{c}' is not allowed in a URL here")
            }
            UrlError::NotAnAbsolutePath(p) => {
                write!(f, "\"{p}\" must start with /")
            }
        }
    }
}

impl std::error::Error for UrlError {}

/// An `http://` or `https://` URL, already normalized: lowercase host, no
/// default port, a path that starts with `/`, and no fragment.
///
/// It serializes as its string form and is checked again when deserialized,
/// so a stored or shared URL cannot smuggle in an invalid one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Url {
    scheme: Scheme,
    host: String,
    /// Only a non-default port is kept.
    port: Option<u16>,
    path: String,
    query: Option<String>,
}

impl Url {
    /// Parses an absolute `http` or `https` URL. The scheme and host are
    /// case-insensitive; a fragment (`#...`) is dropped, as browsers never
    /// send it.
    pub fn parse(input: &str) -> Result<Url, UrlError> {
        let (scheme_str, rest) = input.split_once("://").ok_or(UrlError::MissingScheme)?;
        if scheme_str.is_empty() {
            return Err(UrlError::MissingScheme);
        }
        let scheme = if scheme_str.eq_ignore_ascii_case("http") {
            Scheme::Http
        } else if scheme_str.eq_ignore_ascii_case("https") {
            Scheme::Https
        } else {
            return Err(UrlError::UnsupportedScheme(scheme_str.to_string()));
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(authority_end);
        let (host, port) = parse_authority(scheme, authority)?;
        let (path, query) = parse_path_and_query(tail)?;
        Ok(Url {
            scheme,
            host,
            port,
            path,
            query,
        })
    }

    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The lowercase host name or IPv4 address, without port.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port if the URL names a non-default one.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The port the connection goes to: explicit or the scheme's default.
    pub fn port_or_default(&self) -> u16 {
        self.port.unwrap_or(self.scheme.default_port())
    }

    /// The path, always starting with `/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query without its `?`, if there is one.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// Path and query as they appear in an HTTP request line.
    pub fn path_and_query(&self) -> String {
        match &self.query {
            Some(q) => format!("{}?{}", self.path, q),
            None => self.path.clone(),
        }
    }

    /// Whether the URL is `https://` (cookies: a "secure" scheme).
    pub fn is_secure(&self) -> bool {
        self.scheme.is_secure()
    }

    /// Whether the browser treats this URL as a secure context ("potentially
    /// trustworthy" in the W3C Secure Contexts spec): `https://`, or a
    /// loopback host (`localhost`, `*.localhost`, `127.0.0.0/8`) even over
    /// `http://`, because that traffic never leaves the machine. Chromium
    /// uses this, not the scheme alone, for `Secure` cookies (checked against
    /// Chromium 156: `http://localhost` stores and receives them).
    pub fn is_potentially_trustworthy(&self) -> bool {
        self.is_secure() || self.is_loopback()
    }

    /// `localhost`, a name under `.localhost`, or an address in `127.0.0.0/8`.
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self.host.ends_with(".localhost")
            || (is_ipv4(&self.host) && self.host.starts_with("127."))
    }

    /// Whether the host is an IPv4 address rather than a domain name.
    pub fn host_is_ip(&self) -> bool {
        is_ipv4(&self.host)
    }

    /// `scheme://host[:port]`, the origin as a string.
    pub fn origin(&self) -> String {
        match self.port {
            Some(p) => format!("{}://{}:{}", self.scheme, self.host, p),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    /// The schemeful site this URL belongs to.
    pub fn site(&self) -> Site {
        Site {
            scheme: self.scheme,
            host: site_for(&self.host).to_string(),
        }
    }

    /// Schemeful same-site, as Chromium decides it: see [`is_same_site`].
    pub fn is_same_site(&self, other: &Url) -> bool {
        is_same_site(self, other)
    }

    /// A URL on the same origin with another path and query, e.g.
    /// `base.join("/login?next=/cart")`.
    pub fn join(&self, path_and_query: &str) -> Result<Url, UrlError> {
        if !path_and_query.starts_with('/') {
            return Err(UrlError::NotAnAbsolutePath(path_and_query.to_string()));
        }
        let (path, query) = parse_path_and_query(path_and_query)?;
        Ok(Url {
            scheme: self.scheme,
            host: self.host.clone(),
            port: self.port,
            path,
            query,
        })
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        if let Some(p) = self.port {
            write!(f, ":{p}")?;
        }
        f.write_str(&self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Url {
    type Err = UrlError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Url::parse(s)
    }
}

impl TryFrom<String> for Url {
    type Error = UrlError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Url::parse(&s)
    }
}

impl From<Url> for String {
    fn from(u: Url) -> String {
        u.to_string()
    }
}

/// A schemeful site: a scheme and a registrable domain (or, for hosts that
/// have none, such as `localhost` or an IP address, the host itself).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Site {
    pub scheme: Scheme,
    pub host: String,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)
    }
}

/// The registrable domain of `host` ("eTLD+1": `shop.example.co.uk` gives
/// `example.co.uk`), or the host itself if it has none (an IP address, a
/// single label such as `localhost`, or a public suffix).
pub fn site_for(host: &str) -> &str {
    if is_ipv4(host) {
        return host;
    }
    public_suffix::registrable_domain(host).unwrap_or(host)
}

/// Schemeful same-site: same scheme and same registrable domain. Ports do
/// not matter; schemes do (Chromium since version 89), so a page on
/// `http://shop.example` is cross-site to `https://shop.example`.
pub fn is_same_site(a: &Url, b: &Url) -> bool {
    a.scheme == b.scheme && site_for(&a.host) == site_for(&b.host)
}

/// Whether `host` is a dotted-quad IPv4 address (`192.168.0.1`).
pub fn is_ipv4(host: &str) -> bool {
    let mut count = 0;
    for part in host.split('.') {
        count += 1;
        let ok = !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part.len() == 1 || !part.starts_with('0'))
            && part.parse::<u16>().is_ok_and(|n| n <= 255);
        if !ok {
            return false;
        }
    }
    count == 4
}

fn parse_authority(scheme: Scheme, authority: &str) -> Result<(String, Option<u16>), UrlError> {
    if authority.contains('@') {
        return Err(UrlError::UserInfoNotSupported);
    }
    if authority.starts_with('[') {
        return Err(UrlError::Ipv6NotSupported);
    }
    let (host_part, port_part) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    if host_part.is_empty() {
        return Err(UrlError::EmptyHost);
    }
    let host = parse_host(host_part)?;
    let port = match port_part {
        None | Some("") => None,
        Some(p) => {
            if !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(UrlError::InvalidPort(p.to_string()));
            }
            let n: u16 = p
                .parse()
                .map_err(|_| UrlError::InvalidPort(p.to_string()))?;
            (n != scheme.default_port()).then_some(n)
        }
    };
    Ok((host, port))
}

/// Checks and lowercases a host: an IPv4 address, or a domain name of
/// labels made of ASCII letters, digits, `-` and `_`.
pub fn parse_host(input: &str) -> Result<String, UrlError> {
    let invalid = || UrlError::InvalidHost(input.to_string());
    if input.is_empty() || input.len() > 253 {
        return Err(invalid());
    }
    let host = input.to_ascii_lowercase();
    let labels_ok = host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    });
    if !labels_ok {
        return Err(invalid());
    }
    // As in the WHATWG URL standard, a host whose last label is numeric must
    // be an IPv4 address.
    let last_numeric = host
        .rsplit('.')
        .next()
        .is_some_and(|l| l.bytes().all(|b| b.is_ascii_digit()));
    if last_numeric && !is_ipv4(&host) {
        return Err(invalid());
    }
    Ok(host)
}

fn parse_path_and_query(tail: &str) -> Result<(String, Option<String>), UrlError> {
    // The fragment never leaves the browser: drop it.
    let without_fragment = tail.split_once('#').map_or(tail, |(before, _)| before);
    if let Some(bad) = without_fragment
        .chars()
        .find(|&c| !c.is_ascii_graphic() || c == '\\')
    {
        return Err(UrlError::InvalidCharacter(bad));
    }
    let (path, query) = match without_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (without_fragment, None),
    };
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path.to_string()
    };
    Ok((path, query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_serializes() {
        let u = Url::parse("HTTPS://Shop.Example:443/cart?item=1#top")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(u.scheme(), Scheme::Https);
        assert_eq!(u.host(), "shop.example");
        assert_eq!(u.port(), None);
        assert_eq!(u.path(), "/cart");
        assert_eq!(u.query(), Some("item=1"));
        assert_eq!(u.to_string(), "https://shop.example/cart?item=1");
        let v = Url::parse("http://home.example.org:8888").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.to_string(), "http://home.example.org:8888/");
    }

    #[test]
    fn refuses_what_it_does_not_model() {
        assert_eq!(
            Url::parse("ftp://x.example/"),
            Err(UrlError::UnsupportedScheme("ftp".into()))
        );
        assert_eq!(Url::parse("shop.example"), Err(UrlError::MissingScheme));
        assert_eq!(
            Url::parse("http://u@x.example/"),
            Err(UrlError::UserInfoNotSupported)
        );
        assert_eq!(Url::parse("http://[::1]/"), Err(UrlError::Ipv6NotSupported));
        assert!(Url::parse("http://a..b/").is_err());
        assert!(Url::parse("http://a.example/a b").is_err());
        assert!(Url::parse("http://a.example:99999/").is_err());
        assert!(Url::parse("http://1.2.3.256/").is_err());
        assert!(Url::parse("http://10.0.0.1/").is_ok());
    }

    #[test]
    fn schemeful_same_site() {
        let p = |s: &str| Url::parse(s).unwrap_or_else(|e| panic!("{e}"));
        assert!(is_same_site(
            &p("https://a.shop.example/"),
            &p("https://b.shop.example:8443/")
        ));
        assert!(!is_same_site(
            &p("http://shop.example/"),
            &p("https://shop.example/")
        ));
        assert!(!is_same_site(
            &p("https://alice.github.io/"),
            &p("https://bob.github.io/")
        ));
        assert_eq!(
            p("https://www.example.co.uk/").site().to_string(),
            "https://example.co.uk"
        );
    }
}
