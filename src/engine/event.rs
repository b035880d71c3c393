//! The event log: what the page plays back.
//!
//! Each [`Event`] says when it happened, who acted, what happened (a typed
//! [`EventKind`] carrying its reasons), a narration in the words of the
//! lesson, and a [`Snapshot`] of every store right after it, so stepping
//! back is only moving a cursor.

use crate::engine::attacker::{KnownId, UserAgentSource};
use crate::engine::browser::script::Script;
use crate::engine::clock::SimTime;
use crate::engine::cookies::{BlockedReason, Cookie, ScriptRead, SetCookieOutcome};
use crate::engine::http::{HttpRequest, HttpResponse};
use crate::engine::network::{Capture, InFlight, Party};
use crate::engine::server::accounts::UserName;
use crate::engine::server::decision::{AppServer, Decision};
use crate::engine::server::id_generator::SessionId;
use crate::engine::server::settings::StoreKind;
use crate::engine::server::Served;
use crate::engine::url::Url;
use crate::engine::verdict::Verdict;
use serde::{Deserialize, Serialize};

/// The lane an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Victim,
    Server,
    Attacker,
    Network,
}

impl From<Party> for Actor {
    fn from(p: Party) -> Self {
        match p {
            Party::Victim => Actor::Victim,
            Party::Attacker => Actor::Attacker,
        }
    }
}

/// What made a browser send a request. Requests the attacker wrote (their
/// own tools, their page, their injected script) are told apart from the
/// victim's own, which is what the verdict checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestCause {
    /// Typed in the address bar.
    Typed,
    /// A form submitted by the user.
    FormSubmitted,
    /// A link opened from an email or another site.
    LinkOpened,
    /// A link the attacker sent, opened by the victim.
    AttackerLink,
    /// Following a redirect.
    Redirect,
    /// A form on the attacker's page submitted itself.
    AttackerPage,
    /// A script the attacker injected into the shop's page.
    InjectedScript,
    /// The attacker's own browser or tools.
    AttackerMachine,
}

impl RequestCause {
    /// Whether the attacker wrote this request.
    pub fn attacker_made(self) -> bool {
        matches!(
            self,
            RequestCause::AttackerLink
                | RequestCause::AttackerPage
                | RequestCause::InjectedScript
                | RequestCause::AttackerMachine
        )
    }
}

/// The result of a batch of guessed IDs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuessReport {
    pub attempts: u32,
    /// Which generator the attacker believes the shop uses, if any fits.
    pub suspected_scheme: Option<String>,
    /// Guesses the server did not know at all.
    pub unknown: u32,
    /// Guesses that named a session but were refused.
    pub refused: u32,
    /// The guess that opened a logged-in session, if any.
    pub hit: Option<SessionId>,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// The world jumped forward (to the next act or deadline).
    ClockAdvanced { from: SimTime, to: SimTime },
    /// A request leaves a browser; `sent`/`excluded` are the jar's choices.
    Request {
        /// The number of the exchange (one request and its response, see
        /// the world's `exchange` module) this message opens.
        exchange: usize,
        party: Party,
        cause: RequestCause,
        request: HttpRequest,
        wire: String,
        sent: Vec<Cookie>,
        excluded: Vec<(Cookie, BlockedReason)>,
    },
    /// The server (or the attacker's site) answers.
    Response {
        /// The number of the exchange whose request this answers.
        exchange: usize,
        party: Party,
        response: HttpResponse,
        wire: String,
        /// Whose session served it, by the server's own account.
        served: Served,
    },
    /// One decision of the shop's server.
    Server { decision: Decision },
    /// The browser processed a response's `Set-Cookie` lines.
    CookiesProcessed {
        party: Party,
        outcomes: Vec<SetCookieOutcome>,
    },
    /// The browser deleted cookies whose expiry passed.
    CookiesExpired { party: Party, cookies: Vec<Cookie> },
    /// The browser closed: session cookies are gone.
    BrowserClosed { party: Party, removed: Vec<Cookie> },
    /// The browser's public IP address changed (a new network, the
    /// carrier's NAT): later requests reach the server from `to`.
    NetworkChanged {
        party: Party,
        from: String,
        to: String,
    },
    /// The browser rewrote `http://` to `https://` before sending (HSTS).
    HstsUpgrade { from: Url, to: Url, preloaded: bool },
    /// The browser noted a `Strict-Transport-Security` header.
    HstsNoted { host: String },
    /// HTTPS-Upgrades or HTTPS-First: the browser tries `to` (https://)
    /// instead of `from` (http://), through an internal 307.
    HttpsUpgrade { from: Url, to: Url },
    /// HTTPS-Upgrades: the upgraded attempt failed, and the browser silently
    /// goes back to `to` (http://).
    HttpsFallback { from: Url, to: Url },
    /// HTTPS-First: the upgraded attempt failed, and the browser shows a
    /// warning instead of loading `url` over plain http.
    HttpsFirstWarning { url: Url },
    /// Nothing answers at this address.
    ConnectionFailed { party: Party, url: Url },
    /// The attacker on the victim's Wi-Fi starts dropping connections to
    /// port 443 (an active attacker).
    HttpsBlocked,
    /// The attacker starts listening on the victim's network.
    ListeningStarted,
    /// The observer on the victim's network recorded a message.
    Sniffed { capture: Capture },
    /// A script on a page ran; `read` is what `document.cookie` returned.
    ScriptRan {
        party: Party,
        page: Url,
        script: Script,
        read: Option<ScriptRead>,
    },
    /// A page arrived carrying attacker input, and no script in it ran.
    ScriptInert { page: Url },
    /// The attacker learned session IDs.
    AttackerLearned { ids: Vec<KnownId> },
    /// The attacker sent the victim a link.
    LinkSent { url: Url },
    /// The attacker put a page up.
    PagePublished { url: Url },
    /// The attacker pasted a cookie into their own browser.
    CookiePasted { outcome: SetCookieOutcome },
    /// The attacker had no ID to replay.
    NothingToReplay,
    /// The attacker read a copied session cookie's value: `payload` is
    /// what it says once base64url-decoded, `None` when it is an opaque
    /// random ID.
    CookieDecoded {
        name: String,
        value: String,
        payload: Option<String>,
    },
    /// The attacker set their browser to send the victim's User-Agent.
    UserAgentCopied {
        user_agent: String,
        from: UserAgentSource,
    },
    /// The victim's logged-in session cookie was replaced by a fresh
    /// session's: a request arrived without it (the browser held it back,
    /// `withheld`), and the shop, starting sessions on every page, set a
    /// new one. The victim is logged out in that browser: a side effect,
    /// not a defense.
    LoggedOutBySideEffect {
        user: UserName,
        old: SessionId,
        new: SessionId,
        withheld: BlockedReason,
    },
    /// A batch of guessed IDs went through the server.
    Guessed { report: GuessReport },
    /// A scenario act could not be carried out (a bad address, no link to
    /// open); the run goes on without it. Exported under its earlier name.
    #[serde(rename = "ActionFailed")]
    ActFailed { message: String },
    /// The attack's outcome.
    Verdict { verdict: Verdict },
}

