//! The cookie jar: storing cookies from responses and scripts, choosing the
//! ones a request carries, and saying why every other one was left out.
//!
//! The storage model is RFC 6265bis section 5.7 with Chromium's choices
//! where the RFC leaves room or where Chromium differs:
//!
//! - cookies without `SameSite` are treated as `Lax` ("Lax by default",
//!   Chromium's choice; Firefox and Safari do not default to `Lax`),
//!   including for setting: a cross-site subresource response cannot set a
//!   `Lax`, `Strict` or unspecified cookie; a top-level navigation's
//!   response may set any;
//! - `SameSite=None` needs `Secure`;
//! - an `http://` page can neither overwrite nor shadow a `Secure` cookie
//!   ("leave secure cookies alone");
//! - `__Secure-`, `__Host-`, `__Http-` and `__Host-Http-` prefixes are
//!   matched case-insensitively (RFC 6265bis; checked against Chromium 156);
//! - "secure" means a potentially trustworthy URL: `https://`, or a loopback
//!   host such as `http://localhost` (Chromium does so);
//! - a replacement keeps the creation time of the cookie it replaces only if
//!   its value is unchanged (Chromium; the RFC always keeps it), which
//!   decides its place in the `Cookie` header;
//! - lifetimes are capped at 400 days;
//! - `Cookie` header order: longer paths first, then older cookies.
//!
//! Time is an argument, never read from a clock, so the jar replays the
//! same way every run.

use super::context::RequestContext;
use super::cookie::{Cookie, SameSite};
use super::domain::{cookie_path, cookie_scope, domain_match, path_match, scope_matches};
use super::parse::{parse_set_cookie, ParsedCookie};
use super::reason::BlockedReason;
use crate::engine::clock::UnixTime;
use crate::engine::url::{site_for, Url};
use serde::{Deserialize, Serialize};

/// The longest a cookie may live: 400 days (RFC 6265bis 5.5, Chromium).
pub const MAX_LIFETIME_MS: i64 = 400 * 24 * 60 * 60 * 1000;

/// How long Chromium's "Lax-allowing-unsafe" exception lasts: a cookie
/// without `SameSite` that is younger than this still travels with a
/// cross-site top-level `POST`, so that single sign-on flows written before
/// Lax-by-default keep working.
pub const LAX_ALLOWING_UNSAFE_MS: i64 = 2 * 60 * 1000;

/// Why a cookie went along by that exception, after its name: said the same
/// in a scenario's narration and in the Cookie lab.
pub const LAX_ALLOWING_UNSAFE_WHY: &str = "goes along only because it has no SameSite and is less than two minutes old: Chromium lets such a cookie ride a cross-site top-level POST in its first two minutes (\"Lax-allowing-unsafe\"); later it stays home, as a Lax cookie does, while Firefox and Safari send it anyway.";

/// What became of one `Set-Cookie` line (or one `document.cookie` write).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetCookieOutcome {
    /// Stored; `replaced` is the cookie with the same name, domain and path
    /// it took the place of.
    Stored {
        cookie: Cookie,
        replaced: Option<Cookie>,
    },
    /// The line carried an expiry in the past and deleted this stored
    /// cookie: the usual way a server deletes a cookie.
    Removed { cookie: Cookie },
    /// Not stored, and why.
    Rejected { line: String, reason: BlockedReason },
}

impl SetCookieOutcome {
    /// The cookie stored or removed, if any.
    pub fn cookie(&self) -> Option<&Cookie> {
        match self {
            SetCookieOutcome::Stored { cookie, .. } | SetCookieOutcome::Removed { cookie } => {
                Some(cookie)
            }
            SetCookieOutcome::Rejected { .. } => None,
        }
    }

    /// The cookie's name; for a rejected line, the text before its first
    /// `=` (trimmed), or `None` if it has no name.
    pub fn name(&self) -> Option<&str> {
        match self {
            SetCookieOutcome::Stored { cookie, .. } | SetCookieOutcome::Removed { cookie } => {
                Some(&cookie.name)
            }
            SetCookieOutcome::Rejected { line, .. } => {
                let pair = line.split(';').next().unwrap_or("");
                pair.split_once('=')
                    .map(|(n, _)| n.trim_matches([' ', '\t']))
                    .filter(|n| !n.is_empty())
            }
        }
    }

    pub fn is_stored(&self) -> bool {
        matches!(self, SetCookieOutcome::Stored { .. })
    }

