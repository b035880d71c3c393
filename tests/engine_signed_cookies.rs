//! Stateless, signed cookie sessions (issue 15, item 5): the attack
//! signed-cookie-replay as it comes (the copy works after logout), under
//! each of its defenses (a denylist, a short lifetime) and with the
//! session kept in the server's store, each by its computed outcome and
//! typed reason; and what the copy shows (readable payload, tampering
//! refused), and what the server holds.

mod common;
use common::runs::{decisions, scenario};
use session_lab::engine::event::EventKind;
use session_lab::engine::matrix::{cell, Defense};
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{Decision, RejectReason};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{SessionState, Settings, TokenLifetime};
use session_lab::engine::server::signed::TokenRejection;
use session_lab::engine::server::store::EndReason;
use session_lab::engine::verdict::VerdictReason;
use session_lab::engine::{run, Run};

const ID: &str = "signed-cookie-replay";

fn run_with(knobs: &[Knob]) -> Run {
    let s = scenario(ID);
    let settings: Settings = s.settings().with(knobs);
    run(&s, &settings, Seed(11))
}

fn reason(r: &Run) -> (bool, VerdictReason) {
    let v = r.verdict.clone().expect("an attack has a verdict");
    (v.attacker_got_in, v.reason)
}

#[test]
fn as_it_comes_the_copy_opens_alices_account_after_logout() {
    let r = run_with(&[]);
    let (got_in, why) = reason(&r);
    assert!(got_in, "{why:?}");
    assert!(
        matches!(why, VerdictReason::ServedAsVictim { stateless: true, ref user, .. } if user.as_str() == "alice"),
        "{why:?}"
    );
    // Logout happened, and only cleared Alice's copy.
    assert!(decisions(&r)
        .iter()
        .any(|d| matches!(d, Decision::SignedCookieLoggedOut { revoked: false, .. })));
}

#[test]
fn the_payload_is_readable_and_tampering_is_refused_by_the_signature() {
    let r = run_with(&[]);
    let payload = r
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::CookieDecoded { payload, .. } => payload.clone(),
            _ => None,
        })
        .expect("Mallory decodes the copy");
    assert!(payload.contains("\"user\":\"alice\""), "{payload}");
    assert!(payload.contains("\"expires\":"), "{payload}");
    assert!(decisions(&r).iter().any(|d| matches!(
        d,
        Decision::SessionRejected {
            reason: RejectReason::SignedCookie(TokenRejection::SignatureMismatch),
            ..
        }
    )));
}

#[test]
fn the_server_holds_nothing_per_user_in_any_snapshot() {
    let r = run_with(&[]);
    for e in &r.events {
        assert!(e.snapshot.server.sessions.is_empty(), "{}", e.narration);
        assert!(e.snapshot.server.stateless);
        assert!(e.snapshot.server.denylist.is_empty());
    }
}

#[test]
fn a_denylist_refuses_the_copy_as_revoked_and_is_the_only_state_kept() {
    let r = run_with(&[Knob::TokenDenylist(true)]);
    let (got_in, why) = reason(&r);
    assert!(!got_in);
    assert_eq!(
        why,
        VerdictReason::IdRejected(RejectReason::SignedCookie(TokenRejection::Revoked))
    );
    let last = &r.events.last().expect("events").snapshot.server;
    assert!(last.sessions.is_empty());
    assert_eq!(last.denylist.len(), 1, "the logged-out token, until expiry");
    // Every verified request paid for a lookup.
    assert!(decisions(&r).iter().any(|d| matches!(
        d,
        Decision::SignedCookieVerified {
            denylist_checked: true,
            ..
        }
    )));
}

#[test]
fn a_five_minute_lifetime_refuses_the_later_replay_as_expired() {
    let r = run_with(&[Knob::TokenLifetime(TokenLifetime::Minutes5)]);
    let (got_in, why) = reason(&r);
    assert!(!got_in);
    assert_eq!(
        why,
        VerdictReason::IdRejected(RejectReason::SignedCookie(TokenRejection::Expired))
    );
}

#[test]
fn kept_in_the_store_the_id_was_destroyed_at_logout() {
    let r = run_with(&[Knob::SessionState(SessionState::ServerStore)]);
    let (got_in, why) = reason(&r);
    assert!(!got_in);
    assert_eq!(
        why,
        VerdictReason::IdUnknownAfterEnd {
            ended: EndReason::LoggedOut
        }
    );
    // A random ID has nothing inside to read, nor to edit.
    assert!(r
        .events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::CookieDecoded { payload: None, .. })));
}

#[test]
fn the_matrix_row_matches_the_runs() {
    let s = scenario(ID);
    let base = s.settings();
    for (defense, kept_out) in [
        (Defense::TokenDenylist, true),
        (Defense::ShortTokenLifetime, true),
        // Nothing to destroy: the logout setting changes nothing here.
        (Defense::InvalidateOnLogout, false),
        // No record to time out either.
        (Defense::IdleTimeout, false),
    ] {
        let c = cell(&s, &defense.apply(base.clone()), Seed::default());
        assert_eq!(c.attacker_got_in, !kept_out, "{defense:?}: {:?}", c.reason);
    }
}
