//! The words match the model (issue 14, item 8): what a control or a
//! sentence claims is what the engine does, checked on the engine.

mod common;
use common::runs::scenario;
use session_lab::engine::event::EventKind;
use session_lab::engine::rng::Seed;
use session_lab::engine::server::decision::{Decision, RegenerateTrigger};
use session_lab::engine::server::knob::Knob;
use session_lab::engine::server::settings::{SessionContents, Settings};
use session_lab::engine::server::shop::card_reference;
use session_lab::engine::{run, Run};

const CARD: &str = "4111 1111 1111 1111";

fn checkout(knobs: &[Knob]) -> Run {
    let s = scenario("checkout");
    run(&s, &s.settings().with(knobs), Seed(11))
}

/// Every value any session held at any point of the run.
fn session_values(r: &Run) -> Vec<(String, String)> {
    r.events
        .iter()
        .flat_map(|e| e.snapshot.server.sessions.iter())
        .flat_map(|s| s.data.iter().cloned())
        .collect()
}

/// Each regeneration with the path of the request being served.
fn regenerations(r: &Run) -> Vec<(RegenerateTrigger, String)> {
    let mut path = String::new();
    let mut out = Vec::new();
    for e in &r.events {
        match &e.kind {
            EventKind::Request { request, .. } => path = request.url.path().to_string(),
            EventKind::Server {
                decision: Decision::SessionRegenerated { trigger, .. },
            } => out.push((*trigger, path.clone())),
            _ => {}
        }
    }
    out
}

/// "Session holds: a user reference only" (the default) keeps the card
/// number typed at checkout out of the session: only its last four digits.
#[test]
fn by_default_checkout_keeps_only_a_card_reference() {
    assert_eq!(
        Settings::default().server.contents,
        SessionContents::UserReference
    );
    let r = checkout(&[]);
    let values = session_values(&r);
    assert!(
        values
            .iter()
            .any(|(k, v)| k == "checkout.payment" && v == "card ending 1111"),
        "{values:?}"
    );
    assert!(
        !values.iter().any(|(_, v)| v.contains(CARD)),
        "the full card number reached the session: {values:?}"
    );
    assert!(!values.iter().any(|(k, _)| k == "card_number"));
}

/// "Sensitive data too" copies the full number in, as the option says.
#[test]
fn with_sensitive_data_the_session_holds_the_card_number() {
    let r = checkout(&[Knob::Contents(SessionContents::SensitiveData)]);
    let values = session_values(&r);
    assert!(values
        .iter()
        .any(|(k, v)| k == "checkout.payment" && v == CARD));
    assert!(values.iter().any(|(k, _)| k == "card_number"));
}

#[test]
fn a_card_reference_is_the_last_four_digits() {
    assert_eq!(card_reference(CARD), "card ending 1111");
    assert_eq!(card_reference("5500-0000-0000-0004"), "card ending 0004");
    assert_eq!(card_reference("12"), "card ending 12");
}

/// "New session ID on privilege change" regenerates where the shop raises
/// a privilege: the password confirmed again at checkout, and nowhere else.
#[test]
fn privilege_change_regenerates_at_the_checkout_confirmation() {
    let r = checkout(&[
        Knob::RegenerateOnPrivilegeChange(true),
        Knob::RegenerateOnLogin(false),
    ]);
    assert_eq!(
        regenerations(&r),
        vec![(
            RegenerateTrigger::PrivilegeChange,
            "/checkout/confirm".to_string()
        )]
    );
    let off = checkout(&[
        Knob::RegenerateOnPrivilegeChange(false),
        Knob::RegenerateOnLogin(false),
    ]);
    assert_eq!(regenerations(&off), vec![]);
}

/// The sentence for that regeneration names what raised the privilege.
#[test]
fn the_privilege_sentence_names_the_checkout_confirmation() {
    let d = Decision::SessionRegenerated {
        old: session_lab::engine::server::id_generator::SessionId("a".into()),
        new: session_lab::engine::server::id_generator::SessionId("b".into()),
        trigger: RegenerateTrigger::PrivilegeChange,
    };
    let s = d.narration();
    assert!(s.contains("password, entered again at checkout"), "{s}");
    assert!(!s.contains("administrator"), "{s}");
}

/// Every sentence of every matrix cell: no doubled period where a reason's
/// explanation ends a narration, and "1 guess", not "1 guesses".
#[test]
fn matrix_narrations_read_as_sentences() {
    use session_lab::engine::matrix::Column;
    use session_lab::engine::scenario::catalog;
    let mut one_guess = false;
    for s in catalog() {
        for c in Column::all() {
            let r = run(&s, &c.apply(s.settings()), Seed::default());
            for e in &r.events {
                let n = &e.narration;
                assert!(!n.ends_with(".."), "{}: {n}", s.id);
                assert!(!n.contains("After 1 guesses"), "{}: {n}", s.id);
                one_guess |= n.contains("After 1 guess ");
            }
        }
    }
    // The singular is reached, so the check above is not vacuous.
    assert!(one_guess);
}

/// A jump of the clock is told in the clock's own readings, the ones the
/// page shows, never a rounded count: "a minute" for 00:30 → 02:00 read
/// wrong beside a lesson about a two-minute window.
#[test]
fn time_jumps_name_the_clock_readings() {
    let mut jumps = 0;
    for s in session_lab::engine::scenario::catalog() {
        let r = run(&s, &s.settings(), Seed(7));
        for e in &r.events {
            if let EventKind::ClockAdvanced { from, to } = &e.kind {
                jumps += 1;
                assert!(
                    e.narration.contains(&format!("from {from} to {to}")),
                    "{}: {}",
                    s.id,
                    e.narration
                );
            }
        }
    }
    assert!(jumps > 10, "the catalog has time jumps ({jumps})");
}