    /// Why the line was refused, if it was.
    pub fn reason(&self) -> Option<BlockedReason> {
        match self {
            SetCookieOutcome::Rejected { reason, .. } => Some(*reason),
            _ => None,
        }
    }
}

/// The cookies a request carries, and the ones of the same site left out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CookieHeader {
    /// The `Cookie` header's value; `None` when no cookie is sent (the
    /// browser then sends no header at all).
    pub header: Option<String>,
    /// In header order.
    pub sent: Vec<Cookie>,
    /// Cookies of the request's site that were not sent, in creation order.
    pub excluded: Vec<(Cookie, BlockedReason)>,
    /// The names of sent cookies that went only by the two-minute
    /// "Lax-allowing-unsafe" exception ([`CookieJar::rides_lax_allowing_unsafe`]).
    pub lax_allowing_unsafe: Vec<String>,
}

/// What a page script sees in `document.cookie`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScriptRead {
    /// The string `document.cookie` returns (`""` when empty).
    pub value: String,
    /// Cookies of the page's site the script cannot see, and why.
    pub hidden: Vec<(Cookie, BlockedReason)>,
}

/// Who is setting a cookie: an HTTP response or a page script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Http,
    Script,
}

/// The browser's cookie store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CookieJar {
    /// In creation order.
    cookies: Vec<Cookie>,
    next_creation_index: u64,
    /// Chromium's two-minute exception for cookies without `SameSite` on
    /// cross-site top-level POSTs (see [`LAX_ALLOWING_UNSAFE_MS`]).
    lax_allowing_unsafe: bool,
}

impl Default for CookieJar {
    fn default() -> Self {
        CookieJar::new()
    }
}

impl CookieJar {
    /// An empty jar that behaves as Chromium does by default.
    pub fn new() -> Self {
        CookieJar {
            cookies: Vec::new(),
            next_creation_index: 0,
            lax_allowing_unsafe: true,
        }
    }

    /// Turns Chromium's two-minute "Lax-allowing-unsafe" exception on or off
    /// (on by default, as in Chromium). Off, a cookie without `SameSite`
    /// behaves exactly like `SameSite=Lax`, as the RFC's strict mode says.
    pub fn with_lax_allowing_unsafe(mut self, on: bool) -> Self {
        self.lax_allowing_unsafe = on;
        self
    }

    /// Every stored cookie, in creation order (for the jar table). Expired
    /// cookies stay until [`CookieJar::evict_expired`] removes them, or a
    /// request or a new cookie finds them expired.
    pub fn cookies(&self) -> &[Cookie] {
        &self.cookies
    }

    pub fn is_empty(&self) -> bool {
        self.cookies.is_empty()
    }

    /// Forgets every cookie (the user cleared their browsing data).
    pub fn clear(&mut self) {
        self.cookies.clear();
    }

    /// Stores the cookies of one response from `url`, line by line, in
    /// order. A response whose `Set-Cookie` headers hold a NUL byte is
    /// refused as a whole, as Chromium refuses the response itself.
    pub fn store_response_cookies(
        &mut self,
        url: &Url,
        lines: &[String],
        ctx: &RequestContext,
        now: UnixTime,
    ) -> Vec<SetCookieOutcome> {
        if response_is_refused(lines) {
            return lines
                .iter()
                .map(|line| SetCookieOutcome::Rejected {
                    line: line.clone(),
                    reason: BlockedReason::InvalidResponse,
                })
                .collect();
        }
        lines
            .iter()
            .map(|line| self.store(url, line, Some(ctx), Source::Http, now))
            .collect()
    }

    /// A page script on `url` runs `document.cookie = line`.
    pub fn set_document_cookie(
        &mut self,
        url: &Url,
        line: &str,
        now: UnixTime,
    ) -> SetCookieOutcome {
        self.store(url, line, None, Source::Script, now)
    }

    /// The `Cookie` header for a request to `url`. Sent cookies get their
    /// `last_access` set to `now`; expired cookies are removed (and listed
    /// as excluded if they belonged to the request's site).
    pub fn cookie_header(
        &mut self,
        url: &Url,
        ctx: &RequestContext,
        now: UnixTime,
    ) -> CookieHeader {
        let (sent_indices, excluded) = self.select(url, Some(ctx), now);
        for &i in &sent_indices {
            if let Some(c) = self.cookies.get_mut(i) {
                c.last_access = now;
            }
        }
        let sent: Vec<Cookie> = sent_indices
            .iter()
            .filter_map(|&i| self.cookies.get(i).cloned())
            .collect();
        let lax_allowing_unsafe = sent
            .iter()
            .filter(|c| self.rides_lax_allowing_unsafe(c, ctx, now))
            .map(|c| c.name.clone())
            .collect();
        self.cookies.retain(|c| !c.is_expired(now));
        CookieHeader {
            header: join_pairs(&sent),
            sent,
            excluded,
            lax_allowing_unsafe,
        }
    }

