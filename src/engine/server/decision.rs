//! The server's decision log: every choice the shop makes about a session,
//! with the reason a student reads. The verdict is computed from these
//! decisions, never from the scenario's intent.

use super::accounts::{Role, UserName};
use super::id_generator::SessionId;
use super::signed::TokenRejection;
use super::store::EndReason;
use serde::{Deserialize, Serialize};

/// Why the server would not use the session ID it was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RejectReason {
    /// Strict mode: the server has no session with this ID (never issued,
    /// or its session ended: the server cannot tell which).
    NotIssued,
    /// Without strict mode, on a page that only resumes sessions (behind
    /// the login) or starts them lazily: the server has no session with
    /// this ID.
    Unknown,
    /// The session it named has ended.
    Ended(EndReason),
    /// The session is bound to another client.
    BoundToOtherClient(BindingMismatch),
    /// Stateless sessions: the signed cookie failed a check.
    SignedCookie(TokenRejection),
}

impl RejectReason {
    /// A few words for a diagram note: "session ended (idle timeout)".
    pub fn short(self) -> String {
        match self {
            RejectReason::NotIssued => "unknown ID, strict mode".into(),
            RejectReason::Unknown => "unknown ID".into(),
            RejectReason::Ended(end) => format!("session ended ({})", end.short()),
            RejectReason::BoundToOtherClient(m) => {
                format!("bound to another client ({})", m.short())
            }
            RejectReason::SignedCookie(t) => t.short().into(),
        }
    }

    pub fn explanation(self) -> String {
        match self {
            RejectReason::NotIssued => {
                "the server has no session with this ID (never issued, or ended and forgotten), and in strict mode it refuses unknown IDs instead of adopting them".into()
            }
            RejectReason::Unknown => {
                "the server has no session with this ID (never issued, or ended and forgotten)".into()
            }
            RejectReason::Ended(end) => format!("that session has ended: {}", end.explanation()),
            RejectReason::BoundToOtherClient(m) => format!(
                "the session is bound to the client that started it, and this request comes from {}",
                m.explanation()
            ),
            RejectReason::SignedCookie(t) => t.explanation().into(),
        }
    }
}

impl TokenRejection {
    /// A few words for a diagram note.
    pub fn short(self) -> &'static str {
        match self {
            TokenRejection::Malformed => "not a signed cookie",
            TokenRejection::SignatureMismatch => "signature does not match",
            TokenRejection::Expired => "signed cookie expired",
            TokenRejection::Revoked => "on the denylist",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            TokenRejection::Malformed => {
                "it is not a signed session cookie (payload.signature) this server wrote"
            }
            TokenRejection::SignatureMismatch => {
                "the signature does not match the payload: the payload was changed after the server signed it, and without the server's secret nobody can sign the change"
            }
            TokenRejection::Expired => {
                "the expiry the server wrote inside the signed payload has passed, so the signature no longer makes it valid"
            }
            TokenRejection::Revoked => {
                "the token was revoked: it was logged out, and the server keeps it on its denylist until it expires"
            }
        }
    }
}

/// Which part of the client fingerprint did not match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BindingMismatch {
    Ip,
    UserAgent,
    IpAndUserAgent,
}

impl BindingMismatch {
    /// What differed, in a word or two.
    pub fn short(self) -> &'static str {
        match self {
            BindingMismatch::Ip => "IP",
            BindingMismatch::UserAgent => "User-Agent",
            BindingMismatch::IpAndUserAgent => "IP and User-Agent",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            BindingMismatch::Ip => "another IP address",
            BindingMismatch::UserAgent => "another browser (User-Agent)",
            BindingMismatch::IpAndUserAgent => "another IP address and browser",
        }
    }
}

/// Why a new session was started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewSessionCause {
    /// The request carried no session ID.
    NoIdSent,
    /// The ID it carried was rejected.
    IdRejected(RejectReason),
}

