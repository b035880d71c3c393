//! The shop's server: a small web application with sessions, built the way
//! PHP, Express-session and Django build them.
//!
//! The server reads the session ID from the `Cookie` header (and, if the
//! policy allows, the URL), finds the session in its [`store`], checks it
//! against every policy in [`settings`], runs the page's code in [`shop`]
//! and answers with a response whose `Set-Cookie` lines are plain strings:
//! what the browser makes of them is the jar's business. Each choice is
//! recorded as a [`decision::Decision`].
//!
//! Like quinn-proto's endpoint, it never reads a clock: `handle` takes the
//! time, [`Server::poll_timeout`] says when the next session times out and
//! [`Server::handle_timeout`] expires it.

pub mod accounts;
pub mod decision;
pub mod exposed;
pub mod id_generator;
pub mod knob;
pub mod presets;
pub mod remember;
pub mod settings;
pub mod shop;
pub mod signed;
pub mod store;

pub use settings::Settings;

use crate::engine::clock::{Clock, SimTime};
use crate::engine::http::{cookie_header, form, HttpRequest, HttpResponse, Method, StatusCode};
use crate::engine::rng::SimRng;
use crate::engine::url::Scheme;
use accounts::{Accounts, Role, UserName};
use decision::{AppServer, BindingMismatch, Decision, NewSessionCause, RejectReason, RouteBy};
use id_generator::{IdInput, SessionId};
use serde::{Deserialize, Serialize};
use settings::{
    AppServers, CookieLifetime, LbRouting, Minutes, RoleStorage, SameSitePolicy, SessionState,
    StoreKind,
};
use signed::{Claims, TokenRejection};
use store::{ClientFingerprint, Session, SessionData, SessionOrigin, SessionStore};

/// The host name the shop is served on.
pub const SHOP_HOST: &str = "shop.example";

/// What the server knows about who is connecting: the peer address of the
/// connection. (The User-Agent comes in the request's headers.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerAddress(pub String);

/// Whose session served a request, as the server decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Served {
    pub session: Option<SessionId>,
    pub user: Option<UserName>,
    pub role: Option<Role>,
    /// With two app servers: the one that answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_server: Option<AppServer>,
}

/// A handled request: the response, and the decisions that led to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handled {
    pub response: HttpResponse,
    pub decisions: Vec<Decision>,
    pub served: Served,
}

/// The shop's server.
#[derive(Debug, Clone)]
pub struct Server {
    settings: Settings,
    store: SessionStore,
    accounts: Accounts,
    /// Product reviews, in the shop's database: they outlive any session.
    reviews: Vec<String>,
    /// Remember-me tokens (selector, hash of the validator, user, expiry).
    tokens: Vec<remember::RememberToken>,
    issued: u64,
    /// Stateless sessions with a denylist: the tokens logged out, kept
    /// until each one's own expiry (after it the signature check refuses
    /// the token anyway).
    denylist: Vec<Revoked>,
    /// With two app servers and sessions in memory: the memory of the
    /// server not loaded in `store` (swapped in when a request goes there).
    other: SessionStore,
    /// The app server whose memory `store` is, and which answered last.
    loaded: AppServer,
    /// With two app servers: whether any request was routed yet.
    balanced: bool,
    /// Requests the load balancer has routed, for round robin.
    routed: u64,
}

/// The name of the load balancer's sticky-session cookie (HAProxy's
/// `cookie SERVERID insert indirect nocache`).
pub const LB_COOKIE: &str = "SERVERID";

/// How often the database's cleanup job runs: hourly, from cron.
pub const CLEANUP_JOB_EVERY_MS: u64 = 60 * 60_000;

/// PHP's default `session.gc_probability` / `session.gc_divisor`: the
/// garbage collector runs on 1 `session_start()` in 100.
pub const GC_DIVISOR: u64 = 100;

/// A logged-out signed cookie on the denylist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revoked {
    /// The token's signature part, which names it.
    pub signature: String,
    pub user: UserName,
    /// Unix seconds: the token's own expiry, when the entry can go.
    pub expires: i64,
}