    /// What a script on `url` reads from `document.cookie`: the cookies a
    /// same-site request to `url` would carry, minus the `HttpOnly` ones.
    pub fn document_cookie(&self, url: &Url, now: UnixTime) -> ScriptRead {
        let (sent_indices, hidden) = self.select(url, None, now);
        let visible: Vec<Cookie> = sent_indices
            .iter()
            .filter_map(|&i| self.cookies.get(i).cloned())
            .collect();
        ScriptRead {
            value: join_pairs(&visible).unwrap_or_default(),
            hidden,
        }
    }

    /// Removes the cookies whose expiry date has been reached and returns
    /// them.
    pub fn evict_expired(&mut self, now: UnixTime) -> Vec<Cookie> {
        let (expired, kept): (Vec<Cookie>, Vec<Cookie>) = std::mem::take(&mut self.cookies)
            .into_iter()
            .partition(|c| c.is_expired(now));
        self.cookies = kept;
        expired
    }

    /// The earliest expiry date of any stored cookie, so the world can step
    /// the clock to it.
    pub fn next_expiry(&self) -> Option<UnixTime> {
        self.cookies.iter().filter_map(|c| c.expires).min()
    }

    /// The browser is closed: session cookies (no `Expires`/`Max-Age`) go,
    /// as in a browser that does not restore the previous session.
    pub fn end_browser_session(&mut self) {
        self.cookies.retain(Cookie::is_persistent);
    }

    fn store(
        &mut self,
        url: &Url,
        line: &str,
        ctx: Option<&RequestContext>,
        source: Source,
        now: UnixTime,
    ) -> SetCookieOutcome {
        match self.try_store(url, line, ctx, source, now) {
            Ok(outcome) => outcome,
            Err(reason) => SetCookieOutcome::Rejected {
                line: line.to_string(),
                reason,
            },
        }
    }

    fn try_store(
        &mut self,
        url: &Url,
        line: &str,
        ctx: Option<&RequestContext>,
        source: Source,
        now: UnixTime,
    ) -> Result<SetCookieOutcome, BlockedReason> {
        let parsed = parse_set_cookie(line)?;
        // Expired cookies neither block nor get replaced: they are gone.
        self.cookies.retain(|c| !c.is_expired(now));
        let secure_origin = url.is_potentially_trustworthy();
        if parsed.secure && !secure_origin {
            return Err(BlockedReason::SecureOnly);
        }
        if source == Source::Script && parsed.http_only {
            return Err(BlockedReason::HttpOnly);
        }
        let scope = cookie_scope(url, parsed.domain.as_deref())?;
        let path = cookie_path(url.path(), parsed.path.as_deref());
        if !prefix_rules_kept(&parsed, secure_origin, scope.host_only) {
            return Err(BlockedReason::InvalidPrefix);
        }
        if parsed.same_site == SameSite::None && !parsed.secure {
            return Err(BlockedReason::SameSiteNoneInsecure);
        }
        if let Some(ctx) = ctx {
            // Only a cross-site subresource is a cross-site context for
            // setting: a top-level navigation's response is always
            // same-site with the page it becomes.
            if ctx.is_cross_site() && !ctx.top_level_navigation {
                if let Some(reason) = cross_site_reason(parsed.same_site) {
                    return Err(reason);
                }
            }
        }
        let (expires, expired) = expiry(&parsed, now);
        let mut cookie = Cookie {
            name: parsed.name,
            value: parsed.value,
            domain: scope.domain,
            host_only: scope.host_only,
            path,
            expires,
            secure: parsed.secure,
            http_only: parsed.http_only,
            same_site: parsed.same_site,
            created: now,
            last_access: now,
            creation_index: self.next_creation_index,
        };
        if !cookie.secure && !secure_origin && self.shadows_secure_cookie(&cookie) {
            return Err(BlockedReason::OverwriteSecure);
        }
        let existing = self.cookies.iter().position(|c| {
            c.name == cookie.name
                && c.domain == cookie.domain
                && c.host_only == cookie.host_only
                && c.path == cookie.path
        });
        let Some(i) = existing else {
            if expired {
                return Err(BlockedReason::Expired);
            }
            self.next_creation_index = self.next_creation_index.saturating_add(1);
            self.cookies.push(cookie.clone());
            return Ok(SetCookieOutcome::Stored {
                cookie,
                replaced: None,
            });
        };
        if source == Source::Script && self.cookies.get(i).is_some_and(|c| c.http_only) {
            return Err(BlockedReason::HttpOnly);
        }
        // `i` comes from `position` above, so it is in bounds.
        let old = self.cookies.remove(i);
        if expired {
            return Ok(SetCookieOutcome::Removed { cookie: old });
        }
        if cookie.value == old.value {
            // Chromium keeps the original creation time (and so the place
            // in the header and in the jar) only for an unchanged value.
            cookie.created = old.created;
            cookie.creation_index = old.creation_index;
            self.cookies.insert(i, cookie.clone());
        } else {
            self.next_creation_index = self.next_creation_index.saturating_add(1);
            self.cookies.push(cookie.clone());
        }
        Ok(SetCookieOutcome::Stored {
            cookie,
            replaced: Some(old),
        })
    }