/// What made the server swap a session's ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegenerateTrigger {
    Login,
    /// The shop's one privilege change: the password confirmed again to
    /// pay at checkout (a re-authentication; the shop has no page that
    /// promotes a user to administrator).
    PrivilegeChange,
}

/// Whose failed logins a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LimitScope {
    Session,
    Account,
}

impl LimitScope {
    /// Where the failures are counted: "per-session", "per-account".
    pub fn short(self) -> &'static str {
        match self {
            LimitScope::Session => "per-session",
            LimitScope::Account => "per-account",
        }
    }
}

/// Why a transfer was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TransferRefusal {
    NotLoggedIn,
    CsrfTokenMissing,
    CsrfTokenWrong,
    InvalidAmount,
    InsufficientFunds,
    /// The session was opened by a remember-me token, and the form did not
    /// carry the right password.
    PasswordRequired,
}

impl TransferRefusal {
    /// A few words for a diagram note.
    pub fn short(self) -> &'static str {
        match self {
            TransferRefusal::NotLoggedIn => "nobody logged in",
            TransferRefusal::CsrfTokenMissing => "no CSRF token",
            TransferRefusal::CsrfTokenWrong => "wrong CSRF token",
            TransferRefusal::InvalidAmount => "invalid amount",
            TransferRefusal::InsufficientFunds => "insufficient funds",
            TransferRefusal::PasswordRequired => "password asked again",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            TransferRefusal::NotLoggedIn => "nobody is logged in on this session",
            TransferRefusal::CsrfTokenMissing => {
                "the form carried no CSRF token, so it did not come from the shop's own page"
            }
            TransferRefusal::CsrfTokenWrong => {
                "the CSRF token does not match the one in the session"
            }
            TransferRefusal::InvalidAmount => "the amount is not a number",
            TransferRefusal::InsufficientFunds => {
                "the balance is too small or the recipient unknown"
            }
            TransferRefusal::PasswordRequired => {
                "the session was opened by a remember-me token, not by the password, so a transfer needs the password typed again, and the request did not carry it"
            }
        }
    }
}

/// Why the server refused a request because of where the browser said it
/// came from (OWASP's CSRF cheat sheet lists both checks beside tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestRefusal {
    /// Origin check: `Origin` names another origin than the shop's.
    OriginMismatch,
    /// Origin check without `Origin`: `Referer` names another origin.
    RefererMismatch,
    /// Fetch Metadata policy: `Sec-Fetch-Site: cross-site` on a request
    /// that is not a top-level GET navigation.
    FetchMetadataCrossSite,
}

impl RequestRefusal {
    /// The header that failed the check, for a diagram note.
    pub fn short(self) -> &'static str {
        match self {
            RequestRefusal::OriginMismatch => "Origin is another site",
            RequestRefusal::RefererMismatch => "Referer is another site",
            RequestRefusal::FetchMetadataCrossSite => "Sec-Fetch-Site: cross-site",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            RequestRefusal::OriginMismatch => {
                "its Origin header names another site's page, and a state-changing request must come from the shop's own origin (OWASP: verify the origin with standard headers)"
            }
            RequestRefusal::RefererMismatch => {
                "it carries no Origin header and its Referer names another site, so by OWASP's fallback it did not come from the shop's own page"
            }
            RequestRefusal::FetchMetadataCrossSite => {
                "the browser marked it Sec-Fetch-Site: cross-site and it is not a top-level GET navigation, which a resource isolation policy refuses (web.dev, Fetch Metadata)"
            }
        }
    }
}

/// Why the server would not use a remember-me token (other than theft).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenRefusal {
    /// No token with this selector: never issued, or revoked.
    Unknown,
    /// Past its 30 days.
    Expired,
    /// Not `selector:validator`.
    Malformed,
}

