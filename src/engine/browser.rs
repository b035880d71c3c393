//! A browser: its cookie jar, the page in its tab, its HSTS list and the
//! address and User-Agent its requests come from. The victim has one; so
//! does the attacker, on their own machine.
//!
//! - [`page`]: reading forms and scripts out of HTML.
//! - [`script`]: the scripts the simulated browser can run.

pub mod page;
pub mod script;

use crate::engine::clock::UnixTime;
use crate::engine::cookies::CookieJar;
use crate::engine::url::{Scheme, Url};

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
    pub ip: String,
    pub user_agent: String,
}

/// Why the browser rewrote a URL to HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HstsSource {
    Preloaded,
    Remembered,
}

impl Browser {
    pub fn new(ip: &str, user_agent: &str) -> Self {
        Browser {
            jar: CookieJar::new(),
            page: None,
            hsts_hosts: Vec::new(),
            preloaded: Vec::new(),
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
        let source = if self.preloaded.contains(&host) {
            HstsSource::Preloaded
        } else if self.hsts_hosts.contains(&host) {
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

    /// What `document.cookie` returns on the current page.
    pub fn document_cookie(&self, now: UnixTime) -> String {
        match &self.page {
            Some(p) => self.jar.document_cookie(&p.url, now).value,
            None => String::new(),
        }
    }
}
