//! A browser: its cookie jar, the page in its tab, its HSTS list and the
//! address and User-Agent its requests come from. The victim has one; so
//! does the attacker, on their own machine.
//!
//! - [`page`]: reading forms and scripts out of HTML.
//! - [`script`]: the scripts the simulated browser can run.
//! - [`fetch_metadata`]: the `Origin`, `Referer` and `Sec-Fetch-*` headers.

pub mod fetch_metadata;
pub mod page;
pub mod script;

use crate::engine::clock::UnixTime;
use crate::engine::cookies::{BlockedReason, CookieHeader, CookieJar, RequestContext};
use crate::engine::url::{Scheme, Url};
use serde::{Deserialize, Serialize};

/// The page shown in the tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub url: Url,
    pub html: String,
}

#[derive(Debug, Clone)]
pub struct Browser {
    pub jar: CookieJar,
    pub page: Option<Page>,
    /// Hosts that sent `Strict-Transport-Security` over HTTPS.
    pub hsts_hosts: Vec<String>,
    /// Hosts on the browser's built-in HSTS preload list.
    pub preloaded: Vec<String>,
    /// Hosts whose HTTPS-Upgrade failed and fell back to `http://`: Chromium
    /// remembers them and does not try to upgrade them again for a while.
    pub http_allowlist: Vec<String>,
    pub ip: String,
    pub user_agent: String,
}

/// Why the browser rewrote a URL to HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HstsSource {
    Preloaded,
    Remembered,
}

/// What made the browser send an `http://` address over HTTPS instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UpgradeBy {
    /// Chromium's default HTTPS-Upgrades: https:// tried first, and it answered
    /// (had it failed, the browser would have fallen back to http:// silently).
    HttpsUpgrades,
    /// HTTPS-First mode: https:// or a warning, never plain http silently.
    HttpsFirst,
    /// HSTS (`includeSubDomains`): https:// only, no fallback, ever.
    Hsts { preloaded: bool },
}

impl UpgradeBy {
    /// One sentence for students.
    pub fn explanation(self) -> &'static str {
        match self {
            UpgradeBy::HttpsUpgrades => {
                "the browser tried https:// first (Chromium's HTTPS-Upgrades) and the shop answered \
                 (had https:// failed, it would have fallen back to http:// without a word)"
            }
            UpgradeBy::HttpsFirst => {
                "the browser is in HTTPS-First mode: it tried https:// and, where that failed, \
                 showed a warning instead of sending the request in clear"
            }
            UpgradeBy::Hsts { preloaded: true } => {
                "the shop is on the browser's HSTS preload list (with includeSubDomains): the \
                 browser only ever uses https:// for it and never falls back to http://, even \
                 when https:// is blocked"
            }
            UpgradeBy::Hsts { preloaded: false } => {
                "the shop sent Strict-Transport-Security (with includeSubDomains) on an earlier \
                 visit: the browser only uses https:// for it now and never falls back to \
                 http://, even when https:// is blocked"
            }
        }
    }
}

impl Browser {
    pub fn new(ip: &str, user_agent: &str) -> Self {
        Browser {
            jar: CookieJar::new(),
            page: None,
            hsts_hosts: Vec::new(),
            preloaded: Vec::new(),
            http_allowlist: Vec::new(),
            ip: ip.to_string(),
            user_agent: user_agent.to_string(),
        }
    }

    pub fn address_bar(&self) -> String {
        self.page
            .as_ref()
            .map(|p| p.url.to_string())
            .unwrap_or_default()
    }

    /// If HSTS covers `url`'s host and `url` is `http://`, the `https://`
    /// URL the browser uses instead, and why.
    pub fn hsts_upgrade(&self, url: &Url) -> Option<(Url, HstsSource)> {
        if url.scheme() != Scheme::Http {
            return None;
        }
        let host = url.host().to_string();
        // Every HSTS entry here has includeSubDomains (the shop sends it, and
        // preloading requires it): it covers the host and its subdomains.
        let covers = |list: &[String]| {
            list.iter()
                .any(|h| host == *h || host.ends_with(&format!(".{h}")))
        };
        let source = if covers(&self.preloaded) {
            HstsSource::Preloaded
        } else if covers(&self.hsts_hosts) {
            HstsSource::Remembered
        } else {
            return None;
        };
        let upgraded = Url::parse(&format!("https://{}{}", host, url.path_and_query())).ok()?;
        Some((upgraded, source))
    }

    /// Notes a `Strict-Transport-Security` header; `true` if it was new.
    pub fn note_hsts(&mut self, url: &Url) -> bool {
        let host = url.host().to_string();
        if url.scheme() == Scheme::Https && !self.hsts_hosts.contains(&host) {
            self.hsts_hosts.push(host);
            return true;
        }
        false
    }

    /// The `Cookie` header for a request: the jar's choice, then, with
    /// third-party cookies blocked, nothing at all on a cross-site request
    /// that is not a top-level navigation (an image, a `fetch`), each
    /// cookie the jar would have sent left out as `UserPreferences`.
    pub fn cookie_header(
        &mut self,
        url: &Url,
        ctx: &RequestContext,
        now: UnixTime,
        block_third_party: bool,
    ) -> CookieHeader {
        let mut header = self.jar.cookie_header(url, ctx, now);
        if block_third_party && ctx.is_cross_site() && !ctx.top_level_navigation {
            let blocked = std::mem::take(&mut header.sent);
            header.excluded.extend(
                blocked
                    .into_iter()
                    .map(|c| (c, BlockedReason::UserPreferences)),
            );
            header.header = None;
        }
        header
    }

    /// What `document.cookie` returns on the current page.
    pub fn document_cookie(&self, now: UnixTime) -> String {
        match &self.page {
            Some(p) => self.jar.document_cookie(&p.url, now).value,
            None => String::new(),
        }
    }
}
