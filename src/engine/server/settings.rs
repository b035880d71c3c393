//! Every policy of the simulated world as one serde [`Settings`] value,
//! grouped as the page's defense panel groups them: the session cookie's
//! attributes, the transport, the server's session policy and the
//! application's own code.
//!
//! [`Settings::default`] is a plain framework setup of the kind PHP ships:
//! strong random IDs, a session cookie without `HttpOnly` or `Secure`, no ID
//! regeneration, a 24-minute idle timeout, served over HTTPS without HSTS.
//! The 24 minutes are PHP's `session.gc_maxlifetime` (1440 s), which PHP
//! does not enforce as a timeout: it is the age after which its garbage
//! collector may delete an unused session, and that collector runs only
//! now and then (on 1 request in 100 by default, or from a cron job as on
//! Debian), so a real PHP session often outlives it. The simulation
//! enforces it exactly, as a real idle timeout would.
//! Scenarios start from it and apply their own [`Knob`]s; defenses are knobs
//! too (see [`crate::engine::matrix`]).

use super::id_generator::IdGenerator;
use super::knob::settings;
use crate::engine::choice::{choice_enum, Choice};
use serde::{Deserialize, Serialize};

settings! {
    /// The whole configuration of a run.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
    #[serde(default)]
    pub struct Settings {
        /// The attributes of the session cookie the server sets.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub cookie: CookieSettings {
            /// The cookie's base name, e.g. `sessionid` (PHP says `PHPSESSID`).
            CookieName => pub name: String = "sessionid".into(),
            /// Add the `__Host-` prefix: the browser then insists on `Secure`,
            /// `Path=/` and no `Domain`, so no other host, not even a subdomain of
            /// the shop's host such as `blog.shop.example`, can plant it. The
            /// server then writes `Secure` and `Path=/` and leaves out `Domain`
            /// whatever the other fields say.
            HostPrefix => pub host_prefix: bool = false,
            HttpOnly => pub http_only: bool = false,
            Secure => pub secure: bool = false,
            SameSite => pub same_site: SameSitePolicy = SameSitePolicy::Unspecified,
            CookiePath => pub path: String = "/".into(),
            /// `Domain=` attribute; `None` makes a host-only cookie.
            CookieDomain => pub domain: Option<String> = None,
            CookieLifetime => pub lifetime: CookieLifetime = CookieLifetime::BrowserSession,
        },

        /// How the shop is reached.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub transport: TransportSettings {
            Transport => pub scheme: SiteTransport = SiteTransport::Https,
            Hsts => pub hsts: HstsPolicy = HstsPolicy::Off,
        },

        /// How the server manages sessions.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub server: ServerPolicy {
            IdGenerator => pub id_generator: IdGenerator = IdGenerator::Csprng128,
            RegenerateOnLogin => pub regenerate_on_login: bool = false,
            RegenerateOnPrivilegeChange => pub regenerate_on_privilege_change: bool = false,
            /// Read the ID from the URL (`?sessionid=...`) when no cookie carries one.
            AcceptIdFromUrl => pub accept_id_from_url: bool = false,
            /// Reject IDs the server never issued instead of adopting them
            /// (PHP's `session.use_strict_mode`).
            StrictMode => pub strict_mode: bool = false,
            /// Enforced to the minute here. The default 24 is PHP's garbage-collection
            /// threshold, not a timeout PHP enforces (see the module docs).
            IdleTimeout => pub idle_timeout: Option<Minutes> = Some(Minutes(24)),
            AbsoluteTimeout => pub absolute_timeout: Option<Minutes> = None,
            Logout => pub logout: LogoutPolicy = LogoutPolicy::InvalidateSession,
            Binding => pub binding: ClientBinding = ClientBinding::None,
            Contents => pub contents: SessionContents = SessionContents::UserReference,
            LoginLimit => pub login_limit: LoginLimit = LoginLimit::None,
            SessionStart => pub session_start: SessionStart = SessionStart::Eager,
            /// Where the session's state lives: a record in the server's store
            /// found by a random ID, or the state itself in a signed cookie
            /// (Rails' cookie store, Flask's session, a JWT in a cookie), the
            /// server keeping nothing per user.
            SessionState => pub session_state: SessionState = SessionState::ServerStore,
            /// With signed cookies: keep a denylist of the tokens logged out,
            /// looked up on every request until each token expires.
            TokenDenylist => pub token_denylist: bool = false,
            /// With signed cookies: the expiry the server writes inside the
            /// signed payload, checked on every request.
            TokenLifetime => pub token_lifetime: TokenLifetime = TokenLifetime::Days31,
            /// What "Remember me" at login does: nothing, keep the session
            /// itself for 30 days, or issue a separate remember-me token.
            RememberMe => pub remember_me: RememberMe = RememberMe::Off,
            /// What keeps the session records: each app server's own memory,
            /// files, a database table or a key-value store.
            StoreKind => pub store_kind: StoreKind = StoreKind::Memory,
            /// One app server, or two behind a load balancer.
            AppServers => pub app_servers: AppServers = AppServers::One,
            /// With two app servers: how the load balancer picks one.
            LbRouting => pub lb_routing: LbRouting = LbRouting::RoundRobin,
            /// Where the session files lie: outside what the web server
            /// serves, or in a directory it serves (`/sessions/`, with its
            /// listing), as a misconfigured deploy or a backup copy leaves them.
            StoreExposure => pub store_exposure: StoreExposure = StoreExposure::Private,
            /// Encrypt each session's data before it is written to the store,
            /// with a key kept outside the store (the server's configuration or
            /// a key service): a copy of the store alone yields ciphertext.
            EncryptAtRest => pub encrypt_at_rest: bool = false,
            /// What the store files each session under: the session ID itself,
            /// or a hash of it, so a copy of the store holds no ID to replay.
            StoreKeys => pub store_keys: StoreKeys = StoreKeys::RawId,
        },

        /// Choices in the application's own code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub application: ApplicationSettings {
            SearchOutput => pub search_output: SearchOutput = SearchOutput::Escaped,
            /// A secret token in the `/transfer` form, checked on submit.
            CsrfToken => pub csrf_token: bool = false,
            RoleStorage => pub role_storage: RoleStorage = RoleStorage::Session,
            /// Where the shopping cart lives: in the session on the server, or
            /// written whole into a `cart` cookie on every change.
            CartStorage => pub cart_storage: CartStorage = CartStorage::Session,
            /// Refuse a state-changing request (POST) whose `Origin` names another
            /// origin than the shop's; without `Origin`, check `Referer` instead
            /// (OWASP's CSRF cheat sheet, "Verifying Origin With Standard Headers").
            OriginCheck => pub origin_check: bool = false,
            /// A Fetch Metadata resource isolation policy (web.dev, "Protect your
            /// resources from web attacks with Fetch Metadata"): refuse requests
            /// marked `Sec-Fetch-Site: cross-site` unless they are top-level GET
            /// navigations. Requests without `Sec-Fetch-*` are let through, for
            /// browsers that do not send them, so it protects nothing over plain
            /// `http://`, where browsers never send them.
            FetchMetadata => pub fetch_metadata: bool = false,
            ReviewOutput => pub review_output: ReviewOutput = ReviewOutput::Escaped,
        },

        /// The victim's browser: the simulated browser is Chromium 156 with its
        /// own defaults, as observed in Debian's build (docs/chromium-observations.md).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(default)]
        pub browser: BrowserSettings {
            HttpsMode => pub https_mode: HttpsMode = HttpsMode::Upgrades,
            /// Cookies are left out of cross-site subresource requests (images,
            /// `fetch`), even `SameSite=None; Secure` ones; top-level navigations
            /// still carry them. On by default in Debian's Chromium 156 (its pref
            /// `profile.cookie_controls_mode` is 1, likely set by a distribution
            /// patch); upstream Chrome registers "block in incognito only", so
            /// Chrome-stable users still send them.
            BlockThirdPartyCookies => pub block_third_party_cookies: bool = true,
        },
    }
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