    /// "Leave secure cookies alone" (RFC 6265bis 5.7 step 16): a stored
    /// `Secure` cookie of the same name, whose domain matches the new one's
    /// either way, and whose path contains the new one's path.
    fn shadows_secure_cookie(&self, new: &Cookie) -> bool {
        self.cookies.iter().any(|old| {
            old.secure
                && old.name == new.name
                && (domain_match(&old.domain, &new.domain)
                    || domain_match(&new.domain, &old.domain))
                && path_match(&new.path, &old.path)
        })
    }

    /// Sorts the jar's cookies for a request (`ctx` is `None` for a script
    /// read): indices of the cookies sent, in header order, and the cookies
    /// of the same site left out, with the reason.
    fn select(
        &self,
        url: &Url,
        ctx: Option<&RequestContext>,
        now: UnixTime,
    ) -> (Vec<usize>, Vec<(Cookie, BlockedReason)>) {
        let host = url.host();
        let site = site_for(host);
        let mut sent = Vec::new();
        let mut excluded = Vec::new();
        for (i, c) in self.cookies.iter().enumerate() {
            if site_for(&c.domain) != site {
                continue; // another site's cookie: not even a candidate
            }
            match self.exclusion(c, url, ctx, now) {
                None => sent.push(i),
                Some(reason) => excluded.push((c.clone(), reason)),
            }
        }
        crate::engine::small_sort::by_key(&mut sent, |&i| {
            self.cookies
                .get(i)
                .map(|c| (std::cmp::Reverse(c.path.len()), c.creation_index))
        });
        (sent, excluded)
    }

    fn exclusion(
        &self,
        c: &Cookie,
        url: &Url,
        ctx: Option<&RequestContext>,
        now: UnixTime,
    ) -> Option<BlockedReason> {
        // When several reasons apply, the first is the one Chrome DevTools
        // lists first (checked against Chromium 156: "SecureOnly, NotOnPath,
        // DomainMismatch"), after HttpOnly for scripts.
        if c.is_expired(now) {
            return Some(BlockedReason::Expired);
        }
        if ctx.is_none() && c.http_only {
            return Some(BlockedReason::HttpOnly);
        }
        if c.secure && !url.is_potentially_trustworthy() {
            return Some(BlockedReason::SecureOnly);
        }
        if !path_match(url.path(), &c.path) {
            return Some(BlockedReason::NotOnPath);
        }
        if !scope_matches(&c.domain, c.host_only, url.host()) {
            return Some(BlockedReason::DomainMismatch);
        }
        ctx.and_then(|ctx| self.same_site_exclusion(c, ctx, now))
    }

    /// Whether `c` goes with this cross-site request only by Chromium's
    /// "Lax-allowing-unsafe" exception: no `SameSite` attribute (so Lax),
    /// a top-level navigation with an unsafe method such as POST, and the
    /// cookie less than two minutes old. The one place the rule is written.
    pub fn rides_lax_allowing_unsafe(
        &self,
        c: &Cookie,
        ctx: &RequestContext,
        now: UnixTime,
    ) -> bool {
        self.lax_allowing_unsafe
            && c.same_site == SameSite::Unspecified
            && ctx.is_cross_site()
            && ctx.top_level_navigation
            && !ctx.method.is_safe()
            && now.millis().saturating_sub(c.created.millis()) < LAX_ALLOWING_UNSAFE_MS
    }

