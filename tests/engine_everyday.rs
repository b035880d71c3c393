//! Everyday scenarios keep the state they should across their requests.

mod common;
use common::runs::{decisions, responses_to, scenario};
use session_lab::engine::event::{Event, EventKind};
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{Decision, LimitScope, RegenerateTrigger};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::LoginLimit;
use session_lab::engine::{run, Run};

fn run_default(id: &str) -> Run {
    let s = scenario(id);
    run(&s, &s.settings(), Seed(11))
}

/// Page bodies of the responses to GETs of `path`, with whose session served them.
fn pages<'a>(run: &'a Run, path: &str) -> Vec<(&'a Event, String, Option<String>)> {
    responses_to(run, path)
        .into_iter()
        .filter_map(|e| match &e.kind {
            EventKind::Response {
                response, served, ..
            } => Some((
                e,
                response.body.clone(),
                served.user.as_ref().map(|u| u.0.clone()),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn login_remembers_the_user_until_logout() {
    let r = run_default("login");
    assert!(r.verdict.is_none());
    let accounts = pages(&r, "/account");
    assert!(accounts
        .iter()
        .any(|(_, body, user)| user.as_deref() == Some("alice") && body.contains("Balance")));
    // After logout the same page no longer knows her.
    let (_, _, last_user) = accounts.last().expect("account visited");
    assert_eq!(*last_user, None);
    let last = r.events.last().expect("events");
    assert!(last
        .snapshot
        .server
        .sessions
        .iter()
        .all(|s| s.user.is_none()));
    // Logout destroyed the session: the server keeps no record of it.
    assert!(decisions(&r)
        .iter()
        .any(|d| matches!(d, Decision::SessionDestroyed { .. })));
    // The session ID travelled in a cookie the jar stored.
    assert!(r.events.iter().any(|e| matches!(&e.kind, EventKind::CookiesProcessed { outcomes, .. } if outcomes.iter().any(|o| o.is_stored()))));
}

#[test]
fn the_cart_survives_login_with_regeneration() {
    let r = run_default("shopping-cart");
    assert!(decisions(&r).iter().any(|d| matches!(
        d,
        Decision::SessionRegenerated {
            trigger: RegenerateTrigger::Login,
            ..
        }
    )));
    let carts = pages(&r, "/cart");
    let (_, body, user) = carts.last().expect("cart viewed");
    assert_eq!(user.as_deref(), Some("alice"));
    assert!(body.contains("<li>Teapot</li><li>Tea cups</li>"), "{body}");
}

#[test]
fn the_cart_survives_login_without_regeneration() {
    let s = scenario("shopping-cart");
    let r = run(
        &s,
        &s.settings().with(&[Knob::RegenerateOnLogin(false)]),
        Seed(11),
    );
    let carts = pages(&r, "/cart");
    let (_, body, _) = carts.last().expect("cart viewed");
    assert!(body.contains("2 item(s)"));
}

#[test]
fn checkout_keeps_each_step_until_the_order() {
    let r = run_default("checkout");
    let ds = decisions(&r);
    assert!(ds
        .iter()
        .any(|d| matches!(d, Decision::OrderPlaced { items: 1, .. })));
    assert!(ds.iter().any(|d| matches!(
        d,
        Decision::SessionRegenerated {
            trigger: RegenerateTrigger::PrivilegeChange,
            ..
        }
    )));
    // Between the steps the session held the address and then the payment.
    let held_address = r.events.iter().any(|e| {
        e.snapshot.server.sessions.iter().any(|s| {
            s.data.iter().any(|(k, _)| k == "checkout.address")
                && !s.data.iter().any(|(k, _)| k == "checkout.payment")
        })
    });
    assert!(held_address);
    let last = r.events.last().expect("events");
    let alice = last
        .snapshot
        .server
        .sessions
        .iter()
        .find(|s| s.user.as_ref().is_some_and(|u| u.as_str() == "alice"))
        .expect("alice's session");
    assert!(alice
        .data
        .iter()
        .any(|(k, v)| k == "orders_placed" && v == "1"));
    assert!(!alice.data.iter().any(|(k, _)| k == "cart"));
}

#[test]
fn preferences_in_a_cookie_outlive_the_session() {
    let r = run_default("preferences");
    let prefs = pages(&r, "/preferences");
    let bodies: Vec<&String> = prefs.iter().map(|(_, b, _)| b).collect();
    // Right after saving: dark from the cookie, fr from the session.
    assert!(bodies
        .iter()
        .any(|b| b.contains("Theme: dark") && b.contains("Language: fr")));
    // After logout, and again after closing the browser for an hour: the
    // cookie remembers, the session does not.
    let after: Vec<&&String> = bodies.iter().rev().take(2).collect();
    for b in after {
        assert!(b.contains("Theme: dark"), "{b}");
        assert!(b.contains("Language: en"), "{b}");
    }
    assert!(r.events.iter().any(
        |e| matches!(&e.kind, EventKind::BrowserClosed { removed, .. } if !removed.is_empty())
    ));
}

#[test]
fn a_per_session_limit_is_defeated_by_dropping_the_cookie() {
    let r = run_default("rate-limiting");
    let ds = decisions(&r);
    let failures = ds
        .iter()
        .filter(|d| matches!(d, Decision::LoginFailed { .. }))
        .count();
    assert!(ds.iter().any(|d| matches!(
        d,
        Decision::LoginRefused {
            scope: LimitScope::Session,
            ..
        }
    )));
    assert!(failures >= 5);
    assert!(
        ds.iter()
            .any(|d| matches!(d, Decision::LoginSucceeded { .. })),
        "dropping the cookie resets the count"
    );
}

#[test]
fn a_per_account_limit_holds() {
    let s = scenario("rate-limiting");
    let settings = s
        .settings()
        .with(&[Knob::LoginLimit(LoginLimit::PerAccount { max_failures: 3 })]);
    let r = run(&s, &settings, Seed(11));
    let ds = decisions(&r);
    assert!(!ds
        .iter()
        .any(|d| matches!(d, Decision::LoginSucceeded { .. })));
    assert!(ds.iter().any(|d| matches!(
        d,
        Decision::LoginRefused {
            scope: LimitScope::Account,
            ..
        }
    )));
}

#[test]
fn every_scenario_runs_and_narrates() {
    for s in session_lab::engine::scenario::catalog() {
        let r = run(&s, &s.settings(), Seed(3));
        assert!(!r.events.is_empty(), "{}", s.id);
        assert!(r.events.iter().all(|e| !e.narration.is_empty()), "{}", s.id);
        assert!(
            r.events.windows(2).all(|w| w[0].time <= w[1].time),
            "{}: time runs forward",
            s.id
        );
        assert_eq!(s.description.len(), 2, "{}", s.id);
        assert_eq!(r.verdict.is_some(), s.goal.is_some(), "{}", s.id);
    }
}

/// The end card's fact for "Logging in": the browser presents the same
/// session ID after the login as before it, unless the server issues a new
/// one at login. Read from the events, so a lean run (the one the page uses
/// to find what would change it) gives the same answer.
#[test]
fn the_id_across_the_login_is_read_from_the_requests() {
    use session_lab::engine::ending::id_at_login;
    use session_lab::engine::world::{run_with, Recording};
    let s = scenario("login");
    let name = s.settings().cookie.full_name();
    let same = id_at_login(&run_default("login"), &name).expect("Alice logs in");
    assert!(same.unchanged(), "{same:?}");
    let regenerating = s.settings().with(&[Knob::RegenerateOnLogin(true)]);
    let new = id_at_login(&run(&s, &regenerating, Seed(11)), &name).expect("Alice logs in");
    assert!(!new.unchanged(), "{new:?}");
    assert!(new.before.is_some() && new.after.is_some() && new.before != new.after);
    let lean = id_at_login(
        &run_with(&s, &regenerating, Seed(11), Recording::Lean),
        &name,
    );
    assert_eq!(lean, Some(new));
}

/// A busy user is cut off by the absolute timeout: every page moves the
/// idle deadline forward while the absolute one stays put, and at the first
/// page past the hour the session ends although she never stopped. Without
/// an absolute timeout she stays logged in throughout.
#[test]
fn an_absolute_timeout_cuts_off_a_busy_user() {
    use session_lab::engine::server::store::EndReason;
    let r = run_default("busy-user-absolute-timeout");
    assert!(r.verdict.is_none());
    let users: Vec<Option<String>> = pages(&r, "/account")
        .into_iter()
        .map(|(_, _, u)| u)
        .collect();
    assert!(users.len() >= 6, "{users:?}");
    let first_out = users
        .iter()
        .position(|u| u.is_none())
        .expect("logged out in the end");
    assert!(first_out >= 5, "she worked for the hour first: {users:?}");
    assert!(users[..first_out]
        .iter()
        .all(|u| u.as_deref() == Some("alice")));
    assert!(decisions(&r).iter().any(|d| matches!(
        d,
        Decision::SessionExpired {
            reason: EndReason::AbsoluteTimeout,
            ..
        }
    )));
    // While she works, her session's idle deadline moves, its absolute one
    // does not.
    let deadlines: Vec<_> = r
        .events
        .iter()
        .filter_map(|e| e.snapshot.server.sessions.iter().find(|s| s.user.is_some()))
        .map(|s| (s.idle_expires, s.absolute_expires))
        .collect();
    let (first, last) = (
        deadlines.first().expect("logged in"),
        deadlines.last().expect("logged in"),
    );
    assert!(
        last.0 > first.0,
        "the idle deadline moved: {first:?} {last:?}"
    );
    assert_eq!(first.1, last.1, "the absolute deadline stayed");

    let s = scenario("busy-user-absolute-timeout");
    let none = run(
        &s,
        &s.settings().with(&[Knob::AbsoluteTimeout(None)]),
        Seed(11),
    );
    assert!(pages(&none, "/account")
        .iter()
        .all(|(_, _, u)| u.as_deref() == Some("alice")));
}
