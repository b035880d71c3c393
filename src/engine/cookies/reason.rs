//! Why a cookie was not stored, not sent or hidden from a script.
//!
//! The names are the ones Chrome DevTools shows in its Network panel
//! (`SetCookieBlockedReason`, `CookieBlockedReason` in the DevTools
//! protocol), so students meet the same words when they open a real
//! browser. A few reasons DevTools has no name for are ours: [`Expired`],
//! [`HttpOnly`] (for scripts) and [`InvalidResponse`].
//!
//! All the sentences shown to students live here, in one place, so they can
//! be reviewed (and one day translated) as a whole.
//!
//! [`Expired`]: BlockedReason::Expired
//! [`HttpOnly`]: BlockedReason::HttpOnly
//! [`InvalidResponse`]: BlockedReason::InvalidResponse

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a cookie was refused, withheld or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BlockedReason {
    /// A `Secure` cookie set over `http://`, or not sent over `http://`.
    SecureOnly,
    /// The request's path is not inside the cookie's `Path`.
    NotOnPath,
    /// The request's host is not the cookie's host (or a subdomain of its
    /// `Domain`).
    DomainMismatch,
    /// `SameSite=Strict` in a cross-site context.
    SameSiteStrict,
    /// `SameSite=Lax` in a cross-site context other than a safe top-level
    /// navigation.
    SameSiteLax,
    /// No `SameSite` attribute, so treated as `Lax`, in a cross-site context.
    SameSiteUnspecifiedTreatedAsLax,
    /// `SameSite=None` without `Secure`.
    SameSiteNoneInsecure,
    /// The browser blocks third-party cookies (a user setting, on by default
    /// in Debian's Chromium 156): no cookie goes with a cross-site image or
    /// `fetch`. DevTools says `UserPreferences` for this setting, and
    /// `ThirdPartyPhaseout` when Chrome's own phase-out blocks them.
    UserPreferences,
    /// An insecure page tried to overwrite (or shadow) a `Secure` cookie.
    OverwriteSecure,
    /// The `Domain` attribute names another site, a public suffix or is not a
    /// valid host name.
    InvalidDomain,
    /// The `__Secure-` or `__Host-` prefix's rules were not kept.
    InvalidPrefix,
    /// A control character in the `Set-Cookie` line.
    DisallowedCharacter,
    /// Name and value together are longer than 4096 bytes.
    NameValuePairExceedsMaxSize,
    /// An empty line, or one with neither name nor value.
    NoCookieContent,
    /// A line the parser could not make a cookie of (an empty name with a
    /// value that contains `=`).
    SyntaxError,
    /// Ours: a script tried to read, set or overwrite an `HttpOnly` cookie.
    HttpOnly,
    /// Ours: the cookie's expiry date has passed (on arrival, or since).
    Expired,
    /// Ours: the response held a character HTTP forbids in a header (NUL),
    /// and the browser refused the whole response.
    InvalidResponse,
}

impl BlockedReason {
    /// Every reason, in declaration order (for legends and reviews).
    pub const ALL: [BlockedReason; 18] = [
        BlockedReason::SecureOnly,
        BlockedReason::NotOnPath,
        BlockedReason::DomainMismatch,
        BlockedReason::SameSiteStrict,
        BlockedReason::SameSiteLax,
        BlockedReason::SameSiteUnspecifiedTreatedAsLax,
        BlockedReason::SameSiteNoneInsecure,
        BlockedReason::UserPreferences,
        BlockedReason::OverwriteSecure,
        BlockedReason::InvalidDomain,
        BlockedReason::InvalidPrefix,
        BlockedReason::DisallowedCharacter,
        BlockedReason::NameValuePairExceedsMaxSize,
        BlockedReason::NoCookieContent,
        BlockedReason::SyntaxError,
        BlockedReason::HttpOnly,
        BlockedReason::Expired,
        BlockedReason::InvalidResponse,
    ];