choice_enum! {
    /// The `SameSite` attribute the server writes (or leaves out).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SameSitePolicy {
        /// No attribute: Chromium-based browsers (Chrome, Edge), and so the
        /// simulated browser, treat the cookie as `Lax`; Firefox and Safari
        /// do not default to `Lax`.
        Unspecified = ("unspecified", "not set (Lax in Chromium)"),
        None = ("none", "None"),
        Lax = ("lax", "Lax"),
        Strict = ("strict", "Strict"),
    }
}

/// Whether the session cookie is meant to go with the browser session or
/// has a `Max-Age`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CookieLifetime {
    /// No `Max-Age`/`Expires`: gone when the browser closes, unless the
    /// browser restores the previous session on start-up (Chrome's
    /// "Continue where you left off", Firefox's "Open previous windows and
    /// tabs"), which keeps session cookies across a restart. The simulated
    /// browser does not restore sessions.
    BrowserSession,
    /// `Max-Age` in seconds: the cookie survives closing the browser.
    Persistent { max_age_secs: u64 },
}

/// Django's `SESSION_COOKIE_AGE`, 1209600 seconds: two weeks.
pub const TWO_WEEKS_SECS: u64 = 14 * 24 * 3600;

/// The page offers a session cookie, one that lasts 30 days and Django's
/// two weeks. Any other `Max-Age` shows as the 30 days.
impl Choice for CookieLifetime {
    const ALL: &'static [Self] = &[
        CookieLifetime::BrowserSession,
        CookieLifetime::Persistent {
            max_age_secs: 30 * 24 * 3600,
        },
        CookieLifetime::Persistent {
            max_age_secs: TWO_WEEKS_SECS,
        },
    ];

    const TABLE: &'static [(&'static str, &'static str)] = &[
        ("session", "session cookie"),
        ("persistent", "Max-Age 30 days"),
        ("two-weeks", "Max-Age 2 weeks (Django)"),
    ];

    fn index(self) -> usize {
        match self {
            CookieLifetime::BrowserSession => 0,
            CookieLifetime::Persistent {
                max_age_secs: TWO_WEEKS_SECS,
            } => 2,
            CookieLifetime::Persistent { .. } => 1,
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
    /// What the shop does when a user ticks "Remember me" at login.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum RememberMe {
        /// The box is ignored: the session ends with the browser (or its
        /// idle timeout), and the user logs in again.
        Off = ("off", "off"),
        /// The naive way: the session cookie itself gets `Max-Age` of 30
        /// days, and the server keeps the session 30 days without use
        /// (its idle timeout lifted for it, or the long cookie would name a
        /// session long gone). Whoever copies the cookie is the user for
        /// weeks.
        LongSession = ("long-session", "the session cookie lives 30 days"),
        /// Done right (Jaspan's "improved persistent login cookie", as
        /// OWASP describes it): a separate `remember` cookie
        /// `selector:validator`; the server keeps only a hash of the
        /// validator. Using it opens a new session (a fresh ID) and
        /// rotates the validator; a known selector with a wrong validator
        /// is an old copy, so theft: every token of that user is revoked
        /// and her sessions ended. A session opened by the token asks for
        /// the password again before a transfer.
        Token = ("token", "a separate rotating token (done right)"),
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
    /// Where the session's state lives.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SessionState {
        /// A record in the server's session store, found by the random ID
        /// the cookie carries: the server can destroy it.
        ServerStore = ("store", "the server's store"),
        /// The state itself, `{user, issued, expires}`, base64url-encoded in
        /// the cookie with the server's signature: the server keeps nothing
        /// per user, so it has nothing to destroy at logout.
        SignedCookie = ("signed-cookie", "a signed cookie (stateless)"),
    }
}

