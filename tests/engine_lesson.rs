//! The rest of the lesson (issue 15): what a defense costs honest users,
//! how big a session may grow, and what a compromised store gives away.
//! Each scenario is checked as it comes and with its deciding setting
//! flipped, by its outcome and its typed reason.

use session_lab::engine::event::{Event, EventKind};
use session_lab::engine::rng::Seed;
use session_lab::engine::scenario::{find, Scenario};
use session_lab::engine::server::decision::{BindingMismatch, Decision, RejectReason};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{ClientBinding, Settings};
use session_lab::engine::{run, Run};

fn scenario(id: &str) -> Scenario {
    find(id).unwrap_or_else(|| panic!("no scenario {id}"))
}

fn run_with(id: &str, knobs: &[Knob]) -> Run {
    let s = scenario(id);
    let settings: Settings = s.settings().with(knobs);
    run(&s, &settings, Seed(11))
}

fn decisions(run: &Run) -> Vec<&Decision> {
    run.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Server { decision } => Some(decision),
            _ => None,
        })
        .collect()
}

/// Whose session served each response to a request for `path`, in order.
fn served_users(run: &Run, path: &str) -> Vec<Option<String>> {
    let mut wanted = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for e in &run.events {
        match &e.kind {
            EventKind::Request {
                exchange, request, ..
            } if request.url.path() == path => {
                wanted.insert(*exchange);
            }
            EventKind::Response {
                exchange, served, ..
            } if wanted.contains(exchange) => {
                out.push(served.user.as_ref().map(|u| u.0.clone()));
            }
            _ => {}
        }
    }
    out
}

fn last(run: &Run) -> &Event {
    run.events.last().expect("events")
}

#[test]
fn mobile_ip_change_logs_alice_out_under_ip_binding() {
    let r = run_with("mobile-ip-change", &[]);
    assert!(r.verdict.is_none(), "an everyday scenario has no verdict");
    assert!(r
        .events
        .iter()
        .any(|e| matches!(&e.kind, EventKind::NetworkChanged { from, to, .. } if from != to)));
    let accounts = served_users(&r, "/account");
    assert_eq!(
        accounts.first().cloned().flatten().as_deref(),
        Some("alice"),
        "logged in before the network changes"
    );
    assert_eq!(
        accounts.last().cloned().flatten(),
        None,
        "logged out after it"
    );
    assert!(decisions(&r).iter().any(|d| matches!(
        d,
        Decision::SessionRejected {
            reason: RejectReason::BoundToOtherClient(BindingMismatch::Ip),
            ..
        }
    )));
    assert!(last(&r)
        .snapshot
        .server
        .sessions
        .iter()
        .all(|s| s.user.is_none() || s.bound_to.is_some()));
}

#[test]
fn mobile_ip_change_keeps_alice_logged_in_without_binding() {
    for binding in [ClientBinding::None, ClientBinding::UserAgent] {
        let r = run_with("mobile-ip-change", &[Knob::Binding(binding)]);
        let accounts = served_users(&r, "/account");
        assert!(!accounts.is_empty());
        assert!(
            accounts.iter().all(|u| u.as_deref() == Some("alice")),
            "{binding:?}: {accounts:?}"
        );
        assert!(!decisions(&r)
            .iter()
            .any(|d| matches!(d, Decision::SessionRejected { .. })));
    }
}

#[test]
fn ip_binding_does_not_stop_the_cafe_sniffer() {
    // The price is paid for nothing against this attacker: behind the
    // café's NAT they share the victim's public address.
    let r = run_with("hijack-sniffing", &[Knob::Binding(ClientBinding::Ip)]);
    let verdict = r.verdict.expect("an attack has a verdict");
    assert!(verdict.attacker_got_in, "{}", verdict.sentence);
}