    /// The reason in a few plain words, for sentences: the DevTools name
    /// stays in the badges.
    pub fn words(&self) -> &'static str {
        match self {
            BlockedReason::SecureOnly => "a Secure cookie over plain http://",
            BlockedReason::NotOnPath => "not on the cookie's path",
            BlockedReason::DomainMismatch => "not the cookie's host",
            BlockedReason::SameSiteStrict => "SameSite=Strict, from another site",
            BlockedReason::SameSiteLax => "SameSite=Lax, from another site",
            BlockedReason::SameSiteUnspecifiedTreatedAsLax => {
                "no SameSite, so Lax, from another site"
            }
            BlockedReason::SameSiteNoneInsecure => "SameSite=None without Secure",
            BlockedReason::UserPreferences => "third-party cookies blocked",
            BlockedReason::OverwriteSecure => "would overwrite a Secure cookie from http://",
            BlockedReason::InvalidDomain => "a Domain this host may not set",
            BlockedReason::InvalidPrefix => "its name's prefix rules broken",
            BlockedReason::DisallowedCharacter => "a forbidden character",
            BlockedReason::NameValuePairExceedsMaxSize => "larger than 4096 bytes",
            BlockedReason::NoCookieContent => "no name or value",
            BlockedReason::SyntaxError => "a line that is no cookie",
            BlockedReason::HttpOnly => "HttpOnly, so not for scripts",
            BlockedReason::Expired => "expired",
            BlockedReason::InvalidResponse => "a response with a forbidden character",
        }
    }

    /// The name Chrome DevTools uses (or, for our own reasons, a name in the
    /// same style).
    pub fn devtools_name(&self) -> &'static str {
        match self {
            BlockedReason::SecureOnly => "SecureOnly",
            BlockedReason::NotOnPath => "NotOnPath",
            BlockedReason::DomainMismatch => "DomainMismatch",
            BlockedReason::SameSiteStrict => "SameSiteStrict",
            BlockedReason::SameSiteLax => "SameSiteLax",
            BlockedReason::SameSiteUnspecifiedTreatedAsLax => "SameSiteUnspecifiedTreatedAsLax",
            BlockedReason::SameSiteNoneInsecure => "SameSiteNoneInsecure",
            BlockedReason::UserPreferences => "UserPreferences",
            BlockedReason::OverwriteSecure => "OverwriteSecure",
            BlockedReason::InvalidDomain => "InvalidDomain",
            BlockedReason::InvalidPrefix => "InvalidPrefix",
            BlockedReason::DisallowedCharacter => "DisallowedCharacter",
            BlockedReason::NameValuePairExceedsMaxSize => "NameValuePairExceedsMaxSize",
            BlockedReason::NoCookieContent => "NoCookieContent",
            BlockedReason::SyntaxError => "SyntaxError",
            BlockedReason::HttpOnly => "HttpOnly",
            BlockedReason::Expired => "Expired",
            BlockedReason::InvalidResponse => "InvalidResponse",
        }
    }

    /// One or two plain sentences for students.
    pub fn explanation(&self) -> &'static str {
        match self {
            BlockedReason::SecureOnly => {
                "The cookie is marked Secure, so the browser only stores it from, and only \
                 sends it to, https:// addresses. This connection is plain http://."
            }
            BlockedReason::NotOnPath => {
                "The cookie's Path does not cover this address, so the browser keeps it for \
                 other pages of the site."
            }
            BlockedReason::DomainMismatch => {
                "The cookie belongs to another host name: without a Domain attribute a cookie \
                 goes back only to the exact host that set it."
            }
            BlockedReason::SameSiteStrict => {
                "The cookie is SameSite=Strict and this request comes from another site, so the \
                 browser leaves it out, even on a link the user clicked."
            }
            BlockedReason::SameSiteLax => {
                "The cookie is SameSite=Lax: from another site it only travels with a top-level \
                 navigation that uses a safe method such as GET, and this request is not one."
            }
            BlockedReason::SameSiteUnspecifiedTreatedAsLax => {
                "The cookie has no SameSite attribute, so this browser, like every \
                 Chromium-based one (Chrome, Edge), treats it as SameSite=Lax: from another \
                 site it only travels with a top-level GET navigation (or, in its first two \
                 minutes, a top-level POST: Chromium's \"Lax-allowing-unsafe\" exception), \
                 and this request is neither. Firefox and Safari do not default to Lax and \
                 would send it."
            }
            BlockedReason::SameSiteNoneInsecure => {
                "SameSite=None lets a cookie travel with cross-site requests, so \
                 Chromium-based browsers (Chrome, Edge) insist that such a cookie is also \
                 Secure. This one is not, so it was refused."
            }
            BlockedReason::UserPreferences => {
                "The browser blocks third-party cookies: a request another site's page makes \
                 in the background (an image, a fetch) carries no cookies at all, not even \
                 SameSite=None ones. Following a link to the site still carries them."
            }
            BlockedReason::OverwriteSecure => {
                "A Secure cookie with this name already exists. A plain http:// page may not \
                 replace or shadow it, or a network attacker could plant their own value."
            }
            BlockedReason::InvalidDomain => {
                "The Domain attribute does not cover the host that sent the cookie, names a \
                 public suffix such as .com, or is not a valid host name, so it was refused."
            }
            BlockedReason::InvalidPrefix => {
                "The name starts with __Secure- or __Host-, which promises how the cookie was \
                 set: __Secure- needs Secure over https; __Host- also needs Path=/ and no \
                 Domain. The promise was broken, so the cookie was refused."
            }
            BlockedReason::DisallowedCharacter => {
                "The Set-Cookie line holds a control character, which cookies may not \
                 contain, so the whole line was ignored."
            }
            BlockedReason::NameValuePairExceedsMaxSize => {
                "The cookie's name and value together are longer than 4096 bytes, the most a \
                 browser accepts."
            }
            BlockedReason::NoCookieContent => {
                "The Set-Cookie line has neither a name nor a value, so there is no cookie to \
                 store."
            }
            BlockedReason::SyntaxError => {
                "The line could not be read as a cookie: a cookie with an empty name may not \
                 have a value containing '=', because it would be sent back looking like a \
                 different cookie."
            }
            BlockedReason::HttpOnly => {
                "The cookie is HttpOnly: it travels with HTTP requests, but page scripts can \
                 neither read, create nor overwrite it. That keeps it out of reach of injected \
                 JavaScript."
            }
            BlockedReason::Expired => {
                "The cookie's expiry date (Expires or Max-Age) has passed, so the browser \
                 deletes it instead of keeping or sending it. Servers use this to delete \
                 cookies."
            }
            BlockedReason::InvalidResponse => {
                "A header of this response holds a character HTTP forbids (a NUL byte), so the \
                 browser refused the whole response and stored none of its cookies."
            }
        }
    }
}

impl fmt::Display for BlockedReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.devtools_name())
    }
}
