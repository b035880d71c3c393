//! The simulated browser's cookie jar, as RFC 6265bis defines it and
//! Chromium implements it.
//!
//! - [`parse`]: one `Set-Cookie` line into a [`ParsedCookie`].
//! - [`date`]: the forgiving cookie-date algorithm for `Expires`.
//! - [`domain`]: `Domain` and `Path`: which hosts and paths a cookie covers.
//! - [`cookie`]: a stored [`Cookie`] and its [`SameSite`] attribute.
//! - [`context`]: the [`RequestContext`] that decides `SameSite`.
//! - [`jar`]: the [`CookieJar`]: storing, sending, `document.cookie`,
//!   expiry.
//! - [`reason`]: [`BlockedReason`], every "why not", with DevTools' names
//!   and the sentences students read.
//!
//! Why not the `cookie` or `cookie_store` crates? They serve HTTP servers
//! and clients, not browsers: they know nothing of `SameSite` contexts,
//! "leave secure cookies alone", Lax-by-default, cookie prefixes or the
//! DevTools reasons, and they parse lines more strictly than browsers do.
//! What students watch here must be what Chrome does, so the algorithms are
//! written out, each module saying which rule it follows. The conformance
//! test (`tests/cookie_conformance.rs`) replays the IETF http-state suite as
//! real Chromium answered it.
//!
//! The jar never reads a clock: every call takes the simulated `now`.

pub mod context;
pub mod cookie;
pub mod date;
pub mod domain;
pub mod jar;
pub mod parse;
pub mod reason;

pub use context::{Initiator, RequestContext};
pub use cookie::{Cookie, SameSite};
pub use date::{format_utc, parse_cookie_date, utc};
pub use jar::{response_is_refused, CookieHeader, CookieJar, ScriptRead, SetCookieOutcome};
pub use parse::{parse_set_cookie, ParsedCookie};
pub use reason::BlockedReason;
