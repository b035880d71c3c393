//! Who the attacker appears to be, and side effects on who the victim is
//! to the shop: the User-Agent the attacker copies from what they saw,
//! and a logged-in session cookie replaced by a fresh session's.

use super::observe::Setback;
use super::World;
use crate::engine::attacker::{user_agent_in_wire, UserAgentSource};
use crate::engine::cookies::{BlockedReason, Cookie};
use crate::engine::event::{Actor, EventKind};
use crate::engine::http::HttpRequest;
use crate::engine::network::Party;
use crate::engine::server::id_generator::SessionId;

impl World<'_> {
    /// The attacker read a plain request of the victim's off the Wi-Fi:
    /// its `User-Agent` header is theirs to copy.
    pub(super) fn attacker_reads_sniffed_request(&mut self, wire: &str) {
        if let Some(ua) = user_agent_in_wire(wire).map(str::to_string) {
            self.attacker_copies_user_agent(&ua, UserAgentSource::SniffedRequest);
        }
    }

    /// The victim's browser sent `request` to one of the attacker's own
    /// sites: its `User-Agent` is in the attacker's server log.
    pub(super) fn attacker_logs_visit(&mut self, party: Party, request: &HttpRequest) {
        if party != Party::Victim {
            return;
        }
        if let Some(ua) = request.header("User-Agent").map(str::to_string) {
            self.attacker_copies_user_agent(&ua, UserAgentSource::OwnSiteLog);
        }
    }

    fn attacker_copies_user_agent(&mut self, user_agent: &str, from: UserAgentSource) {
        if !self.attacker.copy_user_agent(user_agent, from) {
            return;
        }
        let ip_note = match self.attacker.position.on_victims_network() {
            true => "She already shares Alice's public IP address, being behind the same café NAT.",
            false => "Alice's IP address is in the log too, but a request cannot be sent from someone else's address: Mallory's own requests keep her own.",
        };
        self.emit(
            Actor::Attacker,
            EventKind::UserAgentCopied {
                user_agent: user_agent.to_string(),
                from,
            },
            format!(
                "Mallory notes Alice's User-Agent, {}: \"{user_agent}\". {} {ip_note}",
                from.describe(),
                if user_agent == crate::engine::network::MOST_COMMON_USER_AGENT {
                    "It is the most common one, which her browser already sends: binding a session to it tells nobody apart."
                } else {
                    "Her browser will send it from now on: copying a header costs nothing."
                }
            ),
        );
    }

    /// After a response's cookies were stored: if the victim's browser had
    /// held back a session cookie of a logged-in session and now holds a
    /// fresh one in its place, the victim has been logged out by a side
    /// effect.
    pub(super) fn note_replaced_session(
        &mut self,
        party: Party,
        excluded: &[(Cookie, BlockedReason)],
    ) {
        if party != Party::Victim {
            return;
        }
        let name = self.settings.cookie.full_name();
        let Some((held, withheld)) = excluded.iter().find(|(c, _)| c.name == name) else {
            return;
        };
        let jar = self.victim.jar.cookies();
        if jar.iter().any(|c| c.name == name && c.value == held.value) {
            return;
        }
        let Some(new) = jar
            .iter()
            .find(|c| c.name == name && c.domain == held.domain && c.path == held.path)
            .map(|c| SessionId(c.value.clone()))
        else {
            return;
        };
        let old = SessionId(held.value.clone());
        let Some(user) = self.server.store().get(&old).and_then(|s| s.user.clone()) else {
            return;
        };
        let withheld = *withheld;
        let index = self.emit(
            Actor::Victim,
            EventKind::LoggedOutBySideEffect {
                user: user.clone(),
                old: old.clone(),
                new: new.clone(),
                withheld,
            },
            format!(
                "{user} is now logged out in this browser. Her browser left her session cookie out of that request ({}), so the shop saw a visitor without a session and, starting a session on every page, made a new one, {new}; its Set-Cookie replaced her cookie for {old}. This is a side effect of how the shop starts sessions, not a defense: her session {old} is still alive on the server.",
                withheld.words()
            ),
        );
        self.note_obstacle(index, Setback::VictimLoggedOut(withheld));
    }
}
