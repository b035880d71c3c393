//! "Remember me": keeping a user logged in across browser restarts.
//!
//! Done the naive way ([`RememberMe::LongSession`]) the session cookie
//! itself gets a long `Max-Age` and the server keeps the session as long:
//! the session ID becomes a key that works for weeks. Done right
//! ([`RememberMe::Token`], Barry Jaspan's "improved persistent login
//! cookie" as OWASP's session cheat sheet and Paragon's "split token"
//! describe it), a separate `remember` cookie carries `selector:validator`;
//! the server stores the selector, a hash of the validator, the user and
//! an expiry. Using the token opens a new session with a fresh ID and
//! rotates the validator, so each copy works once; a known selector with a
//! wrong validator can only be an old copy, i.e. a stolen one, and every
//! token and session of that user is revoked.
//!
//! The lab hashes with FNV-1a ([`crate::engine::digest`]) where a real
//! server uses SHA-256: what matters here is that the store never holds
//! the validator itself.

use super::accounts::UserName;
use super::decision::{Decision, TokenRefusal};
use super::id_generator::SessionId;
use super::settings::{RememberMe, RoleStorage};
use super::store::SessionOrigin;
use super::{Handling, Server};
use crate::engine::clock::SimTime;
use crate::engine::digest::fnv1a_64;
use crate::engine::http::cookie_header;
use crate::engine::rng::SimRng;
use serde::{Deserialize, Serialize};

/// The remember-me cookie's base name.
pub const REMEMBER_COOKIE: &str = "remember";
/// How long "remember me" lasts, either way.
pub const REMEMBER_DAYS: u64 = 30;

fn remember_millis() -> u64 {
    REMEMBER_DAYS * 24 * 3600 * 1000
}

/// One remember-me token as the server stores it: never the validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberToken {
    pub selector: String,
    /// FNV-1a of the validator, in hex (SHA-256 on a real server).
    pub validator_hash: String,
    pub user: UserName,
    pub expires: SimTime,
}

fn hash(validator: &str) -> String {
    format!("{:016x}", fnv1a_64(validator.as_bytes()))
}

impl Server {
    /// The remember cookie's name on the wire (with `__Host-` when the
    /// session cookie has it).
    pub fn remember_cookie_name(&self) -> String {
        if self.settings().cookie.host_prefix {
            format!("__Host-{REMEMBER_COOKIE}")
        } else {
            REMEMBER_COOKIE.to_string()
        }
    }

    /// The remember cookie's line: `Max-Age` of 30 days (0 to delete),
    /// with the session cookie's `Secure`, `HttpOnly` and `SameSite`, so
    /// that the defenses of one protect the other.
    fn remember_cookie_line(&self, value: &str, max_age_secs: u64) -> String {
        let mut line = format!(
            "{}={value}; Path=/; Max-Age={max_age_secs}",
            self.remember_cookie_name()
        );
        self.push_protection(&mut line);
        line
    }

    /// At a successful login with "Remember me" ticked, as the setting says.
    pub(crate) fn remember_at_login(
        &mut self,
        h: &mut Handling,
        id: &SessionId,
        user: &UserName,
        rng: &mut SimRng,
    ) {
        match self.settings().server.remember_me {
            RememberMe::Off => h.decisions.push(Decision::RememberMeIgnored),
            RememberMe::LongSession => {
                let idle_timeout = self.settings().server.idle_timeout.map(|m| m.0);
                if let Some(s) = self.session_mut(id) {
                    s.idle_override_ms = Some(remember_millis());
                    s.idle_expires = Some(h.now.plus_millis(remember_millis()));
                }
                h.decisions.push(Decision::SessionKeptForWeeks {
                    id: id.clone(),
                    days: REMEMBER_DAYS,
                    idle_timeout,
                });
                // Sent again, now with its Max-Age: the browser replaces it.
                let line = self.session_cookie_line(id);
                h.set_cookies.push(line);
            }
            RememberMe::Token => {
                let selector = rng.hex(6);
                let validator = rng.hex(16);
                self.tokens.push(RememberToken {
                    selector: selector.clone(),
                    validator_hash: hash(&validator),
                    user: user.clone(),
                    expires: h.now.plus_millis(remember_millis()),
                });
                h.decisions.push(Decision::RememberTokenIssued {
                    user: user.clone(),
                    selector: selector.clone(),
                });
                let line = self.remember_cookie_line(
                    &format!("{selector}:{validator}"),
                    REMEMBER_DAYS * 86_400,
                );
                h.set_cookies.push(line);
            }
        }
    }