/// Where a request's session ID came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdSource {
    Cookie,
    Url,
}

/// One request being handled: its parsed parts and what has been decided.
pub(crate) struct Handling<'a> {
    pub req: &'a HttpRequest,
    pub now: SimTime,
    pub clock: Clock,
    pub client: ClientFingerprint,
    pub cookies: Vec<(String, String)>,
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
    pub decisions: Vec<Decision>,
    pub set_cookies: Vec<String>,
    /// The session this request uses, once resolved.
    pub session: Option<SessionId>,
}

impl Server {
    pub fn new(settings: &Settings) -> Self {
        Server {
            settings: settings.clone(),
            store: SessionStore::default(),
            accounts: Accounts::default(),
            reviews: Vec::new(),
            tokens: Vec::new(),
            issued: 0,
            denylist: Vec::new(),
            other: SessionStore::default(),
            loaded: AppServer::App1,
            balanced: false,
            routed: 0,
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn store(&self) -> &SessionStore {
        &self.store
    }

    pub fn accounts(&self) -> &Accounts {
        &self.accounts
    }

    /// Whether sessions are kept in signed cookies rather than the store.
    pub fn stateless(&self) -> bool {
        self.settings.server.session_state == SessionState::SignedCookie
    }

    /// The denylist of logged-out signed cookies.
    pub fn denylist(&self) -> &[Revoked] {
        &self.denylist
    }

    /// What keeps the session records.
    pub fn store_kind(&self) -> StoreKind {
        self.settings.server.store_kind
    }

    /// Whether each of two app servers keeps sessions in its own memory.
    fn split_memory(&self) -> bool {
        self.settings.server.app_servers == AppServers::Two && !self.store_kind().shared()
    }

    /// With two app servers: the one that answered the latest request.
    pub fn app_server(&self) -> Option<AppServer> {
        (self.settings.server.app_servers == AppServers::Two && self.balanced)
            .then_some(self.loaded)
    }

    /// The sessions in the memory of the app server that did not answer
    /// last, when each has its own: `(server, sessions)`.
    pub fn other_memory(&self) -> Option<(AppServer, &SessionStore)> {
        self.split_memory().then(|| {
            let other = match self.loaded {
                AppServer::App1 => AppServer::App2,
                AppServer::App2 => AppServer::App1,
            };
            (other, &self.other)
        })
    }

    /// The next moment the store ends a session by itself, for the world
    /// to step to: at its deadline in memory or a key-value store, at the
    /// next run of the cleanup job after it in a database, never in PHP's
    /// files (their collector runs on requests).
    pub fn poll_timeout(&self) -> Option<SimTime> {
        let next = [self.store.next_deadline(), self.other.next_deadline()]
            .into_iter()
            .flatten()
            .min();
        match self.store_kind() {
            StoreKind::Memory | StoreKind::KeyValue => next,
            StoreKind::Files => None,
            StoreKind::Database => next.map(|d| {
                let runs = d.millis().div_ceil(CLEANUP_JOB_EVERY_MS);
                SimTime(runs.saturating_mul(CLEANUP_JOB_EVERY_MS))
            }),
        }
    }

    /// Ends every session the store ends by itself at `now`.
    pub fn handle_timeout(&mut self, now: SimTime) -> Vec<Decision> {
        match self.store_kind() {
            StoreKind::Memory => {
                let mut ended = self.store.expire(now);
                ended.extend(self.other.expire(now));
                ended
                    .into_iter()
                    .map(|(s, reason)| Decision::SessionExpired {
                        id: s.id,
                        user: s.user,
                        reason,
                    })
                    .collect()
            }
            StoreKind::KeyValue => self
                .store
                .expire(now)
                .into_iter()
                .map(|(s, reason)| Decision::TtlExpired {
                    id: s.id,
                    user: s.user,
                    reason,
                })
                .collect(),
            StoreKind::Database => {
                let due = self.store.next_deadline().is_some_and(|d| d <= now);
                if !due || !now.millis().is_multiple_of(CLEANUP_JOB_EVERY_MS) {
                    return Vec::new();
                }
                let removed = self
                    .store
                    .expire(now)
                    .into_iter()
                    .map(|(s, _)| s.id)
                    .collect();
                vec![Decision::CleanupJobRan { removed }]
            }
            StoreKind::Files => Vec::new(),
        }
    }

    /// PHP's probabilistic garbage collector, on a request that starts a
    /// session: 1 in [`GC_DIVISOR`], drawn from the run's seeded generator.
    fn maybe_collect_garbage(&mut self, now: SimTime, rng: &mut SimRng) -> Option<Decision> {
        if !rng.next_u64().is_multiple_of(GC_DIVISOR) {
            return None;
        }
        let max_idle = self.settings.server.idle_timeout?.millis();
        let stale: Vec<SessionId> = self
            .store
            .sessions()
            .iter()
            .filter(|s| s.last_seen.plus_millis(max_idle) <= now)
            .map(|s| s.id.clone())
            .collect();
        for id in &stale {
            self.store.end(id);
        }
        Some(Decision::GarbageCollected { removed: stale })
    }

    /// The load balancer: with two app servers, picks one for this request
    /// (round robin, or the server its sticky cookie names) and, when each
    /// keeps sessions in its own memory, loads that server's memory.
    fn route(&mut self, h: &mut Handling, rng: &mut SimRng) {
        if self.settings.server.app_servers != AppServers::Two {
            return;
        }
        let sticky = self.settings.server.lb_routing == LbRouting::Sticky;
        let named = sticky
            .then(|| cookie_header::first(&h.cookies, LB_COOKIE).and_then(AppServer::from_name))
            .flatten();
        let mut others = 0;
        let (server, by) = match named {
            Some(server) => (server, RouteBy::StickyCookie),
            None => {
                // Other shoppers take turns too: 0 to 2 of their requests
                // since this one's, drawn from the run's seed.
                others = u32::try_from(rng.next_u64() % 3).unwrap_or(0);
                self.routed = self.routed.saturating_add(u64::from(others));
                let server = if self.routed.is_multiple_of(2) {
                    AppServer::App1
                } else {
                    AppServer::App2
                };
                self.routed = self.routed.saturating_add(1);
                if sticky {
                    h.set_cookies
                        .push(format!("{LB_COOKIE}={}; Path=/", server.name()));
                    (server, RouteBy::NewSticky)
                } else {
                    (server, RouteBy::RoundRobin)
                }
            }
        };
        if self.split_memory() && server != self.loaded {
            std::mem::swap(&mut self.store, &mut self.other);
        }
        self.loaded = server;
        self.balanced = true;
        h.decisions.push(Decision::Routed {
            server,
            by,
            others,
            own_memory: self.split_memory(),
        });
    }

    /// Handles one request from `peer` at the clock's current time.
    pub fn handle(
        &mut self,
        req: &HttpRequest,
        peer: &PeerAddress,
        clock: Clock,
        rng: &mut SimRng,
    ) -> Handled {
        let now = clock.now();
        // Deadlines that passed exactly now are enforced before anything else.
        let mut decisions = self.handle_timeout(now);
        if req.url.scheme() == Scheme::Http
            && self.settings.transport.scheme == settings::SiteTransport::Https
        {
            decisions.push(Decision::RedirectedToHttps);
            let target = format!("https://{}{}", req.url.host(), req.url.path_and_query());
            return Handled {
                response: HttpResponse::redirect(StatusCode::MovedPermanently, &target),
                decisions,
                served: Served::default(),
            };
        }
        if let Some(reason) = self.refuse_by_provenance(req) {
            decisions.push(Decision::RequestRefused { reason });
            let mut response = HttpResponse::new(StatusCode::Forbidden);
            response.body = "<h1>Forbidden</h1>".into();
            return Handled {
                response,
                decisions,
                served: Served::default(),
            };
        }
        let mut h = Handling {
            req,
            now,
            clock,
            client: ClientFingerprint {
                ip: peer.0.clone(),
                user_agent: req.header("User-Agent").unwrap_or("").to_string(),
            },
            cookies: req
                .header("Cookie")
                .map(cookie_header::parse)
                .unwrap_or_default(),
            query: req.url.query().map(form::decode_pairs).unwrap_or_default(),
            form: if req.method == Method::Post {
                form::decode_pairs(&req.body)
            } else {
                Vec::new()
            },
            decisions,
            set_cookies: Vec::new(),
            session: None,
        };
        self.route(&mut h, rng);
        if self.store_kind() == StoreKind::Files && !self.stateless() {
            if let Some(d) = self.maybe_collect_garbage(now, rng) {
                h.decisions.push(d);
            }
        }
        let now_secs = clock.unix_now().millis() / 1000;
        if self.stateless() {
            // Entries past their token's expiry are refused by the expiry
            // check anyway: the denylist need not hold them.
            self.denylist.retain(|r| r.expires > now_secs);
            self.load_signed(&mut h);
        }
        let mut response = shop::route(self, &mut h, rng);
        if self.stateless() {
            self.issue_signed(&mut h);
        }
        for line in h.set_cookies.drain(..) {
            response.push_header("Set-Cookie", line);
        }
        if req.url.scheme() == Scheme::Https
            && self.settings.transport.hsts != settings::HstsPolicy::Off
        {
            response.push_header(
                "Strict-Transport-Security",
                "max-age=31536000; includeSubDomains".into(),
            );
        }
        let served = match h
            .session
            .as_ref()
            .filter(|id| !id.0.is_empty())
            .and_then(|id| self.store.get(id))
        {
            Some(s) => Served {
                session: Some(s.id.clone()),
                user: s.user.clone(),
                role: s.data.role,
                app_server: self.app_server(),
            },
            None => Served {
                app_server: self.app_server(),
                ..Served::default()
            },
        };
        if self.stateless() {
            // The request's session lived only while it was handled: the
            // server keeps nothing per user.
            self.store = SessionStore::default();
        }
        Handled {
            response,
            decisions: h.decisions,
            served,
        }
    }

    /// The Origin check and the Fetch Metadata policy, when they are on:
    /// whether the headers the browser added say the request came from
    /// another site's page. Each reads only what a real server receives.
    fn refuse_by_provenance(&self, req: &HttpRequest) -> Option<decision::RequestRefusal> {
        let app = &self.settings.application;
        if app.fetch_metadata {
            // web.dev's resource isolation policy: no Sec-Fetch-Site (an
            // older browser, or plain http, where browsers never send it),
            // same-origin, same-site or none pass; cross-site passes only as
            // a top-level GET navigation (a link to the shop).
            let cross_site = req.header("Sec-Fetch-Site") == Some("cross-site");
            let navigation = req.header("Sec-Fetch-Mode") == Some("navigate")
                && req.method.is_safe()
                && !matches!(req.header("Sec-Fetch-Dest"), Some("object" | "embed"));
            if cross_site && !navigation {
                return Some(decision::RequestRefusal::FetchMetadataCrossSite);
            }
        }
        if app.origin_check && !req.method.is_safe() {
            // OWASP: compare Origin with the target origin; without Origin,
            // compare Referer's origin. With neither, the request passes:
            // OWASP leaves that case to the site, and every browser sends
            // Origin on a POST, so a request with neither did not come from
            // a victim's browser.
            let target = req.url.origin();
            if let Some(origin) = req.header("Origin") {
                if origin != target {
                    return Some(decision::RequestRefusal::OriginMismatch);
                }
            } else if let Some(referer) = req.header("Referer") {
                let same = crate::engine::url::Url::parse(referer)
                    .map(|u| u.origin() == target)
                    .unwrap_or(false);
                if !same {
                    return Some(decision::RequestRefusal::RefererMismatch);
                }
            }
        }
        None
    }

    /// The ID the request names, and where it was found: the first cookie
    /// of the session cookie's name, else (if allowed) the URL.
    fn presented_id(&self, h: &Handling) -> Option<(SessionId, IdSource)> {
        let name = self.settings.cookie.full_name();
        if let Some(v) = cookie_header::first(&h.cookies, &name) {
            if !v.is_empty() {
                return Some((SessionId(v.to_string()), IdSource::Cookie));
            }
        }
        if self.settings.server.accept_id_from_url {
            if let Some(v) = form::lookup(&h.query, &name) {
                if !v.is_empty() {
                    return Some((SessionId(v.to_string()), IdSource::Url));
                }
            }
        }
        None
    }

    /// Whether `id` names a live session this client may use. `Err(None)`:
    /// the server has no session with this ID. It cannot tell an ID it
    /// never issued from one whose session ended: ended sessions are gone.
    fn check(&self, id: &SessionId, h: &Handling) -> Result<(), Option<RejectReason>> {
        if self.stateless() {
            // A cookie that verified was loaded for this request.
            if self.store.contains(id) {
                return Ok(());
            }
            return Err(Some(match self.verify_signed(id, h) {
                Err(t) => RejectReason::SignedCookie(t),
                Ok(_) => RejectReason::Unknown,
            }));
        }
        let Some(session) = self.store.get(id) else {
            return Err(None);
        };
        // PHP's files handler reads a session file whatever its age: only
        // its garbage collector ends idle sessions. Other stores check.
        let expired = match self.store_kind() {
            StoreKind::Files => session
                .absolute_expires
                .is_some_and(|t| t <= h.now)
                .then_some(store::EndReason::AbsoluteTimeout),
            _ => session.expired_at(h.now),
        };
        if let Some(reason) = expired {
            return Err(Some(RejectReason::Ended(reason)));
        }
        let binding = self.settings.server.binding;
        if let Some(bound) = &session.bound_to {
            let ip = binding.checks_ip() && bound.ip != h.client.ip;
            let ua = binding.checks_user_agent() && bound.user_agent != h.client.user_agent;
            let mismatch = match (ip, ua) {
                (true, true) => Some(BindingMismatch::IpAndUserAgent),
                (true, false) => Some(BindingMismatch::Ip),
                (false, true) => Some(BindingMismatch::UserAgent),
                (false, false) => None,
            };
            if let Some(m) = mismatch {
                return Err(Some(RejectReason::BoundToOtherClient(m)));
            }
        }
        Ok(())
    }

    /// Resumes the request's session if it has a valid one; never creates
    /// an anonymous one. Pages behind the login use this. Without a valid
    /// session, a remember-me token may open a new, logged-in one
    /// ([`Server::login_by_token`]).
    pub(crate) fn resume(&mut self, h: &mut Handling, rng: &mut SimRng) -> Option<SessionId> {
        if let Some((id, _)) = self.presented_id(h) {
            match self.check(&id, h) {
                Ok(()) => {
                    self.touch(&id, h.now);
                    h.session = Some(id.clone());
                    return Some(id);
                }
                Err(reason) => {
                    let reason = reason.unwrap_or(if self.settings.server.strict_mode {
                        RejectReason::NotIssued
                    } else {
                        RejectReason::Unknown
                    });
                    h.decisions.push(Decision::SessionRejected { id, reason });
                }
            }
        }
        self.login_by_token(h, rng)
    }

    /// What a page that keeps state does first, as the application starts
    /// sessions: eagerly (PHP's `session_start()` on every page) it always
    /// has one, creating it if needed; lazily (Django, express-session
    /// with `saveUninitialized: false`) it resumes a valid one and
    /// otherwise goes on without, setting no cookie until something is
    /// stored ([`Server::start`]).
    pub(crate) fn open(&mut self, h: &mut Handling, rng: &mut SimRng) -> Option<SessionId> {
        match self.settings.server.session_start {
            settings::SessionStart::Eager => Some(self.start(h, rng)),
            settings::SessionStart::Lazy => {
                if self.presented_id(h).is_none() {
                    if let Some(id) = self.login_by_token(h, rng) {
                        return Some(id);
                    }
                    h.decisions.push(Decision::SessionNotStarted);
                    return None;
                }
                self.resume(h, rng)
            }
        }
    }

    /// PHP's `session_start()`: resumes the request's session, or adopts
    /// its unknown ID (non-strict mode), or creates a new one and sets the
    /// cookie.
    pub(crate) fn start(&mut self, h: &mut Handling, rng: &mut SimRng) -> SessionId {
        let presented = self.presented_id(h);
        let mut cause = NewSessionCause::NoIdSent;
        if let Some((id, source)) = presented {
            match self.check(&id, h) {
                Ok(()) => {
                    self.touch(&id, h.now);
                    if source == IdSource::Url {
                        h.decisions
                            .push(Decision::IdAcceptedFromUrl { id: id.clone() });
                        h.set_cookies.push(self.session_cookie_line(&id));
                    }
                    h.session = Some(id.clone());
                    return id;
                }
                Err(None) if !self.settings.server.strict_mode => {
                    if source == IdSource::Url {
                        h.decisions
                            .push(Decision::IdAcceptedFromUrl { id: id.clone() });
                        h.set_cookies.push(self.session_cookie_line(&id));
                    }
                    h.decisions
                        .push(Decision::SessionAdopted { id: id.clone() });
                    let session = self.new_session(id.clone(), SessionOrigin::Adopted, h);
                    self.store.insert(session);
                    h.session = Some(id.clone());
                    return id;
                }
                Err(reason) => {
                    let reason = reason.unwrap_or(RejectReason::NotIssued);
                    h.decisions.push(Decision::SessionRejected { id, reason });
                    cause = NewSessionCause::IdRejected(reason);
                }
            }
        }
        if self.stateless() {
            // No record and no cookie yet: an anonymous session that lives
            // for this request; a login writes it into a signed cookie.
            let id = SessionId(String::new());
            let mut session = self.new_session(id.clone(), SessionOrigin::Issued, h);
            session.idle_expires = None;
            session.absolute_expires = None;
            session.bound_to = None;
            self.store.insert(session);
            h.session = Some(id.clone());
            return id;
        }
        if let Some(id) = self.login_by_token(h, rng) {
            return id;
        }
        let id = self.issue_id(h, rng);
        let session = self.new_session(id.clone(), SessionOrigin::Issued, h);
        self.store.insert(session);
        h.decisions.push(Decision::SessionCreated {
            id: id.clone(),
            cause,
        });
        h.set_cookies.push(self.session_cookie_line(&id));
        h.session = Some(id.clone());
        id
    }

    /// Moves the session to a fresh ID, keeping its data (the cart survives
    /// login), and ends the old ID.
    pub(crate) fn regenerate(
        &mut self,
        h: &mut Handling,
        old: &SessionId,
        trigger: decision::RegenerateTrigger,
        rng: &mut SimRng,
    ) -> SessionId {
        if self.stateless() {
            // Every login writes a fresh signed cookie anyway.
            return old.clone();
        }
        // A session this very request created (a lazy start, at login) has
        // an ID nobody could have planted: Django's cycle_key() and Spring
        // Security's fixation protection issue one ID then, not one and its
        // replacement.
        let created_now = h
            .decisions
            .iter()
            .any(|d| matches!(d, Decision::SessionCreated { id, .. } if id == old));
        if created_now {
            return old.clone();
        }
        let new_id = self.issue_id(h, rng);
        if let Some(mut session) = self.store.end(old) {
            session.id = new_id.clone();
            session.origin = SessionOrigin::Issued;
            self.store.insert(session);
        }
        h.decisions.push(Decision::SessionRegenerated {
            old: old.clone(),
            new: new_id.clone(),
            trigger,
        });
        h.set_cookies.push(self.session_cookie_line(&new_id));
        h.session = Some(new_id.clone());
        new_id
    }

    /// The signed cookie's checks, with the denylist when it is on.
    fn verify_signed(&self, id: &SessionId, h: &Handling) -> Result<Claims, TokenRejection> {
        let now_secs = h.clock.unix_now().millis() / 1000;
        let denylist = &self.denylist;
        let listed = |sig: &str| denylist.iter().any(|r| r.signature == sig);
        let revoked: Option<&dyn Fn(&str) -> bool> =
            self.settings.server.token_denylist.then_some(&listed);
        signed::verify(id.as_str(), now_secs, revoked)
    }

    /// Stateless sessions: a request whose signed cookie verifies gets its
    /// session for the time it is handled, rebuilt from the cookie (and
    /// the role from the user table). One that fails is refused where a
    /// page asks for its session, with the reason.
    fn load_signed(&mut self, h: &mut Handling) {
        let Some((id, _)) = self.presented_id(h) else {
            return;
        };
        let Ok(claims) = self.verify_signed(&id, h) else {
            return;
        };
        let user = UserName::new(&claims.user);
        let mut data = SessionData::default();
        if self.settings.application.role_storage == RoleStorage::Session {
            data.role = self.accounts.get(&claims.user).map(|a| a.role);
        }
        self.store.insert(Session {
            id: id.clone(),
            user: Some(user.clone()),
            data,
            created: h.now,
            last_seen: h.now,
            idle_expires: None,
            absolute_expires: None,
            bound_to: None,
            origin: SessionOrigin::Issued,
            idle_override_ms: None,
        });
        let now_secs = h.clock.unix_now().millis() / 1000;
        h.decisions.push(Decision::SignedCookieVerified {
            user,
            token: id,
            expires_in_secs: claims.expires.saturating_sub(now_secs),
            denylist_checked: self.settings.server.token_denylist,
        });
    }

    /// Stateless sessions: after a login, the session goes into a fresh
    /// signed cookie.
    fn issue_signed(&mut self, h: &mut Handling) {
        let logged_in = h
            .decisions
            .iter()
            .any(|d| matches!(d, Decision::LoginSucceeded { .. }));
        if !logged_in {
            return;
        }
        let Some(old) = h.session.clone() else { return };
        let Some(user) = self.store.get(&old).and_then(|s| s.user.clone()) else {
            return;
        };
        let now_secs = h.clock.unix_now().millis() / 1000;
        let lifetime_secs = self.settings.server.token_lifetime.secs();
        let claims = Claims {
            user: user.as_str().to_string(),
            issued: now_secs,
            expires: now_secs.saturating_add(i64::try_from(lifetime_secs).unwrap_or(i64::MAX)),
        };
        let token = SessionId(signed::encode(&claims));
        if let Some(s) = self.store.get_mut(&old) {
            s.id = token.clone();
        }
        h.set_cookies.push(self.session_cookie_line(&token));
        h.decisions.push(Decision::SignedCookieIssued {
            user,
            token: token.clone(),
            payload: claims.json(),
            lifetime_secs,
        });
        h.session = Some(token);
    }

    /// Puts a signed cookie on the denylist until its own expiry.
    pub(crate) fn revoke(&mut self, token: &SessionId, user: &UserName) {
        let expires = signed::read_payload(token.as_str())
            .and_then(|j| Claims::parse(&j))
            .map_or(i64::MAX, |c| c.expires);
        self.denylist.push(Revoked {
            signature: signed::signature_of(token.as_str()).to_string(),
            user: user.clone(),
            expires,
        });
    }

    pub(crate) fn issue_id(&mut self, h: &Handling, rng: &mut SimRng) -> SessionId {
        let generator = self.settings.server.id_generator;
        // A colliding ID (two timestamps in the same millisecond) is drawn
        // again, as real stores do on insert.
        let mut id = SessionId(String::new());
        for _ in 0..8 {
            id = generator.generate(
                IdInput {
                    counter: self.issued,
                    now: h.clock.unix_now(),
                },
                rng,
            );
            self.issued = self.issued.saturating_add(1);
            if !self.store.contains(&id) {
                break;
            }
        }
        id
    }

    pub(crate) fn new_session(
        &self,
        id: SessionId,
        origin: SessionOrigin,
        h: &Handling,
    ) -> Session {
        let policy = &self.settings.server;
        let binding = policy.binding;
        Session {
            id,
            user: None,
            data: SessionData::default(),
            created: h.now,
            last_seen: h.now,
            idle_expires: policy.idle_timeout.map(|m| h.now.plus_millis(m.millis())),
            absolute_expires: policy
                .absolute_timeout
                .map(|m| h.now.plus_millis(m.millis())),
            bound_to: (binding != settings::ClientBinding::None).then(|| h.client.clone()),
            origin,
            idle_override_ms: None,
        }
    }

    fn touch(&mut self, id: &SessionId, now: SimTime) {
        let idle = self.settings.server.idle_timeout;
        if let Some(s) = self.store.get_mut(id) {
            s.last_seen = now;
            let idle_ms = s.idle_override_ms.or(idle.map(Minutes::millis));
            s.idle_expires = idle_ms.map(|ms| now.plus_millis(ms));
        }
    }

    /// The `Set-Cookie` line carrying a session ID, with every configured
    /// attribute.
    pub fn session_cookie_line(&self, id: &SessionId) -> String {
        let c = &self.settings.cookie;
        let mut line = format!("{}={}; Path={}", c.full_name(), id, c.cookie_path());
        if let Some(d) = c.cookie_domain() {
            line.push_str(&format!("; Domain={d}"));
        }
        // A session kept for weeks ("remember me" the naive way) gets a
        // cookie that lasts as long.
        let kept_ms = self.store.get(id).and_then(|s| s.idle_override_ms);
        if let CookieLifetime::Persistent { max_age_secs } = c.lifetime {
            line.push_str(&format!("; Max-Age={max_age_secs}"));
        } else if let Some(ms) = kept_ms {
            line.push_str(&format!("; Max-Age={}", ms / 1000));
        }
        self.push_protection(&mut line);
        line
    }

    /// Appends the session cookie's `Secure`, `HttpOnly` and `SameSite`
    /// attributes, as configured: the session cookie and the remember-me
    /// cookie carry the same protections.
    pub(crate) fn push_protection(&self, line: &mut String) {
        let c = &self.settings.cookie;
        if c.is_secure() {
            line.push_str("; Secure");
        }
        if c.http_only {
            line.push_str("; HttpOnly");
        }
        match c.same_site {
            SameSitePolicy::Unspecified => {}
            SameSitePolicy::None => line.push_str("; SameSite=None"),
            SameSitePolicy::Lax => line.push_str("; SameSite=Lax"),
            SameSitePolicy::Strict => line.push_str("; SameSite=Strict"),
        }
    }

    /// The line that asks the browser to delete the session cookie: the
    /// same name, path and domain (and `Secure`, which a `__Host-` cookie
    /// needs), with `Max-Age=0`.
    pub fn clear_session_cookie_line(&self) -> String {
        let c = &self.settings.cookie;
        let mut line = format!("{}=; Path={}", c.full_name(), c.cookie_path());
        if let Some(d) = c.cookie_domain() {
            line.push_str(&format!("; Domain={d}"));
        }
        line.push_str("; Max-Age=0");
        if c.is_secure() {
            line.push_str("; Secure");
        }
        if c.http_only {
            line.push_str("; HttpOnly");
        }
        line
    }

    pub(crate) fn session(&self, id: &SessionId) -> Option<&Session> {
        self.store.get(id)
    }

    pub(crate) fn session_mut(&mut self, id: &SessionId) -> Option<&mut Session> {
        self.store.get_mut(id)
    }

    pub(crate) fn store_mut(&mut self) -> &mut SessionStore {
        &mut self.store
    }

    pub(crate) fn accounts_mut(&mut self) -> &mut Accounts {
        &mut self.accounts
    }

    /// The product reviews, oldest first.
    pub fn reviews(&self) -> &[String] {
        &self.reviews
    }

    pub(crate) fn reviews_mut(&mut self) -> &mut Vec<String> {
        &mut self.reviews
    }
}
