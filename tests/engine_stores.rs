//! Where sessions live (issue 15, item 3): the store's kind and how many
//! app servers read it. Each outcome is checked with its typed reason: a
//! request the load balancer sends to the other server's memory finds no
//! session; sticky sessions or a shared store keep the cart; and each
//! store ends an idle session its own way.

mod common;
use common::runs::{decisions, scenario};
use session_lab::engine::event::EventKind;
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{AppServer, Decision, RejectReason, RouteBy};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{AppServers, LbRouting, Settings, StoreKind};
use session_lab::engine::server::store::EndReason;
use session_lab::engine::{run, Run};

const SEEDS: std::ops::Range<u64> = 0..12;
/// Her return after 30 idle minutes (at 31:50, a second for the round trips).
const RETURN: std::ops::Range<u64> = 1_910_000..1_911_000;

fn run_lb(knobs: &[Knob], seed: u64) -> Run {
    let s = scenario("load-balancer");
    let settings: Settings = s.settings().with(knobs);
    run(&s, &settings, Seed(seed))
}

/// The items of the order Alice placed, if she placed one.
fn order(run: &Run) -> Option<u32> {
    decisions(run).iter().find_map(|d| match d {
        Decision::OrderPlaced { items, .. } => Some(*items),
        _ => None,
    })
}