    fn same_site_exclusion(
        &self,
        c: &Cookie,
        ctx: &RequestContext,
        now: UnixTime,
    ) -> Option<BlockedReason> {
        if !ctx.is_cross_site() {
            return None;
        }
        let lax_ok = ctx.top_level_navigation && ctx.method.is_safe();
        match c.same_site {
            SameSite::None => None,
            SameSite::Strict => Some(BlockedReason::SameSiteStrict),
            SameSite::Lax if lax_ok => None,
            SameSite::Lax => Some(BlockedReason::SameSiteLax),
            SameSite::Unspecified if lax_ok => None,
            SameSite::Unspecified if self.rides_lax_allowing_unsafe(c, ctx, now) => None,
            SameSite::Unspecified => Some(BlockedReason::SameSiteUnspecifiedTreatedAsLax),
        }
    }
}

/// Whether a response must be refused as a whole: a `Set-Cookie` header
/// holding a NUL byte, which HTTP forbids in any header value. (CR and LF
/// end a line instead: see [`super::parse`].)
pub fn response_is_refused(lines: &[String]) -> bool {
    lines.iter().any(|l| l.contains('\0'))
}

/// Why a cookie with this `SameSite` cannot be set from a cross-site
/// subresource response.
fn cross_site_reason(same_site: SameSite) -> Option<BlockedReason> {
    match same_site {
        SameSite::None => None,
        SameSite::Strict => Some(BlockedReason::SameSiteStrict),
        SameSite::Lax => Some(BlockedReason::SameSiteLax),
        SameSite::Unspecified => Some(BlockedReason::SameSiteUnspecifiedTreatedAsLax),
    }
}

/// The cookie's expiry date (capped at 400 days from now) and whether it has
/// already passed. `Max-Age` wins over `Expires`.
fn expiry(parsed: &ParsedCookie, now: UnixTime) -> (Option<UnixTime>, bool) {
    let cap = now.plus_millis(MAX_LIFETIME_MS);
    let expires = match (parsed.max_age, parsed.expires) {
        (Some(secs), _) if secs <= 0 => return (Some(now), true),
        (Some(secs), _) => Some(now.plus_millis(secs.saturating_mul(1000))),
        (None, Some(date)) => Some(date),
        (None, None) => None,
    };
    match expires {
        Some(e) if e <= now => (Some(e), true),
        Some(e) => (Some(e.min(cap)), false),
        None => (None, false),
    }
}

/// RFC 6265bis 5.7 (cookie prefixes), matched case-insensitively as
/// Chromium does:
///
/// - `__Secure-`: `Secure`, set from a secure origin;
/// - `__Host-`: the same, plus no `Domain` (host-only) and `Path=/`;
/// - `__Http-`: `Secure`, from a secure origin, and `HttpOnly` (so a script
///   can never set it);
/// - `__Host-Http-`: both `__Host-` and `__Http-` rules.
///
/// A nameless cookie whose value starts with a prefix is refused too: it
/// would be sent back looking like a prefixed cookie.
fn prefix_rules_kept(parsed: &ParsedCookie, secure_origin: bool, host_only: bool) -> bool {
    const PREFIXES: [&str; 3] = ["__Secure-", "__Host-", "__Http-"];
    let starts = |s: &str, prefix: &str| {
        s.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    if parsed.name.is_empty() {
        return !PREFIXES.iter().any(|p| starts(&parsed.value, p));
    }
    let name = parsed.name.as_str();
    let secure = parsed.secure && secure_origin;
    let host = host_only && parsed.path.as_deref() == Some("/");
    if starts(name, "__Secure-") {
        secure
    } else if starts(name, "__Host-Http-") {
        secure && host && parsed.http_only
    } else if starts(name, "__Host-") {
        secure && host
    } else if starts(name, "__Http-") {
        secure && parsed.http_only
    } else {
        true
    }
}

fn join_pairs(cookies: &[Cookie]) -> Option<String> {
    if cookies.is_empty() {
        return None;
    }
    Some(
        cookies
            .iter()
            .map(Cookie::pair)
            .collect::<Vec<_>>()
            .join("; "),
    )
}