    /// With no valid session: logs in by the request's remember token, if
    /// it has one that checks out, opening a new session; detects an old
    /// copy as theft. Only with [`RememberMe::Token`].
    pub(crate) fn login_by_token(
        &mut self,
        h: &mut Handling,
        rng: &mut SimRng,
    ) -> Option<SessionId> {
        if self.settings().server.remember_me != RememberMe::Token {
            return None;
        }
        let name = self.remember_cookie_name();
        let value = cookie_header::first(&h.cookies, &name)?.to_string();
        if value.is_empty() {
            return None;
        }
        let clear = self.remember_cookie_line("", 0);
        let Some((selector, validator)) = value.split_once(':') else {
            h.decisions.push(Decision::RememberTokenRefused {
                selector: value.clone(),
                reason: TokenRefusal::Malformed,
            });
            h.set_cookies.push(clear);
            return None;
        };
        let selector = selector.to_string();
        let Some(pos) = self.tokens.iter().position(|t| t.selector == selector) else {
            h.decisions.push(Decision::RememberTokenRefused {
                selector,
                reason: TokenRefusal::Unknown,
            });
            h.set_cookies.push(clear);
            return None;
        };
        let token = self.tokens[pos].clone();
        if token.expires <= h.now {
            self.tokens.remove(pos);
            h.decisions.push(Decision::RememberTokenRefused {
                selector,
                reason: TokenRefusal::Expired,
            });
            h.set_cookies.push(clear);
            return None;
        }
        if token.validator_hash != hash(validator) {
            let before = self.tokens.len();
            self.tokens.retain(|t| t.user != token.user);
            let tokens_revoked = u32::try_from(before - self.tokens.len()).unwrap_or(u32::MAX);
            let ended: Vec<SessionId> = self
                .store()
                .sessions()
                .iter()
                .filter(|s| s.user.as_ref() == Some(&token.user))
                .map(|s| s.id.clone())
                .collect();
            for id in &ended {
                self.store_mut().end(id);
            }
            h.decisions.push(Decision::RememberTokenTheft {
                user: token.user,
                selector,
                tokens_revoked,
                sessions_ended: ended,
            });
            h.set_cookies.push(clear);
            return None;
        }
        // Checks out: a new session with a fresh ID, and a new validator.
        let id = self.issue_id(h, rng);
        let mut session = self.new_session(id.clone(), SessionOrigin::Issued, h);
        session.user = Some(token.user.clone());
        session.data.opened_by_token = true;
        if self.settings().application.role_storage == RoleStorage::Session {
            session.data.role = self.accounts().get(token.user.as_str()).map(|a| a.role);
        }
        self.store_mut().insert(session);
        let validator = rng.hex(16);
        if let Some(t) = self.tokens.get_mut(pos) {
            t.validator_hash = hash(&validator);
            t.expires = h.now.plus_millis(remember_millis());
        }
        h.decisions.push(Decision::RememberTokenUsed {
            user: token.user,
            selector: selector.clone(),
            id: id.clone(),
        });
        let session_line = self.session_cookie_line(&id);
        h.set_cookies.push(session_line);
        h.set_cookies.push(
            self.remember_cookie_line(&format!("{selector}:{validator}"), REMEMBER_DAYS * 86_400),
        );
        h.session = Some(id.clone());
        Some(id)
    }

    /// At logout: revokes the request's remember token and deletes its
    /// cookie.
    pub(crate) fn forget_token(&mut self, h: &mut Handling) {
        let name = self.remember_cookie_name();
        let Some(value) = cookie_header::first(&h.cookies, &name).map(str::to_string) else {
            return;
        };
        let selector = value.split(':').next().unwrap_or("").to_string();
        if let Some(pos) = self.tokens.iter().position(|t| t.selector == selector) {
            self.tokens.remove(pos);
            h.decisions
                .push(Decision::RememberTokenRevoked { selector });
        }
        let clear = self.remember_cookie_line("", 0);
        h.set_cookies.push(clear);
    }

    /// The remember-me tokens the server stores.
    pub fn remember_tokens(&self) -> &[RememberToken] {
        &self.tokens
    }
}