choice_enum! {
    /// What keeps the session records, and who ends an idle one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
    pub enum StoreKind {
        /// A map in the app server's own memory (express-session's
        /// `MemoryStore`, a servlet container's sessions): the app checks
        /// the idle timeout itself. Each app server has its own, and a
        /// restart empties it.
        #[default]
        Memory = ("memory", "the app's memory"),
        /// One file per session (PHP's default `files` handler). PHP does
        /// not check a session's age when it reads it: a garbage collector,
        /// run on 1 `session_start()` in 100 (`session.gc_probability` /
        /// `session.gc_divisor`), deletes the files unused for longer than
        /// `session.gc_maxlifetime`. Until it runs, an idle session works.
        Files = ("files", "files (PHP's garbage collector)"),
        /// A table row with an expiry date (Django's database backend): a
        /// read refuses a row past `expire_date`, but the row stays until a
        /// cleanup job (`manage.py clearsessions` from cron, here hourly)
        /// deletes it.
        Database = ("database", "a database + hourly cleanup job"),
        /// A key with a time-to-live (Redis through connect-redis or
        /// Django's cache backend): the store itself deletes the key when
        /// its TTL runs out, and every use sets the TTL again.
        KeyValue = ("key-value", "a key-value store with TTL"),
    }
}

impl StoreKind {
    /// Whether every app server reads the same records. Files are shared
    /// here as on a shared disk (NFS); the database and the key-value
    /// store are servers of their own.
    pub fn shared(self) -> bool {
        self != StoreKind::Memory
    }