impl TokenRefusal {
    /// A few words for a diagram note.
    pub fn short(self) -> &'static str {
        match self {
            TokenRefusal::Unknown => "unknown selector",
            TokenRefusal::Expired => "expired",
            TokenRefusal::Malformed => "not selector:validator",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            TokenRefusal::Unknown => {
                "the server has no token with this selector (never issued, or revoked)"
            }
            TokenRefusal::Expired => "the token is past its 30 days",
            TokenRefusal::Malformed => "the cookie is not of the form selector:validator",
        }
    }
}

/// Where the server read the role from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleSource {
    Session,
    ClientCookie,
}

impl RoleSource {
    /// Where the server read the role.
    pub fn short(self) -> &'static str {
        match self {
            RoleSource::Session => "the session",
            RoleSource::ClientCookie => "a cookie the client sent",
        }
    }
}

/// One decision of the server, in the order it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// A plain `http://` request answered with a redirect to `https://`.
    RedirectedToHttps,
    /// The Origin check or the Fetch Metadata policy refused the request
    /// before the shop's page saw it.
    RequestRefused {
        reason: RequestRefusal,
    },
    SessionCreated {
        id: SessionId,
        cause: NewSessionCause,
    },
    /// Lazy session start: no ID came and nothing is stored yet, so the
    /// page is served without a session and sets no cookie.
    SessionNotStarted,
    /// Non-strict mode took an ID it has no session for.
    SessionAdopted {
        id: SessionId,
    },
    /// The ID came from the URL (`?sessionid=`).
    IdAcceptedFromUrl {
        id: SessionId,
    },
    SessionRejected {
        id: SessionId,
        reason: RejectReason,
    },
    SessionRegenerated {
        old: SessionId,
        new: SessionId,
        trigger: RegenerateTrigger,
    },
    SessionDestroyed {
        id: SessionId,
        user: Option<UserName>,
    },
    /// Logout that only cleared the cookie.
    SessionLeftAlive {
        id: SessionId,
        user: Option<UserName>,
    },
    SessionExpired {
        id: SessionId,
        user: Option<UserName>,
        reason: EndReason,
    },
    /// The key-value store deleted the session's key by itself: its TTL
    /// ran out (the app set it from the timeout, and again on every use).
    TtlExpired {
        id: SessionId,
        user: Option<UserName>,
        reason: EndReason,
    },
    /// The database's cleanup job (Django's `clearsessions`) ran and
    /// deleted the rows past their expiry date.
    CleanupJobRan {
        removed: Vec<SessionId>,
    },
    /// PHP's session garbage collector ran on this request (1 in 100) and
    /// deleted the session files unused for longer than `gc_maxlifetime`.
    GarbageCollected {
        removed: Vec<SessionId>,
    },
    /// The load balancer sent the request to one of two app servers.
    Routed {
        server: AppServer,
        by: RouteBy,
        /// Other shoppers' requests the balancer handed out since this
        /// browser's previous one (round robin turns for everyone).
        others: u32,
        /// Each server keeps sessions in its own memory.
        own_memory: bool,
    },
    LoginSucceeded {
        user: UserName,
    },
    LoginFailed {
        user: String,
        failures: u32,
    },
    LoginRefused {
        user: String,
        scope: LimitScope,
        failures: u32,
    },
    TransferExecuted {
        from: UserName,
        to: String,
        amount: u64,
    },
    TransferRefused {
        reason: TransferRefusal,
    },
    OrderPlaced {
        user: UserName,
        items: u32,
    },
    /// A product review was saved in the shop's database.
    ReviewStored,
    /// The cart is kept in a cookie: the shop rewrote it whole, `items`
    /// items in `bytes` bytes of name and value. Whether the browser keeps
    /// it is the jar's decision.
    CartCookieWritten {
        items: u32,
        bytes: u64,
    },
    /// The cart kept in the session passed a whole kilobyte: memory the
    /// server holds for this one user.
    SessionCartGrew {
        id: SessionId,
        items: u32,
        bytes: u64,
    },
    /// Stateless sessions: the server wrote the session into a signed
    /// cookie, `token`, whose payload is `payload` (readable by anyone).
    SignedCookieIssued {
        user: UserName,
        token: SessionId,
        payload: String,
        lifetime_secs: u64,
    },
    /// Stateless sessions: the cookie's signature and expiry checked out
    /// (and, with a denylist, it is not on it): the request is `user`'s.
    SignedCookieVerified {
        user: UserName,
        token: SessionId,
        expires_in_secs: i64,
        denylist_checked: bool,
    },
    /// Stateless sessions: logout. The server can only ask this browser to
    /// delete its cookie; `revoked`: it also put the token on its denylist.
    SignedCookieLoggedOut {
        user: UserName,
        token: SessionId,
        revoked: bool,
    },
    /// "Remember me" was ticked, but the shop has no such feature.
    RememberMeIgnored,
    /// "Remember me" the naive way: the session cookie gets `Max-Age` of
    /// `days`, and the session is kept that long without use, in place of
    /// the idle timeout (`idle_timeout`, minutes, if any).
    SessionKeptForWeeks {
        id: SessionId,
        days: u64,
        idle_timeout: Option<u64>,
    },
    /// A remember-me token issued at login: the server keeps `selector`,
    /// a hash of the validator, the user and the expiry.
    RememberTokenIssued {
        user: UserName,
        selector: String,
    },
    /// A remember-me token came without a valid session and checked out:
    /// a new session `id` (a fresh ID) is opened for `user`, and the
    /// validator rotated.
    RememberTokenUsed {
        user: UserName,
        selector: String,
        id: SessionId,
    },
    /// A remember-me token the server would not use.
    RememberTokenRefused {
        selector: String,
        reason: TokenRefusal,
    },
    /// A known selector with a validator whose hash does not match: an
    /// old, already rotated copy of the token, so a stolen one. Every
    /// token of `user` is revoked (`tokens_revoked`) and her sessions
    /// (`sessions_ended`) end.
    RememberTokenTheft {
        user: UserName,
        selector: String,
        tokens_revoked: u32,
        sessions_ended: Vec<SessionId>,
    },
    /// The transfer page, in a session opened by a remember-me token, asks
    /// for the password again.
    PasswordAskedAgain {
        user: UserName,
    },
    /// `GET /sessions/` with the session files outside the web root: no
    /// such URL.
    SessionFilesNotServed,
    /// `GET /sessions/` answered with the session directory's listing:
    /// every live session's file, as the store holds it.
    SessionFilesServed {
        files: Vec<super::exposed::StoredFile>,
        encrypted: bool,
        keys: super::settings::StoreKeys,
    },
    /// A remember-me token revoked at logout.
    RememberTokenRevoked {
        selector: String,
    },
    AdminPanelServed {
        user: Option<UserName>,
        source: RoleSource,
    },
    AdminRefused {
        user: Option<UserName>,
        role: Option<Role>,
        source: RoleSource,
    },
}