/// Whose session served each response, up to the checkout (before the
/// long idle wait).
fn served_before_idle(run: &Run) -> Vec<(Option<String>, Option<AppServer>)> {
    run.events
        .iter()
        .filter(|e| e.time.millis() < 120_000)
        .filter_map(|e| match &e.kind {
            EventKind::Response { served, .. } => {
                Some((served.user.as_ref().map(|u| u.0.clone()), served.app_server))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn round_robin_over_two_memories_loses_login_and_cart() {
    for seed in SEEDS {
        let r = run_lb(&[], seed);
        assert!(r.verdict.is_none(), "an everyday scenario has no verdict");
        assert_ne!(order(&r), Some(3), "seed {seed}: the full cart was ordered");
        let served = served_before_idle(&r);
        // Both servers answered, and a request after login found her logged out.
        assert!(served.iter().any(|(_, s)| *s == Some(AppServer::App1)));
        assert!(served.iter().any(|(_, s)| *s == Some(AppServer::App2)));
        let first_in = served
            .iter()
            .position(|(u, _)| u.as_deref() == Some("alice"))
            .expect("logged in once");
        assert!(
            served[first_in..].iter().any(|(u, _)| u.is_none()),
            "seed {seed}: never logged out"
        );
        // The reason: round robin sent a request to the server whose own
        // memory did not know her ID, which it refused (never having
        // issued it, as an in-memory store does) or, without strict mode,
        // adopted empty.
        let d = decisions(&r);
        let missed = d.windows(2).any(|w| {
            matches!(
                w[0],
                Decision::Routed {
                    by: RouteBy::RoundRobin,
                    own_memory: true,
                    ..
                }
            ) && matches!(
                w[1],
                Decision::SessionAdopted { .. }
                    | Decision::SessionRejected {
                        reason: RejectReason::NotIssued | RejectReason::Unknown,
                        ..
                    }
            )
        });
        assert!(missed, "seed {seed}: no request missed its session");
    }
}

fn keeps_the_cart(knobs: &[Knob]) {
    for seed in SEEDS {
        let r = run_lb(knobs, seed);
        assert_eq!(order(&r), Some(3), "seed {seed}, {knobs:?}: cart lost");
        let served = served_before_idle(&r);
        let first_in = served
            .iter()
            .position(|(u, _)| u.as_deref() == Some("alice"))
            .expect("logged in");
        assert!(
            served[first_in..]
                .iter()
                .all(|(u, _)| u.as_deref() == Some("alice")),
            "seed {seed}, {knobs:?}: logged out"
        );
        assert!(!r.events.iter().any(|e| e.time.millis() < 120_000
            && matches!(
                &e.kind,
                EventKind::Server {
                    decision: Decision::SessionAdopted { .. }
                }
            )));
    }
}

#[test]
fn sticky_sessions_keep_the_cart_on_one_server() {
    keeps_the_cart(&[Knob::LbRouting(LbRouting::Sticky)]);
    let r = run_lb(&[Knob::LbRouting(LbRouting::Sticky)], 11);
    let d = decisions(&r);
    assert!(d.iter().any(|d| matches!(
        d,
        Decision::Routed {
            by: RouteBy::NewSticky,
            ..
        }
    )));
    assert!(d.iter().any(|d| matches!(
        d,
        Decision::Routed {
            by: RouteBy::StickyCookie,
            ..
        }
    )));
    // The balancer's cookie is in the browser's jar.
    let last = r.events.last().expect("events");
    assert!(last
        .snapshot
        .browser
        .jar
        .iter()
        .any(|c| c.name == "SERVERID"));
}

#[test]
fn a_shared_store_keeps_the_cart_whichever_server_answers() {
    for kind in [StoreKind::Files, StoreKind::Database, StoreKind::KeyValue] {
        keeps_the_cart(&[Knob::StoreKind(kind)]);
        let r = run_lb(&[Knob::StoreKind(kind)], 11);
        assert!(decisions(&r).iter().any(|d| matches!(
            d,
            Decision::Routed {
                own_memory: false,
                ..
            }
        )));
    }
}

#[test]
fn one_server_keeps_the_cart_in_memory() {
    keeps_the_cart(&[Knob::AppServers(AppServers::One)]);
}

/// The one-server run of the scenario with this store.
fn store_run(kind: StoreKind) -> Run {
    run_lb(
        &[Knob::AppServers(AppServers::One), Knob::StoreKind(kind)],
        11,
    )
}

/// The decision about her return to /account after 30 idle minutes.
fn return_after_idle(r: &Run) -> Vec<&Decision> {
    r.events
        .iter()
        .filter(|e| RETURN.contains(&e.time.millis()))
        .filter_map(|e| match &e.kind {
            EventKind::Server { decision } => Some(decision),
            _ => None,
        })
        .collect()
}

#[test]
fn the_key_value_store_expires_the_session_by_itself_at_its_ttl() {
    let r = store_run(StoreKind::KeyValue);
    let at = r
        .events
        .iter()
        .find(|e| {
            matches!(
                &e.kind,
                EventKind::Server {
                    decision: Decision::TtlExpired {
                        reason: EndReason::IdleTimeout,
                        ..
                    }
                }
            )
        })
        .expect("the TTL ran out")
        .time;
    // 24 minutes after her last request (at 1:50), with no request then.
    let deadline = 110_000 + 24 * 60_000;
    assert!(
        (deadline..deadline + 1_000).contains(&at.millis()),
        "{at:?}"
    );
    // The key is gone: the scenario's server (strict, as an in-memory
    // store is) no longer knows the ID.
    assert!(return_after_idle(&r).iter().any(|d| matches!(
        d,
        Decision::SessionRejected {
            reason: RejectReason::NotIssued,
            ..
        }
    )));
}

#[test]
fn the_database_refuses_an_expired_row_on_read_and_the_job_deletes_it_later() {
    let r = store_run(StoreKind::Database);
    let d = decisions(&r);
    assert!(
        !d.iter()
            .any(|d| matches!(d, Decision::SessionExpired { .. })),
        "nothing ends the row at its deadline"
    );
    // At her return the row is still in the table, refused by its expiry date.
    assert!(return_after_idle(&r).iter().any(|d| matches!(
        d,
        Decision::SessionRejected {
            reason: RejectReason::Ended(EndReason::IdleTimeout),
            ..
        }
    )));
    // The hourly job deletes it at 1:00:00.
    let job = r
        .events
        .iter()
        .find(|e| {
            matches!(&e.kind, EventKind::Server { decision: Decision::CleanupJobRan { removed } } if !removed.is_empty())
        })
        .expect("the cleanup job ran");
    assert_eq!(job.time.millis(), 60 * 60_000);
}

#[test]
fn php_files_let_an_idle_session_work_until_the_garbage_collector_runs() {
    // Seeds where the collector (1 request in 100) does not run before her
    // return: she is still logged in after 30 idle minutes.
    let mut still_in = 0;
    let mut collected = 0;
    for seed in 0..40 {
        let r = run_lb(
            &[
                Knob::AppServers(AppServers::One),
                Knob::StoreKind(StoreKind::Files),
            ],
            seed,
        );
        let d = decisions(&r);
        if d.iter()
            .any(|d| matches!(d, Decision::GarbageCollected { .. }))
        {
            collected += 1;
            continue;
        }
        assert!(!d.iter().any(|d| matches!(
            d,
            Decision::SessionExpired { .. }
                | Decision::SessionRejected {
                    reason: RejectReason::Ended(_),
                    ..
                }
        )));
        let back = r
            .events
            .iter()
            .filter(|e| RETURN.contains(&e.time.millis()))
            .find_map(|e| match &e.kind {
                EventKind::Response { served, .. } => Some(served.user.clone()),
                _ => None,
            })
            .expect("a response at her return");
        assert_eq!(back.map(|u| u.0).as_deref(), Some("alice"), "seed {seed}");
        still_in += 1;
    }
    assert!(still_in > 0, "the collector ran in every run");
    let _ = collected;
}

#[test]
fn memory_expires_at_the_deadline_as_before() {
    let r = store_run(StoreKind::Memory);
    assert!(decisions(&r).iter().any(|d| matches!(
        d,
        Decision::SessionExpired {
            reason: EndReason::IdleTimeout,
            ..
        }
    )));
}
