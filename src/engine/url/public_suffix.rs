//! A compact public suffix list: which domain names are shared by unrelated
//! owners (`com`, `co.uk`, `github.io`), so that no site may claim them.
//!
//! The browser needs this twice: a cookie's `Domain` attribute must not name a
//! public suffix (or `Domain=co.uk` would reach every British company), and
//! "same-site" compares registrable domains (the public suffix plus one
//! label).
//!
//! Why not the full list (the `psl` or `publicsuffix` crates)? The whole
//! Mozilla list is about 9,000 rules (some 200 KB of text); compiled into
//! lookup tables it would take a large share of the page's 250 KB gzip
//! budget. The simulation only ever
//! uses a handful of host names, so we embed the rules it and the conformance
//! suite need, plus a sample of well-known multi-label suffixes that a
//! teacher may want to demonstrate (`co.uk`, `github.io`). Like Chromium
//! (`registry_controlled_domains`, "include unknown registries"), any
//! top-level label that is not listed still counts as a public suffix, so
//! `shop.example` has the registrable domain `shop.example`: the list only
//! has to name suffixes of two or more labels to be right about them.

/// Public suffixes of two or more labels, in the Public Suffix List's sense
/// (ICANN and private sections alike, as Chromium's cookie code uses both).
/// Single labels need no entry: every top-level label is a suffix.
const MULTI_LABEL_SUFFIXES: &[&str] = &[
    // ICANN section: second-level registries.
    "co.uk",
    "org.uk",
    "ac.uk",
    "gov.uk",
    "ltd.uk",
    "me.uk",
    "net.uk",
    "sch.uk",
    "com.au",
    "net.au",
    "org.au",
    "edu.au",
    "gov.au",
    "co.nz",
    "org.nz",
    "co.jp",
    "ne.jp",
    "or.jp",
    "ac.jp",
    "go.jp",
    "com.br",
    "com.cn",
    "co.in",
    "co.za",
    "com.mx",
    "com.tr",
    // Private section: platforms where each customer gets a subdomain.
    "github.io",
    "gitlab.io",
    "herokuapp.com",
    "appspot.com",
    "blogspot.com",
    "netlify.app",
    "vercel.app",
    "pages.dev",
    "workers.dev",
    "web.app",
    "firebaseapp.com",
    "azurewebsites.net",
    "cloudfront.net",
    "s3.amazonaws.com",
];

/// Whether `host` (lowercase, no leading or trailing dot) is a public suffix.
pub fn is_public_suffix(host: &str) -> bool {
    !host.is_empty() && (!host.contains('.') || MULTI_LABEL_SUFFIXES.contains(&host))
}

/// The registrable domain of a host name (its public suffix plus one label),
/// or `None` if the host is itself a public suffix (`com`, `co.uk`,
/// `localhost`). IP addresses must be filtered out by the caller.
///
/// `www.shop.example.co.uk` gives `example.co.uk`; `home.example.org` gives
/// `example.org`.
pub fn registrable_domain(host: &str) -> Option<&str> {
    if host.is_empty() || is_public_suffix(host) {
        return None;
    }
    // Walk from the right: the longest suffix of `host` that is a public
    // suffix decides; the registrable domain is one more label.
    let mut best: Option<usize> = None; // start index of the matched suffix
    for (i, ch) in host.char_indices() {
        if ch == '.' {
            let suffix = host.get(i + 1..)?;
            if is_public_suffix(suffix) {
                best = Some(i + 1);
                break; // leftmost dot first = longest suffix
            }
        }
    }
    let suffix_start = best?;
    // One more label to the left of the suffix.
    let head = host.get(..suffix_start.checked_sub(1)?)?;
    let label_start = head.rfind('.').map_or(0, |d| d + 1);
    host.get(label_start..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable_domain("home.example.org"), Some("example.org"));
        assert_eq!(registrable_domain("example.org"), Some("example.org"));
        assert_eq!(registrable_domain("org"), None);
        assert_eq!(registrable_domain("localhost"), None);
        assert_eq!(
            registrable_domain("a.b.example.co.uk"),
            Some("example.co.uk")
        );
        assert_eq!(registrable_domain("co.uk"), None);
        assert_eq!(
            registrable_domain("alice.github.io"),
            Some("alice.github.io")
        );
        assert_eq!(registrable_domain("github.io"), None);
        assert_eq!(registrable_domain("shop.example"), Some("shop.example"));
    }
}