impl Decision {
    /// One or two plain sentences for the narration.
    pub fn narration(&self) -> String {
        match self {
            Decision::RedirectedToHttps => {
                "The shop only speaks HTTPS, so it answers this plain http:// request with a redirect to https://. The request has already crossed the network in clear.".into()
            }
            Decision::RequestRefused { reason } => {
                format!("The shop refuses the request with 403 Forbidden: {}.", reason.explanation())
            }
            Decision::SessionCreated { id, cause } => match cause {
                NewSessionCause::NoIdSent => format!(
                    "No session ID came with the request, so the server creates a new session {id} and sends its ID in a cookie."
                ),
                // The refusal just before says why.
                NewSessionCause::IdRejected(_) => format!(
                    "The server starts a fresh session {id} instead and sends its ID in a cookie."
                ),
            },
            Decision::SessionNotStarted => "No session ID came with the request, and this shop starts a session only when it has something to store: it serves the page without one and sets no cookie.".into(),
            Decision::SessionAdopted { id } => format!(
                "The server has no session with the ID {id} (it never issued it, or the session ended and was forgotten), but it is not in strict mode: it adopts the ID as a new, empty session where nobody is logged in."
            ),
            Decision::IdAcceptedFromUrl { id } => format!(
                "The session ID {id} came in the URL, and the server accepts IDs from the URL."
            ),
            Decision::SessionRejected { id, reason } => {
                format!("The server refuses the session ID {id}: {}.", reason.explanation())
            }
            Decision::SessionRegenerated { old, new, trigger } => {
                let why = match trigger {
                    RegenerateTrigger::Login => "at login",
                    RegenerateTrigger::PrivilegeChange => {
                        "as the password, entered again at checkout, raises what the session may do"
                    }
                };
                format!(
                    "The server regenerates the session ID {why}: the data moves to {new} and the old ID {old} stops working."
                )
            }
            Decision::SessionDestroyed { id, .. } => format!(
                "Logout: the server destroys session {id} and asks the browser to delete the cookie."
            ),
            Decision::SessionLeftAlive { id, .. } => format!(
                "Logout only asks the browser to delete the cookie: session {id} stays alive on the server, still logged in."
            ),
            Decision::SessionExpired { id, reason, .. } => {
                format!("Session {id} is removed because {}.", reason.explanation())
            }
            Decision::TtlExpired { id, reason, .. } => format!(
                "The key-value store deletes session {id} by itself: its time-to-live ran out because {}. No request and no job was needed (Redis expires keys on its own).",
                reason.explanation()
            ),
            Decision::CleanupJobRan { removed } => if removed.is_empty() {
                "The hourly cleanup job (Django's clearsessions) runs and finds no expired rows.".into()
            } else {
                format!(
                    "The hourly cleanup job (Django's clearsessions) deletes {} expired row(s): {}. Until now they sat in the table, refused on every read because their expiry date had passed.",
                    removed.len(),
                    ids(removed)
                )
            },
            Decision::GarbageCollected { removed } => format!(
                "PHP's session garbage collector happens to run on this request (1 session_start() in 100) and deletes the session files unused for longer than gc_maxlifetime: {}.",
                if removed.is_empty() { "none".to_string() } else { ids(removed) }
            ),
            Decision::Routed { server, by, others, own_memory } => {
                let memory = if *own_memory {
                    format!(" Sessions live in each server's own memory: {server} knows only the sessions it keeps itself.")
                } else {
                    " Both servers read the same shared session store.".to_string()
                };
                match by {
                    RouteBy::RoundRobin => format!(
                        "The load balancer sends this request to {server}, the next in turn (round robin; {others} other shopper request(s) took turns since the last one).{memory}"
                    ),
                    RouteBy::NewSticky => format!(
                        "The load balancer picks {server} (round robin) and adds a SERVERID={server} cookie, so that the browser's next requests come back to it.{memory}"
                    ),
                    RouteBy::StickyCookie => format!(
                        "The request carries SERVERID={server}: the load balancer sends it to {server} again (sticky sessions).{memory}"
                    ),
                }
            }
            Decision::LoginSucceeded { user } => {
                format!("The password is right: the session now belongs to {user}.")
            }
            Decision::LoginFailed { user, failures } => format!(
                "Wrong password for {user} ({failures} failed so far)."
            ),
            Decision::LoginRefused { user, scope, failures } => match scope {
                LimitScope::Session => format!(
                    "This session already has {failures} failed logins, so the server refuses to check more passwords for {user} on it."
                ),
                LimitScope::Account => format!(
                    "The account {user} already has {failures} failed logins, so the server refuses to check more passwords, whatever session they come from."
                ),
            },
            Decision::TransferExecuted { from, to, amount } => {
                format!("The server moves ${amount} from {from}'s account to {}'s.", UserName::new(to))
            }
            Decision::TransferRefused { reason } => {
                format!("The server refuses the transfer: {}.", reason.explanation())
            }
            Decision::OrderPlaced { user, items } => {
                format!("The order of {items} item(s) is placed for {user}.")
            }
            Decision::CartCookieWritten { items, bytes } => format!(
                "The shop writes the whole cart, {items} item(s), into the cart cookie: {bytes} bytes of name and value, sent back with every request. Whether the browser keeps it is the browser's decision: browsers refuse a cookie whose name and value pass 4096 bytes, and the shop is not told."
            ),
            Decision::SessionCartGrew { id, items, bytes } => format!(
                "The cart in session {id} now holds {items} item(s), {bytes} bytes. The browser still carries only the session ID; the server keeps the cart in its memory (or its session database), for every shopper at once: 10,000 carts like this one take about {} MB.",
                bytes.saturating_mul(10_000) / 1_000_000
            ),
            Decision::SignedCookieIssued { user, payload, lifetime_secs, .. } => format!(
                "The server keeps no session record: it writes the session itself into the cookie, the payload {payload} in base64url (an encoding: unless the framework also encrypts it, as Rails does, anyone holding the cookie can read it), followed by a signature made with the server's secret. It is valid for {} for {user}, wherever it comes from.",
                duration(*lifetime_secs)
            ),
            Decision::SignedCookieVerified { user, expires_in_secs, denylist_checked, .. } => {
                let lookup = if *denylist_checked {
                    " It also looks the token up in its denylist of logged-out tokens: a store read on every request, the server-side state a signed cookie was meant to do without."
                } else {
                    " It looks nothing up: no session store, no record of this user."
                };
                format!(
                    "The server checks the signed cookie: the signature matches the payload and its expiry is {} away, so the request is {user}'s.{lookup}",
                    duration(u64::try_from(*expires_in_secs).unwrap_or(0))
                )
            }
            Decision::SignedCookieLoggedOut { user, revoked, .. } => {
                if *revoked {
                    format!("Logout: the server asks the browser to delete the cookie and puts the token on its denylist until it expires: any copy of {user}'s cookie is now refused.")
                } else {
                    format!("Logout: the server asks this browser to delete the cookie, and that is all it can do: it keeps no session to destroy, so any other copy of {user}'s signed cookie stays valid until the expiry written inside it.")
                }
            }
            Decision::RememberMeIgnored => "The box \"Remember me\" was ticked, but this shop has no such feature: the session cookie still ends with the browser, and the session with its idle timeout.".into(),
            Decision::SessionKeptForWeeks { id, days, idle_timeout } => format!(
                "\"Remember me\", the naive way: the session cookie of {id} is sent again with Max-Age of {days} days, so it survives closing the browser. For that to mean anything the server must keep the session too: {}. Whoever holds a copy of this one cookie is the user for {days} days.",
                match idle_timeout {
                    Some(m) => format!("its idle timeout of {m} minutes is lifted for it, and it now ends only after {days} days without use"),
                    None => format!("with no idle timeout it lives on anyway; the cookie now lasts {days} days as well"),
                }
            ),
            Decision::RememberTokenIssued { user, selector } => format!(
                "\"Remember me\", done right: a separate remember cookie {selector}:<validator> for {user}. The server stores only the selector, a hash of the validator, the user and an expiry 30 days away: a copy of its database gives nobody a usable token."
            ),
            Decision::RememberTokenUsed { user, selector, id } => format!(
                "No valid session came, but the remember token {selector} did, and the hash of its validator matches: the server opens a new session {id} for {user} (a fresh ID, never the old one) and rotates the validator, sending the new one in the remember cookie. The old value stops working. The session is marked as opened by the token: a transfer will ask for the password again."
            ),
            Decision::RememberTokenRefused { selector, reason } => format!(
                "The server ignores the remember token {selector}: {}. It asks the browser to delete the cookie.",
                reason.explanation()
            ),
            Decision::RememberTokenTheft { user, selector, tokens_revoked, sessions_ended } => format!(
                "Theft detected: the selector {selector} is {user}'s, but the hash of this validator does not match the one stored. Validators change on every use, so this is an old copy that someone kept: the token was stolen. The server revokes all of {user}'s remember tokens ({tokens_revoked}) and ends her {} session(s); she must log in with her password, and can be told why.",
                sessions_ended.len()
            ),
            Decision::PasswordAskedAgain { user } => format!(
                "This session was opened by a remember-me token, not by {user}'s password: before money moves, the shop asks for the password again."
            ),
            Decision::SessionFilesNotServed => "The web server has nothing at /sessions/: the session files lie outside the directory it serves, so no URL reaches them. It answers 404 Not Found.".into(),
            Decision::SessionFilesServed { files, encrypted, keys } => {
                let names = match keys {
                    super::settings::StoreKeys::RawId => "Each file is named by its session ID itself, so the listing is a list of live IDs.",
                    super::settings::StoreKeys::HashedId => "Each file is named by a hash of its session ID, not the ID: a name sent back as a cookie is hashed again by the server and names nothing.",
                };
                let data = if *encrypted {
                    "Each file's data is encrypted at rest with a key kept outside the store, so the copy shows ciphertext only (were the key kept beside the files, or in the same backup, it would show everything)."
                } else {
                    "Each file's data is in clear, as the server wrote it."
                };
                let listing: Vec<String> = files.iter().map(|f| f.line()).collect();
                format!(
                    "The session files lie in a directory the web server serves, and it lists them: {} file(s), the whole store, to whoever asks, with no login. {names} {data} What Mallory sees: {}",
                    files.len(),
                    listing.join(" / ")
                )
            }
            Decision::RememberTokenRevoked { selector } => format!(
                "Logout also revokes the remember token {selector} on the server and deletes its cookie."
            ),
            Decision::ReviewStored => "The shop saves the review in its database: every later visitor of the product page gets it, as the page writes it.".into(),
            Decision::AdminPanelServed { source, .. } => match source {
                RoleSource::Session => "The session says the role is admin, so the admin panel is served.".into(),
                RoleSource::ClientCookie => "The role cookie says admin, and the server believes the client: the admin panel is served.".into(),
            },
            Decision::AdminRefused { role, source, .. } => {
                let role = role.map(Role::as_str).unwrap_or("none");
                match source {
                    RoleSource::Session => format!(
                        "The server reads the role from the session, where it is {role}: admin panel refused. A cookie cannot change it."
                    ),
                    RoleSource::ClientCookie => format!(
                        "The role cookie says {role}: admin panel refused."
                    ),
                }
            }
        }
    }
}

/// A lifetime in words: days, hours, minutes or seconds.
fn duration(secs: u64) -> String {
    let (n, unit) = if secs >= 86_400 {
        (secs / 86_400, "day")
    } else if secs >= 3_600 {
        (secs / 3_600, "hour")
    } else if secs >= 60 {
        (secs / 60, "minute")
    } else {
        (secs, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

fn ids(list: &[SessionId]) -> String {
    list.iter()
        .map(SessionId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One of the two app servers behind the load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppServer {
    App1,
    App2,
}

impl AppServer {
    pub fn name(self) -> &'static str {
        match self {
            AppServer::App1 => "app1",
            AppServer::App2 => "app2",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "app1" => Some(AppServer::App1),
            "app2" => Some(AppServer::App2),
            _ => None,
        }
    }
}

impl std::fmt::Display for AppServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why the load balancer picked the server it picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RouteBy {
    /// The next server in turn.
    RoundRobin,
    /// Sticky sessions, first request: round robin, and a `SERVERID`
    /// cookie set to remember the pick.
    NewSticky,
    /// Sticky sessions: the request's `SERVERID` cookie named the server.
    StickyCookie,
}
