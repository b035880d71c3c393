//! The session store: the server's "temporary memory". Each [`Session`] is
//! found by its [`SessionId`] and holds who is logged in, the cart, the
//! checkout progress and the like, with its timestamps and deadlines.
//!
//! A session that ends is removed and forgotten, as in every real store
//! (PHP's files, a Redis key, Django's table row): an ID presented after
//! its session ended is simply unknown. Only the event log (the lab's own
//! record, not the server's) remembers why it ended.

use super::accounts::{Role, UserName};
use super::id_generator::SessionId;
use crate::engine::clock::SimTime;
use serde::{Deserialize, Serialize};

/// The client a session is bound to: its address and browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFingerprint {
    pub ip: String,
    pub user_agent: String,
}

/// How the session came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionOrigin {
    /// The server made the ID and sent it.
    Issued,
    /// The client sent an ID the server had never issued and the server
    /// took it (non-strict mode).
    Adopted,
}

/// The multi-step checkout, as the session remembers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkout {
    pub address: Option<String>,
    pub payment: Option<String>,
}

/// What the shop keeps in a session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionData {
    pub role: Option<Role>,
    pub cart: Vec<String>,
    pub checkout: Checkout,
    pub orders_placed: u32,
    pub language: Option<String>,
    pub failed_logins: u32,
    pub csrf_token: Option<String>,
    pub payment_confirmed: bool,
    /// Copied in at login when the policy keeps sensitive data here.
    pub email: Option<String>,
    pub card_number: Option<String>,
    /// The password as typed at login, and the user's API token: copied in
    /// with the sensitive data too (apps do, to call another service on
    /// the user's behalf later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_token: Option<String>,
    /// Opened by a remember-me token, not by the password: sensitive
    /// actions ask for the password again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opened_by_token: bool,
}

impl SessionData {
    /// The data as name/value rows for the page's store panel.
    pub fn rows(&self) -> Vec<(String, String)> {
        let mut rows = Vec::new();
        if let Some(role) = self.role {
            rows.push(("role".into(), role.as_str().into()));
        }
        if !self.cart.is_empty() {
            rows.push(("cart".into(), self.cart.join(", ")));
        }
        if let Some(a) = &self.checkout.address {
            rows.push(("checkout.address".into(), a.clone()));
        }
        if let Some(p) = &self.checkout.payment {
            rows.push(("checkout.payment".into(), p.clone()));
        }
        if self.orders_placed > 0 {
            rows.push(("orders_placed".into(), self.orders_placed.to_string()));
        }
        if let Some(l) = &self.language {
            rows.push(("language".into(), l.clone()));
        }
        if self.failed_logins > 0 {
            rows.push(("failed_logins".into(), self.failed_logins.to_string()));
        }
        if let Some(t) = &self.csrf_token {
            rows.push(("csrf_token".into(), t.clone()));
        }
        if self.payment_confirmed {
            rows.push(("payment_confirmed".into(), "yes".into()));
        }
        if let Some(e) = &self.email {
            rows.push(("email".into(), e.clone()));
        }
        if let Some(c) = &self.card_number {
            rows.push(("card_number".into(), c.clone()));
        }
        if let Some(p) = &self.password {
            rows.push(("password".into(), p.clone()));
        }
        if let Some(t) = &self.api_token {
            rows.push(("api_token".into(), t.clone()));
        }
        if self.opened_by_token {
            rows.push((
                "opened_by".into(),
                "remember-me token (password asked before a transfer)".into(),
            ));
        }
        rows
    }

    pub fn is_empty(&self) -> bool {
        *self == SessionData::default()
    }
}

/// One live session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: SessionId,
    pub user: Option<UserName>,
    pub data: SessionData,
    pub created: SimTime,
    pub last_seen: SimTime,
    pub idle_expires: Option<SimTime>,
    pub absolute_expires: Option<SimTime>,
    pub bound_to: Option<ClientFingerprint>,
    pub origin: SessionOrigin,
    /// Kept alive this long without use instead of the idle timeout: a
    /// "remember me" done the naive way (the session itself lives weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_override_ms: Option<u64>,
}

impl Session {
    /// The earlier of the two deadlines, if any.
    pub fn deadline(&self) -> Option<SimTime> {
        match (self.idle_expires, self.absolute_expires) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether a deadline has passed at `now`, and which one.
    pub fn expired_at(&self, now: SimTime) -> Option<EndReason> {
        if self.absolute_expires.is_some_and(|t| t <= now) {
            return Some(EndReason::AbsoluteTimeout);
        }
        if self.idle_expires.is_some_and(|t| t <= now) {
            return Some(EndReason::IdleTimeout);
        }
        None
    }
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndReason {
    IdleTimeout,
    AbsoluteTimeout,
    LoggedOut,
    /// Replaced by a fresh ID (at login or a privilege change).
    Regenerated,
    /// Ended by the server when an old remember-me token came back: the
    /// token was stolen, so every session of its user goes.
    TheftDetected,
}

impl EndReason {
    /// A few words for a diagram note.
    pub fn short(self) -> &'static str {
        match self {
            EndReason::IdleTimeout => "idle timeout",
            EndReason::AbsoluteTimeout => "absolute timeout",
            EndReason::LoggedOut => "logged out",
            EndReason::Regenerated => "replaced by a new ID",
            EndReason::TheftDetected => "token theft detected",
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            EndReason::IdleTimeout => "it was unused for longer than the idle timeout",
            EndReason::AbsoluteTimeout => "it reached its absolute lifetime",
            EndReason::LoggedOut => "the user logged out and the server destroyed it",
            EndReason::Regenerated => "the server replaced it with a fresh ID",
            EndReason::TheftDetected => {
                "an old copy of the user's remember-me token came back, so the server ended all of her sessions"
            }
        }
    }
}

/// All sessions, in the order they were created (so runs are reproducible).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStore {
    live: Vec<Session>,
}

impl SessionStore {
    pub fn sessions(&self) -> &[Session] {
        &self.live
    }

    pub fn get(&self, id: &SessionId) -> Option<&Session> {
        self.live.iter().find(|s| &s.id == id)
    }

    pub fn get_mut(&mut self, id: &SessionId) -> Option<&mut Session> {
        self.live.iter_mut().find(|s| &s.id == id)
    }

    pub fn contains(&self, id: &SessionId) -> bool {
        self.get(id).is_some()
    }

    pub fn insert(&mut self, session: Session) {
        self.live.push(session);
    }

    /// Ends a session: removes it and forgets its ID.
    pub fn end(&mut self, id: &SessionId) -> Option<Session> {
        let pos = self.live.iter().position(|s| &s.id == id)?;
        Some(self.live.remove(pos))
    }

    /// The next moment a session times out.
    pub fn next_deadline(&self) -> Option<SimTime> {
        self.live.iter().filter_map(Session::deadline).min()
    }

    /// Ends every session whose deadline has passed at `now`.
    pub fn expire(&mut self, now: SimTime) -> Vec<(Session, EndReason)> {
        let due: Vec<(SessionId, EndReason)> = self
            .live
            .iter()
            .filter_map(|s| s.expired_at(now).map(|r| (s.id.clone(), r)))
            .collect();
        due.into_iter()
            .filter_map(|(id, reason)| self.end(&id).map(|s| (s, reason)))
            .collect()
    }
}
