//! Every policy of the simulated world as one serde [`Settings`] value,
//! grouped as the page's defense panel groups them: the session cookie's
//! attributes, the transport, the server's session policy and the
//! application's own code.
//!
//! [`Settings::default`] is a plain framework setup of the kind PHP ships:
//! strong random IDs, a session cookie without `HttpOnly` or `Secure`, no ID
//! regeneration, a 24-minute idle timeout, served over HTTPS without HSTS.
//! Scenarios start from it and apply their own [`Knob`]s; defenses are knobs
//! too (see [`crate::engine::matrix`]).

use super::id_generator::IdGenerator;
use crate::engine::choice::{choice_enum, Choice};
use serde::{Deserialize, Serialize};

/// The whole configuration of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    pub cookie: CookieSettings,
    pub transport: TransportSettings,
    pub server: ServerPolicy,
    pub application: ApplicationSettings,
}

/// The attributes of the session cookie the server sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CookieSettings {
    /// The cookie's base name, e.g. `sessionid` (PHP says `PHPSESSID`).
    pub name: String,
    /// Add the `__Host-` prefix: the browser then insists on `Secure`,
    /// `Path=/` and no `Domain`, so no sibling subdomain can plant it. The
    /// server then writes `Secure` and `Path=/` and leaves out `Domain`
    /// whatever the other fields say.
    pub host_prefix: bool,
    pub http_only: bool,
    pub secure: bool,
    pub same_site: SameSitePolicy,
    pub path: String,
    /// `Domain=` attribute; `None` makes a host-only cookie.
    pub domain: Option<String>,
    pub lifetime: CookieLifetime,
}

impl CookieSettings {
    /// The name on the wire: with the `__Host-` prefix when it is on.
    pub fn full_name(&self) -> String {
        if self.host_prefix {
            format!("__Host-{}", self.name)
        } else {
            self.name.clone()
        }
    }

    /// Whether the cookie is sent with `Secure`: always with the `__Host-`
    /// prefix, which requires it (as frameworks do when asked for the prefix).
    pub fn is_secure(&self) -> bool {
        self.secure || self.host_prefix
    }

    /// The `Path`: `/` with the `__Host-` prefix, which requires it.
    pub fn cookie_path(&self) -> &str {
        if self.host_prefix {
            "/"
        } else {
            &self.path
        }
    }

    /// The `Domain`, if any: never with the `__Host-` prefix, which forbids it.
    pub fn cookie_domain(&self) -> Option<&str> {
        if self.host_prefix {
            None
        } else {
            self.domain.as_deref()
        }
    }
}

impl Default for CookieSettings {
    fn default() -> Self {
        CookieSettings {
            name: "sessionid".into(),
            host_prefix: false,
            http_only: false,
            secure: false,
            same_site: SameSitePolicy::Unspecified,
            path: "/".into(),
            domain: None,
            lifetime: CookieLifetime::BrowserSession,
        }
    }
}

choice_enum! {
    /// The `SameSite` attribute the server writes (or leaves out).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SameSitePolicy {
        /// No attribute: today's browsers treat the cookie as `Lax`.
        Unspecified = ("unspecified", "not set (Lax by default)"),
        None = ("none", "None"),
        Lax = ("lax", "Lax"),
        Strict = ("strict", "Strict"),
    }
}

/// Whether the session cookie dies with the browser or has a `Max-Age`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CookieLifetime {
    /// No `Max-Age`/`Expires`: gone when the browser closes.
    BrowserSession,
    /// `Max-Age` in seconds: the cookie survives closing the browser.
    Persistent { max_age_secs: u64 },
}

/// The page offers a session cookie or one that lasts 30 days.
impl Choice for CookieLifetime {
    const ALL: &'static [Self] = &[
        CookieLifetime::BrowserSession,
        CookieLifetime::Persistent {
            max_age_secs: 30 * 24 * 3600,
        },
    ];

    fn code(self) -> &'static str {
        match self {
            CookieLifetime::BrowserSession => "session",
            CookieLifetime::Persistent { .. } => "persistent",
        }
    }

    fn option_label(self) -> &'static str {
        match self {
            CookieLifetime::BrowserSession => "session cookie",
            CookieLifetime::Persistent { .. } => "Max-Age 30 days",
        }
    }
}

/// How the shop is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransportSettings {
    pub scheme: SiteTransport,
    pub hsts: HstsPolicy,
}

impl Default for TransportSettings {
    fn default() -> Self {
        TransportSettings {
            scheme: SiteTransport::Https,
            hsts: HstsPolicy::Off,
        }
    }
}

choice_enum! {
    /// Which scheme the shop serves.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SiteTransport {
        /// Plain `http://` only: every byte readable on the network.
        Http = ("http", "HTTP"),
        /// `https://`; a request to `http://` gets a redirect to `https://`
        /// (but that first request has already crossed the network in clear).
        Https = ("https", "HTTPS"),
    }
}

choice_enum! {
    /// `Strict-Transport-Security` on the shop's HTTPS responses.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum HstsPolicy {
        Off = ("off", "off"),
        /// Sent on HTTPS responses: the browser upgrades later visits itself.
        On = ("on", "on"),
        /// Also on the browser's built-in preload list: even the first visit
        /// typed as `http://` is upgraded before anything is sent.
        Preloaded = ("preloaded", "on and preloaded"),
    }
}

