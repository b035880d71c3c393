//! The headers a browser adds to say where a request comes from: `Origin`,
//! `Referer` and the `Sec-Fetch-*` fetch metadata, as Chromium 156 sends
//! them (observed: `docs/chromium-observations.md`, Q3 and Q7).
//!
//! - `Origin`: on every request whose method is not GET or HEAD (a form
//!   POST, a `fetch` POST, same-origin included) and on CORS requests; the
//!   initiator's origin, even cross-site. Under the default referrer policy
//!   a POST from an `https://` page to an `http://` URL says `null`.
//! - `Referer`, under the default `strict-origin-when-cross-origin` policy:
//!   the full page URL same-origin, the page's origin only cross-origin,
//!   nothing from `https://` to `http://`, nothing from the address bar.
//! - `Sec-Fetch-Site/Mode/Dest/User`: only to potentially trustworthy URLs
//!   (`https://`), never over plain `http://`. `Sec-Fetch-User: ?1` only on
//!   a navigation the user started (a click, a typed address), never on a
//!   form a script submitted.

use crate::engine::http::Method;
use crate::engine::url::Url;
use serde::{Deserialize, Serialize};

/// `Sec-Fetch-Site`: how the page that started a request relates to its URL.
/// Ordered from least to most foreign: over a redirect chain the browser
/// keeps the most foreign relation it met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FetchSite {
    /// The user started it from the browser itself (the address bar, a bookmark).
    None,
    SameOrigin,
    SameSite,
    CrossSite,
}

impl FetchSite {
    pub fn as_str(self) -> &'static str {
        match self {
            FetchSite::None => "none",
            FetchSite::SameOrigin => "same-origin",
            FetchSite::SameSite => "same-site",
            FetchSite::CrossSite => "cross-site",
        }
    }

    /// The relation of `initiator` (the page, if any) to `target`.
    pub fn of(initiator: Option<&Url>, target: &Url) -> FetchSite {
        match initiator {
            None => FetchSite::None,
            Some(page) if page.origin() == target.origin() => FetchSite::SameOrigin,
            Some(page) if page.is_same_site(target) => FetchSite::SameSite,
            Some(_) => FetchSite::CrossSite,
        }
    }
}

/// `Sec-Fetch-Mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FetchMode {
    /// A top-level navigation (a link, a form, the address bar).
    Navigate,
    /// An `<img>` and the like: the page may show it but not read it.
    NoCors,
    /// A `fetch()` (same-origin ones too: `cors` is fetch's default mode).
    Cors,
}

impl FetchMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FetchMode::Navigate => "navigate",
            FetchMode::NoCors => "no-cors",
            FetchMode::Cors => "cors",
        }
    }
}

/// `Sec-Fetch-Dest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FetchDest {
    Document,
    Image,
    /// `fetch()`.
    Empty,
}

impl FetchDest {
    pub fn as_str(self) -> &'static str {
        match self {
            FetchDest::Document => "document",
            FetchDest::Image => "image",
            FetchDest::Empty => "empty",
        }
    }
}

/// How a browser request came about: what the headers are computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Initiation {
    /// The page that made the request; `None` when the user started it from
    /// the browser itself (typed address, bookmark).
    pub initiator: Option<Url>,
    pub mode: FetchMode,
    pub dest: FetchDest,
    /// A click or a keypress started it (not a script).
    pub user_activated: bool,
    /// Over a redirect chain: the most foreign relation so far.
    pub site_so_far: FetchSite,
}

impl Initiation {
    /// An address typed (or a bookmark opened) by the user.
    pub fn typed() -> Self {
        Initiation {
            initiator: None,
            mode: FetchMode::Navigate,
            dest: FetchDest::Document,
            user_activated: true,
            site_so_far: FetchSite::None,
        }
    }

    /// A navigation from `page`: a link clicked or a form submitted
    /// (`user_activated`), or a form a script submitted.
    pub fn navigation_from(page: &Url, user_activated: bool) -> Self {
        Initiation {
            initiator: Some(page.clone()),
            mode: FetchMode::Navigate,
            dest: FetchDest::Document,
            user_activated,
            site_so_far: FetchSite::None,
        }
    }

    /// A subresource a script of `page` requests: an image or a `fetch`.
    pub fn subresource_from(page: &Url, mode: FetchMode, dest: FetchDest) -> Self {
        Initiation {
            initiator: Some(page.clone()),
            mode,
            dest,
            user_activated: false,
            site_so_far: FetchSite::None,
        }
    }