    pub fn is_memory(&self) -> bool {
        *self == StoreKind::Memory
    }
}

choice_enum! {
    /// How many app servers run the shop.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum AppServers {
        One = ("one", "one"),
        /// `app1` and `app2`, behind one load balancer.
        Two = ("two", "two behind a load balancer"),
    }
}

choice_enum! {
    /// How the load balancer picks an app server for a request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum LbRouting {
        /// Each request to the next server in turn, whoever sends it.
        RoundRobin = ("round-robin", "round robin"),
        /// The first request goes round robin and the balancer adds a
        /// cookie naming the server (HAProxy's `cookie SERVERID insert`);
        /// later requests carrying it go to the same server.
        Sticky = ("sticky", "sticky sessions (a SERVERID cookie)"),
    }
}

choice_enum! {
    /// The lifetime written inside a signed session cookie.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum TokenLifetime {
        /// Flask's default `PERMANENT_SESSION_LIFETIME`, `timedelta(days=31)`.
        Days31 = ("31-days", "31 days (Flask's default)"),
        /// Short: a stolen copy works for minutes, and the user must be
        /// issued a fresh cookie as often.
        Minutes5 = ("5-min", "5 minutes"),
    }
}

impl TokenLifetime {
    pub fn secs(self) -> u64 {
        match self {
            TokenLifetime::Days31 => 31 * 24 * 3600,
            TokenLifetime::Minutes5 => 5 * 60,
        }
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
    /// What the session holds after login and during checkout.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SessionContents {
        /// Only a reference (`user_id`); details come from the database,
        /// and checkout keeps only the card's last four digits.
        UserReference = ("reference", "a user reference only"),
        /// Also the email, the password as typed, the user's API token and
        /// card number copied in at login, and the full card number typed at
        /// checkout.
        SensitiveData = ("sensitive", "sensitive data too"),
    }
}

choice_enum! {
    /// Where the session files lie, as the web server sees them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum StoreExposure {
        /// Outside the web root (PHP's default `/var/lib/php/sessions`, a
        /// Redis with a password on a private network): no URL reaches them.
        Private = ("private", "outside the web root"),
        /// In a directory the web server serves, with its listing on: the
        /// session files (or last night's backup of them) at `/sessions/`.
        WebServed = ("web-served", "in a directory the web server serves"),
    }
}

choice_enum! {
    /// What the session store files each session under.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum StoreKeys {
        /// The session ID itself (PHP's `sess_<id>`, a Redis key
        /// `session:<id>`): a copy of the store lists every live ID.
        RawId = ("raw", "the session ID itself"),
        /// A hash of the ID (what Rack's and Rails' session stores do since
        /// the fix for CVE-2019-16782, their "private id"): the server
        /// hashes the ID each request brings; the store never holds an ID a
        /// copy could replay.
        HashedId = ("hashed", "a hash of the session ID"),
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

    const TABLE: &'static [(&'static str, &'static str)] = &[
        ("none", "none"),
        ("per-session", "3 per session"),
        ("per-account", "3 per account"),
    ];

    fn index(self) -> usize {
        match self {
            LoginLimit::None => 0,
            LoginLimit::PerSession { .. } => 1,
            LoginLimit::PerAccount { .. } => 2,
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

choice_enum! {
    /// Where the shopping cart lives.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum CartStorage {
        /// In the server-side session: no size limit but the server's
        /// memory, paid for every user.
        Session = ("session", "the session (server)"),
        /// In a `cart` cookie the shop rewrites whole on every change: the
        /// browser refuses a cookie whose name and value pass 4096 bytes.
        Cookie = ("cookie", "a cookie (client)"),
    }
}

choice_enum! {
    /// What the browser does with an `http://` address it navigates to.
    /// (Chromium exempts non-unique names such as `shop.example`; this lab
    /// treats `shop.example` as the public site it stands for.)
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum HttpsMode {
        /// The address goes out as typed.
        Off = ("off", "off: http:// as typed"),
        /// Chromium's default: try `https://` first (an internal 307); if
        /// that fails, silently fall back to `http://`.
        Upgrades = ("upgrades", "HTTPS-Upgrades (silent fallback)"),
        /// HTTPS-First mode (a setting, off by default): try `https://`; if
        /// that fails, warn instead of loading plain http
        /// (`ERR_BLOCKED_BY_CLIENT`).
        First = ("first", "HTTPS-First (warns, no fallback)"),
    }
}
