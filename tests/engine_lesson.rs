//! The rest of the lesson (issue 15): what a defense costs honest users,
//! how big a session may grow, and what a compromised store gives away.
//! Each scenario is checked as it comes and with its deciding setting
//! flipped, by its outcome and its typed reason.

mod common;
use common::runs::{decisions, responses_to, scenario};
use session_lab::engine::cookies::BlockedReason;
use session_lab::engine::event::{Event, EventKind};
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{BindingMismatch, Decision, RejectReason};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{CartStorage, ClientBinding, Settings};
use session_lab::engine::{run, Run};

fn run_with(id: &str, knobs: &[Knob]) -> Run {
    let s = scenario(id);
    let settings: Settings = s.settings().with(knobs);
    run(&s, &settings, Seed(11))
}

/// Whose session served each response to a request for `path`, in order.
fn served_users(run: &Run, path: &str) -> Vec<Option<String>> {
    responses_to(run, path)
        .into_iter()
        .filter_map(|e| match &e.kind {
            EventKind::Response { served, .. } => Some(served.user.as_ref().map(|u| u.0.clone())),
            _ => None,
        })
        .collect()
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

/// The bodies of the responses to GETs of `path`, in order.
fn bodies(run: &Run, path: &str) -> Vec<String> {
    responses_to(run, path)
        .into_iter()
        .filter_map(|e| match &e.kind {
            EventKind::Response { response, .. } => Some(response.body.clone()),
            _ => None,
        })
        .collect()
}

/// How many cups the scenario adds: counted from its acts, not by hand.
fn cups_added() -> usize {
    scenario("cart-size")
        .acts
        .iter()
        .filter(|a| format!("{:?}", a.act).contains("/cart/add"))
        .count()
}

fn refusals(run: &Run, name: &str) -> Vec<BlockedReason> {
    run.events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::CookiesProcessed { outcomes, .. } => Some(outcomes),
            _ => None,
        })
        .flatten()
        .filter(|o| o.name() == Some(name))
        .filter_map(|o| o.reason())
        .collect()
}

#[test]
fn cart_in_a_cookie_stops_growing_at_the_browsers_limit() {
    let r = run_with("cart-size", &[]);
    assert!(r.verdict.is_none());
    let added = cups_added();
    let refused = refusals(&r, "cart");
    assert!(!refused.is_empty(), "the browser refuses the grown cookie");
    assert!(refused
        .iter()
        .all(|r| *r == BlockedReason::NameValuePairExceedsMaxSize));
    // The shop wrote every cup; the cart page shows fewer: the browser kept
    // the last cookie it accepted.
    let written = decisions(&r)
        .iter()
        .filter(|d| matches!(d, Decision::CartCookieWritten { .. }))
        .count();
    assert_eq!(written, added);
    let last_cart = bodies(&r, "/cart").pop().expect("cart shown");
    let shown = last_cart.matches("<li>").count();
    assert!(shown < added, "{shown} of {added} shown");
    assert!(shown > 0);
    assert!(decisions(&r)
        .iter()
        .any(|d| matches!(d, Decision::CartCookieWritten { bytes, .. } if *bytes > 4096)));
    // The session holds no cart: it is all on the client.
    assert!(last(&r)
        .snapshot
        .server
        .sessions
        .iter()
        .all(|s| s.data.iter().all(|(k, _)| k != "cart")));
}

#[test]
fn the_same_cart_in_the_session_has_no_such_limit_but_costs_memory() {
    let r = run_with("cart-size", &[Knob::CartStorage(CartStorage::Session)]);
    let added = cups_added();
    assert!(refusals(&r, "cart").is_empty());
    let last_cart = bodies(&r, "/cart").pop().expect("cart shown");
    assert_eq!(last_cart.matches("<li>").count(), added);
    let grew: Vec<u64> = decisions(&r)
        .iter()
        .filter_map(|d| match d {
            Decision::SessionCartGrew { bytes, .. } => Some(*bytes),
            _ => None,
        })
        .collect();
    assert!(
        grew.last().is_some_and(|b| *b > 4096),
        "past the cookie limit, on the server: {grew:?}"
    );
    assert!(grew.windows(2).all(|w| w[0] < w[1]));
}
