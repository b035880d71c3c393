//! Which hosts and paths a cookie belongs to: the `Domain` attribute, domain
//! matching, the default path and path matching (RFC 6265bis sections 5.1.3,
//! 5.1.4 and 5.6).
//!
//! The `Domain` rules follow Chromium's `GetCookieDomainWithString` rather
//! than the RFC text where they differ: the attribute must share the request
//! host's registrable domain (so a public suffix such as `.org` is refused),
//! and a host that has no registrable domain (an IP address, `localhost`, a
//! public suffix itself) may only name itself, which makes a host-only
//! cookie.

use super::reason::BlockedReason;
use crate::engine::url::public_suffix::registrable_domain;
use crate::engine::url::{is_ipv4, parse_host, Url};

/// Where a cookie is scoped: its domain (no leading dot) and whether it goes
/// to that exact host only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieScope {
    pub domain: String,
    pub host_only: bool,
}

/// Works out a cookie's domain from the request URL and its `Domain`
/// attribute, or refuses it with [`BlockedReason::InvalidDomain`].
pub fn cookie_scope(url: &Url, attribute: Option<&str>) -> Result<CookieScope, BlockedReason> {
    let host = url.host();
    let host_only = || {
        Ok(CookieScope {
            domain: host.to_string(),
            host_only: true,
        })
    };
    let attribute = match attribute {
        None | Some("") => return host_only(),
        Some(a) => a,
    };
    // A leading dot is ignored (RFC 6265bis 5.6 step 9); only one.
    let stripped = attribute.strip_prefix('.').unwrap_or(attribute);
    if !stripped.is_ascii() {
        return Err(BlockedReason::InvalidDomain);
    }
    let wanted = parse_host(stripped).map_err(|_| BlockedReason::InvalidDomain)?;
    let host_site = if is_ipv4(host) {
        None
    } else {
        registrable_domain(host)
    };
    let Some(host_site) = host_site else {
        // IP addresses, single-label hosts and public suffixes can only set
        // cookies on themselves, and those are host-only.
        return if wanted == host {
            host_only()
        } else {
            Err(BlockedReason::InvalidDomain)
        };
    };
    if registrable_domain(&wanted) != Some(host_site) || !domain_match(host, &wanted) {
        return Err(BlockedReason::InvalidDomain);
    }
    Ok(CookieScope {
        domain: wanted,
        host_only: false,
    })
}

/// RFC 6265bis 5.1.3: `host` equals `domain`, or is a subdomain of it (and
/// is a name, not an IP address).
pub fn domain_match(host: &str, domain: &str) -> bool {
    if host == domain {
        return true;
    }
    if is_ipv4(host) {
        return false;
    }
    host.len() > domain.len()
        && host.ends_with(domain)
        && host
            .len()
            .checked_sub(domain.len() + 1)
            .and_then(|i| host.as_bytes().get(i))
            == Some(&b'.')
}

/// Whether a cookie with this scope goes to `host`.
pub fn scope_matches(domain: &str, host_only: bool, host: &str) -> bool {
    if host_only {
        host == domain
    } else {
        domain_match(host, domain)
    }
}

/// RFC 6265bis 5.1.4: the default path of a cookie is the request path up
/// to, not including, its last `/` (or `/` itself).
pub fn default_path(request_path: &str) -> String {
    if !request_path.starts_with('/') {
        return "/".to_string();
    }
    match request_path.rfind('/') {
        Some(0) | None => "/".to_string(),
        Some(i) => request_path.get(..i).unwrap_or("/").to_string(),
    }
}

/// The cookie's path from its `Path` attribute: used as written if it starts
/// with `/`, the default path otherwise (absent, empty or relative).
pub fn cookie_path(request_path: &str, attribute: Option<&str>) -> String {
    match attribute {
        Some(p) if p.starts_with('/') => p.to_string(),
        _ => default_path(request_path),
    }
}

/// RFC 6265bis 5.1.4: the request path is the cookie path, or lies inside
/// it (the cookie path ends with `/`, or the next character is `/`).
pub fn path_match(request_path: &str, cookie_path: &str) -> bool {
    if request_path == cookie_path {
        return true;
    }
    request_path.starts_with(cookie_path)
        && (cookie_path.ends_with('/')
            || request_path.as_bytes().get(cookie_path.len()) == Some(&b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn domain_attribute() {
        let u = url("http://home.example.org:8888/cookie-parser");
        let ok = |d: &str, host_only: bool| {
            Ok(CookieScope {
                domain: d.to_string(),
                host_only,
            })
        };
        assert_eq!(cookie_scope(&u, None), ok("home.example.org", true));
        assert_eq!(cookie_scope(&u, Some("")), ok("home.example.org", true));
        assert_eq!(
            cookie_scope(&u, Some(".example.org")),
            ok("example.org", false)
        );
        assert_eq!(
            cookie_scope(&u, Some("home.eXaMpLe.org")),
            ok("home.example.org", false)
        );
        for bad in [
            ".org",
            "org",
            "sibling.example.org",
            "..home.example.org",
            "home.example.org.",
        ] {
            assert_eq!(
                cookie_scope(&u, Some(bad)),
                Err(BlockedReason::InvalidDomain),
                "{bad}"
            );
        }
        let ip = url("http://192.168.0.1/");
        assert_eq!(
            cookie_scope(&ip, Some("192.168.0.1")),
            ok("192.168.0.1", true)
        );
        assert_eq!(
            cookie_scope(&ip, Some("168.0.1")),
            Err(BlockedReason::InvalidDomain)
        );
        let local = url("http://localhost/");
        assert_eq!(
            cookie_scope(&local, Some("localhost")),
            ok("localhost", true)
        );
    }

    #[test]
    fn paths() {
        assert_eq!(default_path("/cookie-parser"), "/");
        assert_eq!(default_path("/a/b/c"), "/a/b");
        assert_eq!(default_path("/a/b/"), "/a/b");
        assert!(path_match("/a/b", "/a"));
        assert!(path_match("/a/b", "/a/"));
        assert!(!path_match("/ab", "/a"));
        assert!(path_match("/a", "/a"));
        assert!(!path_match("/a", "/a/"));
    }
}