/// How the server manages sessions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerPolicy {
    pub id_generator: IdGenerator,
    pub regenerate_on_login: bool,
    pub regenerate_on_privilege_change: bool,
    /// Read the ID from the URL (`?sessionid=...`) when no cookie carries one.
    pub accept_id_from_url: bool,
    /// Reject IDs the server never issued instead of adopting them
    /// (PHP's `session.use_strict_mode`).
    pub strict_mode: bool,
    pub idle_timeout: Option<Minutes>,
    pub absolute_timeout: Option<Minutes>,
    pub logout: LogoutPolicy,
    pub binding: ClientBinding,
    pub contents: SessionContents,
    pub login_limit: LoginLimit,
    pub session_start: SessionStart,
}

impl Default for ServerPolicy {
    fn default() -> Self {
        ServerPolicy {
            id_generator: IdGenerator::Csprng128,
            regenerate_on_login: false,
            regenerate_on_privilege_change: false,
            accept_id_from_url: false,
            strict_mode: false,
            idle_timeout: Some(Minutes(24)),
            absolute_timeout: None,
            logout: LogoutPolicy::InvalidateSession,
            binding: ClientBinding::None,
            contents: SessionContents::UserReference,
            login_limit: LoginLimit::None,
            session_start: SessionStart::Eager,
        }
    }
}

/// A duration in whole minutes, as timeouts are configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Minutes(pub u64);

impl Minutes {
    pub fn millis(self) -> u64 {
        self.0.saturating_mul(60_000)
    }
}

choice_enum! {
    /// When the application starts a session for a visitor who has none.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SessionStart {
        /// On every page, as PHP does when every page calls
        /// `session_start()`: a request without the cookie gets a new
        /// session, and its `Set-Cookie` replaces whatever cookie the
        /// browser held back.
        Eager = ("eager", "on every page (PHP session_start())"),
        /// Only when something is stored in it, as Django does and
        /// express-session with `saveUninitialized: false`: a page that
        /// stores nothing sets no cookie.
        Lazy = ("lazy", "when something is stored (Django)"),
    }
}

choice_enum! {
    /// What logging out does.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum LogoutPolicy {
        /// Destroy the session on the server and clear the cookie.
        InvalidateSession = ("invalidate", "destroys the session"),
        /// Only ask the browser to delete the cookie: the session lives on, and
        /// anyone who still has the ID is still logged in.
        ClearCookieOnly = ("clear-cookie", "only clears the cookie"),
    }
}

choice_enum! {
    /// What a session is bound to, checked on every request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ClientBinding {
        None = ("none", "nothing"),
        Ip = ("ip", "IP address"),
        UserAgent = ("user-agent", "User-Agent"),
        IpAndUserAgent = ("both", "IP address and User-Agent"),
    }
}

impl ClientBinding {
    pub fn checks_ip(self) -> bool {
        matches!(self, ClientBinding::Ip | ClientBinding::IpAndUserAgent)
    }

    pub fn checks_user_agent(self) -> bool {
        matches!(
            self,
            ClientBinding::UserAgent | ClientBinding::IpAndUserAgent
        )
    }
}

choice_enum! {
    /// What the session holds after login.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SessionContents {
        /// Only a reference (`user_id`); details come from the database.
        UserReference = ("reference", "a user reference only"),
        /// Also the email and card number, copied into the session.
        SensitiveData = ("sensitive", "sensitive data too"),
    }
}

/// How many failed logins are allowed before the server refuses more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoginLimit {
    None,
    /// Counted in the session: a client that drops its cookie starts over.
    PerSession {
        max_failures: u32,
    },
    /// Counted on the account, wherever the attempts come from.
    PerAccount {
        max_failures: u32,
    },
}

/// The page offers no limit, or three failures counted either way.
impl Choice for LoginLimit {
    const ALL: &'static [Self] = &[
        LoginLimit::None,
        LoginLimit::PerSession { max_failures: 3 },
        LoginLimit::PerAccount { max_failures: 3 },
    ];

    fn code(self) -> &'static str {
        match self {
            LoginLimit::None => "none",
            LoginLimit::PerSession { .. } => "per-session",
            LoginLimit::PerAccount { .. } => "per-account",
        }
    }

    fn option_label(self) -> &'static str {
        match self {
            LoginLimit::None => "none",
            LoginLimit::PerSession { .. } => "3 per session",
            LoginLimit::PerAccount { .. } => "3 per account",
        }
    }
}

/// Choices in the application's own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicationSettings {
    pub search_output: SearchOutput,
    /// A secret token in the `/transfer` form, checked on submit.
    pub csrf_token: bool,
    pub role_storage: RoleStorage,
    pub review_output: ReviewOutput,
}

impl Default for ApplicationSettings {
    fn default() -> Self {
        ApplicationSettings {
            search_output: SearchOutput::Escaped,
            csrf_token: false,
            role_storage: RoleStorage::Session,
            review_output: ReviewOutput::Escaped,
        }
    }
}

choice_enum! {
    /// How `/search?q=` puts the query back into the page.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SearchOutput {
        /// HTML-escaped: `<script>` shows as text.
        Escaped = ("escaped", "escaped (safe)"),
        /// Pasted in raw: a reflected XSS hole.
        Reflected = ("reflected", "reflected raw (XSS hole)"),
    }
}

choice_enum! {
    /// How the product page writes the reviews visitors posted.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum ReviewOutput {
        /// HTML-escaped: a `<script>` in a review shows as text.
        Escaped = ("escaped", "escaped (safe)"),
        /// Pasted in raw: a stored XSS hole, run for every later visitor.
        Raw = ("raw", "raw HTML (stored XSS hole)"),
    }
}

choice_enum! {
    /// Where the user's role lives.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum RoleStorage {
        /// In the server-side session: the client cannot change it.
        Session = ("session", "the session (server)"),
        /// In a client cookie `role=user`: the client can edit it.
        ClientCookie = ("cookie", "a cookie (client)"),
    }
}