/// One entry of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub time: SimTime,
    pub actor: Actor,
    pub kind: EventKind,
    /// One or two plain sentences for students.
    pub narration: String,
    /// Every store right after this event.
    pub snapshot: Snapshot,
}

/// Every store at one moment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub browser: BrowserView,
    pub network: NetworkView,
    pub server: ServerView,
    pub attacker: AttackerView,
}

/// The victim's browser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowserView {
    pub address_bar: String,
    pub jar: Vec<Cookie>,
    /// What a script on the current page would read.
    pub document_cookie: String,
    /// Hosts the browser will only visit over HTTPS.
    pub hsts_hosts: Vec<String>,
}

/// The network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkView {
    /// The message on the wire during this event, if any.
    pub in_flight: Option<InFlight>,
    pub observer_listening: bool,
    /// One line per message the observer recorded.
    pub captured: Vec<String>,
}

/// One live session, as the store panel shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: SessionId,
    pub user: Option<UserName>,
    pub data: Vec<(String, String)>,
    pub created: SimTime,
    pub last_seen: SimTime,
    pub idle_expires: Option<SimTime>,
    pub absolute_expires: Option<SimTime>,
    /// `IP, User-Agent`, when the session is bound.
    pub bound_to: Option<String>,
    /// `true` if the server adopted an ID it never issued.
    pub adopted: bool,
}

/// The server's stores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerView {
    pub sessions: Vec<SessionView>,
    /// Product reviews in the shop's database (ended sessions are not
    /// here: a server forgets them).
    pub reviews: Vec<String>,
    /// Account balances, `(user, balance)`.
    pub balances: Vec<(String, u64)>,
    /// Sessions live in signed cookies: the store above holds nothing per
    /// user.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stateless: bool,
    /// The denylist of logged-out signed cookies: `(signature, "user,
    /// until expiry")`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denylist: Vec<(String, String)>,
    /// What keeps the session records (the app's memory unless set).
    #[serde(default, skip_serializing_if = "StoreKind::is_memory")]
    pub store_kind: StoreKind,
    /// With two app servers: the one that answered the latest request
    /// (whose memory `sessions` is, when each has its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_server: Option<AppServer>,
    /// With two app servers keeping sessions in memory: the other one,
    /// and the sessions in its memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_memory: Option<(AppServer, Vec<SessionView>)>,
    /// How the store keeps its files, when a setting of insecure session
    /// storage is changed from the default: served or not, the data
    /// encrypted or not, filed under the ID or a hash of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_disk: Option<String>,
}

/// The attacker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttackerView {
    pub known_ids: Vec<KnownId>,
    pub jar: Vec<Cookie>,
    pub current_move: String,
}