    /// `Sec-Fetch-Site` for a request to `url`, taking the chain so far
    /// into account.
    pub fn site_for(&self, url: &Url) -> FetchSite {
        FetchSite::of(self.initiator.as_ref(), url).max(self.site_so_far)
    }

    /// `Origin`, `Referer` and `Sec-Fetch-*`, in Chromium's order, for a
    /// `method` request to `url`.
    pub fn headers(&self, method: Method, url: &Url) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(origin) = self.origin_header(method, url) {
            out.push(("Origin".to_string(), origin));
        }
        if let Some(referer) = self.referer(url) {
            out.push(("Referer".to_string(), referer));
        }
        if url.is_potentially_trustworthy() {
            out.push((
                "Sec-Fetch-Site".to_string(),
                self.site_for(url).as_str().to_string(),
            ));
            out.push(("Sec-Fetch-Mode".to_string(), self.mode.as_str().to_string()));
            if self.user_activated && self.mode == FetchMode::Navigate {
                out.push(("Sec-Fetch-User".to_string(), "?1".to_string()));
            }
            out.push(("Sec-Fetch-Dest".to_string(), self.dest.as_str().to_string()));
        }
        out
    }

    /// `Origin`: on non-GET/HEAD requests and on CORS requests that cross
    /// origins. (A same-origin `fetch` GET carries none: observed, Q7.)
    fn origin_header(&self, method: Method, url: &Url) -> Option<String> {
        let page = self.initiator.as_ref()?;
        let cors_cross_origin = self.mode == FetchMode::Cors && page.origin() != url.origin();
        if method.is_safe() && !cors_cross_origin {
            return None;
        }
        // strict-origin-when-cross-origin: a downgrade reveals nothing.
        if page.is_secure() && !url.is_potentially_trustworthy() && !method.is_safe() {
            return Some("null".to_string());
        }
        Some(page.origin())
    }

    /// `Referer` under `strict-origin-when-cross-origin`.
    fn referer(&self, url: &Url) -> Option<String> {
        let page = self.initiator.as_ref()?;
        if page.is_secure() && !url.is_potentially_trustworthy() {
            return None;
        }
        if page.origin() == url.origin() {
            Some(page.to_string())
        } else {
            Some(format!("{}/", page.origin()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn names(h: &[(String, String)]) -> Vec<String> {
        h.iter().map(|(n, v)| format!("{n}: {v}")).collect()
    }

    /// Q3: a script-submitted cross-site form POST over https.
    #[test]
    fn cross_site_form_post_over_https() {
        let i = Initiation::navigation_from(&url("https://evil.example/prize"), false);
        assert_eq!(
            names(&i.headers(Method::Post, &url("https://shop.example/transfer"))),
            vec![
                "Origin: https://evil.example",
                "Referer: https://evil.example/",
                "Sec-Fetch-Site: cross-site",
                "Sec-Fetch-Mode: navigate",
                "Sec-Fetch-Dest: document",
            ]
        );
    }

    /// Q3 over plain http: no Sec-Fetch-* at all.
    #[test]
    fn cross_site_form_post_over_http() {
        let i = Initiation::navigation_from(&url("http://evil.example/prize"), true);
        assert_eq!(
            names(&i.headers(Method::Post, &url("http://shop.example/transfer"))),
            vec![
                "Origin: http://evil.example",
                "Referer: http://evil.example/"
            ]
        );
    }

    /// Q7: same-origin requests.
    #[test]
    fn same_origin_requests() {
        let page = url("https://shop.example/q7/page");
        let target = url("https://shop.example/transfer");
        let get = Initiation::subresource_from(&page, FetchMode::Cors, FetchDest::Empty);
        let h = names(&get.headers(Method::Get, &target));
        assert!(!h.iter().any(|l| l.starts_with("Origin")), "{h:?}");
        assert!(h.contains(&"Referer: https://shop.example/q7/page".to_string()));
        let post = names(&get.headers(Method::Post, &target));
        assert!(post.contains(&"Origin: https://shop.example".to_string()));
        assert!(post.contains(&"Sec-Fetch-Site: same-origin".to_string()));
        let typed = names(&Initiation::typed().headers(Method::Get, &target));
        assert_eq!(
            typed,
            vec![
                "Sec-Fetch-Site: none",
                "Sec-Fetch-Mode: navigate",
                "Sec-Fetch-User: ?1",
                "Sec-Fetch-Dest: document"
            ]
        );
    }

    #[test]
    fn downgrade_hides_the_referrer() {
        let i = Initiation::navigation_from(&url("https://evil.example/prize"), false);
        let h = names(&i.headers(Method::Post, &url("http://shop.example/transfer")));
        assert_eq!(h, vec!["Origin: null"]);
    }
}
