//! The defender's challenge (engine::challenge): what a change of settings
//! costs Alice, read from runs of the everyday scenarios.

use session_lab::engine::challenge::{costs, score, served_as_her};
use session_lab::engine::rng::Seed;
use session_lab::engine::run;
use session_lab::engine::scenario::catalog::{catalog, find};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{ClientBinding, Minutes, SameSitePolicy};

const SEED: Seed = Seed(7);

fn costly(before: Knob, after: Knob) -> Vec<String> {
    costs(&catalog(), &[before], &[after], SEED)
        .into_iter()
        .map(|c| {
            assert!(c.served_after < c.served_before, "{c:?}");
            c.scenario_id
        })
        .collect()
}

#[test]
fn ip_binding_costs_the_mobile_user_her_login() {
    let ids = costly(
        Knob::Binding(ClientBinding::None),
        Knob::Binding(ClientBinding::Ip),
    );
    assert_eq!(ids, ["mobile-ip-change"]);
}

#[test]
fn an_absolute_timeout_costs_the_busy_user() {
    let ids = costly(
        Knob::AbsoluteTimeout(None),
        Knob::AbsoluteTimeout(Some(Minutes(60))),
    );
    assert!(
        ids.iter().any(|id| id == "busy-user-absolute-timeout"),
        "{ids:?}"
    );
}

#[test]
fn a_new_id_at_login_costs_nobody() {
    assert_eq!(
        costly(
            Knob::RegenerateOnLogin(false),
            Knob::RegenerateOnLogin(true)
        ),
        Vec::<String>::new()
    );
}

#[test]
fn samesite_strict_costs_the_user_who_arrives_from_a_link() {
    let ids = costly(
        Knob::SameSite(SameSitePolicy::Lax),
        Knob::SameSite(SameSitePolicy::Strict),
    );
    assert!(ids.iter().any(|id| id == "arrive-from-link"), "{ids:?}");
}

#[test]
fn served_as_her_counts_her_logged_in_pages() {
    let s = find("mobile-ip-change").unwrap();
    let with_binding = served_as_her(&run(&s, &s.settings(), SEED));
    let without = served_as_her(&run(
        &s,
        &s.settings().with(&[Knob::Binding(ClientBinding::None)]),
        SEED,
    ));
    assert!(without > with_binding, "{without} vs {with_binding}");
    assert!(served_as_her(&run(&find("login").unwrap(), &Default::default(), SEED)) > 0);
}

#[test]
fn the_score_falls_with_each_change_and_cost() {
    assert_eq!(score(true, 1, 0), 0);
    assert_eq!(score(false, 1, 0), 100);
    assert_eq!(score(false, 3, 0), 80);
    assert_eq!(score(false, 2, 1), 70);
    assert_eq!(score(false, 20, 9), 0);
}
