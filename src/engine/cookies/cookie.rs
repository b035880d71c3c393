//! A cookie as the browser stores it, after every attribute has been
//! judged against the URL that set it.

use crate::engine::clock::UnixTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `SameSite` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SameSite {
    /// Never sent with a request that another site started.
    Strict,
    /// Sent with another site's request only on a top-level navigation with a
    /// safe method (a link, not a form POST or an image).
    Lax,
    /// Sent with every request, cross-site ones too; needs `Secure`.
    None,
    /// No (valid) attribute: Chromium treats it as `Lax` (Firefox and
    /// Safari do not).
    #[default]
    Unspecified,
}

impl SameSite {
    /// As an attribute would spell it; `Unspecified` as "(unset)".
    pub fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
            SameSite::Unspecified => "(unset)",
        }
    }
}

impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stored cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cookie {
    pub name: String,
    pub value: String,
    /// The host (host-only cookie) or domain (domain cookie) it belongs to,
    /// lowercase and without a leading dot.
    pub domain: String,
    /// `true`: sent to exactly `domain`; `false`: also to its subdomains
    /// (the cookie had a `Domain` attribute).
    pub host_only: bool,
    pub path: String,
    /// When it expires; `None` for a session cookie, which lives until the
    /// browser is closed (or longer, if the browser restores its session).
    pub expires: Option<UnixTime>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: SameSite,
    /// When it was first stored. A replacement keeps the creation time of
    /// the cookie it replaces, so it keeps its place in the `Cookie` header.
    pub created: UnixTime,
    /// When it was last sent in a request.
    pub last_access: UnixTime,
    /// Position in the jar's creation order: breaks ties between cookies
    /// created in the same millisecond, which the simulation does often.
    pub creation_index: u64,
}

impl Cookie {
    /// `name=value` as the `Cookie` header and `document.cookie` show it; a
    /// cookie with an empty name shows its value alone.
    pub fn pair(&self) -> String {
        if self.name.is_empty() {
            self.value.clone()
        } else {
            format!("{}={}", self.name, self.value)
        }
    }

    /// Whether it outlives the browser session.
    pub fn is_persistent(&self) -> bool {
        self.expires.is_some()
    }

    /// Whether its expiry date has been reached at `now`.
    pub fn is_expired(&self, now: UnixTime) -> bool {
        self.expires.is_some_and(|e| e <= now)
    }

    /// The attributes in `Set-Cookie` style, for the jar table:
    /// `Domain=.shop.example; Path=/; Secure; HttpOnly; SameSite=Lax`.
    pub fn attributes(&self) -> String {
        let mut out = Vec::new();
        if self.host_only {
            out.push(format!("Host={}", self.domain));
        } else {
            out.push(format!("Domain=.{}", self.domain));
        }
        out.push(format!("Path={}", self.path));
        if self.secure {
            out.push("Secure".to_string());
        }
        if self.http_only {
            out.push("HttpOnly".to_string());
        }
        if self.same_site != SameSite::Unspecified {
            out.push(format!("SameSite={}", self.same_site));
        }
        out.join("; ")
    }
}

impl fmt::Display for Cookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.pair(), self.attributes())
    }
}
