//! How a run ended, read from its event log: the facts an end card states
//! that the verdict does not (an everyday scenario has no verdict at all).
//! Read from the events alone, so a lean run (no snapshots) answers too.

use crate::engine::event::EventKind;
use crate::engine::network::Party;
use crate::engine::server::decision::Decision;
use crate::engine::world::Run;

/// What happened to the victim's session ID when the victim logged in: the
/// session cookie the victim's browser sent with the login and with its
/// next request after it. The same value on both sides is what session
/// fixation relies on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdAtLogin {
    /// The event of the server's "the password is right".
    pub step: usize,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl IdAtLogin {
    /// Whether the victim's browser kept presenting the same ID after the
    /// login.
    pub fn unchanged(&self) -> bool {
        self.before.is_some() && self.before == self.after
    }
}

/// The victim's first successful login in `run`, and the session cookie
/// (`cookie_name`) its requests carried on either side of it. `None` when
/// the victim never logged in.
pub fn id_at_login(run: &Run, cookie_name: &str) -> Option<IdAtLogin> {
    // The session cookie a victim's request at event `i` carried, if `i`
    // is a victim's request.
    let sent_at = |i: usize| match &run.events[i].kind {
        EventKind::Request {
            party: Party::Victim,
            sent,
            ..
        } => Some(
            sent.iter()
                .find(|c| c.name == cookie_name)
                .map(|c| c.value.clone()),
        ),
        _ => None,
    };
    let step = run.events.iter().enumerate().position(|(i, e)| {
        matches!(
            e.kind,
            EventKind::Server {
                decision: Decision::LoginSucceeded { .. }
            }
        ) && last_request_is_victims(run, i)
    })?;
    let before = (0..step).rev().find_map(sent_at).flatten();
    let after = (step + 1..run.events.len()).find_map(sent_at).flatten();
    Some(IdAtLogin {
        step,
        before,
        after,
    })
}

/// Whether the request the server is handling at event `i` is the
/// victim's: the nearest request before it.
fn last_request_is_victims(run: &Run, i: usize) -> bool {
    run.events[..i]
        .iter()
        .rev()
        .find_map(|e| match e.kind {
            EventKind::Request { party, .. } => Some(party == Party::Victim),
            _ => None,
        })
        .unwrap_or(false)
}
